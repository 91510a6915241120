import Foundation
import GridPlanCore

/// Settings of the assignment step.
public struct AssignmentOptions: Sendable {
    /// Nominal seconds for all parts together (parts in parallel share it by size): they set each
    /// part's work at fixed rates (`AssignmentBudget`).
    public var timeLimitSeconds: Double
    /// The watchdog: no solve runs past this many wall-clock seconds from the start; nil = `timeLimitSeconds`.
    /// Looser than the work needs, so that a busy machine reaches the same plan, only later.
    public var watchdogSeconds: Double?
    /// Relative gap at which a part's branch-and-cut stops.
    public var mipGap: Double
    /// Threads for independent parts.
    public var threads: Int
    /// GLPK's terminal output.
    public var verbose: Bool
    /// Write the whole assignment model (all parts) in CPLEX LP format here.
    public var writeLPPath: String?
    /// Parts larger than this many columns get their root LP (the bound) and the local search, no
    /// branch-and-bound.
    public var maxColumnsForMIP: Int
    /// Branch-and-bound nodes per part and goal; nil = computed from the part's size and the time
    /// limit at fixed rates (`AssignmentBudget`), so the search stops at the same point on every machine.
    public var nodeLimit: Int?
    /// Progress while solving; thread-safe.
    public var progress: (@Sendable (PlanProgress) -> Void)?
    /// Weekly-cycle terms: stickiness to a previous plan, required visits, carried load (default none).
    public var cycle = CycleObjective()
    /// Workers that are stand-in helpers of the shortfall re-solve (`Shortfall`): their minutes cost
    /// `helperMinuteCost`, and they are left out of balance and level (default none).
    public var helpers: Set<String> = []
    /// When set, only the parts holding one of these tasks are solved (the shortfall re-solve); the
    /// due tasks no worker covers are then left out too.
    public var onlyPartsWith: Set<String>?
    /// Whether to prove the floor on unweighted late task-days (`lateTaskDaysFloor`); a re-solve that
    /// only needs the visits (the shortfall's) leaves it out (the floor is then 0).
    public var provesLateTaskDaysFloor = true

