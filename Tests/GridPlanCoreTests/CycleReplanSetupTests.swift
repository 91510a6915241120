import Foundation
import XCTest
@testable import GridPlanCore

final class CycleReplanSetupTests: XCTestCase {
    let tue = CivilDate(iso: "2026-11-24")!

    func setup(_ d: Disruption, from: CivilDate? = nil) throws -> ReplanSetup {
        let s = try CycleFixture.load(try CycleFixture.folder(self))
        return try ReplanSetup.make(scenario: ResolvedScenario(s), plan: CycleFixture.plan(), from: from ?? tue, disruption: d)
    }

    func testAbsenceParsing() throws {
        let a = CivilDate(iso: "2026-11-24")!, b = CivilDate(iso: "2026-11-29")!
        XCTAssertEqual(try Absence.parse("W02", defaultFrom: a, defaultThrough: b).get(), Absence(worker: "W02", from: a, through: b))
        XCTAssertEqual(try Absence.parse("W02:2026-11-25", defaultFrom: a, defaultThrough: b).get().dates,
                       [CivilDate(iso: "2026-11-25")!])
        XCTAssertEqual(try Absence.parse("W02:2026-11-25..2026-11-26", defaultFrom: a, defaultThrough: b).get().dates.count, 2)
        XCTAssertThrowsError(try Absence.parse("W02:2026-11-26..2026-11-25", defaultFrom: a, defaultThrough: b).get())
        XCTAssertThrowsError(try Absence.parse("W02:tomorrow", defaultFrom: a, defaultThrough: b).get())
    }

    func testRoutesBeforeTheDateAreKeptAndCountAsHistory() throws {
        let r = try setup(Disruption(absences: [Absence(worker: "W02", from: tue, through: tue)]))
        XCTAssertEqual(r.kept.map(\.date), [CivilDate(iso: "2026-11-23")!])
        XCTAssertEqual(r.remaining.horizon.start, tue)
        XCTAssertEqual(r.remaining.horizon.days, 6)
        XCTAssertEqual(r.remaining.history.map { "\($0.task) \($0.date.iso)" }, ["H1 2026-11-23"])
        XCTAssertEqual(r.remaining.jobs.first { $0.id == "H1" }?.lastVisit, CivilDate(iso: "2026-11-23"))
        XCTAssertEqual(r.previous, [KeptVisit(task: "H2", date: tue, workers: ["W02"]), KeptVisit(task: "H3", date: tue, workers: ["W02"])])
        XCTAssertTrue(r.disrupted.workers[1].daysOff.contains(tue))
        XCTAssertFalse(r.original.workers[1].daysOff.contains(tue))
    }

    func testAnAbsenceStartingBeforeTheDateIsClippedWithANote() throws {
        let r = try setup(Disruption(absences: [Absence(worker: "W02", from: CivilDate(iso: "2026-11-20")!, through: tue)]))
        XCTAssertEqual(r.disrupted.workers[1].daysOff.filter { $0 >= CivilDate(iso: "2026-11-20")! && $0 <= tue }, [tue])
        XCTAssertEqual(r.notes.count, 1)
    }

    func testBadDisruptionsAreRefused() throws {
        XCTAssertThrowsError(try setup(Disruption(absences: [Absence(worker: "W09", from: tue, through: tue)]))) {
            XCTAssertEqual("\($0)", "--absent: unknown worker 'W09'")
        }
        XCTAssertThrowsError(try setup(Disruption(urgent: ["H9"]))) {
            XCTAssertEqual("\($0)", "--urgent: 'H9' is not a household or patrol point of the scenario")
        }
        XCTAssertThrowsError(try setup(Disruption(), from: CivilDate(iso: "2026-12-24")!))
        // H1 was visited on Monday; min_gap_days 3 forbids Tuesday and Wednesday.
        XCTAssertThrowsError(try setup(Disruption(urgent: ["H1"]))) {
            XCTAssertEqual("\($0)", "--urgent H1: it was visited on 2026-11-23 and its min_gap_days 3 allows the next visit on 2026-11-26 at the earliest")
        }
    }

