import XCTest
import GridPlanCore
import GridPlanSolver

final class WeekRoutingTests: XCTestCase {
    typealias F = RoutingFixture
    let options = RoutingOptions(timeLimitSeconds: 30, seed: 7)

    func assertValid(_ result: WeekRoutingResult, _ scenario: Scenario, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(routeViolations(result.routes, in: scenario).map(\.description), [], file: file, line: line)
    }

    func test_week_routing_places_every_visit_of_an_easy_day_in_one_valid_route() {
        let hs = (1...6).map { F.household("H\($0)", at: F.east(Double($0) * 150, north: Double($0 % 2) * 200)) }
        let s = F.scenario(workers: [F.worker("W1")], households: hs)
        let result = WeekRouting.route(scenario: s, visits: hs.map { F.visit($0.id, by: ["W1"]) }, options: options)
        XCTAssertEqual(result.unplaced, [])
        XCTAssertEqual(result.routes.count, 1)
        XCTAssertEqual(Set(result.routes[0].stops.map(\.task)), Set(hs.map(\.id)))
        XCTAssertEqual(result.routes[0].serviceMin, 6 * 20)
        XCTAssertEqual(result.routes[0].travelMin, result.routes[0].stops.reduce(0) { $0 + $1.travelMin }
            + legMinutes(s, result.routes[0].stops.last!.task, "OFFICE", worker: "W1"))
        assertValid(result, s)
    }

    /// A week of 400 visits for four workers, 20 a day each.
    func busyWeek() -> (Scenario, [PlannedVisit]) {
        let hs = (0..<400).map { F.household("H\($0)", at: F.east(Double($0 % 20) * 120, north: Double($0 / 20) * 60)) }
        let s = F.scenario(workers: (1...4).map { F.worker("W\($0)") }, households: hs)
        let visits = hs.enumerated().map { i, h in
            F.visit(h.id, by: ["W\(i % 4 + 1)"], on: F.monday.adding(days: (i / 4) % 5))
        }
        return (s, visits)
    }

    func test_a_search_the_watchdog_stops_before_its_iterations_are_done_says_so() {
        let (s, visits) = busyWeek()
        // Work for a million seconds (12,000 iterations per group, the cap) and the shortest watchdog a
        // group gets (0.05 s): the search is cut short.
        var stopped = RoutingOptions(timeLimitSeconds: 0.01, seed: 7)
        stopped.workSeconds = 1_000_000
        let cut = WeekRouting.route(scenario: s, visits: visits, options: stopped)
        XCTAssertTrue(cut.hitClock)
        assertValid(cut, s)
        // A small amount of work well inside its watchdog: done by iterations.
        var done = RoutingOptions(timeLimitSeconds: 60, seed: 7)
        done.workSeconds = 0.001
        let whole = WeekRouting.route(scenario: s, visits: visits, options: done)
        XCTAssertFalse(whole.hitClock)
        XCTAssertEqual(whole.unplaced, [])
        assertValid(whole, s)
    }

    func test_route_leaves_as_late_as_the_first_stop_allows() {
        let hs = [F.household("H1", at: F.east(600), window: (10 * 60, 11 * 60))]
        let s = F.scenario(workers: [F.worker("W1")], households: hs)
        let result = WeekRouting.route(scenario: s, visits: [F.visit("H1", by: ["W1"])], options: options)
        let r = try! XCTUnwrap(result.routes.first)
        let d = legMinutes(s, "OFFICE", "H1", worker: "W1")
        XCTAssertEqual(r.stops[0].start.minutes, 10 * 60)
        XCTAssertEqual(r.start.minutes, 10 * 60 - d)
        XCTAssertEqual(r.stops[0].arrive.minutes, 10 * 60)
        assertValid(result, s)
    }

    func test_stops_keep_inside_their_windows() {
        let hs = [F.household("H1", at: F.east(300), window: (14 * 60, 15 * 60)),
                  F.household("H2", at: F.east(500), window: (9 * 60, 9 * 60 + 40)),
                  F.household("H3", at: F.east(700))]
        let s = F.scenario(workers: [F.worker("W1")], households: hs)
        let result = WeekRouting.route(scenario: s, visits: hs.map { F.visit($0.id, by: ["W1"]) }, options: options)
        XCTAssertEqual(result.unplaced, [])
        let stops = Dictionary(uniqueKeysWithValues: result.routes[0].stops.map { ($0.task, $0) })
        XCTAssertGreaterThanOrEqual(stops["H1"]!.start.minutes, 14 * 60)
        XCTAssertLessThanOrEqual(stops["H1"]!.end.minutes, 15 * 60)
        XCTAssertLessThanOrEqual(stops["H2"]!.end.minutes, 9 * 60 + 40)
        assertValid(result, s)
    }

