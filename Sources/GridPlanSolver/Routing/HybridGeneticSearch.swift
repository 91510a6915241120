import Foundation

/// Settings of `HybridGeneticSearch`. The mechanisms are those of Vidal et al. (2012) and HGS-CVRP (Vidal 2022);
/// population, granularity and restarts are set for one-minute runs (a smaller population and neighbourhood than
/// theirs, and a restart on stagnation: measured on p30–p32, Docs/benchmarks.md).
public struct GeneticParameters: Sendable {
    /// μ: each subpopulation (within every limit, and not) is cut back to this size …
    public var populationSize = 12
    /// λ: … when it has grown by this many children.
    public var generationSize = 20
    /// Solutions built at random (and educated) before the first crossover, and after a restart.
    public var initialSolutions = 100
    /// Best solutions whose quality rank weighs fully against their diversity rank.
    public var eliteCount = 4
    /// Diversity of a solution: its mean distance to this many closest others.
    public var closeCount = 5
    /// Neighbours of a stop the granular moves go towards.
    public var granularity = 10
    /// Aim for this fraction of educated children within capacity (and duration).
    public var targetFeasible = 0.2
    /// Chance that an educated child above a limit is educated again at ten (then a hundred) times the price.
    public var repairProbability = 0.5
    /// Start again from new random solutions (the best is kept) after `restartAfter` children that did not make
    /// the best at least `restartGain` (a fraction) cheaper.
    public var restartAfter = 2_000
    public var restartGain = 0.001
    /// The annealing search's budget (iterations of `SearchParameters.populationSize` runs and `generations`),
    /// which races the genetic search (see `RoutingSearch.race`); 0: the genetic search alone.
    public var annealingIterations = 0
    /// Share of the genetic budget in the race's pilot.
    public var pilotShare = 0.25

    public init() {}
}

/// Hybrid genetic search with adaptive diversity control for periodic problems (Vidal, Crainic, Gendreau,
/// Lahrichi & Rei 2012, *Operations Research* 60(3)): two subpopulations (within every limit, and not),
/// children by the periodic crossover PIX (some days inherited whole from one parent, some mixed — a stretch
/// of the first parent's day completed by the second's visits — and some from the second parent, always
/// keeping each job's days inside one of its patterns), each day's visit order cut into routes by Split,
/// then educated by `GranularLocalSearch` with load and duration penalised at prices adapted towards
/// `targetFeasible`, and repaired at higher prices half the time. Survivors are chosen by biased fitness
/// (rank of cost plus rank of distance to the closest others); a population that stagnates starts again from
/// random solutions, the best kept aside. Deterministic for a seed: the budget is
/// counted in work units (`GranularLocalSearch.work`), the clock only stops a run that falls far behind.
final class HybridGeneticSearch {
    struct Individual {
        /// Jobs in visiting order per slot.
        var routes: [[Int]]
        var dayMask: [UInt64]
        var cost: Double
        var loadExcess: Double
        var durationExcess: Double
        /// Successor of each visit (day · n + job): the next job, -1 for the depot, -2 not visited.
        var successor: [Int32]
        var predecessor: [Int32]
        var feasible: Bool { loadExcess < 1e-9 && durationExcess < 1e-9 }
    }

    struct Subpopulation {
        var members: [Individual] = []
        var distance: [[Double]] = []
        var fitness: [Double] = []
    }

    /// Work units (`GranularLocalSearch.work`) per iteration of `SearchParameters.maxIterations`.
    static let workPerIteration = 1000
    let problem: RoutingProblem
    let params: GeneticParameters
    let ls: GranularLocalSearch
    let n: Int
    let days: Int
    var rng: Xoshiro256
    var feasible = Subpopulation()
    var infeasible = Subpopulation()
    var best: Individual?
    var started = false
    var iteration = 0
    var sinceBest = 0
    var lastGain = Double.infinity
    var loadHistory: [Bool] = []
    var durationHistory: [Bool] = []
    let anyDuration: Bool
    let depotNode: Int

