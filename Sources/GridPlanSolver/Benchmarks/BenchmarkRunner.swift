import Foundation

/// Maps benchmark instances onto the routing engine that plans gridplan's weeks and solves them.
public enum BenchmarkRunner {
    /// Default time limit per instance: 60 s for PVRP, 30 s for Solomon.
    public static func defaultTimeLimit(for kind: BenchmarkKind) -> Double { kind == .pvrp ? 60 : 30 }

    /// The instance as a `RoutingProblem`: PVRP — `m` identical vehicles on each day with the day's capacity
    /// and duration, customers with their patterns; Solomon — one day, the listed vehicles, capacity, time
    /// windows (service starts by `due`), the depot's `due` closing the day. Distance objective, unrounded.
    public static func problem(for instance: BenchmarkInstance) -> RoutingProblem {
        let n = instance.nodes.count
        var dist = [Double](repeating: 0, count: n * n)
        for a in 0..<n { for b in 0..<n { dist[a * n + b] = instance.distance(a, b) } }
        let profile = TravelProfile(nodeCount: n, time: dist, distance: dist)
        var slots: [RouteSlot] = []
        let depot = instance.nodes[0]
        for d in 0..<instance.days {
            for v in 0..<instance.vehicles {
                slots.append(RouteSlot(vehicle: v, day: d, startNode: 0, endNode: 0, earliestStart: depot.ready,
                                       latestEnd: depot.due,
                                       capacity: instance.capacity[d], maxDuration: instance.maxDuration[d]))
            }
        }
        let jobs = instance.nodes.dropFirst().map { c in
            RoutingJob(node: c.id, serviceTime: c.service, demand: c.demand, window: (c.ready, c.due),
                       semantics: .startByDue, patterns: c.patterns, unservedPenalty: 1e6)
        }
        return RoutingProblem(profiles: [profile], slots: slots, jobs: Array(jobs), objective: .distance)
    }

    /// Search iterations for `instance` in `seconds`, from its size and fixed rates measured on the reference
    /// machine (2 shared cores, see Docs/benchmarks.md): about `0.5·n + 10` µs per iteration for a periodic
    /// instance of `n` customers with the ruin size of `parameters(for:)` (more for larger ruins), `0.4·n + 5` µs
    /// for a one-day instance. The run then does the same work on any machine; the time limit only stops it
    /// early on a much slower or busier one.
    public static func iterationBudget(for instance: BenchmarkInstance, seconds: Double) -> Int {
        let n = Double(instance.nodes.count - 1)
        let micros: Double
        switch instance.kind {
        case .pvrp: micros = (0.5 * n + 10) * (averageRemoved(for: instance) / 10).squareRoot()
        case .solomon: micros = 0.4 * n + 5
        }
        return max(100, Int(seconds * 1e6 / micros))
    }

    /// Iterations (thousands of work units, `HybridGeneticSearch.workPerIteration`: stop pairs, insertion
    /// positions and Split steps priced) of the hybrid genetic search for `instance` in `seconds`, at a fixed
    /// rate measured on the reference machine.
    public static func workBudget(for instance: BenchmarkInstance, seconds: Double) -> Int {
        max(100, Int(seconds * workPerSecond))
    }

    static let workPerSecond = 200_000.0

    /// SISR's mean ruin size for a periodic instance: 1.5 stops per route when the whole fleet is used,
    /// between 10 and 20 (longer routes want larger ruins: p23's 13 stops per route reach its BKS with 20,
    /// not with 10). One-day instances keep 10.
    static func averageRemoved(for instance: BenchmarkInstance) -> Double {
        guard instance.kind == .pvrp else { return 10 }
        let visits = instance.nodes.dropFirst().reduce(0) { $0 + ($1.patterns.first?.count ?? 1) }
        let perRoute = Double(visits) / Double(max(1, instance.vehicles * instance.days))
        return min(20, max(10, 1.5 * perRoute))
    }

