import Foundation
import XCTest
import GridPlanCheck
@testable import GridPlanCore

final class CycleCampaignTests: XCTestCase {
    static let yaml = CycleFixture.yaml + """

        campaigns:
          - {name: 冬季慰问, categories: [独居老人], by: 2026-11-26, duration_min: 30}
        """

    func jobs(history: String? = nil) throws -> [String: Job] {
        let path = try CycleFixture.folder(self, yaml: Self.yaml, history: history.map { ("visits.csv", Array($0.utf8)) })
        return Dictionary(try CycleFixture.load(path).jobs().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func testAHouseholdOfACampaignCategoryOwesTheCampaign() throws {
        let h1 = try XCTUnwrap(try jobs()["H1"])
        XCTAssertEqual(h1.campaigns, [CampaignDue(name: "冬季慰问", by: CivilDate(iso: "2026-11-26")!, durationMin: 30)])
    }

    func testADoneHistoryRowThatCarriedTheCampaignSettlesIt() throws {
        let js = try jobs(history: "task,date,worker,result,campaign\nH1,2026-11-16,W01,done,冬季慰问\nH2,2026-11-16,W01,not_home,冬季慰问\n")
        XCTAssertEqual(js["H1"]?.campaigns, [])
        XCTAssertEqual(js["H2"]?.campaigns.map(\.name), ["冬季慰问"])
    }

    func testTheFirstVisitOnOrBeforeTheDeadlineCarriesTheCampaignMinutes() throws {
        let h1 = try XCTUnwrap(try jobs()["H1"])
        let mon = CivilDate(iso: "2026-11-23")!, fri = CivilDate(iso: "2026-11-27")!
        XCTAssertEqual(h1.durationMin(on: mon, visitDates: [fri, mon]), 50)
        XCTAssertEqual(h1.durationMin(on: fri, visitDates: [fri, mon]), 20)
        // A first visit after the deadline carries nothing: the campaign is missed.
        XCTAssertEqual(h1.durationMin(on: fri, visitDates: [fri]), 20)
    }

    func testTheCheckerAcceptsTheCombinedDurationAndRejectsThePlainOne() throws {
        let path = try CycleFixture.folder(self, yaml: Self.yaml)
        let s = try CycleFixture.load(path)
        func durationFindings(_ minutes: Int) -> [String] {
            var plan = CycleFixture.plan()
            plan.routes[0].stops[0].end = TimeOfDay(minutes: 540 + minutes)
            return PlanChecker.check(plan, against: s)
                .filter { $0.rule == "5.3" && $0.task == "H1" && $0.message.contains("lasts") }.map(\.message)
        }
        XCTAssertEqual(durationFindings(50), [])
        XCTAssertEqual(durationFindings(20),
                       ["W01 on 2026-11-23: stop H1 lasts 20 min (09:00-09:20); the task takes 50 min with its campaigns"])
    }

    func testRecordingMarksTheVisitThatCarriedTheCampaign() throws {
        let s = try CycleFixture.load(try CycleFixture.folder(self, yaml: Self.yaml))
        let r = HistoryRecorder.record(plan: CycleFixture.plan(), scenario: ResolvedScenario(s), existing: [])
        XCTAssertEqual(r.newEntries.map(\.campaigns), [["冬季慰问"], ["冬季慰问"], ["冬季慰问"]])
        let text = HistoryFile(path: "v.csv", exists: true, text: "task,date,worker\n", encoding: .utf8, lineEnding: "\n",
                               header: ["task", "date", "worker"], entries: []).text(appending: r.newEntries).text
        XCTAssertEqual(text, "task,date,worker,campaign\nH1,2026-11-23,W01,冬季慰问\nH2,2026-11-24,W02,冬季慰问\nH3,2026-11-24,W02,冬季慰问\n")
    }
}
