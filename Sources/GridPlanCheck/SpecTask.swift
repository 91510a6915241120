import GridPlanCore

/// A household or patrol point with the rules format §1 gives it, derived by the checker itself
/// from the scenario's households, patrols, policies, history and campaigns (not from the
/// planner's `Scenario.jobs()`).
public struct SpecTask: Sendable, Hashable {
    public var id: String
    /// `.visit` for a household, `.patrol` for a patrol point.
    public var kind: JobKind
    public var grid: String
    /// `every_days` N of §2 (households: of the category with the smallest N).
    public var everyDays: Int
    /// `min_gap_days` M of §2 (default `every_days / 2` rounded down, at least 1).
    public var minGapDays: Int
    /// Minutes on site of a regular visit.
    public var durationMin: Int
    public var priority: Int
    /// Skills a worker must all have.
    public var skills: Set<String>
    /// Distinct workers a visit needs (a pair visit when 2 or more; patrols 1).
    public var workersNeeded: Int
    /// The window a stop must lie in, nil for any time; for households the intersection of the
    /// household's window and every category's.
    public var window: TimeWindow?
    /// The windows to intersect share no minute: no stop can keep rule 5.4.
    public var windowIsEmpty: Bool
    /// Weekdays the task may be visited on, nil for any.
    public var weekdays: Set<Weekday>?
    /// The preferred worker of a household: `preferred_worker`, else the first worker (file order)
    /// whose `grids` hold its grid.
    public var preferredWorker: String?
    /// Every visit before the plan: each history row's date and the `last_visit` column, sorted, unique.
    public var pastVisits: [CivilDate]
    /// Campaigns the household still owes (name, deadline, minutes), by deadline: carried by its first
    /// regular visit in the plan, or delivered by a campaign-only stop (kind `campaign`) that names them.
    public var owedCampaigns: [(name: String, by: CivilDate, minutes: Int)]

    /// The last visit `L` of §2: the later of `last_visit` and the last history date.
    public var lastVisit: CivilDate? { pastVisits.last }

    /// Minutes on site of the regular stop on `date` (rule 5.3 `end − start`): the duration, plus on the
    /// task's first visit of the plan the minutes of every owed campaign whose deadline is not before it.
    ///
    /// - Parameter planVisits: the dates of the task's regular stops (campaign-only stops are no visits).
    public func minutesOnSite(on date: CivilDate, planVisits: Set<CivilDate>) -> Int {
        guard !owedCampaigns.isEmpty, planVisits.min() == date else { return durationMin }
        return durationMin + owedCampaigns.filter { date <= $0.by }.reduce(0) { $0 + $1.minutes }
    }

    public static func == (a: SpecTask, b: SpecTask) -> Bool {
        a.id == b.id && a.kind == b.kind && a.grid == b.grid && a.everyDays == b.everyDays
            && a.minGapDays == b.minGapDays && a.durationMin == b.durationMin && a.priority == b.priority
            && a.skills == b.skills && a.workersNeeded == b.workersNeeded && a.window == b.window
            && a.windowIsEmpty == b.windowIsEmpty && a.weekdays == b.weekdays
            && a.preferredWorker == b.preferredWorker && a.pastVisits == b.pastVisits
            && a.owedCampaigns.map(\.name) == b.owedCampaigns.map(\.name)
            && a.owedCampaigns.map(\.by) == b.owedCampaigns.map(\.by)
            && a.owedCampaigns.map(\.minutes) == b.owedCampaigns.map(\.minutes)
    }

    public func hash(into h: inout Hasher) { h.combine(id) }
}

