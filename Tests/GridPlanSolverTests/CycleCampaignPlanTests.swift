import Foundation
import XCTest
import GridPlanCheck
import GridPlanCore
@testable import GridPlanSolver

/// Campaigns through the planner: every household of the categories visited by the deadline, the
/// first visit lasting the campaign's minutes longer, and the plan still valid for the checker.
final class CycleCampaignPlanTests: XCTestCase {
    func scenario(campaignBy by: String) throws -> Scenario {
        let yaml = CycleObjectiveTests.yaml + """
            campaigns:
              - {name: 冬季慰问, categories: [独居老人], by: \(by), duration_min: 15}

            """
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gridplan-camp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try yaml.write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        try "task,date,worker,result\n".write(to: dir.appendingPathComponent("visits.csv"), atomically: true, encoding: .utf8)
        let r = ScenarioLoader.load(path: dir.appendingPathComponent("s.yaml").path)
        return try XCTUnwrap(r.scenario, "\(r.errors)")
    }

    func testEveryCampaignHouseholdIsVisitedByTheDeadlineWithTheCampaignMinutes() throws {
        let s = try scenario(campaignBy: "2026-11-25")
        let plan = try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 10, mipGap: 0))
        XCTAssertEqual(PlanChecker.check(plan, against: s).map(\.description), [])
        let by = CivilDate(iso: "2026-11-25")!
        for h in s.households {
            let visits = plan.routes.flatMap { r in r.stops.filter { $0.task == h.id }.map { (r.date, $0) } }
                .sorted { $0.0 < $1.0 }
            let first = try XCTUnwrap(visits.first, "\(h.id) is not visited")
            XCTAssertLessThanOrEqual(first.0, by, h.id)
            XCTAssertEqual(first.1.end.minutes - first.1.start.minutes, 30 + 15, h.id)
            for later in visits.dropFirst() { XCTAssertEqual(later.1.end.minutes - later.1.start.minutes, 30, h.id) }
        }
        // H13 is not due this week (visited on Saturday) but owes the campaign: it is visited for it.
        XCTAssertTrue(plan.routes.contains { $0.stops.contains { $0.task == "H13" } })
    }

    func testACampaignDueAfterTheHorizonDoesNotForceAVisit() throws {
        let s = try scenario(campaignBy: "2026-12-20")
        let plan = try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 10, mipGap: 0))
        XCTAssertEqual(PlanChecker.check(plan, against: s).map(\.description), [])
        XCTAssertFalse(plan.routes.contains { $0.stops.contains { $0.task == "H13" } })
        // Visits this week still carry it (combined with the regular visit).
        let h1 = try XCTUnwrap(plan.routes.flatMap(\.stops).first { $0.task == "H01" })
        XCTAssertEqual(h1.end.minutes - h1.start.minutes, 45)
    }

    func testRecordingMarksTheCampaignDoneForNextWeek() throws {
        let s = try scenario(campaignBy: "2026-11-25")
        let plan = try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 10, mipGap: 0))
        var next = s
        next.history = HistoryRecorder.record(plan: plan, scenario: ResolvedScenario(s), existing: []).newEntries
        XCTAssertTrue(next.jobs().allSatisfy { $0.campaigns.isEmpty })
        XCTAssertFalse(s.jobs().allSatisfy { $0.campaigns.isEmpty })
    }
}
