import Foundation
import XCTest
import GridPlanCheck
import GridPlanCore
@testable import GridPlanSolver

/// The weekly cycle's terms in the assignment: balance over the horizon, stickiness, urgent visits.
final class CycleObjectiveTests: XCTestCase {
    /// Two interchangeable workers on one grid, twelve weekly households; continuity off so only
    /// balance decides who works more.
    static let yaml = """
        name: 公平测试
        horizon: {start: 2026-11-23, days: 5}
        places:
          - {id: OFF, name: 居委会, lat: 31.2400, lon: 121.4000}
        policies:
          - {category: 独居老人, every_days: 7, min_gap_days: 3, duration_min: 30}
        workers:
          - {id: W01, name: 甲, grids: [G1], start: OFF, shift: ["08:30", "17:30"]}
          - {id: W02, name: 乙, grids: [G1], start: OFF, shift: ["08:30", "17:30"]}
        households:
        \((1...12).map { i in
            "  - {id: H\(String(format: "%02d", i)), grid: G1, lat: \(String(format: "%.4f", 31.2400 + Double(i) * 0.0003)), "
            + "lon: 121.4000, categories: [独居老人], last_visit: 2026-11-1\(7 + i % 3)}"
        }.joined(separator: "\n"))
          - {id: H13, grid: G1, lat: 31.2450, lon: 121.4010, categories: [独居老人], last_visit: 2026-11-21}
        weights: {lateness: 1000, continuity: 0, balance: 50, travel: 1}
        history: visits.csv

        """

    func scenario(history: String) throws -> Scenario {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gridplan-fair-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try Self.yaml.write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        try history.write(to: dir.appendingPathComponent("visits.csv"), atomically: true, encoding: .utf8)
        let r = ScenarioLoader.load(path: dir.appendingPathComponent("s.yaml").path)
        return try XCTUnwrap(r.scenario, "\(r.errors)")
    }

    /// History: `worker` did 40 half-hour visits in the two weeks before the horizon.
    func heavyHistory(on worker: String) -> String {
        var rows = "task,date,worker,result\n"
        for k in 0..<40 {
            rows += "H\(String(format: "%02d", k % 12 + 1)),\(CivilDate(iso: "2026-11-09")!.adding(days: k % 10).iso),\(worker),done\n"
        }
        return rows
    }

    func minutes(_ plan: Plan, _ worker: String) -> Int {
        plan.routes.filter { $0.worker == worker }.reduce(0) { $0 + $1.serviceMin }
    }

    func testTheBalanceIgnoresWhoWorkedMoreBeforeTheHorizonAsTheKPIDoes() throws {
        // Format §5.8 measures utilisation over the horizon only: a worker with a heavy history is
        // not spared, and a worker without history is not pinned to the minimum.
        let options = PlanOptions(timeLimitSeconds: 10, mipGap: 0)
        for heavy in ["W01", "W02"] {
            let plan = try Planner.plan(try scenario(history: heavyHistory(on: heavy)), options: options)
            XCTAssertLessThanOrEqual(abs(minutes(plan, "W01") - minutes(plan, "W02")), 30, "history of \(heavy)")
        }
    }

