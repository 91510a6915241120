import Foundation

/// How long and how `RoutingSearch` searches.
public struct SearchParameters: Sendable {
    public var seed: UInt64
    /// Wall-clock stop, seconds.
    public var timeLimitSeconds: Double
    /// Iteration budget; when set, the cooling schedule follows iterations (deterministic for a seed as long
    /// as the time limit is not reached); when nil, it follows the clock.
    public var maxIterations: Int?
    /// Mean number of jobs removed per ruin (SISR's c̄).
    public var averageRemoved: Double
    /// When set, each ruin draws its c̄ uniformly between `averageRemoved` and this (small and large ruins mixed).
    public var averageRemovedMax: Double?
    /// Longest string removed from one route (SISR's L^max).
    public var maxStringLength: Double
    /// Probability of skipping an insertion position (SISR's blinks).
    public var blinkRate: Double
    /// Simulated-annealing start and end temperatures; nil = scaled from the mean nearest-neighbour cost.
    public var initialTemperature: Double?
    public var finalTemperature: Double?
    /// Run the local search on every new best solution (true) or only on the final one (false).
    public var polishEveryBest: Bool
    /// Routes of at most this many stops are finally reordered optimally (0 = never).
    public var exactSequencingMaxStops: Int
    /// Include 2-opt* and swap between routes of a day in the local search.
    public var interRouteMoves: Bool
    /// The iteration budget is cut into this many annealing cycles; each starts hot again from the best solution.
    public var coolingCycles: Int = 1
    /// Population search (needs `maxIterations`; off at 1): half the budget builds this many solutions by
    /// independent annealing runs, the other half goes to `generations` children, each made by a periodic
    /// crossover of two of them (days inherited from one parent or the other, as Vidal et al. 2012's PIX)
    /// and improved by a short, cooler annealing run; a child replaces the worst solution when it is better
    /// and not a copy. Jobs marked `fixed` turn it off.
    public var populationSize: Int = 1
    public var generations: Int = 0
    /// A child's annealing starts at this fraction of the initial temperature.
    public var childTemperatureFactor: Double = 0.1
    /// Hybrid genetic search (`HybridGeneticSearch`, Vidal et al. 2012) racing the annealing search (`race`), for
    /// the problems it covers (`HybridGeneticSearch.applies(to:)`: no time rules, slot costs, visit caps or fixed
    /// jobs; one depot; symmetric travel). `maxIterations` then counts thousands of its work units
    /// (`HybridGeneticSearch.workPerIteration`) and `GeneticParameters.annealingIterations` is the annealing's
    /// budget. nil, or a problem it does not cover: annealing alone, as before.
    public var genetic: GeneticParameters?
    /// Let ruin and recreate overload vehicles at a price per unit of excess load, adapted during the search
    /// so that about a quarter of the accepted solutions keep every capacity (Vidal et al. 2012's penalised
    /// infeasibility); only solutions within every capacity become the best, and the local search stays
    /// within capacity. Off: every route keeps its capacity at every step.
    public var penaliseLoad: Bool

    public init(seed: UInt64 = 1, timeLimitSeconds: Double = 10, maxIterations: Int? = nil, averageRemoved: Double = 10,
                maxStringLength: Double = 10, blinkRate: Double = 0.01, initialTemperature: Double? = nil,
                finalTemperature: Double? = nil, polishEveryBest: Bool = true, exactSequencingMaxStops: Int = 0,
                interRouteMoves: Bool = true, penaliseLoad: Bool = false) {
        self.interRouteMoves = interRouteMoves
        self.penaliseLoad = penaliseLoad
        self.polishEveryBest = polishEveryBest
        self.exactSequencingMaxStops = exactSequencingMaxStops
        self.seed = seed
        self.timeLimitSeconds = timeLimitSeconds
        self.maxIterations = maxIterations
        self.averageRemoved = averageRemoved
        self.maxStringLength = maxStringLength
        self.blinkRate = blinkRate
        self.initialTemperature = initialTemperature
        self.finalTemperature = finalTemperature
    }
}

/// The routing engine: greedy insertion with blinks to build, then ruin-and-recreate in the style of
/// SISR (Christiaens & Vanden Berghe 2020: adjacent string removal, blinking insertion) under
/// simulated-annealing acceptance, with a local search (relocate, 2-opt) polishing every new best.
/// Periodic problems choose, for each job, the pattern whose days are cheapest to insert into.
///
/// Every route the search keeps is feasible: capacity, duration, visit cap, time windows, the break
/// (travel split around it, no service in it) and the slot's end time. Its schedules are the forward
/// pass of the slot's `DayTimeline`, run incrementally here by calling the timeline's `step`.
public final class RoutingSearch {
    let problem: RoutingProblem
    let nodeCount: Int
    let jobCount: Int
    let dayCount: Int
    private var costPtr: [UnsafeMutablePointer<Double>] = []
    /// `core` and the slots without reference counting, for the hot loops.
    let corePtr: UnsafeMutablePointer<JobCore>
    let slotsPtr: UnsafeMutablePointer<RouteSlot>
    private var timePtr: [UnsafeMutablePointer<Double>] = []
    /// Allowed slots per job and day: `allowedByDay[job * dayCount + day]`.
    let allowedByDay: [[Int]]
    /// Slots with identical parameters share a class: one empty route per class is tried.
    let slotClass: [Int]
    /// Jobs by increasing cost from each job (itself first), at most `neighbourCount`.
    let neighbours: [[Int]]
    var rng: Xoshiro256
    /// Slack of time comparisons: the timeline's.
    let eps = DayTimeline.tolerance
    /// The jobs' scalar data (no reference-counted fields: cheap to read in the hot loops).
    let core: [JobCore]
    /// `slotCostFlat[job * slotCount + slot]`; zero for jobs without slot costs.
    let slotCostFlat: [Double]
    let hasSlotCost: [Bool]
    let anySlotCost: Bool
    let slotCount: Int

