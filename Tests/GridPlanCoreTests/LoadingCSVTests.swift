import Foundation
import XCTest
@testable import GridPlanCore
#if canImport(Glibc)
import Glibc
#endif

/// The base scenario with its households in `households.csv`.
let csvScenario = scenario(
    replacing: "households:\n  - {id: H01, grid: XH-09, lat: 31.249, lon: 121.406, categories: [独居老人]}",
    with: "households: households.csv")

/// GB18030 bytes of `text`, through the C library's iconv (what Chinese Excel writes).
func gb18030(_ text: String) -> [UInt8] {
    let cd = iconv_open("GB18030", "UTF-8")
    precondition(cd != iconv_t(bitPattern: -1))
    defer { iconv_close(cd) }
    var input = Array(text.utf8).map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: input.count * 2 + 8)
    let capacity = output.count
    let written: Int = input.withUnsafeMutableBufferPointer { inBuf in
        output.withUnsafeMutableBufferPointer { outBuf in
            var inPtr = inBuf.baseAddress, outPtr = outBuf.baseAddress
            var inLeft = inBuf.count, outLeft = capacity
            precondition(iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1)
            return capacity - outLeft
        }
    }
    return output[0..<written].map { UInt8(bitPattern: $0) }
}

/// CSV files: one test per diagnostic (row line and column name), encodings, quoting.
final class LoadingCSVTests: XCTestCase {
    let header = "id,name,grid,lat,lon,categories,window,weekdays\n"

    func households(_ rows: String, header: String? = nil) -> (ScenarioFolder, ScenarioLoadResult) {
        let folder = ScenarioFolder()
        folder.write("households.csv", (header ?? self.header) + rows)
        return (folder, folder.load(csvScenario))
    }

    func testAValidCSVLoadsWithItsUnknownColumnsKeptAsNotes() throws {
        let (_, r) = households("H01,张三,XH-09,31.249,121.406,独居老人,,\n",
                                header: "id,name,grid,lat,lon,categories,window,weekdays,楼栋\n")
        assertFindings(r, [])
        let h = try XCTUnwrap(r.scenario?.households.first)
        XCTAssertEqual(h.name, "张三")
        XCTAssertEqual(h.extra, [], "an empty cell of an unknown column is no note")
        let (_, r2) = households("H01,张三,XH-09,31.249,121.406,独居老人,,,3号楼 2单元\n",
                                 header: " id , name,grid,lat,lon,categories,window,weekdays, 楼栋 \n")
        assertFindings(r2, [])
        let h2 = try XCTUnwrap(r2.scenario?.households.first)
        XCTAssertEqual(h2.extra, [ExtraField(name: "楼栋", value: "3号楼 2单元")])
        XCTAssertEqual(h2.notes, "", "unknown columns are kept in extra, not copied into notes")
    }

    func testCategoriesAndWeekdaysSplitOnSemicolonsOfEitherWidth() throws {
        let folder = ScenarioFolder()
        folder.write("households.csv", header + "H01,张三,XH-09,31.249,121.406,独居老人；低保;,09:00-11:30,mon;周三；fri\n")
        let yaml = scenario(replacing: "    duration_min: 20\n",
                            with: "    duration_min: 20\n  - {category: 低保, every_days: 30, duration_min: 30}\n", in: csvScenario)
        let r = folder.load(yaml)
        assertFindings(r, [])
        let h = try XCTUnwrap(r.scenario?.households.first)
        XCTAssertEqual(h.categories, ["独居老人", "低保"])
        XCTAssertEqual(h.weekdays, [.mon, .wed, .fri])
        XCTAssertEqual(h.window, TimeWindow(9 * 60, 11 * 60 + 30))
    }

    func testMissingRequiredColumnIsReportedOnceAtTheHeaderWithASuggestion() {
        let (f, r) = households("H01,张三,XH-09,31.249,121.406,独居老人,,\nH02,李四,XH-09,31.249,121.406,独居老人,,\n",
                                header: "id,name,gird,lat,lon,categories,window,weekdays\n")
        assertFindings(r, ["\(f.shown("households.csv")):1: error: missing required column 'grid' (or '网格'); did you mean 'gird'?"])
    }

