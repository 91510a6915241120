import Foundation
import GridPlanCore
@testable import GridPlanReports
import XCTest

/// The calendars parsed back the way a phone would: unfolded, split into properties, unescaped.
final class CalendarICSTests: XCTestCase {
    func calendar(_ worker: String = "W01", locale: ReportLocale = .zhHans, plan: Plan? = nil) throws -> Data {
        let s = Fixture.scenario(locale: locale)
        let files = try ReportWriter.render(plan: plan ?? Fixture.planA(scenario: s), scenario: s)
        return try XCTUnwrap(files.first { $0.relativePath == "calendar/\(worker).ics" }).contents
    }

    /// Physical lines, split at CRLF; fails on a bare LF or CR.
    func physicalLines(_ data: Data) throws -> [Data] {
        let bytes = [UInt8](data)
        var lines: [Data] = []
        var current: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D {
                XCTAssertTrue(i + 1 < bytes.count && bytes[i + 1] == 0x0A, "CR without LF at byte \(i)")
                lines.append(Data(current))
                current = []
                i += 2
                continue
            }
            XCTAssertNotEqual(bytes[i], 0x0A, "bare LF at byte \(i)")
            current.append(bytes[i])
            i += 1
        }
        XCTAssertTrue(current.isEmpty, "the file must end with CRLF")
        return lines
    }

    /// Content lines after unfolding (RFC 5545 §3.1).
    func unfold(_ lines: [Data]) -> [String] {
        var out: [Data] = []
        for l in lines {
            if let first = l.first, first == 0x20 || first == 0x09, !out.isEmpty {
                out[out.count - 1].append(l.dropFirst())
            } else {
                out.append(l)
            }
        }
        return out.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Reverses TEXT escaping.
    func unescape(_ s: String) -> String {
        var out = ""
        var it = s.makeIterator()
        while let c = it.next() {
            guard c == "\\", let n = it.next() else { out.append(c); continue }
            switch n {
            case "n", "N": out.append("\n")
            default: out.append(n)
            }
        }
        return out
    }

    func events(_ lines: [String]) -> [[String: String]] {
        var result: [[String: String]] = []
        var current: [String: String]?
        for l in lines {
            if l == "BEGIN:VEVENT" { current = [:]; continue }
            if l == "END:VEVENT" { result.append(current!); current = nil; continue }
            guard current != nil, let colon = l.firstIndex(of: ":") else { continue }
            let name = String(l[..<colon]).split(separator: ";")[0]
            current![String(name)] = String(l[l.index(after: colon)...])
        }
        return result
    }

    func testEveryLineIsCRLFTerminatedAtMost75OctetsAndValidUTF8OnItsOwn() throws {
        for locale in ReportLocale.allCases {
            let lines = try physicalLines(try calendar(locale: locale))
            XCTAssertGreaterThan(lines.count, 20)
            var folded = 0
            for (i, l) in lines.enumerated() {
                XCTAssertLessThanOrEqual(l.count, 75, "line \(i + 1) has \(l.count) octets")
                XCTAssertNotNil(String(data: l, encoding: .utf8), "line \(i + 1) splits a UTF-8 sequence")
                if l.first == 0x20 { folded += 1 }
            }
            XCTAssertGreaterThan(folded, 0, "the fixture's long notes must be folded")
        }
    }

    func testCalendarStructureAndOneEventPerStop() throws {
        let lines = unfold(try physicalLines(try calendar()))
        XCTAssertEqual(lines.first, "BEGIN:VCALENDAR")
        XCTAssertEqual(lines.last, "END:VCALENDAR")
        XCTAssertTrue(lines.contains("VERSION:2.0"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("PRODID:") })
        XCTAssertTrue(lines.contains("TZID:Asia/Shanghai"))
        XCTAssertEqual(lines.filter { $0.hasPrefix("BEGIN:") }.count, lines.filter { $0.hasPrefix("END:") }.count)
        let evs = events(lines)
        let stops = Fixture.planA().routes.filter { $0.worker == "W01" }.flatMap(\.stops)
        XCTAssertEqual(evs.count, stops.count)
        XCTAssertEqual(evs[0]["DTSTART"], "20261123T083200")
        XCTAssertEqual(evs[0]["DTEND"], "20261123T084700")
        XCTAssertTrue(lines.contains("DTSTART;TZID=Asia/Shanghai:20261123T090000"))
        for e in evs {
            XCTAssertEqual(e["DTSTAMP"], "20261123T000000Z", "DTSTAMP comes from the plan, not the clock")
            XCTAssertNotNil(e["SUMMARY"])
            XCTAssertNotNil(e["DESCRIPTION"])
        }
    }

    func testUIDsAreUniqueAndStableAcrossRendersAndTimeChanges() throws {
        let first = events(unfold(try physicalLines(try calendar()))).map { $0["UID"]! }
        let second = events(unfold(try physicalLines(try calendar()))).map { $0["UID"]! }
        XCTAssertEqual(first, second)
        XCTAssertEqual(Set(first).count, first.count, "UIDs are unique")
        // A re-plan that only shifts a stop's time keeps its UID (task, worker and date are unchanged).
        var moved = Fixture.planA()
        moved.routes[0].stops[1].start = TimeOfDay(hhmm: "09:10")!
        moved.routes[0].stops[1].end = TimeOfDay(hhmm: "09:30")!
        let third = events(unfold(try physicalLines(try calendar(plan: moved)))).map { $0["UID"]! }
        XCTAssertEqual(first, third)
        XCTAssertEqual(first[1], "gridplan-H001-W01-20261123@gridplan")
    }

    func testHostileTextIsEscapedAndRoundTrips() throws {
        let lines = unfold(try physicalLines(try calendar()))
        let evs = events(lines)
        let h001 = try XCTUnwrap(evs.first { $0["UID"]!.contains("H001") })
        let description = try XCTUnwrap(h001["DESCRIPTION"])
        XCTAssertFalse(description.contains("\n"))
        XCTAssertTrue(description.contains("line two\\; with\\, comma \\\\ and"))
        XCTAssertTrue(unescape(description).contains(Fixture.hostileNotes), "the notes survive escaping intact")
        XCTAssertTrue(unescape(h001["SUMMARY"]!).contains(Fixture.hostileName))
        let location = unescape(h001["LOCATION"]!)
        XCTAssertEqual(location, "星河世纪城 3号楼2单元501室, \"北门\"")
        // Nothing in a TEXT value ends a property early: no unescaped ; or , survive.
        for l in lines where l.hasPrefix("DESCRIPTION:") || l.hasPrefix("SUMMARY:") || l.hasPrefix("LOCATION:") {
            let value = l[l.index(after: l.firstIndex(of: ":")!)...]
            var escaped = false
            for ch in value {
                if escaped { escaped = false; continue }
                if ch == "\\" { escaped = true; continue }
                XCTAssertFalse(ch == ";" || ch == ",", "unescaped \(ch) in \(l)")
            }
        }
    }

    func testPairPartnerIsInTheDescription() throws {
        let evs = events(unfold(try physicalLines(try calendar("W02"))))
        XCTAssertEqual(evs.count, 1)
        XCTAssertTrue(unescape(evs[0]["DESCRIPTION"]!).contains("同行: 潘靚雨 (W01)"))
    }

    func testWorkerWithoutStopsGetsAValidEmptyCalendar() throws {
        let lines = unfold(try physicalLines(try calendar("W03")))
        XCTAssertEqual(lines.first, "BEGIN:VCALENDAR")
        XCTAssertEqual(lines.last, "END:VCALENDAR")
        XCTAssertTrue(lines.contains("BEGIN:VTIMEZONE"), "a calendar needs one component")
        XCTAssertFalse(lines.contains("BEGIN:VEVENT"))
    }

    func testFoldingNeverSplitsAMultiByteCharacter() {
        let line = "DESCRIPTION:" + String(repeating: "网格员走访😀", count: 30)
        let folded = CalendarICS.fold(line)
        let parts = folded.components(separatedBy: "\r\n")
        XCTAssertGreaterThan(parts.count, 3)
        for (i, p) in parts.enumerated() {
            XCTAssertLessThanOrEqual(p.utf8.count, 75)
            if i > 0 { XCTAssertTrue(p.hasPrefix(" ")) }
        }
        XCTAssertEqual(parts.enumerated().map { $0 == 0 ? $1 : String($1.dropFirst()) }.joined(), line)
    }

    func testUIDEscapesUnsafeIdCharacters() {
        XCTAssertEqual(CalendarICS.uid(task: "H 1;x", worker: "W/1", date: Fixture.start),
                       "gridplan-H%201%3Bx-W%2F1-20261123@gridplan")
    }
}
