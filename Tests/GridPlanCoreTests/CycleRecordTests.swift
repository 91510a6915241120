import Foundation
import XCTest
@testable import GridPlanCore

/// A two-worker, one-grid scenario in a temporary folder, and plans over it written by hand.
enum CycleFixture {
    static let yaml = """
        # a small test grid
        name: 测试网格 2026-W48
        horizon:
          start: 2026-11-23   # Monday
          days: 7
          holidays: [2026-11-20, 2026-11-27]
        places:
          - {id: OFF, name: 居委会, lat: 31.2400, lon: 121.4000}
        policies:
          - {category: 独居老人, every_days: 7, min_gap_days: 3, duration_min: 20}
        workers:
          - id: W01
            name: 甲
            grids: [G1]
            start: OFF
            shift: ["08:30", "17:30"]
            days_off:
              - 2026-11-18  # past leave
              - 2026-11-25  # this week
          - {id: W02, name: 乙, grids: [G1], start: OFF, shift: ["08:30", "17:30"], days_off: [2026-12-01]}
        households:
          - {id: H1, grid: G1, lat: 31.2410, lon: 121.4010, categories: [独居老人]}
          - {id: H2, grid: G1, lat: 31.2420, lon: 121.4020, categories: [独居老人]}
          - {id: H3, grid: G1, lat: 31.2430, lon: 121.4030, categories: [独居老人]}
        """

    /// Writes `yaml` (plus optional history text) into a fresh folder; returns the scenario path.
    static func folder(_ test: XCTestCase, yaml: String = yaml, history: (name: String, bytes: [UInt8])? = nil) throws
        -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gridplan-cycle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        var text = yaml
        if let h = history {
            text += "\nhistory: \(h.name)\n"
            try Data(h.bytes).write(to: dir.appendingPathComponent(h.name))
        }
        let path = dir.appendingPathComponent("scenario.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func load(_ path: String) throws -> Scenario {
        let r = ScenarioLoader.load(path: path)
        guard let s = r.scenario else {
            XCTFail("fixture does not load: \(r.errors.map(\.description))")
            throw CycleError.unreadable(path: path, why: "fixture")
        }
        return s
    }

    static func stop(_ task: String) -> Stop {
        Stop(task: task, kind: .visit, arrive: TimeOfDay(minutes: 540), start: TimeOfDay(minutes: 540),
             end: TimeOfDay(minutes: 560), travelMin: 1, travelKm: 0.1)
    }

    /// A plan for the fixture's week: W01 visits H1 on Monday, W02 visits H2 and H3 on Tuesday.
    static func plan() -> Plan {
        let d = CivilDate(iso: "2026-11-23")!
        func route(_ w: String, _ day: Int, _ tasks: [String]) -> Route {
            Route(worker: w, date: d.adding(days: day), start: TimeOfDay(minutes: 510), end: TimeOfDay(minutes: 600),
                  travelMin: 2, travelKm: 0.2, serviceMin: 20 * tasks.count, stops: tasks.map(stop))
        }
        return Plan(scenario: ScenarioReference(name: "t", file: "scenario.yaml", sha256: ""),
                    horizon: PlanHorizon(start: d, days: 7),
                    solver: SolverReport(backend: "hand", status: "optimal", objective: 0, bound: 0, gap: 0, seconds: 0),
                    routes: [route("W01", 0, ["H1"]), route("W02", 1, ["H2", "H3"])], late: [],
                    kpis: KPIs(tasksDue: 3, visitsPlanned: 3, lateTaskDays: 0, onTimeRate: 1, travelKm: 0.4,
                               travelMin: 4, workMin: 180, utilisationMin: 0, utilisationMax: 0, continuity: 1))
    }

