import GridPlanCore
import XCTest
@testable import GridPlanSolver

/// Small named scenarios with known answers, shared by the assignment, planner and determinism tests.
enum Fixture {
    static let monday = CivilDate(iso: "2026-11-23")!
    static func day(_ offset: Int) -> CivilDate { monday.adding(days: offset) }
    static let office = Place(id: "OFFICE", name: "office", location: GeoPoint(lat: 31.2485, lon: 121.4056))

    static func worker(_ id: String, grids: [String] = ["G1"], mayCover: [String] = [], shift: (Int, Int) = (510, 1050),
                       breakTime: (Int, Int)? = (720, 780), skills: [String] = [], daysOff: [CivilDate] = [],
                       maxVisits: Int? = nil, weekdays: [Weekday]? = nil) -> Worker {
        Worker(id: id, name: id, grids: grids, mayCover: mayCover, start: "OFFICE",
               shift: TimeWindow(shift.0, shift.1), breakTime: breakTime.map { TimeWindow($0.0, $0.1) },
               weekdays: weekdays, daysOff: daysOff, maxVisitsPerDay: maxVisits, skills: skills)
    }

    /// A household `meters` east of the office (about 0.0105° longitude per km at this latitude).
    static func household(_ id: String, category: String, grid: String = "G1", eastMeters: Double = 200,
                          lastVisit: CivilDate? = nil, weekdays: [Weekday]? = nil, window: TimeWindow? = nil,
                          preferred: String? = nil) -> Household {
        Household(id: id, name: id, grid: grid,
                  location: GeoPoint(lat: office.location.lat, lon: office.location.lon + eastMeters / 1000 * 0.0105),
                  categories: [category], preferredWorker: preferred, window: window, weekdays: weekdays,
                  lastVisit: lastVisit)
    }

    static func scenario(days: Int = 5, policies: [Policy], workers: [Worker], households: [Household] = [],
                         patrols: [Patrol] = [], history: [HistoryEntry] = [], holidays: [CivilDate] = []) -> Scenario {
        Scenario(name: "fixture", horizon: Horizon(start: monday, days: days, holidays: holidays), places: [office],
                 policies: policies, workers: workers, households: households, patrols: patrols, history: history)
    }

    static let weekly = Policy(category: "weekly", everyDays: 7, minGapDays: 3, durationMin: 20, priority: 5)

    /// Three households, one worker: H3 is due Monday, H1 by Wednesday, H2 receives visits on Thursdays only.
    static func threeHouseholds() -> Scenario {
        scenario(policies: [weekly], workers: [worker("W01")], households: [
            household("H1", category: "weekly", lastVisit: CivilDate(iso: "2026-11-18")),
            household("H2", category: "weekly", eastMeters: 400, weekdays: [.thu]),
            household("H3", category: "weekly", eastMeters: 600, lastVisit: CivilDate(iso: "2026-11-16")),
        ])
    }

    /// One hour of shift, three 25-minute visits due Monday at the office's door: one must wait.
    static func capacityBound() -> Scenario {
        let policies = [1, 3, 5].map { Policy(category: "p\($0)", everyDays: 7, minGapDays: 3, durationMin: 25, priority: $0) }
        return scenario(days: 1, policies: policies, workers: [worker("W01", shift: (540, 600), breakTime: nil)],
                        households: [1, 3, 5].map { household("H\($0)", category: "p\($0)", eastMeters: 0) })
    }
}

final class AssignmentTests: XCTestCase {
    func assign(_ s: Scenario) throws -> AssignmentResult {
        try Assignment.assign(ResolvedScenario(s), options: AssignmentOptions(timeLimitSeconds: 30, mipGap: 0))
    }

    func visits(_ r: AssignmentResult, _ job: String) -> [PlannedVisit] { r.visits.filter { $0.job == job } }

    func testThreeHouseholdsGetTheirObviousDays() throws {
        let r = try assign(Fixture.threeHouseholds())
        XCTAssertEqual(r.status, "optimal")
        XCTAssertEqual(visits(r, "H3").map(\.date), [Fixture.day(0)], "H3 is due Monday")
        XCTAssertEqual(visits(r, "H2").map(\.date), [Fixture.day(3)], "H2 only receives visits on Thursdays")
        XCTAssertEqual(visits(r, "H1").count, 1)
        XCTAssertLessThanOrEqual(visits(r, "H1")[0].date, Fixture.day(2), "H1 is due Wednesday")
        XCTAssertTrue(r.visits.allSatisfy { $0.workers == ["W01"] })
    }

    func testPairVisitGetsTwoDistinctSkilledWorkers() throws {
        let pair = Policy(category: "mental", everyDays: 7, minGapDays: 3, durationMin: 30, priority: 8,
                          skills: ["casework"], workersNeeded: 2)
        let s = Fixture.scenario(policies: [pair], workers: [
            Fixture.worker("W1", skills: ["casework"]), Fixture.worker("W2", skills: []),
            Fixture.worker("W3", skills: ["casework"]),
        ], households: [Fixture.household("H1", category: "mental")])
        let r = try assign(s)
        let v = visits(r, "H1")
        XCTAssertEqual(v.count, 1)
        XCTAssertEqual(v.first?.workers, ["W1", "W3"])
        XCTAssertEqual(v.first?.date, Fixture.day(0), "due on the first working day without history")
    }

