import GridPlanCheck
import GridPlanCore
import XCTest

/// One test per rule of format §5 (and the late list of §4): a hand-broken plan is caught, and the
/// valid fixture plan it was broken from is not.
final class CheckRulesTests: XCTestCase {
    typealias F = CheckFixture
    let scenario = CheckFixture.scenario()

    /// Checks `plan` and asserts that rule `rule` is broken with a message containing `fragment`.
    @discardableResult
    func assertCaught(_ plan: Plan, rule: String, _ fragment: String, scenario s: Scenario? = nil,
                      file: StaticString = #filePath, line: UInt = #line) -> [PlanViolation] {
        let found = PlanChecker.check(plan, against: s ?? scenario)
        let hits = found.filter { $0.rule == rule && $0.message.contains(fragment) }
        XCTAssertFalse(hits.isEmpty, "expected rule \(rule) '\(fragment)', got:\n"
                       + found.map(\.description).joined(separator: "\n"), file: file, line: line)
        return found
    }

    /// Asserts that the valid plan (for `s`, default the fixture) breaks no rule at all.
    func assertValid(_ plan: Plan, scenario s: Scenario? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let found = PlanChecker.check(plan, against: s ?? scenario)
        XCTAssertEqual(found, [], found.map(\.description).joined(separator: "\n"), file: file, line: line)
    }

    func mutate(_ body: (inout Plan) -> Void) -> Plan {
        var p = F.validPlan(scenario)
        body(&p)
        return p
    }

    // MARK: - The valid plan

    func test_valid_fixture_plan_has_no_violations() {
        let plan = F.validPlan(scenario)
        XCTAssertEqual(plan.routes.count, 2)
        XCTAssertEqual(plan.routes[0].stops.map(\.start), [F.t("09:00"), F.t("09:40"), plan.routes[0].stops[2].start])
        XCTAssertEqual(plan.routes[1].stops[0].start, F.t("09:40"))
        XCTAssertEqual(plan.late, [])
        assertValid(plan)
    }

    func test_valid_plan_survives_a_json_round_trip() throws {
        let plan = F.validPlan(scenario)
        let back = try Plan.decode(from: try plan.jsonData())
        assertValid(back)
    }

    // MARK: - 5.1

    func test_rule_5_1_catches_an_unknown_task() {
        assertValid(F.validPlan(scenario))
        assertCaught(mutate { $0.routes[0].stops[2].task = "P9" }, rule: "5.1",
                     "stop 'P9' is not a household or patrol point of the scenario")
    }

    func test_rule_5_1_catches_a_stop_of_the_wrong_kind() {
        assertCaught(mutate { $0.routes[0].stops[2].kind = .visit }, rule: "5.1",
                     "stop P1 is a patrol point (kind patrol) but is listed with kind visit")
    }

    func test_rule_5_1_catches_an_unknown_worker() {
        assertCaught(mutate { $0.routes[1].worker = "W07" }, rule: "5.1", "'W07' is not a worker of the scenario")
    }

    func test_rule_5_1_catches_a_route_on_a_holiday() {
        // Friday 2026-11-27 is a holiday: a route there is caught, the same route on Thursday is not.
        let onThursday = F.route(scenario, worker: "W02", date: "2026-11-26", start: "09:00", [])
        let onHoliday = F.route(scenario, worker: "W02", date: "2026-11-27", start: "09:00", [])
        let valid = F.plan(scenario, routes: F.validRoutes(scenario) + [onThursday])
        assertValid(valid)
        var broken = valid
        broken.routes[2] = onHoliday
        assertCaught(broken, rule: "5.1", "W02 on 2026-11-27: not a working day for W02: it is a holiday")
    }