    func testMissingValueIsReportedAtItsRowAndColumn() {
        let (f, r) = households("H01,张三,XH-09,31.249,121.406,独居老人,,\nH02,李四,,31.249,121.406,独居老人,,\n")
        assertFindings(r, ["\(f.shown("households.csv")):3: error: column grid: missing required field 'grid' in household 'H02'"])
    }

    func testRowLongerThanTheHeaderIsReported() {
        let (f, r) = households("H01,张三,XH-09,31.249,121.406,独居老人,,,surplus\n")
        assertFindings(r, ["\(f.shown("households.csv")):2: error: row has 9 cells but the header has 8"])
    }

    func testDuplicateColumnIsReported() {
        let (f, r) = households("H01,张三,XH-09,31.249,121.406,独居老人,,,\n",
                                header: "id,name,grid,lat,lon,categories,window,weekdays,name\n")
        assertFindings(r, ["\(f.shown("households.csv")):1: error: duplicate column 'name' in header"])
    }

    func testEmptyFileIsReported() {
        let (f, r) = households("", header: "")
        assertFindings(r, ["\(f.shown("households.csv")):1: error: file is empty; expected a header row"])
    }

    func testMalformedWindowIsReportedWithTheCSVForm() {
        let (f, r) = households("H01,张三,XH-09,31.249,121.406,独居老人,9-11,\n")
        assertFindings(r, ["\(f.shown("households.csv")):2: error: column window: malformed window '9-11' in 'window' of household 'H01'; expected HH:MM-HH:MM"])
    }

    func testWindowThatEndsBeforeItStartsIsReported() {
        let (f, r) = households("H01,张三,XH-09,31.249,121.406,独居老人,11:30-09:00,\n")
        assertFindings(r, ["\(f.shown("households.csv")):2: error: column window: 'window' of household 'H01' must end after it starts (11:30-09:00)"])
    }

    func testMalformedWeekdayIsReported() {
        let (f, r) = households("H01,张三,XH-09,31.249,121.406,独居老人,,mon;fir\n")
        assertFindings(r, ["\(f.shown("households.csv")):2: error: column weekdays: unknown weekday 'fir' in 'weekdays' of household 'H01'; did you mean 'fri'?"])
    }

    func testMalformedNumberIsReported() {
        let (f, r) = households("H01,张三,XH-09,北纬31,121.406,独居老人,,\n")
        assertFindings(r, ["\(f.shown("households.csv")):2: error: column lat: 'lat' of household 'H01' must be a number, not '北纬31'"])
    }

    func testMalformedLastVisitIsReported() {
        let (f, r) = households("H01,张三,XH-09,31.249,121.406,独居老人,,,2026/11/01\n",
                                header: "id,name,grid,lat,lon,categories,window,weekdays,last_visit\n")
        assertFindings(r, ["\(f.shown("households.csv")):2: error: column last_visit: malformed date '2026/11/01' in 'last_visit' of household 'H01'; expected YYYY-MM-DD"])
    }

    func testDuplicateIdBetweenCSVAndYamlIsReported() {
        let (f, r) = households("P01,张三,XH-09,31.249,121.406,独居老人,,\n")
        assertFindings(r, ["scenario.yaml:20:10: error: duplicate id 'P01'; already used by the household at \(f.shown("households.csv")):2"])
    }

    // MARK: Encodings

    func testUTF8WithByteOrderMarkIsRead() throws {
        let folder = ScenarioFolder()
        folder.write("households.csv", bytes: [0xEF, 0xBB, 0xBF] + Array((header + "H01,张三,XH-09,31.249,121.406,独居老人,,\n").utf8))
        let r = folder.load(csvScenario)
        assertFindings(r, [])
        XCTAssertEqual(r.scenario?.households.map(\.name), ["张三"])
    }

