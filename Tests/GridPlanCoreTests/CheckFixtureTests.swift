import GridPlanCore
import XCTest

/// A small named fixture for the plan checker: one week of a two-worker micro-grid with a holiday,
/// a 调休 Sunday, a break, a window, a pair visit and a patrol, and a valid plan for it built with
/// the travel model (so every number in it is the spec's).
enum CheckFixture {
    static func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }
    static func t(_ s: String) -> TimeOfDay { TimeOfDay(hhmm: s)! }
    static func w(_ s: String) -> TimeWindow { TimeWindow(text: s)! }

    /// 2026-11-23 (Mon) … 2026-11-29 (Sun); Friday 27 a holiday, Sunday 29 a make-up working day.
    /// Working days: 23, 24, 25, 26, 29.
    static func scenario() -> Scenario {
        let office = GeoPoint(lat: 31.24850, lon: 121.40560)
        return Scenario(
            name: "checker fixture",
            horizon: Horizon(start: d("2026-11-23"), days: 7, holidays: [d("2026-11-27")],
                             extraWorkdays: [d("2026-11-29")]),
            travel: TravelSettings(speedKmh: 4.5, detourFactor: 1.3),
            places: [Place(id: "OFFICE", name: "居委会", location: office)],
            policies: [
                Policy(category: "独居老人", everyDays: 7, minGapDays: 3, durationMin: 20, priority: 5,
                       skills: ["elderly-care"], window: w("09:00-11:30")),
                Policy(category: "重点人员", everyDays: 7, minGapDays: 3, durationMin: 30, priority: 4,
                       workersNeeded: 2),
            ],
            workers: [
                Worker(id: "W01", name: "潘靚雨", grids: ["G1"], start: "OFFICE",
                       shift: w("08:30-17:30"), breakTime: w("11:30-13:00"), maxVisitsPerDay: 8,
                       skills: ["elderly-care"]),
                Worker(id: "W02", name: "李强", grids: ["G2"], mayCover: ["G1"], start: "OFFICE",
                       shift: w("08:30-17:30"), breakTime: w("12:00-13:00")),
            ],
            households: [
                Household(id: "H1", name: "王阿婆", grid: "G1",
                          location: GeoPoint(lat: 31.25050, lon: 121.40560), categories: ["独居老人"],
                          lastVisit: d("2026-11-20")),
                Household(id: "H2", name: "赵某", grid: "G1",
                          location: GeoPoint(lat: 31.25050, lon: 121.40960), categories: ["重点人员"],
                          lastVisit: d("2026-11-20")),
            ],
            patrols: [
                Patrol(id: "P1", name: "消防通道", grid: "G1", location: GeoPoint(lat: 31.24850, lon: 121.40960),
                       everyDays: 7, minGapDays: 3, durationMin: 10, lastVisit: d("2026-11-20")),
            ],
            history: [HistoryEntry(task: "H1", date: d("2026-11-13"), worker: "W01")])
    }

    /// One planned stop for `route(…)`: the task and the earliest minute it may start.
    struct Visit {
        var task: String
        var kind: JobKind
        var notBefore: String
        var with: [String] = []
    }

    /// A route timed by the travel model: leaves at `start`, waits for `notBefore`, goes home at once.
    /// Legs are assumed not to cross the break (the fixture keeps mornings).
    static func route(_ scenario: Scenario, worker: String, date: String, start: String, _ visits: [Visit]) -> Route {
        let model = TravelModel(scenario: scenario)
        let jobs = Dictionary(uniqueKeysWithValues: scenario.jobs().map { ($0.id, $0) })
        let w = scenario.workers.first { $0.id == worker }!
        var from = w.start, clock = t(start).minutes
        var stops: [Stop] = []
        var travelMin = 0, travelKm = 0.0, service = 0
        for v in visits {
            let leg = model.leg(from: from, to: v.task, worker: w)
            let arrive = clock + leg.minutes
            let begin = max(arrive, t(v.notBefore).minutes)
            let end = begin + jobs[v.task]!.durationMin
            stops.append(Stop(task: v.task, kind: v.kind, arrive: TimeOfDay(minutes: arrive),
                              start: TimeOfDay(minutes: begin), end: TimeOfDay(minutes: end),
                              travelMin: leg.minutes, travelKm: Plan.round(leg.km, places: 3), with: v.with))
            travelMin += leg.minutes
            travelKm += leg.km
            service += end - begin
            from = v.task
            clock = end
        }
        let home = model.leg(from: from, to: w.end, worker: w)
        travelMin += home.minutes
        travelKm += home.km
        return Route(worker: worker, date: d(date), start: t(start), end: TimeOfDay(minutes: clock + home.minutes),
                     travelMin: travelMin, travelKm: Plan.round(travelKm, places: 3), serviceMin: service, stops: stops)
    }

    /// A plan for `routes` with the KPIs and late list recomputed, as a correct planner would write them.
    static func plan(_ scenario: Scenario, routes: [Route]) -> Plan {
        let late = KPIs.outcomes(of: routes, in: scenario).filter { $0.lateDays > 0 }.map { o in
            LateTask(task: o.job.id, due: o.firstMissedDue!, lateDays: o.lateDays,
                     firstVisit: o.visitDates.first, reason: .other, detail: "fixture")
        }
        return Plan(
            scenario: ScenarioReference(name: scenario.name, file: "fixture.yaml", sha256: ""),
            horizon: PlanHorizon(start: scenario.horizon.start, days: scenario.horizon.days),
            solver: SolverReport(backend: "hand", status: "optimal", objective: 0, bound: 0, gap: 0, seconds: 0),
            routes: routes, late: late, kpis: KPIs.compute(routes: routes, scenario: scenario))
    }

    /// The valid plan: on Monday W01 visits H1 in its window, meets W02 at H2 for the pair visit,
    /// inspects P1 and goes home; W02 does the pair visit only.
    static func validRoutes(_ s: Scenario) -> [Route] {
        [
            route(s, worker: "W01", date: "2026-11-23", start: "08:30", [
                Visit(task: "H1", kind: .visit, notBefore: "09:00"),
                Visit(task: "H2", kind: .visit, notBefore: "09:40", with: ["W02"]),
                Visit(task: "P1", kind: .patrol, notBefore: "00:00"),
            ]),
            route(s, worker: "W02", date: "2026-11-23", start: "09:00", [
                Visit(task: "H2", kind: .visit, notBefore: "09:40", with: ["W01"]),
            ]),
        ]
    }

    static func validPlan(_ s: Scenario) -> Plan { plan(s, routes: validRoutes(s)) }
}
