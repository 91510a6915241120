import Foundation
import XCTest
@testable import GridPlanCore

/// Whole scenarios on disk: one with a dozen and more mistakes, all reported in one run; one clean,
/// with its tables in UTF-8-with-BOM and GB18030 CSV files as Excel writes them.
final class LoadingFixtureTests: XCTestCase {
    func fixture(_ name: String) throws -> String {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "scenario", withExtension: "yaml",
                                                  subdirectory: "Fixtures/loader/\(name)"))
        return url.path
    }

    /// Findings as printed, with the fixture's folder left out.
    func findings(_ path: String) -> [String] {
        let folder = ScenarioLoader.directory(of: path) + "/"
        return ScenarioLoader.load(path: path).diagnostics.map { $0.description.replacingOccurrences(of: folder, with: "") }
    }

    func testEveryMistakeOfTheDozenMistakesScenarioIsReportedInOneRun() throws {
        let path = try fixture("dozen-mistakes")
        let result = ScenarioLoader.load(path: path)
        XCTAssertNil(result.scenario)
        XCTAssertEqual(findings(path), [
            "households.csv:4: error: column lat: latitude 131.2495 of household 'H02' is outside -90...90",
            "households.csv:4: error: column categories: unknown category '孤寡老人' in household 'H02'",
            "households.csv:5: error: column window: malformed window '9点-11点' in 'window' of household 'H03'; expected HH:MM-HH:MM",
            "households.csv:5: error: column preferred_worker: unknown worker 'W03' in 'preferred_worker' of household 'H03'; did you mean 'W01'?",
            "households.csv:6: error: column grid: missing required field 'grid' in household 'H03'",
            "households.csv:6: error: column id: duplicate id 'H03'; already used by the household at households.csv:5",
            "patrols.csv:2: error: column every_days: 'every_days' of patrol 'P01' must be at least 1, not 0",
            "patrols.csv:3: error: column duration_min: 'duration_min' of patrol 'P02' must be at least 1, not -5",
            "patrols.csv:3: warning: column skills: no worker has skill 'electrician' needed by patrol 'P02'",
            "scenario.yaml:5:9: error: 'days' of horizon must be within 1...62, not 90",
            "scenario.yaml:6:29: error: unknown weekday 'thur' in 'weekdays' of horizon; did you mean 'thu'?",
            "scenario.yaml:7:14: error: malformed date '2026-11-31' in 'holidays' of horizon; expected YYYY-MM-DD",
            "scenario.yaml:13:19: error: 'min_gap_days' (9) of policy '独居老人' must not exceed 'every_days' (7)",
            "scenario.yaml:19:15: error: 'priority' of policy '低保户' must be within 1...10, not 12",
            "scenario.yaml:24:17: error: unknown grid 'XH-80' in 'may_cover' of worker 'W01'; did you mean 'XH-08'?",
            "scenario.yaml:25:12: error: unknown place 'XH-OFICE' in 'start' of worker 'W01'; did you mean 'XH-OFFICE'?",
            "scenario.yaml:26:12: error: 'shift' of worker 'W01' must end after it starts (17:30-08:30)",
            "scenario.yaml:27:5: error: unknown field 'max_visit_per_day' in worker 'W01'; did you mean 'max_visits_per_day'?",
            "visits.csv:3: error: column task: unknown task 'H09' in history; did you mean 'H01'?",
            "visits.csv:6: error: column date: malformed date '2026-13-01' in 'date' of history entry 'H02'; expected YYYY-MM-DD",
        ])
        let kinds = Set(result.errors.map { $0.message.components(separatedBy: " '").first! })
        XCTAssertGreaterThanOrEqual(kinds.count, 12, "at least a dozen different mistakes: \(kinds.sorted())")
    }

    func testTheCleanScenarioLoadsFromBOMAndGB18030Files() throws {
        let path = try fixture("clean")
        XCTAssertEqual(findings(path), [])
        let s = try XCTUnwrap(ScenarioLoader.load(path: path).scenario)
        let d = { (t: String) in CivilDate(iso: t)! }
        XCTAssertEqual(s.households.map(\.id), ["H01", "H02", "H03"])
        let h1 = s.households[0]
        XCTAssertEqual(h1.address, "星河世纪城 3号楼\r\n2单元 501室")
        XCTAssertEqual(h1.categories, ["独居老人", "低保户"])
        XCTAssertEqual(h1.notes, "耳背, 请大声敲门")
        XCTAssertEqual(h1.extra, [ExtraField(name: "楼栋长", value: "王师傅")])
        XCTAssertEqual(h1.lastVisit, d("2026-09-15"))
        XCTAssertEqual(s.households[1].weekdays, [.mon, .wed])
        XCTAssertEqual(s.households[2].durationMin, 45)
        XCTAssertEqual(s.patrols.map(\.name), ["消防通道 3号楼", "电动车充电棚"], "GB18030 text decoded")
        XCTAssertEqual(s.patrols[1].window, TimeWindow(19 * 60, 21 * 60))
        XCTAssertEqual(s.patrols[1].minGapDays, 3)
        XCTAssertNil(s.patrols[0].minGapDays)
        XCTAssertEqual(s.history.map(\.result), ["done", "not_home", nil])
        XCTAssertEqual(s.travel.matrix, [TravelMatrixEntry(from: "XH-OFFICE", to: "H01", minutes: 6, km: 0.4),
                                         TravelMatrixEntry(from: "H01", to: "XH-OFFICE", minutes: 6, km: 0.4)])
        XCTAssertEqual(s.horizon.holidays, ["2026-09-23", "2026-09-25", "2026-09-26", "2026-09-27", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04"].map(d))
        XCTAssertEqual(s.horizon.extraWorkdays, [])
        XCTAssertEqual(WorkingCalendar(horizon: s.horizon).workingDays.count, 6)
        XCTAssertEqual(s.workers.map(\.phone), ["13800000001", nil])
        XCTAssertEqual(s.campaigns, [Campaign(name: "中秋慰问", categories: ["独居老人", "低保户"], by: d("2026-09-24"), durationMin: 30)])
    }
}
