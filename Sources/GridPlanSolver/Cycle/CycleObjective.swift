import Foundation
import GridPlanCore

/// What the weekly cycle adds to the assignment's objective (see Docs/weekly-cycle.md):
///
/// - **stickiness**: every visit of a previous plan kept on the same date by the same worker earns
///   `changePenalty` (equivalently, each stop that changes worker or day costs it), so a re-plan moves
///   as few stops as it can;
/// - **required visits**: an urgent task visited on another allowed date than the first costs five
///   late days of priority 1, on none of them a hundred (`reqlate`, `reqmiss` in Docs/model.md).
public struct CycleObjective: Sendable {
    /// Visits of the previous plan (task, date, workers) to keep where possible.
    public var previous: [KeptVisit]
    /// Objective units per stop that changes worker or day (the travel weight is 1 per minute, a late
    /// day of priority 1 costs `weights.lateness`).
    public var changePenalty: Double
    /// Visits that must fall on given dates.
    public var required: [RequiredVisit]

    /// The default cost of a changed stop: 100, well above continuity (10) and a few minutes of travel,
    /// well below a late day (1000 × priority).
    public static let defaultChangePenalty = 100.0

    public init(previous: [KeptVisit] = [], changePenalty: Double = defaultChangePenalty, required: [RequiredVisit] = []) {
        self.previous = previous
        self.changePenalty = changePenalty
        self.required = required
        var kept: Set<String> = []
        for v in previous { for w in v.workers { kept.insert(Self.key(v.task, v.date, w)) } }
        keptKeys = kept
        requiredDates = Dictionary(required.map { ($0.task, Set($0.dates)) }, uniquingKeysWith: { a, b in a.union(b) })
    }

    private let keptKeys: Set<String>
    private let requiredDates: [String: Set<CivilDate>]

    private static func key(_ task: String, _ date: CivilDate, _ worker: String) -> String {
        task + "\u{1}" + date.iso + "\u{1}" + worker
    }

    /// The bonus (subtracted from the cost) of `worker` visiting `task` on `date` as the previous plan did.
    public func keepBonus(task: String, date: CivilDate, worker: String) -> Double {
        keptKeys.contains(Self.key(task, date, worker)) ? changePenalty : 0
    }

    /// The dates an urgent `task` must be visited on (one of them), nil for a task without a requirement.
    public func requiredDates(of task: String) -> Set<CivilDate>? { requiredDates[task] }

    /// Whether `task` has required dates.
    public func isRequired(_ task: String) -> Bool { requiredDates[task] != nil }

    /// The assignment's visits for routing: an urgent task's visit loses its `movableDates`, so routing
    /// does not move it off its required date. (Other visits keep theirs: routing needs them to fit days
    /// the assignment's capacity estimate filled too well.)
    public func pinDates(of visits: [PlannedVisit]) -> [PlannedVisit] {
        guard !required.isEmpty else { return visits }
        return visits.map { v in
            guard isRequired(v.job) else { return v }
            var p = v
            p.movableDates = []
            return p
        }
    }
}
