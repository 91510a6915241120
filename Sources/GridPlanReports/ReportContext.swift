import Foundation
import GridPlanCore

/// A visit before a given day: from the history (or a `last_visit` column), or earlier in the plan.
struct PreviousVisit: Hashable {
    var date: CivilDate
    /// Worker ids, empty when only a `last_visit` column gave the date.
    var workers: [String]
    /// True when the visit is an earlier stop of the same plan rather than the history.
    var planned: Bool
}

/// What one stop of a route means to a reader: the stop joined with its task's scenario record.
struct StopDetail {
    var order: Int
    var stop: Stop
    var job: Job?
    var household: Household?
    var patrol: Patrol?

    var name: String { job?.name ?? household?.name ?? patrol?.name ?? "" }
    var address: String { household?.address ?? "" }
    var grid: String { job?.grid ?? household?.grid ?? patrol?.grid ?? "" }
    var categories: [String] { household?.categories ?? [] }
    var phone: String { household?.phone ?? "" }
    var notes: String { household?.notes ?? patrol?.notes ?? "" }
    var extra: [ExtraField] { household?.extra ?? patrol?.extra ?? [] }
    var location: GeoPoint? { job?.location ?? household?.location ?? patrol?.location }
}

/// Lookups every renderer needs, built once per plan: the resolved scenario's jobs, calendar and
/// indexes, and the plan's visits and the history per task. Never solves, never prints.
struct ReportContext {
    let plan: Plan
    /// The scenario the plan was made for, resolved once by whoever loaded it.
    let resolved: ResolvedScenario
    let strings: Strings
    /// History entries that count as visits, per task, sorted by date.
    private let history: [String: [HistoryEntry]]
    /// Planned visits per task: (date, worker), sorted.
    private let planned: [String: [(date: CivilDate, worker: String)]]
    /// A re-plan's changes that bring a stop to a worker's day, by `task|worker|date` (built once: the
    /// daily lists look one up per stop).
    let arrivals: [String: StopChange]

    init(plan: Plan, scenario: ResolvedScenario) {
        self.plan = plan
        resolved = scenario
        strings = Strings(scenario.locale)
        var h: [String: [HistoryEntry]] = [:]
        for e in scenario.history { h[e.task, default: []].append(e) }
        history = h.mapValues { $0.sorted { ($0.date, $0.worker) < ($1.date, $1.worker) } }
        var p: [String: [(date: CivilDate, worker: String)]] = [:]
        for r in plan.routes { for s in r.stops where !s.isCampaignOnly { p[s.task, default: []].append((r.date, r.worker)) } }
        planned = p.mapValues { $0.sorted { ($0.date, $0.worker) < ($1.date, $1.worker) } }
        var a: [String: StopChange] = [:]
        for c in plan.replan?.changes ?? [] {
            guard let d = c.newDate else { continue }
            for w in c.newWorkers where !(c.oldDate == d && c.oldWorkers.contains(w)) {
                let k = ReportContext.arrivalKey(task: c.task, worker: w, date: d)
                if a[k] == nil { a[k] = c }
            }
        }
        arrivals = a
    }

    static func arrivalKey(task: String, worker: String, date: CivilDate) -> String { "\(task)|\(worker)|\(date.iso)" }

    var scenario: Scenario { resolved.scenario }
    var calendar: WorkingCalendar { resolved.calendar }

    /// Workers in scenario order, then any worker the plan names that the scenario lacks.
    var workers: [Worker] {
        var list = scenario.workers
        let known = Set(list.map(\.id))
        var extra: [String] = []
        for r in plan.routes where !known.contains(r.worker) && !extra.contains(r.worker) { extra.append(r.worker) }
        for id in extra.sorted() {
            list.append(Worker(id: id, name: id, grids: [], start: "", shift: TimeWindow(0, 0)))
        }
        return list
    }

    /// The horizon's calendar days (from the scenario, which the plan was made for).
    var dates: [CivilDate] { scenario.horizon.dates }

    func worker(_ id: String) -> Worker? { resolved.worker(id) }