    /// Whether the problem is one this search covers: every job's window open all day, no breaks, no slot
    /// costs, no visit caps, no fixed jobs, one travel profile with symmetric matrices, and every route
    /// starting and ending at one depot.
    static func applies(to problem: RoutingProblem) -> Bool {
        guard problem.profiles.count == 1, !problem.jobs.isEmpty, let first = problem.slots.first else { return false }
        let depot = first.startNode
        for s in problem.slots {
            if s.startNode != depot || s.endNode != depot || s.breakInterval != nil || s.latestEnd < .infinity
                || s.maxVisits != .max { return false }
        }
        let earliest = problem.slots.map(\.earliestStart).min() ?? 0
        for j in problem.jobs {
            if j.slotCost != nil || j.fixed || j.earliestStart > earliest || j.latestStart < .infinity { return false }
            if j.patterns.isEmpty { return false }
        }
        if (problem.slots.map(\.day).max() ?? 0) >= 64 { return false }
        let slotDays = Set(problem.slots.map(\.day))
        for j in problem.jobs where j.patterns.contains(where: { $0.contains { !slotDays.contains($0) } }) { return false }
        let p = problem.profiles[0]
        let nn = p.nodeCount
        for a in 0..<nn {
            for b in (a + 1)..<max(a + 1, nn) {
                if p.distance[a * nn + b] != p.distance[b * nn + a] || p.time[a * nn + b] != p.time[b * nn + a] { return false }
            }
        }
        return true
    }

    init(problem: RoutingProblem, parameters: GeneticParameters, seed: UInt64) {
        self.problem = problem
        params = parameters
        ls = GranularLocalSearch(problem: problem, granularity: parameters.granularity)
        n = problem.jobs.count
        days = ls.days
        rng = Xoshiro256(seed: seed)
        anyDuration = problem.slots.contains { $0.maxDuration < .infinity }
        depotNode = problem.slots[0].startNode
        // HGS-CVRP's starting price of excess load: the longest leg per unit of the largest demand.
        let maxDemand = problem.jobs.map(\.demand).max() ?? 0
        let maxLeg = problem.profiles[0].distance.max() ?? 1
        ls.loadPenalty = maxDemand > 0 ? max(0.1, min(1000, maxLeg / maxDemand)) : 1
        ls.durationPenalty = 1
    }

    // MARK: - Run

    /// Runs until `work` units are spent (or `stop()` says so); returns the best solution within every
    /// limit, nil if none was found.
    func run(work budget: Int, stop: () -> Bool) -> Individual? {
        func spent() -> Bool { ls.work >= budget || stop() }
        func initialise() {
            for _ in 0..<params.initialSolutions {
                if spent() { return }
                add(educated(fromTours: randomTours()))
            }
        }
        if !started {
            started = true
            initialise()
        }
        while !spent() {
            let a = tournament(), b = tournament()
            let child = educated(fromTours: crossover(a, b))
            add(child)
            // Stagnation: no gain of `restartGain` on the best of this population's life for `restartAfter` children.
            let now = best?.cost ?? .infinity
            if now < lastGain * (1 - params.restartGain) { lastGain = now; sinceBest = 0 } else { sinceBest += 1 }
            iteration += 1
            if iteration % 100 == 0 { adaptPenalties() }
            if sinceBest >= params.restartAfter {
                feasible = Subpopulation()
                infeasible = Subpopulation()
                sinceBest = 0
                lastGain = .infinity
                initialise()
            }
        }
        return best
    }

    /// Adds a given solution (jobs per slot), educated, to the population.
    func seed(routes: [[Int]]) {
        ls.load(routes: routes)
        ls.educate(rng: &rng)
        add(individual())
    }

    /// Educates a child given as one visiting order per day; records its feasibility for the penalty
    /// adaptation; repairs it half the time when it is above a limit.
    func educated(fromTours tours: [[Int]]) -> Individual {
        ls.load(routes: split(tours))
        ls.educate(rng: &rng)
        let child = individual()
        loadHistory.append(child.loadExcess < 1e-9)
        durationHistory.append(child.durationExcess < 1e-9)
        if !child.feasible && rng.unit() < params.repairProbability {
            let (pq, pd) = (ls.loadPenalty, ls.durationPenalty)
            for factor in [10.0, 100.0] {
                ls.loadPenalty = pq * factor
                ls.durationPenalty = pd * factor
                ls.refreshPenalties()
                ls.educate(rng: &rng)
                if ls.totalLoadExcess < 1e-9 && ls.totalDurationExcess < 1e-9 { break }
            }
            ls.loadPenalty = pq
            ls.durationPenalty = pd
            ls.refreshPenalties()
            let repaired = individual()
            if repaired.feasible { add(repaired) }
        }
        return child
    }