    public init(timeLimitSeconds: Double = 30, mipGap: Double = 0.01, threads: Int = 1, verbose: Bool = false,
                writeLPPath: String? = nil, maxColumnsForMIP: Int = 150_000, nodeLimit: Int? = nil,
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
    /// `optimal` (proven within the gap), `feasible` (improved on the construction, not proven), or
    /// `heuristic` (nothing improved the construction and nothing proved it).
    public var status: String
    /// Objective of the assignment model summed over parts, plus the lateness of due jobs no worker covers.
    public var objective: Double
    /// Best proven lower bound of the same sum.
    public var bound: Double
    public var gap: Double
    public var parts: [SolverPartReport]
    /// Per goal, summed over parts: lateness, then all goals.
    public var stages: [SolverStageReport]
    /// Late task-days of the assignment, and Σ priority × late days.
    public var lateTaskDays: Int
    public var weightedLateDays: Int
    /// Proven floors: no assignment of this staffing has fewer priority-weighted late days, or fewer late task-days.
    public var weightedLateDaysFloor: Int
    public var lateTaskDaysFloor: Int
}

/// Decides, for each job due in the horizon, its visit days and workers (see Docs/model.md): per
/// independent part, a construction and a local search on the model's exact objective, then GLPK
/// in two stages — lateness alone, then every goal without giving back the lateness won.
public enum Assignment {
    /// Runs the assignment.
    ///
    /// - Throws: `LinearModelError` only when the LP file cannot be written or the model is invalid.
    public static func assign(_ scenario: ResolvedScenario, options: AssignmentOptions) throws -> AssignmentResult {
        let began = Date()
        let calendar = scenario.calendar
        let include = Set(options.cycle.required.map(\.task)).union(CampaignVisits.openInHorizon(scenario))
        let (allParts, allUncovered) = Decomposition.parts(of: scenario, include: include, cycle: options.cycle,
                                                           helpers: options.helpers)
        let only = options.onlyPartsWith
        let parts = only.map { o in allParts.filter { $0.jobs.contains { o.contains($0.job.id) } } } ?? allParts
        let uncovered = only == nil ? allUncovered : []

        if let path = options.writeLPPath {
            try GLPKSolver.writeLP(exportedModel(parts, uncovered: uncovered, calendar: calendar, weights: scenario.weights),
                                   to: path)
        }

        // Shares of the time limit by size, as if `threads` parts ran at once. They set each part's
        // work (moves, nodes) at fixed rates; the clock is only the watchdog.
        let sizes = parts.map { max(1, $0.size) }
        let total = Double(sizes.reduce(0, +))
        let threads = max(1, options.threads)
        let deadline = began.addingTimeInterval(options.watchdogSeconds ?? options.timeLimitSeconds)
        let order = parts.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
        let counter = PartCounter(total: parts.count)
        let outcomes = SolveThreads.map(order, threads: threads) { i -> PartOutcome in
            let share = min(options.timeLimitSeconds, options.timeLimitSeconds * Double(threads) * Double(sizes[i]) / max(1, total))
            let n = counter.next()
            let phase = "assignment part \(n)/\(parts.count)"
            options.progress?(PlanProgress(phase: phase, elapsedSeconds: Date().timeIntervalSince(began)))
            var progress: (@Sendable (MIPProgress) -> Void)?
            if let report = options.progress {
                progress = { @Sendable p in
                    report(PlanProgress(phase: phase, elapsedSeconds: Date().timeIntervalSince(began), gap: p.gap))
                }
            }
            let budget = AssignmentBudget(seconds: share, size: sizes[i], nodeLimit: options.nodeLimit, deadline: deadline)
            return PartSolver.solve(parts[i], budget: budget, mipGap: options.mipGap, verbose: options.verbose,
                                    inParallel: threads > 1 && parts.count > 1, maxColumns: options.maxColumnsForMIP,
                                    lateTaskDaysFloor: options.provesLateTaskDaysFloor, progress: progress)
        }
        var byPart = [PartOutcome?](repeating: nil, count: parts.count)
        for (k, i) in order.enumerated() { byPart[i] = outcomes[k] }

        var visits: [PlannedVisit] = [], reports: [SolverPartReport] = []
        var objective = 0.0, bound = 0.0
        var stageSums: [String: (o: Double, b: Double, root: Double, s: Double, stop: Set<String>)] = [:]
        var late = 0, weighted = 0, weightedFloor = 0, lateFloor = 0
        var improved = false, proven = true
        for i in parts.indices {
            let o = byPart[i]!
            visits += o.visits
            reports.append(o.report)
            objective += o.report.objective
            bound += o.report.bound
            late += o.lateTaskDays
            weighted += o.weightedLateDays
            weightedFloor += o.weightedLateDaysFloor
            lateFloor += o.lateTaskDaysFloor
            improved = improved || o.improvedStart
            proven = proven && o.report.status == "optimal"
            for st in o.report.stages ?? [] {
                var e = stageSums[st.goal] ?? (0, 0, 0, 0, [])
                e.o += st.objective
                e.b += st.bound
                // A part whose stage needed no LP (nothing late to begin with) counts its proven bound.
                e.root += st.rootLP ?? st.bound
                e.s += st.startObjective
                e.stop.insert(st.stoppedBy)
                stageSums[st.goal] = e
            }
        }
        for j in uncovered {
            let days = j.dueRule.lateness(visits: [], calendar: calendar).lateDays
            let c = scenario.weights.lateness * Double(j.priority * days)
            objective += c
            bound += c
            late += days
            weighted += j.priority * days
            weightedFloor += j.priority * days
            lateFloor += days
            for g in ["lateness", "all"] {
                var e = stageSums[g] ?? (0, 0, 0, 0, [])
                e.o += c
                e.b += c
                e.root += c
                e.s += c
                stageSums[g] = e
            }
        }
        visits.sort { ($0.date, $0.job) < ($1.date, $1.job) }
        let b = min(bound, objective)
        let gap = MIPResult.relativeGap(objective: objective, bound: b)
        let status = (proven || gap <= options.mipGap) ? "optimal" : (improved ? "feasible" : "heuristic")
        let stages = ["lateness", "all"].compactMap { g -> SolverStageReport? in
            guard let e = stageSums[g] else { return nil }
            // The stage stopped by the strongest reason any part gave: clock, then nodes, then work, then gap.
            let stop = ["clock", "nodes", "work", "gap"].first { e.stop.contains($0) } ?? "gap"
            return SolverStageReport(goal: g, objective: Plan.round(e.o, places: 4), bound: Plan.round(min(e.b, e.o), places: 4),
                                     rootLP: Plan.round(e.root, places: 4), startObjective: Plan.round(e.s, places: 4),
                                     stoppedBy: stop)
        }
        return AssignmentResult(visits: visits, status: status, objective: objective, bound: b, gap: gap, parts: reports,
                                stages: stages, lateTaskDays: late, weightedLateDays: weighted,
                                weightedLateDaysFloor: min(weightedFloor, weighted), lateTaskDaysFloor: min(lateFloor, late))
    }

