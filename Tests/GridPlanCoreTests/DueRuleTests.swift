import GridPlanCore
import XCTest

/// `DueRule`: format §2, on the week 2026-11-23 (Mon) … 29 (Sun) with Friday 27 a holiday and
/// Sunday 29 a make-up working day: working days 23, 24, 25, 26, 29.
final class DueRuleTests: XCTestCase {
    func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }
    lazy var calendar = WorkingCalendar(horizon: Horizon(
        start: d("2026-11-23"), days: 7, holidays: [d("2026-11-27")], extraWorkdays: [d("2026-11-29")]))

    func rule(every: Int = 7, gap: Int = 3, last: String?) -> DueRule {
        DueRule(everyDays: every, minGapDays: gap, lastVisit: last.map(d))
    }

    func test_first_due_is_last_visit_plus_every_days() {
        XCTAssertEqual(rule(last: "2026-11-20").firstDue(in: calendar), d("2026-11-27"))
    }

    func test_first_due_without_history_is_the_first_working_day() {
        XCTAssertEqual(rule(last: nil).firstDue(in: calendar), d("2026-11-23"))
        let mondayOff = WorkingCalendar(horizon: Horizon(start: d("2026-11-23"), days: 7, holidays: [d("2026-11-23")]))
        XCTAssertEqual(rule(last: nil).firstDue(in: mondayOff), d("2026-11-24"))
    }

    func test_a_never_visited_task_is_not_due_in_a_horizon_without_a_working_day() {
        let start = d("2026-10-01")
        let holidays = WorkingCalendar(horizon: Horizon(start: start, days: 7, holidays: (0..<7).map { start.adding(days: $0) }))
        XCTAssertTrue(holidays.workingDays.isEmpty)
        XCTAssertFalse(rule(last: nil).isDue(in: holidays), "due on the first working day, and there is none")
        XCTAssertEqual(rule(last: nil).lateness(visits: [], calendar: holidays).lateDays, 0)
        XCTAssertTrue(rule(last: "2026-09-25").isDue(in: holidays), "a last visit makes it due by its date")
    }

    func test_a_task_due_after_the_horizon_is_not_due_and_never_late() {
        let r = rule(every: 14, gap: 7, last: "2026-11-20")  // due 12-04
        XCTAssertFalse(r.isDue(in: calendar))
        XCTAssertEqual(r.lateness(visits: [], calendar: calendar).lateDays, 0)
        XCTAssertTrue(rule(last: "2026-11-22").isDue(in: calendar), "due on the horizon's last day")
    }

    func test_lateness_counts_only_the_horizons_working_days() {
        // Due Friday 27 (a holiday): late on 27 (holiday), 28 (Saturday), 29 (make-up Sunday) → 1 day.
        let (late, due) = rule(last: "2026-11-20").lateness(visits: [], calendar: calendar)
        XCTAssertEqual(late, 1)
        XCTAssertEqual(due, d("2026-11-27"))
    }

    func test_a_visit_on_the_due_date_is_on_time() {
        let r = rule(every: 3, gap: 1, last: "2026-11-21")  // due Tuesday 24
        XCTAssertEqual(r.lateness(visits: [d("2026-11-24"), d("2026-11-29")], calendar: calendar).lateDays, 0)
        // Visited on 24, due again by 27 (a holiday): late on the make-up Sunday 29.
        XCTAssertEqual(r.lateness(visits: [d("2026-11-24")], calendar: calendar).lateDays, 1)
        XCTAssertFalse(r.isLate(on: d("2026-11-24"), visits: [d("2026-11-24")], calendar: calendar))
        XCTAssertTrue(r.isLate(on: d("2026-11-24"), visits: [], calendar: calendar))
        XCTAssertFalse(r.isLate(on: d("2026-11-23"), visits: [], calendar: calendar), "window 21..23 holds the last visit")
    }

    func test_a_task_overdue_at_the_start_is_late_until_visited() {
        let r = rule(last: "2026-11-10")  // due 11-17, before the horizon
        XCTAssertEqual(r.lateness(visits: [], calendar: calendar).lateDays, 5)
        let (late, due) = r.lateness(visits: [d("2026-11-25")], calendar: calendar)
        XCTAssertEqual(late, 2, "late on 23 and 24, visited on 25")
        XCTAssertEqual(due, d("2026-11-17"))
    }

    func test_a_task_without_history_is_late_from_the_first_working_day_until_visited() {
        XCTAssertEqual(rule(last: nil).lateness(visits: [], calendar: calendar).lateDays, 5)
        XCTAssertEqual(rule(last: nil).lateness(visits: [d("2026-11-23")], calendar: calendar).lateDays, 0)
        let (late, due) = rule(last: nil).lateness(visits: [d("2026-11-24")], calendar: calendar)
        XCTAssertEqual(late, 1)
        XCTAssertEqual(due, d("2026-11-23"))
    }

    func test_a_task_falls_late_again_when_the_next_visit_is_missed() {
        // Every 2 days, last visit Sunday 22, visited Monday 23: due again by 25 → late 25, 26, 29.
        let r = rule(every: 2, gap: 1, last: "2026-11-22")
        let (late, due) = r.lateness(visits: [d("2026-11-23")], calendar: calendar)
        XCTAssertEqual(late, 3)
        XCTAssertEqual(due, d("2026-11-25"))
        XCTAssertEqual(r.lateness(visits: ["2026-11-23", "2026-11-25", "2026-11-26", "2026-11-29"].map(d),
                                  calendar: calendar).lateDays, 0)
    }

    func test_history_counts_in_the_window() {
        // Every 3 days, last visit Saturday 21: on time Monday 23, late from Tuesday 24.
        let r = rule(every: 3, gap: 1, last: "2026-11-21")
        XCTAssertEqual(r.lateness(visits: [], calendar: calendar).lateDays, 4)  // 24, 25, 26, 29
    }

    func test_history_inside_the_horizon_counts_for_every_day_it_covers() {
        // A re-plan: history recorded through Wednesday 25 (visits on 22 and 25), every 3 days.
        let r = DueRule(everyDays: 3, minGapDays: 1, lastVisit: d("2026-11-25"),
                        pastVisits: [d("2026-11-22"), d("2026-11-25")])
        let (late, due) = r.lateness(visits: [], calendar: calendar)
        XCTAssertEqual(late, 1, "on time 23–26, late on 29 (due 28)")
        XCTAssertEqual(due, d("2026-11-28"))
        let lastOnly = DueRule(everyDays: 3, minGapDays: 1, lastVisit: d("2026-11-25"))
        XCTAssertEqual(lastOnly.lateness(visits: [], calendar: calendar).lateDays, 3, "23 and 24 look uncovered")
    }

    func test_jobs_carry_their_past_visits_into_the_due_rule() {
        let s = Scenario(
            name: "x", horizon: calendar.horizon,
            policies: [Policy(category: "A", everyDays: 3, durationMin: 10)],
            households: [Household(id: "H", grid: "G", location: GeoPoint(lat: 0, lon: 0), categories: ["A"])],
            history: [HistoryEntry(task: "H", date: d("2026-11-22"), worker: "W"),
                      HistoryEntry(task: "H", date: d("2026-11-25"), worker: "W")])
        XCTAssertEqual(s.jobs()[0].dueRule.lateness(visits: [], calendar: calendar).lateDays, 1)
    }
}
