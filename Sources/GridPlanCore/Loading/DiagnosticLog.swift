import Foundation

/// Where a finding is: a YAML line and column, or a CSV row's line and column name.
struct SourceLocation: Hashable, Sendable {
    var file: String
    var line: Int?
    var column: Int?
    var csvColumn: String?
    /// For a workbook: the sheet (then `line` is its row number) and the cell's column letters.
    var sheet: String?
    var cellColumn: String?

    init(file: String, line: Int? = nil, column: Int? = nil, csvColumn: String? = nil, sheet: String? = nil,
         cellColumn: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.csvColumn = csvColumn
        self.sheet = sheet
        self.cellColumn = cellColumn
    }

    /// The same row, another CSV column (in a workbook: the cell of that column, when its letters are known).
    func csv(column name: String, letters: String? = nil) -> SourceLocation {
        SourceLocation(file: file, line: line, column: nil, csvColumn: name, sheet: sheet, cellColumn: letters)
    }

    /// `file:line`, `file:line:column` or `file:sheet!E12`, for messages that point at another place.
    var shortDescription: String {
        if let sheet { return file + ":" + Diagnostic.reference(sheet: sheet, column: cellColumn, row: line) }
        var s = file
        if let l = line { s += ":\(l)" }
        if let c = column { s += ":\(c)" }
        return s
    }
}

/// Collects every finding of one load, so users see all their mistakes in one run.
final class DiagnosticLog {
    private(set) var items: [Diagnostic] = []
    /// Every file this load read from disk, in reading order, with the SHA-256 of its bytes: the
    /// inputs the scenario's digest covers.
    private(set) var filesRead: [InputFile] = []

    /// Remembers that the file at `path` was read with these bytes (a file read twice counts once).
    func recordRead(path: String, bytes: [UInt8]) {
        guard !filesRead.contains(where: { $0.file == path }) else { return }
        filesRead.append(InputFile(file: path, sha256: SHA256Digest.hex(bytes)))
    }

    var errorCount: Int { items.filter { $0.severity == .error }.count }

    func report(_ severity: Diagnostic.Severity, _ message: String, at location: SourceLocation,
                path: String? = nil) {
        items.append(Diagnostic(severity: severity, file: location.file, line: location.line,
                                column: location.column, csvColumn: location.csvColumn, sheet: location.sheet,
                                cellColumn: location.cellColumn, fieldPath: path,
                                message: message))
    }

    func error(_ message: String, at location: SourceLocation, path: String? = nil) {
        report(.error, message, at: location, path: path)
    }

    func warning(_ message: String, at location: SourceLocation, path: String? = nil) {
        report(.warning, message, at: location, path: path)
    }

    func note(_ message: String, at location: SourceLocation, path: String? = nil) {
        report(.note, message, at: location, path: path)
    }

    /// The findings ordered by file, line and column; findings at the same place keep their order.
    func sorted() -> [Diagnostic] {
        items.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            if x.file != y.file { return x.file < y.file }
            if (x.sheet ?? "") != (y.sheet ?? "") { return (x.sheet ?? "") < (y.sheet ?? "") }
            if (x.line ?? 0) != (y.line ?? 0) { return (x.line ?? 0) < (y.line ?? 0) }
            if (x.column ?? 0) != (y.column ?? 0) { return (x.column ?? 0) < (y.column ?? 0) }
            let cx = x.cellColumn.map { XLSXWorkbook.columnNumber(Substring($0)) } ?? 0
            let cy = y.cellColumn.map { XLSXWorkbook.columnNumber(Substring($0)) } ?? 0
            if cx != cy { return cx < cy }
            return a.offset < b.offset
        }.map(\.element)
    }
}

/// Finds the closest known spelling for a misspelt name.
enum Spelling {
    /// The candidate nearest to `word` by edit distance, when it is close enough to be a likely typo.
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        let w = Array(word.lowercased())
        guard !w.isEmpty else { return nil }
        var best: (String, Int)?
        for c in candidates where c != word {
            let d = distance(w, Array(c.lowercased()))
            let limit = max(1, min(3, max(w.count, c.count) / 3))
            guard d <= limit else { continue }
            if best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    /// `; did you mean 'x'?` or nothing.
    static func hint(for word: String, among candidates: [String]) -> String {
        suggestion(for: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    cur[j] = min(cur[j], prev2[j - 2] + 1)
                }
            }
            prev2 = prev
            prev = cur
        }
        return prev[b.count]
    }
}