    func testGB18030IsDetectedAndRead() throws {
        XCTAssertEqual(gb18030("张三"), [0xD5, 0xC5, 0xC8, 0xFD], "the test's encoder writes real GB18030")
        let folder = ScenarioFolder()
        folder.write("households.csv", bytes: gb18030(header + "H01,张三,XH-09,31.249,121.406,独居老人,,\n"))
        let r = folder.load(csvScenario)
        assertFindings(r, [])
        XCTAssertEqual(r.scenario?.households.first?.name, "张三")
        XCTAssertEqual(r.scenario?.households.first?.categories, ["独居老人"])
    }

    func testTextInNeitherEncodingIsReported() {
        let folder = ScenarioFolder()
        folder.write("households.csv", bytes: Array(header.utf8) + [0x48, 0x30, 0x31, 0x2C, 0xFF, 0xFE, 0x0A])
        let r = folder.load(csvScenario)
        assertFindings(r, ["\(folder.shown("households.csv")):1: error: file is neither UTF-8 nor GB18030"])
    }

    func testTextDecoderPrefersUTF8AndFallsBackToGB18030() {
        XCTAssertEqual(TextDecoder.decode(Array("独居老人".utf8)), DecodedText(text: "独居老人", encoding: .utf8))
        XCTAssertEqual(TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array("a".utf8)), DecodedText(text: "a", encoding: .utf8WithBOM))
        XCTAssertEqual(TextDecoder.decode(gb18030("独居老人")), DecodedText(text: "独居老人", encoding: .gb18030))
        XCTAssertEqual(TextDecoder.decode([]), DecodedText(text: "", encoding: .utf8))
        XCTAssertNil(TextDecoder.decode([0xFF, 0xFE, 0x41, 0x00]), "UTF-16 is neither")
        XCTAssertNil(TextDecoder.decode([0x41, 0xD5]), "a truncated GB18030 character is neither")
    }

    // MARK: Quoting and line numbers

    func testQuotedFieldsWithCommasAndNewlinesAreOneCell() throws {
        let (_, r) = households("H01,\"张三, 李四\",XH-09,31.249,121.406,独居老人,,\nH02,\"王五\n(楼栋长)\",XH-09,31.249,121.406,独居老人,,\n")
        assertFindings(r, [])
        XCTAssertEqual(r.scenario?.households.map(\.name), ["张三, 李四", "王五\n(楼栋长)"])
    }

    func testRowLineCountsNewlinesInsideEarlierQuotedFields() {
        let rows = "H01,\"line one\nline two\r\nline three\",XH-09,31.249,121.406,独居老人,,\n"
            + "H02,\"x\",XH-09,31.249,121.406,独居老人,,monday\n"
            + "\n"
            + "H03,\"y\",XH-09,31.249,121.406,独居老人,,caturday\n"
        let (f, r) = households(rows)
        assertFindings(r, [
            "\(f.shown("households.csv")):7: error: column weekdays: unknown weekday 'caturday' in 'weekdays' of household 'H03'; did you mean 'saturday'?",
        ])
        XCTAssertEqual(CSVTable.lineBreaks(in: "a\nb\r\nc\rd"), 3)
    }

    func testRowLineIsRightWithWindowsLineEndings() {
        let (f, r) = households("H01,a,XH-09,31.249,121.406,独居老人,,\r\nH02,b,XH-09,91,121.406,独居老人,,\r\n",
                                header: "id,name,grid,lat,lon,categories,window,weekdays\r\n")
        assertFindings(r, ["\(f.shown("households.csv")):3: error: column lat: latitude 91 of household 'H02' is outside -90...90"])
    }

    // MARK: History and travel matrix

    func historyResult(_ csv: String) -> (ScenarioFolder, ScenarioLoadResult) {
        let folder = ScenarioFolder()
        folder.write("visits.csv", csv)
        return (folder, folder.load(baseScenario + "history: visits.csv\n"))
    }

    func testHistoryLoadsAndNamesItsResolvedPath() throws {
        let (f, r) = historyResult("task,date,worker,result\nH01,2026-11-16,W01,done\nP01,2026-11-20,W01,\n")
        assertFindings(r, [])
        XCTAssertEqual(r.scenario?.history, [HistoryEntry(task: "H01", date: CivilDate(iso: "2026-11-16")!, worker: "W01", result: "done"),
                                             HistoryEntry(task: "P01", date: CivilDate(iso: "2026-11-20")!, worker: "W01")])
        XCTAssertEqual(r.scenario?.source?.historyPath, f.shown("visits.csv"))
    }

    func testHistoryRowNamingAnUnknownTaskIsAnError() {
        let (f, r) = historyResult("task,date,worker\nH01,2026-11-16,W01\nH10,2026-11-16,W01\n")
        assertFindings(r, ["\(f.shown("visits.csv")):3: error: column task: unknown task 'H10' in history; did you mean 'H01'?"])
    }

    func testHistoryRowWithAnUnknownResultIsAWarning() {
        let (f, r) = historyResult("task,date,worker,result\nH01,2026-11-16,W01,not home\n")
        assertFindings(r, ["\(f.shown("visits.csv")):2: warning: column result: unknown result 'not home' in history entry 'H01' (counted as a visit); expected done, phone, not_home, refused or moved; did you mean 'not_home'?"])
    }

    func testTravelMatrixLoadsAndReportsUnknownLocations() throws {
        let folder = ScenarioFolder()
        folder.write("travel.csv", "from,to,minutes,km\nOFFICE,H01,6,0.4\nH01,P1,3,\nP01,OFFICE,-2,\n")
        let r = folder.load(scenario(replacing: "places:\n", with: "travel:\n  matrix: travel.csv\nplaces:\n"))
        assertFindings(r, [
            "\(folder.shown("travel.csv")):3: error: column to: unknown location 'P1' in 'to' of travel matrix; did you mean 'P01'?",
            "\(folder.shown("travel.csv")):4: error: column minutes: 'minutes' of travel matrix row #3 must be at least 0, not -2",
        ])
        let ok = ScenarioFolder()
        ok.write("travel.csv", "minutes,to,from\n6,H01,OFFICE\n")
        let r2 = ok.load(scenario(replacing: "places:\n", with: "travel:\n  matrix: travel.csv\nplaces:\n"))
        assertFindings(r2, [])
        XCTAssertEqual(r2.scenario?.travel.matrix, [TravelMatrixEntry(from: "OFFICE", to: "H01", minutes: 6)])
    }
}

