import Foundation

/// A visit of the old plan that a re-plan should keep if it can: a task on a date by its workers.
public struct KeptVisit: Sendable, Hashable {
    /// The household or patrol point.
    public var task: String
    /// The date of the old visit.
    public var date: CivilDate
    /// Sorted worker ids (two or more for a pair visit).
    public var workers: [String]

    public init(task: String, date: CivilDate, workers: [String]) {
        self.task = task
        self.date = date
        self.workers = workers
    }
}

/// A visit that must happen on one of a few dates (an urgent household).
public struct RequiredVisit: Sendable, Hashable {
    /// The urgent household or patrol point.
    public var task: String
    /// Allowed dates, ascending: the re-plan date (or the first working day from it) and the next working day.
    public var dates: [CivilDate]

    public init(task: String, dates: [CivilDate]) {
        self.task = task
        self.dates = dates
    }
}

/// Everything a re-plan needs, worked out from the scenario, the old plan, the date and the
/// disruption — before any solving:
///
/// - `disrupted`: the scenario with the absences as workers' `days_off`;
/// - `remaining`: the disrupted scenario over the days from the re-plan date to the horizon's end,
///   with the kept stops before that date added to its history (they count for gap rules and lateness),
///   resolved once (`ResolvedScenario`): it is the scenario the re-plan plans;
/// - `kept`: the routes before the date, exactly as they were;
/// - `previous`: the old plan's visits from the date on, which the solver should change as little as it can;
/// - `required`: urgent visits and the dates they must fall on.
public struct ReplanSetup: Sendable {
    /// The first day re-planned.
    public var from: CivilDate
    /// What happened.
    public var disruption: Disruption
    /// The scenario as loaded (what `gridplan check` is run against), resolved.
    public var original: ResolvedScenario
    /// The original with the absences as days off.
    public var disrupted: Scenario
    /// The disrupted scenario over `from` … the horizon's end, the kept stops added to its history, resolved.
    public var remaining: ResolvedScenario
    /// The old plan's routes before `from`, unchanged.
    public var kept: [Route]
    /// The old plan's visits from `from` on.
    public var previous: [KeptVisit]
    /// Urgent visits and their allowed dates.
    public var required: [RequiredVisit]
    /// Notes for the user (an absence clipped to the re-planned days, …).
    public var notes: [String]

