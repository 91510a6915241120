import Foundation
import GridPlanCore
@testable import GridPlanReports
import XCTest

final class PlanComparisonTests: XCTestCase {
    func comparison(locale: ReportLocale = .zhHans) throws -> PlanComparison {
        let s = Fixture.scenario(locale: locale)
        return try PlanComparison([
            .init(name: "base.yaml", scenario: s, plan: Fixture.planA(scenario: s)),
            .init(name: "alternative.yaml", scenario: s, plan: Fixture.planB(scenario: s)),
        ])
    }

    func row(_ c: PlanComparison, _ m: PlanComparison.Metric) throws -> PlanComparison.MetricRow {
        try XCTUnwrap(c.metrics.first { $0.metric == m })
    }

    func testComparisonNeedsTwoPlans() {
        let s = Fixture.scenario()
        XCTAssertThrowsError(try PlanComparison([.init(name: "a", scenario: s, plan: Fixture.planA())])) { e in
            XCTAssertEqual(e as? PlanComparison.BuildError, .needsTwoPlans(got: 1))
        }
    }

    func testKPIDeltasAreTakenAgainstTheFirstPlan() throws {
        let c = try comparison()
        XCTAssertEqual(c.metrics.map(\.metric), PlanComparison.Metric.allCases)
        let onTime = try row(c, .onTimeRate)
        XCTAssertEqual(onTime.values, [0.8, 1.0])
        XCTAssertNil(onTime.deltas[0])
        XCTAssertEqual(onTime.deltas[1]!, 0.2, accuracy: 1e-9)
        XCTAssertEqual(try row(c, .lateTaskDays).deltas[1], -5)
        XCTAssertEqual(try row(c, .visitsPlanned).deltas[1], 1)
        XCTAssertEqual(try row(c, .travelKm).deltas[1]!, 0.1, accuracy: 1e-9)
        XCTAssertEqual(try row(c, .travelMin).deltas[1], 20)
        XCTAssertEqual(try row(c, .continuity).deltas[1]!, -0.25, accuracy: 1e-9)
        XCTAssertEqual(try row(c, .utilisationMin).deltas[1]!, 0.05, accuracy: 1e-9)
        XCTAssertEqual(try row(c, .utilisationMax).deltas[1]!, -0.0136, accuracy: 1e-9)
        XCTAssertEqual(try row(c, .solveSeconds).values, [1.42, 30.2])
        XCTAssertEqual(try row(c, .gap).deltas[1]!, 0.0646, accuracy: 1e-9)
    }

    func testBetterAndWorseFollowEachFiguresDirection() throws {
        let c = try comparison()
        XCTAssertEqual(c.judgement(.onTimeRate, 0.2), 1)
        XCTAssertEqual(c.judgement(.lateTaskDays, -5), 1)
        XCTAssertEqual(c.judgement(.continuity, -0.25), -1)
        XCTAssertEqual(c.judgement(.travelKm, 0.1), -1)
        XCTAssertEqual(c.judgement(.visitsPlanned, 1), 0)
        XCTAssertEqual(c.judgement(.solveSeconds, 28), 0)
        XCTAssertEqual(c.formatDelta(.onTimeRate, 0.2), "+20.0 pp")
        XCTAssertEqual(c.formatDelta(.lateTaskDays, -5), "−5")
        XCTAssertEqual(c.formatDelta(.travelMin, 0), "±0")
    }

    func testWorkerLoadChanges() throws {
        let c = try comparison()
        XCTAssertEqual(c.workers.map(\.worker), ["W01", "W02", "W03"])
        let w01 = c.workers[0], w02 = c.workers[1], w03 = c.workers[2]
        // A: Mon 08:30–10:50 (140) + Tue 08:30–09:10 (40) + Wed 11:00–13:20 less the 11:30–13:00 break (50).
        XCTAssertEqual(w01.minutes, [230, 200])
        XCTAssertEqual(w01.stops, [5, 4])
        XCTAssertEqual(w01.minutesDelta, [nil, -30])
        XCTAssertEqual(w01.stopsDelta, [nil, -1])
        XCTAssertEqual(w02.minutes, [50, 120])
        XCTAssertEqual(w02.stopsDelta, [nil, 2])
        XCTAssertEqual(w03.minutes, [0, 0])
    }

    func testHouseholdsThatChangedWorkerOrDayAreListed() throws {
        let c = try comparison()
        XCTAssertEqual(c.households.map(\.task), ["H001", "H002", "H004"], "H003 keeps its pair and day")
        let h001 = c.households[0]
        XCTAssertEqual(h001.changedWorker, [false, true])
        XCTAssertEqual(h001.changedDay, [false, true])
        XCTAssertEqual(h001.visits[0], [.init(date: Fixture.d("2026-11-23"), workers: ["W01"])])
        XCTAssertEqual(h001.visits[1], [.init(date: Fixture.d("2026-11-24"), workers: ["W02"])])
        let h002 = c.households[1]
        XCTAssertEqual(h002.changedWorker, [false, false])
        XCTAssertEqual(h002.changedDay, [false, true])
        let h004 = c.households[2]
        XCTAssertEqual(h004.visits[0], [], "late in A: not visited")
        XCTAssertEqual(h004.changedWorker, [false, true])
    }

