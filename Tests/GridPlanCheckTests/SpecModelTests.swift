import GridPlanCheck
import GridPlanCore
import XCTest

/// The checker's own reading of the format, on tiny fixtures worked by hand.
final class SpecModelTests: XCTestCase {
    let monday = CivilDate(iso: "2026-11-23")!
    func day(_ n: Int) -> CivilDate { monday.adding(days: n) }

    func scenario(households: [Household] = [], policies: [Policy] = [], history: [HistoryEntry] = [],
                  workers: [Worker]? = nil) -> Scenario {
        Scenario(name: "t", horizon: Horizon(start: monday, days: 7, holidays: [day(4)]),
                 places: [Place(id: "OFF", name: "office", location: GeoPoint(lat: 31.24, lon: 121.40))],
                 policies: policies,
                 workers: workers ?? [Worker(id: "W1", name: "甲", grids: ["G1"], start: "OFF",
                                             shift: TimeWindow(510, 1050), breakTime: TimeWindow(690, 780))],
                 households: households, history: history)
    }

    func testSeveralCategoriesMergeAsSection1Says() throws {
        let policies = [
            Policy(category: "a", everyDays: 7, minGapDays: 2, durationMin: 20, priority: 3, skills: ["x"],
                   window: TimeWindow(540, 720)),
            Policy(category: "b", everyDays: 7, minGapDays: 4, durationMin: 15, priority: 6, skills: ["y"],
                   workersNeeded: 2, window: TimeWindow(600, 900)),
            Policy(category: "c", everyDays: 30, durationMin: 10),
        ]
        let h = Household(id: "H1", grid: "G1", location: GeoPoint(lat: 31.241, lon: 121.401), categories: ["a", "b", "c"],
                          window: TimeWindow(630, 1000))
        let t = try XCTUnwrap(SpecTask.all(in: scenario(households: [h], policies: policies)).first)
        XCTAssertEqual(t.everyDays, 7, "the smallest every_days")
        XCTAssertEqual(t.minGapDays, 4, "on a tie, the larger min_gap_days")
        XCTAssertEqual(t.durationMin, 45, "summed durations")
        XCTAssertEqual(t.priority, 6)
        XCTAssertEqual(t.skills, ["x", "y"])
        XCTAssertEqual(t.workersNeeded, 2)
        XCTAssertEqual(t.window, TimeWindow(630, 720), "household ∩ a ∩ b")
        XCTAssertEqual(t.preferredWorker, "W1", "the first worker whose grids hold G1")
    }

    func testDisjointWindowsMakeAnEmptyWindowAndAGivenDurationWins() throws {
        let policies = [Policy(category: "a", everyDays: 7, durationMin: 20, window: TimeWindow(540, 600)),
                        Policy(category: "b", everyDays: 14, durationMin: 20, window: TimeWindow(700, 800))]
        let h = Household(id: "H1", grid: "G1", location: GeoPoint(lat: 31.241, lon: 121.401), categories: ["a", "b"],
                          durationMin: 35)
        let t = try XCTUnwrap(SpecTask.all(in: scenario(households: [h], policies: policies)).first)
        XCTAssertTrue(t.windowIsEmpty)
        XCTAssertNil(t.window)
        XCTAssertEqual(t.durationMin, 35)
        XCTAssertEqual(t.minGapDays, 3, "default every_days / 2 rounded down")
    }

    func testLateDaysCountWorkingDaysWithoutAVisitInTheLastNDays() throws {
        // Weekly, last visited the Monday before: due this Monday. Visited Wednesday: late Mon, Tue.
        let p = Policy(category: "a", everyDays: 7, minGapDays: 3, durationMin: 20)
        let h = Household(id: "H1", grid: "G1", location: GeoPoint(lat: 31.241, lon: 121.401), categories: ["a"])
        let s = scenario(households: [h], policies: [p], history: [HistoryEntry(task: "H1", date: day(-7), worker: "W1")])
        let t = try XCTUnwrap(SpecTask.all(in: s).first)
        let calendar = SpecCalendar(horizon: s.horizon)
        XCTAssertEqual(SpecLateness(of: t, planVisits: [day(2)], calendar: calendar),
                       SpecLateness(isDue: true, lateDays: 2, firstMissedDue: day(0)))
        // Never visited: late every working day (Friday is a holiday): Mon–Thu.
        XCTAssertEqual(SpecLateness(of: t, planVisits: [], calendar: calendar),
                       SpecLateness(isDue: true, lateDays: 4, firstMissedDue: day(0)))
        // No last visit at all: due the first working day, late until visited.
        let fresh = scenario(households: [h], policies: [p])
        let u = try XCTUnwrap(SpecTask.all(in: fresh).first)
        XCTAssertEqual(SpecLateness(of: u, planVisits: [day(1)], calendar: calendar),
                       SpecLateness(isDue: true, lateDays: 1, firstMissedDue: day(0)))
        // A horizon without a working day has no first working day: the never-visited task is not due.
        var off = fresh.horizon
        off.holidays = (0..<off.days).map { off.start.adding(days: $0) }
        XCTAssertEqual(SpecLateness(of: u, planVisits: [], calendar: SpecCalendar(horizon: off)),
                       SpecLateness(isDue: false, lateDays: 0, firstMissedDue: nil))
        XCTAssertEqual(SpecLateness(of: t, planVisits: [], calendar: SpecCalendar(horizon: off)).isDue, true,
                       "a task with a last visit is due by its date, working day or not")
    }

