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

    public init(format: String = Plan.formatName, scenario: ScenarioReference, horizon: PlanHorizon,
                solver: SolverReport, routes: [Route], late: [LateTask], kpis: KPIs) {
        self.format = format
        self.scenario = scenario
        self.horizon = horizon
        self.solver = solver
        self.routes = routes
        self.late = late
        self.kpis = kpis
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
    /// `optimal`, `feasible` (stopped at the time limit or gap with an incumbent), `heuristic` (no MIP incumbent
    /// better than the start), or `infeasible`.
    public var status: String
    public var objective: Double
    /// Best proven lower bound on the objective.
    public var bound: Double
    /// Relative gap `(objective − bound) / max(1, |objective|)`.
    public var gap: Double
    /// Wall-clock seconds of the whole solve (excluded from determinism checks).
    public var seconds: Double
    /// Per independent part (optional extension).
    public var parts: [SolverPartReport]?

    public init(backend: String, status: String, objective: Double, bound: Double, gap: Double, seconds: Double,
                parts: [SolverPartReport]? = nil) {
        self.backend = backend
        self.status = status
        self.objective = objective
        self.bound = bound
        self.gap = gap
        self.seconds = seconds
        self.parts = parts
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

    public init(workers: [String], tasks: Int, variables: Int, rows: Int, status: String, objective: Double,
                bound: Double, gap: Double) {
        self.workers = workers
        self.tasks = tasks
        self.variables = variables
        self.rows = rows
        self.status = status
        self.objective = objective
        self.bound = bound
        self.gap = gap
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

    public init(task: String, kind: JobKind, arrive: TimeOfDay, start: TimeOfDay, end: TimeOfDay, travelMin: Int,
                travelKm: Double, with: [String] = []) {
        self.task = task
        self.kind = kind
        self.arrive = arrive
        self.start = start
        self.end = end
        self.travelMin = travelMin
        self.travelKm = travelKm
        self.with = with
    }

    enum CodingKeys: String, CodingKey {
        case task, kind, arrive, start, end
        case travelMin = "travel_min"
        case travelKm = "travel_km"
        case with
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
    /// What a grid head can act on.
    public var detail: String

    public init(task: String, due: CivilDate, lateDays: Int, firstVisit: CivilDate?, reason: LateReason,
                detail: String) {
        self.task = task
        self.due = due
        self.lateDays = lateDays
        self.firstVisit = firstVisit
        self.reason = reason
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case task, due
        case lateDays = "late_days"
        case firstVisit = "first_visit"
        case reason, detail
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(task, forKey: .task)
        try c.encode(due, forKey: .due)
        try c.encode(lateDays, forKey: .lateDays)
        try c.encode(firstVisit, forKey: .firstVisit)  // null when never visited
        try c.encode(reason, forKey: .reason)
        try c.encode(detail, forKey: .detail)
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

    public init(tasksDue: Int, visitsPlanned: Int, lateTaskDays: Int, onTimeRate: Double, travelKm: Double,
                travelMin: Int, workMin: Int, utilisationMin: Double, utilisationMax: Double, continuity: Double) {
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
    }
}
