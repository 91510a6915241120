import Foundation
import GridPlanCore

/// Options of the routing step.
public struct RoutingOptions: Sendable {
    /// Wall-clock limit for all worker-days together, seconds. The search is iteration-bounded and normally
    /// ends well before; the limit is only a safety stop (reaching it makes the result timing-dependent).
    public var timeLimitSeconds: Double
    /// Seed of the search's random source.
    public var seed: UInt64
    /// Minutes added to a job's duration on one date: the campaigns its visit that day carries
    /// (job id → date → minutes; see `Job.durationMin(on:visitDates:)`). Empty by default.
    public var extraMinutes: [String: [CivilDate: Int]] = [:]
    /// The nominal seconds that set the work (iterations) of every group's search, fixed before the
    /// run (the planner passes its share of `--time-limit`); nil = `timeLimitSeconds`.
    public var workSeconds: Double?

    public init(timeLimitSeconds: Double = 10, seed: UInt64 = 1) {
        self.timeLimitSeconds = timeLimitSeconds
        self.seed = seed
    }
}

/// What routing made of the assignment's visits.
public struct WeekRoutingResult: Sendable {
    /// One route per worker-day with at least one stop, sorted by date, then worker id. Each keeps
    /// format §5 rules 1–6.
    public var routes: [Route]
    /// Visits that could not be fitted into any valid route (in input order).
    public var unplaced: [PlannedVisit]
    /// Whether the watchdog (`RoutingOptions.timeLimitSeconds`) stopped a group's search before its
    /// iterations were done: only then does the result depend on the machine.
    public var hitClock: Bool

    public init(routes: [Route], unplaced: [PlannedVisit], hitClock: Bool = false) {
        self.routes = routes
        self.unplaced = unplaced
        self.hitClock = hitClock
    }
}

/// Turns the assignment's visits (job, date, workers) into timed routes, one per worker-day.
///
/// Pair visits are placed first: a common start minute is searched that fits every worker of the pair,
/// and the stop is pinned at that minute in each of their routes. The other visits are then routed by
/// `RoutingSearch`, per group of workers that share grids, with every worker-day of the week as a route
/// slot: a visit stays with its assigned worker and date unless another eligible worker of the same date
/// (or one of the visit's `movableDates`) saves more travel than the change costs in the scenario's
/// weights (`changeMinutes`).
public enum WeekRouting {
    /// What moving visit `v` of `job` to `worker` on `date` costs against the assignment's choice, in
    /// travel minutes (the scenario's weights divided by the travel weight): another worker than the
    /// assigned one costs a continuity unit, twice when the assigned one was the household's preferred
    /// worker (the KPI loses the visit); another date costs the regular-weekday weight (at least half a
    /// continuity unit: the roster changes). Patrols pay half a continuity unit to change worker.
    /// Another worker also pays what the move adds to the balance term on its side: the visit's minutes
    /// as a share of the receiving worker's week; either
    /// change pays what it could cost the level term.
    static func changeMinutes(_ job: Job, from v: PlannedVisit, to worker: String, on date: CivilDate, weights: Weights,
                              weekMinutes: [String: Int] = [:]) -> Double {
        var cost = 0.0
        if worker != v.workers[0] {
            let week = weekMinutes[worker] ?? 0
            if week > 0 { cost += 100 * weights.balance * Double(job.durationMin) / Double(week) }
            if job.kind != .patrol {
                cost += weights.continuity * (job.preferredWorker == v.workers[0] ? 2 : 1)
            } else {
                cost += weights.continuity / 2
            }
        }
        // Either change moves the visit's minutes from one day to another: at most twice its minutes
        // on the level term (one day fuller, one emptier).
        if worker != v.workers[0] || date != v.date { cost += 2 * weights.level * Double(job.durationMin) }
        if date != v.date { cost += max(weights.regularity, weights.continuity / 2) }
        return cost / max(weights.travel, 0.1)
    }
    /// Above this many locations a worker group is routed worker by worker (matrix memory).
    static let maxGroupNodes = 900

