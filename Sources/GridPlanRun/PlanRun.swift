import Foundation
import GridPlanCheck
import GridPlanCore
import GridPlanReports
import GridPlanSolver

/// Plan → check → write, as library calls: what `gridplan plan`, `replan` and `compare` run, so
/// the commands only parse flags and print. A plan that breaks a rule of format §5 (by the
/// independent checker) is never returned nor written.
///
/// The planner and the reports take the scenario resolved at load time (`ScenarioLoadResult.resolved`);
/// the checker takes the plain `Scenario` inside it and derives everything again on its own.
public enum PlanRun {
    /// Why a run stopped; nothing was written.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// The planner threw.
        case planning(String)
        /// The plan breaks rules of format §5: a planner bug to report with the scenario.
        case breaksRules([PlanViolation])
        /// A file of the set would replace one the scenario is read from.
        case wouldOverwriteInput(target: String, input: String)

        public var description: String {
            switch self {
            case .planning(let why): return "planning failed: \(why)"
            case .breaksRules(let v):
                return "the plan breaks \(v.count) rule\(v.count == 1 ? "" : "s") of the format (§5); nothing was "
                    + "written. Please report this with the scenario."
            case .wouldOverwriteInput(let target, let input):
                return "\(target) would overwrite the input \(input); choose another --out"
            }
        }
    }

    /// The planner's share of a command's time limit: a reserve for loading the scenario and writing
    /// the reports comes off it — 15 % of the limit (at least half a second), and 0.4 ms per task, what
    /// loading, checking and writing take per task on the reference machine (5.3 s for the district's
    /// 15,000 tasks) — leaving at least 1 second.
    ///
    /// The reserve depends only on the limit and the scenario, never on what loading took: the planner
    /// sets the work of every step from this number, so a share that followed the clock would make two
    /// runs of the same scenario differ (a district run whose loading took a few milliseconds longer
    /// ran 652 routing iterations per group instead of 651, and routed 172 worker-days differently).
    public static func plannerTimeLimit(total: Double, tasks: Int = 0) -> Double {
        max(1, total - max(0.5, 0.15 * total) - secondsPerTask * Double(max(0, tasks)))
    }

    /// Loading, checking and writing per task, in the planner's time reserve (`plannerTimeLimit`).
    static let secondsPerTask = 0.0004

    /// Plans `scenario` and proves the plan with the independent checker.
    /// - Throws: `Failure.planning` or `Failure.breaksRules`.
    public static func plan(_ scenario: ResolvedScenario, options: PlanOptions) throws -> Plan {
        let plan: Plan
        do { plan = try Planner.plan(scenario, options: options) } catch { throw Failure.planning("\(error)") }
        try check(plan, against: scenario.scenario)
        return plan
    }

    /// Re-plans from `setup` and proves the merged plan with the independent checker.
    public static func replan(_ setup: ReplanSetup, oldPlan: Plan, scenario: ResolvedScenario,
                              options: PlanOptions) throws -> ReplanResult {
        let result: ReplanResult
        do { result = try Replanner.replan(setup, oldPlan: oldPlan, options: options) } catch {
            throw Failure.planning("\(error)")
        }
        try check(result.plan, against: scenario.scenario)
        return result
    }

    /// - Throws: `Failure.breaksRules` with every violation.
    public static func check(_ plan: Plan, against scenario: Scenario) throws {
        let violations = PlanChecker.check(plan, against: scenario)
        if !violations.isEmpty { throw Failure.breaksRules(violations) }
    }

    /// The files a plan's set holds, relative to its folder: `plan.json`, the reports (their names
    /// depend only on the scenario's workers), then `extra`.
    public static func fileNames(for scenario: ResolvedScenario, extra: [String] = []) -> [String] {
        let empty = Plan(scenario: ScenarioReference(madeFrom: scenario.scenario),
                         horizon: PlanHorizon(start: scenario.horizon.start, days: scenario.horizon.days),
                         solver: SolverReport(backend: "", status: "", objective: 0, bound: 0, gap: 0, seconds: 0),
                         routes: [], late: [],
                         kpis: KPIs(tasksDue: 0, visitsPlanned: 0, lateTaskDays: 0, onTimeRate: 1, travelKm: 0,
                                    travelMin: 0, workMin: 0, utilisationMin: 0, utilisationMax: 0, continuity: 1))
        let reports = (try? ReportWriter.render(plan: empty, scenario: scenario).map(\.relativePath)) ?? []
        return ["plan.json"] + reports + extra
    }

    /// The first of `targets` that would replace an input of `scenario`: a file it was read from
    /// (YAML, CSVs, calendar file, travel matrix), or, beside the YAML file, any existing CSV, YAML
    /// JSON or workbook file other than an earlier plan (it may be an input of another scenario).
    /// - Throws: `Failure.wouldOverwriteInput`.
    public static func refuseInputClash(_ targets: [URL], scenario: Scenario) throws {
        guard let source = scenario.source else { return }
        let yaml = URL(fileURLWithPath: source.path)
        let folder = yaml.deletingLastPathComponent()
        let inputs = [yaml] + source.inputs.map { input in
            input.file.hasPrefix("/") ? URL(fileURLWithPath: input.file) : folder.appendingPathComponent(input.file)
        } + [source.historyPath].compactMap { $0 }.map(URL.init(fileURLWithPath:))
        let inputPaths = Set(inputs.map { $0.standardizedFileURL.resolvingSymlinksInPath().path })
        let folderPath = folder.standardizedFileURL.resolvingSymlinksInPath().path
        for target in targets {
            let t = target.standardizedFileURL.resolvingSymlinksInPath()
            if inputPaths.contains(t.path) { throw Failure.wouldOverwriteInput(target: target.path, input: t.path) }
            if t.deletingLastPathComponent().path == folderPath,
               ["csv", "yaml", "yml", "json", "xlsx", "xlsm"].contains(t.pathExtension.lowercased()),
               FileManager.default.fileExists(atPath: t.path), !isPlanFile(t.path) {
                throw Failure.wouldOverwriteInput(target: target.path, input: t.path)
            }
        }
    }

    /// Writes the plan's file set into `folder`: the reports and `extra` files first, `plan.json`
    /// last, each file atomically, so a reader who sees the new plan.json sees its reports.
    ///
    /// Checks the plan first (nothing is written for a plan that breaks a rule).
    /// - Returns: the files written, plan.json last.
    @discardableResult
    public static func write(_ plan: Plan, scenario: ResolvedScenario, extra: [ReportFile] = [], to folder: URL) throws -> [URL] {
        try check(plan, against: scenario.scenario)
        var written: [URL] = []
        for f in try ReportWriter.render(plan: plan, scenario: scenario) + extra {
            let url = folder.appendingPathComponent(f.relativePath)
            try AtomicFile.replace(path: url.path, with: f.contents)
            written.append(url)
        }
        let planURL = folder.appendingPathComponent("plan.json")
        try AtomicFile.replace(path: planURL.path, with: plan.jsonData())
        return written + [planURL]
    }

    /// Whether the file at `path` is a plan written by gridplan (which a new plan may replace).
    static func isPlanFile(_ path: String) -> Bool {
        if case .success = PlanFile.read(path: path) { return true }
        return false
    }
}
