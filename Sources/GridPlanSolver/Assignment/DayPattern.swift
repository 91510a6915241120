import Foundation
import GridPlanCore

/// One way to schedule a job over the horizon: the dates it is visited on, and the late days that
/// gives per format §2. The empty pattern (no visit) always exists, so the assignment is always feasible.
public struct DayPattern: Sendable, Hashable {
    /// Visit dates, ascending; empty = not visited in the horizon.
    public var dates: [CivilDate]
    /// Late days of the job with exactly these visits (§2, history counted).
    public var lateDays: Int

    public init(dates: [CivilDate], lateDays: Int) {
        self.dates = dates
        self.lateDays = lateDays
    }
}

/// Enumerates a job's day patterns: sequences of candidate dates that keep `min_gap_days` from the
/// last visit and between visits.
///
/// Each step continues either on time (any candidate date up to the due date `previous + every_days`)
/// or late (the first `lateOptions` candidate dates after it); a pattern may stop after any visit.
/// A pattern stops once its last visit covers the horizon's remaining working days. The
/// enumeration visits at most `nodeLimit` search nodes (default: 4,000, fewer for long horizons); then the `limit` best patterns (fewest
/// late days, then fewest visits, then earliest dates) are kept together with every prefix of
/// them (so "skip the later visits" is always an option) and the empty pattern.
public enum PatternEnumerator {
    /// The patterns of `job` over `candidateDates` (ascending dates on which someone eligible works).
    ///
    /// - Complexity: at most `nodeLimit` search nodes, each O(working days × visits) for its lateness.
    public static func patterns(for job: Job, candidateDates: [CivilDate], calendar: WorkingCalendar,
                                limit: Int = 24, lateOptions: Int = 2, nodeLimit: Int? = nil) -> [DayPattern] {
        let rule = job.dueRule
        let lastWorking = calendar.workingDays.last ?? calendar.horizon.end
        let earliest = job.lastVisit.map { $0.adding(days: job.minGapDays) } ?? calendar.horizon.start
        let firstDeadline = rule.firstDue(in: calendar)
        // Long horizons have long patterns whose lateness costs more to evaluate: fewer nodes.
        let nodeLimit = nodeLimit ?? min(4000, max(300, 24000 / max(1, calendar.workingDays.count)))
        var found: [[CivilDate]] = [[]]
        var nodes = 0

        func explore(_ seq: [CivilDate]) {
            nodes += 1
            if nodes > nodeLimit { return }
            let from: CivilDate, deadline: CivilDate
            if let prev = seq.last {
                // The last visit covers every day up to prev + N − 1: nothing more is needed.
                if prev.adding(days: job.everyDays - 1) >= lastWorking { return }
                from = prev.adding(days: job.minGapDays)
                deadline = prev.adding(days: job.everyDays)
            } else {
                if let l = job.lastVisit, l.adding(days: job.everyDays - 1) >= lastWorking { return }
                from = earliest
                deadline = firstDeadline
            }
            let options = candidateDates.filter { $0 >= from }
            let onTime = options.filter { $0 <= deadline }
            let late = options.filter { $0 > deadline }.prefix(lateOptions)
            // Latest on-time first: fewer visits over the horizon.
            for d in onTime.reversed() + late {
                let next = seq + [d]
                found.append(next)
                explore(next)
                if nodes > nodeLimit { return }
            }
        }
        explore([])

        var scored = found.map { DayPattern(dates: $0, lateDays: rule.lateness(visits: $0, calendar: calendar).lateDays) }
        scored.sort(by: PatternEnumerator.isPreferred)
        var kept: [DayPattern] = []
        var seen = Set<[CivilDate]>()
        func keep(_ p: DayPattern) {
            if seen.insert(p.dates).inserted { kept.append(p) }
        }
        keep(DayPattern(dates: [], lateDays: rule.lateness(visits: [], calendar: calendar).lateDays))
        for p in scored.prefix(limit) {
            keep(p)
            for k in 1..<max(1, p.dates.count) {
                let prefix = Array(p.dates.prefix(k))
                keep(DayPattern(dates: prefix, lateDays: rule.lateness(visits: prefix, calendar: calendar).lateDays))
            }
        }
        return kept
    }

    /// Fewer late days, then fewer visits, then earlier dates.
    static func isPreferred(_ a: DayPattern, _ b: DayPattern) -> Bool {
        if a.lateDays != b.lateDays { return a.lateDays < b.lateDays }
        if a.dates.count != b.dates.count { return a.dates.count < b.dates.count }
        return a.dates.lexicographicallyPrecedes(b.dates)
    }
}
