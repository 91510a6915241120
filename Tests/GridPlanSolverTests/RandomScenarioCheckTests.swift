import GridPlanCheck
import GridPlanCore
import GridPlanSolver
import XCTest

/// Random small scenarios planned by `Planner.plan` and checked by `PlanChecker`: every plan the
/// planner writes must keep every rule of format §5, whatever the calendar, leave, windows, pairs,
/// skills, breaks, history or overload.
final class RandomScenarioCheckTests: XCTestCase {
    static let seeds = 1...60

    func test_the_generator_is_deterministic_and_varied() {
        for seed in 1...5 {
            XCTAssertEqual(RandomScenario.make(seed: UInt64(seed)).jobs(), RandomScenario.make(seed: UInt64(seed)).jobs())
        }
        let all = Self.seeds.map { RandomScenario.make(seed: UInt64($0)) }
        XCTAssertTrue(all.contains { !$0.horizon.holidays.isEmpty }, "holidays")
        XCTAssertTrue(all.contains { !$0.horizon.extraWorkdays.isEmpty }, "make-up working days")
        XCTAssertTrue(all.contains { $0.workers.contains { !$0.daysOff.isEmpty } }, "leave")
        XCTAssertTrue(all.contains { $0.workers.contains { $0.weekdays != nil } }, "part-time workers")
        XCTAssertTrue(all.contains { $0.workers.contains { $0.breakTime != nil } }, "breaks")
        XCTAssertTrue(all.contains { $0.jobs().contains { $0.workersNeeded == 2 } }, "pair visits")
        XCTAssertTrue(all.contains { $0.jobs().contains { ($0.window?.end.minutes ?? 0) > 18 * 60 } }, "evening windows")
        XCTAssertTrue(all.contains { $0.jobs().contains { !$0.skills.isEmpty } }, "skills")
        XCTAssertTrue(all.contains { !$0.history.isEmpty }, "history")
        XCTAssertTrue(all.contains { $0.households.count >= 20 && $0.workers.count == 1 }, "overload")
        XCTAssertTrue(all.contains { s in s.workers.count == 4 } && all.contains { s in s.workers.count == 1 })
    }

    /// The plan with no route at all is valid when it lists every task late with the right numbers:
    /// rule 4 and 5.8 on random calendars and histories, without the planner.
    func test_an_empty_plan_with_every_task_listed_late_is_valid() {
        for seed in Self.seeds {
            let s = RandomScenario.make(seed: UInt64(seed))
            let late = KPIs.outcomes(of: [], in: s).filter { $0.lateDays > 0 }.map {
                LateTask(task: $0.job.id, due: $0.firstMissedDue!, lateDays: $0.lateDays, firstVisit: nil,
                         reason: .other, detail: "")
            }
            let plan = Plan(scenario: ScenarioReference(name: s.name, file: "random.yaml", sha256: ""),
                            horizon: PlanHorizon(start: s.horizon.start, days: s.horizon.days),
                            solver: SolverReport(backend: "none", status: "heuristic", objective: 0, bound: 0, gap: 0, seconds: 0),
                            routes: [], late: late, kpis: KPIs.compute(routes: [], scenario: s))
            XCTAssertEqual(PlanChecker.check(plan, against: s), [], "seed \(seed)")
            var broken = plan
            if !broken.late.isEmpty {
                broken.late.removeFirst()
                XCTAssertTrue(PlanChecker.check(broken, against: s).contains { $0.rule == "4" }, "seed \(seed)")
            }
        }
    }

    func test_planner_plans_of_random_scenarios_pass_the_checker() throws {
        var planned = 0, stops = 0, pairStops = 0, withLate = 0, eveningStops = 0
        for seed in Self.seeds {
            let s = RandomScenario.make(seed: UInt64(seed))
            let plan = try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 3))
            let violations = PlanChecker.check(plan, against: s)
            XCTAssertEqual(violations, [], "seed \(seed):\n" + violations.map(\.description).joined(separator: "\n"))
            planned += 1
            let all = plan.routes.flatMap(\.stops)
            stops += all.count
            pairStops += all.filter { !$0.with.isEmpty }.count
            eveningStops += all.filter { $0.start.minutes >= 18 * 60 }.count
            if !plan.late.isEmpty { withLate += 1 }
            // The same plan with its first stop reached a minute too soon must be caught.
            if let i = plan.routes.firstIndex(where: { !$0.stops.isEmpty }) {
                var broken = plan
                broken.routes[i].stops[0].arrive = TimeOfDay(minutes: broken.routes[i].start.minutes - 1)
                XCTAssertTrue(PlanChecker.check(broken, against: s).contains { $0.rule == "5.3" }, "seed \(seed)")
            }
        }
        XCTAssertGreaterThanOrEqual(planned, 50)
        // The plans exercise what the generator varies: many stops, pair visits, evening work, late tasks.
        XCTAssertGreaterThan(stops, 500)
        XCTAssertGreaterThan(pairStops, 0)
        XCTAssertGreaterThan(eveningStops, 0)
        XCTAssertGreaterThan(withLate, 0)
        print("random scenarios: \(planned) plans, \(stops) stops, \(pairStops) pair stops, "
              + "\(eveningStops) evening stops, \(withLate) plans with late tasks")
    }
}

