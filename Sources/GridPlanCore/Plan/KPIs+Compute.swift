import Foundation

/// Per-task outcome recomputed from the routes: the basis of `late`, KPIs and checking.
public struct TaskOutcome: Sendable, Hashable {
    public var job: Job
    /// Dates the task is visited in the plan, sorted, unique.
    public var visitDates: [CivilDate]
    public var isDue: Bool
    public var lateDays: Int
    public var firstMissedDue: CivilDate?
}

extension KPIs {
    /// Every job's visit dates and lateness in `routes` (format §2). Campaign-only stops are no
    /// visits of the rhythm: they count for neither.
    public static func outcomes(of routes: [Route], in scenario: ResolvedScenario) -> [TaskOutcome] {
        let calendar = scenario.calendar
        var dates: [String: Set<CivilDate>] = [:]
        for r in routes { for s in r.stops where !s.isCampaignOnly { dates[s.task, default: []].insert(r.date) } }
        return scenario.jobs.map { job in
            let v = (dates[job.id] ?? []).sorted()
            let rule = job.dueRule
            let (late, missed) = rule.lateness(visits: v, calendar: calendar)
            return TaskOutcome(job: job, visitDates: v, isDue: rule.isDue(in: calendar), lateDays: late,
                               firstMissedDue: missed)
        }
    }

    /// The KPIs of format §5.8, recomputed from the routes and the scenario.
    ///
    /// `visits_planned` counts every visit event (household visits and patrol inspections) with a
    /// pair visit once; `continuity` and `on_time_rate` are 1 when there is nothing to divide
    /// (no household visit, no task due); `utilisation_min/max` are 0 when no worker has available
    /// minutes.
    ///
    /// Decimals are rounded as written in plan.json (km 0.001, ratios 0.0001), so a plan's reported
    /// KPIs and the recomputed ones compare equal.
    public static func compute(routes: [Route], scenario: ResolvedScenario) -> KPIs {
        let outcomes = outcomes(of: routes, in: scenario)
        let jobsById = scenario.jobsById
        let due = outcomes.filter(\.isDue)
        let lateTaskDays = outcomes.reduce(0) { $0 + $1.lateDays }
        let onTime = due.isEmpty ? 1.0 : Double(due.filter { $0.lateDays == 0 }.count) / Double(due.count)

        // Visit events (§5.8 "visits_planned counts visit events, a pair visit once"): every stop,
        // household visit or patrol, grouped by (task, date) so the workers of a pair count once.
        // A task is never visited twice on one date in a valid plan (min_gap_days ≥ 1).
        struct Event: Hashable { var task: String; var date: CivilDate }
        var events: [Event: [String]] = [:]
        var householdEvents: Set<Event> = []
        for r in routes {
            for s in r.stops where !s.isCampaignOnly {  // a campaign-only stop is no visit event
                let e = Event(task: s.task, date: r.date)
                events[e, default: []].append(r.worker)
                if s.kind == .visit { householdEvents.insert(e) }
            }
        }
        let visits = events.count
        // Continuity: household visits made by their preferred worker ÷ household visits; a pair
        // visit counts as made by the preferred worker when that worker is one of the pair.
        let preferred = householdEvents.filter { e in
            guard let p = jobsById[e.task]?.preferredWorker else { return false }
            return events[e]!.contains(p)
        }.count
        let continuity = householdEvents.isEmpty ? 1.0 : Double(preferred) / Double(householdEvents.count)

        let calendar = scenario.calendar
        var workByWorker: [String: Int] = [:]
        var travelKm = 0.0, travelMin = 0, workMin = 0
        for r in routes {
            travelKm += r.travelKm
            travelMin += r.travelMin
            let w = r.workingMinutes(breakTime: scenario.worker(r.worker)?.breakTime)
            workMin += w
            workByWorker[r.worker, default: 0] += w
        }
        var utils: [Double] = []
        for w in scenario.workers {
            let avail = calendar.workingDays(for: w).count * w.availableMinutesPerDay
            guard avail > 0 else { continue }
            utils.append(Double(workByWorker[w.id] ?? 0) / Double(avail))
        }
        var kpis = KPIs(
            tasksDue: due.count, visitsPlanned: visits, lateTaskDays: lateTaskDays,
            onTimeRate: Plan.round(onTime, places: 4), travelKm: Plan.round(travelKm, places: 3),
            travelMin: travelMin, workMin: workMin,
            utilisationMin: Plan.round(utils.min() ?? 0, places: 4),
            utilisationMax: Plan.round(utils.max() ?? 0, places: 4),
            continuity: Plan.round(continuity, places: 4),
            dailySpreadMaxMin: dailySpreads(routes: routes, scenario: scenario).values.max(),
            regularWeekdayRate: regularWeekdayRate(outcomes))
        let campaigns = CampaignDeliveries.outcomes(of: routes, jobs: scenario.jobs)
            .filter { $0.isDue(in: scenario.horizon) }
        if !campaigns.isEmpty {
            kpis.campaignVisitsOwed = campaigns.count
            kpis.campaignVisitsKept = campaigns.filter(\.isKept).count
        }
        return kpis
    }

