import GridPlanCore
@testable import GridPlanSolver
import XCTest

/// `LateDiagnosis`: the `capacity` detail names the worker-days that would have kept the task's
/// first late day on time.
final class LateDiagnosisTests: XCTestCase {
    /// A worked day of `worker` on `date` with one stop (what "full" means to the diagnosis).
    func busyDay(_ worker: String, _ date: CivilDate, task: String) -> Route {
        let t = { TimeOfDay(minutes: $0) }
        let stop = Stop(task: task, kind: .visit, arrive: t(540), start: t(540), end: t(560), travelMin: 2, travelKm: 0.2)
        return Route(worker: worker, date: date, start: t(538), end: t(562), travelMin: 4, travelKm: 0.4, serviceMin: 20,
                     stops: [stop])
    }

    func testAfterARunOfHolidaysTheFullDaysNamedAreTheOnesThatCouldCoverTheFirstLateDay() throws {
        // Mon 23 works, Tue 24 – Thu 26 are holidays, Fri 27 works. Every 2 days, last visited Sun 22:
        // due Tue 24 (a holiday); Monday is covered by Sunday's visit, so the first late day is Friday,
        // and only a visit on Friday could have kept it. Monday, before the due date, could not.
        let every2 = Policy(category: "often", everyDays: 2, minGapDays: 1, durationMin: 20, priority: 5)
        let s = Fixture.scenario(days: 5, policies: [every2], workers: [Fixture.worker("W01")],
                                 households: [Fixture.household("H1", category: "often", lastVisit: Fixture.day(-1)),
                                              Fixture.household("H2", category: "often", eastMeters: 300)],
                                 holidays: [Fixture.day(1), Fixture.day(2), Fixture.day(3)])
        let resolved = ResolvedScenario(s)
        let job = try XCTUnwrap(resolved.job("H1"))
        let routes = [busyDay("W01", Fixture.day(0), task: "H2"), busyDay("W01", Fixture.day(4), task: "H2")]
        let detail = LateDiagnosis(scenario: resolved).diagnose(job, lateDays: 1, firstMissedDue: Fixture.day(1), routes: routes)
        XCTAssertEqual(detail, .capacityFullDays(full: [.init(worker: "W01", dates: [Fixture.day(4)])]))
    }

    func testAWeeklyTaskNamesTheFullDaysFromItsGapToItsFirstLateDay() throws {
        // Weekly, gap 3, last visited Wed 18: due Wed 25, and may be visited from Sat 21. The days that
        // could have kept Wednesday on time are Mon 23 – Wed 25; Thursday and Friday could not.
        let s = Fixture.scenario(policies: [Fixture.weekly], workers: [Fixture.worker("W01")],
                                 households: [Fixture.household("H1", category: "weekly", lastVisit: Fixture.day(-5)),
                                              Fixture.household("H2", category: "weekly", eastMeters: 300)])
        let resolved = ResolvedScenario(s)
        let job = try XCTUnwrap(resolved.job("H1"))
        let routes = (0..<5).map { busyDay("W01", Fixture.day($0), task: "H2") }
        let detail = LateDiagnosis(scenario: resolved).diagnose(job, lateDays: 3, firstMissedDue: Fixture.day(2), routes: routes)
        XCTAssertEqual(detail, .capacityFullDays(full: [.init(worker: "W01", dates: [Fixture.day(0), Fixture.day(1), Fixture.day(2)])]))
    }
}