    func test_rule_5_1_accepts_the_make_up_sunday_and_catches_saturday() {
        let sunday = F.route(scenario, worker: "W02", date: "2026-11-29", start: "09:00", [])
        let saturday = F.route(scenario, worker: "W02", date: "2026-11-28", start: "09:00", [])
        assertValid(F.plan(scenario, routes: F.validRoutes(scenario) + [sunday]))
        assertCaught(F.plan(scenario, routes: F.validRoutes(scenario) + [saturday]), rule: "5.1",
                     "a sat is not one of W02's working weekdays (mon, tue, wed, thu, fri) nor an extra workday")
    }

    func test_rule_5_1_catches_a_route_on_leave_and_outside_the_horizon() {
        var s = scenario
        s.workers[1].daysOff = [F.d("2026-11-23")]
        assertCaught(F.validPlan(scenario), rule: "5.1", "not a working day for W02: it is a day off of W02", scenario: s)
        assertCaught(mutate { $0.routes[1].date = F.d("2026-11-30") }, rule: "5.1",
                     "the date is outside the horizon 2026-11-23..2026-11-29")
    }

    func test_rule_5_1_catches_two_routes_of_one_worker_on_one_date() {
        let extra = F.route(scenario, worker: "W02", date: "2026-11-23", start: "14:00", [])
        assertCaught(F.plan(scenario, routes: F.validRoutes(scenario) + [extra]), rule: "5.1",
                     "W02 on 2026-11-23: 2 routes on one day")
    }

    func test_rule_5_1_catches_a_plan_for_another_horizon() {
        assertCaught(mutate { $0.horizon.days = 5 }, rule: "5.1", "the plan's horizon (2026-11-23, 5 days) is not the scenario's")
    }

    // MARK: - 5.2

    func test_rule_5_2_catches_a_route_starting_before_the_shift() {
        let early = F.plan(scenario, routes: [F.validRoutes(scenario)[0]]
            + [F.route(scenario, worker: "W02", date: "2026-11-23", start: "08:00", [
                F.Visit(task: "H2", kind: .visit, notBefore: "09:40", with: ["W01"])])])
        assertCaught(early, rule: "5.2", "W02 on 2026-11-23: leaves at 08:00, before its shift 08:30-17:30 starts")
    }

    func test_rule_5_2_catches_a_route_ending_after_the_shift() {
        assertCaught(mutate { $0.routes[1].end = F.t("18:00") }, rule: "5.2", "returns at 18:00, after its shift 08:30-17:30 ends")
    }

    func test_rule_5_2_catches_overlapping_stops() {
        let plan = mutate { p in
            // P1 moved to start while H2 is still going on (same duration kept).
            let s = p.routes[0].stops[1].start.minutes + 10
            p.routes[0].stops[2].start = TimeOfDay(minutes: s)
            p.routes[0].stops[2].end = TimeOfDay(minutes: s + 10)
        }
        assertCaught(plan, rule: "5.2", "stop P1 starts at 09:50, before the previous stop H2 ends at 10:10")
    }

    // MARK: - 5.3

    func test_rule_5_3_catches_a_leg_shorter_than_its_travel_time() {
        let plan = mutate { p in p.routes[0].stops[0].arrive = F.t("08:31") }
        let found = assertCaught(plan, rule: "5.3", "leg OFFICE → H1 leaves at 08:30 and arrives at 08:31: 1 min, but the travel takes")
        XCTAssertTrue(found.allSatisfy { $0.rule == "5.3" })
    }

