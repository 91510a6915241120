import Foundation

/// A named start or end point: an office, a service centre.
public struct Place: Sendable, Hashable {
    public var id: String
    public var name: String
    public var location: GeoPoint

    public init(id: String, name: String, location: GeoPoint) {
        self.id = id
        self.name = name
        self.location = location
    }
}
