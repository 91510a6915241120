import Foundation

public struct SolverSettings: Sendable, Hashable {
    /// Wall-clock limit for the whole solve, seconds; nil means the planner's default.
    public var timeLimitSeconds: Double?
    /// Relative MIP gap at which GLPK may stop; nil means the planner's default.
    public var mipGap: Double?

    public init(timeLimitSeconds: Double? = nil, mipGap: Double? = nil) {
        self.timeLimitSeconds = timeLimitSeconds
        self.mipGap = mipGap
    }
}