    struct JobCore {
        var node: Int
        var serviceTime: Double
        var demand: Double
        var earliestStart: Double
        var latestStart: Double
        var countsAsVisit: Bool
        var fixed: Bool
        var unservedPenalty: Double
    }

    @inline(__always) func slotCostOf(_ j: Int, _ s: Int) -> Double { slotCostFlat[j * slotCount + s] }

    struct RouteState {
        var seq: [Int] = []
        var start: [Double] = []
        var latest: [Double] = []
        var load = 0.0
        /// Load above the slot's capacity (0 unless `loadPenalty` is finite).
        var excess = 0.0
        var work = 0.0
        var cost = 0.0
        var visits = 0
        /// Every hard rule kept: time windows, end time, duration, visit cap, and capacity unless it is penalised.
        var feasible = true
    }

    struct State {
        var routes: [RouteState]
        var pattern: [Int]
        /// Routing cost + unserved penalties + `loadPenalty` × total excess load.
        var cost: Double
        var excess = 0.0
    }

    /// Price per unit of excess load while penalised infeasibility is on; infinity = capacity is a hard rule.
    var loadPenalty = Double.infinity

    public init(problem: RoutingProblem, seed: UInt64 = 1, neighbourCount: Int = 60) {
        self.problem = problem
        nodeCount = problem.profiles[0].nodeCount
        jobCount = problem.jobs.count
        dayCount = max(1, (problem.slots.map(\.day).max() ?? 0) + 1,
                       (problem.jobs.flatMap { $0.patterns.flatMap { $0 } }.max() ?? 0) + 1)
        rng = Xoshiro256(seed: seed)
        let n = nodeCount
        core = problem.jobs.map { JobCore(node: $0.node, serviceTime: $0.serviceTime, demand: $0.demand,
                                          earliestStart: $0.earliestStart, latestStart: $0.latestStart,
                                          countsAsVisit: $0.countsAsVisit, fixed: $0.fixed, unservedPenalty: $0.unservedPenalty) }
        slotCount = problem.slots.count
        corePtr = UnsafeMutablePointer<JobCore>.allocate(capacity: max(1, core.count))
        corePtr.initialize(from: core, count: core.count)
        slotsPtr = UnsafeMutablePointer<RouteSlot>.allocate(capacity: max(1, problem.slots.count))
        slotsPtr.initialize(from: problem.slots, count: problem.slots.count)
        var flat = [Double](repeating: 0, count: problem.jobs.count * problem.slots.count)
        for (j, job) in problem.jobs.enumerated() {
            if let sc = job.slotCost { for (k, v) in sc.enumerated() { flat[j * problem.slots.count + k] = v } }
        }
        slotCostFlat = flat
        hasSlotCost = problem.jobs.map { $0.slotCost != nil }
        anySlotCost = hasSlotCost.contains(true)
        for prof in problem.profiles {
            let c = UnsafeMutablePointer<Double>.allocate(capacity: n * n)
            let t = UnsafeMutablePointer<Double>.allocate(capacity: n * n)
            let src = problem.objective == .distance ? prof.distance : prof.time
            for i in 0..<(n * n) { c[i] = src[i]; t[i] = prof.time[i] }
            costPtr.append(c)
            timePtr.append(t)
        }
        var allowed = [[Int]](repeating: [], count: max(1, problem.jobs.count * dayCount))
        var byDay = [[Int]](repeating: [], count: dayCount)
        for (s, slot) in problem.slots.enumerated() { byDay[slot.day].append(s) }
        for (j, job) in problem.jobs.enumerated() {
            for d in Set(job.patterns.flatMap { $0 }) {
                allowed[j * dayCount + d] = byDay[d].filter { s in (job.slotCost?[s] ?? 0) < .infinity }
            }
        }
        allowedByDay = allowed
        var classes: [String: Int] = [:]
        slotClass = problem.slots.map { s in
            let key = "\(s.day)|\(s.startNode)|\(s.endNode)|\(s.earliestStart)|\(s.latestEnd)|\(s.breakInterval.map { "\($0.start)-\($0.end)" } ?? "")|\(s.profile)|\(s.capacity)|\(s.maxDuration)|\(s.maxVisits)"
            if let c = classes[key] { return c }
            classes[key] = classes.count
            return classes.count - 1
        }
        // Neighbours by symmetric cost of the first profile.
        let c0 = problem.objective == .distance ? problem.profiles[0].distance : problem.profiles[0].time
        let k = min(neighbourCount, problem.jobs.count)
        neighbours = problem.jobs.indices.map { a in
            let na = problem.jobs[a].node
            let order = problem.jobs.indices.sorted { x, y in
                let dx = c0[na * n + problem.jobs[x].node] + c0[problem.jobs[x].node * n + na]
                let dy = c0[na * n + problem.jobs[y].node] + c0[problem.jobs[y].node * n + na]
                return dx != dy ? dx < dy : (x == a ? true : (y == a ? false : x < y))
            }
            return Array(order.prefix(k))
        }
    }

