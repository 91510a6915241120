import Foundation
import XCTest
import GridPlanCheck
import GridPlanCore
@testable import GridPlanSolver

/// Campaign-only visits (issue 11 item 6): a campaign visit is its own errand, not bound by the
/// regular rhythm's `min_gap_days`. It rides on a regular visit on or before the deadline when there
/// is one; otherwise the household gets a stop of kind `campaign`; and a campaign visit no plan can
/// make by its deadline is listed with its reason.
final class CampaignOnlyVisitTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/xinghe-campaign/scenario.yaml").path

    func xingheWithCampaign() throws -> Scenario {
        let r = ScenarioLoader.load(path: Self.fixture)
        return try XCTUnwrap(r.scenario, "\(r.errors)")
    }

    func inline(_ yaml: String) throws -> Scenario {
        let r = ScenarioLoader.load(yaml: yaml, file: "s.yaml", baseDirectory: "")
        return try XCTUnwrap(r.scenario, "\(r.errors)")
    }

    func testXingheGivesEveryLowIncomeHouseholdItsGreetingByFridayFourOfThemAsCampaignOnlyStops() throws {
        let s = try xingheWithCampaign()
        let plan = try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 30))
        XCTAssertEqual(PlanChecker.check(plan, against: s).map(\.description), [])

        let by = CivilDate(iso: "2026-11-27")!
        let owing = s.households.filter { $0.categories.contains("低保户") }.map(\.id)
        XCTAssertEqual(owing.count, 15)
        let outcomes = CampaignDeliveries.outcomes(of: plan.routes, jobs: s.jobs())
        XCTAssertEqual(Set(outcomes.map(\.household)), Set(owing))
        for o in outcomes { XCTAssertLessThanOrEqual(try XCTUnwrap(o.deliveredOn, o.household), by, o.household) }

        // The four the gap rule keeps from a regular visit this week: 11-19 and 11-16 plus 15 days.
        let campaignStops = plan.routes.flatMap { r in r.stops.filter(\.isCampaignOnly).map { (r.date, $0) } }
        XCTAssertEqual(Set(campaignStops.map(\.1.task)), ["XH-H025", "XH-H026", "XH-H033", "XH-H058"])
        for (date, stop) in campaignStops {
            XCTAssertEqual(stop.kind, .campaign)
            XCTAssertEqual(stop.campaign, ["春节慰问"])
            XCTAssertEqual(stop.end.minutes - stop.start.minutes, 15, stop.task)
            XCTAssertLessThanOrEqual(date, by)
        }
        // The eleven others: their regular visit carries it (20 + 15 minutes; 40 + 15 with a second category).
        for o in outcomes where !o.byCampaignStop {
            let stop = try XCTUnwrap(plan.routes.first { $0.date == o.deliveredOn }?.stops.first { $0.task == o.household })
            XCTAssertEqual(stop.kind, .visit)
            XCTAssertEqual(stop.campaign, ["春节慰问"], o.household)
        }
        XCTAssertEqual(outcomes.filter(\.byCampaignStop).count, 4)

        XCTAssertEqual(plan.kpis.campaignVisitsOwed, 15)
        XCTAssertEqual(plan.kpis.campaignVisitsKept, 15)
        XCTAssertEqual(plan.missedCampaigns, [])
        // Campaign-only stops are no visit events and leave the rhythm alone: still nothing late.
        let events = Set(plan.routes.flatMap { r in r.stops.filter { !$0.isCampaignOnly }.map { "\($0.task) \(r.date.iso)" } })
        XCTAssertEqual(plan.kpis.visitsPlanned, events.count)
        XCTAssertEqual(plan.kpis.lateTaskDays, 0)
    }

    func testACampaignVisitNobodyCanMakeByTheDeadlineIsListedWithItsReason() throws {
        // W01 does not work on Monday, the deadline; nobody covers grid G2.
        let s = try inline("""
            name: 专项测试
            horizon: {start: 2026-11-23, days: 5}
            places: [{id: OFF, name: 居委会, lat: 31.2400, lon: 121.4000}]
            policies:
              - {category: 低保户, every_days: 30, min_gap_days: 15, duration_min: 20}
            workers:
              - {id: W01, name: 甲, grids: [G1], start: OFF, shift: ["08:30", "17:30"], weekdays: [tue, wed, thu, fri]}
            households:
              - {id: H1, grid: G1, lat: 31.2410, lon: 121.4000, categories: [低保户], last_visit: 2026-11-19}
              - {id: H2, grid: G2, lat: 31.2420, lon: 121.4000, categories: [低保户], last_visit: 2026-11-19}
            campaigns:
              - {name: 冬至慰问, categories: [低保户], by: 2026-11-23, duration_min: 15}
            """)
        let plan = try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 10, mipGap: 0))
        XCTAssertEqual(PlanChecker.check(plan, against: s).map(\.description), [])
        XCTAssertEqual(plan.kpis.campaignVisitsOwed, 2)
        XCTAssertEqual(plan.kpis.campaignVisitsKept, 0)
        let missed = try XCTUnwrap(plan.missedCampaigns)
        XCTAssertEqual(missed.map(\.household), ["H1", "H2"])
        XCTAssertEqual(missed.map(\.campaign), ["冬至慰问", "冬至慰问"])
        XCTAssertEqual(missed.map(\.deadline), [CivilDate(iso: "2026-11-23")!, CivilDate(iso: "2026-11-23")!])
        XCTAssertEqual(missed.map(\.reason), [.noWorkingDay, .noEligibleWorker])
        XCTAssertEqual(missed[0].detail, "no worker covering grid G1 works from 2026-11-23 to the deadline 2026-11-23 "
            + "when the household can be visited")
        XCTAssertEqual(missed[1].detail, "no worker's grids or may_cover include grid G2")
        XCTAssertTrue(plan.routes.allSatisfy { $0.stops.isEmpty })
    }

    func testTheVisitCapCountsCampaignStopsAndACampaignItLeavesOutIsMissedForCapacity() throws {
        // One day, one visit a day: two households owe the greeting, neither can have a regular visit.
        let s = try inline("""
            name: 专项测试
            horizon: {start: 2026-11-23, days: 1}
            places: [{id: OFF, name: 居委会, lat: 31.2400, lon: 121.4000}]
            policies:
              - {category: 低保户, every_days: 30, min_gap_days: 15, duration_min: 20}
            workers:
              - {id: W01, name: 甲, grids: [G1], start: OFF, shift: ["08:30", "17:30"], max_visits_per_day: 1}
            households:
              - {id: H1, grid: G1, lat: 31.2410, lon: 121.4000, categories: [低保户], last_visit: 2026-11-19}
              - {id: H2, grid: G1, lat: 31.2420, lon: 121.4000, categories: [低保户], last_visit: 2026-11-19}
            campaigns:
              - {name: 冬至慰问, categories: [低保户], by: 2026-11-23, duration_min: 15}
            """)
        let plan = try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 10, mipGap: 0))
        XCTAssertEqual(PlanChecker.check(plan, against: s).map(\.description), [])
        XCTAssertEqual(plan.routes.flatMap(\.stops).map(\.kind), [.campaign])
        XCTAssertEqual(plan.kpis.visitsPlanned, 0)
        XCTAssertEqual(plan.kpis.campaignVisitsKept, 1)
        let missed = try XCTUnwrap(plan.missedCampaigns?.first)
        XCTAssertEqual(plan.missedCampaigns?.count, 1)
        XCTAssertEqual(missed.reason, .capacity)
        XCTAssertEqual(missed.workers, ["W01"])
        XCTAssertEqual(missed.dates, [CivilDate(iso: "2026-11-23")!])
    }

    func testARegularVisitThatCanCarryTheCampaignIsPreferredToACampaignOnlyStop() throws {
        // H1 is not due this week but the gap rule allows a visit: the greeting rides on it, as before.
        let s = try inline("""
            name: 专项测试
            horizon: {start: 2026-11-23, days: 5}
            places: [{id: OFF, name: 居委会, lat: 31.2400, lon: 121.4000}]
            policies:
              - {category: 低保户, every_days: 30, min_gap_days: 15, duration_min: 20}
            workers:
              - {id: W01, name: 甲, grids: [G1], start: OFF, shift: ["08:30", "17:30"]}
              - {id: W02, name: 乙, grids: [G1], start: OFF, shift: ["08:30", "17:30"]}
            households:
              - {id: H1, grid: G1, lat: 31.2410, lon: 121.4000, categories: [低保户], last_visit: 2026-11-05}
              - {id: H2, grid: G1, lat: 31.2420, lon: 121.4000, categories: [低保户], last_visit: 2026-11-19}
            weights: {lateness: 1000, continuity: 0, balance: 50, travel: 1}
            campaigns:
              - {name: 冬至慰问, categories: [低保户], by: 2026-11-25, duration_min: 15}
            """)
        let plan = try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 10, mipGap: 0))
        XCTAssertEqual(PlanChecker.check(plan, against: s).map(\.description), [])
        let stops = plan.routes.flatMap(\.stops)
        XCTAssertEqual(stops.first { $0.task == "H1" }?.kind, .visit)
        XCTAssertEqual(stops.first { $0.task == "H1" }.map { $0.end.minutes - $0.start.minutes }, 35)
        XCTAssertEqual(stops.first { $0.task == "H2" }?.kind, .campaign)
        XCTAssertEqual(plan.kpis.campaignVisitsKept, 2)
    }

    func testTheSearchsObjectiveIsTheModelsWithCampaignOnlyColumns() throws {
        let s = try xingheWithCampaign()
        let (parts, _) = Decomposition.parts(of: ResolvedScenario(s), include: CampaignVisits.openInHorizon(ResolvedScenario(s)))
        let inst = try XCTUnwrap(parts.first)
        XCTAssertEqual(inst.jobs.filter { !$0.campaignDays.isEmpty }.count, 15)
        var m = LinearModel(name: "t")
        let model = AssignmentModel.build(inst, into: &m)
        var search = AssignmentSearch(inst)
        search.construct()
        for budget in [0, 2_000] {
            search.improve(budget: budget)
            XCTAssertEqual(search.choice.campaignVisits.reduce(0) { $0 + $1.count }, 4)
            let values = model.values(of: search.choice, inst, variableCount: m.variableCount)
            XCTAssertEqual(m.violations(of: values), [])
            XCTAssertEqual(m.objective(of: values), search.objective, accuracy: 1e-6)
            XCTAssertEqual(model.choice(from: values, inst), search.choice)
        }
    }

    func testRecordingAPlanPutsTheCampaignOnlyStopsInTheCampaignLedgerNotTheHistory() throws {
        let s = try xingheWithCampaign()
        let plan = try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 30))
        let recording = HistoryRecorder.record(plan: plan, scenario: ResolvedScenario(s), existing: s.history)
        XCTAssertEqual(Set(recording.campaignVisits.map(\.task)), ["XH-H025", "XH-H026", "XH-H033", "XH-H058"])
        XCTAssertTrue(recording.campaignVisits.allSatisfy { $0.campaigns == ["春节慰问"] && $0.campaignOnly })
        XCTAssertFalse(recording.visits.contains { $0.campaignOnly })
        var next = s
        next.history += recording.visits
        next.campaignVisits += recording.campaignVisits
        let jobs = Dictionary(next.jobs().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertTrue(jobs.values.allSatisfy { $0.campaigns.isEmpty }, "nobody owes the greeting any more")
        // The greeting is no visit: the four households keep their last visit, and their rhythm.
        XCTAssertEqual(jobs["XH-H025"]?.lastVisit, CivilDate(iso: "2026-11-19"))
        XCTAssertEqual(jobs["XH-H033"]?.lastVisit, CivilDate(iso: "2026-11-16"))
    }

    func testAReplanMidWeekKeepsTheGreetingsAlreadyMadeAndStillMakesTheRest() throws {
        let s = try xingheWithCampaign()
        let options = PlanOptions(timeLimitSeconds: 30)
        let plan = try Planner.plan(s, options: options)
        let from = CivilDate(iso: "2026-11-25")!
        let setup = try ReplanSetup.make(scenario: ResolvedScenario(s), plan: plan, from: from, disruption: Disruption())
        // Campaign stops before the re-plan date are delivered, not visits of the rhythm.
        let kept = plan.routes.filter { $0.date < from }.flatMap(\.stops).filter(\.isCampaignOnly).map(\.task)
        XCTAssertEqual(setup.remaining.campaignVisits.map(\.task), kept)
        XCTAssertFalse(setup.remaining.history.contains { e in kept.contains(e.task) && e.date >= s.horizon.start })
        let result = try Replanner.replan(setup, oldPlan: plan, options: options)
        XCTAssertEqual(PlanChecker.check(result.plan, against: s).map(\.description), [])
        XCTAssertEqual(result.plan.kpis.campaignVisitsKept, 15)
        XCTAssertEqual(result.plan.missedCampaigns, [])
    }
}
