import Foundation
import XCTest
@testable import GridPlanCore

/// Warnings: what will surely make tasks late. Each is paired with a case that is not warned.
final class LoadingWarningsTests: XCTestCase {
    func testAGridNoWorkerCoversIsAWarningAtTheFirstTaskInIt() throws {
        var yaml = scenario(replacing: "{id: H01, grid: XH-09,", with: "{id: H01, grid: XH-08,")
        yaml = scenario(replacing: "{id: P01, grid: XH-09,", with: "{id: P01, grid: XH-08,", in: yaml)
        let r = load(yaml)
        assertFindings(r, ["scenario.yaml:19:21: warning: no worker covers grid 'XH-08' of household 'H01' and 1 more task"])
        XCTAssertNotNil(r.scenario, "warnings still give a scenario")
    }

    func testAGridCoveredOnlyByMayCoverIsNotWarned() {
        var yaml = scenario(replacing: "{id: H01, grid: XH-09,", with: "{id: H01, grid: XH-08,")
        yaml = scenario(replacing: "grids: [XH-09]", with: "grids: [XH-09]\n    may_cover: [XH-08]", in: yaml)
        assertFindings(load(yaml), [])
    }

    func testASkillNoWorkerHasIsAWarningAtTheSkill() {
        let r = load(scenario(replacing: "    duration_min: 20\n", with: "    duration_min: 20\n    skills: [elderly-care, mental-health]\n"))
        assertFindings(r, ["scenario.yaml:11:28: warning: no worker has skill 'mental-health' needed by policy '独居老人'"])
    }

    func testASkillOfAPatrolNoWorkerHasIsAWarning() {
        let r = load(scenario(replacing: "duration_min: 10}", with: "duration_min: 10, skills: [electrician]}"))
        assertFindings(r, ["scenario.yaml:21:97: warning: no worker has skill 'electrician' needed by patrol 'P01'"])
    }

    func testASkillOnlyAWorkerOfAnotherGridHasIsAWarning() {
        let yaml = scenario(replacing: "    skills: [elderly-care]\n", with: """
                skills: [elderly-care]
              - {id: W02, grids: [XH-01], start: OFFICE, shift: ["08:30", "17:30"], skills: [mental-health]}

            """)
        let r = load(scenario(replacing: "    duration_min: 20\n", with: "    duration_min: 20\n    skills: [mental-health]\n", in: yaml))
        assertFindings(r, ["scenario.yaml:21:5: warning: no worker covering grid 'XH-09' has the skills household 'H01' needs (mental-health)"])
    }

    func testAWindowOutsideEveryShiftIsAWarningAtTheWindow() {
        let r = load(scenario(replacing: "categories: [独居老人]}", with: "categories: [独居老人], window: [\"19:00\", \"21:00\"]}"))
        assertFindings(r, ["scenario.yaml:19:83: warning: window 19:00-21:00 of household 'H01' lies outside the shift of every worker covering grid 'XH-09'"])
    }

    func testAWindowOverlappingAShiftByTheDurationIsNotWarned() {
        let r = load(scenario(replacing: "categories: [独居老人]}", with: "categories: [独居老人], window: [\"17:00\", \"21:00\"]}"))
        assertFindings(r, [])
    }

    func testAPolicyWindowInsideTheBreakIsAWarningAtTheHousehold() {
        var yaml = scenario(replacing: "    duration_min: 20\n", with: "    duration_min: 20\n    window: [\"12:00\", \"12:30\"]\n")
        yaml = scenario(replacing: "    skills: [elderly-care]", with: "    skills: [elderly-care]\n    break: [\"11:30\", \"13:00\"]", in: yaml)
        assertFindings(load(yaml), ["scenario.yaml:21:5: warning: window 12:00-12:30 of household 'H01' lies outside the shift of every worker covering grid 'XH-09'"])
    }

    func testWindowsThatShareNoMinuteAreAWarning() {
        var yaml = scenario(replacing: "    duration_min: 20\n", with: "    duration_min: 20\n    window: [\"09:00\", \"11:00\"]\n")
        yaml = scenario(replacing: "categories: [独居老人]}", with: "categories: [独居老人], window: [\"14:00\", \"16:00\"]}", in: yaml)
        assertFindings(load(yaml), ["scenario.yaml:20:83: warning: the windows of household 'H01' and of its categories share no minute"])
    }

    func testHouseholdWeekdaysNoCoveringWorkerWorksAreAWarning() {
        let r = load(scenario(replacing: "categories: [独居老人]}", with: "categories: [独居老人], weekdays: [sat, sun]}"))
        assertFindings(r, ["scenario.yaml:19:85: warning: no worker covering grid 'XH-09' works on the weekdays of household 'H01' (sat, sun) in the horizon"])
    }

    func testHouseholdWeekdaysMadeWorkableByAnExtraWorkdayAreNotWarned() {
        var yaml = scenario(replacing: "categories: [独居老人]}", with: "categories: [独居老人], weekdays: [sat, sun]}")
        yaml = scenario(replacing: "  days: 7\n", with: "  days: 7\n  extra_workdays: [2026-11-29]\n", in: yaml)
        assertFindings(load(yaml), [])
    }

    func testAWorkerWithNoWorkingDayInTheHorizonIsAWarning() {
        let r = load(scenario(replacing: "    skills: [elderly-care]", with: "    skills: [elderly-care]\n    days_off: [2026-11-23, 2026-11-24, 2026-11-25, 2026-11-26, 2026-11-27]"))
        XCTAssertEqual(r.diagnostics.first?.description, "scenario.yaml:12:5: warning: worker 'W01' has no working day in the horizon")
        XCTAssertFalse(r.hasErrors)
    }

    func testAPairVisitInAGridOneWorkerCoversIsAWarning() {
        let r = load(scenario(replacing: "    duration_min: 20\n", with: "    duration_min: 20\n    workers_needed: 2\n"))
        assertFindings(r, ["scenario.yaml:20:5: warning: household 'H01' needs 2 workers together but only 1 covers grid 'XH-09'"])
    }

    func testAWorkerWithAnErrorDoesNotMakeItsGridsLookUncovered() {
        let r = load(scenario(replacing: "shift: [\"08:30\", \"17:30\"]", with: "shift: [\"08:30\", \"8:00pm\"]"))
        assertFindings(r, ["scenario.yaml:16:22: error: malformed time '8:00pm' in 'shift' of worker 'W01'; expected HH:MM"])
    }
}
