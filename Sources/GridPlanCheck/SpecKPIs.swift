import GridPlanCore

/// The KPIs of format §5.8, recomputed by the checker from the routes and the scenario.
public enum SpecKPIs {
    /// Recomputes every KPI, decimals rounded as plan.json writes them (km 0.001, ratios 0.0001).
    ///
    /// - `tasks_due`, `late_task_days`, `on_time_rate` per §2 (`on_time_rate` 1 when nothing is due);
    /// - `visits_planned`: visit events, a (task, date) once however many workers it has; a
    ///   campaign-only stop (kind `campaign`) is none, and counts for no task's lateness or continuity;
    /// - `continuity`: household visit events with the preferred worker among its workers ÷ household
    ///   visit events (1 when there is none);
    /// - `travel_km`, `travel_min`: the routes' totals; `work_min`: each route's `end − start` less
    ///   the part of the break inside it;
    /// - `utilisation_min/max`: over workers with available minutes (shift less break, times working
    ///   days), a worker's working minutes ÷ its available minutes; 0 when no worker has any;
    /// - `daily_spread_max_min`, `regular_weekday_rate`: the extensions of Docs/scenario-format.md §10
    ///   (`dailySpreadMaxMin(…)`, `regularWeekdayRate(…)`).
    public static func compute(routes: [Route], scenario: Scenario, tasks: [SpecTask]? = nil,
                               calendar: SpecCalendar? = nil) -> KPIs {
        let tasks = tasks ?? SpecTask.all(in: scenario)
        let calendar = calendar ?? SpecCalendar(horizon: scenario.horizon)
        var planVisits: [String: Set<CivilDate>] = [:]
        var workersOf: [String: [CivilDate: Set<String>]] = [:]
        for r in routes {
            for s in r.stops where s.kind != .campaign {  // a campaign-only stop is no visit event
                planVisits[s.task, default: []].insert(r.date)
                workersOf[s.task, default: [:]][r.date, default: []].insert(r.worker)
            }
        }
        var due = 0, onTime = 0, lateTaskDays = 0
        var householdEvents = 0, byPreferred = 0
        for t in tasks {
            let l = SpecLateness(of: t, planVisits: planVisits[t.id] ?? [], calendar: calendar)
            lateTaskDays += l.lateDays
            if l.isDue {
                due += 1
                if l.lateDays == 0 { onTime += 1 }
            }
            guard t.kind == .visit else { continue }
            for (_, workers) in workersOf[t.id] ?? [:] {
                householdEvents += 1
                if let p = t.preferredWorker, workers.contains(p) { byPreferred += 1 }
            }
        }
        let events = workersOf.values.reduce(0) { $0 + $1.count }

        let workers = Dictionary(scenario.workers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var travelKm = 0.0, travelMin = 0, workMin = 0
        var workedBy: [String: Int] = [:]
        for r in routes {
            travelKm += r.travelKm
            travelMin += r.travelMin
            let worked = r.end.minutes - r.start.minutes - minutesInside(workers[r.worker]?.breakTime, r.start.minutes, r.end.minutes)
            workMin += worked
            workedBy[r.worker, default: 0] += worked
        }
        var ratios: [Double] = []
        for w in scenario.workers {
            let perDay = w.shift.end.minutes - w.shift.start.minutes
                - minutesInside(w.breakTime, w.shift.start.minutes, w.shift.end.minutes)
            let available = perDay * calendar.workingDays(for: w).count
            if available > 0 { ratios.append(Double(workedBy[w.id] ?? 0) / Double(available)) }
        }
        return KPIs(
            tasksDue: due, visitsPlanned: events, lateTaskDays: lateTaskDays,
            onTimeRate: rounded(due == 0 ? 1 : Double(onTime) / Double(due), 4),
            travelKm: rounded(travelKm, 3), travelMin: travelMin, workMin: workMin,
            utilisationMin: rounded(ratios.min() ?? 0, 4), utilisationMax: rounded(ratios.max() ?? 0, 4),
            continuity: rounded(householdEvents == 0 ? 1 : Double(byPreferred) / Double(householdEvents), 4),
            dailySpreadMaxMin: dailySpreadMaxMin(routes: routes, scenario: scenario, calendar: calendar),
            regularWeekdayRate: regularWeekdayRate(tasks: tasks, planVisits: planVisits))
    }

    /// `daily_spread_max_min` (Docs/scenario-format.md §10): over the workers with at least two
    /// working days (§5.1) and a route, the largest difference between a worker's fullest and
    /// emptiest working day in working minutes (`end − start` less the break inside it, summed over
    /// the day's routes; a working day without a route counts 0). Nil when no worker qualifies.
    public static func dailySpreadMaxMin(routes: [Route], scenario: Scenario, calendar: SpecCalendar) -> Int? {
        var largest: Int?
        for w in scenario.workers {
            let own = routes.filter { $0.worker == w.id }
            let days = calendar.workingDays(for: w)
            guard !own.isEmpty, days.count >= 2 else { continue }
            let minutes = days.map { d in
                own.filter { $0.date == d }.reduce(0) { sum, r in
                    sum + r.end.minutes - r.start.minutes - minutesInside(w.breakTime, r.start.minutes, r.end.minutes)
                }
            }
            let spread = minutes.max()! - minutes.min()!
            largest = max(largest ?? spread, spread)
        }
        return largest
    }

    /// `regular_weekday_rate` (Docs/scenario-format.md §10): of the visits (a task and a date of
    /// the plan, a pair visit once) of tasks whose `every_days` is 7 or more and that have a
    /// previous visit — the latest history date, `last_visit` or plan date before it — the share
    /// made on that previous visit's weekday, rounded to 0.0001. Nil when there is no such visit.
    public static func regularWeekdayRate(tasks: [SpecTask], planVisits: [String: Set<CivilDate>]) -> Double? {
        var same = 0, all = 0
        for t in tasks where t.everyDays >= 7 {
            let planned = planVisits[t.id] ?? []
            let every = Set(t.pastVisits).union(planned).sorted()
            for d in planned {
                guard let previous = every.last(where: { $0 < d }) else { continue }
                all += 1
                if previous.weekday == d.weekday { same += 1 }
            }
        }
        return all == 0 ? nil : rounded(Double(same) / Double(all), 4)
    }

    /// Minutes of `[a, b)` inside `window` (0 without one).
    static func minutesInside(_ window: TimeWindow?, _ a: Int, _ b: Int) -> Int {
        guard let w = window else { return 0 }
        return max(0, min(b, w.end.minutes) - max(a, w.start.minutes))
    }

    static func rounded(_ x: Double, _ places: Int) -> Double {
        var f = 1.0
        for _ in 0..<places { f *= 10 }
        return (x * f).rounded() / f
    }
}
