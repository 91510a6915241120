import GridPlanCore
import XCTest

/// `Scenario.jobs()`: the combination rules of format §1, the default preferred worker and history.
final class JobTests: XCTestCase {
    func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }
    func w(_ s: String) -> TimeWindow { TimeWindow(text: s)! }
    let here = GeoPoint(lat: 31.2, lon: 121.4)

    func scenario(households: [Household], policies: [Policy] = [], patrols: [Patrol] = [],
                  history: [HistoryEntry] = []) -> Scenario {
        let shift = TimeWindow(text: "08:30-17:30")!
        return Scenario(
            name: "jobs", horizon: Horizon(start: d("2026-11-23"), days: 7),
            policies: policies.isEmpty ? [
                Policy(category: "A", everyDays: 7, minGapDays: 3, durationMin: 20, priority: 5, skills: ["x"],
                       window: w("09:00-11:30")),
                Policy(category: "B", everyDays: 7, minGapDays: 5, durationMin: 30, priority: 2, skills: ["y", "x"],
                       workersNeeded: 2, window: w("10:00-16:00")),
                Policy(category: "C", everyDays: 3, durationMin: 15),
                Policy(category: "D", everyDays: 14, minGapDays: 10, durationMin: 10, window: w("14:00-17:00")),
            ] : policies,
            workers: [
                Worker(id: "W01", name: "", grids: ["G2"], mayCover: ["G1"], start: "O", shift: shift),
                Worker(id: "W02", name: "", grids: ["G1"], start: "O", shift: shift),
                Worker(id: "W03", name: "", grids: ["G1"], start: "O", shift: shift),
            ],
            households: households, patrols: patrols, history: history)
    }

    func job(_ categories: [String], _ configure: (inout Household) -> Void = { _ in }) -> Job {
        var h = Household(id: "H", grid: "G1", location: here, categories: categories)
        configure(&h)
        return scenario(households: [h]).jobs()[0]
    }

    func test_a_single_category_takes_its_policy() {
        let j = job(["A"])
        XCTAssertEqual([j.everyDays, j.minGapDays, j.durationMin, j.priority, j.workersNeeded], [7, 3, 20, 5, 1])
        XCTAssertEqual(j.skills, ["x"])
        XCTAssertEqual(j.window, w("09:00-11:30"))
        XCTAssertEqual(j.kind, .visit)
    }

    func test_categories_combine_by_the_rules_of_section_1() {
        let j = job(["A", "B"])
        XCTAssertEqual(j.everyDays, 7)
        XCTAssertEqual(j.minGapDays, 5, "a tie on every_days takes the larger min_gap_days")
        XCTAssertEqual(j.durationMin, 50, "summed duration")
        XCTAssertEqual(j.priority, 5, "highest priority")
        XCTAssertEqual(j.skills, ["x", "y"], "union of skills")
        XCTAssertEqual(j.workersNeeded, 2, "largest workers_needed")
        XCTAssertEqual(j.window, w("10:00-11:30"), "intersection of windows")
        XCTAssertFalse(j.windowIsEmpty)
    }

    func test_the_smallest_every_days_sets_the_rhythm_with_its_own_gap() {
        let j = job(["A", "C"])
        XCTAssertEqual(j.everyDays, 3)
        XCTAssertEqual(j.minGapDays, 1, "C's default: 3 / 2 rounded down")
        XCTAssertEqual(j.window, w("09:00-11:30"), "C has no window")
    }

    func test_default_min_gap_is_at_least_one() {
        let s = scenario(households: [Household(id: "H", grid: "G1", location: here, categories: ["E"])],
                         policies: [Policy(category: "E", everyDays: 1, durationMin: 5)])
        XCTAssertEqual(s.jobs()[0].minGapDays, 1)
        XCTAssertEqual(Policy(category: "F", everyDays: 7, durationMin: 5).effectiveMinGapDays, 3)
    }

    func test_a_given_duration_replaces_the_sum() {
        XCTAssertEqual(job(["A", "B"]) { $0.durationMin = 25 }.durationMin, 25)
    }

    func test_the_household_window_is_intersected_too() {
        XCTAssertEqual(job(["B"]) { $0.window = self.w("15:00-19:00") }.window, w("15:00-16:00"))
        XCTAssertEqual(job(["C"]) { $0.window = self.w("18:00-20:00") }.window, w("18:00-20:00"), "an evening window")
    }

    func test_disjoint_windows_make_the_job_impossible() {
        let j = job(["A", "D"])
        XCTAssertTrue(j.windowIsEmpty)
        XCTAssertNil(j.window)
    }

    func test_preferred_worker_defaults_to_the_first_worker_responsible_for_the_grid() {
        XCTAssertEqual(job(["A"]).preferredWorker, "W02", "W01 only may cover G1")
        XCTAssertEqual(job(["A"]) { $0.preferredWorker = "W03" }.preferredWorker, "W03")
        XCTAssertNil(job(["A"]) { $0.grid = "G9" }.preferredWorker)
    }

    func test_the_later_of_last_visit_and_history_counts() {
        let h = Household(id: "H", grid: "G1", location: here, categories: ["A"], lastVisit: d("2026-11-15"))
        let p = Patrol(id: "P", grid: "G1", location: here, everyDays: 7, durationMin: 10, lastVisit: d("2026-11-19"))
        let history = [
            HistoryEntry(task: "H", date: d("2026-11-18"), worker: "W02"),
            HistoryEntry(task: "H", date: d("2026-11-20"), worker: "W02", result: "not_home"),
            HistoryEntry(task: "H", date: d("2026-11-10"), worker: "W02", result: "done"),
            HistoryEntry(task: "P", date: d("2026-11-17"), worker: "W02", result: "DONE"),
            HistoryEntry(task: "P", date: d("2026-11-21"), worker: "W02", result: "refused"),
        ]
        let jobs = scenario(households: [h], patrols: [p], history: history).jobs()
        XCTAssertEqual(jobs[0].lastVisit, d("2026-11-20"), "history later than the column; every row counts (§1), not_home too")
        XCTAssertEqual(jobs[1].lastVisit, d("2026-11-21"), "every history row counts (§1), refused too")
        let past = scenario(households: [h], patrols: [p], history: history).pastVisitDates()
        XCTAssertEqual(past["H"], ["2026-11-10", "2026-11-15", "2026-11-18", "2026-11-20"].map(d))
        XCTAssertEqual(past["P"], ["2026-11-17", "2026-11-19", "2026-11-21"].map(d))
    }

    func test_patrols_are_single_worker_jobs_with_the_default_gap() {
        let p = Patrol(id: "P", grid: "G1", location: here, everyDays: 5, durationMin: 10, window: w("20:00-22:00"),
                       skills: ["night", "night"], priority: 7)
        let j = scenario(households: [], patrols: [p]).jobs()[0]
        XCTAssertEqual(j.kind, .patrol)
        XCTAssertEqual([j.everyDays, j.minGapDays, j.workersNeeded, j.priority], [5, 2, 1, 7])
        XCTAssertEqual(j.skills, ["night"])
        XCTAssertNil(j.preferredWorker)
    }

    func test_households_come_first_then_patrols_in_file_order() {
        let hs = ["H2", "H1"].map { Household(id: $0, grid: "G1", location: here, categories: ["A"]) }
        let ps = [Patrol(id: "P1", grid: "G1", location: here, everyDays: 7, durationMin: 10)]
        XCTAssertEqual(scenario(households: hs, patrols: ps).jobs().map(\.id), ["H2", "H1", "P1"])
    }
}
