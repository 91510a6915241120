import Foundation
import XCTest
@testable import GridPlanCore

/// Holiday calendars as data: the bundled presets, the user's own file, and how they merge into the horizon.
final class LoadingCalendarTests: XCTestCase {
    let d = { (t: String) in CivilDate(iso: t)! }

    func testThePresetsAreCn2025AndCn2026() {
        XCTAssertEqual(HolidayCalendar.presetNames, ["cn-2025", "cn-2026"])
        XCTAssertNil(HolidayCalendar.preset(named: "cn-2027"))
    }

    func testCn2026HoldsTheStateCouncilsDates() throws {
        let c = try XCTUnwrap(HolidayCalendar.preset(named: "cn-2026"))
        XCTAssertEqual(c.name, "cn-2026")
        XCTAssertEqual(c.holidays.count, 3 + 9 + 3 + 5 + 3 + 3 + 7)
        for day in ["2026-01-01", "2026-02-15", "2026-02-23", "2026-04-06", "2026-05-05", "2026-06-19", "2026-09-27", "2026-10-07"] {
            XCTAssertTrue(c.holidays.contains(d(day)), day)
        }
        XCTAssertFalse(c.holidays.contains(d("2026-02-24")))
        XCTAssertEqual(c.extraWorkdays, ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"].map(d))
        XCTAssertTrue(c.extraWorkdays.allSatisfy { $0.weekday == .sat || $0.weekday == .sun }, "调休 days are weekend days")
    }

    func testCn2025HoldsTheStateCouncilsDates() throws {
        let c = try XCTUnwrap(HolidayCalendar.preset(named: "cn-2025"))
        XCTAssertEqual(c.holidays.count, 1 + 8 + 3 + 5 + 3 + 8)
        XCTAssertEqual(c.holidays.first, d("2025-01-01"))
        XCTAssertEqual(c.holidays.last, d("2025-10-08"))
        XCTAssertTrue(c.holidays.contains(d("2025-01-28")))
        XCTAssertTrue(c.holidays.contains(d("2025-06-02")))
        XCTAssertEqual(c.extraWorkdays, ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"].map(d))
        XCTAssertTrue(c.extraWorkdays.allSatisfy { $0.weekday == .sat || $0.weekday == .sun })
    }

    func testAPresetMergesItsDatesInsideTheHorizonAndExplicitDatesAdd() throws {
        let yaml = scenario(replacing: "  start: 2026-11-23\n  days: 7\n",
                            with: "  start: 2026-02-09\n  days: 21\n  calendar: cn-2026\n  holidays: [2026-02-10]\n")
        let r = load(yaml)
        XCTAssertFalse(r.hasErrors, r.diagnostics.map(\.description).joined(separator: "\n"))
        let h = try XCTUnwrap(r.scenario?.horizon)
        XCTAssertEqual(h.calendar, "cn-2026")
        XCTAssertEqual(h.holidays, ["2026-02-10"].map(d) + (15...23).map { d(String(format: "2026-02-%02d", $0)) })
        XCTAssertEqual(h.extraWorkdays, ["2026-02-14", "2026-02-28"].map(d))
        // 15 weekdays, less 6 holiday weekdays (02-16..20, 02-23) and the explicit 02-10, plus 2 调休 Saturdays.
        XCTAssertEqual(WorkingCalendar(horizon: h).workingDays.count, 15 - 6 - 1 + 2)
    }

    func testAUsersCalendarFileIsNamedByPathRelativeToTheScenario() throws {
        let folder = ScenarioFolder()
        try FileManager.default.createDirectory(atPath: folder.shown("calendars"), withIntermediateDirectories: true)
        folder.write("calendars/local.yaml", """
            name: 本街道
            holidays:
              - 2026-11-24..2026-11-25   # 街道运动会
            extra_workdays: [2026-11-28]
            """)
        let r = folder.load(scenario(replacing: "  days: 7\n", with: "  days: 7\n  calendar: calendars/local.yaml\n"))
        assertFindings(r, [])
        let h = try XCTUnwrap(r.scenario?.horizon)
        XCTAssertEqual(h.holidays, ["2026-11-24", "2026-11-25"].map(d))
        XCTAssertEqual(h.extraWorkdays, ["2026-11-28"].map(d))
    }

    func testAMistakeInAUsersCalendarIsReportedInItsFileAndAtTheScenarioField() {
        let folder = ScenarioFolder()
        folder.write("local.yaml", "holidays:\n  - 2026-11-25..2026-11-24\nextra_workdays: [2026-11-28]\n")
        let r = folder.load(scenario(replacing: "  days: 7\n", with: "  days: 7\n  calendar: local.yaml\n"))
        assertFindings(r, [
            "\(folder.shown("local.yaml")):2:5: error: malformed date range '2026-11-25..2026-11-24' in 'holidays' of calendar; expected YYYY-MM-DD..YYYY-MM-DD",
            "scenario.yaml:5:13: error: calendar file 'local.yaml' has errors",
        ])
    }

    func testAMissingCalendarFileIsReportedAtTheScenarioField() {
        let folder = ScenarioFolder()
        let r = folder.load(scenario(replacing: "  days: 7\n", with: "  days: 7\n  calendar: nowhere.yaml\n"))
        assertFindings(r, [
            "scenario.yaml:5:13: error: cannot read file '\(folder.shown("nowhere.yaml"))': no such file",
            "scenario.yaml:5:13: error: calendar file 'nowhere.yaml' has errors",
        ])
    }

    func testADateThatIsBothAHolidayAndAnExtraWorkdayIsAnError() {
        let r = load(scenario(replacing: "  days: 7\n", with: "  days: 7\n  holidays: [2026-11-28]\n  extra_workdays: [2026-11-28]\n"))
        assertFindings(r, ["scenario.yaml:6:19: error: date 2026-11-28 of horizon is both a holiday and an extra workday"])
    }

    func testLoadingACalendarFileByItsPublicAPI() throws {
        let folder = ScenarioFolder()
        folder.write("c.yaml", "name: x\ntitle: y\nholidays: [2026-01-01]\nextra_workdays: []\nextra: 1\n")
        let bad = HolidayCalendar.load(path: folder.shown("c.yaml"))
        XCTAssertNil(bad.calendar)
        XCTAssertEqual(bad.diagnostics.map(\.description),
                       ["\(folder.shown("c.yaml")):5:1: error: unknown field 'extra' in calendar"])
        folder.write("c.yaml", "name: x\ntitle: y\nholidays: [2026-01-01]\nextra_workdays: []\n")
        let good = HolidayCalendar.load(path: folder.shown("c.yaml"))
        XCTAssertEqual(good.calendar, HolidayCalendar(name: "x", title: "y", holidays: [d("2026-01-01")], extraWorkdays: []))
        XCTAssertEqual(good.diagnostics, [])
    }
}

extension LoadingCalendarTests {
    func testAnUnknownCalendarIsReportedEvenWhenTheHorizonDatesAreWrong() {
        let yaml = scenario(replacing: "  days: 7\n", with: "  days: 0\n  calendar: cn2026\n")
        assertFindings(load(yaml), [
            "scenario.yaml:4:9: error: 'days' of horizon must be within 1...62, not 0",
            "scenario.yaml:5:13: error: unknown calendar 'cn2026'; known presets: cn-2025, cn-2026 (or name a calendar file by path)",
        ])
    }
}

extension LoadingCalendarTests {
    func testAHorizonAcrossNewYearTakesTwoCalendars() throws {
        let yaml = scenario(replacing: "  start: 2026-11-23\n  days: 7\n",
                            with: "  start: 2025-12-29\n  days: 14\n  calendar: [cn-2025, cn-2026]\n")
        let r = load(yaml)
        assertFindings(r, [])
        let h = try XCTUnwrap(r.scenario?.horizon)
        XCTAssertEqual(h.calendar, "cn-2025, cn-2026", "kept in a form that reads back the same")
        XCTAssertEqual(h.holidays, ["2026-01-01", "2026-01-02", "2026-01-03"].map(d))
        XCTAssertEqual(h.extraWorkdays, ["2026-01-04"].map(d))
        let again = load(scenario(replacing: "calendar: [cn-2025, cn-2026]", with: "calendar: \"cn-2025, cn-2026\"", in: yaml))
        XCTAssertEqual(again.scenario?.horizon, h)
    }
}
