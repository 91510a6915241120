import Foundation

/// A one-off visit drive on top of the rhythms: every household of the categories visited once by a date.
public struct Campaign: Sendable, Hashable {
    public var name: String
    public var categories: [String]
    public var by: CivilDate
    public var durationMin: Int

    public init(name: String, categories: [String], by: CivilDate, durationMin: Int) {
        self.name = name
        self.categories = categories
        self.by = by
        self.durationMin = durationMin
    }
}
