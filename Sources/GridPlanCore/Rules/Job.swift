import Foundation

public enum JobKind: String, Sendable, Codable, Hashable, CaseIterable {
    case visit
    case patrol
    /// A stop kind only (no `Job` of the scenario has it): a campaign-only visit to a household, its
    /// own errand, which is no visit of the household's rhythm (Docs/scenario-format.md, `campaigns`).
    case campaign
}

/// A task of the format spec with its rules resolved: a household visit (categories combined per §1)
/// or a patrol point. The planner and the reports work on jobs; the checker (GridPlanCheck) derives
/// its own tasks from the format text instead, so that it does not share the planner's meaning.
public struct Job: Sendable, Hashable, Identifiable {
    public var id: String
    public var kind: JobKind
    public var name: String
    public var grid: String
    public var location: GeoPoint
    public var everyDays: Int
    public var minGapDays: Int
    public var durationMin: Int
    public var priority: Int
    /// Skills a visiting worker must all have (sorted, unique).
    public var skills: [String]
    /// 2 or more = a pair visit. Patrols need 1.
    public var workersNeeded: Int
    /// Time of day the stop must lie in; nil means any time in the shift. For households, the
    /// intersection of the household's window and its categories' windows.
    public var window: TimeWindow?
    /// True when the windows to intersect share no minute: the job can never be done.
    public var windowIsEmpty: Bool
    /// Weekdays the job may be done on; nil means any.
    public var weekdays: [Weekday]?
    /// The later of the `last_visit` column and the history's last row (every row counts, format §1).
    public var lastVisit: CivilDate?
    /// Worker who should visit it (households only): `preferred_worker`, or the first worker whose grids hold the grid.
    public var preferredWorker: String?
    /// The categories a household was listed with (empty for patrols).
    public var categories: [String]
    /// Every visit before the plan (each history row's date and `last_visit`), sorted, unique.
    public var pastVisits: [CivilDate]
    /// Campaigns the household still owes (its categories match, no done history row nor campaign-only
    /// visit before the plan carried them), by deadline.
    public var campaigns: [CampaignDue] = []

    public init(id: String, kind: JobKind, name: String = "", grid: String, location: GeoPoint, everyDays: Int,
                minGapDays: Int, durationMin: Int, priority: Int = 3, skills: [String] = [], workersNeeded: Int = 1,
                window: TimeWindow? = nil, windowIsEmpty: Bool = false, weekdays: [Weekday]? = nil,
                lastVisit: CivilDate? = nil, preferredWorker: String? = nil, categories: [String] = [],
                pastVisits: [CivilDate] = []) {
        self.id = id
        self.kind = kind
        self.name = name
        self.grid = grid
        self.location = location
        self.everyDays = everyDays
        self.minGapDays = minGapDays
        self.durationMin = durationMin
        self.priority = priority
        self.skills = skills
        self.workersNeeded = workersNeeded
        self.window = window
        self.windowIsEmpty = windowIsEmpty
        self.weekdays = weekdays
        self.lastVisit = lastVisit
        self.preferredWorker = preferredWorker
        self.categories = categories
        self.pastVisits = pastVisits
    }

    /// Whether the job may be done on `date`'s weekday.
    public func allows(weekdayOf date: CivilDate) -> Bool { weekdays?.contains(date.weekday) ?? true }

    /// The campaigns the visit on `date` carries: on the job's first visit in the plan, every owed
    /// campaign whose deadline `by` is not before that date; nothing on later visits.
    ///
    /// - Parameter visitDates: every date the plan visits the job (any order), regular visits only:
    ///   a campaign-only stop (kind `campaign`) is no visit of the rhythm and carries only what it names.
    public func campaigns(carriedOn date: CivilDate, visitDates: [CivilDate]) -> [CampaignDue] {
        guard !campaigns.isEmpty, let first = visitDates.min(), first == date else { return [] }
        return campaigns.filter { date <= $0.by }
    }

    /// Minutes on site of the visit on `date`: `durationMin` plus the minutes of the campaigns it carries
    /// (the rule `end − start` of format §5.3 checks against).
    public func durationMin(on date: CivilDate, visitDates: [CivilDate]) -> Int {
        durationMin + campaigns(carriedOn: date, visitDates: visitDates).reduce(0) { $0 + $1.durationMin }
    }

    /// The rhythm as a `DueRule`.
    public var dueRule: DueRule {
        DueRule(everyDays: everyDays, minGapDays: minGapDays, lastVisit: lastVisit, pastVisits: pastVisits)
    }
}

