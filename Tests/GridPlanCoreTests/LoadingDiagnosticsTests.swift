import Foundation
import XCTest
@testable import GridPlanCore

/// A small valid scenario; each diagnostic test changes one thing in it. Line numbers matter:
/// the tests pin the line and column of every finding.
let baseScenario = """
name: 测试网格
horizon:
  start: 2026-11-23
  days: 7
places:
  - {id: OFFICE, name: 居委会, lat: 31.2485, lon: 121.4056}
policies:
  - category: 独居老人
    every_days: 7
    duration_min: 20
workers:
  - id: W01
    name: 潘靚雨
    grids: [XH-09]
    start: OFFICE
    shift: ["08:30", "17:30"]
    skills: [elderly-care]
households:
  - {id: H01, grid: XH-09, lat: 31.249, lon: 121.406, categories: [独居老人]}
patrols:
  - {id: P01, grid: XH-09, lat: 31.248, lon: 121.405, every_days: 1, duration_min: 10}

"""

/// A temporary folder for a scenario and its CSV files, removed when the test ends.
final class ScenarioFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "gridplan-loader-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ name: String, _ text: String) { write(name, bytes: Array(text.utf8)) }

    func write(_ name: String, bytes: [UInt8]) {
        precondition(FileManager.default.createFile(atPath: path + "/" + name, contents: Data(bytes)), "cannot write \(name)")
    }

    /// `path/name`, as diagnostics show a CSV file named `name` in the scenario.
    func shown(_ name: String) -> String { path + "/" + name }

    /// Loads `yaml` as `scenario.yaml` of this folder.
    func load(_ yaml: String) -> ScenarioLoadResult {
        ScenarioLoader.load(yaml: yaml, file: "scenario.yaml", baseDirectory: path)
    }
}

/// The base scenario with `old` (which must occur exactly once) replaced by `new`.
func scenario(replacing old: String, with new: String, in yaml: String = baseScenario,
              file: StaticString = #filePath, line: UInt = #line) -> String {
    XCTAssertEqual(yaml.components(separatedBy: old).count, 2, "'\(old)' must occur once", file: file, line: line)
    return yaml.replacingOccurrences(of: old, with: new)
}

func load(_ yaml: String) -> ScenarioLoadResult {
    ScenarioLoader.load(yaml: yaml, file: "scenario.yaml", baseDirectory: "")
}

/// Asserts that loading gives exactly these findings, in this order (as printed).
func assertFindings(_ result: ScenarioLoadResult, _ expected: [String],
                    file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(result.diagnostics.map(\.description), expected, file: file, line: line)
    XCTAssertEqual(result.scenario == nil, result.hasErrors, "scenario is nil exactly when there are errors",
                   file: file, line: line)
}

/// One test per diagnostic of the YAML file: message and exact line and column.
final class LoadingDiagnosticsTests: XCTestCase {
    func testTheBaseScenarioHasNoFinding() {
        assertFindings(load(baseScenario), [])
    }

    // MARK: Fields

    func testUnknownFieldIsReportedAtItsKeyWithASuggestion() {
        let r = load(scenario(replacing: "    skills: [elderly-care]", with: "    skills: [elderly-care]\n    phnoe: '1'"))
        assertFindings(r, ["scenario.yaml:18:5: error: unknown field 'phnoe' in worker 'W01'; did you mean 'phone'?"])
        XCTAssertEqual(r.diagnostics.first?.fieldPath, "workers[0].phnoe")
    }

    func testUnknownTopLevelFieldIsReported() {
        let r = load(scenario(replacing: "places:\n", with: "plaecs: []\nplaces:\n"))
        assertFindings(r, ["scenario.yaml:5:1: error: unknown field 'plaecs' in scenario; did you mean 'places'?"])
    }

    func testMissingRequiredFieldIsReportedAtItsRecord() {
        let r = load(scenario(replacing: "    shift: [\"08:30\", \"17:30\"]\n", with: ""))
        assertFindings(r, ["scenario.yaml:12:5: error: missing required field 'shift' in worker 'W01'"])
    }

    func testMissingScenarioNameIsReported() {
        let r = load(scenario(replacing: "name: 测试网格\n", with: ""))
        assertFindings(r, ["scenario.yaml:1:1: error: missing required field 'name' in scenario"])
    }

