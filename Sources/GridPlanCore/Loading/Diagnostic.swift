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
    /// Dotted path of the YAML field, e.g. `workers[2].shift` (for tools and tests).
    public var fieldPath: String?
    /// Short, lower-case, names the thing.
    public var message: String

    public init(severity: Severity, file: String, line: Int? = nil, column: Int? = nil, csvColumn: String? = nil,
                fieldPath: String? = nil, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.csvColumn = csvColumn
        self.fieldPath = fieldPath
        self.message = message
    }

    /// `FILE:LINE:COLUMN: error: message`, or `FILE:ROW: error: column C: message` for CSV.
    public var description: String {
        var s = file
        if let l = line { s += ":\(l)" }
        if let c = column { s += ":\(c)" }
        s += ": \(severity.rawValue): "
        if let c = csvColumn { s += "column \(c): " }
        return s + message
    }
}
