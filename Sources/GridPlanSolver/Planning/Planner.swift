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

    public init(job: String, date: CivilDate, workers: [String], movableDates: [CivilDate] = []) {
        self.job = job
        self.date = date
        self.workers = workers
        self.movableDates = movableDates
    }
}
