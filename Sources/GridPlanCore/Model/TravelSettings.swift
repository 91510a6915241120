import Foundation

/// Travel model settings (format §3).
public struct TravelSettings: Sendable, Hashable {
    public var speedKmh: Double
    public var detourFactor: Double
    /// Listed pairs override the coordinate model.
    public var matrix: [TravelMatrixEntry]

    public init(speedKmh: Double = 4.5, detourFactor: Double = 1.3, matrix: [TravelMatrixEntry] = []) {
        self.speedKmh = speedKmh
        self.detourFactor = detourFactor
        self.matrix = matrix
    }
}

/// One row of the travel matrix: `from,to,minutes[,km]` between location ids (directed).
public struct TravelMatrixEntry: Sendable, Hashable {
    public var from: String
    public var to: String
    public var minutes: Int
    public var km: Double?

    public init(from: String, to: String, minutes: Int, km: Double? = nil) {
        self.from = from
        self.to = to
        self.minutes = minutes
        self.km = km
    }
}