    func testMissingWorkersListIsReported() {
        let yaml = scenario(replacing: """
            workers:
              - id: W01
                name: 潘靚雨
                grids: [XH-09]
                start: OFFICE
                shift: ["08:30", "17:30"]
                skills: [elderly-care]

            """, with: "")
        let r = load(yaml)
        XCTAssertTrue(r.diagnostics.map(\.description).contains(
            "scenario.yaml:1:1: error: missing required field 'workers' in scenario"))
    }

    func testAListWhereAMappingIsExpectedIsReported() {
        let r = load(scenario(replacing: "horizon:\n  start: 2026-11-23\n  days: 7", with: "horizon: [2026-11-23, 7]"))
        assertFindings(r, ["scenario.yaml:2:10: error: 'horizon' of scenario must be a mapping"])
    }

    func testAMappingWhereAListIsExpectedIsReported() {
        let r = load(scenario(replacing: "places:\n  - {id: OFFICE, name: 居委会, lat: 31.2485, lon: 121.4056}",
                              with: "places: {id: OFFICE}"))
        XCTAssertEqual(r.errors.first?.description, "scenario.yaml:5:9: error: 'places' of scenario must be a list")
    }

    func testTextWhereANumberIsExpectedIsReported() {
        let r = load(scenario(replacing: "every_days: 7", with: "every_days: seven"))
        assertFindings(r, ["scenario.yaml:9:17: error: 'every_days' of policy '独居老人' must be a whole number, not 'seven'"])
    }

    func testUnknownLocaleIsReported() {
        let r = load(scenario(replacing: "name: 测试网格\n", with: "name: 测试网格\nlocale: fr\n"))
        assertFindings(r, ["scenario.yaml:2:9: error: unknown locale 'fr'; expected 'zh-Hans' or 'en'"])
    }

    func testDuplicateKeyInAMappingIsReported() {
        let r = load(scenario(replacing: "  days: 7\n", with: "  days: 7\n  days: 8\n"))
        XCTAssertEqual(r.errors.map(\.description), ["scenario.yaml:4:3: error: duplicate key 'days' in a mapping"])
    }

    // MARK: References

    func testUnknownCategoryOfAHouseholdIsReportedWithASuggestion() {
        let r = load(scenario(replacing: "categories: [独居老人]}", with: "categories: [独居老仁]}"))
        assertFindings(r, ["scenario.yaml:19:68: error: unknown category '独居老仁' in household 'H01'; did you mean '独居老人'?"])
    }

    func testUnknownGridInMayCoverIsReported() {
        let r = load(scenario(replacing: "grids: [XH-09]", with: "grids: [XH-09]\n    may_cover: [XH-90]"))
        assertFindings(r, ["scenario.yaml:15:17: error: unknown grid 'XH-90' in 'may_cover' of worker 'W01'; did you mean 'XH-09'?"])
    }

    func testUnknownPreferredWorkerIsReported() {
        let r = load(scenario(replacing: "categories: [独居老人]}", with: "categories: [独居老人], preferred_worker: W10}"))
        assertFindings(r, ["scenario.yaml:19:93: error: unknown worker 'W10' in 'preferred_worker' of household 'H01'; did you mean 'W01'?"])
    }

    func testUnknownStartPlaceIsReported() {
        let r = load(scenario(replacing: "start: OFFICE", with: "start: OFICE"))
        assertFindings(r, ["scenario.yaml:15:12: error: unknown place 'OFICE' in 'start' of worker 'W01'; did you mean 'OFFICE'?"])
    }

    func testUnknownEndPlaceIsReported() {
        let r = load(scenario(replacing: "start: OFFICE", with: "start: OFFICE\n    end: HOME"))
        assertFindings(r, ["scenario.yaml:16:10: error: unknown place 'HOME' in 'end' of worker 'W01'"])
    }

    func testDuplicateIdAcrossKindsIsReportedAtTheSecondUse() {
        let r = load(scenario(replacing: "{id: H01,", with: "{id: W01,"))
        assertFindings(r, ["scenario.yaml:19:10: error: duplicate id 'W01'; already used by the worker at scenario.yaml:12:9"])
    }

