import Foundation
import XCTest
@testable import GridPlanCore

/// The .xlsx reader on workbooks written by other programs (openpyxl, LibreOffice; see
/// Fixtures/xlsx/README.md), and the loader reading a scenario's tables from them.
final class LoadingXLSXTests: XCTestCase {
    func fixture(_ name: String) throws -> String {
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/xlsx"))
        return url.path
    }

    func sheet(_ book: String, _ name: String?) throws -> CSVTable {
        let log = DiagnosticLog()
        let table = CSVTable.read(workbook: try fixture(book), sheet: name, file: book, log: log, reference: nil,
                                  sheetReference: nil)
        XCTAssertEqual(log.items.map(\.description), [])
        return try XCTUnwrap(table)
    }

    /// Rows as dictionaries header → cell, empty cells left out.
    func records(_ t: CSVTable) -> [[String: String]] {
        t.rows.map { row in
            var d: [String: String] = [:]
            for (i, h) in t.header.enumerated() where !h.isEmpty && !row.cells[i].isEmpty { d[h] = row.cells[i] }
            return d
        }
    }

    // MARK: - Cells as a person sees them

    func testHouseholdSheetOfEachWriterReadsTheSameCellsWithTitleRowSkippedAndMergedGridFilledIn() throws {
        for book in ["ledger.xlsx", "ledger-libreoffice.xlsx", "ledger-1904.xlsx"] {
            let t = try sheet(book, "住户")
            XCTAssertEqual(t.headerLine, 2, book)
            XCTAssertEqual(t.sheet, "住户")
            XCTAssertEqual(Array(t.header.prefix(4)), ["编号", "姓名", "地址", "网格"], book)
            let r = records(t)
            XCTAssertEqual(r.count, 3, book)
            XCTAssertEqual(r[0]["编号"], "H01", book)
            XCTAssertEqual(r[0]["电话"], "13912345678", "a phone stored as a number, \(book)")
            XCTAssertEqual(r[0]["上次走访"], "2026-09-15", "a date cell, \(book)")
            XCTAssertEqual(r[0]["纬度"], "31.249", book)
            XCTAssertEqual(r[0]["需陪同"], "TRUE", "a boolean, \(book)")
            XCTAssertEqual(r[0]["预约时间"], "09:30", "a time cell, \(book)")
            XCTAssertEqual(r[1]["网格"], "XH-09", "merged D3:D4 gives its value to D4, \(book)")
            XCTAssertEqual(r[1]["时长（分钟）"], "30", "a formula's cached value, \(book)")
            XCTAssertEqual(r[1]["电话"], "02161234567", "a phone stored as text keeps its leading zero, \(book)")
            XCTAssertEqual(r[1]["上次走访"], "2026-09-01", "a date-time at midnight, \(book)")
            XCTAssertEqual(r[1]["需陪同"], "FALSE", book)
            XCTAssertEqual(r[2]["编号"], "007", "an id written as text, \(book)")
            XCTAssertEqual(r[2]["上次走访"], "2026-09-10", "a date in the format yyyy年m月d日, \(book)")
            XCTAssertEqual(t.rows.map(\.line), [3, 4, 5], "trailing empty styled rows are no rows, \(book)")
        }
    }

    func testFirstSheetIsTheFirstOneNotHidden() throws {
        XCTAssertEqual(try sheet("ledger.xlsx", nil).sheet, "住户")
        XCTAssertEqual(try sheet("ledger-libreoffice.xlsx", nil).sheet, "住户")
        // A hidden sheet is still read when named.
        XCTAssertEqual(try sheet("ledger.xlsx", "说明").rows.count, 0)
    }

    func testSerialDatesCountFrom1900WithItsLeapDayOrFrom1904() {
        XCTAssertEqual(XLSXWorkbook.format(1, as: .date, date1904: false), "1900-01-01")
        XCTAssertEqual(XLSXWorkbook.format(59, as: .date, date1904: false), "1900-02-28")
        XCTAssertEqual(XLSXWorkbook.format(61, as: .date, date1904: false), "1900-03-01")
        XCTAssertEqual(XLSXWorkbook.format(46280, as: .date, date1904: false), "2026-09-15")
        XCTAssertEqual(XLSXWorkbook.format(46280 - 1462, as: .date, date1904: true), "2026-09-15")
        XCTAssertEqual(XLSXWorkbook.format(0.395833333, as: .time, date1904: false), "09:30")
        XCTAssertEqual(XLSXWorkbook.format(46280.75, as: .dateTime, date1904: false), "2026-09-15 18:00")
    }

