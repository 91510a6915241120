import GridPlanCore

/// Whether a task is due and how late it is (format §2), derived by the checker from its visits.
public struct SpecLateness: Sendable, Hashable {
    /// §2: the first due date (`L + N`, or the first working day without a last visit) is no
    /// later than the horizon's last day.
    public var isDue: Bool
    /// Working days of the horizon on which no visit happened in the `N` calendar days ending on it.
    public var lateDays: Int
    /// The first due date missed (§4 `due`): the last visit before the first late day plus `N`, or
    /// the first working day when there is none; nil when never late.
    public var firstMissedDue: CivilDate?

    public init(isDue: Bool, lateDays: Int, firstMissedDue: CivilDate?) {
        self.isDue = isDue
        self.lateDays = lateDays
        self.firstMissedDue = firstMissedDue
    }

    /// - Parameter planVisits: the dates the plan visits the task.
    /// - Complexity: O(days × log visits).
    public init(of task: SpecTask, planVisits: Set<CivilDate>, calendar: SpecCalendar) {
        let visits = Set(task.pastVisits).union(planVisits).sorted()
        let days = calendar.workingDays
        let firstWorkingDay = days.first ?? calendar.horizon.start
        let firstDue = task.lastVisit?.adding(days: task.everyDays) ?? firstWorkingDay
        // Never visited: due on the first working day, so not due in a horizon without one.
        isDue = (task.lastVisit != nil || !days.isEmpty) && firstDue <= calendar.horizon.end
        var late = 0
        var firstLate: CivilDate?
        for t in days {
            let from = t.adding(days: 1 - task.everyDays)
            // Is there a visit in [t − N + 1, t]? The first visit ≥ from must be ≤ t.
            var lo = 0, hi = visits.count
            while lo < hi { let mid = (lo + hi) / 2; if visits[mid] < from { lo = mid + 1 } else { hi = mid } }
            if lo < visits.count, visits[lo] <= t { continue }
            late += 1
            if firstLate == nil { firstLate = t }
        }
        lateDays = late
        firstMissedDue = firstLate.map { f in
            visits.last { $0 < f }.map { $0.adding(days: task.everyDays) } ?? firstWorkingDay
        }
    }
}
