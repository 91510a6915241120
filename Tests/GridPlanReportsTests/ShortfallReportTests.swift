import Foundation
import GridPlanCore
@testable import GridPlanReports
import XCTest

/// The shortfall in the roster and the comparison, and the comparison's stability figure.
final class ShortfallReportTests: XCTestCase {
    static let shortfall = Shortfall(
        lateTasks: 12, lateTaskDays: 30, tasksOnTime: 10, lateTaskDaysWithHelp: 4,
        needs: [ShortfallNeed(grid: "XH-09", date: Fixture.d("2026-11-24"), minutes: 300, tasks: ["H001", "H002"]),
                ShortfallNeed(grid: "XH-09", date: Fixture.d("2026-11-26"), minutes: 120, tasks: ["H003"]),
                ShortfallNeed(grid: "XH-10", date: Fixture.d("2026-11-24"), minutes: 60, tasks: ["H004"])],
        beyondHelpers: ["H005"])

    func context(_ locale: ReportLocale) -> ReportContext {
        let s = Fixture.scenario(locale: locale)
        var p = Fixture.planA(scenario: s)
        p.shortfall = Self.shortfall
        return ReportContext(plan: p, scenario: ResolvedScenario(s))
    }

    func testTheSentenceSaysHowManyHoursWhenWhereAndWhatItBringsInBothLanguages() {
        XCTAssertEqual(Self.shortfall.minutes, 480)
        let en = context(.en).shortfallSentence()!
        XCTAssertTrue(en.hasPrefix("About 8.0 more worker-hours, Tue 24 Nov to Thu 26 Nov, in grids XH-09, XH-10, "
                                   + "would bring 10 of the 12 tasks late for capacity on time (their late task-days: 30 → 4)."), en)
        XCTAssertTrue(en.contains("1 of those still late need a skill or a pair visit"), en)
        let zh = context(.zhHans).shortfallSentence()!
        XCTAssertTrue(zh.hasPrefix("再增加约 8.0 个工时（11月24日 周二至11月26日 周四，网格 XH-09、XH-10），"
                                   + "可使因人手不足而逾期的 12 项任务中 10 项按时完成（这些任务的逾期天数 30 → 4）。"), zh)
    }

    func testTheTableHasAGridPerRowADatePerColumnAndTotals() throws {
        let t = try XCTUnwrap(context(.en).shortfallTable())
        XCTAssertEqual(t.dates, [Fixture.d("2026-11-24"), Fixture.d("2026-11-26")])
        XCTAssertEqual(t.rows.map(\.grid), ["XH-09", "XH-10"])
        XCTAssertEqual(t.rows[0].minutes, [300, 120])
        XCTAssertEqual(t.rows[1].minutes, [60, nil])
        XCTAssertEqual(t.rows.map(\.total), [420, 60])
    }

    func testTheRosterShowsTheSectionOnlyWhenThereIsAShortfall() {
        let c = context(.zhHans)
        XCTAssertTrue(RosterHTML.render(c).contains("<h2>人手缺口</h2>"))
        XCTAssertTrue(RosterMarkdown.render(c).contains("## 人手缺口"))
        let s = Fixture.scenario()
        let plain = ReportContext(plan: Fixture.planA(scenario: s), scenario: ResolvedScenario(s))
        XCTAssertFalse(RosterHTML.render(plain).contains("人手缺口"))
    }

    func testTheComparisonShowsShortfallMinutesAndEachPlansSentence() throws {
        let s = Fixture.scenario(locale: .en)
        var b = Fixture.planB(scenario: s)
        b.shortfall = Self.shortfall
        let c = try PlanComparison([.init(name: "a", scenario: s, plan: Fixture.planA(scenario: s)),
                                    .init(name: "b", scenario: s, plan: b)])
        XCTAssertEqual(c.metrics.first { $0.metric == .shortfallMin }?.values, [0, 480])
        XCTAssertTrue(c.text().contains("B: About 8.0 more worker-hours"))
        XCTAssertTrue(c.html().contains("B: About 8.0 more worker-hours"))
    }

    func testStabilityCountsHouseholdsKeptOnTheSameWorkerAndDay() throws {
        // Visited in both A and B: H001 (other worker, other day), H002 (other day), H003 (same pair, same day).
        let s = Fixture.scenario()
        let c = try PlanComparison([.init(name: "a", scenario: s, plan: Fixture.planA(scenario: s)),
                                    .init(name: "b", scenario: s, plan: Fixture.planB(scenario: s))])
        XCTAssertNil(c.stability[0])
        XCTAssertEqual(c.stability[1]!, 1.0 / 3, accuracy: 1e-4)
    }

    func testTheFollowingWeekOnTheSameWeekdaysIsFullyStable() throws {
        // The same plan a week later: every household keeps its worker and weekday.
        let s = Fixture.scenario()
        let a = Fixture.planA(scenario: s)
        var next = a
        next.horizon = PlanHorizon(start: a.horizon.start.adding(days: 7), days: a.horizon.days)
        next.routes = a.routes.map { r in
            var x = r
            x.date = r.date.adding(days: 7)
            return x
        }
        let c = try PlanComparison([.init(name: "w1", scenario: s, plan: a), .init(name: "w2", scenario: s, plan: next)])
        XCTAssertEqual(c.stability[1], 1.0)
        XCTAssertTrue(c.households.isEmpty, "same workers on the same weekdays: nothing moved")
    }
}
