import GridPlanCore
import XCTest

/// `KPIs.compute(routes:scenario:)`: format §5.8.
final class KPITests: XCTestCase {
    func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }
    func t(_ s: String) -> TimeOfDay { TimeOfDay(hhmm: s)! }
    let here = GeoPoint(lat: 31.2, lon: 121.4)

    /// Mon 2026-11-23 … Sun 29, working days Mon–Fri. W01 has a 90-minute break, W02 none, W03 is
    /// on leave all week (no available minutes).
    func scenario() -> Scenario {
        let shift = TimeWindow(text: "08:30-17:30")!
        return Scenario(
            name: "kpis", horizon: Horizon(start: d("2026-11-23"), days: 7),
            policies: [Policy(category: "A", everyDays: 7, durationMin: 30),
                       Policy(category: "K", everyDays: 7, durationMin: 30, workersNeeded: 2),
                       Policy(category: "B", everyDays: 14, durationMin: 30)],
            workers: [
                Worker(id: "W01", name: "", grids: ["G1"], start: "O", shift: shift, breakTime: TimeWindow(text: "11:30-13:00")),
                Worker(id: "W02", name: "", grids: ["G2"], mayCover: ["G1"], start: "O", shift: shift),
                Worker(id: "W03", name: "", grids: ["G3"], start: "O", shift: shift,
                       daysOff: (23...27).map { d("2026-11-\($0)") }),
            ],
            households: [
                Household(id: "H", grid: "G1", location: here, categories: ["K"]),                 // preferred W01
                Household(id: "H2", grid: "G2", location: here, categories: ["A"]),                // preferred W02
                Household(id: "H3", grid: "G1", location: here, categories: ["A"]),                // never visited
                Household(id: "H4", grid: "G1", location: here, categories: ["B"], lastVisit: d("2026-11-20")),
            ],
            patrols: [Patrol(id: "P", grid: "G1", location: here, everyDays: 7, durationMin: 10)])
    }

    func stop(_ task: String, _ kind: JobKind, _ start: String, _ end: String, with: [String] = []) -> Stop {
        Stop(task: task, kind: kind, arrive: t(start), start: t(start), end: t(end), travelMin: 0, travelKm: 0, with: with)
    }

    func routes() -> [Route] {
        [
            Route(worker: "W01", date: d("2026-11-23"), start: t("08:30"), end: t("14:00"), travelMin: 20, travelKm: 1.2341,
                  serviceMin: 60, stops: [stop("H", .visit, "09:00", "09:30", with: ["W02"]), stop("H2", .visit, "10:00", "10:30")]),
            Route(worker: "W02", date: d("2026-11-23"), start: t("09:00"), end: t("10:00"), travelMin: 7, travelKm: 0.5,
                  serviceMin: 40, stops: [stop("H", .visit, "09:00", "09:30", with: ["W01"]), stop("P", .patrol, "09:35", "09:45")]),
        ]
    }

    func test_visits_planned_counts_a_pair_visit_once_and_patrols_too() {
        XCTAssertEqual(KPIs.compute(routes: routes(), scenario: scenario()).visitsPlanned, 3)
    }

    func test_continuity_counts_a_pair_with_the_preferred_worker_as_preferred() {
        // H (pair W01+W02, preferred W01): preferred. H2 by W01, preferred W02: not. Patrols do not count.
        XCTAssertEqual(KPIs.compute(routes: routes(), scenario: scenario()).continuity, 0.5)
        var rs = routes()
        rs[0].stops.removeLast()
        XCTAssertEqual(KPIs.compute(routes: rs, scenario: scenario()).continuity, 1.0)
    }

    func test_working_time_subtracts_the_break_inside_the_route() {
        let k = KPIs.compute(routes: routes(), scenario: scenario())
        XCTAssertEqual(k.workMin, (330 - 90) + 60)
        XCTAssertEqual(routes()[0].workingMinutes(breakTime: TimeWindow(text: "11:30-13:00")), 240)
        XCTAssertEqual(routes()[0].workingMinutes(breakTime: TimeWindow(text: "14:00-15:00")), 330, "a break after the route")
    }

    func test_utilisation_is_taken_over_workers_with_available_minutes() {
        let k = KPIs.compute(routes: routes(), scenario: scenario())
        // W01: 240 / (5 × 450); W02: 60 / (5 × 540); W03 has no available minutes and is left out.
        XCTAssertEqual(k.utilisationMax, Plan.round(240.0 / 2250, places: 4))
        XCTAssertEqual(k.utilisationMin, Plan.round(60.0 / 2700, places: 4))
    }

    func test_utilisation_counts_an_idle_worker_as_zero() {
        var s = scenario()
        s.workers[2].daysOff = []
        XCTAssertEqual(KPIs.compute(routes: routes(), scenario: s).utilisationMin, 0)
    }

    func test_due_tasks_on_time_rate_and_late_task_days() {
        let k = KPIs.compute(routes: routes(), scenario: scenario())
        // H, H2, P visited Monday; H3 never (late all 5 working days); H4 not due (12-04).
        XCTAssertEqual(k.tasksDue, 4)
        XCTAssertEqual(k.lateTaskDays, 5)
        XCTAssertEqual(k.onTimeRate, 0.75)
    }

    func test_travel_totals_sum_the_routes() {
        let k = KPIs.compute(routes: routes(), scenario: scenario())
        XCTAssertEqual(k.travelMin, 27)
        XCTAssertEqual(k.travelKm, 1.734, accuracy: 1e-12)
    }

    func test_an_empty_plan_has_neutral_ratios() {
        let k = KPIs.compute(routes: [], scenario: scenario())
        XCTAssertEqual(k.visitsPlanned, 0)
        XCTAssertEqual(k.continuity, 1)
        XCTAssertEqual(k.utilisationMax, 0)
        XCTAssertEqual(k.onTimeRate, 0)
        XCTAssertEqual(k.lateTaskDays, 5 * 4)
    }

    func testTheRegularWeekdayDetailCountsTheVisitsNoPlanCouldKeepOnTheirWeekday() {
        // Mon 23 – Sun 29 Nov, Friday 27 a holiday: the week works Monday to Thursday. Weekly households:
        // A last visited Sat 21 (a weekday not worked) → Mon: counted, forced off;
        // B Mon 16 → Mon: on its weekday; C Tue 17 → Wed: off by the plan's choice;
        // D Fri 20 → Thu: forced off (Friday is a holiday). 4 counted, 1 on its weekday, 2 forced off,
        // so 1 of the 2 the week could keep: 50 %.
        let shift = TimeWindow(text: "08:30-17:30")!
        let s = Scenario(
            name: "regular", horizon: Horizon(start: d("2026-11-23"), days: 7, holidays: [d("2026-11-27")]),
            policies: [Policy(category: "A", everyDays: 7, durationMin: 30)],
            workers: [Worker(id: "W01", name: "", grids: ["G1"], start: "O", shift: shift)],
            households: [("A", "2026-11-21"), ("B", "2026-11-16"), ("C", "2026-11-17"), ("D", "2026-11-20")].map {
                Household(id: $0.0, grid: "G1", location: here, categories: ["A"], lastVisit: d($0.1))
            })
        let routes = [("2026-11-23", ["A", "B"]), ("2026-11-25", ["C"]), ("2026-11-26", ["D"])].map { date, tasks in
            Route(worker: "W01", date: d(date), start: t("08:30"), end: t("12:00"), travelMin: 0, travelKm: 0,
                  serviceMin: 30 * tasks.count, stops: tasks.map { stop($0, .visit, "09:00", "09:30") })
        }
        let resolved = ResolvedScenario(s)
        let detail = KPIs.regularWeekdayDetail(KPIs.outcomes(of: routes, in: resolved), calendar: resolved.calendar)
        XCTAssertEqual(detail, RegularWeekdayDetail(counted: 4, same: 1, forcedOff: 2))
        XCTAssertEqual(detail.rateWhereOffered ?? -1, 0.5, accuracy: 1e-12)
        XCTAssertEqual(KPIs.compute(routes: routes, scenario: s).regularWeekdayRate, 0.25, "the KPI itself counts them all")
    }
}
