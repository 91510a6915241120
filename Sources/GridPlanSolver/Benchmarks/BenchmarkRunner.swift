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

    /// Solves `instance` within `timeLimitSeconds`. The cooling schedule follows the clock, or `maxIterations`
    /// when given (then the result depends only on the seed, unless the time limit stops it first).
    public static func solve(_ instance: BenchmarkInstance, timeLimitSeconds: Double, seed: UInt64,
                             maxIterations: Int? = nil, interRouteMoves: Bool = false,
                             polishEveryBest: Bool = true, penaliseLoad: Bool = true) -> BenchmarkSolution {
        let problem = problem(for: instance)
        let search = RoutingSearch(problem: problem, seed: seed)
        let env = ProcessInfo.processInfo.environment  // EXPERIMENT-ONLY
        var sp = SearchParameters(seed: seed, timeLimitSeconds: timeLimitSeconds, maxIterations: maxIterations,
                                                   polishEveryBest: polishEveryBest, interRouteMoves: interRouteMoves,
                                                   penaliseLoad: penaliseLoad)
        if let v = env["GP_AVG"], let d = Double(v) { sp.averageRemoved = d }
        if let v = env["GP_AVGMAX"], let d = Double(v) { sp.averageRemovedMax = d }
        if let v = env["GP_CYC"], let d = Int(v) { sp.coolingCycles = d }
        if let v = env["GP_POP"], let d = Int(v) { sp.populationSize = d }
        if let v = env["GP_GEN"], let d = Int(v) { sp.generations = d }
        if let v = env["GP_CTF"], let d = Double(v) { sp.childTemperatureFactor = d }
        if let v = env["GP_LMAX"], let d = Double(v) { sp.maxStringLength = d }
        if env["GP_INTER"] == "1" { sp.interRouteMoves = true }
        if env["GP_PEN"] == "0" { sp.penaliseLoad = false }
        if let v = env["GP_T0"], let d = Double(v) { sp.initialTemperature = d }
        if let v = env["GP_TF"], let d = Double(v) { sp.finalTemperature = d }
        let result0 = search.solve(sp)
        _ = result0
        let result = result0 as RoutingSolution
        _ = { search.solve(SearchParameters(seed: seed, timeLimitSeconds: timeLimitSeconds, maxIterations: maxIterations,
                                                   polishEveryBest: polishEveryBest, interRouteMoves: interRouteMoves,
                                                   penaliseLoad: penaliseLoad)) }
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
