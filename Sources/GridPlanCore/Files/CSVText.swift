import CSV
import Foundation

/// gridplan's one CSV writer, through CSV.swift's `CSVWriter`: every file gridplan writes as CSV
/// (reports, history, changes, generated scenarios) goes through `CSVText.encode`.
///
/// A field is quoted exactly when it holds a comma, a double quote or a line break (`"` doubled
/// inside); every row, the last included, ends with `lineEnding`.
public enum CSVText {
    public enum LineEnding: String, Sendable {
        case lf = "\n"
        case crlf = "\r\n"
    }

    /// The rows (the header first, if any) as CSV text.
    public static func encode(_ rows: [[String]], lineEnding: LineEnding = .lf) -> String {
        guard !rows.isEmpty else { return "" }
        let stream = OutputStream(toMemory: ())
        stream.open()
        defer { stream.close() }
        do {
            let writer = try CSVWriter(stream: stream, newline: lineEnding == .lf ? .lf : .crlf)
            for row in rows {
                // Quote explicitly: the writer's own test misses a lone "\r" inside a "\r\n" grapheme.
                try writer.write(row: row, quotedAtIndex: { needsQuotes(row[$0]) })
            }
            if let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data {
                return String(decoding: data, as: UTF8.self) + lineEnding.rawValue
            }
        } catch {}
        // Writing to memory does not fail; should it ever, quote by hand the same way.
        return rows.map { $0.map(quoted).joined(separator: ",") + lineEnding.rawValue }.joined()
    }

    /// Whether a field must be quoted: it holds a comma, a double quote, CR or LF.
    public static func needsQuotes(_ field: String) -> Bool {
        field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
    }

    static func quoted(_ field: String) -> String {
        needsQuotes(field) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
