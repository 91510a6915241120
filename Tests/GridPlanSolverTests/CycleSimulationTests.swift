import Foundation
import XCTest
import GridPlanCheck
import GridPlanCore
@testable import GridPlanSolver

/// Four weeks of a grid head's cycle on a small two-grid scenario: plan → record → next, with a sick
/// day (a re-plan in week 2) and a holiday week (week 3 has two holidays).
final class CycleSimulationTests: XCTestCase {
    /// Two grids, two full-time workers each responsible for one and covering the other, a part-time
    /// helper; weekly and fortnightly households, patrol points every two days; holidays in week 3.
    static func scenarioYAML() -> String {
        var households = ""
        for g in 1...2 {
            for i in 1...10 {
                let weekly = i <= 6
                let last = CivilDate(iso: "2026-11-16")!.adding(days: (i % 5) + (weekly ? 0 : -4))
                let lat = 31.2400 + Double(g) * 0.004 + Double(i % 4) * 0.0007
                let lon = 121.4000 + Double(i / 4) * 0.0008
                households += "  - {id: G\(g)-H\(String(format: "%02d", i)), name: 户\(g)\(i), grid: G\(g), "
                    + String(format: "lat: %.4f, lon: %.4f, ", lat, lon)
                    + "categories: [\(weekly ? "独居老人" : "高龄老人")], last_visit: \(last.iso)}\n"
            }
        }
        return """
            # simulation: two grids, four weeks
            name: 模拟网格 2026-W48
            horizon:
              start: 2026-11-23
              days: 7
              holidays: [2026-12-10, 2026-12-11]   # week 3: two holidays
            places:
              - {id: OFF, name: 居委会, lat: 31.2440, lon: 121.4010}
            policies:
              - {category: 独居老人, every_days: 7, min_gap_days: 3, duration_min: 20, priority: 5}
              - {category: 高龄老人, every_days: 14, min_gap_days: 7, duration_min: 20, priority: 4}
            workers:
              - {id: W01, name: 甲, grids: [G1], may_cover: [G2], start: OFF, shift: ["08:30", "17:30"], break: ["11:30", "13:00"]}
              - {id: W02, name: 乙, grids: [G2], may_cover: [G1], start: OFF, shift: ["08:30", "17:30"], break: ["11:30", "13:00"]}
              - {id: W03, name: 丙, grids: [], may_cover: [G1, G2], start: OFF, shift: ["08:30", "11:30"], weekdays: [tue, thu]}
            households:
            \(households)patrols:
              - {id: G1-P1, name: 消防通道, grid: G1, lat: 31.2450, lon: 121.4005, every_days: 2, min_gap_days: 1, duration_min: 30, last_visit: 2026-11-21}
              - {id: G2-P1, name: 充电棚, grid: G2, lat: 31.2485, lon: 121.4012, every_days: 2, min_gap_days: 1, duration_min: 30, last_visit: 2026-11-21}
            history: visits.csv
            solver: {time_limit_s: 20, mip_gap: 0}

            """
    }

