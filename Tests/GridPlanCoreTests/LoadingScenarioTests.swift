import Foundation
import XCTest
@testable import GridPlanCore

/// Clean scenarios load into the model with the spec's defaults and the optional extensions.
final class LoadingScenarioTests: XCTestCase {
    func testACleanInlineScenarioLoadsWithTheSpecDefaults() throws {
        let r = load(baseScenario)
        assertFindings(r, [])
        let s = try XCTUnwrap(r.scenario)
        XCTAssertEqual(s.name, "测试网格")
        XCTAssertEqual(s.locale, .zhHans)
        XCTAssertEqual(s.horizon, Horizon(start: CivilDate(year: 2026, month: 11, day: 23)!, days: 7))
        XCTAssertEqual(s.horizon.weekdays, [.mon, .tue, .wed, .thu, .fri])
        XCTAssertEqual(s.travel, TravelSettings(speedKmh: 4.5, detourFactor: 1.3, matrix: []))
        XCTAssertEqual(s.places, [Place(id: "OFFICE", name: "居委会", location: GeoPoint(lat: 31.2485, lon: 121.4056))])
        XCTAssertEqual(s.policies, [Policy(category: "独居老人", everyDays: 7, minGapDays: nil, durationMin: 20, priority: 3,
                                           skills: [], workersNeeded: 1, window: nil)])
        XCTAssertEqual(s.policies[0].effectiveMinGapDays, 3)
        let w = try XCTUnwrap(s.workers.first)
        XCTAssertEqual(w, Worker(id: "W01", name: "潘靚雨", grids: ["XH-09"], start: "OFFICE",
                                 shift: TimeWindow(8 * 60 + 30, 17 * 60 + 30), skills: ["elderly-care"]))
        XCTAssertEqual(w.end, "OFFICE", "end defaults to start")
        XCTAssertNil(w.weekdays)
        XCTAssertNil(w.breakTime)
        XCTAssertEqual(s.households, [Household(id: "H01", grid: "XH-09", location: GeoPoint(lat: 31.249, lon: 121.406),
                                                categories: ["独居老人"])])
        XCTAssertEqual(s.patrols, [Patrol(id: "P01", grid: "XH-09", location: GeoPoint(lat: 31.248, lon: 121.405),
                                          everyDays: 1, durationMin: 10)])
        XCTAssertEqual(s.history, [])
        XCTAssertEqual(s.weights, Weights())
        XCTAssertEqual(s.solver, SolverSettings())
        XCTAssertEqual(s.campaigns, [])
        XCTAssertEqual(s.source?.path, "scenario.yaml")
        XCTAssertEqual(s.source?.inputs, [InputFile(file: "scenario.yaml", sha256: SHA256Digest.hex(Array(baseScenario.utf8)))])
        XCTAssertEqual(s.source?.sha256,
                       SHA256Digest.hex(Array("\(SHA256Digest.hex(Array(baseScenario.utf8)))  scenario.yaml\n".utf8)))
        XCTAssertEqual(s.source?.sha256.count, 64)
        XCTAssertNil(s.source?.historyPath)
    }