    /// Routes `visits` for `scenario`.
    ///
    /// - Complexity: per group, O(n²) travel legs for n locations, then an iteration-bounded search.
    public static func route(scenario: ResolvedScenario, visits: [PlannedVisit], options: RoutingOptions) -> WeekRoutingResult {
        var builder = WeekRouter(scenario: scenario, options: options)
        return builder.run(visits)
    }

    /// `route(scenario:visits:options:)` for a scenario not resolved yet (it is resolved for this call).
    public static func route(scenario: Scenario, visits: [PlannedVisit], options: RoutingOptions) -> WeekRoutingResult {
        route(scenario: ResolvedScenario(scenario), visits: visits, options: options)
    }
}

/// A pair visit's stop pinned at a minute in one worker's day.
struct PinnedStop {
    var visit: Int
    var job: Job
    var start: Int
}

/// The working state of one `WeekRouting.route` call.
struct WeekRouter {
    let scenario: ResolvedScenario
    let options: RoutingOptions
    let jobs: [String: Job]
    let workers: [String: Worker]
    let calendar: WorkingCalendar
    let travel: TravelModel
    let clock = ContinuousClock()
    let began: ContinuousClock.Instant
    var visitsTotal = 0
    /// Set when a group's search stopped by the watchdog before its iterations were done.
    var hitClock = false

    /// Search iterations per nominal second for a group of `visits` visits: a rate measured on the
    /// district week and halved, so that the iteration count, not the clock, ends each search.
    static func iterationsPerSecond(visits: Int) -> Double { 600_000 / Double(max(20, visits)) }

    /// The iterations a group of `count` visits may run: its share of the nominal seconds, by visits.
    func iterationBudget(visits count: Int) -> Int {
        let seconds = (options.workSeconds ?? options.timeLimitSeconds) * Double(count) / Double(max(1, visitsTotal))
        return Int(seconds * WeekRouter.iterationsPerSecond(visits: count))
    }

    init(scenario: ResolvedScenario, options: RoutingOptions) {
        self.scenario = scenario
        self.options = options
        jobs = scenario.jobsById
        workers = scenario.workersById
        calendar = scenario.calendar
        travel = scenario.travelModel
        began = clock.now
    }

    /// The watchdog of one group's search: whatever is left of the routing time (its work is set by
    /// `iterationBudget`).
    func timeShare(visits count: Int) -> Double {
        let d = clock.now - began
        let elapsed = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        let remaining = max(0, options.timeLimitSeconds - elapsed)
        // Each group's search stops by its iteration count; the clock is only the watchdog of the
        // whole routing budget (a proportional share would stop late groups at a machine-dependent
        // point and make two runs differ).
        return max(0.05, remaining)
    }

    struct DayKey: Hashable { var worker: String; var date: CivilDate }

    /// Minutes on site of `job`'s visit on `date`: its duration plus the campaigns that visit carries
    /// (a campaign-only stop's job lasts its campaigns' minutes already).
    func duration(_ job: Job, on date: CivilDate) -> Int {
        job.kind == .campaign ? job.durationMin : job.durationMin + (options.extraMinutes[job.id]?[date] ?? 0)
    }

    /// The job visit `v` routes as: the scenario's job, or for a campaign-only visit the household as a
    /// stop of kind `campaign` (`CampaignVisits.campaignJob`).
    func job(for v: PlannedVisit) -> Job? {
        guard let j = jobs[v.job] else { return nil }
        return v.isCampaignOnly ? CampaignVisits.campaignJob(j, delivering: v.campaignOnly) : j
    }

    /// Whether `worker` may do `job` on `date` at all (format §5 rules 1, 4 weekdays, 5).
    func eligible(_ worker: Worker, _ job: Job, on date: CivilDate) -> Bool {
        calendar.isWorkingDay(date, for: worker) && job.allows(weekdayOf: date) && worker.covers(grid: job.grid)
            && job.skills.allSatisfy(worker.skills.contains) && !job.windowIsEmpty
    }

