import GridPlanCore
import XCTest

/// `WorkingCalendar`: format §2 (the horizon's working days) and §5.1 (a worker's working days).
final class CalendarTests: XCTestCase {
    func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    /// 2026-11-23 (Mon) … 2026-11-29 (Sun); Friday a holiday; Sunday a make-up working day (调休).
    lazy var horizon = Horizon(start: d("2026-11-23"), days: 7, holidays: [d("2026-11-27")],
                               extraWorkdays: [d("2026-11-29")])
    lazy var calendar = WorkingCalendar(horizon: horizon)

    func worker(weekdays: [Weekday]? = nil, daysOff: [CivilDate] = []) -> Worker {
        Worker(id: "W", name: "", grids: ["G"], start: "O", shift: TimeWindow(text: "08:30-17:30")!,
               weekdays: weekdays, daysOff: daysOff)
    }

    func test_weekdays_of_the_fixture_dates() {
        XCTAssertEqual(d("2026-11-23").weekday, .mon)
        XCTAssertEqual(d("2026-11-29").weekday, .sun)
        XCTAssertEqual(d("2026-11-28").weekday, .sat)
    }

    func test_working_days_are_weekdays_plus_extra_workdays_minus_holidays() {
        XCTAssertEqual(calendar.workingDays, ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-29"].map(d))
        XCTAssertFalse(calendar.isWorkingDay(d("2026-11-27")), "a holiday on a Friday")
        XCTAssertFalse(calendar.isWorkingDay(d("2026-11-28")), "a plain Saturday")
        XCTAssertTrue(calendar.isWorkingDay(d("2026-11-29")), "a 调休 Sunday")
    }

    func test_a_make_up_saturday_is_a_working_day() {
        let h = Horizon(start: d("2026-09-21"), days: 14, holidays: (1...7).map { d("2026-10-0\($0)") },
                        extraWorkdays: [d("2026-09-27"), d("2026-10-10")])
        let c = WorkingCalendar(horizon: h)
        XCTAssertEqual(d("2026-10-10").weekday, .sat)
        XCTAssertFalse(c.isWorkingDay(d("2026-10-10")), "outside the horizon")
        XCTAssertTrue(c.isWorkingDay(d("2026-09-27")), "a 调休 Sunday inside the horizon")
        XCTAssertFalse(c.isWorkingDay(d("2026-10-01")), "National Day")
        // 21–25 Sept, the make-up Sunday 27, 28–30 Sept; 1–4 Oct are holidays or a weekend.
        XCTAssertEqual(c.workingDays.count, 5 + 1 + 3)
    }

    func test_days_outside_the_horizon_are_not_working_days() {
        XCTAssertFalse(calendar.isWorkingDay(d("2026-11-22")))
        XCTAssertFalse(calendar.isWorkingDay(d("2026-11-30")))
        XCTAssertFalse(calendar.isWorkingDay(d("2026-11-30"), for: worker()))
    }

    func test_a_worker_without_own_weekdays_works_the_horizons_days() {
        XCTAssertEqual(calendar.workingDays(for: worker()), calendar.workingDays)
    }

    func test_a_part_time_worker_works_its_own_weekdays_plus_extra_workdays() {
        let w = worker(weekdays: [.mon, .wed, .sat])
        XCTAssertEqual(calendar.workingDays(for: w), ["2026-11-23", "2026-11-25", "2026-11-28", "2026-11-29"].map(d))
    }

    func test_a_holiday_is_off_even_on_a_workers_own_weekday() {
        let w = worker(weekdays: [.fri])
        XCTAssertFalse(calendar.isWorkingDay(d("2026-11-27"), for: w))
        XCTAssertEqual(calendar.workingDays(for: w), [d("2026-11-29")])
    }

    func test_days_off_are_leave() {
        let w = worker(daysOff: [d("2026-11-24"), d("2026-11-29")])
        XCTAssertEqual(calendar.workingDays(for: w), ["2026-11-23", "2026-11-25", "2026-11-26"].map(d))
        XCTAssertFalse(calendar.isWorkingDay(d("2026-11-29"), for: w), "leave on a make-up Sunday")
    }
}
