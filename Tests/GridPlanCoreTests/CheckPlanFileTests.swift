@testable import GridPlanCore
import XCTest

/// `PlanFile`: what `gridplan check` says when plan.json is not a readable plan.
final class CheckPlanFileTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "plan-file-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func write(_ text: String, to name: String = "plan.json") -> String {
        let path = folder + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    func message(_ r: Result<Plan, PlanFileError>) -> String? {
        if case .failure(let e) = r { return e.message }
        return nil
    }

    func test_a_written_plan_reads_back_equal() throws {
        let plan = CheckFixture.validPlan(CheckFixture.scenario())
        let path = folder + "/plan.json"
        try plan.jsonData().write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try PlanFile.read(path: path).get(), plan)
    }

    func test_a_missing_file_or_a_folder_is_named() {
        XCTAssertEqual(message(PlanFile.read(path: folder + "/nothing.json")), "no such file")
        XCTAssertEqual(message(PlanFile.read(path: folder)), "is a folder, not a plan.json")
    }

    func test_text_that_is_not_json_is_rejected() {
        XCTAssertEqual(message(PlanFile.read(path: write("name: not json"))),
                       "not JSON: a plan is the plan.json written by 'gridplan plan'")
    }

    func test_a_missing_field_is_named_by_its_path() {
        XCTAssertEqual(message(PlanFile.read(path: write(#"{"format": "gridplan-plan/1"}"#))),
                       "not a gridplan plan: missing field 'scenario'")
    }

    func test_a_malformed_time_is_named_by_its_path() throws {
        let plan = CheckFixture.validPlan(CheckFixture.scenario())
        let text = String(decoding: try plan.jsonData(), as: UTF8.self)
            .replacingOccurrences(of: "\"09:40\"", with: "\"9h40\"")
        let m = message(PlanFile.read(path: write(text)))
        XCTAssertTrue(m?.hasPrefix("not a gridplan plan: field 'routes[0].stops[1].") ?? false, m ?? "read")
        XCTAssertTrue(m?.contains("expected a time HH:MM, got '9h40'") ?? false, m ?? "read")
    }

    func test_a_value_the_format_does_not_allow_is_named_with_the_values_it_does() throws {
        let plan = CheckFixture.validPlan(CheckFixture.scenario())
        let text = String(decoding: try plan.jsonData(), as: UTF8.self)
            .replacingOccurrences(of: "\"kind\" : \"visit\"", with: "\"kind\" : \"inspection\"")
            .replacingOccurrences(of: "\"kind\":\"visit\"", with: "\"kind\":\"inspection\"")
        let m = message(PlanFile.read(path: write(text)))
        XCTAssertTrue(m?.hasPrefix("not a gridplan plan: field 'routes[0].stops[") ?? false, m ?? "read")
        XCTAssertTrue(m?.hasSuffix("kind': 'inspection' is not one of visit, patrol, campaign") ?? false, m ?? "read")
        XCTAssertEqual(PlanFile.wording("Cannot initialize LateReason from invalid String value bad_weather"),
                       "'bad_weather' is not one of " + LateReason.allCases.map(\.rawValue).joined(separator: ", "))
        XCTAssertEqual(PlanFile.wording("Cannot initialize Other from invalid String value x"), "'x' is not a valid value")
        XCTAssertEqual(PlanFile.wording("Expected a time"), "Expected a time")
    }

    func test_another_format_is_rejected() throws {
        var plan = CheckFixture.validPlan(CheckFixture.scenario())
        plan.format = "gridplan-plan/2"
        let path = folder + "/plan.json"
        try plan.jsonData().write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(message(PlanFile.read(path: path)), "format 'gridplan-plan/2' is not gridplan-plan/1")
    }
}