    func testDuplicatePolicyCategoryIsReported() {
        let r = load(scenario(replacing: "    duration_min: 20\n",
                              with: "    duration_min: 20\n  - {category: 独居老人, every_days: 30, duration_min: 20}\n"))
        assertFindings(r, ["scenario.yaml:11:16: error: duplicate policy for category '独居老人'; first at scenario.yaml:8:15"])
    }

    func testUnknownCategoryOfACampaignIsReported() {
        let r = load(baseScenario + "campaigns:\n  - {name: 春节慰问, categories: [困难党员], by: 2027-02-12, duration_min: 30}\n")
        assertFindings(r, ["scenario.yaml:23:31: error: unknown category '困难党员' in campaign '春节慰问'"])
    }

    // MARK: Values

    func testMalformedDateIsReported() {
        let r = load(scenario(replacing: "start: 2026-11-23", with: "start: 2026-11-31"))
        assertFindings(r, ["scenario.yaml:3:10: error: malformed date '2026-11-31' in 'start' of horizon; expected YYYY-MM-DD"])
    }

    func testMalformedDateInAListIsReportedAtTheItem() {
        let r = load(scenario(replacing: "  days: 7\n", with: "  days: 7\n  holidays: [2026-11-27, 11/28]\n"))
        assertFindings(r, ["scenario.yaml:5:26: error: malformed date '11/28' in 'holidays' of horizon; expected YYYY-MM-DD"])
    }

    func testMalformedTimeIsReportedAtTheTime() {
        let r = load(scenario(replacing: "shift: [\"08:30\", \"17:30\"]", with: "shift: [\"8h30\", \"17:30\"]"))
        assertFindings(r, ["scenario.yaml:16:13: error: malformed time '8h30' in 'shift' of worker 'W01'; expected HH:MM"])
    }

    func testUnknownWeekdayIsReportedWithASuggestion() {
        let r = load(scenario(replacing: "  days: 7\n", with: "  days: 7\n  weekdays: [mon, tues, wed]\n"))
        assertFindings(r, ["scenario.yaml:5:19: error: unknown weekday 'tues' in 'weekdays' of horizon; did you mean 'tue'?"])
    }