    func test_rule_5_3_subtracts_the_break_from_a_leg() {
        // W01 leaves H1 at 11:25 for H2: 7 minutes of walking cannot happen in the break 11:30-13:00.
        let s = scenario
        func plan(arriveAt arrive: String) -> Plan {
            var r = F.route(s, worker: "W01", date: "2026-11-24", start: "08:30", [
                F.Visit(task: "H1", kind: .visit, notBefore: "11:05"), F.Visit(task: "P1", kind: .patrol, notBefore: "13:00")])
            r.stops[1].arrive = F.t(arrive)
            r.stops[1].start = max(r.stops[1].start, F.t(arrive))
            r.stops[1].end = TimeOfDay(minutes: r.stops[1].start.minutes + 10)
            let home = TravelModel(scenario: s).leg(from: "P1", to: "OFFICE", worker: s.workers[0])
            r.end = TimeOfDay(minutes: r.stops[1].end.minutes + home.minutes)
            return F.plan(s, routes: [r])
        }
        let legMinutes = TravelModel(scenario: s).leg(from: "H1", to: "P1", worker: s.workers[0]).minutes
        XCTAssertGreaterThan(legMinutes, 5)
        // Leaves 11:25: 5 minutes before the break, the rest after 13:00.
        let ok = TimeOfDay(minutes: 13 * 60 + legMinutes - 5).hhmm
        let short = TimeOfDay(minutes: 13 * 60 + legMinutes - 6).hhmm
        assertValid(plan(arriveAt: ok))
        assertCaught(plan(arriveAt: short), rule: "5.3", "less 90 min of break, but the travel takes \(legMinutes) min")
    }

    func test_rule_5_3_catches_a_late_return_leg() {
        assertCaught(mutate { $0.routes[1].end = $0.routes[1].stops[0].end }, rule: "5.3",
                     "leg H2 → OFFICE (end place) leaves at 10:10 and arrives at 10:10: 0 min")
    }

    func test_rule_5_3_catches_a_start_before_arrival_and_a_wrong_duration() {
        assertCaught(mutate { $0.routes[0].stops[1].arrive = F.t("09:45") }, rule: "5.3",
                     "stop H2 starts at 09:40, before arriving at 09:45")
        assertCaught(mutate { $0.routes[0].stops[0].end = F.t("09:15") }, rule: "5.3",
                     "stop H1 lasts 15 min (09:00-09:15); the task takes 20 min")
    }

    func test_rule_5_3_catches_misreported_travel_and_service() {
        assertCaught(mutate { $0.routes[0].stops[0].travelMin += 1 }, rule: "5.3", "stop H1 reports travel_min")
        assertCaught(mutate { $0.routes[0].stops[0].travelKm += 0.002 }, rule: "5.3", "stop H1 reports travel_km")
        assertValid(mutate { $0.routes[0].stops[0].travelKm += 0.0009 })
        assertCaught(mutate { $0.routes[0].travelMin -= 1 }, rule: "5.3", "its legs, the one home included, take")
        assertCaught(mutate { $0.routes[0].travelKm += 0.01 }, rule: "5.3", "its 4 legs, the one home included, are")
        assertCaught(mutate { $0.routes[0].serviceMin = 50 }, rule: "5.3", "service_min is 50; the stops take 60 min")
    }

    // MARK: - 5.4

    func test_rule_5_4_catches_a_stop_outside_its_window() {
        let r = F.route(scenario, worker: "W01", date: "2026-11-23", start: "08:30", [
            F.Visit(task: "H1", kind: .visit, notBefore: "08:00"),
            F.Visit(task: "H2", kind: .visit, notBefore: "09:40", with: ["W02"]),
            F.Visit(task: "P1", kind: .patrol, notBefore: "00:00")])
        XCTAssertLessThan(r.stops[0].start, F.t("09:00"))
        let plan = F.plan(scenario, routes: [r, F.validRoutes(scenario)[1]])
        assertCaught(plan, rule: "5.4", "W01 on 2026-11-23: stop H1 starts at \(r.stops[0].start.hhmm), before its window 09:00-11:30")
    }

