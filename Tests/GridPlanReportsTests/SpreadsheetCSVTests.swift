import CSV
import Foundation
import GridPlanCore
@testable import GridPlanReports
import XCTest

/// The CSVs read back with CSV.swift, as Excel would see them.
final class SpreadsheetCSVTests: XCTestCase {
    func file(_ name: String, locale: ReportLocale = .zhHans) throws -> Data {
        let s = Fixture.scenario(locale: locale)
        return try XCTUnwrap(try ReportWriter.render(plan: Fixture.planA(scenario: s), scenario: s)
            .first { $0.relativePath == name }).contents
    }

    func rows(_ data: Data) throws -> [[String]] {
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 byte-order mark for Excel")
        let text = try XCTUnwrap(String(data: data.dropFirst(3), encoding: .utf8))
        let reader = try CSVReader(string: text, hasHeaderRow: false)
        var result: [[String]] = []
        while let r = reader.next() { result.append(r) }
        XCTAssertNil(reader.error)
        return result
    }

    func testLinesEndInCRLFOnly() throws {
        for name in ["roster.csv", "visits.csv"] {
            let bytes = [UInt8](try file(name))
            XCTAssertEqual(Array(bytes.suffix(2)), [0x0D, 0x0A])
            // Outside quoted fields every LF follows a CR.
            var quoted = false
            for (i, b) in bytes.enumerated() {
                if b == 0x22 { quoted.toggle() }
                if b == 0x0A && !quoted { XCTAssertEqual(bytes[i - 1], 0x0D, "\(name): bare LF at byte \(i)") }
            }
        }
    }

    func testVisitsHasOneRowPerStopWithTheHeaderFirst() throws {
        let r = try rows(try file("visits.csv"))
        let stops = Fixture.planA().routes.reduce(0) { $0 + $1.stops.count }
        XCTAssertEqual(r.count, 1 + stops)
        XCTAssertEqual(r[0].prefix(4), ["日期", "编号", "网格员", "序"])
        XCTAssertTrue(r.allSatisfy { $0.count == r[0].count }, "every row has every column")
        let h001 = try XCTUnwrap(r.first { $0[7] == "H001" })
        XCTAssertEqual(h001[0], "2026-11-23")
        XCTAssertEqual(h001[1], "W01")
        XCTAssertEqual(h001[3], "2")
        XCTAssertEqual(h001[9], Fixture.hostileName, "a script tag is just text in a spreadsheet")
        XCTAssertEqual(h001[10], "星河世纪城 3号楼2单元501室, \"北门\"", "comma and quotes survive quoting")
        XCTAssertEqual(h001[13], "'+86 138 0000 0001", "a leading + is defused")
        XCTAssertEqual(h001[17], "'" + Fixture.hostileNotes, "a formula is defused and its newline kept in quotes")
        let pair = try XCTUnwrap(r.first { $0[7] == "H003" && $0[1] == "W01" })
        XCTAssertEqual(pair[14], "W02")
        XCTAssertEqual(pair[13], "'-")
    }

    func testNoCellCanStartAFormula() throws {
        for name in ["roster.csv", "visits.csv"] {
            for row in try rows(try file(name)) {
                for cell in row {
                    guard let first = cell.unicodeScalars.first else { continue }
                    XCTAssertFalse(["=", "+", "-", "@", "\t", "\r"].contains(first), "\(name): live formula cell «\(cell)»")
                }
            }
        }
        let roster = try rows(try file("roster.csv"))
        XCTAssertTrue(roster.contains { $0[1] == "'=cmd|' /C calc'!A0" }, "the hostile worker name is defused")
    }

    func testRosterHasOneRowPerWorkingDayOfEachWorker() throws {
        let r = try rows(try file("roster.csv"))
        // W01: Mon–Thu (Fri is a holiday) = 4; W02: Mon, Tue, Thu (Wed off) = 3; W03: Mon, Wed = 2.
        XCTAssertEqual(r.count, 1 + 4 + 3 + 2)
        let monday = try XCTUnwrap(r.first { $0[0] == "W01" && $0[2] == "2026-11-23" })
        XCTAssertEqual(Array(monday[3...]), ["周一", "3", "2", "1", "08:30", "10:50", "2.33", "16", "1.200"])
        let idle = try XCTUnwrap(r.first { $0[0] == "W01" && $0[2] == "2026-11-26" })
        XCTAssertEqual(idle[4], "0")
        XCTAssertFalse(r.contains { $0[2] == "2026-11-27" }, "nobody works the holiday")
        XCTAssertFalse(r.contains { $0[0] == "W02" && $0[2] == "2026-11-25" }, "W02's day off")
    }

    func testCellDefusing() {
        XCTAssertEqual(Escape.csvCell("=1+1"), "'=1+1")
        XCTAssertEqual(Escape.csvCell("+86"), "'+86")
        XCTAssertEqual(Escape.csvCell("-2"), "'-2")
        XCTAssertEqual(Escape.csvCell("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(Escape.csvCell("\tx"), "'\tx")
        XCTAssertEqual(Escape.csvCell("\rx"), "'\rx")
        XCTAssertEqual(Escape.csvCell("＝1"), "'＝1")
        XCTAssertEqual(Escape.csvCell("a=1"), "a=1")
        XCTAssertEqual(Escape.csvCell("王秀英"), "王秀英")
        XCTAssertEqual(Escape.csvCell(""), "")
    }
}
