import Foundation
import GridPlanCore

/// Options of one planning run (flags of `gridplan plan`, falling back to the scenario's `solver:` block).
public struct PlanOptions: Sendable {
    /// Wall-clock limit for the whole run in seconds; nil = scenario's `solver.time_limit_s`, else the planner's default.
    public var timeLimitSeconds: Double?
    /// Relative MIP gap; nil = scenario's `solver.mip_gap`, else the planner's default.
    public var mipGap: Double?
    /// Threads for independent parts (1 = sequential).
    public var threads: Int
    /// GLPK's own terminal output on.
    public var verbose: Bool
    /// Export the assignment model in CPLEX LP format to this path.
    public var writeLPPath: String?
    /// Called from the solving thread with progress; must be thread-safe.
    public var progress: (@Sendable (PlanProgress) -> Void)?
    /// Weekly-cycle terms (re-plan stickiness, urgent visits).
    public var cycle = CycleObjective()

    public init(timeLimitSeconds: Double? = nil, mipGap: Double? = nil, threads: Int = 1, verbose: Bool = false,
                writeLPPath: String? = nil, progress: (@Sendable (PlanProgress) -> Void)? = nil) {
        self.timeLimitSeconds = timeLimitSeconds
        self.mipGap = mipGap
        self.threads = threads
        self.verbose = verbose
        self.writeLPPath = writeLPPath
        self.progress = progress
    }
}

/// A progress report while planning: which part, elapsed seconds, best gap so far.
public struct PlanProgress: Sendable {
    public var phase: String
    public var elapsedSeconds: Double
    public var gap: Double?

    public init(phase: String, elapsedSeconds: Double, gap: Double? = nil) {
        self.phase = phase
        self.elapsedSeconds = elapsedSeconds
        self.gap = gap
    }
}

/// One visit event decided by the assignment: a job on a date by one or more workers.
///
/// The contract between the assignment (which day, which workers) and routing (which order, which minute).
public struct PlannedVisit: Sendable, Hashable {
    public var job: String
    public var date: CivilDate
    /// One worker, or `workersNeeded` distinct workers for a pair visit (sorted).
    public var workers: [String]
    /// Other dates this visit may move to without adding lateness or breaking a gap rule, given every
    /// other visit of the job stays put (may be empty). Routing improvement may use them.
    public var movableDates: [CivilDate]
    /// For a campaign-only visit (a stop of kind `campaign`), the campaigns it delivers, by deadline;
    /// empty for a regular visit (whose campaigns follow from `Job.campaigns(carriedOn:visitDates:)`).
    public var campaignOnly: [String]

    public init(job: String, date: CivilDate, workers: [String], movableDates: [CivilDate] = [], campaignOnly: [String] = []) {
        self.job = job
        self.date = date
        self.workers = workers
        self.movableDates = movableDates
        self.campaignOnly = campaignOnly
    }

    /// Whether this is a campaign-only visit.
    public var isCampaignOnly: Bool { !campaignOnly.isEmpty }
}

/// Why planning could not start.
public struct PlanError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Plans a scenario: assignment (GLPK over day patterns) → timed routes per worker-day → repair of
/// visits routing could not place → late list with reasons → KPIs (see Docs/model.md).
public enum Planner {
    /// Seconds for the whole run when neither the flags nor the scenario say.
    public static let defaultTimeLimitSeconds = 60.0
    /// Relative MIP gap when neither the flags nor the scenario say.
    public static let defaultMIPGap = 0.01
    /// Share of the time limit the assignment may use; routing gets most of the rest.
    static let assignmentShare = 0.5
    static let routingShare = 0.35
    /// How much longer than its share a step may run before its watchdog stops it.
    static let watchdogFactor = 2.0
    /// Routing work per repair attempt (one date re-routed), in nominal seconds.
    static let repairRoutingSeconds = 0.3