    func test_rule_5_4_catches_a_stop_ending_after_its_window_and_in_the_break() {
        let r = F.route(scenario, worker: "W01", date: "2026-11-24", start: "10:30", [
            F.Visit(task: "H1", kind: .visit, notBefore: "11:20")])
        let found = assertCaught(F.plan(scenario, routes: [r]), rule: "5.4", "stop H1 ends at 11:40, after its window 09:00-11:30")
        XCTAssertTrue(found.contains { $0.rule == "5.4" && $0.message.contains("stop H1 (11:20-11:40) overlaps the break 11:30-13:00") })
        var fine = F.route(scenario, worker: "W01", date: "2026-11-24", start: "10:30", [
            F.Visit(task: "H1", kind: .visit, notBefore: "11:10")])
        // Ends 11:30 as the break begins: the walk home waits for the break's end.
        assertCaught(F.plan(scenario, routes: [fine]), rule: "5.3", "0 min less 4 min of break, but the travel takes 4 min")
        fine.end = TimeOfDay(minutes: 13 * 60 + fine.stops[0].travelMin)
        assertValid(F.plan(scenario, routes: [fine]))
    }

    func test_rule_5_4_catches_a_visit_on_a_weekday_the_household_does_not_receive() {
        var s = scenario
        s.households[0].weekdays = [.tue, .thu]
        let monday = F.validPlan(s)
        assertCaught(monday, rule: "5.4", "stop H1 is on a mon; the household receives visits only on tue, thu", scenario: s)
        let tuesday = F.plan(s, routes: [F.route(s, worker: "W01", date: "2026-11-24", start: "08:30", [
            F.Visit(task: "H1", kind: .visit, notBefore: "09:00")])])
        assertValid(tuesday, scenario: s)
    }

    // MARK: - 5.5

    func test_rule_5_5_catches_a_worker_outside_its_grids() {
        var s = scenario
        s.workers[1].mayCover = []
        assertValid(F.validPlan(scenario))
        assertCaught(F.validPlan(s), rule: "5.5",
                     "W02 on 2026-11-23: stop H2 is in grid G1, which W02 neither is responsible for nor may cover", scenario: s)
    }

    func test_rule_5_5_catches_a_missing_skill() {
        var s = scenario
        s.workers[0].skills = []
        assertCaught(F.validPlan(s), rule: "5.5", "stop H1 needs skill elderly-care, which W01 lacks", scenario: s)
    }

    func test_rule_5_5_catches_a_pair_visit_made_by_one_worker() {
        let alone = F.plan(scenario, routes: [F.validRoutes(scenario)[0]])
        let found = assertCaught(alone, rule: "5.5", "pair visit H2 on 2026-11-23 is made by 1 worker (W01); it needs 2")
        XCTAssertTrue(found.contains { $0.message.contains("stop H2 lists with [W02]; the other workers of the pair visit are []") })
    }

    func test_rule_5_5_catches_a_pair_visit_at_different_minutes() {
        let plan = mutate { p in
            p.routes[1].stops[0].start = F.t("09:45")
            p.routes[1].stops[0].end = F.t("10:15")
            p.routes[1].end = TimeOfDay(minutes: p.routes[1].end.minutes + 5)
        }
        assertCaught(plan, rule: "5.5", "pair visit H2 on 2026-11-23 starts at different times: W01 09:40, W02 09:45")
    }

    func test_rule_5_5_catches_a_wrong_with_list() {
        assertCaught(mutate { $0.routes[1].stops[0].with = [] }, rule: "5.5",
                     "W02 on 2026-11-23: stop H2 lists with []; the other workers of the pair visit are [W01]")
    }

    func test_rule_5_5_catches_a_patrol_done_by_two_workers() {
        let r2 = F.route(scenario, worker: "W02", date: "2026-11-23", start: "09:00", [
            F.Visit(task: "H2", kind: .visit, notBefore: "09:40", with: ["W01"]),
            F.Visit(task: "P1", kind: .patrol, notBefore: "00:00")])
        let plan = F.plan(scenario, routes: [F.validRoutes(scenario)[0], r2])
        assertCaught(plan, rule: "5.5", "patrol point P1 on 2026-11-23 is done by W01, W02; it needs one worker")
        assertCaught(mutate { $0.routes[0].stops[2].with = ["W02"] }, rule: "5.5",
                     "stop P1 lists with [W02], but patrol point P1 is not a pair visit")
    }