    func testNumbersAreWrittenWithoutExponentOrTrailingZeros() {
        XCTAssertEqual(XLSXWorkbook.formatNumber(13_912_345_678), "13912345678")
        XCTAssertEqual(XLSXWorkbook.formatNumber(110_101_199_001_011_234), "110101199001011232")
        XCTAssertEqual(XLSXWorkbook.formatNumber(121.4061), "121.4061")
        XCTAssertEqual(XLSXWorkbook.formatNumber(0.00001), "0.00001")
        XCTAssertEqual(XLSXWorkbook.formatNumber(-3), "-3")
    }

    func testFormatCodesTellDatesTimesAndNumbersApart() {
        XCTAssertEqual(XLSXWorkbook.kind(ofFormatCode: "yyyy-mm-dd"), .date)
        XCTAssertEqual(XLSXWorkbook.kind(ofFormatCode: "yyyy\"年\"m\"月\"d\"日\";@"), .date)
        XCTAssertEqual(XLSXWorkbook.kind(ofFormatCode: "[$-804]aaaa;@"), .number)
        XCTAssertEqual(XLSXWorkbook.kind(ofFormatCode: "h:mm;@"), .time)
        XCTAssertEqual(XLSXWorkbook.kind(ofFormatCode: "[h]:mm"), .time)
        XCTAssertEqual(XLSXWorkbook.kind(ofFormatCode: "yyyy/m/d h:mm"), .dateTime)
        XCTAssertEqual(XLSXWorkbook.kind(ofFormatCode: "[Red]0.00"), .number)
        XCTAssertEqual(XLSXWorkbook.kind(ofFormatCode: "[DBNum1][$-804]General"), .number)
        XCTAssertEqual(XLSXWorkbook.kind(ofFormatCode: "#,##0.00\"元\""), .number)
        XCTAssertEqual(XLSXWorkbook.kind(ofFormatCode: "@"), .text)
        XCTAssertEqual(XLSXWorkbook.kind(ofBuiltinFormat: 14), .date)
        XCTAssertEqual(XLSXWorkbook.kind(ofBuiltinFormat: 0), .number)
    }

    func testCellReferencesAndColumnLetters() {
        XCTAssertEqual(XLSXWorkbook.columnLetters(1), "A")
        XCTAssertEqual(XLSXWorkbook.columnLetters(26), "Z")
        XCTAssertEqual(XLSXWorkbook.columnLetters(27), "AA")
        XCTAssertEqual(XLSXWorkbook.cellReference("AB12").map { [$0.row, $0.column] }, [12, 28])
        XCTAssertEqual(Diagnostic.reference(sheet: "住户", column: "E", row: 12), "住户!E12")
        XCTAssertEqual(Diagnostic.reference(sheet: "My sheet", column: nil, row: 3), "'My sheet'!3:3")
    }

    // MARK: - Scenarios with workbook tables

    func testScenarioWithEveryTableInOneWorkbookWithChineseHeadersLoads() throws {
        let result = ScenarioLoader.load(path: try fixture("scenario.yaml"))
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let s = try XCTUnwrap(result.scenario)
        XCTAssertEqual(s.households.map(\.id), ["H01", "H02", "007"])
        let h1 = s.households[0]
        XCTAssertEqual(h1.grid, "XH-09")
        XCTAssertEqual(h1.categories, ["独居老人", "低保户"])
        XCTAssertEqual(h1.phone, "13912345678")
        XCTAssertEqual(h1.lastVisit, CivilDate(iso: "2026-09-15"))
        XCTAssertEqual(h1.window, TimeWindow(text: "09:00-11:30"))
        XCTAssertEqual(h1.extra.map(\.name), ["楼栋长", "需陪同", "预约时间"], "unknown headers are kept as notes")
        XCTAssertEqual(s.households[1].durationMin, 30)
        XCTAssertEqual(s.households[1].weekdays, [.mon, .wed])
        XCTAssertEqual(s.patrols.map(\.everyDays), [1, 7])
        XCTAssertEqual(s.patrols[1].lastVisit, CivilDate(iso: "2026-09-18"))
        XCTAssertEqual(s.history.map(\.task), ["H01", "P02", "H01"], "the workbook's sheet, then the CSV")
        XCTAssertEqual(s.travel.matrix.count, 2)
        XCTAssertTrue(s.source?.historyPath?.hasSuffix("xlsx/visits.csv") ?? false)
        XCTAssertEqual(s.source?.historyWorkbooks.count, 1)
        XCTAssertEqual(s.source?.inputs.map(\.file).sorted(), ["ledger.xlsx", "scenario.yaml", "visits.csv"],
                       "a workbook is one input of the digest, however many sheets are read")
    }

