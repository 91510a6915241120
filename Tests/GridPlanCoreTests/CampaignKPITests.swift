import GridPlanCheck
import GridPlanCore
import XCTest

/// The campaign KPIs worked out by hand on a small plan, by the planner's KPIs and the checker's own reading.
final class CampaignKPITests: XCTestCase {
    func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    /// Monday 2026-11-23 … Friday 27. 春节慰问 for 低保户 is due Wednesday; 七一慰问 only next June.
    func scenario() -> Scenario {
        let p = GeoPoint(lat: 31.24, lon: 121.40)
        func h(_ id: String, _ category: String, last: String) -> Household {
            Household(id: id, grid: "G1", location: p, categories: [category], lastVisit: d(last))
        }
        var s = Scenario(
            name: "campaign KPIs", horizon: Horizon(start: d("2026-11-23"), days: 5),
            places: [Place(id: "OFF", name: "office", location: p)],
            policies: [Policy(category: "低保户", everyDays: 30, minGapDays: 15, durationMin: 20),
                       Policy(category: "独居老人", everyDays: 7, minGapDays: 3, durationMin: 20)],
            workers: [Worker(id: "W01", name: "甲", grids: ["G1"], start: "OFF", shift: TimeWindow(510, 1050)),
                      Worker(id: "W02", name: "乙", grids: ["G1"], start: "OFF", shift: TimeWindow(510, 1050))],
            households: [
                h("H1", "低保户", last: "2026-11-05"),   // visited Tuesday: the visit carries 春节慰问 → kept
                h("H2", "低保户", last: "2026-11-19"),   // gap-blocked; campaign stop Monday → kept
                h("H3", "低保户", last: "2026-10-20"),   // overdue; visited Thursday, after the deadline → missed
                h("H4", "低保户", last: "2026-11-10"),   // not visited → missed
                h("H5", "低保户", last: "2026-11-10"),   // 春节慰问 delivered before (campaign ledger) → owes only 七一慰问
                h("H6", "独居老人", last: "2026-11-22"), // owes nothing
                h("H7", "低保户", last: "2026-10-23"),   // overdue; campaign stop Monday → kept, still late every day
            ],
            campaigns: [Campaign(name: "春节慰问", categories: ["低保户"], by: d("2026-11-25"), durationMin: 15),
                        Campaign(name: "七一慰问", categories: ["低保户"], by: d("2027-06-30"), durationMin: 10)])
        s.campaignVisits = [HistoryEntry(task: "H5", date: d("2026-11-20"), worker: "W01", campaigns: ["春节慰问"])]
        return s
    }

    func stop(_ task: String, _ kind: JobKind, campaign: [String]? = nil) -> Stop {
        Stop(task: task, kind: kind, arrive: TimeOfDay(minutes: 540), start: TimeOfDay(minutes: 540),
             end: TimeOfDay(minutes: 560), travelMin: 0, travelKm: 0, campaign: campaign)
    }

    func route(_ worker: String, _ date: String, _ stops: [Stop]) -> Route {
        Route(worker: worker, date: d(date), start: TimeOfDay(minutes: 540), end: TimeOfDay(minutes: 600),
              travelMin: 0, travelKm: 0, serviceMin: 0, stops: stops)
    }

    func routes() -> [Route] {
        [route("W02", "2026-11-23", [stop("H2", .campaign, campaign: ["春节慰问"]), stop("H7", .campaign, campaign: ["春节慰问"])]),
         route("W01", "2026-11-24", [stop("H1", .visit)]),
         route("W01", "2026-11-26", [stop("H3", .visit)])]
    }

    func testTheCampaignFiguresAsWorkedOutByHand() {
        let s = scenario()
        let k = KPIs.compute(routes: routes(), scenario: s)
        // Owed with the deadline in the week: H1, H2, H3, H4, H7 (H5's is delivered; 七一慰问 is due next year).
        XCTAssertEqual(k.campaignVisitsOwed, 5)
        // Kept: H1 (its Tuesday visit carries it), H2 and H7 (campaign stops on Monday).
        XCTAssertEqual(k.campaignVisitsKept, 3)
        // The campaign stops are no visits: two visit events (H1, H3), both by the preferred worker W01 …
        XCTAssertEqual(k.visitsPlanned, 2)
        XCTAssertEqual(k.continuity, 1)
        // … and keep no one on time: H3 late Mon–Wed (3), H7 late all five days; due: H3, H7.
        XCTAssertEqual(k.lateTaskDays, 8)
        XCTAssertEqual(k.tasksDue, 2)
        XCTAssertEqual(k.onTimeRate, 0)
        XCTAssertEqual(k.workMin, 180, "their minutes count in the routes' working time")

        let outcomes = CampaignDeliveries.outcomes(of: routes(), jobs: s.jobs()).filter { $0.isDue(in: s.horizon) }
        XCTAssertEqual(outcomes.filter { !$0.isKept }.map(\.household), ["H3", "H4"])
        XCTAssertEqual(outcomes.filter(\.byCampaignStop).map(\.household), ["H2", "H7"])
    }

    func testTheCheckerCountsTheSame() {
        let s = scenario()
        let tasks = SpecTask.all(in: s)
        var regular: [String: Set<CivilDate>] = [:]
        for r in routes() { for st in r.stops where st.kind != .campaign { regular[st.task, default: []].insert(r.date) } }
        let due = SpecCampaigns.outcomes(tasks: tasks, regularVisits: regular, routes: routes())
            .filter { $0.by >= s.horizon.start && $0.by <= s.horizon.end }
        XCTAssertEqual(due.count, 5)
        XCTAssertEqual(due.filter(\.isKept).map(\.household), ["H1", "H2", "H7"])
        let k = SpecKPIs.compute(routes: routes(), scenario: s)
        XCTAssertEqual([k.visitsPlanned, k.lateTaskDays, k.tasksDue], [2, 8, 2])
    }

    func testAPlanWithoutCampaignsDueGivesNoCampaignFigures() {
        var s = scenario()
        s.campaigns = []
        let k = KPIs.compute(routes: routes().dropFirst().map { $0 }, scenario: s)
        XCTAssertNil(k.campaignVisitsOwed)
        XCTAssertNil(k.campaignVisitsKept)
    }
}
