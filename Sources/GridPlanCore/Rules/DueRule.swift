import Foundation

/// The rhythm of one task (format §2): due by `last + everyDays`, not before `last + minGapDays`.
public struct DueRule: Sendable, Hashable {
    public var everyDays: Int
    public var minGapDays: Int
    public var lastVisit: CivilDate?
    /// Every counted visit before the plan (history and `last_visit`), any order; may be empty even when
    /// `lastVisit` is set. Only matters when history reaches into the horizon (a re-plan): "late on `t`
    /// when no visit happened in the N days ending on `t` (history counts)" then sees them all.
    public var pastVisits: [CivilDate]

    public init(everyDays: Int, minGapDays: Int, lastVisit: CivilDate?, pastVisits: [CivilDate] = []) {
        self.everyDays = everyDays
        self.minGapDays = minGapDays
        self.lastVisit = lastVisit
        self.pastVisits = pastVisits
    }

    /// The first due date: `last + everyDays`, or the first working day of the horizon without a last visit.
    public func firstDue(in calendar: WorkingCalendar) -> CivilDate {
        if let l = lastVisit { return l.adding(days: everyDays) }
        return calendar.workingDays.first ?? calendar.horizon.start
    }

    /// Whether the task is due in the horizon: its first due date is no later than the horizon's last day.
    /// A task never visited is due on the horizon's first working day, so in a horizon without one
    /// (every day a holiday) it is not due.
    public func isDue(in calendar: WorkingCalendar) -> Bool {
        if lastVisit == nil, calendar.workingDays.isEmpty { return false }
        return firstDue(in: calendar) <= calendar.horizon.end
    }

    /// Whether the task is late on `day`: no visit in the `everyDays` calendar days ending on `day`.
    ///
    /// Without any last visit, the task is late from the horizon's first working day until visited.
    /// - Parameter visits: visit dates in the horizon (any order).
    public func isLate(on day: CivilDate, visits: [CivilDate], calendar: WorkingCalendar) -> Bool {
        let lo = day.adding(days: -(everyDays - 1))
        if let l = lastVisit, l >= lo, l <= day { return false }
        if visits.contains(where: { $0 >= lo && $0 <= day }) { return false }
        if pastVisits.contains(where: { $0 >= lo && $0 <= day }) { return false }
        if lastVisit == nil {
            // No visit before: late once due (first working day) until the first visit.
            return day >= firstDue(in: calendar)
        }
        return true
    }

    /// Late days and the first due date missed, for the given visit dates in the horizon.
    ///
    /// - Complexity: O(days × visits).
    public func lateness(visits: [CivilDate], calendar: WorkingCalendar) -> (lateDays: Int, firstMissedDue: CivilDate?) {
        var count = 0
        var first: CivilDate?
        for d in calendar.workingDays where isLate(on: d, visits: visits, calendar: calendar) {
            count += 1
            if first == nil { first = d }
        }
        guard let firstLate = first else { return (0, nil) }
        // The due date missed: the end of the last covered stretch before the first late day.
        let before = ([lastVisit].compactMap { $0 } + pastVisits + visits).filter { $0 < firstLate }.max()
        let due = before.map { $0.adding(days: everyDays) } ?? firstDue(in: calendar)
        return (count, min(due, firstLate))
    }
}