    func testWithoutHistoryTheWorkIsSplitEvenly() throws {
        let s = try scenario(history: "task,date,worker,result\n")
        let plan = try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 10, mipGap: 0))
        XCTAssertLessThanOrEqual(abs(minutes(plan, "W01") - minutes(plan, "W02")), 30)
    }

    func testAReplanWithoutADisruptionChangesNothing() throws {
        let s = try scenario(history: "task,date,worker,result\n")
        let options = PlanOptions(timeLimitSeconds: 10, mipGap: 0)
        let plan = try Planner.plan(s, options: options)
        let setup = try ReplanSetup.make(scenario: ResolvedScenario(s), plan: plan, from: s.horizon.start.adding(days: 2), disruption: Disruption())
        let result = try Replanner.replan(setup, oldPlan: plan, options: options)
        XCTAssertEqual(result.changes, [])
        XCTAssertEqual(PlanChecker.check(result.plan, against: s).map(\.description), [])
    }

    func testAnUrgentHouseholdIsVisitedOnTheDateOrTheNextWorkingDay() throws {
        let s = try scenario(history: "task,date,worker,result\n")
        let options = PlanOptions(timeLimitSeconds: 10, mipGap: 0)
        let plan = try Planner.plan(s, options: options)
        // H13 was visited on Saturday and is not due before the horizon ends: the plan leaves it out.
        XCTAssertFalse(plan.routes.contains { $0.stops.contains { $0.task == "H13" } })
        let from = s.horizon.start.adding(days: 1)
        let setup = try ReplanSetup.make(scenario: ResolvedScenario(s), plan: plan, from: from, disruption: Disruption(urgent: ["H13"]))
        let result = try Replanner.replan(setup, oldPlan: plan, options: options)
        let dates = result.plan.routes.filter { $0.stops.contains { $0.task == "H13" } }.map(\.date)
        XCTAssertEqual(dates.count, 1)
        XCTAssertEqual(dates[0], from, "there is room on the re-plan date itself")
        let route = try XCTUnwrap(result.plan.routes.first { $0.date == from && $0.stops.contains { $0.task == "H13" } })
        XCTAssertEqual(route.stops.first?.task, "H13", "the urgent household is the first stop of the day")
        XCTAssertEqual(result.notFirst, [])
        XCTAssertEqual(result.changes.filter { $0.task == "H13" }.map(\.why), ["urgent: visit by \(from.adding(days: 1).iso)"])
        XCTAssertEqual(PlanChecker.check(result.plan, against: s).map(\.description), [])
    }

    func testTheKeepBonusAppliesOnlyToThePreviousWorkerAndDate() {
        let d = CivilDate(iso: "2026-11-24")!
        let c = CycleObjective(previous: [KeptVisit(task: "H1", date: d, workers: ["W01", "W02"])], changePenalty: 70)
        XCTAssertEqual(c.keepBonus(task: "H1", date: d, worker: "W02"), 70)
        XCTAssertEqual(c.keepBonus(task: "H1", date: d, worker: "W03"), 0)
        XCTAssertEqual(c.keepBonus(task: "H1", date: d.adding(days: 1), worker: "W01"), 0)
    }

    func testAnUrgentVisitCostsNothingOnItsFirstDateFiveLateDaysLaterAndAHundredWhenMissed() throws {
        let s = try scenario(history: "task,date,worker,result\n")
        let d = s.horizon.start.adding(days: 1)
        let cycle = CycleObjective(required: [RequiredVisit(task: "H13", dates: [d, d.adding(days: 1)])])
        let (parts, _) = Decomposition.parts(of: ResolvedScenario(s), include: ["H13"], cycle: cycle)
        let inst = try XCTUnwrap(parts.first)
        let j = try XCTUnwrap(inst.jobs.firstIndex { $0.job.id == "H13" })
        let search = AssignmentSearch(inst)
        func lateness(_ dates: [CivilDate]) -> Double {
            let visits = dates.map { date in
                AssignmentChoice.Visit(k: inst.jobs[j].days.firstIndex { inst.dates[$0] == date }!, workers: [0])
            }
            return search.jobTerms(j, visits).lateness
        }
        XCTAssertEqual(lateness([d]), 0)
        XCTAssertEqual(lateness([d.adding(days: 1)]), 5 * s.weights.lateness)
        XCTAssertEqual(lateness([]), 100 * s.weights.lateness)
    }
}

