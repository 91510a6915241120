import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Why a workbook could not be read at all (a bad cell is not this: it is read as its text).
enum XLSXError: Error, CustomStringConvertible {
    /// Not a ZIP archive, or one without the parts every .xlsx has.
    case notAWorkbook(String)
    /// A part the workbook names is missing or is not well-formed XML.
    case badPart(String, String)

    var description: String {
        switch self {
        case .notAWorkbook(let why): return "not an .xlsx workbook (\(why))"
        case .badPart(let part, let why): return "damaged workbook: part \(part): \(why)"
        }
    }
}

/// An .xlsx workbook (Office Open XML, as Excel, WPS, LibreOffice and openpyxl write it), read for
/// its cell values as text: the ZIP archive through ZIPFoundation, each XML part through Foundation's
/// `XMLParser`. Only what the loader needs is read: sheet names and visibility, shared strings,
/// number formats (to tell dates and times from numbers), cell values (a formula's cached value)
/// and merged ranges. Styles, charts and everything else are ignored.
struct XLSXWorkbook {
    struct Sheet {
        /// The name on the tab.
        var name: String
        /// Path of the sheet's XML part inside the archive.
        var part: String
        /// Hidden or very hidden in the workbook.
        var hidden: Bool
    }

    /// The sheets in workbook (tab) order.
    var sheets: [Sheet]
    /// Whether serial dates count from 1904-01-01 (old Mac Excel) rather than 1900.
    var date1904: Bool
    private var sharedStrings: [String]
    /// For each cell style index (`s` attribute), how its number format shows a number.
    private var styleKinds: [NumberKind]
    private let archive: Archive

    /// How a number format shows a numeric cell.
    enum NumberKind: Equatable {
        case number, date, time, dateTime, text
    }

    /// The first sheet that is not hidden (a workbook always has one).
    var firstVisibleSheet: Sheet? { sheets.first { !$0.hidden } ?? sheets.first }