    func testMalformedWindowIsReported() {
        let r = load(scenario(replacing: "categories: [独居老人]}", with: "categories: [独居老人], window: 9-11}"))
        assertFindings(r, [#"scenario.yaml:19:83: error: malformed window '9-11' in 'window' of household 'H01'; expected ["HH:MM", "HH:MM"]"#])
    }

    func testWindowOfOneTimeIsReported() {
        let r = load(scenario(replacing: "    duration_min: 20\n", with: "    duration_min: 20\n    window: [\"09:00\"]\n"))
        assertFindings(r, [#"scenario.yaml:11:13: error: 'window' of policy '独居老人' must be two times, a start and an end; expected ["HH:MM", "HH:MM"]"#])
    }

    func testShiftThatEndsBeforeItStartsIsReported() {
        let r = load(scenario(replacing: "shift: [\"08:30\", \"17:30\"]", with: "shift: [\"17:30\", \"08:30\"]"))
        assertFindings(r, ["scenario.yaml:16:12: error: 'shift' of worker 'W01' must end after it starts (17:30-08:30)"])
    }

    func testBreakThatEndsWhenItStartsIsReported() {
        let r = load(scenario(replacing: "    skills: [elderly-care]", with: "    skills: [elderly-care]\n    break: [\"12:00\", \"12:00\"]"))
        assertFindings(r, ["scenario.yaml:18:12: error: 'break' of worker 'W01' must end after it starts (12:00-12:00)"])
    }

    func testBreakOutsideTheShiftIsReported() {
        let r = load(scenario(replacing: "    skills: [elderly-care]", with: "    skills: [elderly-care]\n    break: [\"17:00\", \"18:00\"]"))
        assertFindings(r, ["scenario.yaml:18:12: error: 'break' of worker 'W01' must lie inside its shift (08:30-17:30)"])
    }

    func testLatitudeOutOfRangeIsReported() {
        let r = load(scenario(replacing: "lat: 31.249,", with: "lat: 131.249,"))
        assertFindings(r, ["scenario.yaml:19:33: error: latitude 131.249 of household 'H01' is outside -90...90"])
    }

    func testLongitudeOutOfRangeIsReported() {
        let r = load(scenario(replacing: "lon: 121.4056}", with: "lon: 221.4056}"))
        assertFindings(r, ["scenario.yaml:6:48: error: longitude 221.4056 of place 'OFFICE' is outside -180...180"])
    }

    func testDurationThatIsNotPositiveIsReported() {
        let r = load(scenario(replacing: "duration_min: 20", with: "duration_min: 0"))
        assertFindings(r, ["scenario.yaml:10:19: error: 'duration_min' of policy '独居老人' must be at least 1, not 0"])
    }

    func testEveryDaysBelowOneIsReported() {
        let r = load(scenario(replacing: "every_days: 1,", with: "every_days: 0,"))
        assertFindings(r, ["scenario.yaml:21:67: error: 'every_days' of patrol 'P01' must be at least 1, not 0"])
    }

    func testMinGapDaysAboveEveryDaysIsReported() {
        let r = load(scenario(replacing: "every_days: 7\n", with: "every_days: 7\n    min_gap_days: 8\n"))
        assertFindings(r, ["scenario.yaml:10:19: error: 'min_gap_days' (8) of policy '独居老人' must not exceed 'every_days' (7)"])
    }

    func testPriorityOutsideOneToTenIsReported() {
        let r = load(scenario(replacing: "every_days: 7\n", with: "every_days: 7\n    priority: 11\n"))
        assertFindings(r, ["scenario.yaml:10:15: error: 'priority' of policy '独居老人' must be within 1...10, not 11"])
    }

    func testWorkersNeededBelowOneIsReported() {
        let r = load(scenario(replacing: "every_days: 7\n", with: "every_days: 7\n    workers_needed: 0\n"))
        assertFindings(r, ["scenario.yaml:10:21: error: 'workers_needed' of policy '独居老人' must be at least 1, not 0"])
    }

    func testHorizonDaysOutsideOneToSixtyTwoIsReported() {
        let r = load(scenario(replacing: "  days: 7", with: "  days: 63"))
        assertFindings(r, ["scenario.yaml:4:9: error: 'days' of horizon must be within 1...62, not 63"])
    }

    func testSpeedThatIsNotPositiveIsReported() {
        let r = load(scenario(replacing: "places:\n", with: "travel:\n  speed_kmh: 0\nplaces:\n"))
        assertFindings(r, ["scenario.yaml:6:14: error: 'speed_kmh' of travel must be positive, not 0"])
    }

    func testDetourFactorThatIsNotPositiveIsReported() {
        let r = load(scenario(replacing: "places:\n", with: "travel: {detour_factor: -1.5}\nplaces:\n"))
        assertFindings(r, ["scenario.yaml:5:25: error: 'detour_factor' of travel must be positive, not -1.5"])
    }

    func testWorkerSpeedThatIsNotPositiveIsReported() {
        let r = load(scenario(replacing: "    skills: [elderly-care]", with: "    skills: [elderly-care]\n    speed_kmh: 0"))
        assertFindings(r, ["scenario.yaml:18:16: error: 'speed_kmh' of worker 'W01' must be positive, not 0"])
    }

    func testNegativeWeightIsReported() {
        let r = load(baseScenario + "weights: {lateness: -1}\n")
        assertFindings(r, ["scenario.yaml:22:21: error: 'lateness' of weights must not be negative, not -1"])
    }

    func testSolverTimeLimitThatIsNotPositiveIsReported() {
        let r = load(baseScenario + "solver:\n  time_limit_s: 0\n")
        assertFindings(r, ["scenario.yaml:23:17: error: 'time_limit_s' of solver must be positive, not 0"])
    }

    func testEmptyCategoriesAreReported() {
        let r = load(scenario(replacing: "categories: [独居老人]}", with: "categories: []}"))
        assertFindings(r, ["scenario.yaml:19:67: error: 'categories' of household 'H01' must name at least one category"])
    }

    // MARK: Syntax

    func testYamlSyntaxErrorIsReportedWithTheParsersPlace() {
        let r = load(scenario(replacing: "  days: 7", with: "  days: [7"))
        XCTAssertEqual(r.diagnostics.count, 1)
        let d = try! XCTUnwrap(r.diagnostics.first)
        XCTAssertEqual(d.file, "scenario.yaml")
        XCTAssertEqual(d.line, 5)
        XCTAssertEqual(d.column, 7)
        XCTAssertEqual(d.message, "yaml syntax error: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 4)")
        XCTAssertNil(r.scenario)
    }

    func testTabInIndentationIsReportedAtTheTab() {
        let r = load(scenario(replacing: "  days: 7", with: " \tdays: 7"))
        assertFindings(r, ["scenario.yaml:4:2: error: tab in indentation; indent with spaces"])
    }

    func testTabInsideABlockScalarIsNotReported() {
        let r = load(scenario(replacing: "name: 测试网格", with: "name: |\n  测试\n  \tindented text"))
        XCTAssertFalse(r.hasErrors, r.diagnostics.map(\.description).joined(separator: "\n"))
    }

    func testEmptyFileIsReported() {
        assertFindings(load(""), ["scenario.yaml:1: error: file is empty"])
    }

    func testAScalarDocumentIsReported() {
        assertFindings(load("hello\n"), ["scenario.yaml:1:1: error: a scenario must be a mapping of fields such as 'name', 'horizon' and 'workers'"])
    }

    func testUnknownCalendarNamesTheKnownPresets() {
        let r = load(scenario(replacing: "  days: 7\n", with: "  days: 7\n  calendar: cn-2027\n"))
        assertFindings(r, ["scenario.yaml:5:13: error: unknown calendar 'cn-2027'; known presets: cn-2025, cn-2026 (or name a calendar file by path)"])
    }

    func testMissingFileIsReportedAtTheFieldThatNamesIt() {
        let r = load(scenario(replacing: "patrols:\n  - {id: P01, grid: XH-09, lat: 31.248, lon: 121.405, every_days: 1, duration_min: 10}",
                              with: "patrols: patrols.csv"))
        assertFindings(r, ["scenario.yaml:20:10: error: cannot read file 'patrols.csv': no such file"])
    }

    func testAFolderNamedAsAFileIsReported() {
        let folder = ScenarioFolder()
        try! FileManager.default.createDirectory(atPath: folder.shown("patrols.csv"), withIntermediateDirectories: true)
        let r = folder.load(scenario(replacing: "patrols:\n  - {id: P01, grid: XH-09, lat: 31.248, lon: 121.405, every_days: 1, duration_min: 10}",
                                     with: "patrols: patrols.csv"))
        assertFindings(r, ["scenario.yaml:20:10: error: cannot read file '\(folder.shown("patrols.csv"))': it is a folder"])
    }

    func testAFolderHoldingScenarioYamlLoadsAsThatFileAndAnEmptyFolderIsReported() {
        let folder = ScenarioFolder()
        folder.write("scenario.yaml", baseScenario)
        let fromFolder = ScenarioLoader.load(path: folder.path)
        let fromFile = ScenarioLoader.load(path: folder.shown("scenario.yaml"))
        XCTAssertFalse(fromFolder.hasErrors, "\(fromFolder.diagnostics)")
        XCTAssertEqual(fromFolder.scenario?.name, fromFile.scenario?.name)
        XCTAssertEqual(fromFolder.scenario?.households.count, fromFile.scenario?.households.count)
        XCTAssertEqual(fromFolder.scenario?.source?.path, folder.shown("scenario.yaml"))
        XCTAssertEqual(ScenarioLoader.load(path: folder.path + "/").scenario?.source?.path, folder.shown("scenario.yaml"))

        let empty = ScenarioFolder()
        assertFindings(ScenarioLoader.load(path: empty.path),
                       ["\(empty.path): error: cannot read scenario '\(empty.path)': it is a folder with no scenario.yaml file in it; "
                        + "name the scenario's YAML file"])
    }

    func testMissingScenarioFileIsReported() {
        let r = ScenarioLoader.load(path: "/nonexistent/scenario.yaml")
        assertFindings(r, ["/nonexistent/scenario.yaml: error: cannot read file '/nonexistent/scenario.yaml': no such file"])
    }
}

extension LoadingDiagnosticsTests {
    func testAMalformedWeightIsReportedOnce() {
        let r = load(baseScenario + "weights: {lateness: lots, travel: 2}\n")
        assertFindings(r, ["scenario.yaml:22:21: error: 'lateness' of weights must be a number, not 'lots'"])
    }

    func testWeightsThatAreGivenReplaceTheDefaultsOneByOne() {
        let r = load(baseScenario + "weights: {travel: 2}\n")
        XCTAssertEqual(r.scenario?.weights, Weights(lateness: 1000, continuity: 10, balance: 5, travel: 2))
    }
}

/// Shapes: a YAML value of the wrong kind is reported where it is.
extension LoadingDiagnosticsTests {
    func testAListWhereOneValueIsExpectedIsReported() {
        let r = load(scenario(replacing: "name: 测试网格", with: "name: [a, b]"))
        assertFindings(r, ["scenario.yaml:1:7: error: 'name' of scenario must be a single value, not a list"])
    }

    func testAnItemOfAListOfRecordsThatIsNotAMappingIsReported() {
        let r = load(scenario(replacing: "  - {id: P01,", with: "  - P00\n  - {id: P01,"))
        assertFindings(r, ["scenario.yaml:21:5: error: items of 'patrols' must be mappings (patrol #1 is not)"])
    }

    func testHouseholdsThatAreNeitherAFileNorAListAreReported() {
        let r = load(scenario(replacing: "households:\n  - {id: H01, grid: XH-09, lat: 31.249, lon: 121.406, categories: [独居老人]}",
                              with: "households: {path: households.csv}"))
        assertFindings(r, ["scenario.yaml:18:13: error: missing required field 'file' in 'households'",
                           "scenario.yaml:18:14: error: unknown field 'path' in 'households'"])
    }

    func testANestedListItemIsReported() {
        let r = load(scenario(replacing: "skills: [elderly-care]", with: "skills: [elderly-care, [first-aid]]"))
        assertFindings(r, ["scenario.yaml:17:28: error: items of 'skills' in worker 'W01' must be single values"])
    }

    func testAMappingWhereAListOfValuesIsExpectedIsReported() {
        let r = load(scenario(replacing: "grids: [XH-09]", with: "grids: {main: XH-09}"))
        assertFindings(r, ["scenario.yaml:14:12: error: 'grids' of worker 'W01' must be a list, not a mapping"])
    }

    func testANegativeVisitCapIsReported() {
        let r = load(scenario(replacing: "    skills: [elderly-care]", with: "    skills: [elderly-care]\n    max_visits_per_day: -1"))
        assertFindings(r, ["scenario.yaml:18:25: error: 'max_visits_per_day' of worker 'W01' must be at least 0, not -1"])
    }

    func testANegativeMipGapIsReported() {
        let r = load(baseScenario + "solver: {mip_gap: -0.5}\n")
        assertFindings(r, ["scenario.yaml:22:19: error: 'mip_gap' of solver must not be negative, not -0.5"])
    }

    func testAnUnknownFieldInACalendarFileIsReportedInThatFile() {
        let folder = ScenarioFolder()
        folder.write("c.yaml", "holidays: [2026-11-27]\nextra_workday: [2026-11-28]\n")
        let r = folder.load(scenario(replacing: "  days: 7\n", with: "  days: 7\n  calendar: c.yaml\n"))
        assertFindings(r, [
            "\(folder.shown("c.yaml")):2:1: error: unknown field 'extra_workday' in calendar; did you mean 'extra_workdays'?",
            "scenario.yaml:5:13: error: calendar file 'c.yaml' has errors",
        ])
    }
}

extension LoadingDiagnosticsTests {
    func testACommentEndingInABarDoesNotHideATab() {
        let r = load(scenario(replacing: "name: 测试网格", with: "name: 测试网格   # a | b |") .replacingOccurrences(of: "  days: 7", with: "  \tdays: 7"))
        XCTAssertEqual(r.errors.first?.description, "scenario.yaml:4:3: error: tab in indentation; indent with spaces")
    }
}

extension LoadingDiagnosticsTests {
    func testTabInIndentationIsFoundWithWindowsLineEndings() {
        let crlf = scenario(replacing: "  days: 7", with: "\tdays: 7").replacingOccurrences(of: "\n", with: "\r\n")
        assertFindings(load(crlf), ["scenario.yaml:4:1: error: tab in indentation; indent with spaces"])
    }
}