    /// The complete single-objective model whose value `objective` reports: every part, every goal
    /// folded by the weights, the lateness of jobs nobody covers as fixed columns, nothing fixed by the search.
    static func exportedModel(_ parts: [AssignmentInstance], uncovered: [Job], calendar: WorkingCalendar,
                              weights: Weights) -> LinearModel {
        var m = LinearModel(name: "gridplan_assignment")
        for p in parts { _ = AssignmentModel.build(p, into: &m) }
        for j in uncovered {
            let days = j.dueRule.lateness(visits: [], calendar: calendar).lateDays
            guard days > 0 else { continue }
            m.addVariable("uncovered[\(j.id)]", kind: .continuous, lower: 1, upper: 1,
                          cost: weights.lateness * Double(j.priority * days))
        }
        return m
    }
}

/// The work one part may do, fixed before it starts from its size and its share of the time limit.
struct AssignmentBudget: Sendable {
    /// The part's share of the time limit (nominal seconds).
    var seconds: Double
    /// Local-search moves to evaluate.
    var moves: Int
    /// Branch-and-bound nodes per goal.
    var nodes: Int
    /// The watchdog: no solve runs past it.
    var deadline: Date

    /// Moves evaluated per nominal second, and branch-and-bound nodes per second on a part of 1,000
    /// columns (a part twice as large gets half as many): rates measured on these machines, halved.
    static let movesPerSecond = 400_000.0
    /// Fix-and-optimise sub-problems per nominal second, and the nodes each may take. Two per second
    /// since each sub-problem goes to GLPK with only its free columns (`LinearModel.reduced`): the
    /// district's 49 parts then finish in about 50 s instead of 64 s at one per second without it.
    static let subproblemsPerSecond = 2.0
    static let subproblemNodes = 100
    static let nodesPerSecondPerThousandColumns = 50.0

