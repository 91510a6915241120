import GridPlanCheck
import GridPlanCore
import XCTest
@testable import GridPlanSolver

/// The whole planner on small fixtures: routes, the late list and each late reason.
final class PlannerTests: XCTestCase {
    func plan(_ s: Scenario) throws -> GridPlanCore.Plan {
        try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 60, mipGap: 0))
    }

    func lateEntry(_ p: GridPlanCore.Plan, _ task: String) -> LateTask? { p.late.first { $0.task == task } }

    func testThreeHouseholdsArePlannedWithOneLateForItsWeekday() throws {
        let p = try plan(Fixture.threeHouseholds())
        XCTAssertEqual(p.routes.map(\.worker), Array(repeating: "W01", count: p.routes.count))
        XCTAssertEqual(p.routes.map(\.date), p.routes.map(\.date).sorted())
        let stops = p.routes.flatMap(\.stops).map(\.task).sorted()
        XCTAssertEqual(stops, ["H1", "H2", "H3"])
        XCTAssertEqual(p.late.map(\.task), ["H2"])
        XCTAssertEqual(lateEntry(p, "H2")?.lateDays, 3, "due Monday, visited Thursday")
        XCTAssertEqual(lateEntry(p, "H2")?.firstVisit, Fixture.day(3))
        XCTAssertEqual(lateEntry(p, "H2")?.reason, .noWorkingDay)
        // By hand: three weekly households, all due in the week, one visit each by their only (and
        // preferred) worker; H2 is late Monday to Wednesday.
        XCTAssertEqual(p.kpis.tasksDue, 3)
        XCTAssertEqual(p.kpis.visitsPlanned, 3)
        XCTAssertEqual(p.kpis.lateTaskDays, 3)
        XCTAssertEqual(p.kpis.onTimeRate, 0.6667)
        XCTAssertEqual(p.kpis.continuity, 1)
        XCTAssertEqual(p.kpis.travelMin, p.routes.reduce(0) { $0 + $1.travelMin })
        XCTAssertEqual(PlanChecker.check(p, against: Fixture.threeHouseholds()).map(\.description), [],
                       "the independent checker recomputes the same KPIs")
        XCTAssertTrue(p.solver.backend.hasPrefix("glpk "), p.solver.backend)
        XCTAssertEqual(p.solver.status, "optimal")
    }

    func testCapacityLateReasonNamesTheFullWorkerDay() throws {
        let p = try plan(Fixture.capacityBound())
        XCTAssertEqual(p.late.map(\.task), ["H1"], "the priority-1 household waits")
        XCTAssertEqual(lateEntry(p, "H1")?.reason, .capacity)
        XCTAssertTrue(lateEntry(p, "H1")?.detail.contains("W01 on 2026-11-23") ?? false, lateEntry(p, "H1")?.detail ?? "")
        XCTAssertEqual(lateEntry(p, "H1")?.explanation, .capacityFullDays(full: [.init(worker: "W01", dates: [Fixture.day(0)])]))
        XCTAssertNil(lateEntry(p, "H1")?.firstVisit)
    }

    func testMissingSkillIsNoEligibleWorkerNamingSkillAndGrid() throws {
        let needy = Policy(category: "mental", everyDays: 7, minGapDays: 3, durationMin: 30, priority: 8, skills: ["casework"])
        let p = try plan(Fixture.scenario(policies: [needy], workers: [Fixture.worker("W01")],
                                          households: [Fixture.household("H1", category: "mental")]))
        XCTAssertEqual(lateEntry(p, "H1")?.reason, .noEligibleWorker)
        XCTAssertEqual(lateEntry(p, "H1")?.detail, "needs skill casework; nobody covering grid G1 has it")
        XCTAssertEqual(lateEntry(p, "H1")?.explanation, .missingSkill(skill: "casework", grid: "G1"))
        XCTAssertEqual(lateEntry(p, "H1")?.detail(in: .zhHans), "需要技能 casework；负责或协助网格 G1 的网格员都不具备")
        XCTAssertEqual(lateEntry(p, "H1")?.lateDays, 5)
    }

    func testUncoveredGridIsNoEligibleWorker() throws {
        let p = try plan(Fixture.scenario(policies: [Fixture.weekly], workers: [Fixture.worker("W01")],
                                          households: [Fixture.household("H9", category: "weekly", grid: "G9")]))
        XCTAssertEqual(lateEntry(p, "H9")?.reason, .noEligibleWorker)
        XCTAssertTrue(lateEntry(p, "H9")?.detail.contains("G9") ?? false)
        XCTAssertEqual(lateEntry(p, "H9")?.explanation, .noWorkerCoversGrid(grid: "G9"))
    }

    func testEveningWindowIsWindowOutsideShift() throws {
        let p = try plan(Fixture.scenario(policies: [Fixture.weekly], workers: [Fixture.worker("W01")], households: [
            Fixture.household("H1", category: "weekly", window: TimeWindow(19 * 60, 21 * 60)),
        ]))
        XCTAssertEqual(lateEntry(p, "H1")?.reason, .windowOutsideShift)
        XCTAssertTrue(lateEntry(p, "H1")?.detail.contains("19:00-21:00") ?? false, lateEntry(p, "H1")?.detail ?? "")
        XCTAssertEqual(lateEntry(p, "H1")?.explanation?.code, .windowOutsideShifts)
    }

    func testWorkerOnLeaveAllWeekIsNoWorkingDay() throws {
        let leave = (0..<5).map(Fixture.day)
        let p = try plan(Fixture.scenario(policies: [Fixture.weekly], workers: [Fixture.worker("W01", daysOff: leave)],
                                          households: [Fixture.household("H1", category: "weekly")]))
        XCTAssertEqual(lateEntry(p, "H1")?.reason, .noWorkingDay)
        XCTAssertTrue(p.routes.isEmpty)
    }

    func testGapLongerThanRhythmIsMinGap() throws {
        // Visited Saturday, due every 2 days (Monday) but not before 3 days have passed (Tuesday).
        let s = Fixture.scenario(policies: [], workers: [Fixture.worker("W01")], patrols: [
            Patrol(id: "P1", grid: "G1", location: Fixture.office.location, everyDays: 2, minGapDays: 3, durationMin: 15,
                   lastVisit: CivilDate(iso: "2026-11-21")),
        ])
        let p = try plan(s)
        XCTAssertEqual(lateEntry(p, "P1")?.reason, .minGap)
        XCTAssertEqual(lateEntry(p, "P1")?.due, Fixture.day(0))
        XCTAssertEqual(lateEntry(p, "P1")?.firstVisit, Fixture.day(1))
    }

    func testPairVisitIsRoutedForBothWorkersAtTheSameMinute() throws {
        let pair = Policy(category: "mental", everyDays: 7, minGapDays: 3, durationMin: 30, priority: 8, workersNeeded: 2)
        let p = try plan(Fixture.scenario(policies: [pair], workers: [Fixture.worker("W1"), Fixture.worker("W2")],
                                          households: [Fixture.household("H1", category: "mental")]))
        let stops = p.routes.flatMap { r in r.stops.map { (r.worker, $0) } }.filter { $0.1.task == "H1" }
        XCTAssertEqual(stops.map(\.0).sorted(), ["W1", "W2"])
        XCTAssertEqual(Set(stops.map(\.1.start)).count, 1)
        XCTAssertTrue(p.late.isEmpty)
    }

    func testInvalidTimeLimitIsAnError() {
        XCTAssertThrowsError(try Planner.plan(Fixture.threeHouseholds(), options: PlanOptions(timeLimitSeconds: -1)))
    }
}

