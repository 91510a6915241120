import Foundation

/// What a household category requires (format §1 `policies`).
public struct Policy: Sendable, Hashable {
    public var category: String
    /// At most this many days from one visit to the next.
    public var everyDays: Int
    /// At least this many days between visits; nil means the default `max(1, everyDays / 2)`.
    public var minGapDays: Int?
    public var durationMin: Int
    /// 1 … 10; default 3.
    public var priority: Int
    public var skills: [String]
    /// 2 = a pair visit.
    public var workersNeeded: Int
    public var window: TimeWindow?

    public init(category: String, everyDays: Int, minGapDays: Int? = nil, durationMin: Int, priority: Int = 3,
                skills: [String] = [], workersNeeded: Int = 1, window: TimeWindow? = nil) {
        self.category = category
        self.everyDays = everyDays
        self.minGapDays = minGapDays
        self.durationMin = durationMin
        self.priority = priority
        self.skills = skills
        self.workersNeeded = workersNeeded
        self.window = window
    }

    /// `min_gap_days` as given, or its default.
    public var effectiveMinGapDays: Int { minGapDays ?? max(1, everyDays / 2) }
}