extension LoadingCSVTests {
    func testAScenarioFileInGB18030IsReadWithANote() throws {
        let folder = ScenarioFolder()
        folder.write("scenario.yaml", bytes: gb18030(baseScenario))
        let r = ScenarioLoader.load(path: folder.shown("scenario.yaml"))
        assertFindings(r, ["\(folder.shown("scenario.yaml")):1: note: scenario file is GB18030, not UTF-8; it was read, but save it as UTF-8"])
        XCTAssertEqual(r.scenario?.name, "测试网格")
    }
}

extension LoadingCSVTests {
    func testANegativeDistanceInTheTravelMatrixIsReported() {
        let folder = ScenarioFolder()
        folder.write("travel.csv", "from,to,minutes,km\nOFFICE,H01,6,-0.4\n")
        let r = folder.load(scenario(replacing: "places:\n", with: "travel:\n  matrix: travel.csv\nplaces:\n"))
        assertFindings(r, ["\(folder.shown("travel.csv")):2: error: column km: 'km' of travel matrix row #1 must not be negative, not -0.4"])
    }

    func testAMissingHistoryFileIsReportedAtTheHistoryField() {
        let r = load(baseScenario + "history: visits.csv\n")
        assertFindings(r, ["scenario.yaml:22:10: error: cannot read file 'visits.csv': no such file"])
    }
}
