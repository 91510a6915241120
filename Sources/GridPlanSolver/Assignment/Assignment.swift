import Foundation
import GridPlanCore

/// Settings of the assignment step.
public struct AssignmentOptions: Sendable {
    /// Seconds for all parts together (wall clock, parts in parallel share it by size).
    public var timeLimitSeconds: Double
    /// Relative gap at which a part's branch-and-cut stops.
    public var mipGap: Double
    /// Threads for independent parts.
    public var threads: Int
    /// GLPK's terminal output.
    public var verbose: Bool
    /// Write the whole assignment model (all parts) in CPLEX LP format here.
    public var writeLPPath: String?
    /// Parts larger than this many columns are not given to GLPK; their greedy answer stands.
    public var maxColumnsForMIP: Int
    /// Branch-and-bound nodes per part before GLPK is stopped: a limit on work that stops at the
    /// same point on every machine (the time limit still applies on top).
    public var nodeLimit: Int?
    /// Progress while solving; thread-safe.
    public var progress: (@Sendable (PlanProgress) -> Void)?
    /// Weekly-cycle terms: stickiness to a previous plan, required visits, carried load (default none).
    public var cycle = CycleObjective()

    public init(timeLimitSeconds: Double = 30, mipGap: Double = 0.01, threads: Int = 1, verbose: Bool = false,
                writeLPPath: String? = nil, maxColumnsForMIP: Int = 60_000, nodeLimit: Int? = 1500,
                progress: (@Sendable (PlanProgress) -> Void)? = nil) {
        self.timeLimitSeconds = timeLimitSeconds
        self.mipGap = mipGap
        self.threads = threads
        self.verbose = verbose
        self.writeLPPath = writeLPPath
        self.maxColumnsForMIP = maxColumnsForMIP
        self.nodeLimit = nodeLimit
        self.progress = progress
    }
}

/// What the assignment decided: the visits (job, date, workers) and what the solver proved.
public struct AssignmentResult: Sendable {
    /// Sorted by date, then job id.
    public var visits: [PlannedVisit]
    /// `optimal` (every part within the gap), `feasible` (some part stopped by the time or node limit),
    /// or `heuristic` (some part kept its greedy start without a MIP solve).
    public var status: String
    /// Objective of the assignment model summed over parts, plus the lateness of due jobs no worker covers.
    public var objective: Double
    /// Best proven lower bound of the same sum.
    public var bound: Double
    public var gap: Double
    public var parts: [SolverPartReport]
    /// Per due job id: the day patterns it could have had (for diagnosis); absent for uncovered jobs.
    public var patternsByJob: [String: [DayPattern]]
}