    init(seconds: Double, size: Int, nodeLimit: Int?, deadline: Date) {
        self.seconds = seconds
        moves = max(20 * size, Int(seconds * Self.movesPerSecond * 0.3))
        nodes = nodeLimit ?? max(20, min(50_000, Int(seconds * 0.7 * Self.nodesPerSecondPerThousandColumns * 1000 / Double(max(1000, size)))))
        self.deadline = deadline
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
    var lateTaskDays: Int
    var weightedLateDays: Int
    var weightedLateDaysFloor: Int
    var lateTaskDaysFloor: Int
    /// Whether the search or GLPK found something better than the construction.
    var improvedStart: Bool
}

/// Solves one part: construction, local search, then GLPK on the lateness goal and on all goals.
enum PartSolver {
    static func solve(_ inst: AssignmentInstance, budget: AssignmentBudget, mipGap: Double, verbose: Bool, inParallel: Bool,
                      maxColumns: Int, lateTaskDaysFloor: Bool = true, progress: (@Sendable (MIPProgress) -> Void)?) -> PartOutcome {
        var m = LinearModel(name: "gridplan_\(inst.name)")
        let model = AssignmentModel.build(inst, into: &m)
        let n = m.variableCount
        let W = inst.weights.lateness
        // The watchdog: past it, the steps that have no work limit of their own (LP relaxations, the
        // second start, the floor) are left out, and the stage says `clock`. The local search is not
        // stopped: its moves are its limit, and a search cut at a clock-chosen move would make more
        // runs differ than the few decisions taken here.
        var skippedForClock = false
        func expired() -> Bool {
            if budget.deadline.timeIntervalSinceNow > 0 { return false }
            skippedForClock = true
            return true
        }
        func relaxation(_ model: LinearModel) -> (objective: Double, values: [Double])? {
            guard !expired() else { return nil }
            let r = try? GLPKSolver.solveRelaxation(model, timeLimitSeconds: max(0.5, budget.deadline.timeIntervalSinceNow))
            if r == nil { _ = expired() }
            return r
        }
        func searchFrom(_ choice: AssignmentChoice?, cap: Double?) -> AssignmentSearch {
            var s = AssignmentSearch(inst, choice: choice)
            s.latenessCap = cap
            return s
        }
        var search = searchFrom(nil, cap: nil)
        search.construct()
        let startObjective = search.objective, startLateness = search.lateness
        search.improve(budget: budget.moves / 2)
        let branch = n > 0 && n <= maxColumns
        let nodes = budget.nodes

        func options(_ start: [Double], nodes: Int, share: Double) -> MIPOptions {
            // A watchdog, not the stop: the node limit ends the search long before it on any machine
            // (when it fires, the stage says `clock` and the plan may differ from run to run).
            let watchdog = min(max(5, share * 20), max(0.5, budget.deadline.timeIntervalSinceNow))
            return MIPOptions(timeLimitSeconds: watchdog, mipGap: mipGap, verbose: verbose, presolve: false,
                              gomoryCuts: false, mirCuts: true, coverCuts: false, cliqueCuts: true, inParallel: inParallel,
                              nodeLimit: nodes, start: start, progress: progress)
        }
        /// What a stage reports: `clock` whenever the watchdog had a hand in it, else `gap` when the
        /// gap is met, else what stopped it.
        func reported(_ stop: String, gapMet: Bool) -> String { stop == "clock" ? "clock" : gapMet ? "gap" : stop }
        func stoppedBy(_ r: MIPResult?, clock: Bool) -> String {
            let clock = clock || skippedForClock
            guard let r else { return clock ? "clock" : "work" }
            if r.hitTimeLimit || clock { return "clock" }
            if r.status == .optimal { return "gap" }
            return r.hitNodeLimit ? "nodes" : "work"
        }

        /// One goal: its LP relaxation (a bound), fix-and-optimise from the search's choice, the
        /// search again, then branch-and-bound on the whole stage model for a better bound.
        /// - Parameter lp: the LP relaxation whose values guide the rounding and the neighbourhoods
        ///   (solved without a time limit: every part gets at least this bound).
        func runStage(_ stageModel: LinearModel, lp: (objective: Double, values: [Double])?, share: Double,
                      value: (AssignmentSearch) -> Double) -> (bound: Double, root: Double?, stoppedBy: String) {
            let solves = max(1, Int(share * AssignmentBudget.subproblemsPerSecond))
            let cap = search.latenessCap
            if let lpv = lp?.values, !expired() {
                // A second start: the LP rounded, then the same search.
                var rounded = searchFrom(nil, cap: cap)
                rounded.construct(roundingLP: model.y.map { $0.map { lpv[$0.index] } },
                                  x: model.x.map { $0.map { $0.map { lpv[$0.v.index] } } })
                if cap.map({ rounded.lateness <= $0 + 1e-7 }) ?? true {
                    rounded.improve(budget: budget.moves / 2)
                    if value(rounded) < value(search) - 1e-7 { search = rounded }
                }
            }
            // The stage model's own rows (`keep_late` in the second stage) keep every sub-problem's answer
            // within the lateness cap.
            let fo = FixAndOptimise.improve(inst, stageModel: stageModel, model: model, start: search.choice, lp: lp?.values,
                                            solves: solves, nodes: AssignmentBudget.subproblemNodes, deadline: budget.deadline,
                                            inParallel: inParallel)
            if fo.improvements > 0 {
                let better = searchFrom(fo.choice, cap: cap)
                if value(better) < value(search) - 1e-7 { search = better }
            }
            search.improve(budget: search.evaluations + budget.moves / 4)
            var r: MIPResult?
            // Branch-and-bound only while the watchdog leaves room: its bound improves on the LP's.
            if branch, budget.deadline.timeIntervalSinceNow > 1 {
                r = try? GLPKSolver.solve(stageModel, options: options(model.values(of: search.choice, inst, variableCount: n),
                                                                       nodes: nodes, share: share))
                if let res = r, !res.values.isEmpty {
                    let better = searchFrom(model.choice(from: res.values, inst), cap: cap)
                    if value(better) < value(search) - 1e-7 { search = better }
                }
            }
            let root = lp?.objective ?? r?.rootBound
            return (max(r?.bound ?? -.infinity, root ?? -.infinity), root, stoppedBy(r, clock: fo.hitClock))
        }

        // Stage 1: lateness alone.
        var lateModel = m
        lateModel.setCosts(model.latenessTerms)
        var stage1: SolverStageReport
        var weightedFloor = 0.0
        if search.lateness < 1e-9 || n == 0 {
            stage1 = SolverStageReport(goal: "lateness", objective: 0, bound: 0, rootLP: nil, startObjective: startLateness,
                                       stoppedBy: "gap")
        } else {
            let lp1 = relaxation(lateModel)
            let st = runStage(lateModel, lp: lp1, share: budget.seconds * 0.5) { $0.lateness }
            let z = search.lateness
            let b = min(z, max(st.bound, 0))
            stage1 = SolverStageReport(goal: "lateness", objective: Plan.round(z, places: 4), bound: Plan.round(b, places: 4),
                                       rootLP: st.root.map { Plan.round($0, places: 4) }, startObjective: startLateness,
                                       stoppedBy: reported(st.stoppedBy, gapMet: (z - b) <= mipGap * max(1, z)))
            weightedFloor = b
        }
        let cap = search.latenessCap ?? search.lateness
        search.latenessCap = cap
        search.improve(budget: search.evaluations + budget.moves / 4)

        // Stage 2: every goal, keeping the lateness won.
        var capped = m
        capped.addRow("keep_late[\(inst.name)]", model.latenessTerms, .lessOrEqual, cap + 1e-6 * max(1, cap))
        // The whole model's own LP relaxation: a bound on every plan at once, and the rounding's guide.
        let wholeLP = n > 0 ? relaxation(m) : nil
        var cappedBound = -Double.infinity, root2: Double?, stop2 = "work"
        if n > 0 {
            let st = runStage(capped, lp: wholeLP, share: budget.seconds * (stage1.rootLP == nil ? 1 : 0.5)) { $0.objective }
            stop2 = st.stoppedBy
            cappedBound = st.bound
            root2 = wholeLP?.objective ?? st.root
        }
        let objective = search.objective
        // Plans keeping the lateness won cost at least the capped model's bound; any other plan is
        // later by at least one priority-1 late day (lateness costs come in whole multiples of it),
        // and its other goals cost at least `restFloor`, or what the LP of those later plans proves.
        let rest = restFloor(inst)
        var laterBound = cap + W + rest
        if laterBound < cappedBound, n > 0, W > 0,
           MIPResult.relativeGap(objective: objective, bound: cappedBound) <= mipGap {
            // The crude floor is all that keeps the part from its gap: the LP of the plans at least one
            // late day later proves more. (Only then: on the cold snap that LP took the time the
            // search needed at --time-limit 30.)
            var later = m
            later.addRow("later[\(inst.name)]", model.latenessTerms, .greaterOrEqual, cap + W - 1e-6 * max(1, cap + W))
            if let lp = relaxation(later) { laterBound = max(laterBound, lp.objective) }
        }
        let bound = min(objective, max(min(cappedBound, laterBound), startLowerBound(inst, restFloor: rest),
                                       weightedFloor + rest, wholeLP?.objective ?? -.infinity))
        var stage2 = SolverStageReport(goal: "all", objective: Plan.round(objective, places: 4), bound: Plan.round(bound, places: 4),
                                       rootLP: root2.map { Plan.round($0, places: 4) },
                                       startObjective: Plan.round(startObjective, places: 4),
                                       stoppedBy: reported(stop2, gapMet: MIPResult.relativeGap(objective: objective, bound: bound) <= mipGap))

        // Unweighted late task-days: their own bound, from the same model with every late day weighing 1
        // (its LP always; a short branch-and-bound while the watchdog leaves room).
        let lateCount = lateTaskDays(inst, search.choice)
        var lateFloor = 0
        if lateCount > 0, lateTaskDaysFloor, !expired() {
            var unweighted = m
            unweighted.setCosts(model.late.flatMap { $0 }.map { ($0, 1.0) })
            var b = relaxation(unweighted)?.objective ?? 0
            if branch, budget.deadline.timeIntervalSinceNow > 1,
               let r = try? GLPKSolver.solve(unweighted, options: options(model.values(of: search.choice, inst, variableCount: n),
                                                                          nodes: max(1, nodes / 4), share: budget.seconds * 0.2)) {
                b = max(b, r.bound)
            }
            lateFloor = Int((b - 1e-6).rounded(.up))
        }
        // A floor the watchdog left out (0) is the clock's doing too.
        if skippedForClock { stage2.stoppedBy = "clock" }
        let gap = MIPResult.relativeGap(objective: objective, bound: bound)
        let status = gap <= mipGap ? "optimal" : (objective < startObjective - 1e-7 ? "feasible" : "heuristic")
        let weighted = inst.jobs.indices.reduce(0) { acc, j in
            acc + inst.jobs[j].job.priority * lateDays(inst, j, search.choice.visits[j])
        }
        let report = SolverPartReport(
            workers: inst.workers.map(\.worker.id), tasks: inst.jobs.count, variables: n, rows: m.rowCount, status: status,
            objective: Plan.round(objective, places: 4), bound: Plan.round(bound, places: 4),
            gap: Plan.round(gap, places: 6), stages: [stage1, stage2])
        return PartOutcome(visits: visits(of: search.choice, inst), report: report, lateTaskDays: lateCount,
                           weightedLateDays: weighted,
                           weightedLateDaysFloor: min(weighted, Int((weightedFloor / W - 1e-6).rounded(.up))),
                           lateTaskDaysFloor: min(lateCount, max(0, lateFloor)), improvedStart: objective < startObjective - 1e-7)
    }

