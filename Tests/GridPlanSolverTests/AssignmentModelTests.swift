import Foundation
import GridPlanCore
import XCTest
@testable import GridPlanSolver

/// The assignment's model over visit days: what its rows allow, what its objective charges, and
/// that the search's own objective is the model's.
final class AssignmentModelTests: XCTestCase {
    func shipped(_ name: String) throws -> Scenario {
        let loaded = ScenarioLoader.load(path: ShippedScenarioCheckTests.root + "/scenarios/\(name)/scenario.yaml")
        return try XCTUnwrap(loaded.scenario)
    }

    func testTheSearchsObjectiveIsTheModelsObjectiveAndItsChoicesKeepEveryRow() throws {
        for name in ["xinghe", "community-coldsnap"] {
            let (parts, _) = Decomposition.parts(of: ResolvedScenario(try shipped(name)))
            for inst in parts {
                var m = LinearModel(name: "t")
                let model = AssignmentModel.build(inst, into: &m)
                var search = AssignmentSearch(inst)
                search.construct()
                for budget in [0, 2_000] {
                    search.improve(budget: budget)
                    let values = model.values(of: search.choice, inst, variableCount: m.variableCount)
                    XCTAssertEqual(m.violations(of: values), [], name)
                    XCTAssertEqual(m.objective(of: values), search.objective, accuracy: 1e-6, name)
                    // The values encode the same choice back.
                    XCTAssertEqual(model.choice(from: values, inst), search.choice, name)
                }
            }
        }
    }

    /// One pair task (two workers) and one preferred worker: with binary x the LP relaxation could
    /// split the visit over two dates at ½ and give the preferred worker a whole visit on each.
    func testThePairRowsKeepTheLPFromCollectingTheContinuityRewardTwice() throws {
        let pair = Policy(category: "pair", everyDays: 7, minGapDays: 1, durationMin: 30, priority: 5, workersNeeded: 2)
        let s = Fixture.scenario(days: 2, policies: [pair], workers: [Fixture.worker("W01"), Fixture.worker("W02"), Fixture.worker("W03")],
                                 households: [Fixture.household("H1", category: "pair", lastVisit: Fixture.day(-6), preferred: "W01")])
        var t = s
        t.weights.level = 0
        t.weights.balance = 0
        t.weights.regularity = 0
        let (parts, _) = Decomposition.parts(of: ResolvedScenario(t))
        let inst = try XCTUnwrap(parts.first)
        func lp(pairRows: Bool) throws -> Double {
            var m = LinearModel(name: "t")
            _ = AssignmentModel.build(inst, into: &m, pairRows: pairRows)
            return try XCTUnwrap(try GLPKSolver.solveRelaxation(m)).objective
        }
        var m = LinearModel(name: "t")
        _ = AssignmentModel.build(inst, into: &m)
        let mip = try GLPKSolver.solve(m, options: MIPOptions(mipGap: 0))
        XCTAssertEqual(try lp(pairRows: true), mip.objective, accuracy: 1e-6, "with the rows the LP is the optimum here")
        XCTAssertLessThan(try lp(pairRows: false), mip.objective - 5, "without them it takes the reward twice (½ a visit on each date, W01 on both)")
    }

    func testEveryDayOfTheHorizonCanBeAVisitDateNotOnlyAChosenFew() throws {
        // A daily patrol over ten working days: 2^10 ways to visit it; the model holds one column
        // per date, so a plan visiting on any subset is a point of the model.
        let s = Fixture.scenario(days: 14, policies: [Fixture.weekly], workers: [Fixture.worker("W01")],
                                 patrols: [Patrol(id: "P1", name: "P1", grid: "G1", location: Fixture.office.location,
                                                  everyDays: 1, minGapDays: 1, durationMin: 10)])
        let (parts, _) = Decomposition.parts(of: ResolvedScenario(s))
        let info = try XCTUnwrap(parts.first?.jobs.first)
        XCTAssertEqual(info.days.count, 10)
        XCTAssertEqual(info.dueDays.count, 10, "late on any working day without a visit that day")
        XCTAssertTrue(info.dueDays.allSatisfy { $0.covering.count == 1 })
    }