    // MARK: - 5.6

    func test_rule_5_6_catches_too_many_visits_in_a_day() {
        var s = scenario
        s.workers[0].maxVisitsPerDay = 2  // H1 and H2 are two visits; the patrol does not count.
        assertValid(F.validPlan(s), scenario: s)
        s.workers[0].maxVisitsPerDay = 1
        assertCaught(F.validPlan(s), rule: "5.6", "W01 on 2026-11-23: 2 household visits; max_visits_per_day is 1", scenario: s)
    }

    // MARK: - 5.7

    func test_rule_5_7_catches_a_visit_too_close_to_history() {
        var s = scenario
        s.history.append(HistoryEntry(task: "H1", date: F.d("2026-11-20"), worker: "W01", result: "done"))
        assertValid(F.validPlan(s), scenario: s)  // three days apart: min_gap_days 3 holds
        // Every history row is a visit (§1), whatever its result.
        s.history.append(HistoryEntry(task: "H1", date: F.d("2026-11-21"), worker: "W01", result: "not_home"))
        assertCaught(F.validPlan(s), rule: "5.7",
                     "H1 is visited on 2026-11-21 (history) and 2026-11-23, 2 days apart; its min_gap_days is 3", scenario: s)
    }

    func test_rule_5_7_catches_two_planned_visits_too_close_and_counts_a_pair_once() {
        let tuesday = F.route(scenario, worker: "W01", date: "2026-11-24", start: "08:30", [
            F.Visit(task: "P1", kind: .patrol, notBefore: "00:00")])
        let thursday = F.route(scenario, worker: "W01", date: "2026-11-26", start: "08:30", [
            F.Visit(task: "P1", kind: .patrol, notBefore: "00:00")])
        var routes = F.validRoutes(scenario)
        routes[0].stops.removeLast()
        routes[0] = F.route(scenario, worker: "W01", date: "2026-11-23", start: "08:30", [
            F.Visit(task: "H1", kind: .visit, notBefore: "09:00"),
            F.Visit(task: "H2", kind: .visit, notBefore: "09:40", with: ["W02"])])
        assertValid(F.plan(scenario, routes: routes + [thursday]))  // 11-20 → 11-26: 6 days; the pair H2 once
        assertCaught(F.plan(scenario, routes: routes + [tuesday, thursday]), rule: "5.7",
                     "P1 is visited on 2026-11-24 and 2026-11-26, 2 days apart; its min_gap_days is 3")
    }

    // MARK: - 5.8

    func test_rule_5_8_catches_misreported_kpis() {
        assertCaught(mutate { $0.kpis.visitsPlanned += 1 }, rule: "5.8", "kpis.visits_planned is 4; recomputed from the routes: 3")
        assertCaught(mutate { $0.kpis.continuity = 0.99 }, rule: "5.8", "kpis.continuity is 0.9900; recomputed from the routes: 1.0000")
        assertCaught(mutate { $0.kpis.travelKm += 0.01 }, rule: "5.8", "kpis.travel_km")
        assertCaught(mutate { $0.kpis.workMin -= 1 }, rule: "5.8", "kpis.work_min")
        assertCaught(mutate { $0.kpis.lateTaskDays = 1 }, rule: "5.8", "kpis.late_task_days is 1; recomputed from the routes: 0")
        assertValid(mutate { $0.kpis.utilisationMax += 0.00005; $0.kpis.travelKm += 0.0005 })
    }

