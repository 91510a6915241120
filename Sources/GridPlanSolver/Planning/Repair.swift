import Foundation
import GridPlanCore

/// Retries the visits routing could not place: each on an eligible worker (or pair) and day that
/// keeps the job's gap rules and lowers its lateness against dropping it, routing that whole date
/// again (every worker of it: routing may hand a visit to another worker of the day). A visit no
/// alternative takes is dropped (the task becomes late and the diagnosis says why).
///
/// Deterministic: visits are taken by priority, then date, then job id; alternatives in a fixed order;
/// at most `attemptsPerVisit` re-routings per visit and `totalAttempts` in all, none started after
/// `deadline` (only that last cap depends on the clock).
struct Repair {
    /// Resolved once for the whole repair: every attempt routes it again, without re-deriving it.
    let scenario: ResolvedScenario
    let calendar: WorkingCalendar
    let eligibility: Eligibility
    let jobs: [String: Job]
    let options: RoutingOptions
    /// Routes per worker-day.
    private(set) var routesByKey: [WorkerDay: Route]
    /// The visits currently in the routes.
    private(set) var placed: [PlannedVisit]
    var attemptsPerVisit = 8
    var totalAttempts = 400
    /// No new attempt starts after this moment (the run's time limit).
    var deadline = Date.distantFuture
    private var attempts = 0
    /// Set when the deadline kept an attempt from starting, or a re-routing's watchdog stopped it.
    private(set) var hitClock = false
    /// Visits dropped for good.
    private(set) var dropped: [PlannedVisit] = []

    struct WorkerDay: Hashable, Comparable {
        var worker: String
        var date: CivilDate
        static func < (a: WorkerDay, b: WorkerDay) -> Bool { (a.date, a.worker) < (b.date, b.worker) }
    }

    /// - Parameter routes: what routing made; the visits in them are read back from their stops
    ///   (routing may have moved a visit to one of its `movableDates`).
    init(scenario: ResolvedScenario, routes: [Route], options: RoutingOptions) {
        self.scenario = scenario
        calendar = scenario.calendar
        eligibility = Eligibility(scenario: scenario)
        jobs = scenario.jobsById
        self.options = options
        var byKey: [WorkerDay: Route] = [:]
        for r in routes { byKey[WorkerDay(worker: r.worker, date: r.date)] = r }
        routesByKey = byKey
        placed = Repair.visits(in: routes)
    }

    /// The visits the routes make (routing may move a visit to another worker or date, so the
    /// routes are the only truth).
    static func visits(in routes: [Route]) -> [PlannedVisit] {
        var workersOf: [VisitKey: [String]] = [:]
        var campaignOnly: [VisitKey: [String]] = [:]
        for r in routes {
            for s in r.stops {
                let key = VisitKey(job: s.task, date: r.date)
                workersOf[key, default: []].append(r.worker)
                if s.isCampaignOnly { campaignOnly[key] = s.campaign ?? [] }
            }
        }
        return workersOf.keys.sorted { ($0.date, $0.job) < ($1.date, $1.job) }.map {
            PlannedVisit(job: $0.job, date: $0.date, workers: workersOf[$0]!.sorted(), campaignOnly: campaignOnly[$0] ?? [])
        }
    }

    /// Every route, sorted by date then worker.
    var routes: [Route] { routesByKey.keys.sorted().map { routesByKey[$0]! } }

    mutating func retry(_ unplaced: [PlannedVisit]) {
        let ordered = unplaced.sorted { a, b in
            let pa = jobs[a.job]?.priority ?? 0, pb = jobs[b.job]?.priority ?? 0
            if pa != pb { return pa > pb }
            return (a.date, a.job) < (b.date, b.job)
        }
        for v in ordered {
            if !place(v) { dropped.append(v) }
        }
    }