    /// `solver.clock_stops`: the steps after the assignment that the watchdog stopped, nil when none did.
    static func clockStops(routing: Bool, repair: Bool, shortfall: Bool) -> [String]? {
        let steps = [routing ? "routing" : nil, repair ? "repair" : nil, shortfall ? "shortfall" : nil].compactMap { $0 }
        return steps.isEmpty ? nil : steps
    }

    /// Plans `scenario`.
    ///
    /// The same scenario and options give the same plan: the time limit sets each step's work at fixed
    /// rates, and the clock is only a watchdog at twice each step's share (a run can take up to about
    /// twice the limit on a machine that much slower; only a watchdog that fires makes two runs differ,
    /// and the stage says `stopped_by: clock`).
    /// - Parameter scenario: resolved once (`ScenarioLoadResult.resolved`); every step takes this one.
    /// - Throws: `PlanError` for invalid options, `LinearModelError` when the LP file cannot be written.
    public static func plan(_ scenario: ResolvedScenario, options: PlanOptions) throws -> GridPlanCore.Plan {
        let began = Date()
        let limit = options.timeLimitSeconds ?? scenario.solver.timeLimitSeconds ?? defaultTimeLimitSeconds
        let gap = options.mipGap ?? scenario.solver.mipGap ?? defaultMIPGap
        guard limit.isFinite, limit > 0 else { throw PlanError("time limit must be a positive number of seconds, got \(limit)") }
        guard gap.isFinite, gap >= 0 else { throw PlanError("mip gap must be a number ≥ 0, got \(gap)") }
        guard options.threads >= 1 else { throw PlanError("threads must be at least 1, got \(options.threads)") }
        func report(_ phase: String) {
            options.progress?(PlanProgress(phase: phase, elapsedSeconds: Date().timeIntervalSince(began)))
        }

        var assignmentOptions = AssignmentOptions(
            timeLimitSeconds: limit * assignmentShare, mipGap: gap, threads: options.threads, verbose: options.verbose,
            writeLPPath: options.writeLPPath, progress: options.progress)
        assignmentOptions.cycle = options.cycle
        // The limit sets the work; the watchdogs sit at twice each step's share, so that a machine
        // busier than planned reaches the same plan later instead of a different one.
        assignmentOptions.watchdogSeconds = limit * assignmentShare * watchdogFactor
        let assignment = try Assignment.assign(scenario, options: assignmentOptions)

        report("routing")
        let routingTime = max(1, limit * routingShare * watchdogFactor)
        var routingOptions = RoutingOptions(timeLimitSeconds: routingTime, seed: 1)
        routingOptions.workSeconds = limit * routingShare
        // Campaigns: the first visit of a household owing one lasts longer and keeps its date; a
        // campaign-only visit is a stop of its own (kind `campaign`).
        let (visits, extra) = CampaignVisits.pin(options.cycle.pinDates(of: assignment.visits), scenario: scenario)
        routingOptions.extraMinutes = extra
        let routed = WeekRouting.route(scenario: scenario, visits: visits, options: routingOptions)

        report("repair")
        // Each re-routed date does the work of `repairRoutingSeconds`; its watchdog is ten times that.
        var repairOptions = RoutingOptions(timeLimitSeconds: repairRoutingSeconds * 10, seed: 1)
        repairOptions.workSeconds = repairRoutingSeconds
        repairOptions.extraMinutes = extra
        var repair = Repair(scenario: scenario, routes: routed.routes, options: repairOptions)
        repair.deadline = Date().addingTimeInterval(max(1, limit * (1 - assignmentShare - routingShare)) * watchdogFactor)
        repair.retry(routed.unplaced)
        repair.deliverMissedCampaigns()

        let routes = CampaignDeliveries.annotated(
            repair.routes.filter { !$0.stops.isEmpty }.sorted { ($0.date, $0.worker) < ($1.date, $1.worker) },
            jobs: scenario.jobs)
        let diagnosis = LateDiagnosis(scenario: scenario)
        var late: [LateTask] = []
        for o in KPIs.outcomes(of: routes, in: scenario) where o.lateDays > 0 {
            let due = o.firstMissedDue ?? scenario.horizon.start
            let why = diagnosis.diagnose(o.job, lateDays: o.lateDays, firstMissedDue: due, routes: routes)
            late.append(LateTask(task: o.job.id, due: due, lateDays: o.lateDays, firstVisit: o.visitDates.first,
                                 explanation: why))
        }
        late.sort { ($0.due, $0.task) < ($1.due, $1.task) }

        let kpis = KPIs.compute(routes: routes, scenario: scenario)
        // Every campaign visit owed in the horizon that the routes do not make by its deadline, and why.
        let missedCampaigns = kpis.campaignVisitsOwed == nil ? nil : CampaignDiagnosis(scenario: scenario).missed(in: routes)
        if late.contains(where: { $0.reason == .capacity }) { report("shortfall") }
        let (shortfall, shortfallClock) = ShortfallAnalysis.measure(scenario, late: late, timeLimitSeconds: limit, mipGap: gap,
                                                  threads: options.threads, cycle: options.cycle)
        let lateness = LatenessReport(
            assignmentLateTaskDays: assignment.lateTaskDays, plannedLateTaskDays: kpis.lateTaskDays,
            weightedLateDays: assignment.weightedLateDays, weightedLateDaysFloor: assignment.weightedLateDaysFloor,
            lateTaskDaysFloor: assignment.lateTaskDaysFloor, dropped: repair.dropped.map(droppedVisit))
        let solver = SolverReport(
            backend: "glpk \(GLPKSolver.version)", status: assignment.status,
            objective: GridPlanCore.Plan.round(assignment.objective, places: 4),
            bound: GridPlanCore.Plan.round(assignment.bound, places: 4),
            gap: GridPlanCore.Plan.round(assignment.gap, places: 6),
            seconds: GridPlanCore.Plan.round(Date().timeIntervalSince(began), places: 2), parts: assignment.parts,
            stages: assignment.stages, lateness: lateness,
            assignmentContinuity: assignmentContinuity(assignment.visits, scenario: scenario),
            clockStops: clockStops(routing: routed.hitClock, repair: repair.hitClock, shortfall: shortfallClock))
        return GridPlanCore.Plan(
            scenario: ScenarioReference(madeFrom: scenario.scenario),
            horizon: PlanHorizon(start: scenario.horizon.start, days: scenario.horizon.days),
            solver: solver, routes: routes, late: late, kpis: kpis, shortfall: shortfall, missedCampaigns: missedCampaigns)
    }
}