    func testTheGapRowsForbidTwoVisitsCloserThanTheMinimumGap() throws {
        let s = Fixture.threeHouseholds()
        let (parts, _) = Decomposition.parts(of: ResolvedScenario(s))
        let inst = try XCTUnwrap(parts.first)
        let h1 = try XCTUnwrap(inst.jobs.first { $0.job.id == "H1" })
        // Last visit Wednesday 11-18, min gap 3: Monday 11-23 on; every run of dates closer than 3 days.
        for run in h1.gapRuns {
            let dates = run.map { inst.dates[h1.days[$0]] }
            XCTAssertLessThan(dates.first!.days(to: dates.last!), 3)
        }
        XCTAssertEqual(h1.gapRuns.count, 3)
    }

    func testTheLevelTermEvensAWorkersDays() throws {
        // One worker, eight households due by Friday, none earlier: without the level term every
        // date is as good as any other; with it the days even out.
        func plan(level: Double) throws -> [Int] {
            var s = Fixture.scenario(policies: [Fixture.weekly], workers: [Fixture.worker("W01")], households: (1...8).map {
                Fixture.household("H\($0)", category: "weekly", eastMeters: Double($0) * 50, lastVisit: CivilDate(iso: "2026-11-20"))
            })
            s.weights.level = level
            s.weights.levelToleranceMin = 0
            s.weights.regularity = 0
            let r = try Assignment.assign(ResolvedScenario(s), options: AssignmentOptions(timeLimitSeconds: 10, mipGap: 0))
            return (0..<5).map { d in r.visits.filter { $0.date == Fixture.day(d) }.count }
        }
        let levelled = try plan(level: Weights.defaultLevel)
        XCTAssertLessThanOrEqual(levelled.max()! - levelled.min()!, 1, "\(levelled)")
        XCTAssertEqual(levelled.reduce(0, +), 8)
    }

    func testWithinTheLevelToleranceEveryHouseholdKeepsItsWeekdayBeyondItTheDaysEvenOut() throws {
        // One worker; n weekly households last visited on Friday 20 Nov, so Friday is their usual
        // weekday and any day of the week keeps them on time. Each visit takes 20 minutes and a leg.
        func fridays(_ n: Int, tolerance: Double) throws -> (fridays: Int, spread: Int) {
            var s = Fixture.scenario(policies: [Fixture.weekly], workers: [Fixture.worker("W01")], households: (1...n).map {
                Fixture.household("H\($0)", category: "weekly", eastMeters: Double($0) * 50, lastVisit: CivilDate(iso: "2026-11-20"))
            })
            s.weights.levelToleranceMin = tolerance
            let r = try Assignment.assign(ResolvedScenario(s), options: AssignmentOptions(timeLimitSeconds: 10, mipGap: 0))
            let inst = try XCTUnwrap(Decomposition.parts(of: ResolvedScenario(s)).0.first)
            var load = [Int](repeating: 0, count: 5)
            for v in r.visits {
                let d = try XCTUnwrap(inst.dates.firstIndex(of: v.date)), j = try XCTUnwrap(inst.jobs.firstIndex { $0.job.id == v.job })
                load[d] += inst.load(job: j, day: d, worker: 0)
            }
            return (r.visits.filter { $0.date == Fixture.day(4) }.count, load.max()! - load.min()!)
        }
        XCTAssertEqual(Weights.defaultLevelToleranceMin, 90)
        // Four visits (about 88 minutes) are within the default tolerance: all stay on Friday.
        XCTAssertEqual(try fridays(4, tolerance: Weights.defaultLevelToleranceMin).fridays, 4)
        // Eight are not: at 4 per minute beyond it, moving a visit (60) pays, down to the tolerance.
        let eight = try fridays(8, tolerance: Weights.defaultLevelToleranceMin)
        XCTAssertLessThan(eight.fridays, 8)
        XCTAssertLessThanOrEqual(eight.spread, 90 + 22, "within a visit of the tolerance")
        // With a tolerance above a Friday of eight, nothing is charged and all eight keep their day.
        XCTAssertEqual(try fridays(8, tolerance: 240).fridays, 8)
    }

