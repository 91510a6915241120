import CSV
import Foundation

/// A CSV file read for the loader: its trimmed header and its rows, each with the line it starts on.
struct CSVTable {
    struct Row {
        /// 1-based line in the file where the row starts.
        var line: Int
        var cells: [String]
    }

    /// The file as shown in diagnostics.
    var file: String
    var header: [String]
    var headerLine: Int
    var rows: [Row]

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