    /// Opens the workbook at `path` and reads its workbook, relationships, shared strings and styles.
    static func open(path: String) throws -> XLSXWorkbook {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw XLSXError.notAWorkbook("not a ZIP archive")
        }
        guard let workbookXML = try part("xl/workbook.xml", in: archive) else {
            throw XLSXError.notAWorkbook("no xl/workbook.xml")
        }
        let book = WorkbookParser()
        try parse(workbookXML, part: "xl/workbook.xml", with: book)
        var targets: [String: String] = [:]
        if let relsXML = try part("xl/_rels/workbook.xml.rels", in: archive) {
            let rels = RelationshipParser()
            try parse(relsXML, part: "xl/_rels/workbook.xml.rels", with: rels)
            targets = rels.targets
        }
        var sheets: [Sheet] = []
        for (i, s) in book.sheets.enumerated() {
            var target = s.relationship.flatMap { targets[$0] } ?? "worksheets/sheet\(i + 1).xml"
            if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
            sheets.append(Sheet(name: s.name, part: normalise(target), hidden: s.hidden))
        }
        var strings: [String] = []
        if let sst = try part("xl/sharedStrings.xml", in: archive) {
            let p = SharedStringsParser()
            try parse(sst, part: "xl/sharedStrings.xml", with: p)
            strings = p.strings
        }
        var kinds: [NumberKind] = []
        if let styles = try part("xl/styles.xml", in: archive) {
            let p = StylesParser()
            try parse(styles, part: "xl/styles.xml", with: p)
            kinds = p.cellFormats.map { id in
                if let code = p.customFormats[id] { return kind(ofFormatCode: code) }
                return kind(ofBuiltinFormat: id)
            }
        }
        return XLSXWorkbook(sheets: sheets, date1904: book.date1904, sharedStrings: strings, styleKinds: kinds,
                            archive: archive)
    }

    /// A sheet's cells as text, by 1-based row and column, and its merged ranges.
    struct Cells {
        /// Row number → column number → text; empty cells are absent.
        var rows: [Int: [Int: String]] = [:]
        /// Merged ranges as (first row, first column, last row, last column), 1-based.
        var merges: [(top: Int, left: Int, bottom: Int, right: Int)] = []
        /// Cells holding a formula with no saved value (written by a program that computes nothing).
        var uncomputed: [(row: Int, column: Int)] = []
    }

    /// Reads every cell of `sheet` as the text a person sees in it (see `text(of:)`).
    func cells(of sheet: Sheet) throws -> Cells {
        guard let xml = try Self.part(sheet.part, in: archive) else {
            throw XLSXError.badPart(sheet.part, "missing")
        }
        let p = SheetParser()
        try Self.parse(xml, part: sheet.part, with: p)
        var out = Cells()
        out.merges = p.merges
        for c in p.cells {
            let t = text(of: c)
            if !t.isEmpty { out.rows[c.row, default: [:]][c.column] = t }
            else if c.formula && c.value.isEmpty { out.uncomputed.append((c.row, c.column)) }
        }
        return out
    }

    /// A cell's value as text: shared and inline strings as written; numbers as integers when whole
    /// (never `1.39E10`), else in the shortest form that reads back the same; numbers with a date or
    /// time format as `YYYY-MM-DD`, `HH:MM` or `YYYY-MM-DD HH:MM` (a date-time at midnight as its date); booleans `TRUE`/`FALSE`; an error
    /// value as Excel shows it (`#N/A`). A formula gives its cached value.
    func text(of c: SheetParser.RawCell) -> String {
        let v = c.value
        switch c.type {
        case "s":
            guard let i = Int(v.trimmingCharacters(in: .whitespaces)), i >= 0, i < sharedStrings.count else { return "" }
            return sharedStrings[i]
        case "inlineStr": return c.inline
        case "str", "e": return v
        case "b": return v == "1" ? "TRUE" : (v == "0" ? "FALSE" : v)
        case "d":
            // ISO 8601 date-time written as text (rare): keep the date when the time is midnight.
            if v.count >= 10, CivilDate(iso: String(v.prefix(10))) != nil {
                let rest = v.dropFirst(10)
                if rest.isEmpty || rest.hasPrefix("T00:00:00") { return String(v.prefix(10)) }
                if rest.hasPrefix("T"), rest.count >= 6 { return String(v.prefix(10)) + " " + rest.dropFirst().prefix(5) }
            }
            return v
        default:
            let trimmed = v.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, let number = Double(trimmed) else { return v }
            let kind = c.style < styleKinds.count ? styleKinds[c.style] : .number
            return Self.format(number, as: kind, date1904: date1904)
        }
    }

    /// A numeric cell's value shown as `kind`.
    static func format(_ number: Double, as kind: NumberKind, date1904: Bool) -> String {
        switch kind {
        case .number, .text:
            return formatNumber(number)
        case .date, .time, .dateTime:
            // Round to the minute: 0.375 × 1440 is 540 but may arrive as 539.9999.
            let totalMinutes = (number * 1440).rounded()
            guard totalMinutes.isFinite, abs(totalMinutes) < 1e12 else { return formatNumber(number) }
            let m = Int(totalMinutes)
            var days = m >= 0 ? m / 1440 : (m - 1439) / 1440
            let minutes = m - days * 1440
            let time = String(format: "%02d:%02d", minutes / 60, minutes % 60)
            if kind == .time, days == 0 { return time }
            guard days >= 0 else { return formatNumber(number) }
            let date: CivilDate
            if date1904 {
                date = CivilDate(dayNumber: -24107 + days)  // 1904-01-01 is serial 0
            } else {
                // Serial 1 is 1900-01-01; Excel counts a 29 February 1900 that never was (serial 60).
                if days == 0 { days = 1 }  // serial 0 ("1900-01-00"): nearest real day
                date = CivilDate(dayNumber: -25569 + (days < 61 ? days + 1 : days))  // 1899-12-30 + serial
            }
            if kind == .date { return date.iso }
            // A date typed into a date-time column is that date (midnight is no time of a visit).
            return minutes == 0 ? date.iso : date.iso + " " + time
        }
    }

    /// A number as a person writes it: `13912345678`, `31.2485`, `-0.5`.
    static func formatNumber(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        if v == v.rounded(), v.isFinite { return String(format: "%.0f", v) }
        var s = "\(v)"
        // Swift writes tiny and huge values with an exponent; spell them out.
        if s.contains("e") { s = String(format: "%.15f", v).replacingOccurrences(of: "0+$", with: "", options: .regularExpression) }
        return s
    }

    /// Built-in number formats (ECMA-376 §18.8.30, plus the East Asian ones Excel and WPS use).
    static func kind(ofBuiltinFormat id: Int) -> NumberKind {
        switch id {
        case 14...17, 27...31, 34...36, 50...58: return .date
        case 18...21, 32, 33, 45...47: return .time
        case 22: return .dateTime
        case 49: return .text
        default: return .number
        }
    }

    /// What a custom format code shows: a date when it has `y` or `d` (or a lone month `m`),
    /// a time when it has `h` or `s`, both for a date-time, text for `@`.
    static func kind(ofFormatCode code: String) -> NumberKind {
        // Only the first section (positive numbers) decides.
        var section = ""
        var inQuote = false, inBracket = false, escaped = false
        var elapsed = false
        var bracket = ""
        for ch in code {
            if escaped { escaped = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket {
                if ch == "]" {
                    inBracket = false
                    // [h]:mm, [mm]:ss: elapsed time; [Red], [$-804], [DBNum1]: not a time.
                    if !bracket.isEmpty, bracket.lowercased().allSatisfy({ "hms".contains($0) }) { elapsed = true }
                    bracket = ""
                } else {
                    bracket.append(ch)
                }
                continue
            }
            switch ch {
            case "\\", "_", "*": escaped = true
            case "\"": inQuote = true
            case "[": inBracket = true
            case ";": break
            default: section.append(ch)
            }
            if ch == ";" { break }
        }
        let s = section.lowercased()
        if s == "@" { return .text }
        let hasDate = s.contains("y") || s.contains("d")
        let hasTime = s.contains("h") || s.contains("s") || elapsed
        let hasMonth = s.contains("m")
        if hasDate && hasTime { return .dateTime }
        if hasDate { return .date }
        if hasTime { return .time }
        if hasMonth && !s.contains("0") && !s.contains("#") { return .date }
        return .number
    }

    // MARK: - Parts

    private static func part(_ path: String, in archive: Archive) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
        } catch {
            throw XLSXError.badPart(path, "cannot be unpacked (\(error))")
        }
        return data
    }

    private static func parse(_ data: Data, part: String, with delegate: PartParser) throws {
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.shouldProcessNamespaces = false
        guard parser.parse() else {
            let why = parser.parserError.map { "\($0.localizedDescription)" } ?? "malformed XML"
            throw XLSXError.badPart(part, "line \(parser.lineNumber): \(why)")
        }
        guard delegate.complete else {
            throw XLSXError.badPart(part, "line \(parser.lineNumber): the XML ends before its last element is closed")
        }
    }

    /// `xl/worksheets/../x.xml` → `xl/x.xml`.
    private static func normalise(_ path: String) -> String {
        var out: [Substring] = []
        for c in path.split(separator: "/") {
            if c == ".." { _ = out.popLast() } else if c != "." { out.append(c) }
        }
        return out.joined(separator: "/")
    }

    /// `A` → 1, `E` → 5, `AA` → 27.
    static func columnNumber(_ letters: Substring) -> Int {
        letters.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 }
    }

    /// 1 → `A`, 27 → `AA`.
    static func columnLetters(_ n: Int) -> String {
        var n = n
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// `E12` → (row 12, column 5).
    static func cellReference(_ ref: String) -> (row: Int, column: Int)? {
        let letters = ref.prefix { $0.isLetter }
        guard !letters.isEmpty, let row = Int(ref.dropFirst(letters.count)) else { return nil }
        return (row, columnNumber(letters))
    }
}
