import Foundation

/// A patrol point inspected on its own schedule (format §1 `patrols`).
public struct Patrol: Sendable, Hashable {
    public var id: String
    public var name: String
    public var grid: String
    public var location: GeoPoint
    public var everyDays: Int
    /// nil means the default `max(1, everyDays / 2)`.
    public var minGapDays: Int?
    public var durationMin: Int
    public var window: TimeWindow?
    public var skills: [String]
    /// 1 … 10; default 3.
    public var priority: Int
    public var lastVisit: CivilDate?
    public var notes: String
    public var extra: [ExtraField]

    public init(id: String, name: String = "", grid: String, location: GeoPoint, everyDays: Int,
                minGapDays: Int? = nil, durationMin: Int, window: TimeWindow? = nil, skills: [String] = [],
                priority: Int = 3, lastVisit: CivilDate? = nil, notes: String = "", extra: [ExtraField] = []) {
        self.id = id
        self.name = name
        self.grid = grid
        self.location = location
        self.everyDays = everyDays
        self.minGapDays = minGapDays
        self.durationMin = durationMin
        self.window = window
        self.skills = skills
        self.priority = priority
        self.lastVisit = lastVisit
        self.notes = notes
        self.extra = extra
    }
}