    func testAWeeklyHouseholdKeepsTheWeekdayOfItsLastVisit() throws {
        func dates(regularity: Double) throws -> [CivilDate] {
            var s = Fixture.scenario(days: 7, policies: [Fixture.weekly], workers: [Fixture.worker("W01")], households: [
                Fixture.household("H1", category: "weekly", lastVisit: CivilDate(iso: "2026-11-18")),   // a Wednesday
            ])
            s.weights.regularity = regularity
            s.weights.level = 0
            return try Assignment.assign(ResolvedScenario(s), options: AssignmentOptions(timeLimitSeconds: 10, mipGap: 0)).visits.map(\.date)
        }
        XCTAssertEqual(try dates(regularity: Weights.defaultRegularity), [CivilDate(iso: "2026-11-25")!])
    }

    func testTheRegularWeekdayChargeIsFullUpToAMonthlyRhythmAndHalfForABimonthlyOne() throws {
        // Four households every 7, 14, 30 and 60 days, last visited on Wednesdays (18 Nov, 11 Nov, 28 Oct,
        // 23 Sep: each is due this week); the week of 23 Nov with Saturday 28 Nov worked in lieu. Off the
        // usual weekday: 60, 60, 60 and 30 (60 × 30 / 60); on the extra Saturday another 60, 30, 14 and
        // 7 (60 × 7 / every_days) on top.
        func charges(regularity: Double) throws -> [String: (off: Double, saturday: Double)] {
            let policies = [7, 14, 30, 60].map { Policy(category: "every\($0)", everyDays: $0, minGapDays: 3, durationMin: 20) }
            var s = Fixture.scenario(days: 6, policies: policies, workers: [Fixture.worker("W01")],
                                     households: [(7, "2026-11-18"), (14, "2026-11-11"), (30, "2026-10-28"), (60, "2026-09-23")].map {
                                         Fixture.household("H\($0.0)", category: "every\($0.0)", lastVisit: CivilDate(iso: $0.1))
                                     })
            s.horizon.extraWorkdays = [Fixture.day(5)]
            s.weights.regularity = regularity
            let inst = try XCTUnwrap(Decomposition.parts(of: ResolvedScenario(s)).0.first)
            var out: [String: (off: Double, saturday: Double)] = [:]
            for (j, info) in inst.jobs.enumerated() {
                func cost(_ date: CivilDate) throws -> Double {
                    let d = try XCTUnwrap(inst.dates.firstIndex(of: date), "\(date) is a date of the part")
                    return inst.visitCost(job: j, day: d) - inst.evennessCharge(job: j, day: d)
                }
                let wednesday = try cost(Fixture.day(2))
                out[info.job.id] = (try cost(Fixture.day(3)) - wednesday, try cost(Fixture.day(5)) - wednesday)
            }
            return out
        }
        let on = try charges(regularity: Weights.defaultRegularity)
        XCTAssertEqual(on["H7"]?.off ?? -1, 60, accuracy: 1e-9)
        XCTAssertEqual(on["H14"]?.off ?? -1, 60, accuracy: 1e-9)
        XCTAssertEqual(on["H30"]?.off ?? -1, 60, accuracy: 1e-9)
        XCTAssertEqual(on["H60"]?.off ?? -1, 30, accuracy: 1e-9)
        XCTAssertEqual(on["H7"]?.saturday ?? -1, 120, accuracy: 1e-9)
        XCTAssertEqual(on["H14"]?.saturday ?? -1, 90, accuracy: 1e-9)
        XCTAssertEqual(on["H30"]?.saturday ?? -1, 74, accuracy: 1e-9)
        XCTAssertEqual(on["H60"]?.saturday ?? -1, 37, accuracy: 1e-9)
        let off = try charges(regularity: 0)
        for id in ["H7", "H14", "H30", "H60"] {
            XCTAssertEqual(off[id]?.off ?? -1, 0, accuracy: 1e-9, id)
            XCTAssertEqual(off[id]?.saturday ?? -1, 0, accuracy: 1e-9, id)
        }
    }