    func testCapacityMakesTheLowestPriorityTaskLate() throws {
        let r = try assign(Fixture.capacityBound())
        XCTAssertEqual(Set(r.visits.map(\.job)), ["H3", "H5"])
        XCTAssertEqual(r.status, "optimal")
        XCTAssertEqual(r.objective, r.bound, accuracy: 1e-6)
    }

    func testHistoryGapForbidsTheFirstDay() throws {
        let s = Fixture.scenario(policies: [], workers: [Fixture.worker("W01")], patrols: [
            Patrol(id: "P1", grid: "G1", location: Fixture.office.location, everyDays: 3, minGapDays: 3, durationMin: 15),
        ], history: [HistoryEntry(task: "P1", date: CivilDate(iso: "2026-11-21")!, worker: "W01")])
        let r = try assign(s)
        let dates = visits(r, "P1").map(\.date)
        XCTAssertFalse(dates.contains(Fixture.day(0)), "Monday is 2 days after Saturday's visit; the gap is 3")
        XCTAssertEqual(dates.first, Fixture.day(1), "due Tuesday, allowed Tuesday")
        XCTAssertEqual(dates, [Fixture.day(1), Fixture.day(4)])
    }

    func testJobInAGridNobodyCoversIsLeftUnvisitedAndCounted() throws {
        let s = Fixture.scenario(policies: [Fixture.weekly], workers: [Fixture.worker("W01")],
                                 households: [Fixture.household("H9", category: "weekly", grid: "G9")])
        let r = try assign(s)
        XCTAssertTrue(r.visits.isEmpty)
        XCTAssertEqual(r.objective, 1000 * 5 * 5, "priority 5 × 5 late working days × lateness weight")
    }

    func testMaxVisitsPerDaySpreadsVisitsOverDays() throws {
        let s = Fixture.scenario(policies: [Fixture.weekly], workers: [Fixture.worker("W01", maxVisits: 1)], households: [
            Fixture.household("H1", category: "weekly", lastVisit: CivilDate(iso: "2026-11-18")),
            Fixture.household("H2", category: "weekly", eastMeters: 300, lastVisit: CivilDate(iso: "2026-11-18")),
        ])
        let r = try assign(s)
        XCTAssertEqual(r.visits.count, 2)
        XCTAssertNotEqual(r.visits[0].date, r.visits[1].date)
        XCTAssertTrue(r.visits.allSatisfy { $0.date <= Fixture.day(2) }, "both due Wednesday")
    }

    func testWorkersSharingNoGridAreSolvedAsSeparateParts() throws {
        let s = Fixture.scenario(policies: [Fixture.weekly], workers: [
            Fixture.worker("A", grids: ["G1"]), Fixture.worker("B", grids: ["G2"]),
            Fixture.worker("C", grids: ["G3"], mayCover: ["G2"]),
        ], households: [Fixture.household("H1", category: "weekly"), Fixture.household("H2", category: "weekly", grid: "G2")])
        let r = try Assignment.assign(ResolvedScenario(s), options: AssignmentOptions(timeLimitSeconds: 30, threads: 2))
        XCTAssertEqual(r.parts.map(\.workers), [["A"], ["B", "C"]])
        XCTAssertEqual(visits(r, "H2").first?.workers, ["B"], "B is responsible for G2 and preferred")
    }

    func testWeeklyPatternsKeepTheGapAndIncludeNoVisit() {
        let cal = WorkingCalendar(horizon: Horizon(start: Fixture.monday, days: 7))
        let job = Job(id: "H", kind: .visit, grid: "G1", location: Fixture.office.location, everyDays: 7, minGapDays: 3,
                      durationMin: 20, lastVisit: CivilDate(iso: "2026-11-18"))
        let days = (0..<5).map(Fixture.day)
        let ps = PatternEnumerator.patterns(for: job, candidateDates: days, calendar: cal)
        XCTAssertEqual(ps.first, DayPattern(dates: [], lateDays: 3), "not visited: late Wednesday to Friday")
        XCTAssertTrue(ps.contains(DayPattern(dates: [Fixture.day(2)], lateDays: 0)))
        XCTAssertTrue(ps.contains(DayPattern(dates: [Fixture.day(4)], lateDays: 2)))
        XCTAssertFalse(ps.contains { $0.dates.count > 1 }, "a Monday visit covers the whole week")
    }

    func testDailyPatrolPatternsAreCappedAndKeepGaps() {
        let cal = WorkingCalendar(horizon: Horizon(start: Fixture.monday, days: 62, weekdays: Weekday.allCases))
        let job = Job(id: "P", kind: .patrol, grid: "G1", location: Fixture.office.location, everyDays: 1, minGapDays: 1,
                      durationMin: 30)
        let ps = PatternEnumerator.patterns(for: job, candidateDates: cal.workingDays, calendar: cal)
        XCTAssertLessThan(ps.count, 2000)
        XCTAssertTrue(ps.contains { $0.lateDays == 0 })
        for p in ps { XCTAssertEqual(p.dates, p.dates.sorted()) }
    }
}