    func testBrokenWorkbookGetsEveryFindingAtItsSheetAndCell() throws {
        let folder = ScenarioFolder()
        folder.write("broken.xlsx", bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: try fixture("broken.xlsx")))))
        let yaml = scenario(replacing: """
            households:
              - {id: H01, grid: XH-09, lat: 31.249, lon: 121.406, categories: [独居老人]}
            patrols:
              - {id: P01, grid: XH-09, lat: 31.248, lon: 121.405, every_days: 1, duration_min: 10}
            """, with: """
            households: {file: broken.xlsx, sheet: 住户}
            patrols: {file: broken.xlsx, sheet: 缺列}
            history: {file: broken.xlsx, sheet: 走访}
            """)
        let result = folder.load(yaml)
        XCTAssertNil(result.scenario)
        let shown = result.diagnostics.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") }
        XCTAssertEqual(shown, [
            "broken.xlsx:住户!D2: error: column 网格: missing required field 'grid' in household 'B01'",
            "broken.xlsx:住户!E3: error: column 纬度: 'lat' of household 'B02' must be a number, not '北纬31度'",
            "broken.xlsx:住户!G4: error: column 类别: unknown category '孤寡老人' in household 'B03'",
            "broken.xlsx:住户!L4: error: column 上次走访: malformed date '2026/13/01' in 'last_visit' of household 'B03'; expected YYYY-MM-DD",
            "broken.xlsx:住户!O4: error: value '多余' in a column with no header; name the column in row 1 or clear the cell",
            "broken.xlsx:住户!I5: error: column 时段: malformed window '9点到11点' in 'window' of household 'B04'; expected HH:MM-HH:MM",
            "broken.xlsx:住户!K5: error: column 时长（分钟）: 'duration_min' of household 'B04' must be at least 1, not 0",
            "broken.xlsx:住户!K6: error: column 时长（分钟）: the formula in this cell has no saved value (the file was "
                + "written by a program that calculates nothing); open the workbook in Excel, WPS or LibreOffice and save it",
            "broken.xlsx:缺列!1:1: error: missing required column 'lon' (or '经度')",
            "broken.xlsx:缺列!1:1: error: missing required column 'every_days' (or '周期(天)')",
            "broken.xlsx:缺列!1:1: error: missing required column 'duration_min' (or '时长(分钟)')",
            "scenario.yaml:20:37: error: no sheet '走访' in 'broken.xlsx'; its sheets are '住户', '缺列'",
        ])
    }

    func testWorkbookThatIsNotAZipArchiveIsAnErrorNotACrash() {
        let folder = ScenarioFolder()
        folder.write("台账.xlsx", "id,grid\nH01,XH-09\n")
        let result = folder.load(scenario(replacing: """
            households:
              - {id: H01, grid: XH-09, lat: 31.249, lon: 121.406, categories: [独居老人]}
            """, with: "households: 台账.xlsx"))
        XCTAssertEqual(result.errors.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") },
                       ["台账.xlsx: error: cannot read workbook '台账.xlsx': not an .xlsx workbook (not a ZIP archive)"])
    }

    func testACutOffSheetIsAnErrorNamingThePartNotACrash() throws {
        let log = DiagnosticLog()
        let t = CSVTable.read(workbook: try fixture("damaged.xlsx"), sheet: "住户", file: "台账.xlsx", log: log,
                              reference: nil, sheetReference: nil)
        XCTAssertNil(t)
        XCTAssertEqual(log.items.count, 1)
        let message = log.items.first?.description ?? ""
        XCTAssertTrue(message.hasPrefix("台账.xlsx: error: cannot read sheet '住户' of workbook '台账.xlsx': "
            + "damaged workbook: part xl/worksheets/sheet2.xml: line "), message)
        // The other sheets of the same workbook still read.
        XCTAssertNotNil(CSVTable.read(workbook: try fixture("damaged.xlsx"), sheet: "巡查点", file: "台账.xlsx",
                                      log: DiagnosticLog(), reference: nil, sheetReference: nil))
    }

    func testSheetKeyOnACSVFileAndUnknownKeysAreErrors() {
        let folder = ScenarioFolder()
        folder.write("households.csv", "id,grid,lat,lon,categories\nH01,XH-09,31.249,121.406,独居老人\n")
        let result = folder.load(scenario(replacing: """
            households:
              - {id: H01, grid: XH-09, lat: 31.249, lon: 121.406, categories: [独居老人]}
            """, with: "households: {file: households.csv, sheet: 住户, sheeet: x}"))
        XCTAssertEqual(result.errors.map(\.message), [
            "'sheet' names a sheet of a workbook, but 'households.csv' is not an .xlsx file",
            "unknown field 'sheeet' in 'households'; did you mean 'sheet'?",
        ])
    }

    func testOldBinaryWorkbookIsAnErrorThatSaysSaveAsXLSX() {
        let folder = ScenarioFolder()
        let result = folder.load(scenario(replacing: """
            households:
              - {id: H01, grid: XH-09, lat: 31.249, lon: 121.406, categories: [独居老人]}
            """, with: "households: 台账.xls"))
        XCTAssertEqual(result.errors.count, 1)
        XCTAssertTrue(result.errors[0].message.contains("save it as .xlsx"), result.errors[0].message)
    }

    // MARK: - Chinese headers in CSV files too

    func testChineseHeadersInACSVFileMeanTheFormatsColumns() throws {
        let folder = ScenarioFolder()
        folder.write("households.csv", "编号,网格,纬度,经度,类别,上次走访,电话,楼栋长\nH01,XH-09,31.249,121.406,独居老人,2026-11-20,13900000001,王师傅\n")
        let result = folder.load(scenario(replacing: """
            households:
              - {id: H01, grid: XH-09, lat: 31.249, lon: 121.406, categories: [独居老人]}
            """, with: "households: households.csv"))
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let h = try XCTUnwrap(result.scenario?.households.first)
        XCTAssertEqual(h.lastVisit, CivilDate(iso: "2026-11-20"))
        XCTAssertEqual(h.phone, "13900000001")
        XCTAssertEqual(h.extra, [ExtraField(name: "楼栋长", value: "王师傅")])
    }

    func testTwoColumnsMeaningOneFieldAreAnErrorAtTheHeader() {
        let folder = ScenarioFolder()
        folder.write("households.csv", "id,编号,grid,lat,lon,categories\nH01,H01,XH-09,31.249,121.406,独居老人\n")
        let result = folder.load(scenario(replacing: """
            households:
              - {id: H01, grid: XH-09, lat: 31.249, lon: 121.406, categories: [独居老人]}
            """, with: "households: households.csv"))
        XCTAssertEqual(result.errors.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") },
                       ["households.csv:1: error: column 编号: columns 'id' and '编号' both mean 'id'; keep one"])
    }

    func testAHistoryCSVWithChineseHeadersIsReadAndAppendedUnderItsOwnHeaders() throws {
        let folder = ScenarioFolder()
        folder.write("visits.csv", "任务,日期,网格员,备注\r\nH01,2026-11-16,W01,电话预约\r\n")
        let file = try HistoryFile.read(path: folder.shown("visits.csv"))
        XCTAssertEqual(file.entries.map(\.entry.task), ["H01"])
        let text = file.text(appending: [HistoryEntry(task: "H01", date: CivilDate(iso: "2026-11-23")!, worker: "W01")]).text
        XCTAssertEqual(text, "任务,日期,网格员,备注\r\nH01,2026-11-16,W01,电话预约\r\nH01,2026-11-23,W01,\r\n")
    }

    // MARK: - Results of record

    func testResultsSheetWithChineseHeadersAndResultsReadsWithCellsForFindings() throws {
        let read = HistoryRecorder.readResults(path: try fixture("ledger.xlsx"), sheet: "结果")
        XCTAssertEqual(read.diagnostics.map(\.description), [])
        XCTAssertEqual(read.reports.map(\.task), ["H01", "P01"])
        XCTAssertEqual(read.reports.map(\.result), [.notHome, .done])
        XCTAssertEqual(read.reports.map(\.date.iso), ["2026-09-21", "2026-09-22"])
        let d = read.reports[0].diagnostic(.error, file: "r.xlsx", column: "task", "unknown task 'H01'")
        XCTAssertEqual(d.description, "r.xlsx:结果!A2: error: column 任务: unknown task 'H01'")
    }
}