    deinit {
        corePtr.deallocate()
        slotsPtr.deallocate()
        for p in costPtr { p.deallocate() }
        for p in timePtr { p.deallocate() }
    }

    // MARK: - Timing

    @inline(__always) func cost(_ s: Int, _ a: Int, _ b: Int) -> Double { costPtr[slotsPtr[s].profile][a * nodeCount + b] }
    @inline(__always) func time(_ s: Int, _ a: Int, _ b: Int) -> Double { timePtr[slotsPtr[s].profile][a * nodeCount + b] }

    /// Recomputes a route's schedule (the timeline's forward pass), totals and feasibility.
    func refresh(_ r: inout RouteState, slot s: Int) {
        let slot = slotsPtr[s]
        let day = slot.timeline
        r.start.removeAll(keepingCapacity: true)
        r.load = 0; r.work = 0; r.cost = 0; r.visits = 0; r.feasible = true
        var t = slot.earliestStart
        var prev = slot.startNode
        for j in r.seq {
            let job = corePtr[j]
            let d = time(s, prev, job.node)
            let st = day.step(leave: t, travel: d, opens: job.earliestStart, duration: job.serviceTime)
            if st > job.latestStart + eps { r.feasible = false }
            r.start.append(st)
            t = st + job.serviceTime
            r.work += d + job.serviceTime
            r.cost += cost(s, prev, job.node) + (slotCostOf(j, s))
            r.load += job.demand
            if job.countsAsVisit { r.visits += 1 }
            prev = job.node
        }
        if !r.seq.isEmpty {
            let d = time(s, prev, slot.endNode)
            r.work += d
            r.cost += cost(s, prev, slot.endNode)
            if day.arrival(depart: t, travel: d) > slot.latestEnd + eps { r.feasible = false }
        }
        r.excess = r.load > slot.capacity + eps ? r.load - slot.capacity : 0
        if (r.excess > 0 && loadPenalty == .infinity) || r.work > slot.maxDuration + eps || r.visits > slot.maxVisits {
            r.feasible = false
        }
        // Latest service starts (valid without a break; with one, insertions are simulated).
        if r.latest.count != r.seq.count { r.latest = [Double](repeating: 0, count: r.seq.count) }
        var next = slot.endNode
        var lat = slot.latestEnd
        for k in stride(from: r.seq.count - 1, through: 0, by: -1) {
            let job = corePtr[r.seq[k]]
            lat = min(job.latestStart, lat - job.serviceTime - time(s, job.node, next))
            r.latest[k] = lat
            next = job.node
        }
    }

    /// Whether inserting job `j` at `pos` keeps the route's schedule feasible (capacity etc. checked by the caller).
    /// `seq`, `start` and `latest` are the route's arrays.
    @inline(__always) func timeFeasible(_ seq: UnsafeBufferPointer<Int>, _ start: UnsafeBufferPointer<Double>,
                                        _ latest: UnsafeBufferPointer<Double>, slot s: Int, job j: Int, at pos: Int) -> Bool {
        let slot = slotsPtr[s]
        let day = slot.timeline
        let job = corePtr[j]
        let count = seq.count
        let prevNode = pos == 0 ? slot.startNode : corePtr[seq[pos - 1]].node
        let dep = pos == 0 ? slot.earliestStart : start[pos - 1] + corePtr[seq[pos - 1]].serviceTime
        if slot.breakInterval == nil {
            // Without a break the step is `max(leave + travel, opens)`, and the latest starts bound the rest.
            let st = day.step(leave: dep, travel: time(s, prevNode, job.node), opens: job.earliestStart,
                              duration: job.serviceTime)
            if st > job.latestStart + eps { return false }
            let nextNode = pos == count ? slot.endNode : corePtr[seq[pos]].node
            let arr = st + job.serviceTime + time(s, job.node, nextNode)
            let lat = pos == count ? slot.latestEnd : latest[pos]
            return arr <= lat + eps
        }
        var t = dep
        var prev = prevNode
        var st = day.step(leave: t, travel: time(s, prev, job.node), opens: job.earliestStart, duration: job.serviceTime)
        if st > job.latestStart + eps { return false }
        t = st + job.serviceTime
        prev = job.node
        var k = pos
        while k < count {
            let o = corePtr[seq[k]]
            st = day.step(leave: t, travel: time(s, prev, o.node), opens: o.earliestStart, duration: o.serviceTime)
            if st > o.latestStart + eps { return false }
            if st <= start[k] + eps { return true }  // back on the old schedule from here
            t = st + o.serviceTime
            prev = o.node
            k += 1
        }
        return day.arrival(depart: t, travel: time(s, prev, slot.endNode)) <= slot.latestEnd + eps
    }

    // MARK: - Insertion

    struct Insertion { var slot: Int; var pos: Int; var delta: Double }

