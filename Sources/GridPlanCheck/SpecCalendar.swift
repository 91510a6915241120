import GridPlanCore

/// Working days of format §2 (the horizon's) and §5.1 (a worker's), derived by the checker.
public struct SpecCalendar: Sendable {
    public let horizon: Horizon

    public init(horizon: Horizon) { self.horizon = horizon }

    /// §2: the horizon's `weekdays` plus `extra_workdays` minus `holidays`.
    public func isWorkingDay(_ d: CivilDate) -> Bool {
        horizon.contains(d) && !horizon.holidays.contains(d)
            && (horizon.weekdays.contains(d.weekday) || horizon.extraWorkdays.contains(d))
    }

    /// §5.1: the worker's `weekdays` (default the horizon's), plus the horizon's `extra_workdays`,
    /// minus `holidays` and the worker's `days_off`.
    public func isWorkingDay(_ d: CivilDate, for w: Worker) -> Bool {
        guard horizon.contains(d), !horizon.holidays.contains(d), !w.daysOff.contains(d) else { return false }
        return (w.weekdays ?? horizon.weekdays).contains(d.weekday) || horizon.extraWorkdays.contains(d)
    }

    /// The horizon's working days, in order.
    public var workingDays: [CivilDate] { horizon.dates.filter { isWorkingDay($0) } }

    /// The worker's working days in the horizon, in order.
    public func workingDays(for w: Worker) -> [CivilDate] { horizon.dates.filter { isWorkingDay($0, for: w) } }
}
