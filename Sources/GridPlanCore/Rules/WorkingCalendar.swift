import Foundation

/// Working days per format §2 and §5.1, precomputed for one scenario.
public struct WorkingCalendar: Sendable {
    public let horizon: Horizon
    private let holidays: Set<CivilDate>
    private let extra: Set<CivilDate>
    private let regular: Set<Weekday>

    public init(horizon: Horizon) {
        self.horizon = horizon
        holidays = Set(horizon.holidays)
        extra = Set(horizon.extraWorkdays)
        regular = Set(horizon.weekdays)
    }

    /// A working day of the horizon: its weekdays plus extra workdays minus holidays.
    public func isWorkingDay(_ d: CivilDate) -> Bool {
        horizon.contains(d) && !holidays.contains(d) && (regular.contains(d.weekday) || extra.contains(d))
    }

    /// The horizon's working days, in order.
    public var workingDays: [CivilDate] { horizon.dates.filter(isWorkingDay) }

    /// A working day for `worker`: its own weekdays (default the horizon's) plus the horizon's
    /// extra workdays, minus holidays and the worker's days off (format §5.1).
    public func isWorkingDay(_ d: CivilDate, for worker: Worker) -> Bool {
        guard horizon.contains(d), !holidays.contains(d), !worker.daysOff.contains(d) else { return false }
        let own = worker.weekdays.map(Set.init) ?? regular
        return own.contains(d.weekday) || extra.contains(d)
    }

    /// The days `worker` works in the horizon, in order.
    public func workingDays(for worker: Worker) -> [CivilDate] {
        horizon.dates.filter { isWorkingDay($0, for: worker) }
    }
}