    /// Tries the alternatives of one visit; true when one was routed.
    private mutating func place(_ v: PlannedVisit) -> Bool {
        guard let job = jobs[v.job] else { return false }
        if v.isCampaignOnly { return placeCampaignOnly(v, household: job) }
        let others = placed.filter { $0.job == v.job }.map(\.date).sorted()
        let dropLate = job.dueRule.lateness(visits: others, calendar: calendar).lateDays
        var candidates: [(late: Int, distance: Int, date: CivilDate, workers: [String])] = []
        // A visit carrying campaign minutes keeps its date (its duration depends on it).
        let pinned = options.extraMinutes[v.job] != nil
        for d in scenario.horizon.dates where !others.contains(d) && (!pinned || d == v.date) {
            if let l = job.lastVisit, l.days(to: d) < job.minGapDays { continue }
            if others.contains(where: { abs($0.days(to: d)) < job.minGapDays }) { continue }
            let late = job.dueRule.lateness(visits: (others + [d]).sorted(), calendar: calendar).lateDays
            guard late < dropLate else { continue }
            let eligible = scenario.workers.filter { eligibility.isEligible($0, for: job, on: d) }
            for ws in workerSets(eligible, job: job, original: v.workers) {
                candidates.append((late, abs(v.date.days(to: d)), d, ws))
            }
        }
        candidates.sort { a, b in
            if a.late != b.late { return a.late < b.late }
            if a.distance != b.distance { return a.distance < b.distance }
            if a.date != b.date { return a.date < b.date }
            return a.workers.lexicographicallyPrecedes(b.workers)
        }
        for c in candidates.prefix(attemptsPerVisit) {
            guard attempts < totalAttempts else { return false }
            guard Date() < deadline else { hitClock = true; return false }
            attempts += 1
            let moved = PlannedVisit(job: v.job, date: c.date, workers: c.workers)
            if reroute(adding: moved) { return true }
        }
        return false
    }

    /// Tries a campaign-only visit on the dates on or before its earliest deadline (no gap rule, no
    /// date of another visit of the household), nearest the original date first; true when one was routed.
    private mutating func placeCampaignOnly(_ v: PlannedVisit, household: Job) -> Bool {
        let job = CampaignVisits.campaignJob(household, delivering: v.campaignOnly)
        guard let by = household.campaigns.filter({ v.campaignOnly.contains($0.name) }).map(\.by).min() else { return false }
        let taken = Set(placed.filter { $0.job == v.job }.map(\.date))
        var candidates: [(distance: Int, date: CivilDate, workers: [String])] = []
        for d in scenario.horizon.dates where d <= by && !taken.contains(d) {
            let eligible = scenario.workers.filter { eligibility.isEligible($0, for: job, on: d) }
            for ws in workerSets(eligible, job: job, original: v.workers) { candidates.append((abs(v.date.days(to: d)), d, ws)) }
        }
        candidates.sort { a, b in
            if a.distance != b.distance { return a.distance < b.distance }
            if a.date != b.date { return a.date < b.date }
            return a.workers.lexicographicallyPrecedes(b.workers)
        }
        for c in candidates.prefix(attemptsPerVisit) {
            guard attempts < totalAttempts else { return false }
            guard Date() < deadline else { hitClock = true; return false }
            attempts += 1
            if reroute(adding: PlannedVisit(job: v.job, date: c.date, workers: c.workers, campaignOnly: v.campaignOnly)) {
                return true
            }
        }
        return false
    }

    /// Campaigns owed with a deadline in the horizon that no stop of the routes delivers by then (the
    /// visit that would have carried one was dropped, or routing could not hold it): each household
    /// gets a campaign-only visit for them, tried as an unplaced visit is. Those no day takes stay
    /// undelivered (the plan lists them in `missed_campaigns`).
    mutating func deliverMissedCampaigns() {
        let h = scenario.horizon
        let missed = CampaignDeliveries.outcomes(of: routes, jobs: scenario.jobs)
            .filter { $0.isDue(in: h) && !$0.isKept }
        var byHousehold: [String: [CampaignDue]] = [:]
        var order: [String] = []
        for o in missed {
            if byHousehold[o.household] == nil { order.append(o.household) }
            byHousehold[o.household, default: []].append(o.campaign)
        }
        for id in order {
            guard let job = jobs[id], let due = byHousehold[id] else { continue }
            // Those the regular visit's date could still carry are not the campaign stop's to deliver.
            let first = placed.filter { $0.job == id && !$0.isCampaignOnly }.map(\.date).min()
            let names = due.filter { c in first.map { $0 > c.by } ?? true }.map(\.name)
            guard !names.isEmpty, let by = due.map(\.by).min() else { continue }
            let wanted = PlannedVisit(job: id, date: by, workers: job.preferredWorker.map { [$0] } ?? [], campaignOnly: names)
            _ = place(wanted)
        }
    }

