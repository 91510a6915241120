import GridPlanCheck
import GridPlanCore
import XCTest

/// The independent checker against the planner's own rule modules on random scenarios: tasks
/// (§1 category merging), due rules and late days (§2), working days (§5.1), travel (§3) and the
/// KPIs (§5.8). Both implement the same format text; where they disagree one of them is wrong, and
/// the failure names the rule, the seed and the values of both.
final class SpecAgreementTests: XCTestCase {
    static let seeds: ClosedRange<UInt64> = 1...40

    func test_tasks_agree_with_the_planners_jobs_on_random_scenarios() {
        for seed in Self.seeds {
            let s = RandomDistrict.make(seed: seed)
            let jobs = s.jobs()
            let tasks = SpecTask.all(in: s)
            XCTAssertEqual(jobs.map(\.id), tasks.map(\.id), "seed \(seed): §1 which households and patrols are tasks")
            for (j, t) in zip(jobs, tasks) {
                func agree<T: Equatable>(_ field: String, _ planner: T, _ checker: T) {
                    XCTAssertEqual(planner, checker,
                                   "seed \(seed): §1 category merging disagrees for \(j.id) (\(field)): planner \(planner), checker \(checker)")
                }
                agree("kind", j.kind, t.kind)
                agree("grid", j.grid, t.grid)
                agree("every_days", j.everyDays, t.everyDays)
                agree("min_gap_days", j.minGapDays, t.minGapDays)
                agree("duration_min", j.durationMin, t.durationMin)
                agree("priority", j.priority, t.priority)
                agree("skills", Set(j.skills), t.skills)
                agree("workers_needed", j.workersNeeded, t.workersNeeded)
                agree("window", j.window, t.window)
                agree("empty window", j.windowIsEmpty, t.windowIsEmpty)
                agree("weekdays", j.weekdays.map(Set.init), t.weekdays)
                agree("preferred_worker", j.preferredWorker, t.preferredWorker)
                agree("last visit (§2 L)", j.lastVisit, t.lastVisit)
                agree("past visits (§5.7 history)", j.pastVisits, t.pastVisits)
                agree("owed campaigns", j.campaigns.map { "\($0.by.iso)+\($0.durationMin)" },
                      t.owedCampaigns.map { "\($0.by.iso)+\($0.minutes)" })
            }
        }
    }

    func test_working_days_and_lateness_agree_with_the_planners_due_rule() {
        for seed in Self.seeds {
            let s = RandomDistrict.make(seed: seed)
            var rng = SplitMix64(seed: seed &* 7919)
            let planner = WorkingCalendar(horizon: s.horizon), checker = SpecCalendar(horizon: s.horizon)
            XCTAssertEqual(planner.workingDays, checker.workingDays, "seed \(seed): §2 the horizon's working days")
            for w in s.workers {
                XCTAssertEqual(planner.workingDays(for: w), checker.workingDays(for: w),
                               "seed \(seed): §5.1 working days of \(w.id)")
            }
            let tasks = Dictionary(uniqueKeysWithValues: SpecTask.all(in: s).map { ($0.id, $0) })
            for job in s.jobs() {
                // Random visits in and around the horizon, none to three of them.
                let visits = Set((0..<rng.integer(below: 4)).map { _ in
                    s.horizon.start.adding(days: rng.integer(in: -3...(s.horizon.days + 2)))
                })
                let rule = job.dueRule
                let (late, missed) = rule.lateness(visits: Array(visits), calendar: planner)
                let l = SpecLateness(of: tasks[job.id]!, planVisits: visits, calendar: checker)
                let what = "seed \(seed): §2 due rules disagree for \(job.id) (every \(job.everyDays), last "
                    + "\(job.lastVisit?.iso ?? "none"), visits \(visits.sorted().map(\.iso)))"
                XCTAssertEqual(rule.isDue(in: planner), l.isDue, "\(what): due in the horizon")
                XCTAssertEqual(late, l.lateDays, "\(what): late days")
                XCTAssertEqual(missed, l.firstMissedDue, "\(what): first due date missed")
            }
        }
    }

    func test_travel_minutes_and_km_agree_with_the_planners_travel_model() {
        for seed in Self.seeds {
            let s = RandomDistrict.make(seed: seed)
            var rng = SplitMix64(seed: seed &* 104_729)
            let planner = TravelModel(scenario: s), checker = SpecTravel(scenario: s)
            let ids = s.places.map(\.id) + s.households.map(\.id) + s.patrols.map(\.id)
            for _ in 0..<300 {
                let a = rng.pick(ids), b = rng.pick(ids), w = rng.pick(s.workers)
                let p = planner.leg(from: a, to: b, worker: w), c = checker.leg(from: a, to: b, worker: w)
                let what = "seed \(seed): §3 travel disagrees for \(a) → \(b) (\(w.id))"
                XCTAssertEqual(p.minutes, c.minutes, "\(what): minutes, planner \(p.minutes), checker \(c.minutes)")
                XCTAssertEqual(p.km, c.km, accuracy: 1e-9, "\(what): km")
            }
        }
    }

