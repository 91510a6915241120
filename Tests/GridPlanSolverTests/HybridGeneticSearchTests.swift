import Foundation
import XCTest
@testable import GridPlanSolver

final class HybridGeneticSearchTests: XCTestCase {
    /// A random periodic problem: `n` customers on a 100 × 100 square, the depot in the middle, `days` days of
    /// `vehicles` routes of capacity `capacity` (and `maxDuration`), each customer visited once or twice.
    func randomProblem(n: Int, days: Int, vehicles: Int, capacity: Double, maxDuration: Double = .infinity,
                       seed: UInt64) -> RoutingProblem {
        var rng = Xoshiro256(seed: seed)
        var xy: [(Double, Double)] = [(50, 50)]
        for _ in 0..<n { xy.append((rng.unit() * 100, rng.unit() * 100)) }
        let nodes = xy.count
        var dist = [Double](repeating: 0, count: nodes * nodes)
        for a in 0..<nodes { for b in 0..<nodes { dist[a * nodes + b] = hypot(xy[a].0 - xy[b].0, xy[a].1 - xy[b].1) } }
        var slots: [RouteSlot] = []
        for d in 0..<days {
            for v in 0..<vehicles {
                slots.append(RouteSlot(vehicle: v, day: d, startNode: 0, endNode: 0, earliestStart: 0, latestEnd: .infinity,
                                       capacity: capacity, maxDuration: maxDuration))
            }
        }
        let jobs = (1...n).map { i -> RoutingJob in
            let twice = rng.below(3) == 0 && days >= 2
            let patterns: [[Int]] = twice ? (0..<(days - 1)).map { [$0, $0 + 1] } : (0..<days).map { [$0] }
            return RoutingJob(node: i, serviceTime: 2, demand: Double(1 + rng.below(5)), patterns: patterns)
        }
        return RoutingProblem(profiles: [TravelProfile(nodeCount: nodes, time: dist, distance: dist)], slots: slots,
                              jobs: jobs, objective: .distance)
    }

    /// Cost, load and duration of every route recounted from its stops.
    func recount(_ routes: [[Int]], in problem: RoutingProblem) -> [(cost: Double, load: Double, duration: Double)] {
        let p = problem.profiles[0]
        let nn = p.nodeCount
        return routes.enumerated().map { r, seq in
            let slot = problem.slots[r]
            guard !seq.isEmpty else { return (0, 0, 0) }
            var prev = slot.startNode
            var cost = 0.0, load = 0.0, dur = 0.0
            for j in seq {
                let job = problem.jobs[j]
                cost += p.distance[prev * nn + job.node]
                dur += p.time[prev * nn + job.node] + job.serviceTime
                load += job.demand
                prev = job.node
            }
            cost += p.distance[prev * nn + slot.endNode]
            dur += p.time[prev * nn + slot.endNode]
            return (cost, load, dur)
        }
    }

    func test_education_keeps_its_running_totals_equal_to_a_recount_of_the_routes() {
        let problem = randomProblem(n: 60, days: 3, vehicles: 3, capacity: 25, maxDuration: 400, seed: 4)
        let hgs = HybridGeneticSearch(problem: problem, parameters: GeneticParameters(), seed: 9)
        for _ in 0..<5 {
            hgs.ls.load(routes: hgs.split(hgs.randomTours()))
            let before = hgs.ls.penalisedCost
            hgs.ls.educate(rng: &hgs.rng)
            XCTAssertLessThanOrEqual(hgs.ls.penalisedCost, before + 1e-9)
            let routes = hgs.ls.routes()
            let counted = recount(routes, in: problem)
            for r in routes.indices {
                XCTAssertEqual(hgs.ls.routeCost[r], counted[r].cost, accuracy: 1e-6, "route \(r)")
                XCTAssertEqual(hgs.ls.routeLoad[r], counted[r].load, accuracy: 1e-9, "route \(r)")
                if !routes[r].isEmpty { XCTAssertEqual(hgs.ls.routeTime[r], counted[r].duration, accuracy: 1e-6, "route \(r)") }
            }
            // Every job on the days of exactly one of its patterns, once a day.
            var days = [Set<Int>](repeating: [], count: problem.jobs.count)
            for (r, seq) in routes.enumerated() {
                for j in seq { XCTAssertTrue(days[j].insert(problem.slots[r].day).inserted, "job \(j) twice on a day") }
            }
            for (j, job) in problem.jobs.enumerated() {
                XCTAssertTrue(job.patterns.contains { Set($0) == days[j] }, "job \(j) on days \(days[j].sorted())")
            }
        }
    }

