import Foundation

/// What happened at a stop, as the history CSV's `result` column writes it.
public enum VisitResult: String, Sendable, Hashable, CaseIterable {
    /// Visited in person: the only result that counts as a visit for the gap rules.
    case done
    /// Reached by phone instead.
    case phone
    /// Nobody opened the door.
    case notHome = "not_home"
    /// The household refused the visit.
    case refused
    /// The household has moved away.
    case moved
}

/// One row of a results CSV (`task,date,worker,result`): what a worker reports after a day.
public struct VisitReport: Sendable, Hashable {
    /// The household or patrol point.
    public var task: String
    /// The date of the planned stop.
    public var date: CivilDate
    /// The worker of the planned stop.
    public var worker: String
    /// What happened.
    public var result: VisitResult
    /// 1-based line of the row in the results file (for a workbook sheet: its row number).
    public var line: Int
    /// For a results sheet of a workbook: the sheet, and each column's letters and header as written,
    /// by the format's column name, so findings point at the cell (`结果!B5`).
    public var sheet: String?
    public var columnLetters: [String: String] = [:]
    public var columnHeaders: [String: String] = [:]

    public init(task: String, date: CivilDate, worker: String, result: VisitResult, line: Int) {
        self.task = task
        self.date = date
        self.worker = worker
        self.result = result
        self.line = line
    }

    /// A finding about this row, at column `column` (a format name) or the whole row.
    func diagnostic(_ severity: Diagnostic.Severity, file: String, column: String?, _ message: String) -> Diagnostic {
        Diagnostic(severity: severity, file: file, line: line, csvColumn: column.map { columnHeaders[$0] ?? $0 },
                   sheet: sheet, cellColumn: sheet == nil ? nil : column.flatMap { columnLetters[$0] },
                   message: message)
    }
}

/// What `HistoryRecorder.record` decided: the rows to append and every finding.
public struct Recording: Sendable {
    /// New history rows, in plan order (date, worker, stop order); none already in the history.
    public var newEntries: [HistoryEntry]
    /// Stops through the date that the history already holds (same task, date and worker).
    public var alreadyRecorded: Int
    /// Errors (bad results rows: nothing may be written), warnings and notes.
    public var diagnostics: [Diagnostic]

    /// Whether any finding is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// New rows that are visits (`done`): they go into the history file.
    public var visits: [HistoryEntry] { newEntries.filter { $0.isDone && !$0.campaignOnly } }
    /// New rows with another outcome (`phone`, `not_home`, `refused`, `moved`): they go into the
    /// outcomes ledger, because every row of the history file counts as a visit (format §1).
    public var outcomes: [HistoryEntry] { newEntries.filter { !$0.isDone } }
    /// New done campaign-only stops (kind `campaign`), each naming its campaigns: they go into the
    /// campaign ledger (`CyclePaths.campaignLedger`), which delivers the campaigns without counting
    /// as a visit of the rhythm.
    public var campaignVisits: [HistoryEntry] { newEntries.filter { $0.isDone && $0.campaignOnly } }

    /// Appends `visits` to `history`, `outcomes` to `ledger` and `campaignVisits` to `campaignLedger`
    /// (default: the one beside the history file), each a new file renamed over the old, the previous
    /// version kept as a backup.
    /// - Returns: whether a `result` column had to be added to the history file.
    @discardableResult
    public func write(history: HistoryFile, ledger: HistoryFile, campaignLedger: HistoryFile? = nil) throws -> Bool {
        var added = false
        if !visits.isEmpty {
            added = try history.write(appending: visits, backupPath: HistoryFile.backupPath(for: history.path))
        }
        if !outcomes.isEmpty {
            _ = try ledger.write(appending: outcomes, backupPath: HistoryFile.backupPath(for: ledger.path))
        }
        if !campaignVisits.isEmpty {
            let file = try campaignLedger ?? HistoryFile.read(path: CyclePaths.campaignLedger(for: history.path))
            _ = try file.write(appending: campaignVisits, backupPath: HistoryFile.backupPath(for: file.path))
        }
        return added
    }
}

