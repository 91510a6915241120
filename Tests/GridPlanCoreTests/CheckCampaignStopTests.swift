import GridPlanCheck
import GridPlanCore
import XCTest

/// The checker on campaign-only stops (kind `campaign`, Docs/scenario-format.md `campaigns`): a valid
/// one, not bound by the gap rule, and one broken way at a time.
final class CheckCampaignStopTests: XCTestCase {
    typealias F = CheckFixture

    /// The checker fixture with a greeting campaign for 低保户 due Wednesday: H3 owes it (visited
    /// 11-19, min_gap_days 15, so no regular visit this week); H4, 残疾人 at the same door, owes nothing.
    static func scenario() -> Scenario {
        var s = F.scenario()
        s.policies += [Policy(category: "低保户", everyDays: 30, minGapDays: 15, durationMin: 20),
                       Policy(category: "残疾人", everyDays: 30, minGapDays: 15, durationMin: 20)]
        let door = GeoPoint(lat: 31.24950, lon: 121.40760)
        s.households += [
            Household(id: "H3", name: "钱某", grid: "G1", location: door, categories: ["低保户"], lastVisit: F.d("2026-11-19")),
            Household(id: "H4", name: "孙某", grid: "G1", location: door, categories: ["残疾人"], lastVisit: F.d("2026-11-19")),
        ]
        s.campaigns = [Campaign(name: "春节慰问", categories: ["低保户"], by: F.d("2026-11-25"), durationMin: 15)]
        return s
    }

    let scenario = CheckCampaignStopTests.scenario()

    /// W01's route on `date`: a campaign-only stop at `task` lasting `minutes`, timed by the travel model.
    func campaignRoute(_ task: String = "H3", on date: String = "2026-11-24", minutes: Int = 15,
                       campaign: [String] = ["春节慰问"]) -> Route {
        let model = TravelModel(scenario: scenario)
        let w = scenario.workers[0]
        let there = model.leg(from: w.start, to: task, worker: w), back = model.leg(from: task, to: w.end, worker: w)
        let start = F.t("14:00").minutes
        let stop = Stop(task: task, kind: .campaign, arrive: TimeOfDay(minutes: start + there.minutes),
                        start: TimeOfDay(minutes: start + there.minutes), end: TimeOfDay(minutes: start + there.minutes + minutes),
                        travelMin: there.minutes, travelKm: Plan.round(there.km, places: 3), campaign: campaign)
        return Route(worker: w.id, date: F.d(date), start: TimeOfDay(minutes: start),
                     end: TimeOfDay(minutes: start + there.minutes + minutes + back.minutes),
                     travelMin: there.minutes + back.minutes, travelKm: Plan.round(there.km + back.km, places: 3),
                     serviceMin: minutes, stops: [stop])
    }

    /// A plan with the KPIs and the late and missed-campaign lists as a correct planner writes them.
    func plan(_ routes: [Route]) -> Plan {
        var p = F.plan(scenario, routes: routes)
        p.missedCampaigns = CampaignDeliveries.outcomes(of: routes, jobs: scenario.jobs())
            .filter { $0.isDue(in: scenario.horizon) && !$0.isKept }
            .map { MissedCampaign(household: $0.household, campaign: $0.campaign.name, deadline: $0.campaign.by,
                                  reason: .other, detail: "fixture") }
        return p
    }

    func violations(_ p: Plan) -> [String] { PlanChecker.check(p, against: scenario).map(\.description) }

    func assertCaught(_ p: Plan, _ rule: String, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        let found = violations(p)
        XCTAssertTrue(found.contains { $0.hasPrefix("rule \(rule): ") && $0.contains(fragment) },
                      "expected rule \(rule) '\(fragment)', got:\n" + found.joined(separator: "\n"), file: file, line: line)
    }