/// The re-timing that puts an urgent stop first.
final class CycleUrgentFirstTests: XCTestCase {
    /// `CycleObjectiveTests.yaml` with an empty history, loaded and planned.
    func plannedFixture() throws -> (Scenario, Plan) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gridplan-first-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try CycleObjectiveTests.yaml.write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        try "task,date,worker,result\n".write(to: dir.appendingPathComponent("visits.csv"), atomically: true, encoding: .utf8)
        let s = try XCTUnwrap(ScenarioLoader.load(path: dir.appendingPathComponent("s.yaml").path).scenario)
        return (s, try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 10, mipGap: 0)))
    }

    func testTheUrgentStopBecomesTheFirstAndTheDayStillChecks() throws {
        let (s, plan) = try plannedFixture()
        let route = try XCTUnwrap(plan.routes.first { $0.stops.count >= 2 })
        let last = try XCTUnwrap(route.stops.last?.task)
        let (routes, notFirst) = UrgentFirst.reorder(plan.routes, urgent: [last], scenario: ResolvedScenario(s))
        XCTAssertEqual(notFirst, [])
        let moved = try XCTUnwrap(routes.first { $0.worker == route.worker && $0.date == route.date })
        XCTAssertEqual(moved.stops.map(\.task), [last] + route.stops.dropLast().map(\.task))
        var p = plan
        p.routes = routes
        p.kpis = KPIs.compute(routes: routes, scenario: s)
        XCTAssertEqual(PlanChecker.check(p, against: s).map(\.description), [])
    }

    func testAnUrgentStopThatCannotGoBeforeAPairVisitGoesRightAfterIt() throws {
        // xinghe's days hold a dozen stops. The first stop stands for a pair visit at its minute, at
        // the start of the shift: nothing fits before it, so the urgent last stop comes second.
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios/xinghe/scenario.yaml").path
        let s = try XCTUnwrap(ScenarioLoader.load(path: path).scenario)
        let plan = try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 10))
        let i = try XCTUnwrap(plan.routes.firstIndex { $0.stops.count >= 6 })
        var routes = plan.routes
        routes[i].stops[0].with = ["PARTNER"]
        let pinned = routes[i].stops[0]
        let last = try XCTUnwrap(routes[i].stops.last?.task)
        let (out, notFirst) = UrgentFirst.reorder(routes, urgent: [last], scenario: ResolvedScenario(s))
        XCTAssertEqual(notFirst, [last], "it cannot be first, and the note will say so")
        XCTAssertEqual(out[i].stops.map(\.task), [pinned.task, last] + routes[i].stops.dropFirst().dropLast().map(\.task))
        XCTAssertEqual(out[i].stops[0].start, pinned.start, "the pair visit keeps its minute")
        var p = plan
        p.routes = out
        p.routes[i].stops[0].with = []
        p.kpis = KPIs.compute(routes: p.routes, scenario: s)
        XCTAssertEqual(PlanChecker.check(p, against: s).map(\.description), [], "the re-timed day keeps every rule")
    }

    func testAPairVisitKeepsItsMinuteAndAnUrgentStopThatCannotBeFirstIsNamed() throws {
        let (s, plan) = try plannedFixture()
        let i = try XCTUnwrap(plan.routes.firstIndex { $0.stops.count >= 2 })
        // The route's first stop stands for a pair visit (its partner's day is fixed at its minute).
        var routes = plan.routes
        routes[i].stops[0].with = ["PARTNER"]
        let pinned = routes[i].stops[0]
        let last = try XCTUnwrap(routes[i].stops.last?.task)
        let (out, notFirst) = UrgentFirst.reorder(routes, urgent: [last], scenario: ResolvedScenario(s))
        let day = out[i]
        if notFirst.isEmpty {
            XCTAssertEqual(day.stops.first?.task, last)
            let kept = try XCTUnwrap(day.stops.first { $0.task == pinned.task })
            XCTAssertEqual(kept.start, pinned.start, "the pair visit keeps its minute")
        } else {
            XCTAssertEqual(notFirst, [last], "an urgent stop that cannot be first is named")
            let at = try XCTUnwrap(day.stops.firstIndex { $0.task == last })
            XCTAssertEqual(at, 1, "right after the pair visit, which keeps its minute")
            XCTAssertEqual(day.stops.first?.start, pinned.start)
        }
        // The urgent stop, not first, is itself a pair visit: it stays, and is named.
        var pairLast = plan.routes
        pairLast[i].stops[pairLast[i].stops.count - 1].with = ["PARTNER"]
        let (kept, pairNotFirst) = UrgentFirst.reorder(pairLast, urgent: [last], scenario: ResolvedScenario(s))
        XCTAssertEqual(pairNotFirst, [last])
        XCTAssertEqual(kept[i], pairLast[i])
    }
}