    /// Worker sets to try for a job, preferred and original workers first, then the rest by id.
    private func workerSets(_ eligible: [Worker], job: Job, original: [String]) -> [[String]] {
        let ids = eligible.map(\.id).sorted { a, b in
            func rank(_ w: String) -> Int { w == job.preferredWorker ? 0 : original.contains(w) ? 1 : 2 }
            return rank(a) != rank(b) ? rank(a) < rank(b) : a < b
        }
        guard ids.count >= job.workersNeeded else { return [] }
        if job.workersNeeded == 1 { return ids.map { [$0] } }
        // Pairs (or larger groups): a few combinations in order.
        var sets: [[String]] = []
        func choose(_ from: Int, _ acc: [String]) {
            if sets.count >= 6 { return }
            if acc.count == job.workersNeeded { sets.append(acc.sorted()); return }
            guard from < ids.count else { return }
            for i in from..<ids.count { choose(i + 1, acc + [ids[i]]) }
        }
        choose(0, [])
        return sets
    }

    /// Routes the date of `visit` again with the visit added, and keeps the result only when every
    /// visit routed is placed. Only the workers the visit touches are routed: its workers, and whoever
    /// shares a pair visit with them that day (transitively); the date's other routes stay as they are,
    /// so a district's date is not routed whole for one visit (its fixed work would outrun the watchdog
    /// on a busy machine, and two runs could differ). When that routing hands a visit to a worker
    /// outside the set, the whole date is routed instead.
    private mutating func reroute(adding visit: PlannedVisit) -> Bool {
        let group = placed.filter { $0.date == visit.date }
        var touched = Set(visit.workers)
        var grew = true
        while grew {
            grew = false
            for p in group where p.workers.count > 1 && !touched.isDisjoint(with: p.workers) && !touched.isSuperset(of: p.workers) {
                touched.formUnion(p.workers)
                grew = true
            }
        }
        let related = group.filter { !touched.isDisjoint(with: $0.workers) }
        if related.count < group.count {
            switch replace(visit.date, workers: touched, routing: related + [visit]) {
            case .placed: return true
            case .unplaced: return false
            case .outsider: break
            }
        }
        return replace(visit.date, workers: nil, routing: group + [visit]) == .placed
    }

    enum Outcome { case placed, unplaced, outsider }

    /// Routes `visits` (all on `date`; no movable dates: the other days' routes are fixed) and, when
    /// every one is placed on routes of `workers` (any worker when nil), puts those routes in place of
    /// the workers' routes of that date.
    private mutating func replace(_ date: CivilDate, workers: Set<String>?, routing visits: [PlannedVisit]) -> Outcome {
        let result = WeekRouting.route(scenario: scenario, visits: visits, options: options)
        if result.hitClock { hitClock = true }
        let made = result.routes.filter { !$0.stops.isEmpty }
        guard result.unplaced.isEmpty, made.allSatisfy({ $0.date == date }) else { return .unplaced }
        guard made.allSatisfy({ workers?.contains($0.worker) ?? true }) else { return .outsider }
        for key in routesByKey.keys where key.date == date && (workers?.contains(key.worker) ?? true) { routesByKey[key] = nil }
        for r in made { routesByKey[WorkerDay(worker: r.worker, date: r.date)] = r }
        placed = Repair.visits(in: routes)
        return .placed
    }
}
