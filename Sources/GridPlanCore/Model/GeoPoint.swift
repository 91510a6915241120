import Foundation

/// A point on the earth in degrees (WGS-84 or GCJ-02, as long as one scenario uses one).
public struct GeoPoint: Sendable, Hashable {
    public var lat: Double
    public var lon: Double

    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }
}
