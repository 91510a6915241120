import Foundation
import GridPlanCore
@testable import GridPlanReports
import XCTest

final class ReportWriterTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridplan-reports-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testWriteAllCreatesFoldersAndEveryFileAndLeavesNoTemporaryFile() throws {
        let s = Fixture.scenario()
        let out = folder.appendingPathComponent("plan-w48")
        let urls = try ReportWriter.writeAll(plan: Fixture.planA(scenario: s), scenario: ResolvedScenario(s), to: out)
        XCTAssertEqual(urls.count, 12)
        for (u, f) in zip(urls, try ReportWriter.render(plan: Fixture.planA(scenario: s), scenario: s)) {
            XCTAssertEqual(u.path, out.appendingPathComponent(f.relativePath).path)
            XCTAssertEqual(try Data(contentsOf: u), f.contents)
        }
        for sub in ["", "daily", "calendar"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(sub).path)
            XCTAssertFalse(names.contains { $0.hasPrefix(".") }, "temporary file left in \(sub): \(names)")
        }
    }

    func testWriteAllReplacesAnOlderReport() throws {
        let s = Fixture.scenario()
        let roster = folder.appendingPathComponent("roster.md")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: roster)
        try ReportWriter.writeAll(plan: Fixture.planA(scenario: s), scenario: ResolvedScenario(s), to: folder)
        XCTAssertTrue(try String(contentsOf: roster, encoding: .utf8).hasPrefix("# 周排班表"))
    }

    func testWriteAtomicallyFailsCleanlyWhenTheTargetIsAFolder() throws {
        let target = folder.appendingPathComponent("roster.html")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("x"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try ReportWriter.writeAtomically(Data("x".utf8), to: target))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertEqual(names, ["roster.html"], "the temporary file is removed after a failure")
    }

    func testWorkerFileNamesCannotLeaveTheFolder() {
        XCTAssertEqual(ReportWriter.fileName(forWorker: "W01"), "W01")
        XCTAssertEqual(ReportWriter.fileName(forWorker: "../etc/passwd"), "_._etc_passwd")
        XCTAssertEqual(ReportWriter.fileName(forWorker: "张三"), "张三")
        XCTAssertEqual(ReportWriter.fileName(forWorker: "a b/c"), "a_b_c")
        XCTAssertEqual(ReportWriter.fileName(forWorker: ""), "_")
    }

    func testWorkersWhoseIdsCollideAfterCleaningGetDistinctFiles() throws {
        var s = Fixture.scenario()
        s.workers.append(Worker(id: "W/1", name: "x", grids: [], start: "XH-OFFICE", shift: TimeWindow(480, 1020)))
        s.workers.append(Worker(id: "W:1", name: "y", grids: [], start: "XH-OFFICE", shift: TimeWindow(480, 1020)))
        let paths = try ReportWriter.render(plan: Fixture.planA(scenario: s), scenario: s).map(\.relativePath)
        XCTAssertTrue(paths.contains("daily/W_1.html"))
        XCTAssertTrue(paths.contains("daily/W_1-2.html"))
        XCTAssertEqual(Set(paths).count, paths.count)
    }

    func testShowListsADayAndRejectsUnknownWorkersAndDates() throws {
        let s = Fixture.scenario()
        let p = Fixture.planA(scenario: s)
        let text = try WorkerDayListing.render(plan: p, scenario: s, worker: "W01", date: Fixture.d("2026-11-24"))
        XCTAssertTrue(text.contains(" 1. 08:40–09:00 走访 王秀英 (H002)"))
        XCTAssertFalse(text.contains("\u{1B}"))
        XCTAssertTrue(try WorkerDayListing.render(plan: p, scenario: s, worker: "潘靚雨", date: Fixture.d("2026-11-24"))
            .contains("王秀英"), "a worker may be named by name")
        let off = try WorkerDayListing.render(plan: p, scenario: s, worker: "W02", date: Fixture.d("2026-11-25"))
        XCTAssertTrue(off.contains("休"))
        XCTAssertTrue(off.contains("当天没有安排。"))
        XCTAssertThrowsError(try WorkerDayListing.render(plan: p, scenario: s, worker: "W99")) { e in
            XCTAssertEqual("\(e)", "no worker 'W99' in the plan or its scenario (workers: W01, W02, W03)")
        }
        XCTAssertThrowsError(try WorkerDayListing.render(plan: p, scenario: s, worker: "W01", date: Fixture.d("2026-12-01")))
    }

    func testShowStripsTerminalEscapesFromScenarioText() throws {
        var s = Fixture.scenario()
        s.households[1].notes = "evil \u{1B}[2J clear"
        let text = try WorkerDayListing.render(plan: Fixture.planA(scenario: s), scenario: s, worker: "W01", colour: false)
        XCTAssertFalse(text.contains("\u{1B}"))
        XCTAssertTrue(text.contains("evil [2J clear"))
    }
}
