import GridPlanCore
import XCTest
@testable import GridPlanSolver

/// The shortfall (plan.json `shortfall`): what would bring the capacity-late tasks on time, measured by
/// planning again with stand-in helpers, and checked here by adding that help as a real worker.
final class ShortfallTests: XCTestCase {
    func plan(_ s: Scenario) throws -> Plan {
        try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 10, mipGap: 0))
    }

    func testACapacityLatePlanStatesTheHelpThatBringsItOnTime() throws {
        // One hour of shift, three 25-minute visits due Monday: the priority-1 household waits.
        let p = try plan(Fixture.capacityBound())
        let s = try XCTUnwrap(p.shortfall)
        XCTAssertEqual(s.lateTasks, 1)
        XCTAssertEqual(s.lateTaskDays, p.kpis.lateTaskDays)
        XCTAssertEqual(s.tasksOnTime, 1)
        XCTAssertEqual(s.lateTaskDaysWithHelp, 0)
        XCTAssertEqual(s.needs.map(\.grid), ["G1"])
        XCTAssertEqual(s.needs.map(\.date), [Fixture.day(0)])
        XCTAssertEqual(s.needs[0].tasks, ["H1"], "the helper takes the one visit the staff cannot")
        // The helper's routed day: from the office, 25 minutes on site, back (the household is at the door).
        XCTAssertEqual(s.needs[0].minutes, 25)
        XCTAssertEqual(s.minutes, 25)
        XCTAssertEqual(s.beyondHelpers, [])
    }

    func testTheStatedHelpAddedAsAWorkerLeavesNothingLate() throws {
        var scenario = Fixture.capacityBound()
        let s = try XCTUnwrap(try plan(scenario).shortfall)
        let need = s.needs[0]
        // As benchmarks/shortfall.py does: a shift as long as the stated day, rounded up to the quarter hour.
        let shift = (need.minutes + 14) / 15 * 15
        scenario.workers.append(Fixture.worker("HELP", grids: [need.grid], shift: (540, 540 + shift), breakTime: nil))
        let helped = try plan(scenario)
        XCTAssertEqual(helped.kpis.lateTaskDays, 0)
        XCTAssertNil(helped.shortfall, "nothing late for capacity: no shortfall block")
    }

    func testAPlanLateOnlyForOtherReasonsHasNoShortfall() throws {
        // H2 can only be visited on Thursdays and is overdue: late for its weekday, not for capacity.
        let p = try plan(Fixture.threeHouseholds())
        XCTAssertFalse(p.late.isEmpty)
        XCTAssertFalse(p.late.contains { $0.reason == .capacity })
        XCTAssertNil(p.shortfall)
    }

    func testATaskNeedingASkillIsBeyondAHelpersReach() throws {
        // Two 25-minute visits needing a skill, one skilled worker with 30 minutes: a helper has no skill.
        let skilled = Policy(category: "mh", everyDays: 7, minGapDays: 3, durationMin: 25, priority: 5, skills: ["mental-health"])
        let s = Fixture.scenario(days: 1, policies: [skilled],
                                 workers: [Fixture.worker("W01", shift: (540, 570), breakTime: nil, skills: ["mental-health"])],
                                 households: [Fixture.household("H1", category: "mh", eastMeters: 0),
                                              Fixture.household("H2", category: "mh", eastMeters: 0)])
        let p = try plan(s)
        let sf = try XCTUnwrap(p.shortfall)
        XCTAssertEqual(sf.tasksOnTime, 0)
        XCTAssertEqual(sf.needs, [])
        XCTAssertEqual(sf.beyondHelpers.count, 1)
    }

    func testTheHelpersAreLeftOutOfBalanceAndLevelAndCostTheirMinutes() throws {
        var s = Fixture.capacityBound()
        s.workers.append(Fixture.worker("HELP", shift: (540, 600), breakTime: nil))
        let (parts, _) = Decomposition.parts(of: ResolvedScenario(s), helpers: ["HELP"])
        let inst = parts[0]
        let h = try XCTUnwrap(inst.workers.firstIndex { $0.worker.id == "HELP" })
        XCTAssertTrue(inst.workers[h].isHelper)
        XCTAssertFalse(inst.balancedWorkers.contains(h))
        XCTAssertFalse(inst.levelledWorkers.contains(h))
        let staff = try XCTUnwrap(inst.workers.firstIndex { $0.worker.id == "W01" })
        let d = inst.jobs[0].days[0]
        // The helper is nobody's preferred worker: its cost is its travel and its minutes.
        XCTAssertEqual(inst.jobs[0].preferred, staff)
        XCTAssertEqual(inst.workerCost(job: 0, day: d, worker: h),
                       inst.weights.travel * Double(inst.legMinutes(job: 0, worker: h))
                           + inst.helperMinuteCost * Double(inst.load(job: 0, day: d, worker: h)), accuracy: 1e-9)
    }
}