    func test_every_granular_move_prices_exactly_what_it_changes() {
        // After each applied move, the change of the penalised cost equals the move's own price: checked by
        // educating at a high price of excess load (so that moves trade distance against load) and comparing the
        // final penalised cost with a recount at that price.
        let problem = randomProblem(n: 40, days: 2, vehicles: 4, capacity: 12, maxDuration: 150, seed: 11)
        let hgs = HybridGeneticSearch(problem: problem, parameters: GeneticParameters(), seed: 2)
        hgs.ls.loadPenalty = 7
        hgs.ls.durationPenalty = 3
        hgs.ls.load(routes: hgs.split(hgs.randomTours()))
        hgs.ls.educate(rng: &hgs.rng)
        let counted = recount(hgs.ls.routes(), in: problem)
        var total = 0.0
        for (r, c) in counted.enumerated() {
            total += c.cost + 7 * max(0, c.load - 12) + 3 * max(0, c.duration - 150)
            _ = r
        }
        XCTAssertEqual(hgs.ls.penalisedCost, total, accuracy: 1e-6)
    }

    func test_a_high_price_of_excess_load_keeps_routes_within_capacity_and_a_low_one_lets_them_overflow() {
        // One day, two routes of capacity 10 for 30 units of demand: 10 units must overflow somewhere.
        let problem = randomProblem(n: 12, days: 1, vehicles: 2, capacity: 10, seed: 21)
        let demand = problem.jobs.reduce(0) { $0 + $1.demand }
        func excess(atPrice price: Double) -> Double {
            let hgs = HybridGeneticSearch(problem: problem, parameters: GeneticParameters(), seed: 1)
            hgs.ls.loadPenalty = price
            hgs.ls.load(routes: hgs.split([Array(0..<12)]))
            hgs.ls.educate(rng: &hgs.rng)
            return hgs.ls.totalLoadExcess
        }
        // At a high price only the unavoidable excess is left; at almost no price distance wins and more overflows.
        XCTAssertEqual(excess(atPrice: 1e4), max(0, demand - 20), accuracy: 1e-9)
        XCTAssertGreaterThan(excess(atPrice: 1e-3), max(0, demand - 20) + 1)
    }

    func test_split_cuts_a_day_where_trying_every_cut_does() {
        let problem = randomProblem(n: 9, days: 1, vehicles: 3, capacity: 10, seed: 5)
        let hgs = HybridGeneticSearch(problem: problem, parameters: GeneticParameters(), seed: 1)
        hgs.ls.loadPenalty = 4
        let tour = Array(0..<9)
        let routes = hgs.split([tour])
        func value(_ rs: [[Int]]) -> Double {
            recount(rs, in: problem).reduce(0) { $0 + $1.cost + 4 * max(0, $1.load - 10) }
        }
        var best = Double.infinity
        for a in 0...9 {
            for b in a...9 {
                best = min(best, value([Array(tour[0..<a]), Array(tour[a..<b]), Array(tour[b..<9])]))
            }
        }
        XCTAssertEqual(routes.flatMap { $0 }, tour, "Split keeps the order")
        XCTAssertEqual(value(routes), best, accuracy: 1e-9)
    }

    func test_crossover_keeps_every_job_inside_one_of_its_patterns() {
        let problem = randomProblem(n: 50, days: 5, vehicles: 2, capacity: 40, seed: 6)
        let hgs = HybridGeneticSearch(problem: problem, parameters: GeneticParameters(), seed: 3)
        var parents: [HybridGeneticSearch.Individual] = []
        for _ in 0..<2 {
            hgs.ls.load(routes: hgs.split(hgs.randomTours()))
            hgs.ls.educate(rng: &hgs.rng)
            parents.append(hgs.individual())
        }
        for _ in 0..<20 {
            let tours = hgs.crossover(parents[0], parents[1])
            for (j, job) in problem.jobs.enumerated() {
                let days = Set(tours.indices.filter { tours[$0].contains(j) })
                XCTAssertTrue(job.patterns.contains { days.isSubset(of: Set($0)) }, "job \(j) on days \(days.sorted())")
                for t in tours { XCTAssertLessThanOrEqual(t.filter { $0 == j }.count, 1) }
            }
        }
    }