    /// Late days of job `j` with the given visits (the model's `due` rows).
    static func lateDays(_ inst: AssignmentInstance, _ j: Int, _ visits: [AssignmentChoice.Visit]) -> Int {
        let chosen = Set(visits.map(\.k))
        return inst.jobs[j].dueDays.filter { !$0.covering.contains(where: chosen.contains) }.count
    }

    static func lateTaskDays(_ inst: AssignmentInstance, _ c: AssignmentChoice) -> Int {
        inst.jobs.indices.reduce(0) { $0 + lateDays(inst, $1, c.visits[$1]) }
    }

    /// The least the goals after lateness can cost in any plan: the balance and level terms are never
    /// negative, and each possible visit costs at least its charge plus its cheapest workers, or nothing.
    static func restFloor(_ inst: AssignmentInstance) -> Double {
        var floor = 0.0
        for (j, info) in inst.jobs.enumerated() {
            for (k, d) in info.days.enumerated() {
                let ws = info.eligible[k].map { inst.workerCost(job: j, day: d, worker: $0) }.sorted()
                floor += min(0, inst.visitCost(job: j, day: d) + ws.prefix(info.job.workersNeeded).reduce(0, +))
            }
            for (k, d) in info.campaignDays.enumerated() {
                let ws = info.campaignEligible[k].map { inst.campaignWorkerCost(job: j, day: d, worker: $0) }.sorted()
                floor += min(0, inst.campaignVisitCost(job: j, day: d) + ws.prefix(info.job.workersNeeded).reduce(0, +))
            }
        }
        return floor
    }

