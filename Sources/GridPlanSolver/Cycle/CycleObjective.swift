import Foundation
import GridPlanCore

/// What the weekly cycle adds to the assignment's objective (see Docs/weekly-cycle.md):
///
/// - **stickiness**: every visit of a previous plan kept on the same date by the same worker earns
///   `changePenalty` (equivalently, each stop that changes worker or day costs it), so a re-plan moves
///   as few stops as it can;
/// - **required visits**: a pattern of an urgent task without a visit on one of its allowed dates costs
///   `requiredPenalty` (above any lateness), and its other patterns are dropped;
/// - **carried load**: the balance rows count the minutes each worker carried in the weeks before the
///   horizon, so the same person is not always the one overloaded.
public struct CycleObjective: Sendable {
    /// Visits of the previous plan (task, date, workers) to keep where possible.
    public var previous: [KeptVisit]
    /// Objective units per stop that changes worker or day (the travel weight is 1 per minute, a late
    /// day of priority 1 costs `weights.lateness`).
    public var changePenalty: Double
    /// Visits that must fall on given dates.
    public var required: [RequiredVisit]
    /// Minutes carried before the horizon; nil = none.
    public var carried: CarriedLoad?

    /// The default cost of a changed stop: 100, well above continuity (10) and a few minutes of travel,
    /// well below a late day (1000 × priority).
    public static let defaultChangePenalty = 100.0

    public init(previous: [KeptVisit] = [], changePenalty: Double = defaultChangePenalty, required: [RequiredVisit] = [],
                carried: CarriedLoad? = nil) {
        self.previous = previous
        self.changePenalty = changePenalty
        self.required = required
        self.carried = carried
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

    /// Whether a pattern with `dates` meets `task`'s requirement (always true for a task without one).
    public func meetsRequirement(task: String, dates: [CivilDate]) -> Bool {
        guard let allowed = requiredDates[task] else { return true }
        return dates.contains { allowed.contains($0) }
    }

    /// The cost of a pattern that misses a required visit: ten late days of the highest priority; a
    /// pattern meeting it only on a later allowed date (the next working day) costs five late days of
    /// priority 1, so the re-plan date itself wins whenever someone has room.
    public func requiredPenalty(task: String, dates: [CivilDate], weights: Weights) -> Double {
        guard let allowed = requiredDates[task] else { return 0 }
        if let first = allowed.min(), dates.contains(first) { return 0 }
        return meetsRequirement(task: task, dates: dates) ? weights.lateness * 5 : weights.lateness * 10 * 10
    }

    /// Minutes `worker` carried before the horizon and its available minutes then (0, 0 without history).
    public func carried(by worker: String) -> (minutes: Int, available: Int) {
        guard let c = carried, !c.isEmpty else { return (0, 0) }
        return (c.minutes[worker] ?? 0, c.available[worker] ?? 0)
    }

    /// An urgent task's patterns: those meeting the requirement, plus the empty pattern (so the
    /// assignment stays feasible; `requiredPenalty` makes it the last resort). When no enumerated
    /// pattern meets it (a task not due, or covered through the horizon), one-visit patterns on each
    /// required date that keeps `min_gap_days` are made.
    public func filter(patterns: [DayPattern], of job: Job, calendar: WorkingCalendar) -> [DayPattern] {
        guard let allowed = requiredDates[job.id] else { return patterns }
        var meeting = patterns.filter { meetsRequirement(task: job.id, dates: $0.dates) }
        if meeting.isEmpty {
            let earliest = job.pastVisits.max().map { $0.adding(days: job.minGapDays) }
            meeting = allowed.sorted().filter { d in earliest.map { d >= $0 } ?? true }.map { d in
                DayPattern(dates: [d], lateDays: job.dueRule.lateness(visits: [d], calendar: calendar).lateDays)
            }
        }
        guard !meeting.isEmpty else { return patterns }
        let empty = patterns.filter { $0.dates.isEmpty }
        return (empty.isEmpty ? [DayPattern(dates: [], lateDays: job.dueRule.lateness(visits: [], calendar: calendar).lateDays)] : empty)
            + meeting
    }

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