    static func results(_ test: XCTestCase, _ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("results-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }
}

final class CycleRecordTests: XCTestCase {
    func testRecordingAPlanWithoutResultsMarksEveryStopDone() throws {
        let s = try CycleFixture.load(try CycleFixture.folder(self))
        let r = HistoryRecorder.record(plan: CycleFixture.plan(), scenario: ResolvedScenario(s), existing: [])
        XCTAssertFalse(r.hasErrors)
        XCTAssertEqual(r.newEntries.map { "\($0.task) \($0.date.iso) \($0.worker) \($0.result ?? "-")" },
                       ["H1 2026-11-23 W01 done", "H2 2026-11-24 W02 done", "H3 2026-11-24 W02 done"])
    }

    func testRecordingThroughADateLeavesLaterStopsOut() throws {
        let s = try CycleFixture.load(try CycleFixture.folder(self))
        let r = HistoryRecorder.record(plan: CycleFixture.plan(), scenario: ResolvedScenario(s), existing: [],
                                       through: CivilDate(iso: "2026-11-23"))
        XCTAssertEqual(r.newEntries.map(\.task), ["H1"])
    }

    func testResultsRowsGiveTheirResultAndOnlyDoneCountsAsAVisit() throws {
        let s = try CycleFixture.load(try CycleFixture.folder(self))
        let path = try CycleFixture.results(self, "task,date,worker,result\nH2,2026-11-24,W02,not_home\n")
        let read = HistoryRecorder.readResults(path: path)
        XCTAssertTrue(read.diagnostics.isEmpty)
        let r = HistoryRecorder.record(plan: CycleFixture.plan(), scenario: ResolvedScenario(s), existing: [], reports: read.reports,
                                       resultsFile: path)
        let h2 = try XCTUnwrap(r.newEntries.first { $0.task == "H2" })
        XCTAssertEqual(h2.result, "not_home")
        XCTAssertFalse(h2.isDone)
        XCTAssertTrue(try XCTUnwrap(r.newEntries.first { $0.task == "H3" }).isDone)
    }

    func testAPairVisitReportedByOneWorkerGivesThePartnerTheSameResult() throws {
        // H1 on Monday is a pair visit of W01 and W02 (the same stop on both routes). W01 reports it
        // refused; W02 sends no row: the visit did not happen for either, so neither entry is done.
        let s = try CycleFixture.load(try CycleFixture.folder(self))
        var plan = CycleFixture.plan()
        let d = CivilDate(iso: "2026-11-23")!
        var pair = CycleFixture.stop("H1")
        pair.with = ["W02"]
        plan.routes[0].stops = [pair]
        var partner = CycleFixture.stop("H1")
        partner.with = ["W01"]
        plan.routes.append(Route(worker: "W02", date: d, start: TimeOfDay(minutes: 510), end: TimeOfDay(minutes: 600),
                                 travelMin: 2, travelKm: 0.2, serviceMin: 20, stops: [partner]))
        func entries(_ text: String) throws -> [String] {
            let read = HistoryRecorder.readResults(path: try CycleFixture.results(self, text))
            let r = HistoryRecorder.record(plan: plan, scenario: ResolvedScenario(s), existing: [], reports: read.reports)
            XCTAssertFalse(r.hasErrors)
            return r.newEntries.filter { $0.task == "H1" }.map { "\($0.worker) \($0.result ?? "-")" }.sorted()
        }
        XCTAssertEqual(try entries("task,date,worker,result\nH1,2026-11-23,W01,refused\n"), ["W01 refused", "W02 refused"])
        XCTAssertEqual(try entries("task,date,worker,result\nH1,2026-11-23,W02,not_home\n"), ["W01 not_home", "W02 not_home"])
        XCTAssertEqual(try entries("task,date,worker,result\nH1,2026-11-23,W01,refused\nH1,2026-11-23,W02,done\n"),
                       ["W01 refused", "W02 done"], "each worker's own row stands")
        XCTAssertEqual(try entries("task,date,worker,result\nH2,2026-11-24,W02,not_home\n"), ["W01 done", "W02 done"],
                       "no row for the pair: done, as every unreported stop")
    }

    func testBadResultsRowsAreErrorsNamingTheirLine() throws {
        let s = try CycleFixture.load(try CycleFixture.folder(self))
        let path = try CycleFixture.results(self, """
            task,date,worker,result
            H9,2026-11-23,W01,done
            H1,2026-12-05,W01,done
            H1,2026-11-24,W01,done
            H1,2026-11-23,W02,done
            H1,2026-11-23,W01,gone
            H1,2026-11-23,W01,phone
            H1,2026-11-23,W01,done

            """)
        let read = HistoryRecorder.readResults(path: path)
        XCTAssertEqual(read.diagnostics.map(\.description),
                       ["\(path):6: error: column result: unknown result 'gone'; expected done, phone, not_home, refused or moved (已走访, 电话, 不在家, 拒访, 搬离)"])
        let r = HistoryRecorder.record(plan: CycleFixture.plan(), scenario: ResolvedScenario(s), existing: [], reports: read.reports,
                                       resultsFile: path)
        XCTAssertTrue(r.hasErrors)
        XCTAssertEqual(r.diagnostics.map(\.description), [
            "\(path):2: error: column task: unknown task 'H9'",
            "\(path):3: error: column date: 2026-12-05 is outside the plan (2026-11-23..2026-11-29)",
            "\(path):4: error: column date: H1 is not planned on 2026-11-24",
            "\(path):5: error: column worker: H1 on 2026-11-23 is planned for W01, not W02",
            "\(path):8: error: H1 on 2026-11-23 by W01 is already reported on line 7",
        ])
    }

    func testResultsAfterTheThroughDateAreErrors() throws {
        let s = try CycleFixture.load(try CycleFixture.folder(self))
        let path = try CycleFixture.results(self, "task,date,worker,result\nH2,2026-11-24,W02,done\n")
        let r = HistoryRecorder.record(plan: CycleFixture.plan(), scenario: ResolvedScenario(s), existing: [],
                                       reports: HistoryRecorder.readResults(path: path).reports, resultsFile: path,
                                       through: CivilDate(iso: "2026-11-23"))
        XCTAssertEqual(r.diagnostics.map(\.description),
                       ["\(path):2: error: column date: 2026-11-24 is after --through 2026-11-23"])
    }

    func testRecordingTheSamePlanTwiceAddsNothingTheSecondTime() throws {
        let scenarioPath = try CycleFixture.folder(self, history: ("visits.csv", Array("task,date,worker\nH1,2026-11-16,W01\n".utf8)))
        let s = try CycleFixture.load(scenarioPath)
        let historyPath = try XCTUnwrap(s.source?.historyPath)
        var file = try HistoryFile.read(path: historyPath)
        let first = HistoryRecorder.record(plan: CycleFixture.plan(), scenario: ResolvedScenario(s), existing: file.entries.map(\.entry))
        XCTAssertEqual(first.newEntries.count, 3)
        try file.write(appending: first.newEntries, backupPath: HistoryFile.backupPath(for: historyPath))
        file = try HistoryFile.read(path: historyPath)
        XCTAssertEqual(file.entries.count, 4)
        let second = HistoryRecorder.record(plan: CycleFixture.plan(), scenario: ResolvedScenario(s), existing: file.entries.map(\.entry))
        XCTAssertEqual(second.newEntries, [])
        XCTAssertEqual(second.alreadyRecorded, 3)
    }

    func testWritingKeepsTheFileAsWrittenAndABackupOfThePreviousVersion() throws {
        let original = "task,date,worker\r\nH1,2026-11-16,W01\r\n"
        let scenarioPath = try CycleFixture.folder(self, history: ("visits.csv", Array(original.utf8)))
        let historyPath = try XCTUnwrap(try CycleFixture.load(scenarioPath).source?.historyPath)
        let file = try HistoryFile.read(path: historyPath)
        XCTAssertEqual(file.lineEnding, "\r\n")
        try file.write(appending: [HistoryEntry(task: "H2", date: CivilDate(iso: "2026-11-24")!, worker: "W02", result: "done")],
                       backupPath: HistoryFile.backupPath(for: historyPath))
        XCTAssertEqual(try String(contentsOfFile: historyPath, encoding: .utf8), original + "H2,2026-11-24,W02\r\n")
        XCTAssertEqual(try String(contentsOfFile: historyPath + ".bak", encoding: .utf8), original)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: ScenarioLoader.directory(of: historyPath))
            .filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [])
    }

