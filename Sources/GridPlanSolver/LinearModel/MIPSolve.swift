import Foundation

/// Settings of one MIP solve.
public struct MIPOptions: Sendable {
    /// Wall-clock limit in seconds for the LP relaxation plus branch-and-cut; nil = none.
    public var timeLimitSeconds: Double?
    /// Relative gap at which branch-and-cut may stop.
    public var mipGap: Double
    /// GLPK's terminal output on.
    public var verbose: Bool
    /// GLPK's MIP presolver (ignored, i.e. off, when a `start` is given: the start must match the original problem).
    public var presolve: Bool
    public var gomoryCuts: Bool
    public var mirCuts: Bool
    /// Cover cuts: NOT thread-safe in GLPK 5.0 (static locals in `mt1.c`); `GLPKSolver` turns them off
    /// whenever `inParallel` is set.
    public var coverCuts: Bool
    public var cliqueCuts: Bool
    /// Set when other solves may run at the same time on other threads.
    public var inParallel: Bool
    /// Stop branch-and-cut once this many nodes have been created: a limit on work that, unlike the
    /// time limit, stops at the same point on every machine. nil = none.
    public var nodeLimit: Int?
    /// A starting solution (one value per variable). Checked against the model in Swift first; an
    /// infeasible start is reported and not given to GLPK.
    public var start: [Double]?
    /// Called from the solving thread during branch-and-cut with the best bound and incumbent so far.
    public var progress: (@Sendable (MIPProgress) -> Void)?

    public init(timeLimitSeconds: Double? = nil, mipGap: Double = 1e-4, verbose: Bool = false, presolve: Bool = true,
                gomoryCuts: Bool = false, mirCuts: Bool = true, coverCuts: Bool = false, cliqueCuts: Bool = true,
                inParallel: Bool = false, nodeLimit: Int? = nil, start: [Double]? = nil, progress: (@Sendable (MIPProgress) -> Void)? = nil) {
        self.timeLimitSeconds = timeLimitSeconds
        self.mipGap = mipGap
        self.verbose = verbose
        self.presolve = presolve
        self.gomoryCuts = gomoryCuts
        self.mirCuts = mirCuts
        self.coverCuts = coverCuts
        self.cliqueCuts = cliqueCuts
        self.inParallel = inParallel
        self.nodeLimit = nodeLimit
        self.start = start
        self.progress = progress
    }
}

/// Branch-and-cut progress: incumbent (nil before the first), best bound, relative gap.
public struct MIPProgress: Sendable {
    public var incumbent: Double?
    public var bound: Double?
    public var gap: Double?
}

/// How a MIP solve ended.
public enum MIPStatus: String, Sendable, Hashable {
    /// Proven optimal, or within the requested relative gap.
    case optimal
    /// Stopped (time limit) with an incumbent that is not proven within the gap.
    case feasible
    /// Stopped before any integer solution was found (and no start was given).
    case noSolution = "no_solution"
    /// The model has no feasible solution.
    case infeasible
    /// The LP relaxation is unbounded.
    case unbounded
}

/// The outcome of a MIP solve: values per variable (when a solution exists), incumbent objective,
/// best proven bound and gap. Never claims more than was proven.
public struct MIPResult: Sendable {
    public var status: MIPStatus
    /// One value per variable (rounded to integers for integer variables); empty without a solution.
    public var values: [Double]
    /// Objective of `values` (constant included); `.infinity` without a solution.
    public var objective: Double
    /// Best proven lower bound (constant included); `-.infinity` when nothing was proven.
    public var bound: Double
    /// `(objective − bound) / max(1, |objective|)`, 0 when optimal; `.infinity` when unknown.
    public var gap: Double
    /// True when GLPK stopped at the time limit.
    public var hitTimeLimit: Bool
    /// True when GLPK stopped at `MIPOptions.nodeLimit`.
    public var hitNodeLimit: Bool = false
    /// The LP relaxation's optimum at the root (constant included), when it was solved first.
    public var rootBound: Double?
    /// Branch-and-bound nodes created.
    public var nodes: Int = 0
    /// Whether a starting solution was given to GLPK (it passed the feasibility check).
    public var startAccepted: Bool
    /// Why a start was not given, when one was offered.
    public var startRejection: String?
    public var seconds: Double

    /// The value of a variable in the solution.
    public func value(_ v: VariableHandle) -> Double { values[v.index] }
    /// Whether a binary variable is 1 in the solution.
    public func isOn(_ v: VariableHandle) -> Bool { values[v.index] > 0.5 }

    /// The relative gap as reported in plan.json.
    public static func relativeGap(objective: Double, bound: Double) -> Double {
        guard objective.isFinite, bound.isFinite else { return .infinity }
        return max(0, objective - bound) / max(1, abs(objective))
    }
}