    mutating func run(_ visits: [PlannedVisit]) -> WeekRoutingResult {
        var unplaced = Set<Int>()
        var pairs: [Int] = []
        for (i, v) in visits.enumerated() {
            guard let job = job(for: v), !v.workers.isEmpty, Set(v.workers).count == v.workers.count,
                  v.workers.count == max(1, job.workersNeeded),
                  v.workers.allSatisfy({ workers[$0].map { eligible($0, job, on: v.date) } ?? false }) else {
                unplaced.insert(i)
                continue
            }
            if v.workers.count >= 2 { pairs.append(i) }
        }
        // Pairs first: a common minute per pair, pinned in each worker's day.
        var pinned: [DayKey: [PinnedStop]] = [:]
        let pairOrder = pairs.sorted { a, b in
            let va = visits[a], vb = visits[b]
            if va.date != vb.date { return va.date < vb.date }
            let wa = jobs[va.job]!.window?.lengthMinutes ?? 1440, wb = jobs[vb.job]!.window?.lengthMinutes ?? 1440
            return wa != wb ? wa < wb : a < b
        }
        for i in pairOrder {
            let v = visits[i]
            let job = job(for: v)!
            if let s = commonStart(for: job, workers: v.workers.map { workers[$0]! }, on: v.date, pinned: pinned) {
                for w in v.workers { pinned[DayKey(worker: w, date: v.date), default: []].append(PinnedStop(visit: i, job: job, start: s)) }
                for w in v.workers { pinned[DayKey(worker: w, date: v.date)]!.sort { $0.start < $1.start } }
            } else {
                unplaced.insert(i)
            }
        }
        // Singles and pinned stops: per group of workers sharing grids. A pinned stop the search could not
        // keep (possible only without the triangle inequality) drops its pair everywhere, and the groups rerun.
        var routes: [Route] = []
        while true {
            routes = []
            visitsTotal = visits.count
            var lost = Set<Int>()
            var failedPairs = Set<Int>()
            for group in workerGroups() {
                let (r, u) = solveGroup(group, visits: visits, pinned: pinned)
                routes += r
                for i in u { if visits[i].workers.count >= 2 { failedPairs.insert(i) } else { lost.insert(i) } }
            }
            if failedPairs.isEmpty {
                unplaced.formUnion(lost)
                break
            }
            unplaced.formUnion(failedPairs)
            for k in pinned.keys { pinned[k]!.removeAll { failedPairs.contains($0.visit) } }
        }
        routes.sort { a, b in a.date != b.date ? a.date < b.date : a.worker < b.worker }
        return WeekRoutingResult(routes: routes, unplaced: unplaced.sorted().map { visits[$0] }, hitClock: hitClock)
    }

    // MARK: - Pairs

    /// Whether a worker's day holding only `stops` (sorted by start) is feasible: its timeline reaches
    /// every pinned stop by its minute, clear of the break, and the end place by the shift's end, and
    /// the visit cap holds.
    func pinnedDayFeasible(_ worker: Worker, _ stops: [PinnedStop], on date: CivilDate) -> Bool {
        let visitsCount = stops.filter { $0.job.kind != .patrol }.count  // a campaign-only stop is at a door too
        if visitsCount > (worker.maxVisitsPerDay ?? .max) { return false }
        let day = DayRoute(worker: worker, errands: stops.map { p in
            DayRoute.Errand(task: p.job.id, kind: p.job.kind, duration: duration(p.job, on: date),
                            window: DayRoute.window(of: p.job, for: worker), pinnedAt: p.start)
        }, travel: travel)
        return day.earliestStarts() != nil
    }