    func testANonDoneResultAddsTheResultColumnWhenTheFileHasNone() throws {
        let scenarioPath = try CycleFixture.folder(self, history: ("visits.csv", Array("task,date,worker\nH1,2026-11-16,W01\n".utf8)))
        let historyPath = try XCTUnwrap(try CycleFixture.load(scenarioPath).source?.historyPath)
        let added = try HistoryFile.read(path: historyPath).write(
            appending: [HistoryEntry(task: "H2", date: CivilDate(iso: "2026-11-24")!, worker: "W02", result: "phone")],
            backupPath: historyPath + ".bak")
        XCTAssertTrue(added)
        XCTAssertEqual(try String(contentsOfFile: historyPath, encoding: .utf8),
                       "task,date,worker,result\nH1,2026-11-16,W01,\nH2,2026-11-24,W02,phone\n")
        let s = try CycleFixture.load(scenarioPath)
        XCTAssertEqual(s.lastVisitsFromHistory()["H1"], CivilDate(iso: "2026-11-16"))
        XCTAssertEqual(s.lastVisitsFromHistory()["H2"], CivilDate(iso: "2026-11-24"), "every history row counts (§1)")
    }

    func testAGB18030HistoryStaysGB18030() throws {
        let text = "task,date,worker,result,备注\nH1,2026-11-16,W01,done,老人不在家时打电话\n"
        let bytes = try XCTUnwrap(TextEncoder.gb18030(text))
        XCTAssertNotEqual(bytes, Array(text.utf8))
        let scenarioPath = try CycleFixture.folder(self, history: ("visits.csv", bytes))
        let historyPath = try XCTUnwrap(try CycleFixture.load(scenarioPath).source?.historyPath)
        try HistoryFile.read(path: historyPath).write(
            appending: [HistoryEntry(task: "H2", date: CivilDate(iso: "2026-11-24")!, worker: "W02", result: "done")],
            backupPath: historyPath + ".bak")
        let written = [UInt8](try Data(contentsOf: URL(fileURLWithPath: historyPath)))
        let decoded = try XCTUnwrap(TextDecoder.decode(written))
        XCTAssertEqual(decoded.encoding, .gb18030)
        XCTAssertEqual(decoded.text, text + "H2,2026-11-24,W02,done,\n")
        XCTAssertEqual(Array(written.prefix(bytes.count)), bytes)
        XCTAssertEqual(try CycleFixture.load(scenarioPath).history.count, 2)
    }

    func testANewHistoryFileGetsAHeaderAndAByteOrderMark() throws {
        let dir = ScenarioLoader.directory(of: try CycleFixture.folder(self))
        let path = dir + "/visits.csv"
        let file = try HistoryFile.read(path: path)
        XCTAssertFalse(file.exists)
        try file.write(appending: [HistoryEntry(task: "H1", date: CivilDate(iso: "2026-11-23")!, worker: "W01", result: "done")],
                       backupPath: path + ".bak")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(String(decoding: bytes.dropFirst(3), as: UTF8.self), "task,date,worker,result\nH1,2026-11-23,W01,done\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".bak"))
    }
}