    func testTravelIsHaversineTimesDetourCeiledAndTheMatrixWins() {
        // 0.01° of latitude is 1.11195 km on a sphere of radius 6371.0 km; × 1.3 = 1.44553 km;
        // at 4.5 km/h that is 19.27 minutes, so 20.
        var s = scenario(households: [Household(id: "H1", grid: "G1", location: GeoPoint(lat: 31.25, lon: 121.40),
                                                categories: ["a"])])
        let leg = SpecTravel(scenario: s).leg(from: "OFF", to: "H1", worker: nil)
        XCTAssertEqual(leg.km, 1.445532, accuracy: 1e-5)
        XCTAssertEqual(leg.minutes, 20)
        XCTAssertEqual(SpecTravel(scenario: s).leg(from: "H1", to: "H1", worker: nil).minutes, 0)
        s.travel.matrix = [TravelMatrixEntry(from: "OFF", to: "H1", minutes: 7, km: 0.5)]
        XCTAssertEqual(SpecTravel(scenario: s).leg(from: "OFF", to: "H1", worker: nil).minutes, 7)
        XCTAssertEqual(SpecTravel(scenario: s).leg(from: "OFF", to: "H1", worker: nil).km, 0.5)
        // Listed the other way only: the coordinates' leg is reported, the larger of the two is allowed.
        XCTAssertEqual(SpecTravel(scenario: s).leg(from: "H1", to: "OFF", worker: nil).minutes, 20)
        XCTAssertEqual(SpecTravel(scenario: s).leg(from: "H1", to: "OFF", worker: nil).timing, 20)
        s.travel.matrix = [TravelMatrixEntry(from: "OFF", to: "H1", minutes: 31, km: 2.5)]
        let back = SpecTravel(scenario: s).leg(from: "H1", to: "OFF", worker: nil)
        XCTAssertEqual(back.minutes, 20, "a row is a directed pair")
        XCTAssertEqual(back.km, 1.445532, accuracy: 1e-5)
        XCTAssertEqual(back.timing, 31, "a plan must also keep §5.3 if the row served both directions")
    }

    /// A week worked by hand for the extension KPIs (Docs/scenario-format.md §10). Working days Mon–Thu
    /// (Friday 11-27 is a holiday).
    ///
    /// `daily_spread_max_min`: W1 (break 11:30–13:00) works Mon 08:30–14:00 = 330 − 90 = 240 min and
    /// Tue 09:00–10:00 = 60, Wed and Thu nothing: spread 240. W2 works Mon 09:00–09:30 = 30 and
    /// Tue 09:00–12:00 = 180: spread 180. W3 works Mondays only (one working day): left out, although
    /// its 300-minute Monday would be the largest. Largest: 240.
    ///
    /// `regular_weekday_rate` (tasks every 7 days or more): H1, last visited Mon 11-16, visited Mon
    /// by W1 and W2 together (one visit): same weekday. H2, last Tue 11-17, visited Wed: not. H3 has
    /// a 3-day rhythm: left out, although its Monday follows a Monday. H4, never visited before:
    /// its Monday has no previous visit (left out), its Tuesday follows that Monday: not. H5, a
    /// re-planned week: history Tue 11-17 and Tue 11-24, the kept route visits it Tue 11-24 too; the
    /// previous visit is the one before that date, Tue 11-17: same weekday. 2 of 4: 0.5.
    static func handWorkedWeek() -> (scenario: Scenario, routes: [Route]) {
        let monday = CivilDate(iso: "2026-11-23")!
        func day(_ n: Int) -> CivilDate { monday.adding(days: n) }
        let weekly = Policy(category: "weekly", everyDays: 7, minGapDays: 3, durationMin: 20)
        let often = Policy(category: "often", everyDays: 3, minGapDays: 1, durationMin: 20)
        let here = GeoPoint(lat: 31.241, lon: 121.401)
        let households = [
            Household(id: "H1", grid: "G1", location: here, categories: ["weekly"]),
            Household(id: "H2", grid: "G1", location: here, categories: ["weekly"]),
            Household(id: "H3", grid: "G1", location: here, categories: ["often"]),
            Household(id: "H4", grid: "G1", location: here, categories: ["weekly"]),
            Household(id: "H5", grid: "G1", location: here, categories: ["weekly"]),
        ]
        let history = [
            HistoryEntry(task: "H1", date: day(-7), worker: "W1"), HistoryEntry(task: "H2", date: day(-6), worker: "W1"),
            HistoryEntry(task: "H3", date: day(-7), worker: "W1"), HistoryEntry(task: "H5", date: day(-6), worker: "W1"),
            HistoryEntry(task: "H5", date: day(1), worker: "W1"),
        ]
        let workers = [
            Worker(id: "W1", name: "甲", grids: ["G1"], start: "OFF", shift: TimeWindow(510, 1050), breakTime: TimeWindow(690, 780)),
            Worker(id: "W2", name: "乙", grids: ["G1"], start: "OFF", shift: TimeWindow(510, 1050)),
            Worker(id: "W3", name: "丙", grids: ["G1"], start: "OFF", shift: TimeWindow(510, 1050), weekdays: [.mon]),
        ]
        let s = Scenario(name: "t", horizon: Horizon(start: monday, days: 7, holidays: [day(4)]),
                         places: [Place(id: "OFF", name: "office", location: GeoPoint(lat: 31.24, lon: 121.40))],
                         policies: [weekly, often], workers: workers, households: households, history: history)
        func route(_ w: String, _ d: Int, _ from: Int, _ to: Int, _ tasks: [String]) -> Route {
            Route(worker: w, date: day(d), start: TimeOfDay(minutes: from), end: TimeOfDay(minutes: to), travelMin: 0,
                  travelKm: 0, serviceMin: 20 * tasks.count, stops: tasks.map {
                      Stop(task: $0, kind: .visit, arrive: TimeOfDay(minutes: from), start: TimeOfDay(minutes: from),
                           end: TimeOfDay(minutes: from + 20), travelMin: 0, travelKm: 0)
                  })
        }
        let routes = [
            route("W1", 0, 510, 840, ["H1", "H3", "H4"]), route("W1", 1, 540, 600, ["H5"]),
            route("W2", 0, 540, 570, ["H1"]), route("W2", 1, 540, 720, ["H4"]), route("W2", 2, 540, 560, ["H2"]),
            route("W3", 0, 540, 840, []),
        ]
        return (s, routes)
    }