/// A seeded generator of small scenarios (1–4 workers, up to ~25 households, a few patrols) that
/// together cover what makes planning hard: holidays and make-up days, leave, part-time weekdays,
/// morning and evening windows, household weekdays, pair visits, skills, breaks, speeds, history
/// (with results that do not count), grids nobody covers and overload.
enum RandomScenario {
    /// SplitMix64: small, fast, and the same on every platform.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// Uniform in `range`.
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
        }
        /// True with probability `p`.
        mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
        mutating func pick<T>(_ xs: [T]) -> T { xs[int(0...(xs.count - 1))] }
        mutating func subset<T>(_ xs: [T], p: Double) -> [T] { xs.filter { _ in chance(p) } }
    }

    static let skills = ["elderly-care", "casework", "mental-health"]

    static func make(seed: UInt64) -> Scenario {
        var g = Generator(state: seed &* 0x2545_F491_4F6C_DD1D)
        let t = { (s: String) in TimeWindow(text: s)! }
        // Calendar: a Monday in 2026 (2026-01-05 is one), 3–10 days, sometimes a six-day week.
        let start = CivilDate(iso: "2026-01-05")!.adding(days: 7 * g.int(0...50))
        let days = g.int(3...10)
        let dates = (0..<days).map { start.adding(days: $0) }
        let weekdays: [Weekday] = g.chance(0.15) ? [.mon, .tue, .wed, .thu, .fri, .sat] : Weekday.workweek
        let holidays = dates.filter { Weekday.workweek.contains($0.weekday) && g.chance(0.12) }
        let extra = dates.filter { [.sat, .sun].contains($0.weekday) && !weekdays.contains($0.weekday) && g.chance(0.4) }
        let horizon = Horizon(start: start, days: days, weekdays: weekdays, holidays: holidays, extraWorkdays: extra)

        let office = GeoPoint(lat: 31.2485 + Double(g.int(-50...50)) / 10_000, lon: 121.4056 + Double(g.int(-50...50)) / 10_000)
        var places = [Place(id: "OFFICE", name: "居委会", location: office)]
        if g.chance(0.3) {
            places.append(Place(id: "CENTRE", name: "服务站", location: GeoPoint(lat: office.lat + 0.004, lon: office.lon - 0.003)))
        }

        // Policies.
        let windows = [t("09:00-11:30"), t("14:00-17:00"), t("08:30-12:00"), t("09:00-16:00")]
        var policies: [Policy] = []
        for i in 0..<g.int(2...4) {
            let every = g.pick([2, 3, 5, 7, 7, 14])
            let gap: Int? = g.chance(0.5) ? nil : g.int(1...every)
            policies.append(Policy(
                category: "C\(i)", everyDays: every, minGapDays: gap, durationMin: g.pick([10, 15, 20, 30, 40]),
                priority: g.int(1...10), skills: g.chance(0.3) ? [g.pick(skills)] : [],
                workersNeeded: g.chance(0.2) ? 2 : 1, window: g.chance(0.35) ? g.pick(windows) : nil))
        }
        // An evening category (working families) now and then.
        if g.chance(0.2) {
            policies.append(Policy(category: "EV", everyDays: 7, durationMin: 20, window: t("18:30-20:30")))
        }

        // Workers.
        let overload = g.chance(0.15)
        let workerCount = overload ? 1 : g.int(1...4)
        let grids = (1...max(1, workerCount)).map { "G\($0)" }
        var workers: [Worker] = []
        for i in 0..<workerCount {
            let evening = g.chance(0.25)
            let shift = evening ? t("13:00-21:00") : g.pick([t("08:30-17:30"), t("09:00-18:00"), t("08:00-16:00")])
            let breakTime: TimeWindow? = g.chance(0.6) ? (evening ? t("17:00-17:45") : g.pick([t("11:30-13:00"), t("12:00-13:00")])) : nil
            let own: [Weekday]? = g.chance(0.2) ? g.subset(Weekday.workweek, p: 0.6).nonEmpty ?? [.mon] : nil
            let off = dates.filter { _ in g.chance(0.08) }
            workers.append(Worker(
                id: "W0\(i + 1)", name: "工作人员\(i + 1)", grids: [grids[i]],
                mayCover: grids.filter { $0 != grids[i] && g.chance(0.5) },
                start: g.pick(places).id, end: g.pick(places).id, shift: shift, breakTime: breakTime, weekdays: own,
                daysOff: off, maxVisitsPerDay: g.chance(0.3) ? g.int(3...8) : nil,
                skills: g.subset(skills, p: 0.75), speedKmh: g.chance(0.25) ? 15 : nil))
        }

        // Households and patrols, near the office; now and then in a grid nobody covers.
        let allGrids = grids + (g.chance(0.1) ? ["G9"] : [])
        func near() -> GeoPoint {
            GeoPoint(lat: office.lat + Double(g.int(-80...80)) / 10_000, lon: office.lon + Double(g.int(-80...80)) / 10_000)
        }
        func lastVisit() -> CivilDate? { g.chance(0.8) ? start.adding(days: -g.int(1...(g.chance(0.8) ? 6 : 20))) : nil }
        let householdCount = overload ? g.int(20...28) : g.int(3...15)
        var households: [Household] = []
        for i in 0..<householdCount {
            let cats = Array(Set((0..<(g.chance(0.3) ? 2 : 1)).map { _ in g.pick(policies).category })).sorted()
            households.append(Household(
                id: String(format: "H%03d", i + 1), name: "住户\(i + 1)", grid: g.pick(allGrids), location: near(),
                categories: cats, preferredWorker: g.chance(0.15) ? g.pick(workers).id : nil,
                window: g.chance(0.15) ? g.pick([t("18:00-20:30"), t("09:00-12:00"), t("14:00-16:30"), t("09:00-17:00")]) : nil,
                weekdays: g.chance(0.1) ? (g.subset(Weekday.workweek, p: 0.5).nonEmpty ?? [.wed]) : nil,
                durationMin: g.chance(0.1) ? g.int(10...45) : nil, lastVisit: lastVisit()))
        }
        var patrols: [Patrol] = []
        for i in 0..<g.int(0...4) {
            let every = g.pick([1, 2, 3, 7])
            patrols.append(Patrol(
                id: String(format: "P%02d", i + 1), name: "巡查点\(i + 1)", grid: g.pick(allGrids), location: near(),
                everyDays: every, minGapDays: g.chance(0.5) ? 1 : nil, durationMin: g.pick([5, 10, 15]),
                window: g.chance(0.2) ? t("19:00-21:00") : nil, skills: g.chance(0.15) ? [g.pick(skills)] : [],
                priority: g.int(1...10), lastVisit: lastVisit()))
        }

        // History before the horizon, some of it not counting.
        var history: [HistoryEntry] = []
        for task in (households.map(\.id) + patrols.map(\.id)) where g.chance(0.5) {
            for _ in 0..<g.int(1...3) {
                history.append(HistoryEntry(task: task, date: start.adding(days: -g.int(1...25)), worker: g.pick(workers).id,
                                            result: g.chance(0.2) ? g.pick(["not_home", "phone", "refused"]) : (g.chance(0.5) ? "done" : nil)))
            }
        }
        return Scenario(name: "random \(seed)", horizon: horizon, places: places, policies: policies, workers: workers,
                        households: households, patrols: patrols, history: history)
    }
}

