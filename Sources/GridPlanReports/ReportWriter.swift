import Foundation
import GridPlanCore

/// One report file: where it goes under the output folder and its bytes.
public struct ReportFile: Sendable, Hashable {
    /// Path relative to the output folder, `/`-separated (e.g. `daily/W01.html`).
    public var relativePath: String
    /// The file's bytes (UTF-8 text; the CSVs start with a byte-order mark).
    public var contents: Data

    public init(relativePath: String, contents: Data) {
        self.relativePath = relativePath
        self.contents = contents
    }
}

/// Writes the reports people use from a plan and its scenario: the roster, the daily lists, the
/// spreadsheets and the calendars. Takes a Plan, never solves, never prints.
public enum ReportWriter {
    /// Every report, rendered in memory, in a fixed order:
    /// `roster.html`, `roster.md`, `roster.csv`, `visits.csv`, `roster.xlsx`, `visits.xlsx`, `changes.csv`
    /// (a re-plan's only), then per
    /// worker (scenario order)
    /// `daily/<id>.html` and `calendar/<id>.ics`.
    ///
    /// The output depends only on the plan and the scenario (no clock, no randomness, no hash order),
    /// so rendering the same plan twice gives identical bytes. Labels follow `scenario.locale`.
    /// - Parameter scenario: the plan's scenario, resolved once by whoever loaded it.
    /// - Complexity: O(stops + workers × days).
    public static func render(plan: Plan, scenario: ResolvedScenario) throws -> [ReportFile] {
        let c = ReportContext(plan: plan, scenario: scenario)
        var files: [ReportFile] = [
            ReportFile(relativePath: "roster.html", contents: Data(RosterHTML.render(c).utf8)),
            ReportFile(relativePath: "roster.md", contents: Data(RosterMarkdown.render(c).utf8)),
            ReportFile(relativePath: "roster.csv", contents: try SpreadsheetCSV.roster(c)),
            ReportFile(relativePath: "visits.csv", contents: try SpreadsheetCSV.visits(c)),
            ReportFile(relativePath: "roster.xlsx", contents: try SpreadsheetXLSX.roster(c)),
            ReportFile(relativePath: "visits.xlsx", contents: try SpreadsheetXLSX.visits(c)),
        ]
        // A re-plan's changes, for a spreadsheet (plan.json `replan`).
        if let changes = try SpreadsheetCSV.changes(c) { files.append(ReportFile(relativePath: "changes.csv", contents: changes)) }
        var used: Set<String> = []
        for w in c.workers {
            var base = fileName(forWorker: w.id)
            var k = 2
            while used.contains(base.lowercased()) {
                base = fileName(forWorker: w.id) + "-\(k)"
                k += 1
            }
            used.insert(base.lowercased())
            files.append(ReportFile(relativePath: "daily/\(base).html", contents: Data(DailyHTML.render(c, worker: w).utf8)))
            files.append(ReportFile(relativePath: "calendar/\(base).ics", contents: Data(CalendarICS.render(c, worker: w).utf8)))
        }
        return files
    }

    /// Renders every report and writes it under `directory` (typically beside `plan.json`).
    ///
    /// Each file is written atomically: to a temporary file in the same folder, then renamed over
    /// the target, so a reader never sees half a file and a failed run leaves the old file intact.
    /// Folders are created as needed.
    /// - Returns: the files written, in the order of `render(plan:scenario:)`.
    /// - Throws: a rendering error, or the file system's error for the first file that cannot be written.
    @discardableResult
    public static func writeAll(plan: Plan, scenario: ResolvedScenario, to directory: URL) throws -> [URL] {
        let files = try render(plan: plan, scenario: scenario)
        var written: [URL] = []
        for f in files {
            let url = directory.appendingPathComponent(f.relativePath)
            try writeAtomically(f.contents, to: url)
            written.append(url)
        }
        return written
    }

    /// `render(plan:scenario:)` for a scenario not resolved yet (it is resolved for this call).
    public static func render(plan: Plan, scenario: Scenario) throws -> [ReportFile] {
        try render(plan: plan, scenario: ResolvedScenario(scenario))
    }

    /// Writes `data` to `url` atomically, through `AtomicFile` (gridplan's one file writer).
    public static func writeAtomically(_ data: Data, to url: URL) throws {
        try AtomicFile.replace(path: url.path, with: data)
    }

    /// A file name for a worker id: letters, digits, `-`, `_` and `.` kept, anything else as `_`,
    /// never starting with a dot (so `../x` cannot leave the folder).
    public static func fileName(forWorker id: String) -> String {
        var s = String(id.map { ch -> Character in
            (ch.isLetter || ch.isNumber || ch == "-" || ch == "_" || ch == ".") ? ch : "_"
        })
        while s.hasPrefix(".") { s = "_" + s.dropFirst() }
        return s.isEmpty ? "_" : s
    }
}