    func test_travel_is_split_around_the_break() {
        // H1 must end by 11:25; H2 opens at 13:00 and lies far away: the leg starts before the break
        // and finishes after it.
        let hs = [F.household("H1", at: F.east(200), window: (11 * 60, 11 * 60 + 25)),
                  F.household("H2", at: F.east(2400), window: (13 * 60, 14 * 60), duration: 10)]
        let s = F.scenario(workers: [F.worker("W1", breakTime: (11 * 60 + 30, 13 * 60))], households: hs)
        let result = WeekRouting.route(scenario: s, visits: hs.map { F.visit($0.id, by: ["W1"]) }, options: options)
        XCTAssertEqual(result.unplaced, [])
        let r = result.routes[0]
        XCTAssertEqual(r.stops.map(\.task), ["H1", "H2"])
        let d = legMinutes(s, "H1", "H2", worker: "W1")
        let beforeBreak = 11 * 60 + 30 - r.stops[0].end.minutes
        XCTAssertGreaterThan(beforeBreak, 0)
        XCTAssertLessThan(beforeBreak, d, "fixture: the leg must not fit before the break")
        XCTAssertEqual(r.stops[1].arrive.minutes, 13 * 60 + d - beforeBreak)
        assertValid(result, s)
    }

    func test_no_stop_overlaps_the_break() {
        let hs = (1...8).map { F.household("H\($0)", at: F.east(Double($0) * 100), duration: 45) }
        let s = F.scenario(workers: [F.worker("W1", breakTime: (12 * 60, 13 * 60))], households: hs)
        let result = WeekRouting.route(scenario: s, visits: hs.map { F.visit($0.id, by: ["W1"]) }, options: options)
        for st in result.routes.flatMap(\.stops) {
            XCTAssertTrue(st.end.minutes <= 12 * 60 || st.start.minutes >= 13 * 60, "\(st.task) \(st.start)-\(st.end)")
        }
        assertValid(result, s)
    }

    func test_pair_visit_starts_at_the_same_minute_for_both_workers() {
        let hs = [F.household("K1", at: F.east(800), category: "key", window: (10 * 60, 12 * 60)),
                  F.household("H1", at: F.east(300)), F.household("H2", at: F.east(900, north: 300))]
        let s = F.scenario(workers: [F.worker("W1"), F.worker("W2")], households: hs)
        let visits = [F.visit("K1", by: ["W1", "W2"]), F.visit("H1", by: ["W1"]), F.visit("H2", by: ["W2"])]
        let result = WeekRouting.route(scenario: s, visits: visits, options: options)
        XCTAssertEqual(result.unplaced, [])
        let pairStops = result.routes.flatMap { r in r.stops.filter { $0.task == "K1" }.map { (r.worker, $0) } }
        XCTAssertEqual(pairStops.count, 2)
        XCTAssertEqual(pairStops[0].1.start, pairStops[1].1.start)
        XCTAssertEqual(pairStops.first { $0.0 == "W1" }?.1.with, ["W2"])
        XCTAssertEqual(pairStops.first { $0.0 == "W2" }?.1.with, ["W1"])
        assertValid(result, s)
    }

    func test_pair_visit_that_fits_no_common_minute_is_unplaced() {
        // W2's shift ends before the household's window opens.
        let hs = [F.household("K1", at: F.east(800), category: "key", window: (15 * 60, 16 * 60))]
        let s = F.scenario(workers: [F.worker("W1"), F.worker("W2", shift: (8 * 60, 12 * 60))], households: hs)
        let result = WeekRouting.route(scenario: s, visits: [F.visit("K1", by: ["W1", "W2"])], options: options)
        XCTAssertEqual(result.routes, [])
        XCTAssertEqual(result.unplaced.map(\.job), ["K1"])
    }

    func test_an_over_full_day_leaves_visits_unplaced_instead_of_breaking_the_shift() {
        let hs = (1...14).map { F.household("H\($0)", at: F.east(Double($0) * 80), duration: 60) }
        let s = F.scenario(workers: [F.worker("W1")], households: hs)
        let result = WeekRouting.route(scenario: s, visits: hs.map { F.visit($0.id, by: ["W1"]) }, options: options)
        XCTAssertFalse(result.unplaced.isEmpty)
        XCTAssertEqual(result.routes.flatMap(\.stops).count + result.unplaced.count, 14)
        XCTAssertLessThanOrEqual(result.routes.flatMap(\.stops).count, 9)
        assertValid(result, s)
    }