extension SpecTask {
    /// Every task of `scenario`, households then patrols, each in file order.
    ///
    /// A household whose categories have no policy at all is no task (validation reports it).
    /// - Complexity: O(households × categories + patrols + history).
    public static func all(in scenario: Scenario) -> [SpecTask] {
        var policies: [String: Policy] = [:]
        for p in scenario.policies where policies[p.category] == nil { policies[p.category] = p }
        // §1: "The last date per task is its last visit" — every history row, whatever its result.
        var visited: [String: Set<CivilDate>] = [:]
        var campaignsCarried: [String: Set<String>] = [:]
        for row in scenario.history {
            visited[row.task, default: []].insert(row.date)
            if isDone(row.result) { campaignsCarried[row.task, default: []].formUnion(row.campaigns) }
        }
        // The campaign ledger's campaign-only visits deliver what they name, but are no visits (extension).
        for row in scenario.campaignVisits where isDone(row.result) {
            campaignsCarried[row.task, default: []].formUnion(row.campaigns)
        }
        func past(_ id: String, _ column: CivilDate?) -> [CivilDate] {
            var dates = visited[id] ?? []
            if let d = column { dates.insert(d) }
            return dates.sorted()
        }
        func defaultGap(_ everyDays: Int) -> Int { max(1, everyDays / 2) }

        var tasks: [SpecTask] = []
        for h in scenario.households {
            let ps = h.categories.compactMap { policies[$0] }
            guard let first = ps.first else { continue }
            // Rhythm: the category with the smallest every_days; on a tie the larger min_gap_days.
            var rhythm = (every: first.everyDays, gap: first.minGapDays ?? defaultGap(first.everyDays))
            for p in ps.dropFirst() {
                let gap = p.minGapDays ?? defaultGap(p.everyDays)
                if p.everyDays < rhythm.every || (p.everyDays == rhythm.every && gap > rhythm.gap) {
                    rhythm = (p.everyDays, gap)
                }
            }
            // Windows: the household's and every category's, intersected.
            var lo = h.window?.start.minutes ?? Int.min, hi = h.window?.end.minutes ?? Int.max
            var anyWindow = h.window != nil
            for p in ps { if let w = p.window { lo = max(lo, w.start.minutes); hi = min(hi, w.end.minutes); anyWindow = true } }
            let empty = anyWindow && hi <= lo
            let window = anyWindow && !empty ? TimeWindow(lo, hi) : nil
            let preferred = h.preferredWorker ?? scenario.workers.first { $0.grids.contains(h.grid) }?.id
            let carried = campaignsCarried[h.id] ?? []
            let owed = scenario.campaigns
                .filter { c in !carried.contains(c.name) && c.categories.contains { h.categories.contains($0) } }
                .map { (name: $0.name, by: $0.by, minutes: $0.durationMin) }
                .sorted { ($0.by, $0.name) < ($1.by, $1.name) }
            tasks.append(SpecTask(
                id: h.id, kind: .visit, grid: h.grid, everyDays: rhythm.every, minGapDays: rhythm.gap,
                durationMin: h.durationMin ?? ps.reduce(0) { $0 + $1.durationMin },
                priority: ps.map(\.priority).max() ?? 3, skills: Set(ps.flatMap(\.skills)),
                workersNeeded: ps.map(\.workersNeeded).max() ?? 1, window: window, windowIsEmpty: empty,
                weekdays: h.weekdays.map(Set.init), preferredWorker: preferred,
                pastVisits: past(h.id, h.lastVisit), owedCampaigns: owed))
        }
        for p in scenario.patrols {
            tasks.append(SpecTask(
                id: p.id, kind: .patrol, grid: p.grid, everyDays: p.everyDays,
                minGapDays: p.minGapDays ?? defaultGap(p.everyDays), durationMin: p.durationMin,
                priority: p.priority, skills: Set(p.skills), workersNeeded: 1, window: p.window,
                windowIsEmpty: false, weekdays: nil, preferredWorker: nil,
                pastVisits: past(p.id, p.lastVisit), owedCampaigns: []))
        }
        return tasks
    }

    /// A history result that is a completed visit: none, or `done` (any case, spaces around).
    static func isDone(_ result: String?) -> Bool {
        guard let r = result?.trimmingCharacters(in: .whitespaces), !r.isEmpty else { return true }
        return r.lowercased() == "done"
    }
}