    /// The cheapest feasible insertion of job `j` into the routes of `day` (with `loadPenalty` finite, an
    /// overloaded route is allowed at that price per unit of new excess).
    func bestInsertion(of j: Int, day: Int, in state: State, blink: Bool) -> Insertion? {
        let job = corePtr[j]
        var best: Insertion?
        var bestDelta = Double.infinity
        // Empty routes of one class are interchangeable: try one (unless the job has slot costs).
        var triedMask: UInt64 = 0
        var triedMore: [Int] = []
        var g = rng
        defer { rng = g }
        let blinkRate = blink ? params.blinkRate : 0
        let n = nodeCount
        let jn = job.node
        let jobHasSlotCost = hasSlotCost[j]
        let penalty = loadPenalty
        state.routes.withUnsafeBufferPointer { routes in
            for s in allowedByDay[j * dayCount + day] {
                let slot = slotsPtr[s]
                let count = routes[s].seq.count
                if count == 0 && !jobHasSlotCost {
                    let c = slotClass[s]
                    if c < 64 {
                        if triedMask & (1 << UInt64(c)) != 0 { continue }
                        triedMask |= 1 << UInt64(c)
                    } else {
                        if triedMore.contains(c) { continue }
                        triedMore.append(c)
                    }
                }
                let load = routes[s].load
                var sc = slotCostFlat[j * slotCount + s]
                if load + job.demand > slot.capacity + eps {
                    guard penalty < .infinity else { continue }
                    sc += penalty * (load + job.demand - slot.capacity - routes[s].excess)
                }
                if job.countsAsVisit && routes[s].visits + 1 > slot.maxVisits { continue }
                let cp = costPtr[slot.profile], tp = timePtr[slot.profile]
                let work = routes[s].work
                let limitedDuration = slot.maxDuration < .infinity
                routes[s].seq.withUnsafeBufferPointer { seq in
                    routes[s].start.withUnsafeBufferPointer { start in
                        routes[s].latest.withUnsafeBufferPointer { latest in
                            var a = slot.startNode
                            for pos in 0...count {
                                let b = pos == count ? slot.endNode : corePtr[seq[pos]].node
                                defer { a = b }
                                if blinkRate > 0 && g.unit() < blinkRate { continue }
                                var delta = cp[a * n + jn] + cp[jn * n + b] + sc
                                if count > 0 { delta -= cp[a * n + b] }
                                if delta >= bestDelta { continue }
                                if limitedDuration {
                                    var w = work + job.serviceTime + tp[a * n + jn] + tp[jn * n + b]
                                    if count > 0 { w -= tp[a * n + b] }
                                    if w > slot.maxDuration + eps { continue }
                                }
                                if !timeFeasible(seq, start, latest, slot: s, job: j, at: pos) { continue }
                                bestDelta = delta
                                best = Insertion(slot: s, pos: pos, delta: delta)
                            }
                        }
                    }
                }
            }
        }
        return best
    }

    /// Inserts `j` choosing its cheapest pattern; false when no pattern fits.
    @discardableResult
    func insert(_ j: Int, into state: inout State, blink: Bool) -> Bool {
        let patterns = problem.jobs[j].patterns
        // Best insertion per day, computed once per day the job's patterns name.
        var dayDone = [Bool](repeating: false, count: dayCount)
        var perDay = [Insertion?](repeating: nil, count: dayCount)
        var bestPattern = -1
        var bestCost = Double.infinity
        for (q, days) in patterns.enumerated() {
            var total = 0.0
            var ok = true
            for d in days {
                if !dayDone[d] { perDay[d] = bestInsertion(of: j, day: d, in: state, blink: blink); dayDone[d] = true }
                guard let ins = perDay[d] else { ok = false; break }
                total += ins.delta
            }
            if ok && total < bestCost { bestCost = total; bestPattern = q }
        }
        guard bestPattern >= 0 else { return false }
        for d in patterns[bestPattern] {
            let ins = perDay[d]!
            state.routes[ins.slot].seq.insert(j, at: ins.pos)
            refresh(&state.routes[ins.slot], slot: ins.slot)
            state.cost += ins.delta
        }
        state.pattern[j] = bestPattern
        state.cost -= corePtr[j].unservedPenalty
        return true
    }

    /// Slots currently holding job `j`.
    func slots(of j: Int, in state: State) -> [Int] {
        let q = state.pattern[j]
        guard q >= 0 else { return [] }
        var result: [Int] = []
        for d in problem.jobs[j].patterns[q] {
            for s in allowedByDay[j * dayCount + d] where state.routes[s].seq.contains(j) { result.append(s); break }
        }
        return result
    }

    /// Takes job `j` out of every route; returns the touched slots (not yet refreshed).
    func remove(_ j: Int, from state: inout State) -> [Int] {
        let touched = slots(of: j, in: state)
        for s in touched {
            if let i = state.routes[s].seq.firstIndex(of: j) { state.routes[s].seq.remove(at: i) }
        }
        state.pattern[j] = -1
        return touched
    }

    func recomputeCost(_ state: inout State) {
        var c = 0.0, x = 0.0
        for r in state.routes { c += r.cost; x += r.excess }
        for j in 0..<jobCount where state.pattern[j] < 0 { c += core[j].unservedPenalty }
        state.excess = x
        state.cost = x > 0 ? c + loadPenalty * x : c
    }

    // MARK: - Ruin and recreate

