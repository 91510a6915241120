import CSV
import Foundation

/// A table read for the loader — a CSV file or a workbook sheet (`CSVTable+Workbook`): its trimmed
/// header and its rows, each with the line (or sheet row) it starts on. Every check of the loader
/// works on this one shape, whichever file the table came from.
struct CSVTable {
    struct Row {
        /// 1-based line in the file where the row starts (for a sheet: its row number).
        var line: Int
        var cells: [String]
    }

    /// The file as shown in diagnostics.
    var file: String
    /// Column names: as written, until `canonicalized(…)` turns aliases into the format's names.
    var header: [String]
    var headerLine: Int
    var rows: [Row]
    /// The header as the file writes it (`网格` where `header` says `grid`), for diagnostics.
    var shownHeader: [String]
    /// For a workbook sheet: its name, and the column letters of each header cell.
    var sheet: String?
    var columnLetters: [String]?

    init(file: String, header: [String], headerLine: Int, rows: [Row], sheet: String? = nil,
         columnLetters: [String]? = nil) {
        self.file = file
        self.header = header
        self.headerLine = headerLine
        self.rows = rows
        self.shownHeader = header
        self.sheet = sheet
        self.columnLetters = columnLetters
    }

    /// Where a row (`column` nil) or one of its cells is: `file:line` for CSV, `file:sheet!E12` for a sheet.
    func location(line: Int, column: Int? = nil) -> SourceLocation {
        let name = column.flatMap { $0 < shownHeader.count ? shownHeader[$0] : nil }
        let letters = column.map { i in
            columnLetters.map { i < $0.count ? $0[i] : XLSXWorkbook.columnLetters(i + 1) } ?? ""
        }
        return SourceLocation(file: file, line: line, csvColumn: name, sheet: sheet,
                              cellColumn: sheet == nil ? nil : letters)
    }

    /// Where the header row is.
    var headerLocation: SourceLocation { location(line: headerLine) }

    /// Parses `text` (already decoded, without a byte-order mark) with CSV.swift. The first
    /// non-blank row is the header; blank rows (every cell empty) are skipped. Reports a missing
    /// header, duplicate column names and rows longer than the header.
    static func parse(_ text: String, file: String, log: DiagnosticLog) -> CSVTable? {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false)
        } catch {
            log.error("cannot read csv: \(error)", at: SourceLocation(file: file, line: 1))
            return nil
        }
        var line = 1
        var header: [String]?
        var headerLine = 1
        var rows: [Row] = []
        while let cells = reader.next() {
            let start = line
            line += 1 + cells.reduce(0) { $0 + lineBreaks(in: $1) }
            let blank = cells.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            if blank { continue }
            if header == nil {
                header = cells.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                headerLine = start
            } else {
                rows.append(Row(line: start, cells: cells))
            }
        }
        if let e = reader.error {
            log.error("cannot read csv: \(e)", at: SourceLocation(file: file, line: line))
            return nil
        }
        guard let names = header else {
            log.error("file is empty; expected a header row", at: SourceLocation(file: file, line: 1))
            return nil
        }
        var seen: Set<String> = []
        for name in names where !name.isEmpty {
            if !seen.insert(name).inserted {
                log.error("duplicate column '\(name)' in header", at: SourceLocation(file: file, line: headerLine))
            }
        }
        for row in rows where row.cells.count > names.count {
            let extra = row.cells[names.count...]
            if extra.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            log.error("row has \(row.cells.count) cells but the header has \(names.count)",
                      at: SourceLocation(file: file, line: row.line))
        }
        return CSVTable(file: file, header: names, headerLine: headerLine, rows: rows)
    }

    /// The table with its column names turned into the format's names (`网格` → `grid`, `GRID` →
    /// `grid`) by `aliases`; names it does not know stay as written (they become notes). Two columns
    /// that mean the same field are an error at the header.
    func canonicalized(_ aliases: ColumnAliases, log: DiagnosticLog) -> CSVTable {
        var t = self
        var first: [String: Int] = [:]
        for (i, name) in header.enumerated() where !name.isEmpty {
            guard let canonical = aliases.field(named: name) else { continue }
            t.header[i] = canonical
            if let j = first[canonical] {
                if shownHeader[j] != name {
                    log.error("columns '\(shownHeader[j])' and '\(name)' both mean '\(canonical)'; keep one",
                              at: location(line: headerLine, column: i))
                }
                // Same spelling twice was reported by the parser already.
            } else {
                first[canonical] = i
            }
        }
        return t
    }

    /// Line breaks inside a field (a quoted field may hold `\n`, `\r\n` or `\r`).
    static func lineBreaks(in field: String) -> Int {
        var n = 0
        var previousCR = false
        for u in field.unicodeScalars {
            if u == "\n" {
                if !previousCR { n += 1 }
                previousCR = false
            } else if u == "\r" {
                n += 1
                previousCR = true
            } else {
                previousCR = false
            }
        }
        return n
    }
}