extension Planner {
    /// `plan(_:options:)` for a scenario not resolved yet (it is resolved for this call).
    public static func plan(_ scenario: Scenario, options: PlanOptions) throws -> GridPlanCore.Plan {
        try plan(ResolvedScenario(scenario), options: options)
    }

    /// Household visits of the assignment made by the preferred worker (one of a pair counts) ÷ household
    /// visits, as `kpis.continuity` counts them on routes; nil without household visits.
    static func assignmentContinuity(_ visits: [PlannedVisit], scenario: ResolvedScenario) -> Double? {
        var all = 0, kept = 0
        for v in visits {
            guard !v.isCampaignOnly, let j = scenario.job(v.job), j.kind == .visit else { continue }
            all += 1
            if let p = j.preferredWorker, v.workers.contains(p) { kept += 1 }
        }
        return all == 0 ? nil : GridPlanCore.Plan.round(Double(kept) / Double(all), places: 4)
    }

    /// A visit routing could not place and repair could not move, as plan.json lists it.
    static func droppedVisit(_ v: PlannedVisit) -> DroppedVisit {
        DroppedVisit(task: v.job, date: v.date, workers: v.workers,
                     reason: "no room in the timed route of \(v.workers.joined(separator: "+")) on \(v.date.iso), and no other worker or day took it")
    }
}

/// A visit of a job on a date (one per job and date).
struct VisitKey: Hashable {
    var job: String
    var date: CivilDate
}
