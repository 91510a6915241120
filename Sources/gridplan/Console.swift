import Foundation
import GridPlanCore

/// Every line gridplan writes to standard error, in one style: `PLACE: SEVERITY: message`, where
/// PLACE is the file (with its line and column) the message is about, or `gridplan` when there is
/// none: `households.csv:7: error: column lat: …`, `week48/plan.json: warning: …`,
/// `gridplan: note: planning scenario.yaml …`.
enum Console {
    static func error(_ message: String, at place: String = "gridplan") { write("\(place): error: \(message)") }

    static func warning(_ message: String, at place: String = "gridplan") { write("\(place): warning: \(message)") }

    static func note(_ message: String, at place: String = "gridplan") { write("\(place): note: \(message)") }

    /// The findings of a load, each repeated warning or note grouped into one line.
    static func report(_ findings: [Diagnostic]) {
        for d in Diagnostic.grouped(findings) { write(d.description) }
    }

    /// An error thrown by a library: its description as is when it already names its place and
    /// severity (`visits.csv: error: cannot write: …`), else as a `gridplan: error:` line.
    static func failure(_ error: Error, context: String? = nil) {
        let text = "\(error)"
        if hasPrefixStyle(text) { write(text); return }
        self.error(context.map { "\($0): \(text)" } ?? text)
    }

    /// Whether `line` already starts `PLACE: error:`, `PLACE: warning:` or `PLACE: note:`.
    static func hasPrefixStyle(_ line: String) -> Bool {
        guard let firstLine = line.split(separator: "\n", maxSplits: 1).first else { return false }
        return [": error: ", ": warning: ", ": note: "].contains { tag in
            guard let r = firstLine.range(of: tag) else { return false }
            return !firstLine[..<r.lowerBound].contains(" ")
        }
    }

    /// A line already in the style (a diagnostic, or an error whose description is `PATH: error: …`).
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