/// Decides, for each job due in the horizon, its visit days and workers, with GLPK's MIP solver over
/// day patterns (see Docs/model.md).
public enum Assignment {
    /// Runs the assignment.
    ///
    /// - Throws: `LinearModelError` only when the LP file cannot be written or the model is invalid.
    public static func assign(_ scenario: Scenario, options: AssignmentOptions) throws -> AssignmentResult {
        let began = Date()
        let calendar = WorkingCalendar(horizon: scenario.horizon)
        let include = Set(options.cycle.required.map(\.task)).union(CampaignVisits.openInHorizon(scenario))
        let (plainParts, uncovered) = Decomposition.parts(of: scenario, include: include)
        let parts = plainParts.map { part -> AssignmentInstance in
            var p = part
            p.cycle = options.cycle
            for j in p.jobs.indices {
                let candidates = p.jobs[j].candidateDays.map { p.dates[$0] }
                p.jobs[j].patterns = CampaignVisits.patterns(p.jobs[j].patterns, of: p.jobs[j].job, candidateDates: candidates,
                                                             calendar: calendar)
                p.jobs[j].patterns = options.cycle.filter(patterns: p.jobs[j].patterns, of: p.jobs[j].job, calendar: calendar)
            }
            return p
        }

        if let path = options.writeLPPath {
            var m = LinearModel(name: "gridplan_assignment")
            for p in parts { _ = AssignmentModel.build(p, into: &m) }
            try GLPKSolver.writeLP(m, to: path)
        }

        // Time shares: proportional to size, as if `threads` parts ran at once; never past the deadline.
        let sizes = parts.map { max(1, $0.size) }
        let total = Double(sizes.reduce(0, +))
        let threads = max(1, options.threads)
        let budget = max(0, options.timeLimitSeconds - Date().timeIntervalSince(began))
        let deadline = began.addingTimeInterval(options.timeLimitSeconds)
        let order = parts.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
        let counter = PartCounter(total: parts.count)
        let outcomes = SolveThreads.map(order, threads: threads) { i -> PartOutcome in
            let share = min(budget, budget * Double(threads) * Double(sizes[i]) / max(1, total))
            let limit = min(share, deadline.timeIntervalSinceNow)
            let n = counter.next()
            let phase = "assignment part \(n)/\(parts.count)"
            options.progress?(PlanProgress(phase: phase, elapsedSeconds: Date().timeIntervalSince(began)))
            var progress: (@Sendable (MIPProgress) -> Void)?
            if let report = options.progress {
                progress = { @Sendable p in
                    report(PlanProgress(phase: phase, elapsedSeconds: Date().timeIntervalSince(began), gap: p.gap))
                }
            }
            return PartSolver.solve(parts[i], timeLimit: limit, mipGap: options.mipGap, verbose: options.verbose,
                                    inParallel: threads > 1 && parts.count > 1,
                                    maxColumns: options.maxColumnsForMIP, nodeLimit: options.nodeLimit,
                                    progress: progress)
        }
        var byPart = [PartOutcome?](repeating: nil, count: parts.count)
        for (k, i) in order.enumerated() { byPart[i] = outcomes[k] }

        var visits: [PlannedVisit] = []
        var reports: [SolverPartReport] = []
        var objective = 0.0, bound = 0.0
        var patternsByJob: [String: [DayPattern]] = [:]
        for (i, part) in parts.enumerated() {
            let o = byPart[i]!
            visits += o.visits
            reports.append(o.report)
            objective += o.report.objective
            bound += o.report.bound
            for info in part.jobs { patternsByJob[info.job.id] = info.patterns }
        }
        for j in uncovered {
            let late = j.dueRule.lateness(visits: [], calendar: calendar).lateDays
            let c = scenario.weights.lateness * Double(j.priority * late)
            objective += c
            bound += c
        }
        visits.sort { ($0.date, $0.job) < ($1.date, $1.job) }
        let statuses = Set(reports.map(\.status))
        let status = statuses.contains("heuristic") ? "heuristic" : statuses.contains("feasible") ? "feasible" : "optimal"
        return AssignmentResult(visits: visits, status: status, objective: objective, bound: min(bound, objective),
                                gap: MIPResult.relativeGap(objective: objective, bound: min(bound, objective)),
                                parts: reports, patternsByJob: patternsByJob)
    }
}

/// Numbers parts as they start, for progress lines.
private final class PartCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    let total: Int
    init(total: Int) { self.total = total }
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        n += 1
        return n
    }
}

struct PartOutcome: Sendable {
    var visits: [PlannedVisit]
    var report: SolverPartReport
}