    func test_pattern_improvement_moves_a_job_to_the_day_that_serves_its_neighbours() {
        // Job 0 sits next to jobs 1 and 2, which can only come on day 1; it is put alone on day 0.
        let xy: [(Double, Double)] = [(0, 0), (10, 0), (10, 1), (11, 0)]
        var dist = [Double](repeating: 0, count: 16)
        for a in 0..<4 { for b in 0..<4 { dist[a * 4 + b] = hypot(xy[a].0 - xy[b].0, xy[a].1 - xy[b].1) } }
        let slots = [RouteSlot(vehicle: 0, day: 0, startNode: 0, endNode: 0, earliestStart: 0, latestEnd: .infinity),
                     RouteSlot(vehicle: 0, day: 1, startNode: 0, endNode: 0, earliestStart: 0, latestEnd: .infinity)]
        let jobs = [RoutingJob(node: 1, serviceTime: 0, patterns: [[0], [1]]),
                    RoutingJob(node: 2, serviceTime: 0, patterns: [[1]]),
                    RoutingJob(node: 3, serviceTime: 0, patterns: [[1]])]
        let problem = RoutingProblem(profiles: [TravelProfile(nodeCount: 4, time: dist, distance: dist)], slots: slots,
                                     jobs: jobs, objective: .distance)
        XCTAssertTrue(HybridGeneticSearch.applies(to: problem))
        let ls = GranularLocalSearch(problem: problem, granularity: 20)
        ls.load(routes: [[0], [1, 2]])
        XCTAssertEqual(ls.improvePatterns(order: [0, 1, 2]), 0b11)
        XCTAssertEqual(ls.routes()[0], [])
        XCTAssertEqual(Set(ls.routes()[1]), [0, 1, 2])
    }

    func test_genetic_search_covers_periodic_problems_without_time_rules_only() throws {
        XCTAssertTrue(HybridGeneticSearch.applies(to: randomProblem(n: 10, days: 2, vehicles: 1, capacity: 10, seed: 1)))
        var windows = randomProblem(n: 10, days: 2, vehicles: 1, capacity: 10, seed: 1)
        windows.jobs[3].latestStart = 50
        XCTAssertFalse(HybridGeneticSearch.applies(to: windows))
        var pinned = randomProblem(n: 10, days: 2, vehicles: 1, capacity: 10, seed: 1)
        pinned.jobs[0].fixed = true
        XCTAssertFalse(HybridGeneticSearch.applies(to: pinned))
        var capped = randomProblem(n: 10, days: 2, vehicles: 1, capacity: 10, seed: 1)
        capped.slots[1].maxVisits = 3
        XCTAssertFalse(HybridGeneticSearch.applies(to: capped))
    }

    func test_genetic_search_returns_routes_within_every_limit_and_the_same_for_the_same_seed() {
        let problem = randomProblem(n: 45, days: 3, vehicles: 3, capacity: 20, maxDuration: 260, seed: 8)
        var parameters = SearchParameters(seed: 5, timeLimitSeconds: 600, maxIterations: 3_000)
        parameters.genetic = GeneticParameters()
        let a = RoutingSearch(problem: problem, seed: 5).solve(parameters)
        let b = RoutingSearch(problem: problem, seed: 5).solve(parameters)
        XCTAssertEqual(a.routes.map(\.jobs), b.routes.map(\.jobs))
        XCTAssertEqual(a.routingCost, b.routingCost)
        XCTAssertTrue(a.unserved.isEmpty)
        XCTAssertGreaterThanOrEqual(a.iterations, 3_000)
        let counted = recount((0..<problem.slots.count).map { s in a.routes.first { $0.slot == s }?.jobs ?? [] }, in: problem)
        for c in counted {
            XCTAssertLessThanOrEqual(c.load, 20 + 1e-9)
            XCTAssertLessThanOrEqual(c.duration, 260 + 1e-9)
        }
        XCTAssertEqual(counted.reduce(0) { $0 + $1.cost }, a.routingCost, accuracy: 1e-6)
    }
}