    func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gridplan-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try Self.scenarioYAML().write(to: dir.appendingPathComponent("week1.yaml"), atomically: true, encoding: .utf8)
        try "task,date,worker,result\n".write(to: dir.appendingPathComponent("visits.csv"), atomically: true, encoding: .utf8)
        return dir.path
    }

    func load(_ path: String) throws -> Scenario {
        let r = ScenarioLoader.load(path: path)
        guard let s = r.scenario else {
            XCTFail("\(path) does not load: \(r.errors.map(\.description))")
            throw CycleInputError("load")
        }
        return s
    }

    func record(_ plan: Plan, _ s: Scenario, results: [VisitReport] = []) throws -> Recording {
        let path = try XCTUnwrap(s.source?.historyPath)
        let file = try HistoryFile.read(path: path)
        let ledger = try HistoryFile.read(path: CyclePaths.outcomesLedger(for: path))
        let r = HistoryRecorder.record(plan: plan, scenario: ResolvedScenario(s),
                                       existing: file.entries.map(\.entry) + ledger.entries.map(\.entry), reports: results)
        XCTAssertFalse(r.hasErrors, "\(r.diagnostics)")
        try r.write(history: file, ledger: ledger)
        return r
    }

    func next(_ path: String, _ s: Scenario, to name: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let n = try NextPeriod.roll(yaml: text, scenario: s)
        let out = CyclePaths.resolve(name, against: CyclePaths.folder(of: path))
        try n.yaml.write(toFile: out, atomically: true, encoding: .utf8)
        return out
    }

    func testFourWeeksOfPlanRecordNextWithASickDayAndAHolidayWeek() throws {
        let dir = try folder()
        var path = CyclePaths.resolve("week1.yaml", against: dir)
        let options = PlanOptions(timeLimitSeconds: 20)
        var starts: [CivilDate] = []
        for week in 1...4 {
            let s = try load(path)
            starts.append(s.horizon.start)
            var plan = try Planner.plan(s, options: options)
            XCTAssertEqual(PlanChecker.check(plan, against: s).map(\.description), [], "week \(week)")
            XCTAssertEqual(plan.kpis.lateTaskDays, 0, "week \(week): \(plan.late)")

            if week == 2 {
                // W02 falls ill on its first working day after Monday: re-plan from that day.
                let wed = try XCTUnwrap(plan.routes.first { $0.worker == "W02" && $0.date > s.horizon.start }?.date)
                let setup = try ReplanSetup.make(scenario: ResolvedScenario(s), plan: plan, from: wed, disruption: Disruption(
                    absences: [Absence(worker: "W02", from: wed, through: wed)]))
                let result = try Replanner.replan(setup, oldPlan: plan, options: options)
                XCTAssertEqual(PlanChecker.check(result.plan, against: s).map(\.description), [])
                XCTAssertEqual(result.plan.kpis.lateTaskDays, 0)
                XCTAssertEqual(result.plan.routes.filter { $0.date < wed }, plan.routes.filter { $0.date < wed })
                XCTAssertNil(result.plan.route(of: "W02", on: wed))
                let sick = plan.route(of: "W02", on: wed)?.stops.map(\.task) ?? []
                XCTAssertFalse(sick.isEmpty, "the fixture should give W02 work on Wednesday")
                // Only the absent worker's stops change: capacity is ample, so nothing else needs to move.
                for c in result.changes {
                    XCTAssertEqual(c.oldWorkers, ["W02"], "\(c)")
                    XCTAssertEqual(c.oldDate, wed, "\(c)")
                    XCTAssertEqual(c.why, "W02 absent \(wed.iso)")
                }
                XCTAssertEqual(Set(result.changes.map(\.task)), Set(sick))
                plan = result.plan
            }

            var results: [VisitReport] = []
            if week == 1, let r = plan.routes.first, let stop = r.stops.first(where: { $0.kind == .visit }) {
                results.append(VisitReport(task: stop.task, date: r.date, worker: r.worker, result: .notHome, line: 2))
            }
            let recorded = try record(plan, s, results: results)
            XCTAssertEqual(recorded.newEntries.count, plan.routes.reduce(0) { $0 + $1.stops.count })
            XCTAssertEqual(try record(plan, s).newEntries, [], "recording twice adds nothing")
            if week == 1, let missed = results.first {
                // The household nobody found at home is due again from its previous visit.
                let again = try load(path).jobs().first { $0.id == missed.task }
                XCTAssertNotEqual(again?.lastVisit, missed.date)
            }
            path = try next(path, s, to: "week\(week + 1).yaml")
        }
        XCTAssertEqual(starts.map(\.iso), ["2026-11-23", "2026-11-30", "2026-12-07", "2026-12-14"])
        let last = try load(path)
        XCTAssertEqual(last.horizon.holidays, [], "the holidays of week 3 are dropped once past")
        let week3 = try load(CyclePaths.resolve("week3.yaml", against: dir))
        XCTAssertEqual(week3.horizon.holidays.map(\.iso), ["2026-12-10", "2026-12-11"])
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("# simulation: two grids, four weeks\n"))
    }
}