extension Array {
    /// nil when empty.
    fileprivate var nonEmpty: [Element]? { isEmpty ? nil : self }
}

/// Every shipped scenario, loaded from `scenarios/` and planned with a short time limit, gives a
/// plan that `PlanChecker` finds valid (issue 3: "plans for every shipped scenario pass check").
final class ShippedScenarioCheckTests: XCTestCase {
    /// The package root, from this file's path (Tests/GridPlanSolverTests/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    func check(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = Self.root + "/scenarios/\(name)/scenario.yaml"
        let loaded = ScenarioLoader.load(path: path)
        let scenario = try XCTUnwrap(loaded.scenario, loaded.errors.map(\.description).joined(separator: "\n"),
                                     file: file, line: line)
        let plan = try Planner.plan(scenario, options: PlanOptions(timeLimitSeconds: 10))
        XCTAssertFalse(plan.routes.isEmpty, file: file, line: line)
        let violations = PlanChecker.check(plan, against: scenario)
        XCTAssertEqual(violations, [], "\(name):\n" + violations.map(\.description).joined(separator: "\n"),
                       file: file, line: line)
    }

    func test_xinghe_plan_passes_the_checker() throws { try check("xinghe") }
    func test_community_plan_passes_the_checker() throws { try check("community") }
    func test_community_en_plan_passes_the_checker() throws { try check("community-en") }
    func test_community_coldsnap_plan_passes_the_checker() throws { try check("community-coldsnap") }
}