    /// The worker's name, or its id when unknown or unnamed.
    func workerName(_ id: String) -> String {
        guard let w = resolved.worker(id), !w.name.isEmpty else { return id }
        return w.name
    }

    /// `Name (ID)`.
    func workerLabel(_ id: String) -> String {
        let n = workerName(id)
        return n == id ? id : "\(n) (\(id))"
    }

    func place(_ id: String) -> Place? { resolved.place(id) }

    /// The place's name, or its id.
    func placeName(_ id: String) -> String {
        guard let p = resolved.place(id), !p.name.isEmpty else { return id }
        return p.name
    }

    func job(_ id: String) -> Job? { resolved.job(id) }

    /// A task's display name, or its id.
    func taskName(_ id: String) -> String {
        if let j = resolved.job(id), !j.name.isEmpty { return j.name }
        if let h = resolved.household(id), !h.name.isEmpty { return h.name }
        if let p = resolved.patrol(id), !p.name.isEmpty { return p.name }
        return id
    }

    /// Routes of one worker, by date.
    func routes(of worker: String) -> [Route] {
        plan.routes.filter { $0.worker == worker }.sorted { $0.date < $1.date }
    }

    func route(of worker: String, on date: CivilDate) -> Route? { plan.route(of: worker, on: date) }

    /// The stops of a route joined with their tasks, numbered from 1.
    func details(of route: Route) -> [StopDetail] {
        route.stops.enumerated().map { i, s in
            StopDetail(order: i + 1, stop: s, job: resolved.job(s.task), household: resolved.household(s.task),
                       patrol: resolved.patrol(s.task))
        }
    }

    /// Whether `worker` works on `date` (scenario calendar and leave).
    func isWorkingDay(_ date: CivilDate, for worker: Worker) -> Bool {
        if resolved.worker(worker.id) == nil { return plan.route(of: worker.id, on: date) != nil }
        return calendar.isWorkingDay(date, for: worker)
    }

    /// Minutes the worker works on a route: `end − start` less the break inside it.
    func workingMinutes(_ route: Route) -> Int {
        route.workingMinutes(breakTime: resolved.worker(route.worker)?.breakTime)
    }

    /// The worker's working time over the horizon ÷ its available minutes (nil without available minutes).
    func utilisation(of worker: Worker) -> Double? {
        guard resolved.worker(worker.id) != nil else { return nil }
        let avail = calendar.workingDays(for: worker).count * worker.availableMinutesPerDay
        guard avail > 0 else { return nil }
        let work = routes(of: worker.id).reduce(0) { $0 + workingMinutes($1) }
        return Double(work) / Double(avail)
    }

    /// The last visit to `task` before `date`: an earlier stop of this plan, else the history or a `last_visit` column.
    func previousVisit(of task: String, before date: CivilDate) -> PreviousVisit? {
        if let p = planned[task]?.filter({ $0.date < date }), let last = p.last?.date {
            return PreviousVisit(date: last, workers: p.filter { $0.date == last }.map(\.worker), planned: true)
        }
        let fromHistory = history[task]?.filter { $0.date < date }
        let column = resolved.household(task)?.lastVisit ?? resolved.patrol(task)?.lastVisit
        let hLast = fromHistory?.last?.date
        switch (hLast, column) {
        case let (h?, c?) where c > h: return PreviousVisit(date: c, workers: [], planned: false)
        case let (h?, _):
            let ws = fromHistory!.filter { $0.date == h }.map(\.worker)
            var unique: [String] = []
            for w in ws where !unique.contains(w) { unique.append(w) }
            return PreviousVisit(date: h, workers: unique, planned: false)
        case let (nil, c?): return PreviousVisit(date: c, workers: [], planned: false)
        case (nil, nil): return nil
        }
    }

    /// Stops, visits and patrols of one route (campaign-only stops are neither: `campaignStops`).
    func counts(_ route: Route) -> (stops: Int, visits: Int, patrols: Int) {
        let v = route.stops.filter { $0.kind == .visit }.count
        return (route.stops.count, v, route.stops.filter { $0.kind == .patrol }.count)
    }
}
