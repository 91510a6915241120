import Foundation

/// Minutes and kilometres of one leg.
public struct Leg: Sendable, Hashable {
    /// The leg's minutes as §3 gives them (what the plan reports).
    public var minutes: Int
    public var km: Double
    /// The minutes a timetable allows for the leg: `minutes`, or more when only the opposite
    /// direction is in the matrix and lists more (`TravelModel.leg`).
    public var timing: Int

    public init(minutes: Int, km: Double, timing: Int? = nil) {
        self.minutes = minutes
        self.km = km
        self.timing = max(minutes, timing ?? minutes)
    }

    public static let zero = Leg(minutes: 0, km: 0)
}

/// The travel model of format §3: haversine × detour factor at a speed, unless the matrix lists the pair.
public struct TravelModel: Sendable {
    public static let earthRadiusKm = 6371.0
    public let detourFactor: Double
    public let defaultSpeedKmh: Double
    private let matrix: [String: TravelMatrixEntry]
    private let points: [String: GeoPoint]

    public init(scenario: Scenario) {
        detourFactor = scenario.travel.detourFactor
        defaultSpeedKmh = scenario.travel.speedKmh
        var m: [String: TravelMatrixEntry] = [:]
        for e in scenario.travel.matrix { m[e.from + "\u{1}" + e.to] = e }
        matrix = m
        var p: [String: GeoPoint] = [:]
        for x in scenario.places { p[x.id] = x.location }
        for x in scenario.households { p[x.id] = x.location }
        for x in scenario.patrols { p[x.id] = x.location }
        points = p
    }

    /// Great-circle distance in km (haversine, radius 6371.0 km), without the detour factor.
    public static func greatCircleKm(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let rad = Double.pi / 180
        let dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadiusKm * asin(min(1, sqrt(h)))
    }

    /// Route distance between two points: great-circle × detour factor.
    public func km(_ a: GeoPoint, _ b: GeoPoint) -> Double { TravelModel.greatCircleKm(a, b) * detourFactor }

    /// Minutes for `km` at `speedKmh`: `ceil(km / speed × 60)`, 0 for 0 km.
    ///
    /// A tolerance of 1e-9 minute absorbs floating-point noise (so 0.3 km at 4.5 km/h is 4 minutes,
    /// not 5), but any positive distance takes at least one minute: only coinciding points are 0 (§3).
    public static func minutes(km: Double, speedKmh: Double) -> Int {
        guard km > 0 else { return 0 }
        return max(1, Int((km / speedKmh * 60 - 1e-9).rounded(.up)))
    }

    /// The leg between two location ids (places, households, patrols) for a worker.
    ///
    /// A matrix row `from → to` wins (its km, when missing, falls back to the coordinates); otherwise
    /// coordinates: a row is a directed pair (Docs/scenario-format.md §7), and `minutes`/`km` are
    /// that reading's. The same id, or two points at the same coordinates, is 0; unknown ids give a zero leg.
    ///
    /// §3 ("the listed pairs use its minutes") could also be read as a row serving both directions.
    /// When only `to → from` is listed and it takes longer than the coordinates, `timing` allows its
    /// minutes, so the timetable keeps §5.3 under that reading too; the plan still reports the
    /// directed leg.
    public func leg(from: String, to: String, worker: Worker?) -> Leg {
        if from == to { return .zero }
        let speed = worker?.speedKmh ?? defaultSpeedKmh
        let a = points[from], b = points[to]
        let geoKm: Double? = (a != nil && b != nil) ? km(a!, b!) : nil
        if let e = matrix[from + "\u{1}" + to] {
            return Leg(minutes: e.minutes, km: e.km ?? geoKm ?? 0)
        }
        let geo: Leg = geoKm.map { k in
            a == b ? .zero : Leg(minutes: TravelModel.minutes(km: k, speedKmh: speed), km: k)
        } ?? .zero
        if let r = matrix[to + "\u{1}" + from] {
            return Leg(minutes: geo.minutes, km: geo.km, timing: r.minutes)
        }
        return geo
    }

    /// The coordinates of a location id, if known.
    public func point(of id: String) -> GeoPoint? { points[id] }
}