    func ruin(_ state: inout State) -> [Int] {
        let served = (0..<jobCount).filter { state.pattern[$0] >= 0 && !core[$0].fixed }
        guard !served.isEmpty else { return [] }
        var stops = 0, nonEmpty = 0
        for k in state.routes.indices where !state.routes[k].seq.isEmpty { stops += state.routes[k].seq.count; nonEmpty += 1 }
        let avgLen = Double(stops) / Double(max(1, nonEmpty))
        let lsMax = min(params.maxStringLength, max(1, avgLen))
        var cBar = params.averageRemoved
        if let hi = params.averageRemovedMax, hi > cBar { cBar += rng.unit() * (hi - cBar) }
        let ksMax = max(1, 4 * cBar / (1 + lsMax) - 1)
        let ks = Int(rng.unit() * ksMax) + 1
        let seed = served[rng.below(served.count)]
        var removed: [Int] = []
        var isRemoved = [Bool](repeating: false, count: jobCount)
        var ruined = Set<Int>()
        var touched = Set<Int>()
        for c in neighbours[seed] {
            if ruined.count >= ks { break }
            if isRemoved[c] || state.pattern[c] < 0 || core[c].fixed { continue }
            let routesOfC = slots(of: c, in: state).filter { !ruined.contains($0) }
            guard !routesOfC.isEmpty else { continue }
            let s = routesOfC[rng.below(routesOfC.count)]
            let seq = state.routes[s].seq
            let idx = seq.firstIndex(of: c)!
            let lMax = min(Double(seq.count), lsMax)
            let l = min(seq.count, Int(rng.unit() * lMax) + 1)
            var victims: [Int]
            if rng.unit() < 0.5 || seq.count <= l {
                let lo = max(0, idx - l + 1), hi = min(idx, seq.count - l)
                let from = lo + rng.below(hi - lo + 1)
                victims = Array(seq[from..<(from + l)])
            } else {
                var m = 1
                while m < seq.count - l && rng.unit() > 0.01 { m += 1 }
                let total = l + m
                let lo = max(0, idx - total + 1), hi = min(idx, seq.count - total)
                let from = lo + rng.below(max(1, hi - lo + 1))
                let keepAt = rng.below(l + 1)
                victims = []
                for (o, x) in seq[from..<min(seq.count, from + total)].enumerated() where !(o >= keepAt && o < keepAt + m) {
                    victims.append(x)
                }
            }
            for v in victims where !isRemoved[v] && !core[v].fixed {
                isRemoved[v] = true
                removed.append(v)
                for t in remove(v, from: &state) { touched.insert(t) }
            }
            ruined.insert(s)
        }
        for s in touched.sorted() {
            refresh(&state.routes[s], slot: s)
            if !state.routes[s].feasible {
                // Without the triangle inequality a removal can delay the rest: empty the route of movable jobs.
                for v in state.routes[s].seq where !core[v].fixed && !isRemoved[v] {
                    isRemoved[v] = true
                    removed.append(v)
                    for t in remove(v, from: &state) where t != s { refresh(&state.routes[t], slot: t) }
                }
                refresh(&state.routes[s], slot: s)
            }
        }
        recomputeCost(&state)
        return removed
    }

    func sortForInsertion(_ jobs: inout [Int]) {
        let pick = rng.below(11)
        let depot = problem.slots.first?.startNode ?? 0
        let c0 = problem.objective == .distance ? problem.profiles[0].distance : problem.profiles[0].time
        if pick < 4 {
            for i in stride(from: jobs.count - 1, to: 0, by: -1) { jobs.swapAt(i, rng.below(i + 1)) }
        } else if pick < 8 {
            jobs.sort { a, b in
                let da = core[a].demand, db = core[b].demand
                return da != db ? da > db : a < b
            }
        } else if pick < 10 {
            jobs.sort { a, b in
                let da = c0[depot * nodeCount + core[a].node], db = c0[depot * nodeCount + core[b].node]
                return da != db ? da > db : a < b
            }
        } else {
            jobs.sort { a, b in
                let da = c0[depot * nodeCount + core[a].node], db = c0[depot * nodeCount + core[b].node]
                return da != db ? da < db : a < b
            }
        }
        // Fixed jobs first keep pinned stops placeable; the stable sort keeps the order above among the rest.
        jobs.sort { a, b in core[a].fixed && !core[b].fixed }
    }

    func recreate(_ state: inout State, _ removed: [Int]) {
        var todo = removed
        for j in 0..<jobCount where state.pattern[j] < 0 && !removed.contains(j) { todo.append(j) }
        sortForInsertion(&todo)
        for j in todo { insert(j, into: &state, blink: true) }
    }

    // MARK: - Solve

    private(set) var params = SearchParameters()