    func testPairVisitsListBothWorkers() throws {
        var b = Fixture.planB()
        b.routes.removeAll { $0.worker == "W02" && $0.date == Fixture.d("2026-11-23") }
        b.routes[0].stops[1].with = ["W03"]
        let s = Fixture.scenario()
        let c = try PlanComparison([.init(name: "a", scenario: s, plan: Fixture.planA()), .init(name: "b", scenario: s, plan: b)])
        let h003 = try XCTUnwrap(c.households.first { $0.task == "H003" })
        XCTAssertEqual(h003.visits[0].first?.workers, ["W01", "W02"])
        XCTAssertEqual(h003.visits[1].first?.workers, ["W01", "W03"])
        XCTAssertEqual(h003.changedDay, [false, false])
        XCTAssertEqual(h003.changedWorker, [false, true])
    }

    func testIdenticalPlansShowNoChange() throws {
        let s = Fixture.scenario()
        let c = try PlanComparison([.init(name: "a", scenario: s, plan: Fixture.planA()),
                                    .init(name: "a again", scenario: s, plan: Fixture.planA())])
        XCTAssertTrue(c.households.isEmpty)
        XCTAssertTrue(c.metrics.allSatisfy { $0.deltas[1] == 0 })
        XCTAssertTrue(c.text().contains("没有变化。"))
    }

    func testJSONCarriesValuesAndDeltas() throws {
        let json = try JSONSerialization.jsonObject(with: try comparison().jsonData()) as! [String: Any]
        XCTAssertEqual(json["format"] as? String, "gridplan-compare/1")
        let kpis = json["kpis"] as! [[String: Any]]
        let late = try XCTUnwrap(kpis.first { $0["metric"] as? String == "late_task_days" })
        XCTAssertEqual(late["values"] as? [Double], [5, 0])
        XCTAssertEqual((late["deltas"] as? [Any])?.count, 2)
        XCTAssertTrue((late["deltas"] as! [Any])[0] is NSNull)
        let households = json["households"] as! [[String: Any]]
        XCTAssertEqual(households.first?["changed_worker"] as? [Bool], [false, true])
        let plans = json["plans"] as! [[String: Any]]
        XCTAssertEqual(plans.map { $0["key"] as? String }, ["A", "B"])
    }

    func testTextTableAlignsChineseByDisplayWidth() throws {
        let text = try comparison().text()
        let lines = text.components(separatedBy: "\n")
        let header = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("指标") })
        // The rule under the header is as wide as the widest row.
        let ruleWidth = TextTable.width(lines[header + 1])
        for l in lines[(header + 2)...].prefix(PlanComparison.Metric.allCases.count) {
            XCTAssertEqual(TextTable.width(l), ruleWidth, "«\(l)»")
        }
        XCTAssertEqual(TextTable.width("按时率"), 6)
        XCTAssertEqual(TextTable.width("A1"), 2)
        XCTAssertFalse(text.contains("\u{1B}"), "no colour unless asked")
        XCTAssertTrue(try comparison().text(colour: true).contains("\u{1B}[32m+20.0 pp\u{1B}[0m"))
    }
}

extension PlanComparisonTests {
    func testTextSummarisesChangesAndCapsTheHouseholdList() throws {
        XCTAssertTrue(try comparison().text().contains("B: 换人 2 · 改日 3"))
        XCTAssertTrue(try comparison(locale: .en).text().contains("B: other worker 2 · other day 3"))
        // Fifty households that each move a day: the terminal shows forty and says how many are left out.
        var s = Fixture.scenario()
        var a = Fixture.planA(scenario: s), b = Fixture.planA(scenario: s)
        a.routes = []
        b.routes = []
        for i in 0..<50 {
            let id = String(format: "X%03d", i)
            s.households.append(Household(id: id, name: "h\(i)", grid: "XH-09", location: GeoPoint(lat: 31.2, lon: 121.4),
                                          categories: ["独居老人"]))
            let stop = Fixture.stop(id, .visit, "09:00", "09:00", "09:20", travel: 1, km: 0.1)
            a.routes.append(Route(worker: "W01", date: Fixture.d("2026-11-23"), start: Fixture.t("08:30"), end: Fixture.t("10:00"),
                                  travelMin: 1, travelKm: 0.1, serviceMin: 20, stops: [stop]))
            b.routes.append(Route(worker: "W01", date: Fixture.d("2026-11-24"), start: Fixture.t("08:30"), end: Fixture.t("10:00"),
                                  travelMin: 1, travelKm: 0.1, serviceMin: 20, stops: [stop]))
        }
        let c = try PlanComparison([.init(name: "a", scenario: s, plan: a), .init(name: "b", scenario: s, plan: b)])
        XCTAssertEqual(c.households.count, 50)
        let text = c.text()
        XCTAssertTrue(text.contains("X039"))
        XCTAssertFalse(text.contains("X040"))
        XCTAssertTrue(text.contains("另有 10 户未列出"))
        XCTAssertTrue(c.html().contains("X049"), "the HTML lists every household")
    }
}
