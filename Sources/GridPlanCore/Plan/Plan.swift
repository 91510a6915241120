import Foundation

/// A plan as written to `plan.json` (format §4): routes per worker-day, the late list, the KPIs.
public struct Plan: Sendable, Hashable, Codable {
    public static let formatName = "gridplan-plan/1"

    public var format: String
    public var scenario: ScenarioReference
    public var horizon: PlanHorizon
    public var solver: SolverReport
    /// Sorted by date, then worker id.
    public var routes: [Route]
    public var late: [LateTask]
    public var kpis: KPIs
    /// What would bring the capacity-late tasks on time (extension; absent when none is late for capacity).
    public var shortfall: Shortfall?
    /// Every campaign visit owed with its deadline in the horizon that the plan does not make by the
    /// deadline, with why (extension; absent when no campaign's deadline falls in the horizon).
    public var missedCampaigns: [MissedCampaign]?
    /// The absences a re-plan was made for (extension, written by `gridplan replan`; absent otherwise),
    /// so that a re-plan of this plan keeps them.
    public var absences: [Absence]?
    /// What a re-plan changed against the plan it re-planned (extension, written by `gridplan replan`;
    /// absent otherwise), so the roster and `changes.csv` can list it.
    public var replan: ReplanRecord?

    public init(format: String = Plan.formatName, scenario: ScenarioReference, horizon: PlanHorizon,
                solver: SolverReport, routes: [Route], late: [LateTask], kpis: KPIs, shortfall: Shortfall? = nil,
                missedCampaigns: [MissedCampaign]? = nil) {
        self.format = format
        self.scenario = scenario
        self.horizon = horizon
        self.solver = solver
        self.routes = routes
        self.late = late
        self.kpis = kpis
        self.shortfall = shortfall
        self.missedCampaigns = missedCampaigns
    }

    enum CodingKeys: String, CodingKey {
        case format, scenario, horizon, solver, routes, late, kpis, shortfall, absences, replan
        case missedCampaigns = "missed_campaigns"
    }

    /// The route of `worker` on `date`, if it has one.
    public func route(of worker: String, on date: CivilDate) -> Route? {
        routes.first { $0.worker == worker && $0.date == date }
    }
}

/// The plan's `scenario` block: which scenario, from which files, the plan was made for.
public struct ScenarioReference: Sendable, Hashable, Codable {
    public var name: String
    public var file: String
    /// The digest over every input (Docs/scenario-format.md); a plan by gridplan before this digest
    /// holds the SHA-256 of the YAML file alone.
    public var sha256: String
    /// Every input file with its own SHA-256 (optional extension of §4: omitted by older plans), so a
    /// stale plan can say which files changed.
    public var inputs: [InputFile]?

    public init(name: String, file: String, sha256: String, inputs: [InputFile]? = nil) {
        self.name = name
        self.file = file
        self.sha256 = sha256
        self.inputs = inputs
    }
}

public struct PlanHorizon: Sendable, Hashable, Codable {
    public var start: CivilDate
    public var days: Int

    public init(start: CivilDate, days: Int) {
        self.start = start
        self.days = days
    }
}

/// What the solver achieved: incumbent, proven bound and gap, honestly reported.
public struct SolverReport: Sendable, Hashable, Codable {
    /// e.g. `glpk 5.0`.
    public var backend: String
    /// `optimal` (proven within the MIP gap), `feasible` (a search improved the start but did not prove
    /// the gap), `heuristic` (no search improved the start), or `infeasible`.
    public var status: String
    /// Objective of the whole assignment model (`gridplan plan --write-lp` writes it).
    public var objective: Double
    /// Best proven lower bound on the objective.
    public var bound: Double
    /// Relative gap `(objective − bound) / max(1, |objective|)`.
    public var gap: Double
    /// Wall-clock seconds of the whole solve (excluded from determinism checks).
    public var seconds: Double
    /// Per independent part (optional extension).
    public var parts: [SolverPartReport]?
    /// Per goal, summed over parts (optional extension): the lateness goal first, then all goals.
    public var stages: [SolverStageReport]?
    /// What the assignment proved about lateness, in late days (optional extension).
    public var lateness: LatenessReport?
    /// The assignment's continuity (household visits by the preferred worker ÷ household visits,
    /// before routing), beside `kpis.continuity` of the routed plan: routing keeps what the assignment chose.
    public var assignmentContinuity: Double?
    /// The steps after the assignment whose watchdog stopped them before their work was done (`routing`,
    /// `repair`, `shortfall`; optional extension, absent when none did): only then, or when a stage says
    /// `stopped_by: clock`, can two runs of the same scenario and options differ.
    public var clockStops: [String]?

