import Foundation

/// A special-population household (format §1 `households`).
public struct Household: Sendable, Hashable {
    public var id: String
    public var name: String
    public var address: String
    public var grid: String
    public var location: GeoPoint
    /// Policy categories, at least one.
    public var categories: [String]
    public var preferredWorker: String?
    public var window: TimeWindow?
    public var weekdays: [Weekday]?
    public var durationMin: Int?
    public var lastVisit: CivilDate?
    public var phone: String
    public var notes: String
    /// Unknown CSV columns, kept as notes: (header, value) in column order.
    public var extra: [ExtraField]

    public init(id: String, name: String = "", address: String = "", grid: String, location: GeoPoint,
                categories: [String], preferredWorker: String? = nil, window: TimeWindow? = nil,
                weekdays: [Weekday]? = nil, durationMin: Int? = nil, lastVisit: CivilDate? = nil,
                phone: String = "", notes: String = "", extra: [ExtraField] = []) {
        self.id = id
        self.name = name
        self.address = address
        self.grid = grid
        self.location = location
        self.categories = categories
        self.preferredWorker = preferredWorker
        self.window = window
        self.weekdays = weekdays
        self.durationMin = durationMin
        self.lastVisit = lastVisit
        self.phone = phone
        self.notes = notes
        self.extra = extra
    }
}
