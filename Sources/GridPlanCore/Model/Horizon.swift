import Foundation

/// The period planned and its calendar (format §1 `horizon`, §2).
public struct Horizon: Sendable, Hashable {
    public var start: CivilDate
    /// 1 … 62.
    public var days: Int
    /// Regular working weekdays; default Monday to Friday.
    public var weekdays: [Weekday]
    /// Dates nobody works although a working weekday.
    public var holidays: [CivilDate]
    /// Dates everybody works although not a working weekday (调休).
    public var extraWorkdays: [CivilDate]
    /// Name of a holiday calendar preset or file (e.g. `cn-2026`) merged into holidays and extra workdays (optional extension).
    public var calendar: String?

    public init(start: CivilDate, days: Int, weekdays: [Weekday] = Weekday.workweek, holidays: [CivilDate] = [],
                extraWorkdays: [CivilDate] = [], calendar: String? = nil) {
        self.start = start
        self.days = days
        self.weekdays = weekdays
        self.holidays = holidays
        self.extraWorkdays = extraWorkdays
        self.calendar = calendar
    }

    /// The last day planned.
    public var end: CivilDate { start.adding(days: days - 1) }
    /// Every calendar day of the horizon, in order.
    public var dates: [CivilDate] { (0..<days).map { start.adding(days: $0) } }
    public func contains(_ d: CivilDate) -> Bool { d >= start && d <= end }
}
