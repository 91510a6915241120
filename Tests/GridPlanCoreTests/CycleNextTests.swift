import Foundation
import XCTest
@testable import GridPlanCore

final class CycleNextTests: XCTestCase {
    func roll(_ yaml: String = CycleFixture.yaml) throws -> (NextPeriod, String) {
        let path = try CycleFixture.folder(self, yaml: yaml)
        let s = try CycleFixture.load(path)
        return (try NextPeriod.roll(yaml: yaml, scenario: s), ScenarioLoader.directory(of: path))
    }

    func testNextMovesTheStartByTheHorizonLengthAndUpdatesTheWeekLabel() throws {
        let (next, dir) = try roll()
        XCTAssertEqual(next.start, CivilDate(iso: "2026-11-30"))
        let loaded = ScenarioLoader.load(yaml: next.yaml, file: "next.yaml", baseDirectory: dir)
        XCTAssertFalse(loaded.hasErrors, "\(loaded.errors)")
        let s = try XCTUnwrap(loaded.scenario)
        XCTAssertEqual(s.horizon.start, CivilDate(iso: "2026-11-30"))
        XCTAssertEqual(s.horizon.days, 7)
        XCTAssertEqual(s.name, "测试网格 2026-W49")
    }

    func testNextDropsPastHolidaysAndLeaveAndKeepsFutureOnes() throws {
        let (next, dir) = try roll()
        let s = try XCTUnwrap(ScenarioLoader.load(yaml: next.yaml, file: "next.yaml", baseDirectory: dir).scenario)
        XCTAssertEqual(s.horizon.holidays, [])
        XCTAssertEqual(s.workers[0].daysOff, [])
        XCTAssertEqual(s.workers[1].daysOff, [CivilDate(iso: "2026-12-01")!])
        XCTAssertTrue(next.yaml.contains("holidays: []"))
        XCTAssertTrue(next.yaml.contains("days_off: [2026-12-01]"))
    }

    func testNextKeepsCommentsAndLayout() throws {
        let (next, _) = try roll()
        let want = CycleFixture.yaml
            .replacingOccurrences(of: "2026-W48", with: "2026-W49")
            .replacingOccurrences(of: "start: 2026-11-23   # Monday", with: "start: 2026-11-30   # Monday")
            .replacingOccurrences(of: "holidays: [2026-11-20, 2026-11-27]", with: "holidays: []")
            .replacingOccurrences(of: "    days_off:\n      - 2026-11-18  # past leave\n      - 2026-11-25  # this week\n",
                                  with: "    days_off: []\n")
        XCTAssertEqual(next.yaml, want)
    }

    func testNextRemovesOnlyThePastLinesOfABlockList() throws {
        let yaml = CycleFixture.yaml.replacingOccurrences(of: "      - 2026-11-25  # this week",
                                                          with: "      - 2026-12-02  # next week")
        let (next, _) = try roll(yaml)
        XCTAssertTrue(next.yaml.contains("    days_off:\n      - 2026-12-02  # next week\n"))
        XCTAssertFalse(next.yaml.contains("2026-11-18"))
    }

    func testNextKeepsQuotingOfTheStartDate() throws {
        let yaml = CycleFixture.yaml.replacingOccurrences(of: "start: 2026-11-23", with: "start: \"2026-11-23\"")
        let (next, _) = try roll(yaml)
        XCTAssertTrue(next.yaml.contains("start: \"2026-11-30\"   # Monday"))
    }

    func testDefaultOutputNamesTheNewStart() {
        let old = CivilDate(iso: "2026-02-23")!, new = CivilDate(iso: "2026-03-02")!
        XCTAssertEqual(NextPeriod.defaultOutputPath(for: "scenarios/community/scenario.yaml", oldStart: old, newStart: new),
                       "scenarios/community/scenario-2026-03-02.yaml")
        XCTAssertEqual(NextPeriod.defaultOutputPath(for: "week-2026-02-23.yaml", oldStart: old, newStart: new),
                       "week-2026-03-02.yaml")
        XCTAssertEqual(NextPeriod.defaultOutputPath(for: "a/fl-2026-W09.yml", oldStart: old, newStart: new),
                       "a/fl-2026-W10.yml")
    }

    func testRelativeNamesFollowTheNewFolder() {
        XCTAssertEqual(NextPeriod.relativeName("households.csv", from: "/x/a", to: "/x/b"), "../a/households.csv")
        XCTAssertNil(NextPeriod.relativeName("households.csv", from: "/x/a", to: "/x/a/"))
        XCTAssertNil(NextPeriod.relativeName("/abs/h.csv", from: "/x/a", to: "/y"))
    }

    func testWorkbookSourcesAndHistoryListsAreRelocatedToo() throws {
        let yaml = """
            name: w
            horizon: {start: 2026-11-23, days: 7}
            households: {file: 台账.xlsx, sheet: 住户}
            history: [{file: 台账.xlsx, sheet: 走访记录}, visits.csv]

            """
        let s = Scenario(name: "w", horizon: Horizon(start: CivilDate(iso: "2026-11-23")!, days: 7))
        let next = try NextPeriod.roll(yaml: yaml, scenario: s, relocate: { "../grid/" + $0 })
        XCTAssertTrue(next.yaml.contains("households: {file: ../grid/台账.xlsx, sheet: 住户}"), next.yaml)
        XCTAssertTrue(next.yaml.contains("history: [{file: ../grid/台账.xlsx, sheet: 走访记录}, ../grid/visits.csv]"), next.yaml)
    }

    func testISOWeekLabels() {
        XCTAssertEqual(CivilDate(iso: "2026-02-23")!.isoWeekLabel, "2026-W09")
        XCTAssertEqual(CivilDate(iso: "2026-11-23")!.isoWeekLabel, "2026-W48")
        XCTAssertEqual(CivilDate(iso: "2027-01-01")!.isoWeekLabel, "2026-W53")
        XCTAssertEqual(CivilDate(iso: "2024-12-30")!.isoWeekLabel, "2025-W01")
    }

    func testTheShippedCommunityScenarioRollsToALoadableNextWeek() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("scenarios/community/scenario.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let s = try CycleFixture.load(path)
        let next = try NextPeriod.roll(yaml: text, scenario: s)
        let loaded = ScenarioLoader.load(yaml: next.yaml, file: "next.yaml", baseDirectory: ScenarioLoader.directory(of: path))
        XCTAssertFalse(loaded.hasErrors, "\(loaded.errors)")
        let n = try XCTUnwrap(loaded.scenario)
        XCTAssertEqual(n.horizon.start, CivilDate(iso: "2026-03-02"))
        XCTAssertEqual(n.horizon.holidays, [])
        XCTAssertEqual(n.horizon.extraWorkdays, [])
        XCTAssertEqual(n.workers.first { $0.id == "W02" }?.daysOff, [])
        XCTAssertEqual(n.name, "枫林社区 2026-W10（春节后第一周）")
        XCTAssertTrue(next.yaml.hasPrefix("# 枫林社区：5个网格"))
        XCTAssertTrue(next.yaml.contains("shift: [\"12:30\", \"21:30\"]  # 错时上班，负责晚间走访和夜查"))
        XCTAssertEqual(text.split(separator: "\n").count, next.yaml.split(separator: "\n").count)
    }
}
