import Foundation
import GridPlanCore
import XCTest

/// The campaign ledger beside the history (`visits.csv` → `visits-campaigns.csv`): campaign-only
/// visits that delivered their campaigns, read with the scenario, never counted as visits.
final class LoadingCampaignLedgerTests: XCTestCase {
    static let yaml = """
        name: 台账测试
        horizon: {start: 2026-11-23, days: 5}
        places: [{id: OFF, name: 居委会, lat: 31.2400, lon: 121.4000}]
        policies:
          - {category: 低保户, every_days: 30, min_gap_days: 15, duration_min: 20}
        workers:
          - {id: W01, name: 甲, grids: [G1], start: OFF, shift: ["08:30", "17:30"]}
        households:
          - {id: H1, grid: G1, lat: 31.2410, lon: 121.4000, categories: [低保户]}
          - {id: H2, grid: G1, lat: 31.2420, lon: 121.4000, categories: [低保户]}
        history: visits.csv
        campaigns:
          - {name: 春节慰问, categories: [低保户], by: 2026-11-27, duration_min: 15}

        """

    func load(ledger: String?) throws -> ScenarioLoadResult {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gridplan-ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try Self.yaml.write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        try "task,date,worker,result\nH1,2026-11-19,W01,done\nH2,2026-11-19,W01,done\n"
            .write(to: dir.appendingPathComponent("visits.csv"), atomically: true, encoding: .utf8)
        if let ledger {
            try ledger.write(to: dir.appendingPathComponent("visits-campaigns.csv"), atomically: true, encoding: .utf8)
        }
        return ScenarioLoader.load(path: dir.appendingPathComponent("s.yaml").path)
    }

    func testADoneCampaignOnlyVisitDeliversItsCampaignWithoutBeingAVisit() throws {
        let r = try load(ledger: "task,date,worker,result,campaign\nH1,2026-11-20,W01,done,春节慰问\n")
        let s = try XCTUnwrap(r.scenario, "\(r.errors)")
        XCTAssertEqual(s.campaignVisits, [HistoryEntry(task: "H1", date: CivilDate(iso: "2026-11-20")!, worker: "W01",
                                                       result: "done", campaigns: ["春节慰问"])])
        let jobs = Dictionary(s.jobs().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(jobs["H1"]?.campaigns, [], "delivered")
        XCTAssertEqual(jobs["H2"]?.campaigns.map(\.name), ["春节慰问"])
        XCTAssertEqual(jobs["H1"]?.lastVisit, CivilDate(iso: "2026-11-19"), "not a visit of the rhythm")
        XCTAssertEqual(jobs["H1"]?.pastVisits, [CivilDate(iso: "2026-11-19")!])
        XCTAssertTrue(s.source?.inputs.contains { $0.file == "visits-campaigns.csv" } ?? false, "an input of the digest")
    }

    func testWithoutALedgerNothingChanges() throws {
        let s = try XCTUnwrap(try load(ledger: nil).scenario)
        XCTAssertEqual(s.campaignVisits, [])
        XCTAssertFalse(s.source?.inputs.contains { $0.file == "visits-campaigns.csv" } ?? true)
    }

    func testALedgerRowForAnUnknownHouseholdOrWithoutACampaignIsAnErrorAtItsLine() throws {
        let r = try load(ledger: "task,date,worker,result,campaign\nH9,2026-11-20,W01,done,春节慰问\nH2,2026-11-20,W01,done,\n")
        XCTAssertNil(r.scenario)
        let errors = r.errors.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line ?? 0): \($0.message)" }
        XCTAssertEqual(errors, [
            "visits-campaigns.csv:2: unknown household 'H9' in the campaign ledger; did you mean 'H1'?",
            "visits-campaigns.csv:3: campaign visit 'H2' names no campaign; a row of the campaign ledger is a campaign-only visit",
        ])
    }

    func testAGrownLedgerDoesNotMakeThePlanStaleForRecordAndReplan() throws {
        let before = try XCTUnwrap(try load(ledger: nil).scenario?.source)
        let plan = ScenarioReference(name: "t", file: "s.yaml", sha256: before.sha256, inputs: before.inputs)
        var after = before
        after.inputs.append(InputFile(file: "visits-campaigns.csv", sha256: String(repeating: "a", count: 64)))
        after.sha256 = InputFile.digest(of: after.inputs)
        after.historyPath = URL(fileURLWithPath: before.path).deletingLastPathComponent().appendingPathComponent("visits.csv").path
        after.path = before.path
        XCTAssertNil(PlanFreshness.staleness(of: plan, against: after, ignoringHistory: true))
        XCTAssertEqual(PlanFreshness.staleness(of: plan, against: after)?.added, ["visits-campaigns.csv"])
    }
}