extension Scenario {
    /// Every household and patrol as a `Job`, households first, each in file order.
    ///
    /// Applies the combination rules of format §1 (several categories), the default preferred
    /// worker, and history (the later of `last_visit` and the history's last row; every row counts).
    /// Categories without a policy are skipped (validation reports them).
    public func jobs() -> [Job] {
        let policyByCategory = Dictionary(policies.map { ($0.category, $0) }, uniquingKeysWith: { a, _ in a })
        let last = lastVisitsFromHistory()
        let past = pastVisitDates()
        var campaignsDone: [String: Set<String>] = [:]
        for e in history + campaignVisits where e.isDone && !e.campaigns.isEmpty {  // a greeting needs somebody at home
            campaignsDone[e.task, default: []].formUnion(e.campaigns)
        }
        var result: [Job] = []
        result.reserveCapacity(households.count + patrols.count)
        for h in households {
            let ps = h.categories.compactMap { policyByCategory[$0] }
            guard !ps.isEmpty else { continue }
            // Rhythm of the category with the smallest every_days; on a tie the larger min_gap_days.
            let rhythm = ps.min { a, b in
                a.everyDays != b.everyDays ? a.everyDays < b.everyDays : a.effectiveMinGapDays > b.effectiveMinGapDays
            }!
            var window: TimeWindow? = h.window
            var empty = false
            for p in ps {
                guard let w = p.window else { continue }
                if let cur = window {
                    if let i = cur.intersection(w) { window = i } else { empty = true }
                } else {
                    window = w
                }
            }
            let preferred = h.preferredWorker ?? workers.first { $0.grids.contains(h.grid) }?.id
            result.append(Job(
                id: h.id, kind: .visit, name: h.name, grid: h.grid, location: h.location,
                everyDays: rhythm.everyDays, minGapDays: rhythm.effectiveMinGapDays,
                durationMin: h.durationMin ?? ps.reduce(0) { $0 + $1.durationMin },
                priority: ps.map(\.priority).max()!,
                skills: Array(Set(ps.flatMap(\.skills))).sorted(),
                workersNeeded: ps.map(\.workersNeeded).max()!,
                window: empty ? nil : window, windowIsEmpty: empty, weekdays: h.weekdays,
                lastVisit: [h.lastVisit, last[h.id]].compactMap { $0 }.max(),
                preferredWorker: preferred, categories: h.categories, pastVisits: past[h.id] ?? []))
            result[result.count - 1].campaigns = owed(by: h, done: campaignsDone[h.id] ?? [])
        }
        for p in patrols {
            result.append(Job(
                id: p.id, kind: .patrol, name: p.name, grid: p.grid, location: p.location,
                everyDays: p.everyDays, minGapDays: p.minGapDays ?? max(1, p.everyDays / 2),
                durationMin: p.durationMin, priority: p.priority, skills: Array(Set(p.skills)).sorted(),
                workersNeeded: 1, window: p.window, lastVisit: [p.lastVisit, last[p.id]].compactMap { $0 }.max(),
                pastVisits: past[p.id] ?? []))
        }
        return result
    }

    /// The campaigns household `h` owes: those naming one of its categories that no done history row carried.
    func owed(by h: Household, done: Set<String>) -> [CampaignDue] {
        campaigns.filter { c in !done.contains(c.name) && c.categories.contains { h.categories.contains($0) } }
            .map { CampaignDue(name: $0.name, by: $0.by, durationMin: $0.durationMin) }
            .sorted { ($0.by, $0.name) < ($1.by, $1.name) }
    }

    /// The last visit date per task id in `history`.
    ///
    /// Format §1: "The last date per task is its last visit" — every row counts, whatever its
    /// `result`. (`gridplan record` keeps outcomes other than `done` out of the history file.)
    public func lastVisitsFromHistory() -> [String: CivilDate] {
        var last: [String: CivilDate] = [:]
        for e in history {
            if let cur = last[e.task], cur >= e.date { continue }
            last[e.task] = e.date
        }
        return last
    }

    /// Every visit date per task id in `history` (every row, format §1) and `last_visit` columns, sorted, unique.
    public func pastVisitDates() -> [String: [CivilDate]] {
        var dates: [String: Set<CivilDate>] = [:]
        for e in history { dates[e.task, default: []].insert(e.date) }
        for h in households { if let d = h.lastVisit { dates[h.id, default: []].insert(d) } }
        for p in patrols { if let d = p.lastVisit { dates[p.id, default: []].insert(d) } }
        return dates.mapValues { $0.sorted() }
    }
}

/// A campaign a household still owes: one visit by `by` that takes `durationMin` more minutes.
public struct CampaignDue: Sendable, Hashable {
    public var name: String
    public var by: CivilDate
    public var durationMin: Int

    public init(name: String, by: CivilDate, durationMin: Int) {
        self.name = name
        self.by = by
        self.durationMin = durationMin
    }
}