/// Turns a plan into history rows: every stop through a date counts as done, unless a results file
/// says otherwise. Never writes; `HistoryFile` does.
public enum HistoryRecorder {
    /// Reads a results table (`task,date,worker,result`): a CSV file (UTF-8 with or without BOM, or
    /// GB18030) or a sheet of an .xlsx workbook (`sheet`, default its first visible sheet). Headers may
    /// be the Chinese aliases of the history (`任务,日期,网格员,结果`) and results may be written in
    /// Chinese (`不在家`, see `ColumnAliases.results`).
    ///
    /// - Returns: the rows that parse, and a diagnostic per bad row naming its line (or cell) and column.
    public static func readResults(path: String, sheet: String? = nil) -> (reports: [VisitReport], diagnostics: [Diagnostic]) {
        let log = DiagnosticLog()
        let source = ScenarioBuilder.TableSource(name: path, sheet: sheet, reference: SourceLocation(file: path),
                                                 sheetReference: SourceLocation(file: path))
        guard let table = ScenarioBuilder.readTable(source, baseDirectory: "", aliases: .history, log: log)
        else { return ([], log.sorted()) }
        var missing = false
        for c in ["task", "date", "worker", "result"] where !table.header.contains(c) {
            let alias = ColumnAliases.history.chinese(c)
            log.error("missing required column '\(c)' (or '\(alias)')", at: table.headerLocation)
            missing = true
        }
        guard !missing else { return ([], log.sorted()) }
        let index = Dictionary(table.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var reports: [VisitReport] = []
        var letters: [String: String] = [:], headers: [String: String] = [:]
        for (name, i) in index {
            letters[name] = table.location(line: table.headerLine, column: i).cellColumn
            headers[name] = table.shownHeader[i]
        }
        for row in table.rows {
            func cell(_ name: String) -> String {
                let i = index[name]!
                return i < row.cells.count ? row.cells[i].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            }
            func at(_ name: String) -> SourceLocation { table.location(line: row.line, column: index[name]!) }
            var ok = true
            for c in ["task", "worker", "date", "result"] where cell(c).isEmpty {
                log.error("empty \(c)", at: at(c))
                ok = false
            }
            guard ok else { continue }
            guard let date = CivilDate(iso: cell("date")) else {
                log.error("'\(cell("date"))' is not a date YYYY-MM-DD", at: at("date"))
                continue
            }
            let written = cell("result")
            guard let result = VisitResult(rawValue: written.lowercased())
                ?? ColumnAliases.results[written].flatMap(VisitResult.init(rawValue:)) else {
                log.error("unknown result '\(written)'; expected done, phone, not_home, refused or moved "
                    + "(已走访, 电话, 不在家, 拒访, 搬离)", at: at("result"))
                continue
            }
            var report = VisitReport(task: cell("task"), date: date, worker: cell("worker"), result: result,
                                     line: row.line)
            report.sheet = table.sheet
            report.columnLetters = letters
            report.columnHeaders = headers
            reports.append(report)
        }
        return (reports, log.sorted())
    }

    /// The history rows that recording `plan` through `through` adds to `existing`.
    ///
    /// Every stop dated on or before `through` becomes a row `task,date,worker,done`, or takes the
    /// result its results row gives. A stop whose task, date and worker the history already holds is
    /// not added again, so recording the same plan twice adds nothing the second time. A done visit
    /// that carried campaigns (`Job.campaigns(carriedOn:visitDates:)`) names them in its `campaigns`;
    /// a stop of kind `campaign` becomes a `campaignOnly` row naming the campaigns it delivered (a
    /// row of the campaign ledger, not of the history: it is no visit of the rhythm). `existing`
    /// should hold the campaign ledger's rows too.
    ///
    /// A results row is an error, named by its line, when its task is not a household or patrol point
    /// of the scenario, its date lies outside the plan's horizon or after `through`, its task is not
    /// planned on that date, or its worker is not one planned for that stop; and when two rows
    /// report the same stop.
    ///
    /// - Parameters:
    ///   - plan: the plan whose stops were carried out.
    ///   - scenario: the scenario the plan is for (task ids and workers).
    ///   - existing: the history already on file.
    ///   - reports: rows of a results file (see `readResults(path:)`), from the file `resultsFile`.
    ///   - through: the last date to record; nil = the plan's last day.
    /// - Complexity: O(stops + reports + history).
    public static func record(plan: Plan, scenario: ResolvedScenario, existing: [HistoryEntry], reports: [VisitReport] = [],
                              resultsFile: String = "results.csv", through: CivilDate? = nil) -> Recording {
        let last = plan.horizon.start.adding(days: plan.horizon.days - 1)
        let through = through ?? last
        var diagnostics: [Diagnostic] = []
        func error(_ report: VisitReport, _ column: String?, _ message: String) {
            diagnostics.append(report.diagnostic(.error, file: resultsFile, column: column, message))
        }
        let taskIDs = Set(scenario.households.map(\.id) + scenario.patrols.map(\.id))
        struct Key: Hashable { var task: String; var date: CivilDate; var worker: String }
        struct TaskDay: Hashable { var task: String; var date: CivilDate }

        // Planned stops through the date, in plan order.
        var planned: [Key] = []
        var workersOf: [TaskDay: [String]] = [:]
        var campaignStop: [Key: [String]] = [:]
        for r in plan.routes.sorted(by: { ($0.date, $0.worker) < ($1.date, $1.worker) }) where r.date <= through {
            for s in r.stops {
                planned.append(Key(task: s.task, date: r.date, worker: r.worker))
                if s.isCampaignOnly { campaignStop[Key(task: s.task, date: r.date, worker: r.worker)] = s.campaign ?? [] }
                workersOf[TaskDay(task: s.task, date: r.date), default: []].append(r.worker)
            }
        }
        for k in planned where !taskIDs.contains(k.task) {
            diagnostics.append(Diagnostic(severity: .error, file: plan.scenario.file, message:
                "the plan's stop \(k.task) on \(k.date.iso) (\(k.worker)) is not a household or patrol point "
                + "of the scenario; is the plan for another scenario?"))
        }

        var resultOf: [Key: (VisitResult, VisitReport)] = [:]
        for r in reports {
            guard taskIDs.contains(r.task) else {
                error(r, "task", "unknown task '\(r.task)'")
                continue
            }
            guard r.date >= plan.horizon.start, r.date <= last else {
                error(r, "date", "\(r.date.iso) is outside the plan (\(plan.horizon.start.iso)..\(last.iso))")
                continue
            }
            guard r.date <= through else {
                error(r, "date", "\(r.date.iso) is after --through \(through.iso)")
                continue
            }
            guard let ws = workersOf[TaskDay(task: r.task, date: r.date)] else {
                error(r, "date", "\(r.task) is not planned on \(r.date.iso)")
                continue
            }
            guard ws.contains(r.worker) else {
                error(r, "worker", "\(r.task) on \(r.date.iso) is planned for \(ws.joined(separator: ", ")), "
                    + "not \(r.worker)")
                continue
            }
            let key = Key(task: r.task, date: r.date, worker: r.worker)
            if let (_, first) = resultOf[key] {
                let place = first.sheet == nil ? "line \(first.line)" : "row \(first.line)"
                error(r, nil, "\(r.task) on \(r.date.iso) by \(r.worker) is already reported on \(place)")
                continue
            }
            resultOf[key] = (r.result, r)
        }

        // A pair visit is one visit: a worker of the pair not in the results shares the result the
        // other reported (a refused pair visit was refused to both; neither made a visit).
        var pairResult: [TaskDay: VisitResult] = [:]
        for (key, value) in resultOf.sorted(by: { ($0.key.task, $0.key.date, $0.key.worker) < ($1.key.task, $1.key.date, $1.key.worker) }) {
            let day = TaskDay(task: key.task, date: key.date)
            guard (workersOf[day]?.count ?? 0) > 1, pairResult[day] == nil || pairResult[day] == .done else { continue }
            pairResult[day] = value.0
        }

        // The regular visits carry campaigns; a campaign-only stop delivers what it names.
        let visitDates = CampaignDeliveries.regularVisitDates(in: plan.routes)
        var onFile: [Key: String] = [:]
        for e in existing { onFile[Key(task: e.task, date: e.date, worker: e.worker)] = e.result ?? "done" }
        var new: [HistoryEntry] = []
        var already = 0
        for k in planned {
            let result = resultOf[k]?.0 ?? pairResult[TaskDay(task: k.task, date: k.date)] ?? .done
            if let recorded = onFile[k] {
                already += 1
                if recorded.lowercased() != result.rawValue, let report = resultOf[k]?.1 {
                    diagnostics.append(report.diagnostic(.warning, file: resultsFile, column: nil,
                        "\(k.task) on \(k.date.iso) by \(k.worker) is already in the history as '\(recorded)'; "
                        + "the history keeps it (edit the history file to change it)"))
                }
                continue
            }
            onFile[k] = result.rawValue
            // A done visit that carried campaigns says so, so next period's plan does not owe them again.
            if let names = campaignStop[k] {
                var e = HistoryEntry(task: k.task, date: k.date, worker: k.worker, result: result.rawValue,
                                     campaigns: result == .done ? names : [])
                e.campaignOnly = true
                new.append(e)
                continue
            }
            let carried = result == .done
                ? (scenario.job(k.task)?.campaigns(carriedOn: k.date, visitDates: visitDates[k.task] ?? []).map(\.name) ?? []) : []
            new.append(HistoryEntry(task: k.task, date: k.date, worker: k.worker, result: result.rawValue,
                                    campaigns: carried))
        }
        return Recording(newEntries: new, alreadyRecorded: already,
                         diagnostics: diagnostics.sorted { ($0.line ?? 0, $0.message) < ($1.line ?? 0, $1.message) })
    }
}
