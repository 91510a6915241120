import Foundation
import GridPlanCore
import GridPlanRun
import GridPlanSolver
import XCTest

/// Plan → check → write on the shipped xinghe scenario.
final class PlanRunTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func xinghe() throws -> (ResolvedScenario, URL) {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("planrun-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("scenarios/xinghe"), to: tmp)
        addTeardownBlock { try? FileManager.default.removeItem(at: tmp) }
        let loaded = ScenarioLoader.load(path: tmp.appendingPathComponent("scenario.yaml").path)
        return (try XCTUnwrap(loaded.resolved, "\(loaded.errors)"), tmp)
    }

    func testTheFileSetIsPlanJsonTheReportsAndTheExtras() throws {
        let (s, _) = try xinghe()
        XCTAssertEqual(PlanRun.fileNames(for: s, extra: ["changes.csv"]), [
            "plan.json", "roster.html", "roster.md", "roster.csv", "visits.csv", "roster.xlsx", "visits.xlsx",
        ] + s.workers.flatMap { ["daily/\($0.id).html", "calendar/\($0.id).ics"] } + ["changes.csv"])
    }

    func testAFileSetLandingOnAnInputIsRefused() throws {
        let (s, folder) = try xinghe()
        XCTAssertThrowsError(try PlanRun.refuseInputClash([folder.appendingPathComponent("households.csv")], scenario: s.scenario))
        XCTAssertThrowsError(try PlanRun.refuseInputClash([folder.appendingPathComponent("visits.csv")], scenario: s.scenario))
        XCTAssertNoThrow(try PlanRun.refuseInputClash([folder.appendingPathComponent("out/visits.csv")], scenario: s.scenario))
    }

    func testAPlannedWeekIsCheckedAndWrittenWithPlanJsonLast() throws {
        let (s, folder) = try xinghe()
        let plan = try PlanRun.plan(s, options: PlanOptions(timeLimitSeconds: 20))
        let out = folder.appendingPathComponent("out")
        let written = try PlanRun.write(plan, scenario: s, to: out)
        XCTAssertEqual(written.last?.lastPathComponent, "plan.json")
        XCTAssertEqual(written.count, PlanRun.fileNames(for: s).count)
        XCTAssertTrue(written.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
    }

    func testABrokenPlanIsNeitherReturnedNorWritten() throws {
        let (s, folder) = try xinghe()
        var plan = try PlanRun.plan(s, options: PlanOptions(timeLimitSeconds: 20))
        plan.kpis.visitsPlanned += 1
        let out = folder.appendingPathComponent("broken")
        XCTAssertThrowsError(try PlanRun.write(plan, scenario: s, to: out)) { error in
            guard case PlanRun.Failure.breaksRules(let v)? = error as? PlanRun.Failure else { return XCTFail("\(error)") }
            XCTAssertEqual(v.map(\.rule), ["5.8"])
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    func testThePlannerGetsTheTimeLimitLessAFixedReserveForLoadingAndWriting() {
        XCTAssertEqual(PlanRun.plannerTimeLimit(total: 60), 51)
        XCTAssertEqual(PlanRun.plannerTimeLimit(total: 2), 1.5)
        XCTAssertEqual(PlanRun.plannerTimeLimit(total: 1), 1)
        // 0.4 ms per task on top: a district of 15,000 tasks keeps 6 s more for loading and writing.
        XCTAssertEqual(PlanRun.plannerTimeLimit(total: 60, tasks: 15_000), 45, accuracy: 1e-9)
        XCTAssertEqual(PlanRun.plannerTimeLimit(total: 2, tasks: 15_000), 1)
    }
}