    func testEveryOptionalFieldIsRead() throws {
        let yaml = """
            name: Full
            locale: en
            horizon:
              start: "2026-11-23"
              days: 14
              weekdays: [mon, tue, wed, thu, fri, sat]
              holidays: ["2026-11-27"]
              extra_workdays: [2026-11-29]
            travel: {speed_kmh: 5, detour_factor: 1.4}
            places:
              - {id: OFFICE, name: Office, lat: 31.2485, lon: 121.4056}
              - {id: HOME, lat: 31.25, lon: 121.41}
            policies:
              - category: elderly
                every_days: 7
                min_gap_days: 2
                duration_min: 25
                priority: 5
                skills: [care]
                workers_needed: 2
                window: ["09:00", "11:30"]
            workers:
              - id: W01
                name: Pan
                grids: [G1]
                may_cover: [G2]
                start: OFFICE
                end: HOME
                shift: ["08:30", "17:30"]
                break: "11:30-13:00"
                weekdays: [mon, wed, fri]
                days_off: [2026-11-26]
                max_visits_per_day: 8
                skills: [care]
                speed_kmh: 15
                phone: "138 0000 0000"
              - {id: W02, grids: [G2], start: OFFICE, shift: ["08:30", "17:30"], skills: [care]}
            households:
              - id: H1
                name: Li
                address: Block 3
                grid: G1
                lat: 31.249
                lon: 121.406
                categories: elderly
                preferred_worker: W01
                window: ["09:00", "10:00"]
                weekdays: [mon, fri]
                duration_min: 45
                last_visit: 2026-11-16
                phone: "139"
                notes: knock twice
            patrols:
              - {id: P1, name: Gate, grid: G2, lat: 31.248, lon: 121.405, every_days: 3, min_gap_days: 1,
                 duration_min: 10, window: "19:00-21:00", skills: [], priority: 2, last_visit: 2026-11-21, notes: night}
            weights: {lateness: 500, continuity: 20, balance: 0, travel: 2, level_tolerance_min: 45}
            solver: {time_limit_s: 12.5, mip_gap: 0.02}
            campaigns:
              - {name: 春节慰问, categories: [elderly], by: 2027-02-12, duration_min: 30}
            """
        let r = load(yaml)
        XCTAssertFalse(r.hasErrors, r.diagnostics.map(\.description).joined(separator: "\n"))
        let s = try XCTUnwrap(r.scenario)
        let d = { (t: String) in CivilDate(iso: t)! }
        XCTAssertEqual(s.locale, .en)
        XCTAssertEqual(s.horizon, Horizon(start: d("2026-11-23"), days: 14, weekdays: [.mon, .tue, .wed, .thu, .fri, .sat],
                                          holidays: [d("2026-11-27")], extraWorkdays: [d("2026-11-29")]))
        XCTAssertEqual(s.travel, TravelSettings(speedKmh: 5, detourFactor: 1.4))
        XCTAssertEqual(s.places.map(\.name), ["Office", "HOME"], "a place's name defaults to its id")
        XCTAssertEqual(s.policies, [Policy(category: "elderly", everyDays: 7, minGapDays: 2, durationMin: 25, priority: 5,
                                           skills: ["care"], workersNeeded: 2, window: TimeWindow(540, 690))])
        XCTAssertEqual(s.workers[0], Worker(
            id: "W01", name: "Pan", grids: ["G1"], mayCover: ["G2"], start: "OFFICE", end: "HOME",
            shift: TimeWindow(510, 1050), breakTime: TimeWindow(690, 780), weekdays: [.mon, .wed, .fri],
            daysOff: [d("2026-11-26")], maxVisitsPerDay: 8, skills: ["care"], speedKmh: 15, phone: "138 0000 0000"))
        XCTAssertEqual(s.workers[1].name, "W02", "a worker's name defaults to its id")
        XCTAssertEqual(s.households, [Household(
            id: "H1", name: "Li", address: "Block 3", grid: "G1", location: GeoPoint(lat: 31.249, lon: 121.406),
            categories: ["elderly"], preferredWorker: "W01", window: TimeWindow(540, 600), weekdays: [.mon, .fri],
            durationMin: 45, lastVisit: d("2026-11-16"), phone: "139", notes: "knock twice")])
        XCTAssertEqual(s.patrols, [Patrol(
            id: "P1", name: "Gate", grid: "G2", location: GeoPoint(lat: 31.248, lon: 121.405), everyDays: 3,
            minGapDays: 1, durationMin: 10, window: TimeWindow(1140, 1260), skills: [], priority: 2,
            lastVisit: d("2026-11-21"), notes: "night")])
        XCTAssertEqual(s.weights, Weights(lateness: 500, continuity: 20, balance: 0, travel: 2, levelToleranceMin: 45))
        XCTAssertEqual(s.solver, SolverSettings(timeLimitSeconds: 12.5, mipGap: 0.02))
        XCTAssertEqual(s.campaigns, [Campaign(name: "春节慰问", categories: ["elderly"], by: d("2027-02-12"), durationMin: 30)])
    }

    func testAScenarioOnDiskNamesItsCSVFilesBesideIt() throws {
        let folder = ScenarioFolder()
        folder.write("scenario.yaml", csvScenario + "history: visits.csv\n")
        folder.write("households.csv", "id,grid,lat,lon,categories,last_visit\nH01,XH-09,31.249,121.406,独居老人,2026-11-10\n")
        folder.write("visits.csv", "task,date,worker\nH01,2026-11-16,W01\n")
        let r = ScenarioLoader.load(path: folder.shown("scenario.yaml"))
        assertFindings(r, [])
        let s = try XCTUnwrap(r.scenario)
        XCTAssertEqual(s.source?.path, folder.shown("scenario.yaml"))
        XCTAssertEqual(s.source?.historyPath, folder.shown("visits.csv"))
        let bytes = Array(FileManager.default.contents(atPath: folder.shown("scenario.yaml"))!)
        let yaml = SHA256Digest.hex(bytes)
        let households = SHA256Digest.hex(Array(FileManager.default.contents(atPath: folder.shown("households.csv"))!))
        let visits = SHA256Digest.hex(Array(FileManager.default.contents(atPath: folder.shown("visits.csv"))!))
        XCTAssertEqual(s.source?.inputs.map(\.file).sorted(), ["households.csv", "scenario.yaml", "visits.csv"])
        XCTAssertEqual(s.source?.sha256, SHA256Digest.hex(Array(
            "\(households)  households.csv\n\(yaml)  scenario.yaml\n\(visits)  visits.csv\n".utf8)),
            "the digest covers every input, sorted by name")
        XCTAssertEqual(s.households.first?.lastVisit, CivilDate(iso: "2026-11-10"))
        XCTAssertEqual(s.jobs().first?.lastVisit, CivilDate(iso: "2026-11-16"), "the later of last_visit and history counts")
    }

    func testARelativeScenarioPathGivesRelativeCSVNames() {
        let folder = ScenarioFolder()
        folder.write("scenario.yaml", csvScenario)
        folder.write("households.csv", "id,grid,lat,lon,categories\nH01,XH-09,91,121.406,独居老人\n")
        let cwd = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(folder.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(cwd) }
        assertFindings(ScenarioLoader.load(path: "scenario.yaml"),
                       ["households.csv:2: error: column lat: latitude 91 of household 'H01' is outside -90...90"])
    }

    func testDiagnosticsAreSortedByFileLineAndColumn() {
        let yaml = scenario(replacing: "  days: 7", with: "  days: 70")
        let r = load(scenario(replacing: "every_days: 7", with: "every_days: 0", in: yaml))
        XCTAssertEqual(r.diagnostics.map { [$0.line ?? 0, $0.column ?? 0] }, [[4, 9], [9, 17]])
    }

    func testTheSameInputGivesTheSameDiagnostics() {
        let yaml = scenario(replacing: "start: OFFICE", with: "start: NOWHERE\n    grids: [X]\n    bad: 1")
        XCTAssertEqual(load(yaml).diagnostics, load(yaml).diagnostics)
    }
}
