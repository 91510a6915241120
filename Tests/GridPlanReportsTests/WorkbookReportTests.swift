import Foundation
@testable import GridPlanCore
@testable import GridPlanReports
import XCTest
import ZIPFoundation

/// roster.xlsx and visits.xlsx read back cell by cell with the loader's own .xlsx reader, and their
/// XML parts checked for a frozen header, column widths, an autofilter and no formula at all.
/// (scripts/test also opens them with openpyxl and, where installed, LibreOffice.)
final class WorkbookReportTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridplan-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// The rendered workbook `name` on disk.
    func workbook(_ name: String, locale: ReportLocale = .zhHans) throws -> String {
        let s = Fixture.scenario(locale: locale)
        let file = try XCTUnwrap(try ReportWriter.render(plan: Fixture.planA(scenario: s), scenario: s)
            .first { $0.relativePath == name })
        let url = folder.appendingPathComponent("\(locale.rawValue)-\(name)")
        try file.contents.write(to: url)
        return url.path
    }

    /// Every sheet's rows as arrays of cell text (the header first).
    func sheets(_ path: String) throws -> [(name: String, rows: [[String]])] {
        let book = try XLSXWorkbook.open(path: path)
        return try book.sheets.map { sheet in
            let cells = try book.cells(of: sheet)
            let width = cells.rows.values.flatMap(\.keys).max() ?? 0
            let rows = cells.rows.keys.sorted().map { r in (1...max(width, 1)).map { cells.rows[r]?[$0] ?? "" } }
            return (sheet.name, rows)
        }
    }

    func part(_ path: String, _ name: String) throws -> String {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        var data = Data()
        _ = try archive.extract(try XCTUnwrap(archive[name]), consumer: { data.append($0) })
        return String(decoding: data, as: UTF8.self)
    }

    func testVisitsWorkbookHasOneRowPerStopWithDateAndTimeCellsAndDefusedText() throws {
        let path = try workbook("visits.xlsx")
        let all = try sheets(path)
        XCTAssertEqual(all.map(\.name), ["每日走访清单"])
        let rows = all[0].rows
        XCTAssertEqual(rows[0].prefix(8), ["日期", "编号", "网格员", "序", "到达", "开始", "结束", "任务"])
        let s = Fixture.scenario()
        let stops = Fixture.planA(scenario: s).routes.reduce(0) { $0 + $1.stops.count }
        XCTAssertEqual(rows.count - 1, stops)
        let first = rows[1]
        XCTAssertNotNil(CivilDate(iso: first[0]), "a date cell reads as an ISO date: \(first[0])")
        XCTAssertNotNil(TimeOfDay(hhmm: first[5]), "a time cell reads as HH:MM: \(first[5])")
        // Formula-like text gets the CSV's leading quote, and stays a string cell.
        let h001 = try XCTUnwrap(rows.first { $0[7] == "H001" })
        XCTAssertEqual(h001[13], "'+86 138 0000 0001", "a phone starting with + is text, defused")
        let xml = try part(path, "xl/worksheets/sheet1.xml")
        XCTAssertFalse(xml.contains("<f>"), "no cell is a formula")
        XCTAssertTrue(xml.contains("state=\"frozen\""), "the header row is frozen")
        XCTAssertTrue(xml.contains("<autoFilter ref=\"A1:R\(stops + 1)\""), "an autofilter over the table")
        XCTAssertTrue(xml.contains("<col "), "columns have widths")
        // Dates and times are numbers with a date or time format, not text.
        let styles = try part(path, "xl/styles.xml")
        XCTAssertTrue(styles.contains("formatCode=\"yyyy-mm-dd\"") && styles.contains("formatCode=\"hh:mm\""))
    }

    func testRosterWorkbookHasTheWeekThenTheLateListWithReasonsAndTheShortfall() throws {
        let path = try workbook("roster.xlsx")
        let all = try sheets(path)
        XCTAssertEqual(all.map(\.name), ["周排班表", "未能按时完成"])
        let week = all[0].rows
        XCTAssertEqual(week[0].prefix(4), ["编号", "网格员", "日期", "星期"])
        let csv = String(decoding: try SpreadsheetCSV.roster(ReportContext(plan: Fixture.planA(scenario: Fixture.scenario()),
                                                                            scenario: ResolvedScenario(Fixture.scenario()))),
                         as: UTF8.self)
        let csvRows = csv.split(separator: "\r\n").count
        XCTAssertEqual(week.count, csvRows, "one row per worker and working day, as roster.csv")
        XCTAssertNotNil(CivilDate(iso: week[1][2]))
        let w03 = try XCTUnwrap(week.first { $0[0] == "W03" })
        XCTAssertEqual(w03[1], "'=cmd|' /C calc'!A0", "a formula-like name is defused text")
        XCTAssertFalse(try part(path, "xl/worksheets/sheet1.xml").contains("<f>"), "no cell is a formula")

        let late = all[1].rows
        let plan = Fixture.planA(scenario: Fixture.scenario())
        XCTAssertEqual(late[0], ["任务", "名称", "类别", "类型", "网格", "应完成日期", "本期逾期工作日", "首次安排", "原因", "说明"])
        XCTAssertFalse(plan.late.isEmpty, "the fixture plan has late tasks")
        for (i, l) in plan.late.enumerated() {
            XCTAssertEqual(late[i + 1][0], l.task)
            XCTAssertEqual(late[i + 1][5], l.due.iso)
            XCTAssertEqual(late[i + 1][6], "\(l.lateDays)")
            XCTAssertEqual(late[i + 1][9], l.detail(in: .zhHans), "the detail in the workbook's language")
            XCTAssertTrue(late[i + 1][9].hasPrefix("需要技能"), late[i + 1][9])
        }
        XCTAssertTrue(late.contains { $0[0] == "逾期任务天数" && $0[1] == "\(plan.kpis.lateTaskDays)" }, "the shortfall")
    }

    func testEnglishWorkbooksHaveEnglishSheetsAndLabels() throws {
        for name in ["roster.xlsx", "visits.xlsx"] {
            for (sheet, rows) in try sheets(try workbook(name, locale: .en)) {
                let text = ([sheet] + rows.flatMap { $0 }).joined()
                let cjk = text.unicodeScalars.filter { (0x3000...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
                XCTAssertTrue(cjk.isEmpty, "\(name) \(sheet): \(String(String.UnicodeScalarView(cjk.prefix(10))))")
            }
        }
    }
}