    /// The minute at which every worker of a pair can start `job` on `date`, or nil.
    ///
    /// Candidates are every 5 minutes across the common window (and its last minute); the one adding the least
    /// travel to the workers' pinned days wins, the earliest on a tie.
    func commonStart(for job: Job, workers ws: [Worker], on date: CivilDate, pinned: [DayKey: [PinnedStop]]) -> Int? {
        var lo = 0, hi = 1440
        for w in ws {
            let (a, b) = DayRoute.window(of: job, for: w)
            lo = max(lo, a)
            hi = min(hi, b - duration(job, on: date))
        }
        guard lo <= hi else { return nil }
        var candidates = Array(stride(from: lo, through: hi, by: 5))
        if candidates.last != hi { candidates.append(hi) }
        var best: (Int, Int)?
        for s in candidates {
            var added = 0
            var ok = true
            for w in ws {
                var day = pinned[DayKey(worker: w.id, date: date)] ?? []
                let probe = PinnedStop(visit: -1, job: job, start: s)
                let at = day.firstIndex { $0.start > s } ?? day.count
                day.insert(probe, at: at)
                guard pinnedDayFeasible(w, day, on: date) else { ok = false; break }
                let prev = at == 0 ? w.start : day[at - 1].job.id
                let next = at == day.count - 1 ? w.end : day[at + 1].job.id
                added += travel.leg(from: prev, to: job.id, worker: w).timing + travel.leg(from: job.id, to: next, worker: w).timing
                    - travel.leg(from: prev, to: next, worker: w).timing
            }
            if ok && (best == nil || added < best!.1) { best = (s, added) }
        }
        return best?.0
    }

    // MARK: - Groups