    func test_max_visits_per_day_is_kept() {
        let hs = (1...5).map { F.household("H\($0)", at: F.east(Double($0) * 100)) }
        let s = F.scenario(workers: [F.worker("W1", maxVisits: 3)], households: hs)
        let result = WeekRouting.route(scenario: s, visits: hs.map { F.visit($0.id, by: ["W1"]) }, options: options)
        XCTAssertEqual(result.routes.flatMap(\.stops).count, 3)
        XCTAssertEqual(result.unplaced.count, 2)
        assertValid(result, s)
    }

    func test_visit_for_a_worker_off_that_day_is_unplaced() {
        var w = F.worker("W1")
        w.daysOff = [F.monday]
        let hs = [F.household("H1", at: F.east(100))]
        let s = F.scenario(workers: [w], households: hs)
        let result = WeekRouting.route(scenario: s, visits: [F.visit("H1", by: ["W1"])], options: options)
        XCTAssertEqual(result.routes, [])
        XCTAssertEqual(result.unplaced.map(\.job), ["H1"])
    }

    func test_routes_are_sorted_by_date_then_worker_and_reproducible() {
        let hs = (1...10).map { F.household("H\($0)", at: F.east(Double($0) * 120, north: Double($0 % 3) * 150)) }
        let s = F.scenario(workers: [F.worker("W2"), F.worker("W1")], households: hs)
        let tuesday = F.monday.adding(days: 1)
        let visits = hs.enumerated().map { i, h in
            F.visit(h.id, by: [i % 2 == 0 ? "W1" : "W2"], on: i < 5 ? tuesday : F.monday)
        }
        let a = WeekRouting.route(scenario: s, visits: visits, options: options)
        let b = WeekRouting.route(scenario: s, visits: visits, options: options)
        XCTAssertEqual(a.routes, b.routes)
        let keys = a.routes.map { "\($0.date.iso) \($0.worker)" }
        XCTAssertEqual(keys, keys.sorted())
        XCTAssertEqual(Set(a.routes.map(\.date)), [F.monday, tuesday])
        XCTAssertEqual(a.routes.flatMap(\.stops).count, 10)
        assertValid(a, s)
    }

    func test_a_small_day_is_sequenced_optimally() {
        let spots: [(Double, Double)] = [(900, 100), (-300, 600), (400, -700), (1200, 900), (-800, -200), (300, 300), (700, -100)]
        let hs = spots.enumerated().map { F.household("H\($0.offset)", at: F.east($0.element.0, north: $0.element.1)) }
        let s = F.scenario(workers: [F.worker("W1")], households: hs)
        let result = WeekRouting.route(scenario: s, visits: hs.map { F.visit($0.id, by: ["W1"]) }, options: options)
        // Brute force over all 7! orders.
        let ids = hs.map(\.id)
        var best = Int.max
        func permute(_ rest: [String], _ prev: String, _ acc: Int) {
            if acc >= best { return }
            if rest.isEmpty { best = min(best, acc + legMinutes(s, prev, "OFFICE", worker: "W1")); return }
            for (i, x) in rest.enumerated() {
                var r = rest
                r.remove(at: i)
                permute(r, x, acc + legMinutes(s, prev, x, worker: "W1"))
            }
        }
        permute(ids, "OFFICE", 0)
        XCTAssertEqual(result.routes.count, 1)
        XCTAssertEqual(result.routes[0].travelMin, best)
        assertValid(result, s)
    }

    func test_a_visit_moves_to_another_worker_when_that_saves_more_than_the_change_costs() {
        // W1's only visit lies next to W2's: one of them takes both when the scenario's weights price
        // the change below the round trip it saves — W1, the preferred worker of both (the first worker
        // covering their grid), since handing H2 to it costs less than taking H1 from it — and both
        // keep their visit when the weights price a change above the trip.
        let hs = [F.household("H1", at: F.east(2000)), F.household("H2", at: F.east(2050))]
        var s = F.scenario(workers: [F.worker("W1"), F.worker("W2")], households: hs)
        s.weights = Weights(lateness: 1000, continuity: 2, balance: 0, travel: 1, level: 0, regularity: 0)
        let visits = [F.visit("H1", by: ["W1"]), F.visit("H2", by: ["W2"])]
        let result = WeekRouting.route(scenario: s, visits: visits, options: options)
        XCTAssertEqual(result.routes.map(\.worker), ["W1"])
        XCTAssertEqual(Set(result.routes[0].stops.map(\.task)), ["H1", "H2"])
        XCTAssertEqual(result.routes[0].stops.flatMap(\.with), [])
        assertValid(result, s)
        s.weights.continuity = 200
        let kept = WeekRouting.route(scenario: s, visits: visits, options: options)
        XCTAssertEqual(kept.routes.map(\.worker).sorted(), ["W1", "W2"], "a change dearer than the trip is not made")
        assertValid(kept, s)
    }