    func testDailySpreadAndRegularWeekdayRateOfAWeekWorkedByHand() {
        let (s, routes) = Self.handWorkedWeek()
        let k = SpecKPIs.compute(routes: routes, scenario: s)
        XCTAssertEqual(k.dailySpreadMaxMin, 240)
        XCTAssertEqual(k.regularWeekdayRate, 0.5)
        XCTAssertEqual(SpecKPIs.dailySpreadMaxMin(routes: Array(routes.prefix(2)), scenario: s,
                                                   calendar: SpecCalendar(horizon: s.horizon)), 240, "W1 alone")
        // Nothing to measure: no route, no visit after an earlier one.
        let none = SpecKPIs.compute(routes: [], scenario: s)
        XCTAssertNil(none.dailySpreadMaxMin)
        XCTAssertNil(none.regularWeekdayRate)
    }

    func testKPIsOfATinyWeekWorkedByHand() {
        let p = Policy(category: "a", everyDays: 7, minGapDays: 3, durationMin: 20)
        let hs = ["H1", "H2"].map { Household(id: $0, grid: "G1", location: GeoPoint(lat: 31.241, lon: 121.401),
                                              categories: ["a"]) }
        let workers = [Worker(id: "W1", name: "甲", grids: ["G1"], start: "OFF", shift: TimeWindow(510, 1050),
                              breakTime: TimeWindow(690, 780)),
                       Worker(id: "W2", name: "乙", grids: ["G2"], mayCover: ["G1"], start: "OFF",
                              shift: TimeWindow(510, 1050))]
        let s = scenario(households: hs, policies: [p], workers: workers)
        func stop(_ id: String) -> Stop {
            Stop(task: id, kind: .visit, arrive: TimeOfDay(minutes: 540), start: TimeOfDay(minutes: 540),
                 end: TimeOfDay(minutes: 560), travelMin: 5, travelKm: 0.4)
        }
        let routes = [
            // W1 Monday 08:30–14:00, 90 minutes of it break: 240 working minutes.
            Route(worker: "W1", date: day(0), start: TimeOfDay(minutes: 510), end: TimeOfDay(minutes: 840),
                  travelMin: 10, travelKm: 0.8, serviceMin: 20, stops: [stop("H1")]),
            // W2 Tuesday 09:00–10:00.
            Route(worker: "W2", date: day(1), start: TimeOfDay(minutes: 540), end: TimeOfDay(minutes: 600),
                  travelMin: 12, travelKm: 1.0, serviceMin: 20, stops: [stop("H2")]),
        ]
        // Working days: Mon–Thu (Friday a holiday). W1 has 540 − 90 = 450 min a day, W2 540.
        XCTAssertEqual(SpecKPIs.compute(routes: routes, scenario: s), KPIs(
            tasksDue: 2, visitsPlanned: 2, lateTaskDays: 1, onTimeRate: 0.5, travelKm: 1.8, travelMin: 22,
            workMin: 300, utilisationMin: 0.0278, utilisationMax: 0.1333, continuity: 0.5,
            // W1: Monday 240, Tuesday to Thursday 0; W2: Tuesday 60. No task has a visit before.
            dailySpreadMaxMin: 240, regularWeekdayRate: nil))
    }
}