    public init(backend: String, status: String, objective: Double, bound: Double, gap: Double, seconds: Double,
                parts: [SolverPartReport]? = nil, stages: [SolverStageReport]? = nil, lateness: LatenessReport? = nil,
                assignmentContinuity: Double? = nil, clockStops: [String]? = nil) {
        self.backend = backend
        self.status = status
        self.objective = objective
        self.bound = bound
        self.gap = gap
        self.seconds = seconds
        self.parts = parts
        self.stages = stages
        self.lateness = lateness
        self.assignmentContinuity = assignmentContinuity
        self.clockStops = clockStops
    }

    enum CodingKeys: String, CodingKey {
        case backend, status, objective, bound, gap, seconds, parts, stages, lateness
        case assignmentContinuity = "assignment_continuity"
        case clockStops = "clock_stops"
    }
}

/// One goal's solve: what it started from, what it reached, what it proved, and why it stopped.
public struct SolverStageReport: Sendable, Hashable, Codable {
    /// `lateness` (priority-weighted late days, campaign and urgent misses) or `all` (every goal, weighted).
    public var goal: String
    /// The goal's value of the best choice found, in objective units.
    public var objective: Double
    /// A proven lower bound on the goal (for `all`: over every plan, not only those keeping the first goal).
    public var bound: Double
    /// The LP relaxation at the root (nil when no LP was solved).
    public var rootLP: Double?
    /// The goal's value of the construction the search started from.
    public var startObjective: Double
    /// `gap` (proven within the MIP gap), `nodes` (branch-and-bound node limit), `work` (the search's
    /// move budget, without branch-and-bound), `clock` (the watchdog fired).
    public var stoppedBy: String

    public init(goal: String, objective: Double, bound: Double, rootLP: Double?, startObjective: Double, stoppedBy: String) {
        self.goal = goal
        self.objective = objective
        self.bound = bound
        self.rootLP = rootLP
        self.startObjective = startObjective
        self.stoppedBy = stoppedBy
    }

    enum CodingKeys: String, CodingKey {
        case goal, objective, bound
        case rootLP = "root_lp"
        case startObjective = "start_objective"
        case stoppedBy = "stopped_by"
    }
}

/// Lateness as the assignment decided and proved it, beside the routed plan's.
public struct LatenessReport: Sendable, Hashable, Codable {
    /// Late task-days of the assignment (before routing).
    public var assignmentLateTaskDays: Int
    /// Late task-days of the routed plan (what `kpis.late_task_days` says).
    public var plannedLateTaskDays: Int
    /// Priority-weighted late days of the assignment (Σ priority × late days).
    public var weightedLateDays: Int
    /// No plan of this staffing has fewer priority-weighted late days (proven by the lateness stage's bound).
    public var weightedLateDaysFloor: Int
    /// No plan of this staffing has fewer late task-days (proven by a bound on unweighted late days).
    public var lateTaskDaysFloor: Int
    /// Visits the assignment planned that routing and repair could not place (each listed in `dropped`).
    public var droppedVisits: Int
    /// The dropped visits: task, date, workers and why.
    public var dropped: [DroppedVisit]

    public init(assignmentLateTaskDays: Int, plannedLateTaskDays: Int, weightedLateDays: Int, weightedLateDaysFloor: Int,
                lateTaskDaysFloor: Int, dropped: [DroppedVisit]) {
        self.assignmentLateTaskDays = assignmentLateTaskDays
        self.plannedLateTaskDays = plannedLateTaskDays
        self.weightedLateDays = weightedLateDays
        self.weightedLateDaysFloor = weightedLateDaysFloor
        self.lateTaskDaysFloor = lateTaskDaysFloor
        self.droppedVisits = dropped.count
        self.dropped = dropped
    }

    enum CodingKeys: String, CodingKey {
        case assignmentLateTaskDays = "assignment_late_task_days"
        case plannedLateTaskDays = "planned_late_task_days"
        case weightedLateDays = "weighted_late_days"
        case weightedLateDaysFloor = "weighted_late_days_floor"
        case lateTaskDaysFloor = "late_task_days_floor"
        case droppedVisits = "dropped_visits"
        case dropped
    }
}

/// A visit the assignment decided that the routed plan does not hold.
public struct DroppedVisit: Sendable, Hashable, Codable {
    public var task: String
    public var date: CivilDate
    public var workers: [String]
    /// Why routing and repair could not keep it.
    public var reason: String

    public init(task: String, date: CivilDate, workers: [String], reason: String) {
        self.task = task
        self.date = date
        self.workers = workers
        self.reason = reason
    }
}