    func testAnUrgentVisitMustFallOnTheDateOrTheNextWorkingDay() throws {
        let wed = CivilDate(iso: "2026-11-25")!
        XCTAssertEqual(try setup(Disruption(urgent: ["H2"])).required, [RequiredVisit(task: "H2", dates: [tue, wed])])
        // From Thursday: Friday 11-27 is a holiday and the weekend is off, so Thursday is the only day left.
        let thu = CivilDate(iso: "2026-11-26")!
        XCTAssertEqual(try setup(Disruption(urgent: ["H1"]), from: thu).required, [RequiredVisit(task: "H1", dates: [thu])])
    }

    func testChangesListMovesAndWorkerChangesWithTheirReason() throws {
        let r = try setup(Disruption(absences: [Absence(worker: "W02", from: tue, through: tue)]))
        var new = CycleFixture.plan()
        new.routes[1].worker = "W01"                         // H2, H3 go to W01 on Tuesday
        new.routes[1].stops.removeLast()                      // H3 leaves Tuesday …
        let wed = CivilDate(iso: "2026-11-25")!
        new.routes.append(Route(worker: "W02", date: wed.adding(days: 1), start: TimeOfDay(minutes: 510),
                                end: TimeOfDay(minutes: 600), travelMin: 2, travelKm: 0.2, serviceMin: 20,
                                stops: [CycleFixture.stop("H3")]))   // … for W02 on Thursday
        let changes = PlanChanges.between(old: CycleFixture.plan(), new: new, from: tue, setup: r)
        XCTAssertEqual(changes.map { "\($0.task) \($0.oldWorkers) \($0.oldDate?.iso ?? "-") → \($0.newWorkers) \($0.newDate?.iso ?? "-"): \($0.why)" }, [
            "H2 [\"W02\"] 2026-11-24 → [\"W01\"] 2026-11-24: W02 absent 2026-11-24",
            "H3 [\"W02\"] 2026-11-24 → [\"W02\"] 2026-11-26: W02 absent 2026-11-24",
        ])
        XCTAssertEqual(changes.map(\.reason), [ChangeReason(.absent, worker: "W02", from: tue, through: tue),
                                                ChangeReason(.absent, worker: "W02", from: tue, through: tue)])
        XCTAssertEqual(changes[0].reason.text(in: .zhHans) { $0 == "W02" ? "乙" : "" }, "乙 (W02) 2026-11-24 缺勤")
        // plan.json keeps them as codes (`why`), and reads them back.
        var saved = new
        saved.replan = ReplanRecord(from: tue, changes: changes)
        let json = String(decoding: try saved.jsonData(), as: UTF8.self)
        XCTAssertTrue(json.contains("\"code\" : \"absent\""), json)
        XCTAssertEqual(try JSONDecoder().decode(Plan.self, from: saved.jsonData()).replan, saved.replan)
        let text = PlanChanges.byWorker(changes, scenario: r.original)
        XCTAssertTrue(text.contains("W01 甲\n  + H2  11-24 (was W02 11-24: W02 absent 2026-11-24)\n"), text)
        XCTAssertTrue(text.contains("W02 乙\n  − H2  11-24 (now W01 11-24: W02 absent 2026-11-24)\n  ~ H3  11-24 → 11-26"), text)
    }

    func testMergeRecomputesKPIsOverTheWholeHorizon() throws {
        let r = try setup(Disruption(absences: [Absence(worker: "W02", from: tue, through: tue)]))
        var sub = CycleFixture.plan()
        sub.routes = [sub.routes[1]]
        sub.routes[0].worker = "W01"
        let merged = r.merge(remainingPlan: sub, oldPlan: CycleFixture.plan())
        XCTAssertEqual(merged.routes.map { "\($0.worker) \($0.date.iso)" }, ["W01 2026-11-23", "W01 2026-11-24"])
        // By hand: H1 Monday, H2 and H3 Tuesday, all by W01 (the preferred worker of grid G1); with no
        // history all three are due Monday, so H2 and H3 are late one day. Each route is 90 minutes;
        // W01 works Mon, Tue, Thu (leave Wed, holiday Fri) × 540 minutes, W02 four days and nothing.
        XCTAssertEqual(merged.kpis, KPIs(tasksDue: 3, visitsPlanned: 3, lateTaskDays: 2, onTimeRate: 0.3333,
                                         travelKm: 0.4, travelMin: 4, workMin: 180, utilisationMin: 0,
                                         utilisationMax: 0.1111, continuity: 1,
                                         // W01: 90, 90 and Thursday 0 minutes; W02 has no route.
                                         dailySpreadMaxMin: 90))
    }
}