    /// Works out the re-plan.
    ///
    /// - Throws: `CycleInputError` when the date is outside the plan's horizon or not after its first
    ///   day … last day range, a worker or task id is unknown, an absence lies wholly before the date,
    ///   the plan is not for the scenario's horizon, or an urgent task cannot be visited in time
    ///   without breaking its `min_gap_days`.
    public static func make(scenario resolved: ResolvedScenario, plan: Plan, from: CivilDate, disruption: Disruption) throws
        -> ReplanSetup {
        let scenario = resolved.scenario
        let h = scenario.horizon
        guard plan.horizon.start == h.start, plan.horizon.days == h.days else {
            throw CycleInputError("the plan covers \(plan.horizon.start.iso) (\(plan.horizon.days) days) but the "
                + "scenario's horizon is \(h.start.iso) (\(h.days) days); re-plan with the scenario the plan was made for")
        }
        guard h.contains(from) else {
            throw CycleInputError("--from \(from.iso) is outside the plan's horizon \(h.start.iso)..\(h.end.iso)")
        }
        var notes: [String] = []
        var disrupted = scenario
        let workerIndex = Dictionary(scenario.workers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for a in disruption.absences {
            guard let i = workerIndex[a.worker] else {
                throw CycleInputError("--absent: unknown worker '\(a.worker)'")
            }
            let clipped = a.dates.filter { $0 >= from && $0 <= h.end }
            guard !clipped.isEmpty else {
                throw CycleInputError("--absent \(a.worker): \(a.from.iso)..\(a.through.iso) has no day in "
                    + "\(from.iso)..\(h.end.iso), the days being re-planned")
            }
            if clipped.count != a.dates.count {
                notes.append("absence of \(a.worker) taken as \(clipped.first!.iso)..\(clipped.last!.iso): "
                    + "days before --from keep their routes, days after the horizon are next period's")
            }
            var w = disrupted.workers[i]
            w.daysOff = Array(Set(w.daysOff + clipped)).sorted()
            disrupted.workers[i] = w
        }

        let kept = plan.routes.filter { $0.date < from }
        var remaining = disrupted
        remaining.horizon = Horizon(start: from, days: from.days(to: h.end) + 1, weekdays: h.weekdays,
                                    holidays: h.holidays.filter { $0 >= from }, extraWorkdays: h.extraWorkdays.filter { $0 >= from },
                                    calendar: h.calendar)
        struct Key: Hashable { var task: String; var date: CivilDate; var worker: String }
        var onFile = Set(scenario.history.map { Key(task: $0.task, date: $0.date, worker: $0.worker) })
        let allJobs = resolved.jobsById
        let planDates = CampaignDeliveries.regularVisitDates(in: plan.routes)
        for r in kept {
            for s in r.stops where onFile.insert(Key(task: s.task, date: r.date, worker: r.worker)).inserted {
                // A kept campaign-only stop delivers its campaigns but is no visit of the rhythm.
                if s.isCampaignOnly {
                    remaining.campaignVisits.append(HistoryEntry(task: s.task, date: r.date, worker: r.worker,
                                                                 result: "done", campaigns: s.campaign ?? []))
                    continue
                }
                let carried = allJobs[s.task]?.campaigns(carriedOn: r.date, visitDates: planDates[s.task] ?? []) ?? []
                remaining.history.append(HistoryEntry(task: s.task, date: r.date, worker: r.worker, result: "done",
                                                      campaigns: carried.map(\.name)))
            }
        }

        var byTaskDay: [String: [String]] = [:]
        var order: [(String, CivilDate)] = []
        for r in plan.routes where r.date >= from {
            for s in r.stops where !s.isCampaignOnly {  // the keep bonus is for regular visits
                let k = s.task + "\u{1}" + r.date.iso
                if byTaskDay[k] == nil { order.append((s.task, r.date)) }
                byTaskDay[k, default: []].append(r.worker)
            }
        }
        let previous = order.map { KeptVisit(task: $0.0, date: $0.1, workers: byTaskDay[$0.0 + "\u{1}" + $0.1.iso]!.sorted()) }

        let resolvedRemaining = ResolvedScenario(remaining)
        let jobs = resolvedRemaining.jobsById
        let firstDays = Array(resolvedRemaining.calendar.workingDays.prefix(2))
        var required: [RequiredVisit] = []
        for id in disruption.urgent {
            guard let job = jobs[id] else {
                throw CycleInputError("--urgent: '\(id)' is not a household or patrol point of the scenario")
            }
            guard !firstDays.isEmpty else {
                throw CycleInputError("--urgent \(id): no working day from \(from.iso) to \(h.end.iso)")
            }
            if let last = job.pastVisits.filter({ $0 < from }).max(), let latest = firstDays.last,
               last.adding(days: job.minGapDays) > latest {
                throw CycleInputError("--urgent \(id): it was visited on \(last.iso) and its min_gap_days "
                    + "\(job.minGapDays) allows the next visit on \(last.adding(days: job.minGapDays).iso) at the earliest")
            }
            required.append(RequiredVisit(task: id, dates: firstDays))
        }
        return ReplanSetup(from: from, disruption: disruption, original: resolved, disrupted: disrupted,
                           remaining: resolvedRemaining, kept: kept, previous: previous, required: required, notes: notes)
    }

    /// The whole-horizon plan: the kept routes, then `remainingPlan`'s routes, with the late list and
    /// KPIs recomputed over the original scenario's horizon (so `gridplan check` on the scenario file passes).
    ///
    /// A late task keeps the reason the re-plan gave it, else the one the old plan gave it; a task late
    /// only before the re-plan date is explained as such.
    public func merge(remainingPlan sub: Plan, oldPlan: Plan) -> Plan {
        let routes = (kept + sub.routes).sorted { ($0.date, $0.worker) < ($1.date, $1.worker) }
        let reasons = Dictionary(oldPlan.late.map { ($0.task, $0) }, uniquingKeysWith: { a, _ in a })
            .merging(Dictionary(sub.late.map { ($0.task, $0) }, uniquingKeysWith: { a, _ in a })) { _, new in new }
        var late: [LateTask] = []
        for o in KPIs.outcomes(of: routes, in: original) where o.lateDays > 0 {
            var entry = reasons[o.job.id] ?? LateTask(task: o.job.id, due: from, lateDays: 0, firstVisit: nil,
                                                      explanation: .lateBeforeReplan(from: from))
            entry.due = o.firstMissedDue ?? original.horizon.start
            entry.lateDays = o.lateDays
            entry.firstVisit = o.visitDates.first { original.horizon.contains($0) }
            late.append(entry)
        }
        let kpis = KPIs.compute(routes: routes, scenario: original)
        // Campaigns missed over the whole horizon keep the reason the re-plan (else the old plan) gave.
        var missed: [MissedCampaign]?
        if kpis.campaignVisitsOwed != nil {
            let given = Dictionary(((oldPlan.missedCampaigns ?? []) + (sub.missedCampaigns ?? [])).map { ($0.household + "\u{1}" + $0.campaign, $0) },
                                   uniquingKeysWith: { _, new in new })
            missed = CampaignDeliveries.outcomes(of: routes, jobs: original.jobs)
                .filter { $0.isDue(in: original.horizon) && !$0.isKept }
                .map { o in
                    given[o.household + "\u{1}" + o.campaign.name] ?? MissedCampaign(
                        household: o.household, campaign: o.campaign.name, deadline: o.campaign.by, reason: .other,
                        detail: "deadline \(o.campaign.by.iso), before the re-plan date \(from.iso) or in the part of the plan that was kept")
                }
        }
        return Plan(scenario: oldPlan.scenario, horizon: oldPlan.horizon, solver: sub.solver, routes: routes,
                    late: late, kpis: kpis, missedCampaigns: missed)
    }
}