/// One independent part of the assignment (workers sharing no grid with the rest).
public struct SolverPartReport: Sendable, Hashable, Codable {
    public var workers: [String]
    public var tasks: Int
    public var variables: Int
    public var rows: Int
    public var status: String
    public var objective: Double
    public var bound: Double
    public var gap: Double
    /// The part's goals in order (optional extension).
    public var stages: [SolverStageReport]?

    public init(workers: [String], tasks: Int, variables: Int, rows: Int, status: String, objective: Double,
                bound: Double, gap: Double, stages: [SolverStageReport]? = nil) {
        self.workers = workers
        self.tasks = tasks
        self.variables = variables
        self.rows = rows
        self.status = status
        self.objective = objective
        self.bound = bound
        self.gap = gap
        self.stages = stages
    }
}

/// One worker's day: leaves the start place at `start`, reaches the end place at `end`.
public struct Route: Sendable, Hashable, Codable {
    public var worker: String
    public var date: CivilDate
    public var start: TimeOfDay
    public var end: TimeOfDay
    /// Including the leg home.
    public var travelMin: Int
    public var travelKm: Double
    public var serviceMin: Int
    public var stops: [Stop]

    public init(worker: String, date: CivilDate, start: TimeOfDay, end: TimeOfDay, travelMin: Int, travelKm: Double,
                serviceMin: Int, stops: [Stop]) {
        self.worker = worker
        self.date = date
        self.start = start
        self.end = end
        self.travelMin = travelMin
        self.travelKm = travelKm
        self.serviceMin = serviceMin
        self.stops = stops
    }

    enum CodingKeys: String, CodingKey {
        case worker, date, start, end
        case travelMin = "travel_min"
        case travelKm = "travel_km"
        case serviceMin = "service_min"
        case stops
    }
}

public struct Stop: Sendable, Hashable, Codable {
    public var task: String
    public var kind: JobKind
    public var arrive: TimeOfDay
    public var start: TimeOfDay
    public var end: TimeOfDay
    /// The leg that reaches this stop.
    public var travelMin: Int
    public var travelKm: Double
    /// The other workers of a pair visit.
    public var with: [String]
    /// The campaigns the stop delivers (extension, absent when none): on a stop of kind `campaign` the
    /// ones it is made for; on a household's visit, the ones its first visit of the plan carries.
    public var campaign: [String]?

    public init(task: String, kind: JobKind, arrive: TimeOfDay, start: TimeOfDay, end: TimeOfDay, travelMin: Int,
                travelKm: Double, with: [String] = [], campaign: [String]? = nil) {
        self.task = task
        self.kind = kind
        self.arrive = arrive
        self.start = start
        self.end = end
        self.travelMin = travelMin
        self.travelKm = travelKm
        self.with = with
        self.campaign = campaign
    }

    enum CodingKeys: String, CodingKey {
        case task, kind, arrive, start, end
        case travelMin = "travel_min"
        case travelKm = "travel_km"
        case with, campaign
    }
}

/// Why a task could not be kept on time (format §4 `reason`).
public enum LateReason: String, Sendable, Hashable, Codable, CaseIterable {
    case noEligibleWorker = "no_eligible_worker"
    case noWorkingDay = "no_working_day"
    case windowOutsideShift = "window_outside_shift"
    case capacity
    case minGap = "min_gap"
    case other
}

public struct LateTask: Sendable, Hashable, Codable {
    public var task: String
    /// The first due date it misses.
    public var due: CivilDate
    public var lateDays: Int
    /// The first date it is visited in the horizon, or nil.
    public var firstVisit: CivilDate?
    public var reason: LateReason
    /// What a grid head can act on, in English (format §4).
    public var detail: String
    /// The detail as a code with parameters, from which each report renders it in its language
    /// (optional extension `detail_code`, `detail_params`): nil in plans written before it, or
    /// for a code this version does not know.
    public var explanation: LateDetail?

    public init(task: String, due: CivilDate, lateDays: Int, firstVisit: CivilDate?, reason: LateReason,
                detail: String) {
        self.task = task
        self.due = due
        self.lateDays = lateDays
        self.firstVisit = firstVisit
        self.reason = reason
        self.detail = detail
    }

    /// A late task explained by `explanation`: its reason, and `detail` as the English sentence.
    public init(task: String, due: CivilDate, lateDays: Int, firstVisit: CivilDate?, explanation: LateDetail) {
        self.init(task: task, due: due, lateDays: lateDays, firstVisit: firstVisit, reason: explanation.reason,
                  detail: explanation.sentence(.en))
        self.explanation = explanation
    }