    func test_kpis_agree_with_the_planners_kpis_on_random_routes() {
        for seed in Self.seeds {
            let s = RandomDistrict.make(seed: seed)
            let routes = RandomDistrict.routes(for: s, seed: seed)
            let planner = KPIs.compute(routes: routes, scenario: s)
            let checker = SpecKPIs.compute(routes: routes, scenario: s)
            func agree<T: Equatable>(_ field: String, _ p: T, _ c: T) {
                XCTAssertEqual(p, c, "seed \(seed): §5.8 KPIs disagree on \(field): planner \(p), checker \(c)")
            }
            agree("tasks_due", planner.tasksDue, checker.tasksDue)
            agree("visits_planned", planner.visitsPlanned, checker.visitsPlanned)
            agree("late_task_days", planner.lateTaskDays, checker.lateTaskDays)
            agree("on_time_rate", planner.onTimeRate, checker.onTimeRate)
            agree("travel_km", planner.travelKm, checker.travelKm)
            agree("travel_min", planner.travelMin, checker.travelMin)
            agree("work_min", planner.workMin, checker.workMin)
            agree("utilisation_min", planner.utilisationMin, checker.utilisationMin)
            agree("utilisation_max", planner.utilisationMax, checker.utilisationMax)
            agree("continuity", planner.continuity, checker.continuity)
            agree("daily_spread_max_min", planner.dailySpreadMaxMin, checker.dailySpreadMaxMin)
            agree("regular_weekday_rate", planner.regularWeekdayRate, checker.regularWeekdayRate)
        }
    }

    func test_the_planners_extension_kpis_agree_on_the_week_worked_by_hand() {
        // H5's history holds a date of the horizon (a re-planned week): the previous visit is the one
        // before the visit's date, not the latest on record.
        let (s, routes) = SpecModelTests.handWorkedWeek()
        let planner = KPIs.compute(routes: routes, scenario: s)
        XCTAssertEqual(planner.dailySpreadMaxMin, 240)
        XCTAssertEqual(planner.regularWeekdayRate, 0.5)
    }

    func test_random_districts_vary_what_the_rules_depend_on() {
        let all = Self.seeds.map { RandomDistrict.make(seed: $0) }
        XCTAssertTrue(all.contains { s in s.households.contains { $0.categories.count > 1 } }, "several categories")
        XCTAssertTrue(all.contains { s in s.households.contains { $0.window != nil } }, "household windows")
        XCTAssertTrue(all.contains { s in s.jobs().contains(where: \.windowIsEmpty) }, "empty window intersections")
        XCTAssertTrue(all.contains { s in s.households.contains { $0.durationMin != nil } }, "own durations")
        XCTAssertTrue(all.contains { !$0.travel.matrix.isEmpty }, "matrix rows")
        XCTAssertTrue(all.contains { s in
            s.households.contains { h in
                let ps = s.policies.filter { h.categories.contains($0.category) }
                return ps.contains { a in ps.contains { b in a.everyDays == b.everyDays && a.effectiveMinGapDays != b.effectiveMinGapDays } }
            }
        }, "categories tied on every_days with different gaps")
        XCTAssertTrue(all.contains { !$0.campaigns.isEmpty }, "campaigns")
        XCTAssertTrue(all.contains { !$0.horizon.holidays.isEmpty && !$0.horizon.extraWorkdays.isEmpty }, "holidays, 调休")
        XCTAssertTrue(all.contains { s in s.workers.contains { !$0.daysOff.isEmpty } }, "leave")
        XCTAssertTrue(all.contains { s in s.history.contains { $0.result != nil } }, "history outcomes")
    }
}