    func test_a_visit_moves_to_a_movable_date_only_when_offered() {
        let tuesday = F.monday.adding(days: 1)
        let hs = [F.household("H1", at: F.east(2000)), F.household("H2", at: F.east(2050))]
        var s = F.scenario(workers: [F.worker("W1")], households: hs)
        // A change of day priced below the trip it saves (about 70 minutes out and back).
        s.weights.regularity = 5
        s.weights.level = 0.2
        let fixed = WeekRouting.route(scenario: s, visits: [F.visit("H1", by: ["W1"]), F.visit("H2", by: ["W1"], on: tuesday)],
                                      options: options)
        XCTAssertEqual(fixed.routes.map(\.date), [F.monday, tuesday])
        let movable = WeekRouting.route(
            scenario: s, visits: [PlannedVisit(job: "H1", date: F.monday, workers: ["W1"], movableDates: [tuesday]),
                                  F.visit("H2", by: ["W1"], on: tuesday)], options: options)
        XCTAssertEqual(movable.routes.map(\.date), [tuesday])
        XCTAssertEqual(movable.routes[0].stops.count, 2)
        assertValid(movable, s)
    }

    func test_a_visit_stays_with_its_worker_for_a_small_gain() {
        // H2 sits a little closer to W2's other stop, but not by the reassignment margin.
        let hs = [F.household("H1", at: F.east(300)), F.household("H2", at: F.east(350)), F.household("H3", at: F.east(400))]
        let s = F.scenario(workers: [F.worker("W1"), F.worker("W2")], households: hs)
        let visits = [F.visit("H1", by: ["W1"]), F.visit("H2", by: ["W1"]), F.visit("H3", by: ["W2"])]
        let result = WeekRouting.route(scenario: s, visits: visits, options: options)
        let w1 = result.routes.first { $0.worker == "W1" }!
        XCTAssertEqual(Set(w1.stops.map(\.task)), ["H1", "H2"])
        assertValid(result, s)
    }
}

/// The checker on hand-built routes of the routing fixture: what the routing tests rely on it to catch.
final class RouteCheckTests: XCTestCase {
    typealias F = RoutingFixture

    func test_checker_catches_a_stop_inside_the_break_and_a_too_short_leg() {
        let hs = [F.household("H1", at: F.east(900))]
        let s = F.scenario(workers: [F.worker("W1", breakTime: (12 * 60, 13 * 60))], households: hs)
        let d = legMinutes(s, "OFFICE", "H1", worker: "W1")
        let stop = Stop(task: "H1", kind: .visit, arrive: TimeOfDay(minutes: 12 * 60 + 10), start: TimeOfDay(minutes: 12 * 60 + 10),
                        end: TimeOfDay(minutes: 12 * 60 + 30), travelMin: d, travelKm: 0)
        let r = Route(worker: "W1", date: F.monday, start: TimeOfDay(minutes: 12 * 60 + 10 - d), end: TimeOfDay(minutes: 14 * 60),
                      travelMin: 2 * d, travelKm: 0, serviceMin: 20, stops: [stop])
        let rules = Set(routeViolations([r], in: s).map(\.rule))
        XCTAssertTrue(rules.contains("5.4"))
        XCTAssertTrue(rules.contains("5.3"))
    }

    func test_checker_accepts_a_hand_built_valid_route() {
        let hs = [F.household("H1", at: F.east(900))]
        let s = F.scenario(workers: [F.worker("W1")], households: hs)
        let d = legMinutes(s, "OFFICE", "H1", worker: "W1")
        let km = TravelModel(scenario: s).leg(from: "OFFICE", to: "H1", worker: s.workers[0]).km
        let stop = Stop(task: "H1", kind: .visit, arrive: TimeOfDay(minutes: 9 * 60 + d), start: TimeOfDay(minutes: 9 * 60 + d),
                        end: TimeOfDay(minutes: 9 * 60 + d + 20), travelMin: d, travelKm: km)
        let r = Route(worker: "W1", date: F.monday, start: TimeOfDay(minutes: 9 * 60), end: TimeOfDay(minutes: 9 * 60 + 2 * d + 20),
                      travelMin: 2 * d, travelKm: 2 * km, serviceMin: 20, stops: [stop])
        XCTAssertEqual(routeViolations([r], in: s), [])
    }