    /// A bound without any solve: the forced late days (nothing can cover them) plus `restFloor`.
    static func startLowerBound(_ inst: AssignmentInstance, restFloor: Double) -> Double {
        var lb = restFloor
        for (j, info) in inst.jobs.enumerated() {
            lb += Double(info.dueDays.filter { $0.covering.isEmpty }.count) * inst.lateDayCost(job: j)
            lb += Double(info.campaigns.filter { $0.covering.isEmpty && $0.campaignCovering.isEmpty }.count)
                * inst.campaignMissCost(job: j)
        }
        return lb
    }

    /// The planned visits of a choice, with the dates each could move to without more lateness.
    static func visits(of c: AssignmentChoice, _ inst: AssignmentInstance) -> [PlannedVisit] {
        var out: [PlannedVisit] = []
        for (j, info) in inst.jobs.enumerated() {
            let vs = c.visits[j]
            let late = lateDays(inst, j, vs)
            for (i, v) in vs.enumerated() {
                let date = inst.dates[info.days[v.k]]
                var movable: [CivilDate] = []
                for k in info.days.indices where k != v.k && v.workers.allSatisfy({ info.eligible[k].contains($0) }) {
                    let d = inst.dates[info.days[k]]
                    let others = vs.enumerated().filter { $0.offset != i }.map(\.element)
                    guard others.allSatisfy({ abs(inst.dates[info.days[$0.k]].days(to: d)) >= info.job.minGapDays }) else { continue }
                    if lateDays(inst, j, others + [AssignmentChoice.Visit(k: k, workers: v.workers)]) <= late { movable.append(d) }
                }
                out.append(PlannedVisit(job: info.job.id, date: date, workers: v.workers.map { inst.workers[$0].worker.id }.sorted(),
                                        movableDates: movable))
            }
            out += campaignVisits(of: c, inst, job: j)
        }
        return out
    }

