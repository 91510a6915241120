import ArgumentParser
import Foundation
import GridPlanCore

extension GridPlan {
    /// `gridplan record SCENARIO --plan PLAN [--results FILE] [--through DATE]`: appends what was done to the history.
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Append what was done to the scenario's history file.",
            discussion: """
                Every stop of the plan up to --through (default: the plan's last day) is recorded as done, \
                unless the results file says otherwise. The results file is a CSV, or a sheet of an .xlsx \
                workbook (--results-sheet, default its first sheet), with the columns task,date,worker,result \
                (or 任务,日期,网格员,结果) where result is one of done, phone, not_home, refused, moved (or \
                已走访, 电话, 不在家, 拒访, 搬离); only done counts as a visit for the gap rules next time.

                The history file is the CSV the scenario names with 'history:' (the last CSV of a list such \
                as [{file: 台账.xlsx, sheet: 走访记录}, visits.csv]; a workbook is read, never written); when it names none, \
                visits.csv is created next to the scenario (add 'history: visits.csv' to the scenario). \
                The file is never rewritten in place: a new file is written and renamed over it, and the \
                previous version is kept as FILE.bak. Its encoding (UTF-8, UTF-8 with BOM, GB18030) and \
                line endings are kept. Recording the same plan twice adds nothing the second time.

                Exit status: 0 recorded (or nothing new), 1 the file could not be written, 2 a bad scenario, \
                plan or results row (nothing is written).
                """)

        @Argument(help: ArgumentHelp("The scenario YAML file the plan was made for (or a folder holding scenario.yaml).", valueName: "scenario"))
        var scenario: String

        @Option(name: .customLong("plan"), help: ArgumentHelp("The plan.json whose stops were carried out.", valueName: "plan"))
        var plan: String

        @Option(name: .customLong("results"), help: ArgumentHelp("CSV or .xlsx task,date,worker,result of stops that were not simply done.", valueName: "file"))
        var results: String?

        @Option(name: .customLong("results-sheet"), help: ArgumentHelp("The sheet of an .xlsx results workbook (default: its first sheet).", valueName: "sheet"))
        var resultsSheet: String?

        @Option(name: .customLong("through"), help: ArgumentHelp("Record stops up to this date (YYYY-MM-DD); default the plan's last day.", valueName: "date"))
        var through: String?

        func run() throws {
            // A folder holding scenario.yaml stands for that file, in every path worked out below.
            let scenario = ScenarioLoader.scenarioFile(self.scenario)
            let loaded = ScenarioLoader.load(path: scenario)
            guard let resolved = loaded.resolved else {
                Console.report(loaded.errors)
                Console.error("the scenario has errors; run 'gridplan validate \(scenario)'", at: scenario)
                throw ExitCode(2)
            }
            let s = resolved.scenario
            let p = try CycleOutput.readPlan(plan)
            CycleOutput.warnIfStale(p, path: plan, scenario: s, doing: "recording the plan's stops anyway")
            var until: CivilDate?
            if let t = through {
                guard let d = CivilDate(iso: t) else {
                    throw ValidationError("--through '\(t)' is not a date YYYY-MM-DD")
                }
                until = d
            }
            var reports: [VisitReport] = []
            var findings: [Diagnostic] = []
            if resultsSheet != nil, !(results ?? "").lowercased().hasSuffix(".xlsx") {
                throw ValidationError("--results-sheet needs --results naming an .xlsx workbook")
            }
            if let r = results {
                let read = HistoryRecorder.readResults(path: r, sheet: resultsSheet)
                reports = read.reports
                findings += read.diagnostics
            }

            let named = s.source?.historyPath
            let historyPath = named ?? CyclePaths.resolve("visits.csv", against: CyclePaths.folder(of: scenario))
            if named == nil, let book = s.source?.historyWorkbooks.first {
                Console.report(findings)
                let csv = URL(fileURLWithPath: historyPath).lastPathComponent
                Console.error("the history is only in the workbook \(book), which gridplan "
                    + "reads but never rewrites; name a CSV after it for record to append to, e.g. "
                    + "'history: [{file: \(URL(fileURLWithPath: book).lastPathComponent), sheet: …}, \(csv)]'", at: scenario)
                throw ExitCode(2)
            }
            if named == nil, FileManager.default.fileExists(atPath: historyPath) {
                Console.error("the scenario names no history file but this one exists; "
                    + "add 'history: visits.csv' to \(scenario) to record into it, or move it away", at: historyPath)
                throw ExitCode(2)
            }
            let file: HistoryFile
            do { file = try HistoryFile.read(path: historyPath) } catch {
                Console.failure(error)
                throw ExitCode(2)
            }
            // Every history row counts as a visit (format §1), so outcomes other than `done` go to a
            // ledger beside the history file instead: the household stays due from its previous visit.
            let ledgerPath = CyclePaths.outcomesLedger(for: historyPath)
            let ledger: HistoryFile
            do { ledger = try HistoryFile.read(path: ledgerPath) } catch {
                Console.failure(error)
                throw ExitCode(2)
            }
            // Campaign-only stops deliver their campaigns but are no visits: they go to a third file.
            let campaignPath = CyclePaths.campaignLedger(for: historyPath)
            let campaignLedger: HistoryFile
            do { campaignLedger = try HistoryFile.read(path: campaignPath) } catch {
                Console.failure(error)
                throw ExitCode(2)
            }
            let recording = HistoryRecorder.record(plan: p, scenario: resolved,
                                                   existing: file.entries.map(\.entry) + ledger.entries.map(\.entry)
                                                       + campaignLedger.entries.map(\.entry),
                                                   reports: reports, resultsFile: results ?? "results.csv",
                                                   through: until)
            findings += recording.diagnostics
            Console.report(findings)
            if findings.contains(where: { $0.severity == .error }) {
                let n = findings.filter { $0.severity == .error }.count
                Console.error("nothing recorded: \(n) error\(n == 1 ? "" : "s")")
                throw ExitCode(2)
            }
            if p.horizon.start != s.horizon.start || p.horizon.days != s.horizon.days {
                Console.warning("the plan covers \(p.horizon.start.iso) (\(p.horizon.days) days) but the scenario's "
                    + "horizon starts \(s.horizon.start.iso); recording the plan's stops anyway", at: plan)
            }
            let new = recording.newEntries
            guard !new.isEmpty else {
                print("nothing new to record: the history already holds all \(recording.alreadyRecorded) stops "
                    + "through \((until ?? p.horizon.start.adding(days: p.horizon.days - 1)).iso)")
                return
            }
            let done = recording.visits, outcomes = recording.outcomes
            let backup = HistoryFile.backupPath(for: historyPath)
            let addedColumn: Bool
            do { addedColumn = try recording.write(history: file, ledger: ledger, campaignLedger: campaignLedger) } catch {
                Console.failure(error)
                throw ExitCode(1)
            }
            var counts: [String: Int] = [:]
            let regular = new.filter { !$0.campaignOnly || !$0.isDone }
            for e in regular { counts[e.result ?? "done", default: 0] += 1 }
            let summary = VisitResult.allCases.compactMap { r in counts[r.rawValue].map { "\($0) \(r.rawValue)" } }
            if !regular.isEmpty {
                let doneCount = counts["done"] ?? 0
                print("recorded \(regular.count) stop\(regular.count == 1 ? "" : "s") (\(summary.joined(separator: ", ")))"
                    + (doneCount > 0 ? "; the \(doneCount) done \(doneCount == 1 ? "is" : "are") in \(historyPath)" : "")
                    + (recording.alreadyRecorded > 0 ? "; \(recording.alreadyRecorded) already recorded" : ""))
            }
            let greetings = recording.campaignVisits
            if !greetings.isEmpty {
                print("\(greetings.count) campaign-only stop\(greetings.count == 1 ? "" : "s") kept in \(campaignPath), not in the history: "
                    + "their campaigns are delivered, but they are no visits of the households' rhythms")
            }
            if !outcomes.isEmpty {
                print("\(outcomes.count) stop\(outcomes.count == 1 ? "" : "s") not done (phone, not home, refused, moved) "
                    + "kept in \(ledgerPath), not in the history: they stay due from their previous visit")
            }
            if done.isEmpty {
                // Nothing went into the history file.
            } else if file.exists {
                print("previous version kept as \(backup) (\(file.encoding.rawValue) kept)")
            } else {
                print("created \(historyPath) (UTF-8 with BOM); add this line to \(scenario):")
                print("  history: \(URL(fileURLWithPath: historyPath).lastPathComponent)")
            }
            for e in new where e.result == VisitResult.moved.rawValue {
                print("note: \(e.task) has moved away; remove it from the households so it is not planned again")
            }
            if addedColumn { print("added a result column to \(historyPath) (earlier rows count as done)") }
        }

    }
}

/// Printing and reading shared by record, next and replan.
enum CycleOutput {
    /// Reads a plan.json with PlanFile's format check, or exits with status 2 naming the file.
    static func readPlan(_ path: String) throws -> GridPlanCore.Plan {
        switch PlanFile.read(path: path) {
        case .success(let plan): return plan
        case .failure(let problem):
            Console.error(problem.message, at: path)
            throw ExitCode(2)
        }
    }

    /// Warns on standard error when the plan was made from other input files than those on disk (a
    /// history file grown by `record` since planning is expected, not stale).
    static func warnIfStale(_ plan: GridPlanCore.Plan, path: String, scenario: Scenario, doing what: String) {
        guard let stale = PlanFreshness.staleness(of: plan.scenario, against: scenario.source, ignoringHistory: true)
        else { return }
        Console.warning("\(stale.message); \(what)", at: path)
    }
}