/// Repair of visits routing could not place.
final class PlannerRepairTests: XCTestCase {
    func testUnplacedVisitMovesToTheNextDayItsWorkerWorks() {
        let s = Fixture.scenario(policies: [Fixture.weekly], workers: [Fixture.worker("W01", daysOff: [Fixture.day(0)])],
                                 households: [Fixture.household("H1", category: "weekly")])
        var repair = Repair(scenario: ResolvedScenario(s), routes: [], options: RoutingOptions(timeLimitSeconds: 1, seed: 1))
        repair.retry([PlannedVisit(job: "H1", date: Fixture.day(0), workers: ["W01"])])
        XCTAssertEqual(repair.routes.map(\.date), [Fixture.day(1)])
        XCTAssertEqual(repair.routes.first?.stops.map(\.task), ["H1"])
        XCTAssertTrue(repair.dropped.isEmpty)
    }

    func testUnplacedVisitNobodyCanTakeIsDropped() {
        let s = Fixture.scenario(policies: [Fixture.weekly], workers: [Fixture.worker("W01")],
                                 households: [Fixture.household("H1", category: "weekly", window: TimeWindow(20 * 60, 21 * 60))])
        var repair = Repair(scenario: ResolvedScenario(s), routes: [], options: RoutingOptions(timeLimitSeconds: 1, seed: 1))
        repair.retry([PlannedVisit(job: "H1", date: Fixture.day(0), workers: ["W01"])])
        XCTAssertTrue(repair.routes.isEmpty)
        XCTAssertEqual(repair.dropped.map(\.job), ["H1"])
    }

    func testRepairKeepsTheGapToTheJobsOtherVisits() throws {
        // A patrol due every 2 days with a 2-day gap, visited Monday and Friday; the Wednesday visit
        // failed and the worker is off on Wednesday. Tuesday and Thursday would lower the lateness but
        // break the gap, so the visit is dropped.
        let s = Fixture.scenario(policies: [], workers: [Fixture.worker("W01", daysOff: [Fixture.day(2)])], patrols: [
            Patrol(id: "P1", grid: "G1", location: Fixture.office.location, everyDays: 2, minGapDays: 2, durationMin: 15),
        ])
        let routed = WeekRouting.route(scenario: s, visits: [
            PlannedVisit(job: "P1", date: Fixture.day(0), workers: ["W01"]),
            PlannedVisit(job: "P1", date: Fixture.day(4), workers: ["W01"]),
        ], options: RoutingOptions(timeLimitSeconds: 1, seed: 1))
        XCTAssertTrue(routed.unplaced.isEmpty)
        var repair = Repair(scenario: ResolvedScenario(s), routes: routed.routes, options: RoutingOptions(timeLimitSeconds: 1, seed: 1))
        repair.retry([PlannedVisit(job: "P1", date: Fixture.day(2), workers: ["W01"])])
        XCTAssertEqual(repair.routes.map(\.date), [Fixture.day(0), Fixture.day(4)])
        XCTAssertEqual(repair.dropped.map(\.job), ["P1"])
    }
}
