import GridPlanCore
import XCTest

/// `TravelModel`: format §3.
final class TravelTests: XCTestCase {
    let office = GeoPoint(lat: 31.24850, lon: 121.40560)
    let north = GeoPoint(lat: 31.25050, lon: 121.40560)  // 0.002° of latitude north of the office

    func scenario(matrix: [TravelMatrixEntry] = []) -> Scenario {
        Scenario(
            name: "travel", horizon: Horizon(start: CivilDate(iso: "2026-11-23")!, days: 7),
            travel: TravelSettings(speedKmh: 4.5, detourFactor: 1.3, matrix: matrix),
            places: [Place(id: "O", name: "office", location: office)],
            households: [
                Household(id: "H1", grid: "G", location: north, categories: ["A"]),
                Household(id: "H2", grid: "G", location: north, categories: ["A"]),
            ],
            patrols: [Patrol(id: "P1", grid: "G", location: GeoPoint(lat: 31.25850, lon: 121.40560),
                             everyDays: 7, durationMin: 10)])
    }

    func walker() -> Worker { Worker(id: "W1", name: "", grids: ["G"], start: "O", shift: TimeWindow(480, 1020)) }
    func cyclist() -> Worker {
        Worker(id: "W2", name: "", grids: ["G"], start: "O", shift: TimeWindow(480, 1020), speedKmh: 15)
    }

    func test_haversine_uses_an_earth_radius_of_6371_km() {
        let oneDegree = TravelModel.greatCircleKm(GeoPoint(lat: 0, lon: 0), GeoPoint(lat: 1, lon: 0))
        XCTAssertEqual(oneDegree, 6371.0 * Double.pi / 180, accuracy: 1e-9)
        // Quarter of the equator.
        XCTAssertEqual(TravelModel.greatCircleKm(GeoPoint(lat: 0, lon: 0), GeoPoint(lat: 0, lon: 90)),
                       6371.0 * Double.pi / 2, accuracy: 1e-9)
        // Symmetric, and a point is 0 from itself.
        XCTAssertEqual(TravelModel.greatCircleKm(office, north), TravelModel.greatCircleKm(north, office), accuracy: 1e-12)
        XCTAssertEqual(TravelModel.greatCircleKm(office, office), 0)
    }

    func test_route_distance_is_great_circle_times_the_detour_factor() {
        let m = TravelModel(scenario: scenario())
        let straight = 6371.0 * 0.002 * Double.pi / 180  // 0.2224 km
        XCTAssertEqual(m.km(office, north), straight * 1.3, accuracy: 1e-9)
        let leg = m.leg(from: "O", to: "H1", worker: walker())
        XCTAssertEqual(leg.km, straight * 1.3, accuracy: 1e-9)
        XCTAssertEqual(leg.minutes, 4, "ceil(0.2891 km / 4.5 km/h × 60 = 3.85)")
    }

    func test_minutes_round_up() {
        XCTAssertEqual(TravelModel.minutes(km: 0.3, speedKmh: 4.5), 4, "exactly 4 minutes stays 4 despite float noise")
        XCTAssertEqual(TravelModel.minutes(km: 0.3001, speedKmh: 4.5), 5)
        XCTAssertEqual(TravelModel.minutes(km: 0.001, speedKmh: 4.5), 1)
        XCTAssertEqual(TravelModel.minutes(km: 1e-12, speedKmh: 4.5), 1, "only coinciding points take 0 minutes")
        XCTAssertEqual(TravelModel.minutes(km: 0, speedKmh: 4.5), 0)
    }

    func test_a_worker_speed_overrides_the_default() {
        let m = TravelModel(scenario: scenario())
        XCTAssertEqual(m.leg(from: "O", to: "P1", worker: walker()).minutes, 20)   // 1.4456 km: 19.27 min
        XCTAssertEqual(m.leg(from: "O", to: "P1", worker: cyclist()).minutes, 6)   // 5.78 min
        XCTAssertEqual(m.leg(from: "O", to: "P1", worker: nil).minutes, 20, "no worker: the default speed")
    }