    /// Builds a solution and improves it until the iteration budget or the time limit is used up.
    public func solve(_ parameters: SearchParameters, initialRoutes: [[Int]]? = nil) -> RoutingSolution {
        params = parameters
        rng = Xoshiro256(seed: parameters.seed)
        loadPenalty = .infinity
        let clock = ContinuousClock()
        let began = clock.now
        func elapsed() -> Double {
            let d = clock.now - began
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let genetic = parameters.genetic.flatMap { HybridGeneticSearch.applies(to: problem) ? $0 : nil }
        var state = State(routes: [RouteState](repeating: RouteState(), count: problem.slots.count),
                          pattern: [Int](repeating: -1, count: jobCount), cost: 0)
        recomputeCost(&state)
        // Construction: fixed jobs in the given order, then the rest by decreasing distance from the depot.
        var order = Array(0..<jobCount)
        let depot = problem.slots.first?.startNode ?? 0
        let c0 = problem.objective == .distance ? problem.profiles[0].distance : problem.profiles[0].time
        order.sort { a, b in
            let fa = core[a].fixed, fb = core[b].fixed
            if fa != fb { return fa }
            if fa { return a < b }
            let da = c0[depot * nodeCount + core[a].node], db = c0[depot * nodeCount + core[b].node]
            return da != db ? da > db : a < b
        }
        for j in order { insert(j, into: &state, blink: false) }
        recomputeCost(&state)
        localSearch(&state)
        var iterations = 0
        let nn = meanNearestCost()
        let t0 = parameters.initialTemperature ?? max(1e-3, 10 * nn)
        let tf = parameters.finalTemperature ?? max(1e-4, 0.1 * nn)
        let movable = (0..<jobCount).contains { !core[$0].fixed }
        let anyFixed = (0..<jobCount).contains { core[$0].fixed }
        var best = state
        if let g = genetic, movable {
            let (raced, done) = race(from: state, genetic: g, t0: t0, tf: tf, elapsed: elapsed)
            best = raced
            iterations = done
        } else if movable {
            let budget = parameters.maxIterations
            if let total = budget, parameters.populationSize > 1, parameters.generations > 0, !anyFixed {
                best = evolve(from: state, budget: total, t0: t0, tf: tf, iterations: &iterations, elapsed: elapsed)
            } else {
                best = anneal(from: state, budget: budget, t0: t0, tf: tf, iterations: &iterations, elapsed: elapsed)
            }
        }
        loadPenalty = .infinity
        if !parameters.polishEveryBest { localSearch(&best) }
        if parameters.exactSequencingMaxStops >= 3 { sequenceExactly(&best, maxStops: parameters.exactSequencingMaxStops) }
        return export(best, iterations: iterations)
    }

    /// The periodic search when the genetic search applies: a pilot of each engine on a quarter of its budget
    /// (the first `populationSize / 2` annealing runs of `evolve`, and the genetic search for `pilotShare` of its
    /// work), then the engine whose pilot found the cheaper solution gets the rest of its budget — the genetic
    /// search taking the annealing's best into its population, or `evolve` going on from its pilot runs. Both
    /// are counted by work, so the race is decided the same way on any machine. Returns the best solution and
    /// the work done in thousands of genetic work units (annealing iterations at the rate of
    /// `maxIterations / annealingIterations`), below `maxIterations` only when the clock stopped a phase.
    func race(from start: State, genetic g: GeneticParameters, t0: Double, tf: Double,
              elapsed: () -> Double) -> (State, Int) {
        let limit = params.timeLimitSeconds
        let work = (params.maxIterations ?? Int.max / HybridGeneticSearch.workPerIteration)
        let budget = work.multipliedReportingOverflow(by: HybridGeneticSearch.workPerIteration)
        let fullWork = budget.overflow ? Int.max : budget.partialValue
        let annealBudget = g.annealingIterations
        if annealBudget == 0 {
            let hgs = HybridGeneticSearch(problem: problem, parameters: g, seed: params.seed)
            let found = hgs.run(work: fullWork, stop: { elapsed() >= limit }).map { state(of: $0, in: hgs) }
            var done = hgs.ls.work / HybridGeneticSearch.workPerIteration
            if hgs.ls.work < fullWork { done = min(done, work - 1) }
            return (found ?? start, done)
        }
        let size = max(2, params.populationSize)
        let pilotRuns = size / 2
        var annealed = 0
        var pool = annealingRuns(from: start, budget: annealBudget, runs: 0..<pilotRuns, t0: t0, tf: tf,
                                 iterations: &annealed, elapsed: elapsed)
        var annealBest = pool.min { $0.cost < $1.cost } ?? start
        let pilotAnneal = annealed
        let hgs = HybridGeneticSearch(problem: problem, parameters: g, seed: params.seed)
        let pilotWork = Int(Double(fullWork) * g.pilotShare)
        var geneticBest = hgs.run(work: pilotWork, stop: { elapsed() >= limit }).map { state(of: $0, in: hgs) }
        var finished: Bool
        if let gb = geneticBest, gb.cost <= annealBest.cost + 1e-9 {
            hgs.seed(routes: annealBest.routes.map(\.seq))
            geneticBest = hgs.run(work: fullWork, stop: { elapsed() >= limit }).map { state(of: $0, in: hgs) }
            finished = hgs.ls.work >= fullWork && pilotAnneal >= annealBudget / 2 * pilotRuns / size
        } else {
            pool += annealingRuns(from: start, budget: annealBudget, runs: pilotRuns..<size, t0: t0, tf: tf,
                                  iterations: &annealed, elapsed: elapsed)
            annealBest = breed(pool, budget: annealBudget, t0: t0, tf: tf, iterations: &annealed, elapsed: elapsed)
            finished = annealed >= annealBudget && hgs.ls.work >= pilotWork
        }
        var best = annealBest
        if let gb = geneticBest, gb.cost < best.cost - 1e-9 { best = gb }
        let rate = Double(work) / Double(max(1, annealBudget))
        var done = hgs.ls.work / HybridGeneticSearch.workPerIteration + Int(Double(annealed) * rate)
        if !finished { done = min(done, work - 1) }
        return (best, done)
    }

    /// A genetic individual as a search state.
    func state(of found: HybridGeneticSearch.Individual, in hgs: HybridGeneticSearch) -> State {
        var s = State(routes: [RouteState](repeating: RouteState(), count: problem.slots.count),
                      pattern: [Int](repeating: -1, count: jobCount), cost: 0)
        for k in 0..<slotCount {
            s.routes[k].seq = found.routes[k]
            refresh(&s.routes[k], slot: k)
        }
        for j in 0..<jobCount { s.pattern[j] = hgs.ls.patternMasks[j].firstIndex(of: found.dayMask[j]) ?? -1 }
        recomputeCost(&s)
        return s
    }

    /// Simulated annealing over ruin and recreate from `start` for `budget` iterations (nil: until the time
    /// limit, the cooling following the clock); returns the best solution within every capacity.
    /// `iterations` counts across calls; the time limit (`elapsed()` against `params.timeLimitSeconds`) stops it early.
    func anneal(from start: State, budget: Int?, t0: Double, tf: Double, iterations: inout Int,
                elapsed: () -> Double) -> State {
        let parameters = params
        var best = start
        var current = start
        var done = 0
        // Penalised infeasibility: start at the routing cost of one unit of demand, then adapt every 100
        // iterations towards 20–40 % of candidates within every capacity.
        let hasCapacity = problem.slots.contains { $0.capacity < .infinity }
        let penalising = parameters.penaliseLoad && hasCapacity
        var feasibleInWindow = 0
        var currentCycle = 0.0
        let began = elapsed()
        loadPenalty = .infinity
        if penalising {
            let demand = core.indices.reduce(0.0) { $0 + core[$1].demand * Double(problem.jobs[$1].patterns.first?.count ?? 1) }
            let routing = best.routes.reduce(0.0) { $0 + $1.cost }
            loadPenalty = demand > 0 ? max(1e-3, routing / max(1e-9, demand)) : 1
            loadPenalty = min(loadPenalty, 1e6)
        }
        while true {
            if let m = budget, done >= m { break }
            if (done & 15) == 0 && elapsed() >= parameters.timeLimitSeconds { break }
            var progress: Double
            if let m = budget { progress = Double(done) / Double(max(1, m)) }
            else { progress = min(1, (elapsed() - began) / max(1e-9, parameters.timeLimitSeconds - began)) }
            if parameters.coolingCycles > 1 {
                let c = Double(parameters.coolingCycles)
                let cycle = min(c - 1, (progress * c).rounded(.down))
                if cycle > currentCycle { currentCycle = cycle; current = best; recomputeCost(&current) }
                progress = progress * c - cycle
            }
            let temperature = t0 * pow(tf / t0, progress)
            var cand = current
            let removed = ruin(&cand)
            recreate(&cand, removed)
            recomputeCost(&cand)
            done += 1
            iterations += 1
            if penalising {
                if cand.excess == 0 { feasibleInWindow += 1 }
                if done % 100 == 0 {
                    if feasibleInWindow < 20 { loadPenalty = min(1e6, loadPenalty * 1.2) }
                    else if feasibleInWindow > 40 { loadPenalty = max(1e-3, loadPenalty * 0.85) }
                    feasibleInWindow = 0
                    recomputeCost(&current)
                    recomputeCost(&cand)
                }
            }
            if cand.cost < current.cost - temperature * log(max(1e-300, rng.unit())) {
                current = cand
                if current.excess == 0 && current.cost < best.cost - 1e-9 {
                    if parameters.polishEveryBest {
                        let price = loadPenalty
                        loadPenalty = .infinity
                        localSearch(&current)
                        loadPenalty = price
                    }
                    best = current
                }
            }
        }
        loadPenalty = .infinity
        return best
    }

    /// The population search of `SearchParameters.populationSize`: independent annealing runs, then children
    /// of periodic crossover each improved by a short annealing run. Deterministic for a seed and budget.
    func evolve(from start: State, budget: Int, t0: Double, tf: Double, iterations: inout Int,
                elapsed: () -> Double) -> State {
        let pool = annealingRuns(from: start, budget: budget, runs: 0..<params.populationSize, t0: t0, tf: tf,
                                 iterations: &iterations, elapsed: elapsed)
        return breed(pool, budget: budget, t0: t0, tf: tf, iterations: &iterations, elapsed: elapsed)
    }

    /// The first half of `evolve`: annealing runs `runs` (of `populationSize`), each its share of half of `budget`.
    func annealingRuns(from start: State, budget: Int, runs: Range<Int>, t0: Double, tf: Double, iterations: inout Int,
                       elapsed: () -> Double) -> [State] {
        let size = params.populationSize
        let firstHalf = budget / 2
        var pool: [State] = []
        for k in runs {
            let share = firstHalf * (k + 1) / size - firstHalf * k / size
            pool.append(anneal(from: start, budget: share, t0: t0, tf: tf, iterations: &iterations, elapsed: elapsed))
            if elapsed() >= params.timeLimitSeconds { break }
        }
        return pool
    }

    /// The second half of `evolve`: `generations` children of crossover, each annealed with its share of the
    /// half of `budget`; returns the best of the pool.
    func breed(_ start: [State], budget: Int, t0: Double, tf: Double, iterations: inout Int,
               elapsed: () -> Double) -> State {
        var pool = start
        let generations = params.generations
        let rest = budget - budget / 2
        let childT0 = max(tf, t0 * params.childTemperatureFactor)
        for g in 0..<generations where pool.count >= 2 {
            if elapsed() >= params.timeLimitSeconds { break }
            let a = rng.below(pool.count)
            var b = rng.below(pool.count - 1)
            if b >= a { b += 1 }
            let share = rest * (g + 1) / generations - rest * g / generations
            let child = anneal(from: crossover(pool[a], pool[b]), budget: share, t0: childT0, tf: tf,
                               iterations: &iterations, elapsed: elapsed)
            var worst = 0
            for k in pool.indices where pool[k].cost > pool[worst].cost { worst = k }
            let copy = pool.contains { abs($0.cost - child.cost) < 1e-6 }
            if !copy && child.cost < pool[worst].cost - 1e-9 { pool[worst] = child }
        }
        var best = pool[0]
        for p in pool where p.cost < best.cost - 1e-9 { best = p }
        return best
    }

    /// Periodic crossover: a random set of days is inherited whole from `a`; on the other days `b`'s routes
    /// are followed in order, keeping a visit when the job's days so far still fit one of its patterns.
    /// Jobs whose days do not make a whole pattern are taken out and re-inserted at their cheapest pattern.
    func crossover(_ a: State, _ b: State) -> State {
        var days = Array(0..<dayCount)
        for i in stride(from: days.count - 1, to: 0, by: -1) { days.swapAt(i, rng.below(i + 1)) }
        // Between one day and all but one from `a` (a single-day problem takes its one day from either parent).
        let inherited = dayCount >= 2 ? 1 + rng.below(dayCount - 1) : rng.below(2)
        var fromA = [Bool](repeating: false, count: dayCount)
        for d in days.prefix(inherited) { fromA[d] = true }
        var visited = [[Int]](repeating: [], count: jobCount)
        var seqs = [[Int]](repeating: [], count: slotCount)
        for s in 0..<slotCount where fromA[slotsPtr[s].day] {
            seqs[s] = a.routes[s].seq
            for j in seqs[s] { visited[j].append(slotsPtr[s].day) }
        }
        for s in 0..<slotCount where !fromA[slotsPtr[s].day] {
            let d = slotsPtr[s].day
            for j in b.routes[s].seq {
                let wanted = visited[j] + [d]
                if problem.jobs[j].patterns.contains(where: { p in wanted.allSatisfy { p.contains($0) } }) {
                    seqs[s].append(j)
                    visited[j].append(d)
                }
            }
        }
        var child = State(routes: [RouteState](repeating: RouteState(), count: slotCount),
                          pattern: [Int](repeating: -1, count: jobCount), cost: 0)
        var whole = [Bool](repeating: false, count: jobCount)
        for j in 0..<jobCount where !visited[j].isEmpty {
            let set = visited[j].sorted()
            if let q = problem.jobs[j].patterns.firstIndex(of: set) { child.pattern[j] = q; whole[j] = true }
        }
        let price = loadPenalty
        loadPenalty = .infinity
        for s in 0..<slotCount {
            child.routes[s].seq = seqs[s].filter { whole[$0] }
            refresh(&child.routes[s], slot: s)
        }
        // A route made infeasible by its missing stops (no triangle inequality) gives its jobs back.
        for s in 0..<slotCount where !child.routes[s].feasible {
            for j in child.routes[s].seq where child.pattern[j] >= 0 {
                for t in remove(j, from: &child) where t != s { refresh(&child.routes[t], slot: t) }
            }
            refresh(&child.routes[s], slot: s)
        }
        recomputeCost(&child)
        recreate(&child, [])
        recomputeCost(&child)
        loadPenalty = price
        return child
    }

    func meanNearestCost() -> Double {
        guard jobCount > 1 else { return 1 }
        var total = 0.0
        let c0 = problem.objective == .distance ? problem.profiles[0].distance : problem.profiles[0].time
        for j in 0..<jobCount {
            let a = core[j].node
            var m = Double.infinity
            for k in neighbours[j].prefix(6) where k != j {
                m = min(m, c0[a * nodeCount + core[k].node])
            }
            if m < .infinity { total += m }
        }
        return max(1e-3, total / Double(jobCount))
    }

    func export(_ state: State, iterations: Int) -> RoutingSolution {
        var routes: [SolvedRoute] = []
        var routing = 0.0
        for (s, r) in state.routes.enumerated() where !r.seq.isEmpty {
            routes.append(SolvedRoute(slot: s, jobs: r.seq, serviceStarts: r.start))
            routing += r.cost
        }
        let patterns: [Int?] = state.pattern.map { $0 >= 0 ? $0 : nil }
        return RoutingSolution(routes: routes, patternOfJob: patterns,
                               unserved: (0..<jobCount).filter { state.pattern[$0] < 0 },
                               routingCost: routing, iterations: iterations)
    }
}