/// Solves one part: greedy start, then GLPK from it (when the part is small enough and time remains).
enum PartSolver {
    static func solve(_ inst: AssignmentInstance, timeLimit: Double, mipGap: Double, verbose: Bool, inParallel: Bool,
                      maxColumns: Int, nodeLimit: Int?, progress: (@Sendable (MIPProgress) -> Void)?) -> PartOutcome {
        var m = LinearModel(name: "gridplan_\(inst.name)")
        let model = AssignmentModel.build(inst, into: &m)
        let greedy = GreedyAssignment.solve(inst)
        let start = model.values(of: greedy, inst, variableCount: m.variableCount)
        let startObjective = m.objective(of: start)
        let workers = inst.workers.map(\.worker.id)

        func outcome(_ c: AssignmentChoice, status: String, objective: Double, bound: Double) -> PartOutcome {
            let b = min(bound, objective)
            return PartOutcome(
                visits: visits(of: c, inst),
                report: SolverPartReport(workers: workers, tasks: inst.jobs.count, variables: m.variableCount,
                                         rows: m.rowCount, status: status, objective: Plan.round(objective, places: 4),
                                         bound: Plan.round(b, places: 4),
                                         gap: Plan.round(MIPResult.relativeGap(objective: objective, bound: b), places: 6)))
        }

        let trivialBound = lowerBound(inst)
        let startIsFeasible = m.violations(of: start).isEmpty
        guard m.variableCount > 0, m.variableCount <= maxColumns, timeLimit >= 0.5 else {
            return outcome(greedy, status: "heuristic", objective: startObjective, bound: trivialBound)
        }
        let options = MIPOptions(timeLimitSeconds: timeLimit, mipGap: mipGap, verbose: verbose, presolve: false,
                                 gomoryCuts: false, mirCuts: true, coverCuts: false, cliqueCuts: true,
                                 inParallel: inParallel, nodeLimit: nodeLimit, start: startIsFeasible ? start : nil,
                                 progress: progress)
        guard let r = try? GLPKSolver.solve(m, options: options), !r.values.isEmpty else {
            return outcome(greedy, status: "heuristic", objective: startObjective, bound: trivialBound)
        }
        let status = r.status == .optimal ? "optimal" : "feasible"
        return outcome(model.choice(from: r, inst), status: status, objective: r.objective,
                       bound: max(r.bound, trivialBound))
    }

    /// A valid lower bound without any solve: each job's cheapest pattern with its cheapest workers
    /// (capacities and balance ignored; the balance term is never negative).
    static func lowerBound(_ inst: AssignmentInstance) -> Double {
        var lb = 0.0
        for (j, info) in inst.jobs.enumerated() {
            var best = Double.infinity
            for (p, pat) in info.patterns.enumerated() {
                var c = inst.patternCost(job: j, pattern: p)
                for date in pat.dates {
                    let d = inst.dates.firstIndex(of: date)!
                    let costs = info.eligible[d].map { inst.visitCost(job: j, day: d, worker: $0) }.sorted()
                    c += costs.prefix(info.job.workersNeeded).reduce(0, +)
                }
                best = min(best, c)
            }
            lb += best.isFinite ? best : 0
        }
        return lb
    }

    /// The planned visits of a choice, with the dates each could move to without more lateness.
    static func visits(of c: AssignmentChoice, _ inst: AssignmentInstance) -> [PlannedVisit] {
        var out: [PlannedVisit] = []
        for (j, info) in inst.jobs.enumerated() {
            let dates = info.patterns[c.pattern[j]].dates
            for (k, date) in dates.enumerated() {
                let ws = c.workers[j][k]
                let lo = k > 0 ? dates[k - 1].adding(days: info.job.minGapDays)
                    : (info.job.lastVisit.map { $0.adding(days: info.job.minGapDays) } ?? inst.dates.first!)
                let hi = k + 1 < dates.count ? dates[k + 1].adding(days: -info.job.minGapDays) : inst.dates.last!
                let movable = info.candidateDays.map { inst.dates[$0] }.filter { d in
                    d != date && d >= lo && d <= hi && ws.allSatisfy { info.eligible[inst.dates.firstIndex(of: d)!].contains($0) }
                        && lateDays(info, replacing: k, with: d, in: dates, inst.calendar) <= info.patterns[c.pattern[j]].lateDays
                }
                out.append(PlannedVisit(job: info.job.id, date: date, workers: ws.map { inst.workers[$0].worker.id }.sorted(),
                                        movableDates: movable))
            }
        }
        return out
    }

    private static func lateDays(_ info: AssignmentInstance.JobInfo, replacing k: Int, with d: CivilDate,
                                 in dates: [CivilDate], _ calendar: WorkingCalendar) -> Int {
        var v = dates
        v[k] = d
        return info.job.dueRule.lateness(visits: v.sorted(), calendar: calendar).lateDays
    }
}
