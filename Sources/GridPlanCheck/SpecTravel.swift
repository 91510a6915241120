import Foundation
import GridPlanCore

/// Travel of format §3, derived by the checker: great-circle (haversine, R = 6371.0 km) × detour
/// factor, `ceil(km / speed × 60)` minutes, matrix rows instead for the pairs they list.
public struct SpecTravel: Sendable {
    /// §3: the earth radius of the haversine formula.
    public static let earthRadiusKm = 6371.0

    let detourFactor: Double
    let speedKmh: Double
    let coordinates: [String: GeoPoint]
    let rows: [String: [String: TravelMatrixEntry]]

    public init(scenario: Scenario) {
        detourFactor = scenario.travel.detourFactor
        speedKmh = scenario.travel.speedKmh
        var points: [String: GeoPoint] = [:]
        for p in scenario.places { points[p.id] = p.location }
        for h in scenario.households { points[h.id] = h.location }
        for p in scenario.patrols { points[p.id] = p.location }
        coordinates = points
        var m: [String: [String: TravelMatrixEntry]] = [:]
        for e in scenario.travel.matrix { m[e.from, default: [:]][e.to] = e }  // a later row wins
        rows = m
    }

    /// §3 distance: haversine great-circle km × detour factor.
    public func km(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let toRadians = Double.pi / 180
        let phi1 = a.lat * toRadians, phi2 = b.lat * toRadians
        let dPhi = (b.lat - a.lat) * toRadians, dLambda = (b.lon - a.lon) * toRadians
        let s = sin(dPhi / 2), t = sin(dLambda / 2)
        let h = s * s + cos(phi1) * cos(phi2) * t * t
        return 2 * Self.earthRadiusKm * asin(min(1, h.squareRoot())) * detourFactor
    }

    /// §3 minutes: `ceil(km / speed × 60)`, computed to within 1e-9 of a minute so that floating-point
    /// noise does not add one (0.3 km at 4.5 km/h is 4 minutes); any positive distance is at least 1.
    public static func minutes(km: Double, speedKmh: Double) -> Int {
        if km <= 0 { return 0 }
        let exact = km / speedKmh * 60
        return max(1, Int((exact - 1e-9).rounded(.up)))
    }

    /// The minutes and km a worker needs from location `a` to location `b` (ids).
    ///
    /// A matrix row `a → b` gives its minutes (and km, else the coordinates'); without one, the
    /// coordinates: a row is a directed pair, as Docs/scenario-format.md §7 reads §3, and `minutes`
    /// and `km` are what a stop must report. §3 could also be read as a row serving both directions,
    /// so a leg must allow `timing` minutes: the larger of the two readings' (the `b → a` row's when
    /// only that one is listed and it takes longer). Coinciding points (same id or same coordinates) are 0.
    public func leg(from a: String, to b: String, worker: Worker?) -> (minutes: Int, km: Double, timing: Int) {
        if a == b { return (0, 0, 0) }
        let geoKm: Double? = {
            guard let p = coordinates[a], let q = coordinates[b] else { return nil }
            return p == q ? 0 : km(p, q)
        }()
        if let row = rows[a]?[b] { return (row.minutes, row.km ?? geoKm ?? 0, row.minutes) }
        let speed = worker?.speedKmh ?? speedKmh
        let geo: (minutes: Int, km: Double) = geoKm.map { (Self.minutes(km: $0, speedKmh: speed), $0) } ?? (0, 0)
        let back = rows[b]?[a]?.minutes ?? 0
        return (geo.minutes, geo.km, max(geo.minutes, back))
    }

}