    /// The search parameters the benchmarks use. Periodic instances: penalised load, and the population
    /// search (4 annealing runs, then crossover children of about 25·n iterations each). One-day instances:
    /// one annealing run within capacity, as before.
    public static func parameters(for instance: BenchmarkInstance, timeLimitSeconds: Double, seed: UInt64,
                                  maxIterations: Int? = nil) -> SearchParameters {
        if instance.kind == .pvrp && HybridGeneticSearch.applies(to: problem(for: instance)) {
            // The genetic search races the annealing search (see `RoutingSearch.race`); `maxIterations` is the
            // genetic budget in thousands of work units, and the annealing budget keeps its proportion to it.
            let work = workBudget(for: instance, seconds: timeLimitSeconds)
            let anneal = iterationBudget(for: instance, seconds: timeLimitSeconds)
            let budget = maxIterations ?? work
            var p = SearchParameters(seed: seed, timeLimitSeconds: timeLimitSeconds, maxIterations: budget,
                                     averageRemoved: averageRemoved(for: instance), polishEveryBest: true,
                                     interRouteMoves: false, penaliseLoad: true)
            var g = GeneticParameters()
            g.annealingIterations = max(100, Int(Double(anneal) * Double(budget) / Double(work)))
            p.genetic = g
            let n = max(1, instance.nodes.count - 1)
            p.populationSize = 4
            p.generations = min(1000, max(8, (g.annealingIterations - g.annealingIterations / 2) / (25 * n)))
            return p
        }
        let budget = maxIterations ?? iterationBudget(for: instance, seconds: timeLimitSeconds)
        var p = SearchParameters(seed: seed, timeLimitSeconds: timeLimitSeconds, maxIterations: budget,
                                 averageRemoved: averageRemoved(for: instance), polishEveryBest: true,
                                 interRouteMoves: false, penaliseLoad: instance.kind == .pvrp)
        if instance.kind == .pvrp {
            let n = max(1, instance.nodes.count - 1)
            p.populationSize = 4
            p.generations = min(1000, max(8, (budget - budget / 2) / (25 * n)))
        }
        return p
    }

    /// Solves `instance` with `parameters(for:…)`: `maxIterations` iterations (default `iterationBudget`), the
    /// result depending only on the seed unless `timeLimitSeconds` stops the search first.
    public static func solve(_ instance: BenchmarkInstance, timeLimitSeconds: Double, seed: UInt64,
                             maxIterations: Int? = nil) -> BenchmarkSolution {
        solve(instance, parameters: parameters(for: instance, timeLimitSeconds: timeLimitSeconds, seed: seed,
                                               maxIterations: maxIterations))
    }

    /// Solves `instance` with the given search parameters.
    public static func solve(_ instance: BenchmarkInstance, parameters: SearchParameters) -> BenchmarkSolution {
        let problem = problem(for: instance)
        let search = RoutingSearch(problem: problem, seed: parameters.seed)
        let result = search.solve(parameters)
        var routes: [BenchmarkRoute] = []
        var nextVehicle = [Int](repeating: 0, count: instance.days)
        for r in result.routes {
            let day = problem.slots[r.slot].day
            routes.append(BenchmarkRoute(day: day, vehicle: nextVehicle[day], customers: r.jobs.map { problem.jobs[$0].node }))
            nextVehicle[day] += 1
        }
        routes.sort { ($0.day, $0.vehicle) < ($1.day, $1.vehicle) }
        var solution = BenchmarkSolution(routes: routes)
        solution.iterations = result.iterations
        return solution
    }

    /// Best-known costs from a `bks.csv` (`instance,bks[,vehicles]`), keyed by instance name.
    public static func readBestKnown(csvAt path: String) -> [String: Double] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var table: [String: Double] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let f = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if f.count >= 2, let v = Double(f[1]) { table[f[0]] = v }
        }
        return table
    }
}