    /// The local search's current solution as an individual.
    func individual() -> Individual {
        let routes = ls.routes()
        ls.work += days * n
        var succ = [Int32](repeating: -2, count: days * n)
        var pred = [Int32](repeating: -2, count: days * n)
        for (r, seq) in routes.enumerated() {
            let d = ls.slotDay[r]
            for (k, j) in seq.enumerated() {
                succ[d * n + j] = k + 1 < seq.count ? Int32(seq[k + 1]) : -1
                pred[d * n + j] = k > 0 ? Int32(seq[k - 1]) : -1
            }
        }
        return Individual(routes: routes, dayMask: Array(UnsafeBufferPointer(start: ls.dayMask, count: n)), cost: ls.totalCost, loadExcess: ls.totalLoadExcess,
                          durationExcess: ls.totalDurationExcess, successor: succ, predecessor: pred)
    }

    func penalised(_ x: Individual) -> Double {
        x.cost + ls.loadPenalty * x.loadExcess + ls.durationPenalty * x.durationExcess
    }

    // MARK: - Building children

    /// A random pattern per job, each day's visits in random order.
    func randomTours() -> [[Int]] {
        var tours = [[Int]](repeating: [], count: days)
        for j in 0..<n {
            let masks = ls.patternMasks[j]
            let m = masks[rng.below(masks.count)]
            for d in 0..<days where m & (1 << UInt64(d)) != 0 { tours[d].append(j) }
        }
        for d in 0..<days {
            for i in stride(from: tours[d].count - 1, to: 0, by: -1) { tours[d].swapAt(i, rng.below(i + 1)) }
        }
        return tours
    }

