import Foundation

/// How the planner trades goals off (format §1 `weights`).
public struct Weights: Sendable, Hashable {
    public var lateness: Double
    public var continuity: Double
    public var balance: Double
    public var travel: Double
    /// Per minute of spread between a worker's fullest and emptiest working day beyond
    /// `levelToleranceMin` (optional extension).
    public var level: Double
    /// Minutes of spread between a worker's fullest and emptiest working day that cost nothing
    /// (optional extension `level_tolerance_min`): within them a household keeps its usual weekday.
    public var levelToleranceMin: Double
    /// Per visit of a weekly-or-slower task not on the weekday of its last visit (optional extension).
    public var regularity: Double

    public static let defaultLevel = 4.0
    public static let defaultLevelToleranceMin = 90.0
    public static let defaultRegularity = 60.0

    public init(lateness: Double = 1000, continuity: Double = 10, balance: Double = 5, travel: Double = 1,
                level: Double = Weights.defaultLevel, regularity: Double = Weights.defaultRegularity,
                levelToleranceMin: Double = Weights.defaultLevelToleranceMin) {
        self.lateness = lateness
        self.continuity = continuity
        self.balance = balance
        self.travel = travel
        self.level = level
        self.regularity = regularity
        self.levelToleranceMin = levelToleranceMin
    }
}
