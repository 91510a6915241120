import ArgumentParser
import Foundation
import GridPlanCheck
import GridPlanCore
import GridPlanReports
import GridPlanRun
import GridPlanSolver

extension GridPlan {
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Plan a scenario: who visits what, on which day, in which order; writes DIR/plan.json.",
            discussion: """
                Decides visit days and workers with GLPK's MIP solver, orders each worker's day into a timed \
                route, and lists every task that cannot be kept on time with the reason. plan.json is written \
                atomically; other files in DIR are left alone. Exit status: 0 planned, 1 solving or writing \
                failed, 2 invalid scenario or usage.
                """)

        @Argument(help: "The scenario YAML file (or a folder holding scenario.yaml).")
        var scenario: String

        @Option(name: .long, help: ArgumentHelp("Folder for plan.json (default: ./plan-<scenario file stem>).", valueName: "DIR"))
        var out: String?

        @Option(name: .long, help: ArgumentHelp("Seconds for the whole run, loading and writing included (default: the scenario's solver.time_limit_s, else 60).", valueName: "S"))
        var timeLimit: Double?

        @Option(name: .long, help: ArgumentHelp("Threads for independent parts of the assignment.", valueName: "N"))
        var threads: Int = 1

        @Option(name: .long, help: ArgumentHelp("Relative MIP gap to stop at (default: the scenario's solver.mip_gap, else 0.01).", valueName: "G"))
        var mipGap: Double?

        @Option(name: .long, help: ArgumentHelp("Also write the assignment model in CPLEX LP format to FILE.", valueName: "FILE"))
        var writeLp: String?

        @Flag(name: .long, help: "Show GLPK's own output.")
        var verbose = false

        func validate() throws {
            if let t = timeLimit, !(t.isFinite && t > 0) { throw ValidationError("--time-limit must be a positive number of seconds") }
            if threads < 1 || threads > 256 { throw ValidationError("--threads must be between 1 and 256") }
            if let g = mipGap, !(g.isFinite && g >= 0) { throw ValidationError("--mip-gap must be a number ≥ 0") }
        }

        func run() throws {
            // A folder holding scenario.yaml stands for that file, in every path worked out below.
            let scenario = ScenarioLoader.scenarioFile(self.scenario)
            let loaded = ScenarioLoader.load(path: scenario)
            Console.report(loaded.diagnostics)
            guard let scenarioValue = loaded.resolved, !loaded.hasErrors else {
                Console.error("not planned (\(loaded.errors.count) error\(loaded.errors.count == 1 ? "" : "s"))", at: scenario)
                throw ExitCode(2)
            }

            let stem = URL(fileURLWithPath: scenario).deletingPathExtension().lastPathComponent
            let outDir = URL(fileURLWithPath: out ?? "plan-\(stem)").standardizedFileURL
            let planURL = outDir.appendingPathComponent("plan.json")
            // Every file this run writes: the plan's file set, and the LP file when asked for.
            let targets = PlanRun.fileNames(for: scenarioValue).map { outDir.appendingPathComponent($0) }
                + (writeLp.map { [URL(fileURLWithPath: $0).standardizedFileURL] } ?? [])
            do { try PlanRun.refuseInputClash(targets, scenario: scenarioValue.scenario) } catch {
                Console.failure(error)
                throw ExitCode(2)
            }

            // A campaign whose deadline passed before this horizon is no longer planned: name the
            // households that never received it, so the grid head can follow them up.
            let start = scenarioValue.horizon.start
            var neverDelivered: [String: (by: CivilDate, households: [String])] = [:]
            for job in scenarioValue.jobs {
                for c in job.campaigns where c.by < start { neverDelivered[c.name, default: (c.by, [])].households.append(job.id) }
            }
            for (name, e) in neverDelivered.sorted(by: { ($0.value.by, $0.key) < ($1.value.by, $1.key) }) {
                let ids = e.households.sorted()
                let shown = ids.prefix(12).joined(separator: ", ") + (ids.count > 12 ? ", … (\(ids.count - 12) more)" : "")
                Console.note("campaign '\(name)' (by \(e.by.iso), before this horizon) was never delivered to "
                    + "\(ids.count) household\(ids.count == 1 ? "" : "s"): \(shown); it is no longer planned", at: scenario)
            }

            let onTerminal = isatty(STDERR_FILENO) == 1
            let progressLine = ProgressLine(enabled: onTerminal)
            var progress: (@Sendable (PlanProgress) -> Void)?
            if onTerminal { progress = { @Sendable p in progressLine.show(p) } }
            // The time limit covers the whole command, loading and writing the reports included (a fixed
            // reserve: the planner's work follows its share, which must not depend on the clock).
            let limit = timeLimit ?? scenarioValue.solver.timeLimitSeconds ?? Planner.defaultTimeLimitSeconds
            let options = PlanOptions(timeLimitSeconds: PlanRun.plannerTimeLimit(total: limit, tasks: scenarioValue.jobs.count),
                                      mipGap: mipGap, threads: threads, verbose: verbose, writeLPPath: writeLp,
                                      progress: progress)
            // Never hand out a plan that breaks a rule: PlanRun proves it with the checker `gridplan check` runs.
            var plan: GridPlanCore.Plan
            do {
                plan = try PlanRun.plan(scenarioValue, options: options)
            } catch PlanRun.Failure.breaksRules(let violations) {
                progressLine.clear()
                for v in violations { Console.error(v.description) }
                Console.failure(PlanRun.Failure.breaksRules(violations))
                throw ExitCode(1)
            } catch {
                progressLine.clear()
                Console.failure(error)
                throw ExitCode(1)
            }
            progressLine.clear()

            // The plan names its scenario by a path relative to the plan's folder, so `show` and `compare`
            // find it again from plan.json alone.
            plan.scenario.file = relativePath(of: URL(fileURLWithPath: scenario).standardizedFileURL, from: outDir)
            let written: [URL]
            do {
                written = try PlanRun.write(plan, scenario: scenarioValue, to: outDir)
            } catch {
                Console.failure(error, context: "cannot write into \(outDir.path)")
                throw ExitCode(1)
            }

            printSummary(plan, planPath: planURL.path, written: written)
        }

        /// `written`: the files `PlanRun.write` wrote, plan.json last.
        func printSummary(_ plan: GridPlanCore.Plan, planPath: String, written: [URL]) {
            let k = plan.kpis
            let s = plan.solver
            func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
            print("planned \(plan.scenario.name): \(plan.routes.count) routes, \(k.visitsPlanned) visits, \(k.tasksDue) tasks due")
            print("on time: \(pct(k.onTimeRate)); late task-days: \(k.lateTaskDays) (\(plan.late.count) tasks late)")
            print(String(format: "travel: %.1f km, %d min; utilisation %@–%@", k.travelKm, k.travelMin,
                         pct(k.utilisationMin), pct(k.utilisationMax)))
            print("solver: \(s.backend) \(s.status), gap \(pct(s.gap)), \(String(format: "%.1f", s.seconds)) s")
            let steps = ["routing": "the routing", "repair": "the repair", "shortfall": "the shortfall's re-solve"]
            let clocked = ((s.stages ?? []).contains { $0.stoppedBy == "clock" } ? ["the assignment"] : [])
                + (s.clockStops ?? []).map { steps[$0] ?? $0 }
            if !clocked.isEmpty {
                let named = clocked.count == 1 ? clocked[0]
                    : clocked.dropLast().joined(separator: ", ") + " and " + clocked.last!
                print("note: the clock stopped \(named) before the work was done (a slow or busy machine, or a short "
                      + "--time-limit); a second run may give a different plan")
            }
            if let l = s.lateness, l.plannedLateTaskDays > 0 {
                // A floor of 0 proves nothing (the watchdog may have left the floor's solve out).
                let floor = l.lateTaskDaysFloor > 0
                    ? "fewer than \(l.lateTaskDaysFloor) late task-days "
                        + "(\(l.weightedLateDaysFloor) priority-weighted; this plan \(l.weightedLateDays) in its assignment)"
                    : "fewer than \(l.weightedLateDaysFloor) priority-weighted late days (this plan \(l.weightedLateDays) "
                        + "in its assignment); no floor on late task-days was proven"
                print("proven: at the model's estimate of each worker's day, no plan with this staffing can have " + floor
                      + (l.droppedVisits > 0 ? "; routing could not fit \(l.droppedVisits) planned visit\(l.droppedVisits == 1 ? "" : "s")" : ""))
            }
            if let sf = plan.shortfall { print("shortfall: " + ShortfallSummary.sentence(sf, locale: .en)) }
            if let owed = k.campaignVisitsOwed, let kept = k.campaignVisitsKept {
                let only = plan.routes.reduce(0) { $0 + $1.stops.filter(\.isCampaignOnly).count }
                let missed = plan.missedCampaigns ?? []
                print("campaigns: \(kept) of \(owed) campaign visits by their deadlines (\(only) as campaign-only stops)"
                      + (missed.isEmpty ? "" : "; \(missed.count) missed, listed in plan.json missed_campaigns"))
            }
            print("wrote \(planPath)")
            let dir = URL(fileURLWithPath: planPath).deletingLastPathComponent()
            print(Plan.reportsLine(written.filter { $0.path != planPath }, in: dir))
        }

        /// `reports: DIR/roster.html, roster.md, …, daily/ (3 files), calendar/ (3 files)`: the files
        /// written beside plan.json in the writer's order, each folder once with its count.
        static func reportsLine(_ written: [URL], in folder: URL) -> String {
            let base = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
            var entries: [(name: String, files: Int, isFolder: Bool)] = []
            for url in written {
                let relative = url.path.hasPrefix(base) ? String(url.path.dropFirst(base.count)) : url.path
                guard let slash = relative.firstIndex(of: "/") else {
                    entries.append((relative, 1, false))
                    continue
                }
                let sub = String(relative[...slash])
                if let i = entries.firstIndex(where: { $0.isFolder && $0.name == sub }) {
                    entries[i].files += 1
                } else {
                    entries.append((sub, 1, true))
                }
            }
            let names = entries.map { e in e.isFolder ? "\(e.name) (\(e.files) file\(e.files == 1 ? "" : "s"))" : e.name }
            guard let first = names.first else { return "reports: none" }
            return "reports: \(base)\(first)" + names.dropFirst().map { ", " + $0 }.joined()
        }
    }
}

/// `target` written relative to the folder `base` (e.g. `../scenarios/x/scenario.yaml`).
private func relativePath(of target: URL, from base: URL) -> String {
    let t = target.resolvingSymlinksInPath().pathComponents, b = base.resolvingSymlinksInPath().pathComponents
    var i = 0
    while i < t.count - 1, i < b.count, t[i] == b[i] { i += 1 }
    return (Array(repeating: "..", count: b.count - i) + t[i...]).joined(separator: "/")
}


/// One self-overwriting progress line on standard error (only on a terminal).
private final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ p: PlanProgress) {
        guard enabled else { return }
        var text = String(format: "\r\u{1B}[K%@  %.1f s", p.phase, p.elapsedSeconds)
        if let g = p.gap { text += String(format: "  gap %.2f%%", g * 100) }
        lock.lock()
        FileHandle.standardError.write(Data(text.utf8))
        shown = true
        lock.unlock()
    }

    func clear() {
        lock.lock()
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
        lock.unlock()
    }
}
