import Foundation

/// How much each worker carried in the weeks before the horizon, estimated from the history: the
/// basis of fairness across weeks (the balance term counts past hours as well as planned ones).
public struct CarriedLoad: Sendable, Hashable {
    /// Minutes on site per worker id in the look-back window: each history row (any result: a closed
    /// door still cost the walk) × its task's duration; a pair visit counts for each of its workers.
    public var minutes: [String: Int]
    /// Available minutes per worker id in the window: shift less break on each of the worker's regular
    /// working weekdays (holidays and leave before the horizon are not known and not subtracted).
    public var available: [String: Int]
    /// The look-back window, first and last day.
    public var window: ClosedRange<CivilDate>

    /// The default look-back: four weeks.
    public static let defaultWeeks = 4

    /// Estimates the load of `scenario`'s workers over the `weeks` weeks before its horizon.
    ///
    /// - Complexity: O(history + workers × 7 × weeks).
    public static func estimate(for scenario: Scenario, weeks: Int = defaultWeeks) -> CarriedLoad {
        let end = scenario.horizon.start.adding(days: -1)
        let start = scenario.horizon.start.adding(days: -7 * max(1, weeks))
        let durations = Dictionary(scenario.jobs().map { ($0.id, $0.durationMin) }, uniquingKeysWith: { a, _ in a })
        let known = Set(scenario.workers.map(\.id))
        var minutes: [String: Int] = [:]
        for e in scenario.history where e.date >= start && e.date <= end && known.contains(e.worker) {
            minutes[e.worker, default: 0] += durations[e.task] ?? 0
        }
        var available: [String: Int] = [:]
        for w in scenario.workers {
            let weekdays = Set(w.weekdays ?? scenario.horizon.weekdays)
            let days = (0...start.days(to: end)).filter { weekdays.contains(start.adding(days: $0).weekday) }.count
            available[w.id] = days * w.availableMinutesPerDay
        }
        return CarriedLoad(minutes: minutes, available: available, window: start...end)
    }

    /// Whether the history says anything about the window (no history: no fairness term).
    public var isEmpty: Bool { minutes.values.allSatisfy { $0 == 0 } }
}
