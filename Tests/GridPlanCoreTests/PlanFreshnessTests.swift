import XCTest
@testable import GridPlanCore

/// A plan is stale when the files it was made from differ from those on disk (Docs/scenario-format.md).
final class PlanFreshnessTests: XCTestCase {
    let yaml = InputFile(file: "scenario.yaml", sha256: String(repeating: "a", count: 64))
    let households = InputFile(file: "households.csv", sha256: String(repeating: "b", count: 64))
    let visits = InputFile(file: "visits.csv", sha256: String(repeating: "c", count: 64))

    func source(_ inputs: [InputFile]) -> ScenarioSource {
        ScenarioSource(path: "grid/scenario.yaml", inputs: inputs, historyPath: "grid/visits.csv")
    }

    func reference(_ inputs: [InputFile]?, sha256: String? = nil) -> ScenarioReference {
        ScenarioReference(name: "t", file: "scenario.yaml", sha256: sha256 ?? InputFile.digest(of: inputs ?? []),
                          inputs: inputs)
    }

    func testTheDigestDoesNotDependOnTheOrderFilesWereRead() {
        XCTAssertEqual(InputFile.digest(of: [yaml, households, visits]), InputFile.digest(of: [visits, yaml, households]))
        XCTAssertNotEqual(InputFile.digest(of: [yaml, households]), InputFile.digest(of: [yaml, visits]))
    }

    func testThePlanIsFreshWhenEveryInputIsTheSame() {
        XCTAssertNil(PlanFreshness.staleness(of: reference([yaml, households, visits]),
                                             against: source([visits, households, yaml])))
    }

    func testAChangedCsvIsNamed() throws {
        var edited = households
        edited.sha256 = String(repeating: "d", count: 64)
        let stale = try XCTUnwrap(PlanFreshness.staleness(of: reference([yaml, households, visits]),
                                                          against: source([yaml, edited, visits])))
        XCTAssertEqual(stale.changed, ["households.csv"])
        XCTAssertEqual(stale.message, "the plan is stale: households.csv changed since it was made")
    }

    func testAFileReadNowButNotThenAndOneNoLongerReadAreNamed() throws {
        let matrix = InputFile(file: "travel.csv", sha256: String(repeating: "e", count: 64))
        let stale = try XCTUnwrap(PlanFreshness.staleness(of: reference([yaml, households, visits]),
                                                          against: source([yaml, households, matrix])))
        XCTAssertEqual(stale.message,
                       "the plan is stale: travel.csv not read when it was made; visits.csv no longer read")
    }

    func testAPlanWithTheOldYamlOnlyDigestIsMadeFromOtherInputs() throws {
        let stale = try XCTUnwrap(PlanFreshness.staleness(of: reference(nil, sha256: yaml.sha256),
                                                          against: source([yaml, households])))
        XCTAssertTrue(stale.unknownInputs)
        XCTAssertTrue(stale.message.hasPrefix("the plan was made from other inputs or an older gridplan"), stale.message)
    }

    func testAGrownHistoryAloneIsExpectedWhenRecording() throws {
        var grown = visits
        grown.sha256 = String(repeating: "f", count: 64)
        let plan = reference([yaml, households, visits])
        XCTAssertNil(PlanFreshness.staleness(of: plan, against: source([yaml, households, grown]), ignoringHistory: true))
        XCTAssertEqual(PlanFreshness.staleness(of: plan, against: source([yaml, households, grown]))?.changed,
                       ["visits.csv"])
    }

    func testAPlanOrScenarioWithoutDigestIsNeverStale() {
        XCTAssertNil(PlanFreshness.staleness(of: reference(nil, sha256: ""), against: source([yaml])))
        XCTAssertNil(PlanFreshness.staleness(of: reference([yaml]), against: nil))
    }

    func testThePlanBlockListsTheInputsSortedByName() {
        var s = Scenario(name: "t", horizon: Horizon(start: CivilDate(iso: "2026-11-23")!, days: 7))
        s.source = source([yaml, visits, households])
        let r = ScenarioReference(madeFrom: s)
        XCTAssertEqual(r.file, "scenario.yaml")
        XCTAssertEqual(r.inputs?.map(\.file), ["households.csv", "scenario.yaml", "visits.csv"])
        XCTAssertEqual(r.sha256, s.source?.sha256)
    }
}
