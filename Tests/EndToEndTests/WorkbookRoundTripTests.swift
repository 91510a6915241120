import Foundation
import GridPlanCore
@testable import GridPlanReports
import XCTest

/// The grid head's week with a workbook, through the real binary: `init --xlsx`, validate, plan
/// (roster.xlsx and visits.xlsx beside the CSVs), record a results sheet, and a broken workbook.
final class WorkbookRoundTripTests: XCTestCase {
    func testInitXLSXPlansAndRecordsAResultsSheet() throws {
        let dir = try CommandRunner.temporaryDirectory(self).appendingPathComponent("grid")
        let yaml = dir.appendingPathComponent("scenario.yaml").path
        let i = try CommandRunner.run(["init", dir.path, "--xlsx", "--start", "2026-11-23"])
        XCTAssertEqual(i.status, 0, i.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("台账.xlsx").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("households.csv").path))
        let v = try CommandRunner.run(["validate", yaml])
        XCTAssertEqual(v.status, 0, v.stderr)

        let out = dir.appendingPathComponent("week")
        let p = try CommandRunner.run(["plan", yaml, "--out", out.path])
        XCTAssertEqual(p.status, 0, p.stderr)
        for f in ["roster.xlsx", "visits.xlsx", "roster.csv", "visits.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(f).path), f)
        }
        let plan = try GridPlanCore.Plan.decode(from: Data(contentsOf: out.appendingPathComponent("plan.json")))
        let route = try XCTUnwrap(plan.routes.first { $0.stops.contains { $0.task == "H001" } })

        // A results sheet as a grid head fills it in: Chinese headers and results, a date cell, one bad row.
        let results = dir.appendingPathComponent("结果.xlsx").path
        func writeResults(_ rows: [(String, CivilDate, String, String)]) throws {
            let book = try Workbook(title: "results", created: route.date)
            let sheet = book.addSheet("本周结果")
            sheet.table(header: [("任务", 10), ("日期", 12), ("网格员", 10), ("结果", 10)], rows: rows.count)
            for (n, r) in rows.enumerated() {
                sheet.text(n + 1, 0, r.0)
                sheet.date(n + 1, 1, r.1)
                sheet.text(n + 1, 2, r.2)
                sheet.text(n + 1, 3, r.3)
            }
            try book.finish().write(to: URL(fileURLWithPath: results))
        }
        try writeResults([("H001", route.date, route.worker, "不在家"), ("X999", route.date, route.worker, "done")])
        let bad = try CommandRunner.run(["record", yaml, "--plan", out.appendingPathComponent("plan.json").path,
                                         "--results", results])
        XCTAssertEqual(bad.status, 2, bad.stdout)
        XCTAssertTrue(bad.stderr.contains("结果.xlsx:本周结果!A3: error: column 任务: unknown task 'X999'"), bad.stderr)

        try writeResults([("H001", route.date, route.worker, "不在家")])
        let ok = try CommandRunner.run(["record", yaml, "--plan", out.appendingPathComponent("plan.json").path,
                                        "--results", results, "--results-sheet", "本周结果"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let history = try String(contentsOf: dir.appendingPathComponent("visits.csv"), encoding: .utf8)
        XCTAssertTrue(history.contains("P001,"), "done stops go to the CSV history: \(history)")
        let ledger = try String(contentsOf: dir.appendingPathComponent("visits-outcomes.csv"), encoding: .utf8)
        XCTAssertTrue(ledger.contains("H001,\(route.date.iso),\(route.worker),not_home"), ledger)
        let again = try CommandRunner.run(["validate", yaml])
        XCTAssertEqual(again.status, 0, "the workbook history and the CSV history load together: \(again.stderr)")
    }

    func testRecordRefusesAHistoryThatIsOnlyInAWorkbookAndWritesNothing() throws {
        let dir = try CommandRunner.temporaryDirectory(self).appendingPathComponent("grid")
        XCTAssertEqual(try CommandRunner.run(["init", dir.path, "--xlsx", "--start", "2026-11-23"]).status, 0)
        let yaml = dir.appendingPathComponent("scenario.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
            .replacingOccurrences(of: "history: [{file: 台账.xlsx, sheet: 走访记录}, visits.csv]",
                                  with: "history: {file: 台账.xlsx, sheet: 走访记录}")
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("visits.csv"))
        let out = dir.appendingPathComponent("week")
        XCTAssertEqual(try CommandRunner.run(["plan", yaml.path, "--out", out.path]).status, 0)
        let r = try CommandRunner.run(["record", yaml.path, "--plan", out.appendingPathComponent("plan.json").path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("the history is only in the workbook"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("visits.csv").path))
    }

    func testABrokenWorkbookGetsSheetAndCellDiagnosticsAndStatus2() throws {
        let dir = try CommandRunner.temporaryDirectory(self)
        let broken = CommandRunner.packageRoot.appendingPathComponent("Tests/GridPlanCoreTests/Fixtures/xlsx/broken.xlsx")
        try FileManager.default.copyItem(at: broken, to: dir.appendingPathComponent("台账.xlsx"))
        try """
            name: broken
            horizon: {start: 2026-11-23, days: 7}
            places: [{id: OFFICE, name: 居委会, lat: 31.2485, lon: 121.4056}]
            policies: [{category: 独居老人, every_days: 7, duration_min: 20}]
            workers: [{id: W01, grids: [XH-09], start: OFFICE, shift: ["08:30", "17:30"]}]
            households: {file: 台账.xlsx, sheet: 住户}

            """.write(to: dir.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        let r = try CommandRunner.run(["validate", "scenario.yaml"], in: dir)
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("台账.xlsx:住户!D2: error: column 网格: missing required field 'grid' in household 'B01'"), r.stderr)
        XCTAssertTrue(r.stderr.contains("台账.xlsx:住户!K5: error: column 时长（分钟）:"), r.stderr)
        let plan = try CommandRunner.run(["plan", "scenario.yaml", "--out", "out"], in: dir)
        XCTAssertEqual(plan.status, 2)
    }
}