    /// The detail in `locale`: rendered from the code where the plan has one, else `detail` as written.
    public func detail(in locale: ReportLocale) -> String {
        explanation?.sentence(locale) ?? detail
    }

    enum CodingKeys: String, CodingKey {
        case task, due
        case lateDays = "late_days"
        case firstVisit = "first_visit"
        case reason, detail
        case detailCode = "detail_code"
        case detailParams = "detail_params"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        task = try c.decode(String.self, forKey: .task)
        due = try c.decode(CivilDate.self, forKey: .due)
        lateDays = try c.decode(Int.self, forKey: .lateDays)
        firstVisit = try c.decodeIfPresent(CivilDate.self, forKey: .firstVisit)
        reason = try c.decode(LateReason.self, forKey: .reason)
        detail = try c.decode(String.self, forKey: .detail)
        // A code from a newer gridplan is skipped: `detail` still says it in English.
        if let raw = try c.decodeIfPresent(String.self, forKey: .detailCode), let code = LateDetail.Code(rawValue: raw) {
            var params: KeyedDecodingContainer<LateDetail.ParamKey>?
            if c.contains(.detailParams), try !c.decodeNil(forKey: .detailParams) {
                params = try c.nestedContainer(keyedBy: LateDetail.ParamKey.self, forKey: .detailParams)
            }
            explanation = try LateDetail(code: code, params: params)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(task, forKey: .task)
        try c.encode(due, forKey: .due)
        try c.encode(lateDays, forKey: .lateDays)
        try c.encode(firstVisit, forKey: .firstVisit)  // null when never visited
        try c.encode(reason, forKey: .reason)
        try c.encode(detail, forKey: .detail)
        if let e = explanation {
            try c.encode(e.code, forKey: .detailCode)
            var params = c.nestedContainer(keyedBy: LateDetail.ParamKey.self, forKey: .detailParams)
            try e.encodeParams(to: &params)
        }
    }
}

public struct KPIs: Sendable, Hashable, Codable {
    public var tasksDue: Int
    public var visitsPlanned: Int
    public var lateTaskDays: Int
    public var onTimeRate: Double
    public var travelKm: Double
    public var travelMin: Int
    public var workMin: Int
    public var utilisationMin: Double
    public var utilisationMax: Double
    public var continuity: Double
    /// The largest spread, over workers, between a worker's fullest and emptiest working day, in
    /// working minutes (optional extension; workers with at least two working days and a route).
    public var dailySpreadMaxMin: Int?
    /// Visits of weekly-or-slower tasks on the weekday of the task's previous visit ÷ such visits that
    /// have a previous visit (optional extension).
    public var regularWeekdayRate: Double?
    /// Campaign visits owed with their deadline in the horizon: (household, campaign) pairs (optional
    /// extension; absent when no campaign's deadline falls in the horizon).
    public var campaignVisitsOwed: Int?
    /// Of those, the ones the plan makes on or before the deadline, carried by a regular visit or on
    /// a campaign-only stop (optional extension).
    public var campaignVisitsKept: Int?

    public init(tasksDue: Int, visitsPlanned: Int, lateTaskDays: Int, onTimeRate: Double, travelKm: Double,
                travelMin: Int, workMin: Int, utilisationMin: Double, utilisationMax: Double, continuity: Double,
                dailySpreadMaxMin: Int? = nil, regularWeekdayRate: Double? = nil) {
        self.dailySpreadMaxMin = dailySpreadMaxMin
        self.regularWeekdayRate = regularWeekdayRate
        self.tasksDue = tasksDue
        self.visitsPlanned = visitsPlanned
        self.lateTaskDays = lateTaskDays
        self.onTimeRate = onTimeRate
        self.travelKm = travelKm
        self.travelMin = travelMin
        self.workMin = workMin
        self.utilisationMin = utilisationMin
        self.utilisationMax = utilisationMax
        self.continuity = continuity
    }

    enum CodingKeys: String, CodingKey {
        case tasksDue = "tasks_due"
        case visitsPlanned = "visits_planned"
        case lateTaskDays = "late_task_days"
        case onTimeRate = "on_time_rate"
        case travelKm = "travel_km"
        case travelMin = "travel_min"
        case workMin = "work_min"
        case utilisationMin = "utilisation_min"
        case utilisationMax = "utilisation_max"
        case continuity
        case dailySpreadMaxMin = "daily_spread_max_min"
        case regularWeekdayRate = "regular_weekday_rate"
        case campaignVisitsOwed = "campaign_visits_owed"
        case campaignVisitsKept = "campaign_visits_kept"
    }
}
