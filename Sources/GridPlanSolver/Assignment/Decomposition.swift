import Foundation
import GridPlanCore

/// Splits a scenario's assignment into independent parts: connected components of workers that
/// share a grid through `grids` or `may_cover`. No job can be done by workers of two parts, so the
/// parts' models share no variable and are solved separately (in parallel when allowed).
enum Decomposition {
    /// Share of a worker's day the `cap` rows keep free for what the estimate misses (waiting for a
    /// window, the exact order of stops): measured on the shipped cold snap, where a full estimate
    /// left routes 1–3 visits over on a third of the days, and 4 % still left 6–8 visits that routing
    /// had to drop (each late to the horizon's end, 25 late task-days); at 6 % none is dropped and the
    /// plan has 250 late task-days instead of 261 (Docs/benchmarks.md).
    static let routingMargin = 0.06

    /// The parts (ordered by their first worker's position in the scenario) and the due jobs no
    /// worker covers (they belong to no part and stay unvisited). Jobs in `include` are planned even when
    /// not due (urgent visits of a re-plan).
    /// Workers in `helpers` are the shortfall re-solve's stand-ins (`WorkerInfo.isHelper`).
    static func parts(of scenario: ResolvedScenario, include: Set<String> = [], cycle: CycleObjective = CycleObjective(),
                      helpers: Set<String> = []) -> (parts: [AssignmentInstance], uncovered: [Job]) {
        let calendar = scenario.calendar
        let travel = scenario.travelModel
        let workers = scenario.workers
        let dates = scenario.horizon.dates

        // Union-find over workers sharing a grid.
        var parent = Array(workers.indices)
        func find(_ i: Int) -> Int {
            var r = i
            while parent[r] != r { r = parent[r] }
            var k = i
            while parent[k] != r { let n = parent[k]; parent[k] = r; k = n }
            return r
        }
        var workersByGrid: [String: [Int]] = [:]
        for (i, w) in workers.enumerated() {
            for g in Set(w.grids + w.mayCover) { workersByGrid[g, default: []].append(i) }
        }
        for g in workersByGrid.keys.sorted() {
            let ws = workersByGrid[g]!
            for k in ws.dropFirst() {
                let a = find(ws[0]), b = find(k)
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }

        // Each task's last done visit in the history: its date and workers (a pair visit has two rows).
        var lastVisit: [String: (date: CivilDate, workers: Set<String>)] = [:]
        for e in scenario.history where e.isDone {
            if let l = lastVisit[e.task], l.date > e.date { continue }
            if let l = lastVisit[e.task], l.date == e.date { lastVisit[e.task]!.workers.insert(e.worker); continue }
            lastVisit[e.task] = (e.date, [e.worker])
        }
        let due = scenario.jobs.filter { $0.dueRule.isDue(in: calendar) || include.contains($0.id) }
        var uncovered: [Job] = []
        var jobsByRoot: [Int: [Job]] = [:]
        for j in due {
            guard let ws = workersByGrid[j.grid], let first = ws.first else { uncovered.append(j); continue }
            jobsByRoot[find(first), default: []].append(j)
        }

        // Leg estimate: a day holds about one in `workingDays` of a grid's due jobs, so the leg that
        // reaches a job is about as long as the way to its k-th nearest due neighbour in the grid,
        // k = the horizon's working days (measured on the shipped scenarios: the nearest neighbour
        // alone gave a third of the routed minutes, and the routes overflowed).
        var dueByGrid: [String: [Job]] = [:]
        for j in due { dueByGrid[j.grid, default: []].append(j) }
        let k = max(2, calendar.workingDays.count)
        func legKm(_ job: Job) -> Double {
            let others = (dueByGrid[job.grid] ?? []).filter { $0.id != job.id }
            let km = others.map { travel.km(job.location, $0.location) }.sorted()
            if km.count >= 2 { return km[min(k, km.count) - 1] }
            // Few neighbours: half the round trip from the first covering worker's start place.
            let w = workersByGrid[job.grid].flatMap { $0.first.map { workers[$0] } }
            let startKm = w.flatMap { travel.point(of: $0.start) }.map { travel.km($0, job.location) } ?? 0
            return km.isEmpty ? startKm : (km[0] + startKm) / 2
        }

        var parts: [AssignmentInstance] = []
        let roots = Set(workers.indices.map(find)).sorted()
        for root in roots {
            let memberIdx = workers.indices.filter { find($0) == root }
            let members = memberIdx.map { workers[$0] }
            let jobs = jobsByRoot[root] ?? []
            let memberPos = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1.id, $0) })
            let infos: [AssignmentInstance.WorkerInfo] = members.map { w in
                let own = jobs.filter { w.grids.contains($0.grid) }
                var allowance = 0
                if !own.isEmpty, let s = travel.point(of: w.start), let e = travel.point(of: w.end) {
                    let c = GeoPoint(lat: own.map(\.location.lat).reduce(0, +) / Double(own.count),
                                     lon: own.map(\.location.lon).reduce(0, +) / Double(own.count))
                    let speed = w.speedKmh ?? scenario.travel.speedKmh
                    allowance = TravelModel.minutes(km: travel.km(s, c), speedKmh: speed)
                        + TravelModel.minutes(km: travel.km(c, e), speedKmh: speed)
                }
                let works = dates.map { calendar.isWorkingDay($0, for: w) }
                return AssignmentInstance.WorkerInfo(
                    worker: w, dayCapacity: max(0, w.availableMinutesPerDay - allowance - Int((Double(w.availableMinutesPerDay) * Self.routingMargin).rounded())),
                    totalAvailable: works.filter { $0 }.count * w.availableMinutesPerDay, works: works,
                    workingDays: works.indices.filter { works[$0] }, isHelper: helpers.contains(w.id))
            }
            var jobInfos: [AssignmentInstance.JobInfo] = []
            for job in jobs {
                // Same rule as Eligibility.isEligible, with the worker's calendar precomputed.
                let qualified = members.indices.filter {
                    Eligibility.qualifies(members[$0], for: job) && Eligibility.windowFits(job, members[$0])
                }
                var info = Self.jobInfo(job, qualified: qualified, workers: infos, dates: dates, calendar: calendar,
                                        legKm: legKm(job), preferred: job.preferredWorker.flatMap { memberPos[$0] },
                                        cycle: cycle)
                info.lastWorkers = (lastVisit[job.id]?.workers ?? []).compactMap { memberPos[$0] }.sorted()
                jobInfos.append(info)
            }
            var part = AssignmentInstance(
                name: "part\(parts.count + 1)", dates: dates, workers: infos, jobs: jobInfos,
                weights: scenario.weights, calendar: calendar, defaultSpeedKmh: scenario.travel.speedKmh)
            part.cycle = cycle
            part.prepare()
            parts.append(part)
        }
        return (parts, uncovered)
    }

    /// The first date after the horizon on one of its weekdays (the next week's holidays are not known).
    static func nextWorkingDay(after calendar: WorkingCalendar) -> CivilDate? {
        let h = calendar.horizon
        let weekdays = Set(h.weekdays)
        guard !weekdays.isEmpty else { return nil }
        var d = h.end.adding(days: 1)
        while !weekdays.contains(d.weekday) { d = d.adding(days: 1) }
        return d
    }

    /// A job's dates, eligible workers, due rows, gap runs, campaign deadlines and requirement.
    static func jobInfo(_ job: Job, qualified: [Int], workers: [AssignmentInstance.WorkerInfo], dates: [CivilDate],
                        calendar: WorkingCalendar, legKm: Double, preferred: Int?, cycle: CycleObjective)
        -> AssignmentInstance.JobInfo {
        // Every visit before the plan counts for the gap rule (format §5.7), in both directions.
        let before = Set(job.pastVisits + [job.lastVisit].compactMap { $0 })
        var days: [Int] = [], eligible: [[Int]] = []
        for di in dates.indices where job.allows(weekdayOf: dates[di]) {
            let ws = qualified.filter { workers[$0].works[di] }
            guard ws.count >= job.workersNeeded else { continue }
            guard before.allSatisfy({ abs($0.days(to: dates[di])) >= job.minGapDays }) else { continue }
            days.append(di)
            eligible.append(ws)
        }
        let rule = job.dueRule
        var dueDays: [AssignmentInstance.DueDay] = []
        for t in calendar.workingDays where rule.isLate(on: t, visits: [], calendar: calendar) {
            let lo = t.adding(days: -(job.everyDays - 1))
            let covering = days.indices.filter { dates[days[$0]] >= lo && dates[days[$0]] <= t }
            dueDays.append(AssignmentInstance.DueDay(day: dates.firstIndex(of: t)!, covering: covering))
        }
        // Maximal runs of dates closer than min_gap_days: at most one visit in each.
        var gapRuns: [[Int]] = []
        for k in days.indices {
            let run = days.indices.filter { $0 >= k && dates[days[k]].days(to: dates[days[$0]]) < job.minGapDays }
            if run.count >= 2, gapRuns.last?.last != run.last { gapRuns.append(run) }
        }
        let h = calendar.horizon
        var campaigns = job.campaigns.filter { $0.by >= h.start && $0.by <= h.end }.map { c in
            AssignmentInstance.CampaignDeadline(name: c.name, by: c.by,
                                                covering: days.indices.filter { dates[days[$0]] <= c.by },
                                                minutes: c.durationMin)
        }
        // Campaign-only visits: any date on or before a deadline, no gap rule (CampaignColumns).
        let campaignOnly = AssignmentInstance.campaignDays(job, campaigns: campaigns, candidates: Array(workers.indices),
                                                           workers: workers, dates: dates)
        for c in campaigns.indices {
            campaigns[c].campaignCovering = campaignOnly.days.indices.filter { dates[campaignOnly.days[$0]] <= campaigns[c].by }
        }
        var requirement: AssignmentInstance.Requirement?
        if let allowed = cycle.requiredDates(of: job.id) {
            let idx = days.indices.filter { allowed.contains(dates[days[$0]]) }
            let first = allowed.min().flatMap { f in idx.first { dates[days[$0]] == f } }
            requirement = AssignmentInstance.Requirement(first: first, allowed: idx)
        }
        // Look-ahead: the day before the next working day after the horizon, when the horizon's working
        // days end before it (a weekend tail). Covered by the visits that keep the job on time through it.
        var lookAhead: [Int]?
        if let lastWorking = calendar.workingDays.last, let next = Self.nextWorkingDay(after: calendar) {
            let t = next.adding(days: -1)
            if t > lastWorking, rule.isLate(on: t, visits: [], calendar: calendar) {
                let lo = t.adding(days: -(job.everyDays - 1))
                let covering = days.indices.filter { dates[days[$0]] >= lo }
                // Implied when a due row already asks for a visit among these (a weekly task due in the
                // week: any visit keeping it on time keeps it through the weekend): no row then.
                let implied = dueDays.contains { !$0.covering.isEmpty && Set($0.covering).isSubset(of: covering) }
                if !covering.isEmpty, !implied { lookAhead = covering }
            }
        }
        // The usual weekday counts only when the horizon offers it (not in a holiday week).
        let usual = job.everyDays >= 7 ? job.lastVisit.map(\.weekday).flatMap { wd in
            days.contains { dates[$0].weekday == wd } ? wd : nil
        } : nil
        return AssignmentInstance.JobInfo(job: job, days: days, eligible: eligible, dueDays: dueDays, gapRuns: gapRuns,
                                          campaigns: campaigns, requirement: requirement, legKm: legKm,
                                          preferred: preferred, usualWeekday: usual, lookAhead: lookAhead,
                                          campaignDays: campaignOnly.days, campaignEligible: campaignOnly.eligible)
    }
}
