import Foundation

/// The education of `HybridGeneticSearch` (Vidal, Crainic, Gendreau, Lahrichi & Rei 2012): route improvement
/// (RI) on every day by a granular local search — relocate of one or two stops (also reversed), swap of
/// one or two stops, 2-opt inside a route and both kinds of 2-opt* between routes of a day, each move only
/// towards one of the stop's nearest neighbours served that day — then pattern improvement (PI): every job
/// moved to the visit-day pattern whose new days are cheapest to insert into and whose old days save most.
///
/// Load above a route's capacity and duration above its limit are allowed at a price per unit
/// (`loadPenalty`, `durationPenalty`); the search minimises distance plus these prices. Every move is
/// priced in O(1) from each route's running totals (load, duration and cost up to each stop), and only the
/// one or two routes a move touches are recomputed. Problems with time windows, breaks, slot costs or
/// visit caps are not searched here (see `HybridGeneticSearch.applies(to:)`).
///
/// Nodes: the visit of job `j` on day `d` is node `d·n + j`; route (slot) `r` has a start depot node
/// `D·n + 2r` and an end depot node `D·n + 2r + 1`. Work (pairs of stops and insertion positions priced)
/// is counted in `work`, which the genetic search uses as its budget instead of the clock.
final class GranularLocalSearch {
    let n: Int
    let days: Int
    let slotCount: Int
    let nodeTotal: Int
    let matrixSize: Int
    let cost: UnsafeMutablePointer<Double>
    let time: UnsafeMutablePointer<Double>
    /// Problem node of each search node.
    let geo: UnsafeMutablePointer<Int>
    let demand: [Double]
    let service: [Double]
    let capacity: [Double]
    let maxDuration: [Double]
    let slotDay: [Int]
    let slotsOfDay: [[Int]]
    /// Pattern day masks per job.
    let patternMasks: [[UInt64]]
    /// The nearest jobs of each job (by cost), itself excluded: `neighbourStride` jobs from
    /// `neighbour[job * neighbourStride]`.
    let neighbour: UnsafeMutablePointer<Int32>
    let neighbourStride: Int
    let demandOf: UnsafeMutablePointer<Double>
    let serviceOf: UnsafeMutablePointer<Double>
    let granularity: Int

    // Search state: pointers (not arrays or stored `var`s of the class) keep the hot loops free of
    // reference counting and exclusivity checks.
    let next: UnsafeMutablePointer<Int32>
    let prev: UnsafeMutablePointer<Int32>
    let routeOf: UnsafeMutablePointer<Int32>
    let position: UnsafeMutablePointer<Int32>
    let cumLoad: UnsafeMutablePointer<Double>
    let cumTime: UnsafeMutablePointer<Double>
    let cumCost: UnsafeMutablePointer<Double>
    let active: UnsafeMutablePointer<Bool>
    let lastTested: UnsafeMutablePointer<Int>
    let routeLoad: UnsafeMutablePointer<Double>
    let routeTime: UnsafeMutablePointer<Double>
    let routeCost: UnsafeMutablePointer<Double>
    let routePenalty: UnsafeMutablePointer<Double>
    let routeCount: UnsafeMutablePointer<Int>
    let routeModified: UnsafeMutablePointer<Int>
    let capacityOf: UnsafeMutablePointer<Double>
    let maxDurationOf: UnsafeMutablePointer<Double>
    /// Days each job is served on.
    let dayMask: UnsafeMutablePointer<UInt64>

    /// Cheapest insertion of each job into each route (`job * slotCount + route`), valid while the route's
    /// `routeModified` and the prices are those it was computed with (`insertionStamp`).
    let insertionDelta: UnsafeMutablePointer<Double>
    let insertionAfter: UnsafeMutablePointer<Int32>
    let insertionStamp: UnsafeMutablePointer<Int>

    struct Counters {
        var loadPenalty = 1.0
        var durationPenalty = 1.0
        var moves = 0
        var work = 0
    }
    let counters: UnsafeMutablePointer<Counters>
    /// Price per unit of load above a route's capacity.
    var loadPenalty: Double { get { counters.pointee.loadPenalty } set { counters.pointee.loadPenalty = newValue } }
    /// Price per unit of duration above a route's limit.
    var durationPenalty: Double { get { counters.pointee.durationPenalty } set { counters.pointee.durationPenalty = newValue } }
    /// Route changes so far (each route remembers when it last changed).
    var moves: Int { get { counters.pointee.moves } set { counters.pointee.moves = newValue } }
    /// Work units spent: pairs of stops, insertion positions and Split steps priced.
    var work: Int { get { counters.pointee.work } set { counters.pointee.work = newValue } }
    let eps = 1e-9
    /// During RI: the first `dayNeighbourCount[u]` (at most `granularity`) nearest stops of visit u served that day,
    /// from `dayNeighbour[u · granularity]`.
    let dayNeighbour: UnsafeMutablePointer<Int32>
    let dayNeighbourCount: UnsafeMutablePointer<Int32>
    /// PI's per-day scratch: cheapest insertion, where, and removal saving.
    let scratchInsertion: UnsafeMutablePointer<Double>
    let scratchAfter: UnsafeMutablePointer<Int32>
    let scratchRemoval: UnsafeMutablePointer<Double>

