import Foundation

/// One finding about a scenario: where it is and what is wrong, printed like a compiler's.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning, note

        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.error, .warning, .note]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    public var severity: Severity
    /// The file as the user named it (or as resolved relative to the scenario).
    public var file: String
    /// 1-based line; for CSV the line of the row in the file.
    public var line: Int?
    /// 1-based column in YAML; nil for CSV rows.
    public var column: Int?
    /// CSV column name (header) the finding is about.
    public var csvColumn: String?
    /// For a workbook: the sheet the finding is in (then `line` is the sheet's row number).
    public var sheet: String?
    /// For a workbook: the column letters of the cell (`E`); nil for a whole row.
    public var cellColumn: String?
    /// Dotted path of the YAML field, e.g. `workers[2].shift` (for tools and tests).
    public var fieldPath: String?
    /// Short, lower-case, names the thing.
    public var message: String

    public init(severity: Severity, file: String, line: Int? = nil, column: Int? = nil, csvColumn: String? = nil,
                sheet: String? = nil, cellColumn: String? = nil, fieldPath: String? = nil, message: String) {
        self.severity = severity
        self.sheet = sheet
        self.cellColumn = cellColumn
        self.file = file
        self.line = line
        self.column = column
        self.csvColumn = csvColumn
        self.fieldPath = fieldPath
        self.message = message
    }

    /// `FILE:LINE:COLUMN: error: message`, `FILE:ROW: error: column C: message` for CSV, and
    /// `FILE:SHEET!E12: error: column C: message` for a workbook (`SHEET!12:12` for a whole row).
    public var description: String {
        var s = file
        if let sheet {
            s += ":" + Diagnostic.reference(sheet: sheet, column: cellColumn, row: line)
        } else {
            if let l = line { s += ":\(l)" }
            if let c = column { s += ":\(c)" }
        }
        s += ": \(severity.rawValue): "
        if let c = csvColumn { s += "column \(c): " }
        return s + message
    }

    /// A cell reference as Excel writes it: `住户!E12`, `住户!12:12` for a row, `'My sheet'!A1` when the
    /// name needs quotes, or the sheet alone.
    public static func reference(sheet: String, column: String?, row: Int?) -> String {
        let plain = !sheet.isEmpty && sheet.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
            && !(sheet.first?.isNumber ?? false)
        let name = plain ? sheet : "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
        guard let row else { return name }
        if let column { return "\(name)!\(column)\(row)" }
        return "\(name)!\(row):\(row)"
    }
}