    /// Job `j`'s campaign-only visits, each naming the campaigns it delivers: those with a deadline in
    /// the horizon that the job's first regular visit does not carry (it falls after the deadline, or
    /// there is none), each on the earliest campaign-only visit on or before its deadline. A
    /// campaign-only visit that would deliver nothing is left out.
    static func campaignVisits(of c: AssignmentChoice, _ inst: AssignmentInstance, job j: Int) -> [PlannedVisit] {
        let info = inst.jobs[j]
        let cvs = c.campaignVisits[j]
        guard !cvs.isEmpty else { return [] }
        let first = c.visits[j].map { inst.dates[info.days[$0.k]] }.min()
        var names = Array(repeating: [String](), count: cvs.count)
        for camp in info.campaigns.sorted(by: { ($0.by, $0.name) < ($1.by, $1.name) }) {
            if let f = first, f <= camp.by { continue }
            if let i = cvs.indices.first(where: { inst.dates[info.campaignDays[cvs[$0].k]] <= camp.by }) { names[i].append(camp.name) }
        }
        return cvs.indices.filter { !names[$0].isEmpty }.map { i in
            PlannedVisit(job: info.job.id, date: inst.dates[info.campaignDays[cvs[i].k]],
                         workers: cvs[i].workers.map { inst.workers[$0].worker.id }.sorted(), campaignOnly: names[i])
        }
    }
}