    func test_checker_catches_a_pair_visit_done_alone() {
        let hs = [F.household("K1", at: F.east(900), category: "key")]
        let s = F.scenario(workers: [F.worker("W1"), F.worker("W2")], households: hs)
        let d = legMinutes(s, "OFFICE", "K1", worker: "W1")
        let km = TravelModel(scenario: s).leg(from: "OFFICE", to: "K1", worker: s.workers[0]).km
        let stop = Stop(task: "K1", kind: .visit, arrive: TimeOfDay(minutes: 9 * 60 + d), start: TimeOfDay(minutes: 9 * 60 + d),
                        end: TimeOfDay(minutes: 9 * 60 + d + 30), travelMin: d, travelKm: km)
        let r = Route(worker: "W1", date: F.monday, start: TimeOfDay(minutes: 9 * 60), end: TimeOfDay(minutes: 9 * 60 + 2 * d + 30),
                      travelMin: 2 * d, travelKm: 2 * km, serviceMin: 30, stops: [stop])
        XCTAssertEqual(routeViolations([r], in: s).map(\.rule), ["5.5"])
    }
}

final class WeekRoutingRandomTests: XCTestCase {
    typealias F = RoutingFixture

    /// Random small weeks (windows, breaks, pairs, patrols, visit caps, overload): every route keeps rules 1–6
    /// and every visit is either routed or reported unplaced.
    func test_random_weeks_give_only_valid_routes_and_account_for_every_visit() {
        var rng = Xoshiro256(seed: 2026)
        for round in 0..<30 {
            let workerCount = 1 + rng.below(3)
            var workers: [Worker] = []
            for k in 0..<workerCount {
                let start = 8 * 60 + rng.below(4) * 15
                let br: (Int, Int)? = rng.below(2) == 0 ? (11 * 60 + 30 + rng.below(3) * 10, 13 * 60) : nil
                workers.append(F.worker("W\(k + 1)", shift: (start, start + 6 * 60 + rng.below(4) * 60), breakTime: br,
                                        maxVisits: rng.below(3) == 0 ? 3 + rng.below(4) : nil))
            }
            var hs: [Household] = []
            var ps: [Patrol] = []
            var visits: [PlannedVisit] = []
            let tasks = 4 + rng.below(16)
            for t in 0..<tasks {
                let p = F.east(Double(rng.below(2500)) - 500, north: Double(rng.below(2000)) - 1000)
                let date = F.monday.adding(days: rng.below(2))
                let w = "W\(1 + rng.below(workerCount))"
                if rng.below(5) == 0 {
                    ps.append(Patrol(id: "P\(t)", grid: "G1", location: p, everyDays: 7, durationMin: 10 + rng.below(20),
                                     window: rng.below(2) == 0 ? TimeWindow(9 * 60, 16 * 60) : nil))
                    visits.append(F.visit("P\(t)", by: [w], on: date))
                } else if workerCount >= 2 && rng.below(5) == 0 {
                    hs.append(F.household("H\(t)", at: p, category: "key",
                                          window: rng.below(2) == 0 ? (10 * 60 + rng.below(120), 15 * 60 + rng.below(120)) : nil))
                    visits.append(F.visit("H\(t)", by: ["W1", "W2"], on: date))
                } else {
                    let ws = 8 * 60 + rng.below(8 * 60)
                    hs.append(F.household("H\(t)", at: p, window: rng.below(3) == 0 ? (ws, ws + 30 + rng.below(150)) : nil,
                                          duration: 10 + rng.below(60)))
                    visits.append(F.visit("H\(t)", by: [w], on: date))
                }
            }
            let s = F.scenario(workers: workers, households: hs, patrols: ps)
            let result = WeekRouting.route(scenario: s, visits: visits, options: RoutingOptions(timeLimitSeconds: 30, seed: UInt64(round)))
            XCTAssertEqual(routeViolations(result.routes, in: s).map(\.description), [], "round \(round)")
            let routedEvents = Set(result.routes.flatMap { r in r.stops.map { "\($0.task)@\(r.date.iso)" } })
            XCTAssertEqual(routedEvents.count + result.unplaced.count, visits.count, "round \(round)")
            for u in result.unplaced { XCTAssertFalse(routedEvents.contains("\(u.job)@\(u.date.iso)"), "round \(round)") }
        }
    }
}