    /// PIX: days in random order; the first `j1` take a stretch of `a`'s day and are completed from `b`, the
    /// next up to `j2` come from `b` only, the rest whole from `a`. A visit from `b` is taken only while the job's
    /// days stay inside one of its patterns; jobs left with an incomplete pattern are completed by the education.
    func crossover(_ a: Individual, _ b: Individual) -> [[Int]] {
        var order = Array(0..<days)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.below(i + 1)) }
        var j1 = rng.below(days), j2 = rng.below(days)
        if j1 > j2 { swap(&j1, &j2) }
        var mask = [UInt64](repeating: 0, count: n)
        var tours = [[Int]](repeating: [], count: days)
        var kept = [[Int]](repeating: [], count: days)
        var offset = [Int](repeating: 0, count: days)
        func tour(_ x: Individual, _ d: Int) -> [Int] { ls.slotsOfDay[d].flatMap { x.routes[$0] } }
        for (k, d) in order.enumerated() {
            let bit = UInt64(1) << UInt64(d)
            if k < j1 {
                let t = tour(a, d)
                guard !t.isEmpty else { continue }
                let from = rng.below(t.count), to = rng.below(t.count)
                var i = from
                while true {
                    kept[d].append(t[i]); mask[t[i]] |= bit
                    if i == to { break }
                    i = (i + 1) % t.count
                }
                offset[d] = to + 1
            } else if k >= j2 {
                tours[d] = tour(a, d)
                for j in tours[d] { mask[j] |= bit }
            }
        }
        for (k, d) in order.enumerated() where k < j2 {
            let bit = UInt64(1) << UInt64(d)
            let t = tour(b, d)
            for i in 0..<t.count {
                let j = t[(i + offset[d]) % t.count]
                let m = mask[j] | bit
                if mask[j] & bit != 0 { continue }
                if ls.patternMasks[j].contains(where: { $0 & m == m }) {
                    tours[d].append(j)
                    mask[j] = m
                }
            }
            if !kept[d].isEmpty {
                let at = tours[d].isEmpty ? 0 : rng.below(tours[d].count + 1)
                tours[d].insert(contentsOf: kept[d], at: at)
            }
        }
        return tours
    }

    /// Split (Prins 2004, with a limited fleet): each day's visiting order cut into at most that day's number of
    /// routes, minimising distance plus penalised excess load and duration.
    func split(_ tours: [[Int]]) -> [[Int]] {
        var routes = [[Int]](repeating: [], count: problem.slots.count)
        let nn = ls.matrixSize
        let depot = depotNode
        for d in 0..<days {
            let tour = tours[d]
            let slots = ls.slotsOfDay[d]
            let L = tour.count
            guard L > 0, !slots.isEmpty else { continue }
            let m = slots.count
            let node = tour.map { problem.jobs[$0].node }
            // Suffix totals for the last route.
            var sufCost = [Double](repeating: 0, count: L + 1), sufTime = sufCost, sufLoad = sufCost
            for i in stride(from: L - 1, through: 0, by: -1) {
                let j = tour[i]
                if i == L - 1 {
                    sufCost[i] = ls.cost[node[i] * nn + depot]
                    sufTime[i] = ls.time[node[i] * nn + depot]
                } else {
                    sufCost[i] = sufCost[i + 1] + ls.cost[node[i] * nn + node[i + 1]]
                    sufTime[i] = sufTime[i + 1] + ls.time[node[i] * nn + node[i + 1]]
                }
                sufTime[i] += ls.service[j]
                sufLoad[i] = sufLoad[i + 1] + ls.demand[j]
            }
            var f = [[Double]](repeating: [Double](repeating: .infinity, count: L + 1), count: m + 1)
            var from = [[Int]](repeating: [Int](repeating: -1, count: L + 1), count: m + 1)
            f[0][0] = 0
            for k in 0..<m {
                let r = slots[k]
                if k == m - 1 {
                    for j in 0...L where f[k][j] < .infinity {
                        ls.work += 6
                        var v = f[k][j]
                        if j < L {
                            v += ls.cost[depot * nn + node[j]] + sufCost[j]
                            v += ls.penalty(r, load: sufLoad[j], duration: ls.time[depot * nn + node[j]] + sufTime[j])
                        }
                        if v < f[m][L] { f[m][L] = v; from[m][L] = j }
                    }
                    break
                }
                for j in 0...L where f[k][j] < .infinity {
                    if f[k][j] < f[k + 1][j] { f[k + 1][j] = f[k][j]; from[k + 1][j] = j }
                    var load = 0.0, dur = 0.0, cst = 0.0
                    var i = j
                    while i < L {
                        ls.work += 6
                        if i == j {
                            cst = ls.cost[depot * nn + node[i]]
                            dur = ls.time[depot * nn + node[i]]
                        } else {
                            cst += ls.cost[node[i - 1] * nn + node[i]]
                            dur += ls.time[node[i - 1] * nn + node[i]]
                        }
                        load += ls.demand[tour[i]]
                        dur += ls.service[tour[i]]
                        let v = f[k][j] + cst + ls.cost[node[i] * nn + depot]
                            + ls.penalty(r, load: load, duration: dur + ls.time[node[i] * nn + depot])
                        if v < f[k + 1][i + 1] { f[k + 1][i + 1] = v; from[k + 1][i + 1] = j }
                        if load > 1.5 * ls.capacity[r] || dur > 1.5 * ls.maxDuration[r] { break }
                        i += 1
                    }
                }
            }
            var end = L
            for k in stride(from: m, to: 0, by: -1) {
                let start = from[k][end]
                routes[slots[k - 1]] = Array(tour[start..<end])
                end = start
            }
        }
        return routes
    }

    // MARK: - Population

    /// Broken-pairs distance over the days, a job on another pattern counting fully.
    func distance(_ x: Individual, _ y: Individual) -> Double {
        ls.work += 12 * n
        var total = 0.0
        for j in 0..<n {
            if x.dayMask[j] != y.dayMask[j] { total += 1; continue }
            var broken = 0, visits = 0
            for d in 0..<days where x.dayMask[j] & (1 << UInt64(d)) != 0 {
                let v = d * n + j
                visits += 1
                if x.successor[v] != y.successor[v] && x.successor[v] != y.predecessor[v] { broken += 1 }
            }
            if visits > 0 { total += Double(broken) / Double(visits) }
        }
        return total / Double(max(1, n))
    }

    func add(_ x: Individual) {
        if x.feasible {
            if best.map({ x.cost < $0.cost - 1e-9 }) ?? true { best = x }
            insert(x, into: &feasible)
        } else {
            insert(x, into: &infeasible)
        }
    }

    func insert(_ x: Individual, into pop: inout Subpopulation) {
        var row: [Double] = []
        row.reserveCapacity(pop.members.count + 1)
        for k in pop.members.indices {
            let dist = distance(x, pop.members[k])
            row.append(dist)
            pop.distance[k].append(dist)
        }
        row.append(0)
        pop.members.append(x)
        pop.distance.append(row)
        if pop.members.count >= params.populationSize + params.generationSize {
            while pop.members.count > params.populationSize { removeWorst(&pop) }
        }
        updateFitness(&pop)
    }

    func updateFitness(_ pop: inout Subpopulation) {
        let size = pop.members.count
        ls.work += 12 * size * (params.closeCount + 4)
        pop.fitness = [Double](repeating: 0, count: size)
        guard size > 1 else { return }
        let costs = pop.members.map { penalised($0) }
        let byCost = (0..<size).sorted { costs[$0] != costs[$1] ? costs[$0] < costs[$1] : $0 < $1 }
        let diversity = (0..<size).map { averageCloseDistance(pop, $0) }
        var divRank = [Int](repeating: 0, count: size)
        let byDiversity = (0..<size).sorted { diversity[$0] != diversity[$1] ? diversity[$0] > diversity[$1] : $0 < $1 }
        for (r, i) in byDiversity.enumerated() { divRank[i] = r }
        let weight = 1 - Double(params.eliteCount) / Double(size)
        for (r, i) in byCost.enumerated() {
            pop.fitness[i] = Double(r) / Double(size - 1) + weight * Double(divRank[i]) / Double(size - 1)
        }
    }

    /// Mean distance of member `i` to its `closeCount` closest others.
    func averageCloseDistance(_ pop: Subpopulation, _ i: Int) -> Double {
        let k = min(params.closeCount, pop.members.count - 1)
        guard k > 0 else { return 0 }
        // The k smallest by insertion into a short sorted buffer.
        var closest = [Double](repeating: .infinity, count: k)
        for (o, dist) in pop.distance[i].enumerated() where o != i && dist < closest[k - 1] {
            var p = k - 1
            while p > 0 && closest[p - 1] > dist { closest[p] = closest[p - 1]; p -= 1 }
            closest[p] = dist
        }
        return closest.reduce(0, +) / Double(k)
    }

    /// Removes the member with the worst biased fitness, copies of another member first; never the cheapest.
    func removeWorst(_ pop: inout Subpopulation) {
        updateFitness(&pop)
        let costs = pop.members.map { penalised($0) }
        var cheapest = 0
        for k in pop.members.indices where costs[k] < costs[cheapest] { cheapest = k }
        var worst = -1
        var worstIsClone = false
        for k in pop.members.indices where k != cheapest {
            let clone = pop.distance[k].enumerated().contains { $0.offset != k && $0.element < 1e-9 }
            if worst < 0 || (clone && !worstIsClone) || (clone == worstIsClone && pop.fitness[k] > pop.fitness[worst]) {
                worst = k
                worstIsClone = clone
            }
        }
        guard worst >= 0 else { return }
        pop.members.remove(at: worst)
        pop.distance.remove(at: worst)
        for k in pop.distance.indices { pop.distance[k].remove(at: worst) }
    }

    /// Binary tournament on biased fitness over both subpopulations.
    func tournament() -> Individual {
        let total = feasible.members.count + infeasible.members.count
        func pick() -> (Individual, Double) {
            let k = rng.below(total)
            return k < feasible.members.count ? (feasible.members[k], feasible.fitness[k])
                : (infeasible.members[k - feasible.members.count], infeasible.fitness[k - feasible.members.count])
        }
        let x = pick(), y = pick()
        return x.1 <= y.1 ? x.0 : y.0
    }

    /// Every 100 children: raise a price by 20 % when fewer than `targetFeasible` − 5 % of the last children kept
    /// that limit, lower it by 15 % when more than `targetFeasible` + 5 % did.
    func adaptPenalties() {
        func adapt(_ history: [Bool], _ price: inout Double) {
            guard !history.isEmpty else { return }
            let fraction = Double(history.filter { $0 }.count) / Double(history.count)
            if fraction < params.targetFeasible - 0.05 { price = min(100_000, price * 1.2) }
            else if fraction > params.targetFeasible + 0.05 { price = max(0.1, price * 0.85) }
        }
        adapt(loadHistory, &ls.loadPenalty)
        if anyDuration { adapt(durationHistory, &ls.durationPenalty) }
        loadHistory.removeAll(keepingCapacity: true)
        durationHistory.removeAll(keepingCapacity: true)
        updateFitness(&infeasible)
    }
}