    func testAWatchdogThatLeavesNoRoomIsReportedAsTheClock() throws {
        // The capacity-bound fixture branches in both stages. With a watchdog already past, neither
        // branch-and-bound runs: the answer is the clock's, and both stages must say so.
        func stops(watchdog: Double?) throws -> [String] {
            var options = AssignmentOptions(timeLimitSeconds: 8)
            options.watchdogSeconds = watchdog
            return try Assignment.assign(ResolvedScenario(Fixture.capacityBound()), options: options).stages.map(\.stoppedBy)
        }
        XCTAssertEqual(try stops(watchdog: 0), ["clock", "clock"])
        XCTAssertFalse(try stops(watchdog: nil).contains("clock"), "with room, the stages stop by gap, nodes or work")
    }

    func testPastTheWatchdogTheUntimedStepsAreLeftOutAndTheAnswerStillKeepsTheModel() throws {
        // LP relaxations, the second start and the late-task-days floor have no work limit of their
        // own; past the watchdog they are left out (a short --time-limit stays short), and the
        // construction, which keeps every row, is the answer.
        let scenario = ResolvedScenario(Fixture.capacityBound())
        var options = AssignmentOptions(timeLimitSeconds: 8)
        options.watchdogSeconds = 0
        let cut = try Assignment.assign(scenario, options: options)
        XCTAssertFalse(cut.visits.isEmpty)
        XCTAssertGreaterThan(cut.lateTaskDays, 0)
        XCTAssertEqual(cut.lateTaskDaysFloor, 0, "the floor's solve was left out: nothing proven")
        XCTAssertTrue(cut.parts.allSatisfy { ($0.stages ?? []).allSatisfy { $0.rootLP == nil } }, "no LP was solved")
        let full = try Assignment.assign(scenario, options: AssignmentOptions(timeLimitSeconds: 8))
        XCTAssertGreaterThan(full.lateTaskDaysFloor, 0, "with room, the floor is proven")
        XCTAssertTrue(full.parts.allSatisfy { ($0.stages ?? []).allSatisfy { $0.rootLP != nil } })
        var noFloor = AssignmentOptions(timeLimitSeconds: 8)
        noFloor.provesLateTaskDaysFloor = false
        let visitsOnly = try Assignment.assign(scenario, options: noFloor)
        XCTAssertEqual(visitsOnly.lateTaskDaysFloor, 0, "a re-solve that needs only the visits skips the floor")
        XCTAssertEqual(visitsOnly.visits, full.visits, "and decides the same visits")
    }

    func testTheReportedBoundNeverExceedsTheObjectiveAndTheFloorsNeverExceedTheLateness() throws {
        let r = try Assignment.assign(ResolvedScenario(Fixture.capacityBound()), options: AssignmentOptions(timeLimitSeconds: 8))
        XCTAssertLessThanOrEqual(r.bound, r.objective)
        XCTAssertLessThanOrEqual(r.weightedLateDaysFloor, r.weightedLateDays)
        XCTAssertLessThanOrEqual(r.lateTaskDaysFloor, r.lateTaskDays)
        XCTAssertGreaterThan(r.weightedLateDaysFloor, 0, "one hour cannot hold three 25-minute visits")
        XCTAssertEqual(r.stages.map(\.goal), ["lateness", "all"])
    }

    func testTheSameScenarioGivesTheSameAssignment() throws {
        // The work follows the 6 s limit; the watchdog is set far off, so that a slow (debug) build
        // cannot fire it: what is tested is that the same work gives the same answer.
        let s = try shipped("community")
        var options = AssignmentOptions(timeLimitSeconds: 6)
        options.watchdogSeconds = 600
        let a = try Assignment.assign(ResolvedScenario(s), options: options)
        let b = try Assignment.assign(ResolvedScenario(s), options: options)
        XCTAssertFalse(a.stages.contains { $0.stoppedBy == "clock" })
        XCTAssertEqual(a.visits, b.visits)
        XCTAssertEqual(a.objective, b.objective)
    }
}