    func testACampaignStopWithinTheGapOfTheLastVisitIsValid() {
        let p = plan(F.validRoutes(scenario) + [campaignRoute()])
        XCTAssertEqual(p.kpis.campaignVisitsOwed, 1)
        XCTAssertEqual(p.kpis.campaignVisitsKept, 1)
        XCTAssertEqual(p.missedCampaigns, [])
        XCTAssertEqual(violations(p), [], "4 days after its visit of 11-19, though min_gap_days is 15: no visit of the rhythm")
        XCTAssertEqual(p.kpis.visitsPlanned, F.validPlan(F.scenario()).kpis.visitsPlanned, "no visit event")
    }

    func testACampaignStopForAHouseholdThatOwesNoCampaignIsCaught() {
        assertCaught(plan(F.validRoutes(scenario) + [campaignRoute("H4")]), "5.1",
                     "campaign stop H4 names campaign '春节慰问', which household H4 does not owe")
    }

    func testACampaignStopForAHouseholdWhoseLedgerDeliveredItIsCaught() {
        var s = scenario
        s.campaignVisits = [HistoryEntry(task: "H3", date: F.d("2026-11-20"), worker: "W01", campaigns: ["春节慰问"])]
        let found = PlanChecker.check(plan(F.validRoutes(scenario) + [campaignRoute()]), against: s).map(\.description)
        XCTAssertTrue(found.contains { $0.contains("campaign stop H3 names campaign '春节慰问', which household H3 does not owe") },
                      found.joined(separator: "\n"))
    }

    func testACampaignStopNamingNoCampaignOrAnUnknownOneIsCaught() {
        assertCaught(plan(F.validRoutes(scenario) + [campaignRoute(campaign: [])]), "5.1", "names no campaign")
        assertCaught(plan(F.validRoutes(scenario) + [campaignRoute(campaign: ["端午慰问"])]), "5.1",
                     "names campaign '端午慰问', which is not a campaign of the scenario")
    }

    func testACampaignStopAfterTheDeadlineIsCaught() {
        assertCaught(plan(F.validRoutes(scenario) + [campaignRoute(on: "2026-11-26")]), "5.1",
                     "campaign stop H3 for '春节慰问' is after its deadline 2026-11-25")
    }

    func testACampaignStopOfTheWrongLengthIsCaught() {
        assertCaught(plan(F.validRoutes(scenario) + [campaignRoute(minutes: 20)]), "5.3",
                     "campaign stop H3 lasts 20 min (14:04-14:24); its campaigns take 15 min")
    }

    func testAPatrolPointListedAsACampaignStopIsCaught() {
        var p = plan(F.validRoutes(scenario) + [campaignRoute()])
        p.routes[0].stops[2].kind = .campaign
        assertCaught(p, "5.1", "stop P1 is a patrol point (kind patrol) but is listed with kind campaign")
    }

    func testACampaignNoStopDeliversMustBeInTheMissedListAndTheFigures() {
        var p = plan(F.validRoutes(scenario))
        XCTAssertEqual(p.missedCampaigns?.map(\.household), ["H3"])
        XCTAssertEqual(violations(p), [])
        p.missedCampaigns = []
        p.kpis.campaignVisitsKept = 1
        assertCaught(p, "4", "H3 gets no '春节慰问' visit by 2026-11-25 but is missing from missed_campaigns")
        assertCaught(p, "5.8", "kpis.campaign_visits_kept is 1; recounted from the routes: 0")
    }

    func testAPlanWrittenBeforeCampaignStopsStillChecks() throws {
        // No campaign figures and no missed list: an older gridplan's plan, read back from JSON.
        var p = plan(F.validRoutes(scenario))
        p.missedCampaigns = nil
        p.kpis.campaignVisitsOwed = nil
        p.kpis.campaignVisitsKept = nil
        let json = String(decoding: try p.jsonData(), as: UTF8.self)
        XCTAssertFalse(json.contains("campaign"))
        XCTAssertEqual(violations(try Plan.decode(from: Data(json.utf8))), [])
    }
}