    func test_coinciding_points_take_zero() {
        let m = TravelModel(scenario: scenario())
        XCTAssertEqual(m.leg(from: "H1", to: "H1", worker: walker()), .zero)
        XCTAssertEqual(m.leg(from: "H1", to: "H2", worker: walker()), .zero, "two households in one building")
    }

    func test_the_matrix_overrides_coordinates() {
        let m = TravelModel(scenario: scenario(matrix: [
            TravelMatrixEntry(from: "O", to: "P1", minutes: 25, km: 1.9),
            TravelMatrixEntry(from: "O", to: "H1", minutes: 9),
            TravelMatrixEntry(from: "H1", to: "P1", minutes: 12, km: 1.0),
            TravelMatrixEntry(from: "P1", to: "H1", minutes: 14, km: 1.1),
        ]))
        XCTAssertEqual(m.leg(from: "O", to: "P1", worker: cyclist()), Leg(minutes: 25, km: 1.9),
                       "matrix minutes hold whatever the worker's speed")
        let noKm = m.leg(from: "O", to: "H1", worker: walker())
        XCTAssertEqual(noKm.minutes, 9)
        XCTAssertEqual(noKm.km, m.km(office, north), accuracy: 1e-12, "km from coordinates when the matrix gives none")
        XCTAssertEqual(m.leg(from: "H1", to: "P1", worker: walker()), Leg(minutes: 12, km: 1.0))
        XCTAssertEqual(m.leg(from: "P1", to: "H1", worker: walker()), Leg(minutes: 14, km: 1.1), "each direction its own")
        let back = m.leg(from: "P1", to: "O", worker: walker())
        let geoBack = TravelModel(scenario: scenario()).leg(from: "P1", to: "O", worker: walker())
        XCTAssertLessThan(geoBack.minutes, 25)
        XCTAssertEqual(back, Leg(minutes: geoBack.minutes, km: geoBack.km, timing: 25),
                       "a row is a directed pair: the unlisted way reports the coordinates' leg, and is timed with the longer row")
        XCTAssertEqual(m.leg(from: "H2", to: "P1", worker: walker()).minutes, 16, "unlisted pairs use coordinates (1.156 km)")
    }

    func test_a_leg_reports_minutes_and_km_of_one_reading_and_allows_the_longer() {
        let leg = Leg(minutes: 5, km: 0.4, timing: 12)
        XCTAssertEqual(leg.minutes, 5)
        XCTAssertEqual(leg.timing, 12)
        XCTAssertEqual(Leg(minutes: 5, km: 0.4, timing: 3).timing, 5, "timing never allows less than the leg")
        XCTAssertEqual(Leg(minutes: 5, km: 0.4).timing, 5)
    }

    func test_a_pair_listed_only_the_other_way_never_gives_less_than_the_coordinates() {
        let plain = TravelModel(scenario: scenario())
        let m = TravelModel(scenario: scenario(matrix: [TravelMatrixEntry(from: "H2", to: "O", minutes: 1, km: 0.1)]))
        XCTAssertEqual(m.leg(from: "H2", to: "O", worker: walker()), Leg(minutes: 1, km: 0.1), "the listed direction")
        let geo = plain.leg(from: "O", to: "H2", worker: walker())
        XCTAssertGreaterThan(geo.minutes, 1)
        XCTAssertEqual(m.leg(from: "O", to: "H2", worker: walker()), geo,
                       "a directed reading of §3 uses coordinates for the unlisted way, and times it so too when the row is shorter")
    }

    func test_unknown_ids_give_a_zero_leg() {
        XCTAssertEqual(TravelModel(scenario: scenario()).leg(from: "O", to: "X", worker: walker()), .zero)
    }
}
