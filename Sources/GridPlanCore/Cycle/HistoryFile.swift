import CSV
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The history CSV (`task,date,worker[,result]`) as it lies on disk: its text, encoding, line
/// endings and header, so rows can be appended without disturbing what the user wrote.
///
/// The file is never rewritten in place: `write(appending:backup:)` writes a new file next to it,
/// keeps the previous version as a backup and renames the new file over the old one.
public struct HistoryFile: Sendable {
    /// Path of the file.
    public var path: String
    /// Whether the file exists on disk (false for a history file about to be created).
    public var exists: Bool
    /// The decoded text, without a byte-order mark ("" for a new file).
    public var text: String
    /// The encoding detected (or chosen for a new file: UTF-8 with a byte-order mark, which Excel opens correctly).
    public var encoding: TextEncoding
    /// `"\r\n"` when the file's first line ends so, else `"\n"`.
    public var lineEnding: String
    /// Column names in file order (trimmed).
    public var header: [String]
    /// The rows already in the file, with the 1-based line each starts on.
    public var entries: [(line: Int, entry: HistoryEntry)]

    /// The header a new history file gets.
    public static let defaultHeader = ["task", "date", "worker", "result"]

    /// Reads the history file at `path`; a missing file gives an empty, not-yet-existing history.
    ///
    /// - Throws: `CycleError.unreadable` when the file exists but is neither UTF-8 nor GB18030 or is not CSV.
    public static func read(path: String) throws -> HistoryFile {
        guard FileManager.default.fileExists(atPath: path) else {
            return HistoryFile(path: path, exists: false, text: "", encoding: .utf8WithBOM, lineEnding: "\n",
                               header: defaultHeader, entries: [])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CycleError.unreadable(path: path, why: "permission denied")
        }
        guard let decoded = TextDecoder.decode([UInt8](data)) else {
            throw CycleError.unreadable(path: path, why: "neither UTF-8 nor GB18030")
        }
        let log = DiagnosticLog()
        guard let table = CSVTable.parse(decoded.text, file: path, log: log), log.errorCount == 0 else {
            throw CycleError.unreadable(path: path, why: log.items.first?.message ?? "not a CSV file")
        }
        // Chinese headers (任务,日期,网格员,结果) name the same columns.
        let fields = table.header.map { ColumnAliases.history.field(named: $0) ?? $0 }
        let column = { (name: String) in fields.firstIndex(of: name) }
        var entries: [(Int, HistoryEntry)] = []
        if let t = column("task"), let d = column("date"), let w = column("worker") {
            let r = column("result")
            for row in table.rows {
                func cell(_ i: Int) -> String {
                    i < row.cells.count ? row.cells[i].trimmingCharacters(in: .whitespacesAndNewlines) : ""
                }
                guard let date = CivilDate(iso: cell(d)) else { continue }
                let result = r.map(cell).flatMap { $0.isEmpty ? nil : $0 }
                entries.append((row.line, HistoryEntry(task: cell(t), date: date, worker: cell(w), result: result)))
            }
        } else {
            throw CycleError.unreadable(path: path, why: "the header lacks one of the columns task, date, worker")
        }
        let firstBreak = decoded.text.firstIndex(where: { $0 == "\n" || $0 == "\r\n" })
        let crlf = firstBreak.map { decoded.text[$0] == "\r\n" } ?? false
        return HistoryFile(path: path, exists: true, text: decoded.text, encoding: decoded.encoding,
                           lineEnding: crlf ? "\r\n" : "\n", header: table.header, entries: entries)
    }

    /// The text of the file with `new` rows after the existing ones.
    ///
    /// Rows follow the file's own column order; columns other than task, date, worker and result are
    /// left empty. When the file has no `result` column and some new row's result is not `done`, the
    /// column is added (the whole table is then written back) — `addedResultColumn` says so; likewise a
    /// `campaign` column when a new row carries a campaign.
    public func text(appending new: [HistoryEntry]) -> (text: String, addedResultColumn: Bool) {
        var header = self.header
        var body = text
        var added = false
        var missing: [String] = []
        let fields = header.map { ColumnAliases.history.field(named: $0) ?? $0 }
        if !fields.contains("result"), new.contains(where: { ($0.result ?? "done") != "done" }) { missing.append("result") }
        if !fields.contains("campaign"), new.contains(where: { !$0.campaigns.isEmpty }) { missing.append("campaign") }
        if !exists {
            header += missing
            body = Self.rows([header], lineEnding: lineEnding)
        } else if !missing.isEmpty {
            // Rebuild the table with the new columns: existing rows get empty cells (result empty = done).
            added = missing.contains("result")
            let width = header.count
            header += missing
            body = Self.rows([header] + Self.parseAll(text).dropFirst().map { row in
                (row + Array(repeating: "", count: max(0, width - row.count))).prefix(width) + missing.map { _ in "" }
            }, lineEnding: lineEnding)
        }
        // Scalars, not Characters: "\r\n" is one Character and would not end with "\n".
        if let last = body.unicodeScalars.last, last != "\n", last != "\r" { body += lineEnding }
        let rows = new.map { e -> [String] in
            header.map { name in
                switch ColumnAliases.history.field(named: name) ?? name {
                case "task": return e.task
                case "date": return e.date.iso
                case "worker": return e.worker
                case "result": return e.result ?? "done"
                case "campaign": return e.campaigns.joined(separator: ";")
                default: return ""
                }
            }
        }
        return (body + Self.rows(rows, lineEnding: lineEnding), added)
    }

    /// Writes the file with `new` rows appended: a new file in the same folder, the previous version
    /// copied to `backupPath` (when the file existed), then an atomic rename over the old file.
    ///
    /// - Returns: whether the `result` column had to be added.
    /// - Throws: `CycleError.cannotWrite` when any step fails; the original file is then untouched.
    @discardableResult
    public func write(appending new: [HistoryEntry], backupPath: String) throws -> Bool {
        let (content, added) = text(appending: new)
        let bytes: [UInt8]
        switch encoding {
        case .utf8: bytes = Array(content.utf8)
        case .utf8WithBOM: bytes = [0xEF, 0xBB, 0xBF] + Array(content.utf8)
        case .gb18030:
            guard let b = TextEncoder.gb18030(content) else {
                throw CycleError.cannotWrite(path: path, why: "the text cannot be encoded as GB18030")
            }
            bytes = b
        }
        try AtomicFile.replace(path: path, with: Data(bytes), backupPath: exists ? backupPath : nil)
        return added
    }

    /// The backup path for `path`: `visits.csv` → `visits.csv.bak`.
    public static func backupPath(for path: String) -> String { path + ".bak" }

    static func parseAll(_ text: String) -> [[String]] {
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false) else { return [] }
        var out: [[String]] = []
        while let row = reader.next() {
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { continue }
            out.append(row)
        }
        return out
    }

    /// CSV text of `rows`, quoting only cells that need it (through `CSVText`, the one CSV writer).
    static func rows(_ rows: [[String]], lineEnding: String) -> String {
        CSVText.encode(rows, lineEnding: lineEnding == "\r\n" ? .crlf : .lf)
    }
}
