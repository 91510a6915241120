import Foundation

public struct Worker: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Grids this worker is responsible for.
    public var grids: [String]
    /// Grids this worker may help in (less preferred).
    public var mayCover: [String]
    /// Place id the day starts from.
    public var start: String
    /// Place id the day ends at.
    public var end: String
    public var shift: TimeWindow
    public var breakTime: TimeWindow?
    /// The worker's own working weekdays; nil means the horizon's.
    public var weekdays: [Weekday]?
    /// Leave.
    public var daysOff: [CivilDate]
    public var maxVisitsPerDay: Int?
    public var skills: [String]
    public var speedKmh: Double?
    /// Optional extension: shown on reports.
    public var phone: String?

    public init(id: String, name: String, grids: [String], mayCover: [String] = [], start: String, end: String? = nil,
                shift: TimeWindow, breakTime: TimeWindow? = nil, weekdays: [Weekday]? = nil, daysOff: [CivilDate] = [],
                maxVisitsPerDay: Int? = nil, skills: [String] = [], speedKmh: Double? = nil, phone: String? = nil) {
        self.id = id
        self.name = name
        self.grids = grids
        self.mayCover = mayCover
        self.start = start
        self.end = end ?? start
        self.shift = shift
        self.breakTime = breakTime
        self.weekdays = weekdays
        self.daysOff = daysOff
        self.maxVisitsPerDay = maxVisitsPerDay
        self.skills = skills
        self.speedKmh = speedKmh
        self.phone = phone
    }

    /// Whether the worker may work in `grid` (responsible or covering).
    public func covers(grid: String) -> Bool { grids.contains(grid) || mayCover.contains(grid) }

    /// Minutes available on one working day: shift length less the break inside it.
    public var availableMinutesPerDay: Int {
        shift.lengthMinutes - (breakTime.map { shift.overlap($0.start.minutes, $0.end.minutes) } ?? 0)
    }
}