    /// Workers linked by shared grids (grids and may_cover), each group with the visits it routes.
    func workerGroups() -> [[String]] {
        let ids = scenario.workers.map(\.id)
        var parent = Array(ids.indices)
        func find(_ x: Int) -> Int { var x = x; while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }; return x }
        var byGrid: [String: Int] = [:]
        for (i, w) in scenario.workers.enumerated() {
            for g in w.grids + w.mayCover {
                if let o = byGrid[g] { parent[find(i)] = find(o) } else { byGrid[g] = i }
            }
        }
        var groups: [Int: [String]] = [:]
        for (i, id) in ids.enumerated() { groups[find(i), default: []].append(id) }
        return groups.keys.sorted().map { groups[$0]! }
    }

    // MARK: - One group

    mutating func solveGroup(_ groupWorkers: [String], visits: [PlannedVisit], pinned: [DayKey: [PinnedStop]]) -> ([Route], Set<Int>) {
        let inGroup = Set(groupWorkers)
        let singles = visits.indices.filter { i in
            visits[i].workers.count == 1 && inGroup.contains(visits[i].workers[0]) && isRoutable(visits[i])
        }
        // Count distinct locations; a large group is routed worker by worker.
        var locations = Set<String>()
        for w in groupWorkers { locations.insert(workers[w]!.start); locations.insert(workers[w]!.end) }
        for i in singles { locations.insert(visits[i].job) }
        for (k, ps) in pinned where inGroup.contains(k.worker) { for p in ps { locations.insert(p.job.id) } }
        if locations.count > WeekRouting.maxGroupNodes && groupWorkers.count > 1 {
            var routes: [Route] = []
            var unplaced = Set<Int>()
            for w in groupWorkers {
                let (r, u) = solveWorkers([w], singles: singles.filter { visits[$0].workers[0] == w }, visits: visits,
                                          pinned: pinned, allowReassign: false)
                routes += r
                unplaced.formUnion(u)
            }
            return (routes, unplaced)
        }
        return solveWorkers(groupWorkers, singles: singles, visits: visits, pinned: pinned, allowReassign: true)
    }

    /// Whether a single visit passed the entry checks of `run` (known job and worker, eligible).
    func isRoutable(_ v: PlannedVisit) -> Bool {
        guard let job = job(for: v), max(1, job.workersNeeded) == 1, let w = workers[v.workers[0]] else { return false }
        return eligible(w, job, on: v.date)
    }

    /// Builds and solves the routing problem of some workers' week.
    mutating func solveWorkers(_ ws: [String], singles: [Int], visits: [PlannedVisit], pinned: [DayKey: [PinnedStop]],
                      allowReassign: Bool) -> ([Route], Set<Int>) {
        let horizonDates = scenario.horizon.dates
        // Nodes: places, then job locations, in first-seen order.
        var nodeIds: [String] = []
        var nodeOf: [String: Int] = [:]
        func node(_ id: String) -> Int {
            if let n = nodeOf[id] { return n }
            nodeOf[id] = nodeIds.count
            nodeIds.append(id)
            return nodeIds.count - 1
        }
        let groupWorkers = ws.map { workers[$0]! }
        for w in groupWorkers { _ = node(w.start); _ = node(w.end) }
        var pinnedHere: [(DayKey, PinnedStop)] = []
        for w in ws {
            for d in horizonDates { for p in pinned[DayKey(worker: w, date: d)] ?? [] { pinnedHere.append((DayKey(worker: w, date: d), p)) } }
        }
        for (_, p) in pinnedHere { _ = node(p.job.id) }
        for i in singles { _ = node(visits[i].job) }
        guard !pinnedHere.isEmpty || !singles.isEmpty else { return ([], []) }
        // Profiles: one per distinct speed.
        var speedProfile: [Double: Int] = [:]
        var representatives: [Worker] = []
        for w in groupWorkers {
            let sp = w.speedKmh ?? scenario.travel.speedKmh
            if speedProfile[sp] == nil { speedProfile[sp] = representatives.count; representatives.append(w) }
        }
        let n = nodeIds.count
        var profiles: [TravelProfile] = []
        for rep in representatives {
            var t = [Double](repeating: 0, count: n * n)
            var dist = [Double](repeating: 0, count: n * n)
            for a in 0..<n {
                for b in 0..<n where a != b {
                    let leg = travel.leg(from: nodeIds[a], to: nodeIds[b], worker: rep)
                    t[a * n + b] = Double(leg.timing)
                    dist[a * n + b] = leg.km
                }
            }
            profiles.append(TravelProfile(nodeCount: n, time: t, distance: dist))
        }
        // Slots: every working day of every worker.
        var slots: [RouteSlot] = []
        var slotKeys: [DayKey] = []
        var slotOf: [DayKey: Int] = [:]
        for (wi, w) in groupWorkers.enumerated() {
            let day = DayTimeline(worker: w)
            for (di, d) in horizonDates.enumerated() where calendar.isWorkingDay(d, for: w) {
                let key = DayKey(worker: w.id, date: d)
                slotOf[key] = slots.count
                slotKeys.append(key)
                slots.append(RouteSlot(
                    vehicle: wi, day: di, startNode: node(w.start), endNode: node(w.end),
                    earliestStart: day.opens, latestEnd: day.closes, breakInterval: day.breakInterval,
                    profile: speedProfile[w.speedKmh ?? scenario.travel.speedKmh]!,
                    maxVisits: w.maxVisitsPerDay ?? .max))
            }
        }
        let dayIndex = Dictionary(horizonDates.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var rjobs: [RoutingJob] = []
        var origin: [(visit: Int, pinned: Bool)] = []
        let hugePenalty = 1e7
        // Pinned pair stops first, in time order per day so construction appends them.
        for (key, p) in pinnedHere.sorted(by: { a, b in a.1.start != b.1.start ? a.1.start < b.1.start : a.1.visit < b.1.visit }) {
            var sc = [Double](repeating: .infinity, count: slots.count)
            sc[slotOf[key]!] = 0
            rjobs.append(RoutingJob(node: node(p.job.id), serviceTime: Double(duration(p.job, on: key.date)),
                                    window: (Double(p.start), Double(p.start)), semantics: .startByDue,
                                    countsAsVisit: p.job.kind != .patrol, patterns: [[dayIndex[key.date]!]],
                                    slotCost: sc, unservedPenalty: hugePenalty * 10, fixed: true))
            origin.append((p.visit, true))
        }
        var visitsPerJob: [String: Int] = [:]
        for v in visits { visitsPerJob[v.job, default: 0] += 1 }
        var weekMinutes: [String: Int] = [:]
        for w in groupWorkers { weekMinutes[w.id] = calendar.workingDays(for: w).count * w.availableMinutesPerDay }
        for i in singles {
            let v = visits[i]
            let job = job(for: v)!
            var sc = [Double](repeating: .infinity, count: slots.count)
            var days = [v.date]
            if allowReassign && visitsPerJob[v.job] == 1 {
                days += v.movableDates.filter { $0 != v.date && scenario.horizon.contains($0) }.sorted()
            }
            var patterns: [[Int]] = []
            for d in days {
                var any = false
                for w in groupWorkers where (w.id == v.workers[0] || allowReassign) && eligible(w, job, on: d) {
                    guard let s = slotOf[DayKey(worker: w.id, date: d)] else { continue }
                    sc[s] = WeekRouting.changeMinutes(job, from: v, to: w.id, on: d, weights: scenario.weights,
                                                      weekMinutes: weekMinutes)
                    any = true
                }
                if any { patterns.append([dayIndex[d]!]) }
            }
            let window = job.window.map { (Double($0.start.minutes), Double($0.end.minutes)) } ?? (0, 1440)
            rjobs.append(RoutingJob(node: node(v.job), serviceTime: Double(duration(job, on: v.date)), window: window,
                                    semantics: .endByWindowEnd, countsAsVisit: job.kind != .patrol,
                                    patterns: patterns.isEmpty ? [[dayIndex[v.date]!]] : patterns, slotCost: sc,
                                    unservedPenalty: hugePenalty))
            origin.append((i, false))
        }
        let problem = RoutingProblem(profiles: profiles, slots: slots, jobs: rjobs, objective: .travelTime)
        let search = RoutingSearch(problem: problem, seed: options.seed)
        let movable = singles.count
        let params = SearchParameters(seed: options.seed, timeLimitSeconds: timeShare(visits: singles.count + pinnedHere.count),
                                      maxIterations: max(100, min(12_000, max(300, 30 * movable),
                                                                  iterationBudget(visits: singles.count + pinnedHere.count))),
                                      initialTemperature: 10, finalTemperature: 0.5, polishEveryBest: false,
                                      exactSequencingMaxStops: 8)
        let solution = search.solve(params)
        if movable > 0, let m = params.maxIterations, solution.iterations < m { hitClock = true }
        var unplaced = Set<Int>()
        for j in solution.unserved { unplaced.insert(origin[j].visit) }
        // Routes, timed in whole minutes: the search's schedule, compacted (as late as its order allows
        // without moving its end: no idling mid-day), leaving as late as the first stop allows.
        var routes: [Route] = []
        for sr in solution.routes {
            let key = slotKeys[sr.slot]
            let w = workers[key.worker]!
            let errands = sr.jobs.enumerated().map { k, j -> DayRoute.Errand in
                let o = origin[j]
                let v = visits[o.visit]
                let job = job(for: v)!
                return DayRoute.Errand(task: job.id, kind: job.kind, duration: duration(job, on: key.date),
                                       window: DayRoute.window(of: job, for: w),
                                       with: o.pinned ? v.workers.filter { $0 != w.id }.sorted() : [],
                                       campaign: v.isCampaignOnly ? v.campaignOnly : nil,
                                       pinnedAt: o.pinned ? Int(sr.serviceStarts[k].rounded()) : nil)
            }
            let day = DayRoute(worker: w, errands: errands, travel: travel)
            let starts = day.timeline.compacted(day.stops, starts: sr.serviceStarts.map { Int($0.rounded()) })
            routes.append(day.route(on: key.date, starts: starts))
        }
        return (routes, unplaced)
    }
}