    func test_rule_5_8_catches_a_misreported_daily_spread_and_regular_weekday_rate() throws {
        let valid = F.validPlan(scenario)
        let spread = try XCTUnwrap(valid.kpis.dailySpreadMaxMin, "W01 works Monday and Tuesday with a route")
        assertCaught(mutate { $0.kpis.dailySpreadMaxMin = spread + 1 }, rule: "5.8",
                     "kpis.daily_spread_max_min is \(spread + 1); recomputed from the routes: \(spread)")
        if let rate = valid.kpis.regularWeekdayRate {
            assertCaught(mutate { $0.kpis.regularWeekdayRate = rate + 0.01 }, rule: "5.8", "kpis.regular_weekday_rate is")
        } else {
            assertCaught(mutate { $0.kpis.regularWeekdayRate = 0.5 }, rule: "5.8",
                         "kpis.regular_weekday_rate is 0.5000; recomputed from the routes: none")
        }
        // Reported within plan.json's rounding: kept.
        assertValid(mutate { $0.kpis.regularWeekdayRate = $0.kpis.regularWeekdayRate.map { $0 + 0.00005 } })
    }

    func test_rule_5_8_accepts_a_plan_without_the_extension_kpis() {
        // A plan written before daily_spread_max_min and regular_weekday_rate existed.
        assertValid(mutate { $0.kpis.dailySpreadMaxMin = nil; $0.kpis.regularWeekdayRate = nil })
    }

    // MARK: - 4 (late list)

    func test_rule_4_requires_every_late_task_in_the_late_list() {
        // Without H1 on Monday, H1 (last visit 11-20, every 7 days) is late on the make-up Sunday only:
        // Friday 27 is a holiday and Saturday is no working day.
        let r0 = F.route(scenario, worker: "W01", date: "2026-11-23", start: "08:30", [
            F.Visit(task: "H2", kind: .visit, notBefore: "09:40", with: ["W02"]),
            F.Visit(task: "P1", kind: .patrol, notBefore: "00:00")])
        let valid = F.plan(scenario, routes: [r0, F.validRoutes(scenario)[1]])
        XCTAssertEqual(valid.late, [LateTask(task: "H1", due: F.d("2026-11-27"), lateDays: 1, firstVisit: nil,
                                             reason: .other, detail: "fixture")])
        assertValid(valid)
        var missing = valid
        missing.late = []
        assertCaught(missing, rule: "4", "H1 is late 1 day (due 2026-11-27) but is missing from the late list")
        var wrong = valid
        wrong.late[0].lateDays = 2
        wrong.late[0].due = F.d("2026-11-29")
        wrong.late[0].firstVisit = F.d("2026-11-29")
        assertCaught(wrong, rule: "4", "the late list gives H1 2 late days; recomputed from the routes: 1")
        assertCaught(wrong, rule: "4", "the late list gives H1 due 2026-11-29; the first due date it misses is 2026-11-27")
        assertCaught(wrong, rule: "4", "the late list gives H1 first_visit 2026-11-29; the routes first visit it on no day (null)")
    }

    func test_rule_4_rejects_a_task_that_is_not_late() {
        let plan = mutate {
            $0.late = [LateTask(task: "P1", due: F.d("2026-11-27"), lateDays: 1, firstVisit: F.d("2026-11-23"),
                                reason: .capacity, detail: "")]
        }
        assertCaught(plan, rule: "4", "the late list holds P1, which is never late in the plan")
    }

    // MARK: - Ordering

    func test_violations_are_ordered_by_rule_then_date_worker_and_task() {
        let plan = mutate { p in
            p.kpis.visitsPlanned = 0
            p.routes[1].stops[0].with = []
            p.routes[0].stops[2].task = "P9"
            p.routes[0].end = F.t("18:00")
        }
        let rules = PlanChecker.check(plan, against: scenario).map(\.rule)
        XCTAssertEqual(rules, rules.sorted { a, b in
            a.split(separator: ".").map { Int($0)! }.lexicographicallyPrecedes(b.split(separator: ".").map { Int($0)! })
        })
        XCTAssertEqual(Set(rules), ["5.1", "5.2", "5.3", "5.5", "5.8", "4"])
        XCTAssertEqual(PlanChecker.check(plan, against: scenario), PlanChecker.check(plan, against: scenario))
    }
}