    init(problem: RoutingProblem, granularity: Int) {
        n = problem.jobs.count
        days = max(1, (problem.slots.map(\.day).max() ?? 0) + 1)
        slotCount = problem.slots.count
        nodeTotal = days * n + 2 * slotCount
        let nn = problem.profiles[0].nodeCount
        matrixSize = nn
        let prof = problem.profiles[0]
        let src = problem.objective == .distance ? prof.distance : prof.time
        cost = UnsafeMutablePointer<Double>.allocate(capacity: nn * nn)
        time = UnsafeMutablePointer<Double>.allocate(capacity: nn * nn)
        for i in 0..<(nn * nn) { cost[i] = src[i]; time[i] = prof.time[i] }
        geo = UnsafeMutablePointer<Int>.allocate(capacity: nodeTotal)
        for d in 0..<days { for j in 0..<n { geo[d * n + j] = problem.jobs[j].node } }
        for (r, s) in problem.slots.enumerated() {
            geo[days * n + 2 * r] = s.startNode
            geo[days * n + 2 * r + 1] = s.endNode
        }
        demand = problem.jobs.map(\.demand)
        service = problem.jobs.map(\.serviceTime)
        capacity = problem.slots.map(\.capacity)
        maxDuration = problem.slots.map(\.maxDuration)
        slotDay = problem.slots.map(\.day)
        var byDay = [[Int]](repeating: [], count: days)
        for (r, s) in problem.slots.enumerated() { byDay[s.day].append(r) }
        slotsOfDay = byDay
        patternMasks = problem.jobs.map { job in job.patterns.map { p in p.reduce(UInt64(0)) { $0 | (1 << UInt64($1)) } } }
        self.granularity = granularity
        // A stop's moves go to its `granularity` nearest stops served the same day: keep enough nearest jobs
        // for that on any day (a day serves about 1/days of the jobs when each is visited once).
        let k = min(granularity * days, max(0, n - 1))
        let c = src
        let jobNode = problem.jobs.map(\.node)
        let jobs = problem.jobs.count
        let lists: [[Int32]] = (0..<jobs).map { a in
            let others = (0..<jobs).filter { $0 != a }
            let sorted = others.sorted { x, y in
                let dx = c[jobNode[a] * nn + jobNode[x]] + c[jobNode[x] * nn + jobNode[a]]
                let dy = c[jobNode[a] * nn + jobNode[y]] + c[jobNode[y] * nn + jobNode[a]]
                return dx != dy ? dx < dy : x < y
            }
            return sorted.prefix(k).map { Int32($0) }
        }
        neighbourStride = k
        neighbour = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, jobs * k))
        for a in 0..<jobs { for (i, b) in lists[a].enumerated() { neighbour[a * k + i] = b } }
        demandOf = UnsafeMutablePointer<Double>.allocate(capacity: max(1, jobs))
        serviceOf = UnsafeMutablePointer<Double>.allocate(capacity: max(1, jobs))
        for j in 0..<jobs { demandOf[j] = problem.jobs[j].demand; serviceOf[j] = problem.jobs[j].serviceTime }
        let total = nodeTotal
        func alloc<T>(_ v: T) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: total)
            p.initialize(repeating: v, count: total)
            return p
        }
        next = alloc(Int32(-1)); prev = alloc(Int32(-1)); routeOf = alloc(Int32(-1)); position = alloc(Int32(0))
        cumLoad = alloc(0.0); cumTime = alloc(0.0); cumCost = alloc(0.0); active = alloc(false); lastTested = alloc(-1)
        let routes = max(1, slotCount)
        func perRoute<T>(_ v: T) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: routes)
            p.initialize(repeating: v, count: routes)
            return p
        }
        routeLoad = perRoute(0.0); routeTime = perRoute(0.0); routeCost = perRoute(0.0); routePenalty = perRoute(0.0)
        routeCount = perRoute(0); routeModified = perRoute(0)
        capacityOf = perRoute(0.0); maxDurationOf = perRoute(0.0)
        for r in 0..<slotCount { capacityOf[r] = capacity[r]; maxDurationOf[r] = maxDuration[r] }
        dayMask = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, n))
        dayMask.initialize(repeating: 0, count: max(1, n))
        let pairs = max(1, jobs * slotCount)
        insertionDelta = UnsafeMutablePointer<Double>.allocate(capacity: pairs)
        insertionDelta.initialize(repeating: 0, count: pairs)
        insertionAfter = UnsafeMutablePointer<Int32>.allocate(capacity: pairs)
        insertionAfter.initialize(repeating: -1, count: pairs)
        insertionStamp = UnsafeMutablePointer<Int>.allocate(capacity: pairs)
        insertionStamp.initialize(repeating: -1, count: pairs)
        dayNeighbour = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, days * n * granularity))
        dayNeighbourCount = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, days * n))
        dayNeighbourCount.initialize(repeating: 0, count: max(1, days * n))
        scratchInsertion = UnsafeMutablePointer<Double>.allocate(capacity: days)
        scratchInsertion.initialize(repeating: .nan, count: days)
        scratchAfter = UnsafeMutablePointer<Int32>.allocate(capacity: days)
        scratchAfter.initialize(repeating: -1, count: days)
        scratchRemoval = UnsafeMutablePointer<Double>.allocate(capacity: days)
        scratchRemoval.initialize(repeating: .nan, count: days)
        counters = UnsafeMutablePointer<Counters>.allocate(capacity: 1)
        counters.initialize(to: Counters())
    }

    deinit {
        cost.deallocate(); time.deallocate(); geo.deallocate()
        next.deallocate(); prev.deallocate(); routeOf.deallocate(); position.deallocate()
        cumLoad.deallocate(); cumTime.deallocate(); cumCost.deallocate(); active.deallocate(); lastTested.deallocate()
        routeLoad.deallocate(); routeTime.deallocate(); routeCost.deallocate(); routePenalty.deallocate()
        routeCount.deallocate(); routeModified.deallocate(); capacityOf.deallocate(); maxDurationOf.deallocate()
        dayMask.deallocate(); counters.deallocate(); neighbour.deallocate(); demandOf.deallocate(); serviceOf.deallocate()
        insertionDelta.deallocate(); insertionAfter.deallocate(); insertionStamp.deallocate()
        dayNeighbour.deallocate(); dayNeighbourCount.deallocate()
        scratchInsertion.deallocate(); scratchAfter.deallocate(); scratchRemoval.deallocate()
    }

    // MARK: - Nodes and routes

    @inline(__always) func startDepot(_ r: Int) -> Int { days * n + 2 * r }
    @inline(__always) func endDepot(_ r: Int) -> Int { days * n + 2 * r + 1 }
    @inline(__always) func isDepot(_ v: Int) -> Bool { v >= days * n }
    @inline(__always) func job(_ v: Int) -> Int { v % n }
    @inline(__always) func c(_ a: Int, _ b: Int) -> Double { cost[geo[a] * matrixSize + geo[b]] }
    @inline(__always) func t(_ a: Int, _ b: Int) -> Double { time[geo[a] * matrixSize + geo[b]] }
    @inline(__always) func q(_ v: Int) -> Double { isDepot(v) ? 0 : demandOf[job(v)] }
    @inline(__always) func s(_ v: Int) -> Double { isDepot(v) ? 0 : serviceOf[job(v)] }

    @inline(__always) func penalty(_ r: Int, load: Double, duration: Double) -> Double {
        var p = 0.0
        let cap = capacityOf[r], lim = maxDurationOf[r]
        if load > cap + eps { p += (load - cap) * counters.pointee.loadPenalty }
        if duration > lim + eps { p += (duration - lim) * counters.pointee.durationPenalty }
        return p
    }

    /// Loads routes (job sequences per slot); every job's days are the days it appears on.
    func load(routes: [[Int]]) {
        for v in 0..<(days * n) { active[v] = false; next[v] = -1; prev[v] = -1; routeOf[v] = -1; lastTested[v] = -1 }
        for j in 0..<n { dayMask[j] = 0 }
        for r in 0..<slotCount {
            let d = slotDay[r]
            var last = startDepot(r)
            for j in routes[r] {
                let v = d * n + j
                active[v] = true
                dayMask[j] |= 1 << UInt64(d)
                next[last] = Int32(v); prev[v] = Int32(last)
                last = v
            }
            next[last] = Int32(endDepot(r)); prev[endDepot(r)] = Int32(last)
            prev[startDepot(r)] = -1; next[endDepot(r)] = -1
            update(r)
        }
    }

    /// The routes as job sequences per slot.
    func routes() -> [[Int]] {
        (0..<slotCount).map { r in
            var seq: [Int] = []
            seq.reserveCapacity(routeCount[r])
            var v = Int(next[startDepot(r)])
            while !isDepot(v) { seq.append(job(v)); v = Int(next[v]) }
            return seq
        }
    }

    /// Recomputes route `r`'s running totals.
    func update(_ r: Int) {
        var v = startDepot(r)
        var load = 0.0, dur = 0.0, cst = 0.0
        var pos: Int32 = 0
        cumLoad[v] = 0; cumTime[v] = 0; cumCost[v] = 0; position[v] = 0; routeOf[v] = Int32(r)
        while true {
            let w = Int(next[v])
            pos += 1
            dur += t(v, w); cst += c(v, w)
            if !isDepot(w) { load += demandOf[job(w)]; dur += serviceOf[job(w)] }
            cumLoad[w] = load; cumTime[w] = dur; cumCost[w] = cst; position[w] = pos; routeOf[w] = Int32(r)
            if isDepot(w) { break }
            v = w
        }
        routeLoad[r] = load; routeTime[r] = dur; routeCost[r] = cst
        routeCount[r] = Int(pos) - 1
        work += Int(pos)
        routePenalty[r] = penalty(r, load: load, duration: dur)
        moves += 1
        routeModified[r] = moves
    }

    /// After a change of price: every route's penalty again, and every cached insertion stale.
    func refreshPenalties() {
        moves += 1
        for r in 0..<slotCount {
            routePenalty[r] = penalty(r, load: routeLoad[r], duration: routeTime[r])
            routeModified[r] = moves
        }
    }

    var totalCost: Double { (0..<slotCount).reduce(0) { $0 + routeCost[$1] } }
    var totalLoadExcess: Double { (0..<slotCount).reduce(0) { $0 + max(0, routeLoad[$1] - capacity[$1]) } }
    var totalDurationExcess: Double {
        (0..<slotCount).reduce(0) { $0 + (maxDuration[$1] < .infinity ? max(0, routeTime[$1] - maxDuration[$1]) : 0) }
    }
    var penalisedCost: Double { totalCost + (0..<slotCount).reduce(0) { $0 + routePenalty[$1] } }

    @inline(__always) func unlink(_ v: Int) {
        let p = Int(prev[v]), x = Int(next[v])
        next[p] = Int32(x); prev[x] = Int32(p)
    }

    @inline(__always) func link(_ v: Int, after a: Int) {
        let b = Int(next[a])
        next[a] = Int32(v); prev[v] = Int32(a); next[v] = Int32(b); prev[b] = Int32(v)
    }

    // MARK: - Route improvement

    /// Runs the granular moves on the days in `dayFilter` (all when nil) until none improves.
    func improveRoutes(rng: inout Xoshiro256, dayFilter: UInt64? = nil) {
        var order: [Int] = []
        for d in 0..<days where dayFilter.map({ $0 & (1 << UInt64(d)) != 0 }) ?? true {
            for j in 0..<n where active[d * n + j] { order.append(d * n + j) }
        }
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.below(i + 1)) }
        for v in order { lastTested[v] = -1 }
        // Each stop's granular neighbours: its nearest stops served the same day (which RI does not change).
        for u in order {
            let d = u / n
            let list = neighbour + job(u) * neighbourStride
            let out = dayNeighbour + u * granularity
            var k = 0, used = 0
            while k < neighbourStride && used < granularity {
                let v = d * n + Int(list[k])
                k += 1
                work += 1
                if active[v] { out[used] = Int32(v); used += 1 }
            }
            dayNeighbourCount[u] = Int32(used)
        }
        var loop = 0
        var improved = true
        while improved {
            improved = false
            for u in order where active[u] {
                let tested = lastTested[u]
                lastTested[u] = moves
                let d = u / n
                let list = dayNeighbour + u * granularity
                for k in 0..<Int(dayNeighbourCount[u]) {
                    let v = Int(list[k])
                    let ru = Int(routeOf[u]), rv = Int(routeOf[v])
                    if loop > 0 && max(routeModified[ru], routeModified[rv]) <= tested { work += 1; continue }
                    work += 12
                    if tryMoves(u, v) { improved = true; continue }
                    // Moves that put u directly after the start depot of v's route.
                    let pv = Int(prev[v])
                    if isDepot(pv) && tryDepotMoves(u, pv) { improved = true }
                }
                // The first empty route of the day (the benchmarks' routes of a day are alike).
                if loop > 0, let r = slotsOfDay[d].first(where: { routeCount[$0] == 0 }) {
                    work += 12
                    if routeModified[r] > tested || routeModified[Int(routeOf[u])] > tested {
                        if tryDepotMoves(u, startDepot(r)) { improved = true }
                    }
                }
            }
            loop += 1
        }
    }

    /// Tries every move between u and v (both customer visits of one day); applies the first that improves.
    @inline(__always) func tryMoves(_ u: Int, _ v: Int) -> Bool {
        if relocate(u, after: v) { return true }
        if relocatePair(u, after: v, reversed: false) { return true }
        if relocatePair(u, after: v, reversed: true) { return true }
        if swapOne(u, v) { return true }
        if swapPairWithOne(u, v) { return true }
        if swapPairs(u, v) { return true }
        if routeOf[u] == routeOf[v] {
            if twoOptIntra(u, v) { return true }
        } else {
            if twoOptStarReversed(u, v) { return true }
            if twoOptStar(u, v) { return true }
        }
        return false
    }

    /// Moves with v a start depot: relocations to the front of v's route and 2-opt* with v's whole route.
    @inline(__always) func tryDepotMoves(_ u: Int, _ v: Int) -> Bool {
        if relocate(u, after: v) { return true }
        if relocatePair(u, after: v, reversed: false) { return true }
        if relocatePair(u, after: v, reversed: true) { return true }
        if routeOf[u] != routeOf[v] {
            if twoOptStarReversed(u, v) { return true }
            if twoOptStar(u, v) { return true }
        }
        return false
    }

    /// Penalised change of route `r` when its load and duration change by `dq` and `dt` and its cost by `dc`.
    @inline(__always) func change(_ r: Int, dc: Double, dq: Double, dt: Double) -> Double {
        dc + penalty(r, load: routeLoad[r] + dq, duration: routeTime[r] + dt) - routePenalty[r]
    }

    /// Relocate u after v.
    func relocate(_ u: Int, after v: Int) -> Bool {
        let pu = Int(prev[u]), x = Int(next[u]), y = Int(next[v])
        if u == y || v == u { return false }
        let ru = Int(routeOf[u]), rv = Int(routeOf[v])
        let dcU = c(pu, x) - c(pu, u) - c(u, x)
        let dcV = c(v, u) + c(u, y) - c(v, y)
        let dtU = t(pu, x) - t(pu, u) - t(u, x)
        let dtV = t(v, u) + t(u, y) - t(v, y)
        let delta: Double
        if ru == rv {
            delta = change(ru, dc: dcU + dcV, dq: 0, dt: dtU + dtV)
        } else {
            if dcU + dcV >= routePenalty[ru] + routePenalty[rv] - eps { return false }
            let qu = q(u), su = s(u)
            delta = change(ru, dc: dcU, dq: -qu, dt: dtU - su) + change(rv, dc: dcV, dq: qu, dt: dtV + su)
        }
        guard delta < -eps else { return false }
        unlink(u)
        link(u, after: v)
        update(ru)
        if rv != ru { update(rv) }
        return true
    }

    /// Relocate (u, next u) after v, as (u, x) or reversed (x, u).
    func relocatePair(_ u: Int, after v: Int, reversed: Bool) -> Bool {
        let x = Int(next[u])
        if isDepot(x) || v == x || v == u { return false }
        let pu = Int(prev[u]), xn = Int(next[x]), y = Int(next[v])
        if y == u { return false }
        let ru = Int(routeOf[u]), rv = Int(routeOf[v])
        let first = reversed ? x : u, last = reversed ? u : x
        let inner = reversed ? c(x, u) - c(u, x) : 0
        let innerT = reversed ? t(x, u) - t(u, x) : 0
        let dcU = c(pu, xn) - c(pu, u) - c(x, xn)
        let dcV = c(v, first) + c(last, y) - c(v, y) + inner
        let dtU = t(pu, xn) - t(pu, u) - t(x, xn)
        let dtV = t(v, first) + t(last, y) - t(v, y) + innerT
        let delta: Double
        if ru == rv {
            delta = change(ru, dc: dcU + dcV, dq: 0, dt: dtU + dtV)
        } else {
            if dcU + dcV >= routePenalty[ru] + routePenalty[rv] - eps { return false }
            let qq = q(u) + q(x), ss = s(u) + s(x)
            let tIn = t(u, x)
            delta = change(ru, dc: dcU, dq: -qq, dt: dtU - ss - tIn) + change(rv, dc: dcV, dq: qq, dt: dtV + ss + tIn)
        }
        guard delta < -eps else { return false }
        unlink(u); unlink(x)
        link(first, after: v)
        link(last, after: first)
        update(ru)
        if rv != ru { update(rv) }
        return true
    }

    /// Swap u and v.
    func swapOne(_ u: Int, _ v: Int) -> Bool {
        let pu = Int(prev[u]), x = Int(next[u]), pv = Int(prev[v]), y = Int(next[v])
        if x == v || y == u { return false }
        let ru = Int(routeOf[u]), rv = Int(routeOf[v])
        let dcU = c(pu, v) + c(v, x) - c(pu, u) - c(u, x)
        let dcV = c(pv, u) + c(u, y) - c(pv, v) - c(v, y)
        let dtU = t(pu, v) + t(v, x) - t(pu, u) - t(u, x)
        let dtV = t(pv, u) + t(u, y) - t(pv, v) - t(v, y)
        let delta: Double
        if ru == rv {
            delta = change(ru, dc: dcU + dcV, dq: 0, dt: dtU + dtV)
        } else {
            if dcU + dcV >= routePenalty[ru] + routePenalty[rv] - eps { return false }
            let dq = q(v) - q(u), ds = s(v) - s(u)
            delta = change(ru, dc: dcU, dq: dq, dt: dtU + ds) + change(rv, dc: dcV, dq: -dq, dt: dtV - ds)
        }
        guard delta < -eps else { return false }
        unlink(u); link(u, after: v)
        unlink(v); link(v, after: pu)
        update(ru)
        if rv != ru { update(rv) }
        return true
    }

    /// Swap (u, next u) with v.
    func swapPairWithOne(_ u: Int, _ v: Int) -> Bool {
        let x = Int(next[u])
        if isDepot(x) || x == v { return false }
        let pu = Int(prev[u]), xn = Int(next[x]), pv = Int(prev[v]), y = Int(next[v])
        if y == u || pv == x { return false }
        let ru = Int(routeOf[u]), rv = Int(routeOf[v])
        let dcU = c(pu, v) + c(v, xn) - c(pu, u) - c(x, xn)
        let dcV = c(pv, u) + c(x, y) - c(pv, v) - c(v, y)
        let dtU = t(pu, v) + t(v, xn) - t(pu, u) - t(x, xn)
        let dtV = t(pv, u) + t(x, y) - t(pv, v) - t(v, y)
        let delta: Double
        if ru == rv {
            delta = change(ru, dc: dcU + dcV, dq: 0, dt: dtU + dtV)
        } else {
            if dcU + dcV >= routePenalty[ru] + routePenalty[rv] - eps { return false }
            let tIn = t(u, x)
            let dq = q(v) - q(u) - q(x), ds = s(v) - s(u) - s(x) - tIn
            delta = change(ru, dc: dcU, dq: dq, dt: dtU + ds) + change(rv, dc: dcV, dq: -dq, dt: dtV - ds)
        }
        guard delta < -eps else { return false }
        unlink(u); unlink(x)
        link(u, after: pv); link(x, after: u)
        unlink(v); link(v, after: pu)
        update(ru)
        if rv != ru { update(rv) }
        return true
    }

    /// Swap (u, next u) with (v, next v).
    func swapPairs(_ u: Int, _ v: Int) -> Bool {
        let x = Int(next[u]), y = Int(next[v])
        if isDepot(x) || isDepot(y) { return false }
        let pu = Int(prev[u]), xn = Int(next[x]), pv = Int(prev[v]), yn = Int(next[y])
        if x == v || y == u || xn == v || yn == u || v == u { return false }
        let ru = Int(routeOf[u]), rv = Int(routeOf[v])
        let dcU = c(pu, v) + c(y, xn) - c(pu, u) - c(x, xn) + c(v, y) - c(u, x)
        let dcV = c(pv, u) + c(x, yn) - c(pv, v) - c(y, yn) + c(u, x) - c(v, y)
        let dtU = t(pu, v) + t(y, xn) - t(pu, u) - t(x, xn) + t(v, y) - t(u, x)
        let dtV = t(pv, u) + t(x, yn) - t(pv, v) - t(y, yn) + t(u, x) - t(v, y)
        let delta: Double
        if ru == rv {
            delta = change(ru, dc: dcU + dcV, dq: 0, dt: dtU + dtV)
        } else {
            if dcU + dcV >= routePenalty[ru] + routePenalty[rv] - eps { return false }
            let dq = q(v) + q(y) - q(u) - q(x), ds = s(v) + s(y) - s(u) - s(x)
            delta = change(ru, dc: dcU, dq: dq, dt: dtU + ds) + change(rv, dc: dcV, dq: -dq, dt: dtV - ds)
        }
        guard delta < -eps else { return false }
        unlink(u); unlink(x)
        link(u, after: pv); link(x, after: u)
        unlink(v); unlink(y)
        link(v, after: pu); link(y, after: v)
        update(ru)
        if rv != ru { update(rv) }
        return true
    }

    /// 2-opt inside one route: reverse the stops from next u to v (u before v).
    func twoOptIntra(_ u: Int, _ v: Int) -> Bool {
        if position[u] > position[v] { return false }
        let x = Int(next[u]), y = Int(next[v])
        if x == v || u == v { return false }
        let r = Int(routeOf[u])
        // Symmetric matrices (checked by `HybridGeneticSearch.applies`): the reversed path costs the same.
        let dc = c(u, v) + c(x, y) - c(u, x) - c(v, y)
        let dt = t(u, v) + t(x, y) - t(u, x) - t(v, y)
        let delta = change(r, dc: dc, dq: 0, dt: dt)
        guard delta < -eps else { return false }
        // Reverse x … v between u and y.
        var w = x
        while w != y {
            let nx = Int(next[w])
            next[w] = prev[w]; prev[w] = Int32(nx)
            w = nx
        }
        next[u] = Int32(v); prev[v] = Int32(u)
        next[x] = Int32(y); prev[y] = Int32(x)
        update(r)
        return true
    }

    /// 2-opt* with reversal between two routes: (u → x, v → y) becomes (u → v) and (x → y), so u's route runs
    /// from its start to u and then back along v's route to its start, and v's route runs from its start back
    /// along u's tail to x and then on from y.
    func twoOptStarReversed(_ u: Int, _ v: Int) -> Bool {
        let ru = Int(routeOf[u]), rv = Int(routeOf[v])
        let x = Int(next[u]), y = Int(next[v])
        let dc = c(u, v) + c(x, y) - c(u, x) - c(v, y)
        // New u route: start..u, v..start(v) reversed; new v route: end(u)..x reversed, y..end(v).
        let loadU = cumLoad[u] + cumLoad[v]
        let loadV = routeLoad[ru] - cumLoad[u] + routeLoad[rv] - cumLoad[v]
        let timeU = cumTime[u] + t(u, v) + cumTime[v]
        let timeV = (routeTime[ru] - cumTime[u] - t(u, x)) + t(x, y) + (routeTime[rv] - cumTime[v] - t(v, y))
        let costU = cumCost[u] + c(u, v) + cumCost[v]
        let costV = (routeCost[ru] - cumCost[u] - c(u, x)) + c(x, y) + (routeCost[rv] - cumCost[v] - c(v, y))
        if dc >= routePenalty[ru] + routePenalty[rv] - eps { return false }
        let delta = costU + penalty(ru, load: loadU, duration: timeU) + costV + penalty(rv, load: loadV, duration: timeV)
            - routeCost[ru] - routePenalty[ru] - routeCost[rv] - routePenalty[rv]
        guard delta < -eps else { return false }
        // Collect the four pieces.
        var headV: [Int] = []   // v's start+1 … v
        var w = v
        while !isDepot(w) { headV.append(w); w = Int(prev[w]) }   // v, prev v, …, first
        var tailU: [Int] = []   // x … last of u's route
        w = x
        while !isDepot(w) { tailU.append(w); w = Int(next[w]) }
        let endU = endDepot(ru)
        // u route: start..u, then headV (already reversed order: v first).
        var last = u
        for node in headV { next[last] = Int32(node); prev[node] = Int32(last); last = node }
        next[last] = Int32(endU); prev[endU] = Int32(last)
        // v route: start(v), tailU reversed, then y...
        last = startDepot(rv)
        for node in tailU.reversed() { next[last] = Int32(node); prev[node] = Int32(last); last = node }
        next[last] = Int32(y); prev[y] = Int32(last)
        update(ru); update(rv)
        return true
    }

    /// 2-opt*: (u → x, v → y) becomes (u → y) and (v → x): the routes exchange their tails.
    func twoOptStar(_ u: Int, _ v: Int) -> Bool {
        let ru = Int(routeOf[u]), rv = Int(routeOf[v])
        let x = Int(next[u]), y = Int(next[v])
        let dc = c(u, y) + c(v, x) - c(u, x) - c(v, y)
        if dc >= routePenalty[ru] + routePenalty[rv] - eps { return false }
        let loadU = cumLoad[u] + routeLoad[rv] - cumLoad[v]
        let loadV = cumLoad[v] + routeLoad[ru] - cumLoad[u]
        let timeU = cumTime[u] + t(u, y) + (routeTime[rv] - cumTime[v] - t(v, y))
        let timeV = cumTime[v] + t(v, x) + (routeTime[ru] - cumTime[u] - t(u, x))
        let delta = dc + penalty(ru, load: loadU, duration: timeU) + penalty(rv, load: loadV, duration: timeV)
            - routePenalty[ru] - routePenalty[rv]
        guard delta < -eps else { return false }
        let endU = endDepot(ru), endV = endDepot(rv)
        let lastU = Int(prev[endU]), lastV = Int(prev[endV])
        // u → y … lastV → endU ; v → x … lastU → endV
        if isDepot(y) {
            next[u] = Int32(endU); prev[endU] = Int32(u)
        } else {
            next[u] = Int32(y); prev[y] = Int32(u)
            next[lastV] = Int32(endU); prev[endU] = Int32(lastV)
        }
        if isDepot(x) {
            next[v] = Int32(endV); prev[endV] = Int32(v)
        } else {
            next[v] = Int32(x); prev[x] = Int32(v)
            next[lastU] = Int32(endV); prev[endV] = Int32(lastU)
        }
        update(ru); update(rv)
        return true
    }

    // MARK: - Insertion and pattern improvement

    /// The cheapest penalised insertion of job `j` on day `d` (not served that day): the stop to insert after and
    /// the change. Routes unchanged since the last call for `j` are not scanned again.
    func bestInsertion(of j: Int, day d: Int) -> (after: Int, delta: Double) {
        var best = (after: -1, delta: Double.infinity)
        var triedEmpty = false
        for r in slotsOfDay[d] {
            if routeCount[r] == 0 {
                if triedEmpty { continue }
                triedEmpty = true
            }
            let key = j * slotCount + r
            if insertionStamp[key] != routeModified[r] {
                let b = scanInsertion(of: j, day: d, route: r)
                insertionDelta[key] = b.delta
                insertionAfter[key] = Int32(b.after)
                insertionStamp[key] = routeModified[r]
            }
            work += 6
            if insertionDelta[key] < best.delta { best = (Int(insertionAfter[key]), insertionDelta[key]) }
        }
        return best
    }

    /// The cheapest penalised insertion of job `j` into route `r` of day `d`.
    func scanInsertion(of j: Int, day d: Int, route r: Int) -> (after: Int, delta: Double) {
        var best = (after: -1, delta: Double.infinity)
        let qj = demandOf[j], sj = serviceOf[j]
        let gj = geo[d * n + j]
        let limited = maxDurationOf[r] < .infinity
        let base = penalty(r, load: routeLoad[r] + qj, duration: routeTime[r] + sj) - routePenalty[r]
        var a = startDepot(r)
        while true {
            let b = Int(next[a])
            work += 1
            let ga = geo[a], gb = geo[b]
            let dc = cost[ga * matrixSize + gj] + cost[gj * matrixSize + gb] - cost[ga * matrixSize + gb]
            var delta = dc + base
            if limited {
                let dt = time[ga * matrixSize + gj] + time[gj * matrixSize + gb] - time[ga * matrixSize + gb]
                delta = dc + penalty(r, load: routeLoad[r] + qj, duration: routeTime[r] + sj + dt) - routePenalty[r]
            }
            if delta < best.delta { best = (a, delta) }
            if isDepot(b) { break }
            a = b
        }
        return best
    }

    /// The penalised change of taking job `j` out of day `d`.
    func removalDelta(of j: Int, day d: Int) -> Double {
        let u = d * n + j
        let pu = Int(prev[u]), x = Int(next[u])
        let r = Int(routeOf[u])
        return change(r, dc: c(pu, x) - c(pu, u) - c(u, x), dq: -demandOf[j], dt: t(pu, x) - t(pu, u) - t(u, x) - serviceOf[j])
    }

    func insert(_ j: Int, day d: Int, after a: Int) {
        let v = d * n + j
        active[v] = true
        dayMask[j] |= 1 << UInt64(d)
        link(v, after: a)
        update(Int(routeOf[a]))
    }

    func remove(_ j: Int, day d: Int) {
        let v = d * n + j
        let r = Int(routeOf[v])
        unlink(v)
        active[v] = false
        dayMask[j] &= ~(1 << UInt64(d))
        update(r)
    }

    /// Gives every job whose days are not one of its patterns the pattern that contains its days (all of
    /// them when it has none) and is cheapest to complete, inserting the missing days at their cheapest places.
    func completePatterns(order: [Int]) {
        for j in order {
            let m = dayMask[j]
            if patternMasks[j].contains(m) { continue }
            var insertion = [(after: Int, delta: Double)?](repeating: nil, count: days)
            var best = -1
            var bestCost = Double.infinity
            for (k, p) in patternMasks[j].enumerated() where p & m == m {
                var total = 0.0
                for d in 0..<days where (p & ~m) & (1 << UInt64(d)) != 0 {
                    if insertion[d] == nil { insertion[d] = bestInsertion(of: j, day: d) }
                    total += insertion[d]!.delta
                }
                if total < bestCost { bestCost = total; best = k }
            }
            if best < 0 {
                // No pattern holds the inherited days: start again from nothing.
                for d in 0..<days where m & (1 << UInt64(d)) != 0 { remove(j, day: d) }
                completePatterns(order: [j])
                continue
            }
            let p = patternMasks[j][best]
            for d in 0..<days where (p & ~m) & (1 << UInt64(d)) != 0 {
                // Insertions on different days touch different routes: the cached positions stay valid.
                insert(j, day: d, after: insertion[d]!.after)
            }
        }
    }

    /// Pattern improvement: each job in `order` moves to the pattern whose added days cost least to insert
    /// and whose dropped days save most (days kept stay as they are). Returns the days whose routes changed.
    func improvePatterns(order: [Int]) -> UInt64 {
        var changedDays: UInt64 = 0
        for j in order where patternMasks[j].count > 1 {
            let m = dayMask[j]
            let ins = scratchInsertion, at = scratchAfter, rem = scratchRemoval
            for d in 0..<days { ins[d] = .nan; rem[d] = .nan }
            var best = -1
            var bestDelta = -1e-7
            for (k, p) in patternMasks[j].enumerated() where p != m {
                var total = 0.0
                for d in 0..<days {
                    let bit = UInt64(1) << UInt64(d)
                    if p & bit != 0 && m & bit == 0 {
                        if ins[d].isNaN { let b = bestInsertion(of: j, day: d); ins[d] = b.delta; at[d] = Int32(b.after) }
                        total += ins[d]
                    } else if p & bit == 0 && m & bit != 0 {
                        if rem[d].isNaN { rem[d] = removalDelta(of: j, day: d) }
                        total += rem[d]
                    }
                }
                if total < bestDelta { bestDelta = total; best = k }
            }
            guard best >= 0 else { continue }
            let p = patternMasks[j][best]
            for d in 0..<days {
                let bit = UInt64(1) << UInt64(d)
                if m & bit != 0 && p & bit == 0 { remove(j, day: d); changedDays |= bit }
            }
            for d in 0..<days {
                let bit = UInt64(1) << UInt64(d)
                if p & bit != 0 && m & bit == 0 { insert(j, day: d, after: Int(at[d])); changedDays |= bit }
            }
        }
        return changedDays
    }

    /// RI, then PI and RI on the changed days while PI changes something (at most `rounds` times).
    func educate(rng: inout Xoshiro256, rounds: Int = 3) {
        var order = Array(0..<n)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.below(i + 1)) }
        completePatterns(order: order)
        improveRoutes(rng: &rng)
        for _ in 0..<rounds {
            let changed = improvePatterns(order: order)
            if changed == 0 { break }
            improveRoutes(rng: &rng, dayFilter: changed)
        }
    }
}