    /// Per worker with at least two working days in the horizon and a route: its fullest working
    /// day's working minutes less its emptiest's (0 on a working day without a route).
    public static func dailySpreads(routes: [Route], scenario: ResolvedScenario) -> [String: Int] {
        let calendar = scenario.calendar
        var minutes: [String: [CivilDate: Int]] = [:]
        for r in routes {
            let b = scenario.worker(r.worker)?.breakTime
            minutes[r.worker, default: [:]][r.date, default: 0] += r.workingMinutes(breakTime: b)
        }
        var out: [String: Int] = [:]
        for w in scenario.workers {
            guard let byDay = minutes[w.id] else { continue }
            let days = calendar.workingDays(for: w)
            guard days.count >= 2 else { continue }
            let m = days.map { byDay[$0] ?? 0 }
            out[w.id] = m.max()! - m.min()!
        }
        return out
    }

    /// Visits of tasks with a rhythm of 7 days or more that have a previous visit (history or an
    /// earlier visit in the horizon), on that visit's weekday ÷ all such visits; nil without any.
    ///
    /// The previous visit is the latest one before the visit's date, whichever list it is on: a
    /// re-planned week's history may hold dates inside the horizon, on or after a planned visit.
    static func regularWeekdayRate(_ outcomes: [TaskOutcome]) -> Double? {
        let d = regularWeekdayDetail(outcomes)
        return d.counted == 0 ? nil : Plan.round(Double(d.same) / Double(d.counted), places: 4)
    }
}

/// What stands behind `regular_weekday_rate`: the visits it counts, those on their previous visit's
/// weekday, and those whose previous visit fell on a weekday the horizon does not work (a Saturday
/// worked in lieu of a holiday, a Sunday), which no plan of this horizon can keep on that weekday.
public struct RegularWeekdayDetail: Sendable, Equatable {
    public var counted: Int
    public var same: Int
    public var forcedOff: Int

    public init(counted: Int, same: Int, forcedOff: Int) {
        self.counted = counted
        self.same = same
        self.forcedOff = forcedOff
    }

    /// The share on their weekday among the visits the horizon could keep there; nil without any.
    public var rateWhereOffered: Double? {
        counted > forcedOff ? Double(same) / Double(counted - forcedOff) : nil
    }
}

extension KPIs {
    /// The counts behind `regularWeekdayRate(_:)`, with the visits no plan of the horizon could keep
    /// on their weekday (their previous visit's weekday has no working day in `calendar`; none
    /// without a calendar).
    public static func regularWeekdayDetail(_ outcomes: [TaskOutcome], calendar: WorkingCalendar? = nil) -> RegularWeekdayDetail {
        let worked = calendar.map { Set($0.workingDays.map(\.weekday)) }
        var out = RegularWeekdayDetail(counted: 0, same: 0, forcedOff: 0)
        for o in outcomes where o.job.everyDays >= 7 {
            let visits = Set([o.job.lastVisit].compactMap { $0 } + o.job.pastVisits + o.visitDates).sorted()
            for d in o.visitDates {
                guard let p = visits.last(where: { $0 < d }) else { continue }
                out.counted += 1
                if p.weekday == d.weekday { out.same += 1 } else if let w = worked, !w.contains(p.weekday) { out.forcedOff += 1 }
            }
        }
        return out
    }
}

extension KPIs {
    /// `outcomes(of:in:)` for a scenario not resolved yet (it is resolved for this call).
    public static func outcomes(of routes: [Route], in scenario: Scenario) -> [TaskOutcome] {
        outcomes(of: routes, in: ResolvedScenario(scenario))
    }

    /// `compute(routes:scenario:)` for a scenario not resolved yet (it is resolved for this call).
    public static func compute(routes: [Route], scenario: Scenario) -> KPIs {
        compute(routes: routes, scenario: ResolvedScenario(scenario))
    }
}

extension Route {
    /// `end − start` less the part of the break inside it.
    public func workingMinutes(breakTime: TimeWindow?) -> Int {
        let span = end.minutes - start.minutes
        guard let b = breakTime else { return span }
        return span - b.overlap(start.minutes, end.minutes)
    }
}