/// Random districts: `ScenarioGenerator`'s output for random sizes and seeds, then perturbed so the
/// rules have something to disagree about (several categories, windows, own durations, matrix rows
/// in one or both directions, campaigns, holidays and make-up days, leave, history outcomes).
enum RandomDistrict {
    static func make(seed: UInt64) -> Scenario {
        var rng = SplitMix64(seed: seed ^ 0xC0FF_EE00)
        let options = GeneratorOptions(workers: rng.integer(in: 1...3), householdsPerGrid: rng.integer(in: 4...14),
                                       patrolsPerGrid: rng.integer(in: 0...4), seed: seed,
                                       days: rng.integer(in: 1...14))
        var s = ScenarioGenerator(options: options).scenario()
        let categories = s.policies.map(\.category)
        // Policies: random windows, gaps left to their default.
        for i in s.policies.indices {
            if rng.integer(below: 4) == 0 {
                let from = rng.integer(in: 8...14) * 60
                s.policies[i].window = TimeWindow(from, from + rng.integer(in: 1...5) * 60)
            }
            // Gaps: often different among categories of one every_days, so the tie rule of §1 matters.
            switch rng.integer(below: 3) {
            case 0: s.policies[i].minGapDays = nil
            case 1: s.policies[i].minGapDays = rng.integer(in: 1...s.policies[i].everyDays)
            default: break
            }
        }
        for i in s.households.indices {
            if rng.integer(below: 3) == 0 {
                s.households[i].categories.append(rng.pick(categories))
            }
            if rng.integer(below: 5) == 0 {
                let from = rng.integer(in: 8...16) * 60
                s.households[i].window = TimeWindow(from, from + rng.integer(in: 1...3) * 60)
            }
            if rng.integer(below: 6) == 0 { s.households[i].durationMin = rng.integer(in: 5...60) }
            if rng.integer(below: 6) == 0 { s.households[i].weekdays = [rng.pick(Weekday.allCases), .wed] }
            if rng.integer(below: 8) == 0, let w = s.workers.last { s.households[i].preferredWorker = w.id }
            if rng.integer(below: 6) == 0 {
                s.households[i].lastVisit = s.horizon.start.adding(days: -rng.integer(in: 1...40))
            }
        }
        let ids = s.places.map(\.id) + s.households.map(\.id) + s.patrols.map(\.id)
        for _ in 0..<rng.integer(in: 0...12) {
            let a = rng.pick(ids), b = rng.pick(ids)
            s.travel.matrix.append(TravelMatrixEntry(from: a, to: b, minutes: rng.integer(in: 0...30),
                                                     km: rng.integer(below: 2) == 0 ? nil : rng.uniform(0, 3)))
        }
        if rng.integer(below: 2) == 0 { s.travel.detourFactor = rng.uniform(1, 1.6) }
        if rng.integer(below: 3) == 0 { s.travel.speedKmh = rng.uniform(3, 15) }
        if rng.integer(below: 3) == 0 {
            s.workers[0].speedKmh = rng.uniform(10, 20)
        }
        if rng.integer(below: 2) == 0 {
            s.campaigns.append(Campaign(name: "春节慰问", categories: [rng.pick(categories), rng.pick(categories)],
                                        by: s.horizon.start.adding(days: rng.integer(in: -1...s.horizon.days)),
                                        durationMin: rng.integer(in: 5...20)))
        }
        if rng.integer(below: 2) == 0 {
            s.horizon.holidays = [s.horizon.start.adding(days: rng.integer(below: s.horizon.days))]
            let extra = s.horizon.start.adding(days: rng.integer(below: s.horizon.days))
            if !s.horizon.holidays.contains(extra) { s.horizon.extraWorkdays = [extra] }
        }
        if rng.integer(below: 2) == 0 {
            s.workers[0].daysOff = [s.horizon.start.adding(days: rng.integer(below: s.horizon.days))]
        }
        // History: outcomes other than done, campaign greetings, rows inside the horizon (a re-plan).
        for i in s.history.indices where rng.integer(below: 7) == 0 {
            s.history[i].result = rng.pick(["done", "phone", "not_home", " Done "])
        }
        if !s.households.isEmpty {
            for _ in 0..<rng.integer(in: 0...4) {
                let h = rng.pick(s.households)
                s.history.append(HistoryEntry(
                    task: h.id, date: s.horizon.start.adding(days: rng.integer(in: -20...2)), worker: s.workers[0].id,
                    result: rng.integer(below: 3) == 0 ? "not_home" : nil,
                    campaigns: rng.integer(below: 2) == 0 ? ["春节慰问"] : []))
            }
        }
        return s
    }

    /// Random routes (not a valid plan: the KPIs are defined for any routes): random tasks on random
    /// dates of the horizon for random workers, sometimes two workers on one task and date.
    static func routes(for s: Scenario, seed: UInt64) -> [Route] {
        var rng = SplitMix64(seed: seed &* 31)
        let tasks = s.households.map { ($0.id, JobKind.visit) } + s.patrols.map { ($0.id, JobKind.patrol) }
        guard !tasks.isEmpty else { return [] }
        var routes: [Route] = []
        for w in s.workers {
            for day in s.horizon.dates where rng.integer(below: 3) != 0 {
                let start = w.shift.start.minutes + rng.integer(in: 0...60)
                let end = min(w.shift.end.minutes, start + rng.integer(in: 30...400))
                let stops = (0..<rng.integer(in: 0...5)).map { _ -> Stop in
                    let (id, kind) = rng.pick(tasks)
                    return Stop(task: id, kind: kind, arrive: TimeOfDay(minutes: start), start: TimeOfDay(minutes: start),
                                end: TimeOfDay(minutes: start + 10), travelMin: 1, travelKm: 0.1, with: [])
                }
                routes.append(Route(worker: w.id, date: day, start: TimeOfDay(minutes: start), end: TimeOfDay(minutes: end),
                                    travelMin: rng.integer(in: 0...90), travelKm: rng.uniform(0, 9),
                                    serviceMin: 10 * stops.count, stops: stops))
            }
        }
        return routes
    }
}
