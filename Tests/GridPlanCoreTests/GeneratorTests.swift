import Foundation
import XCTest
@testable import GridPlanCore

/// `ScenarioGenerator`, `ScenarioWriter`, `ScenarioFileSet`, `LoadEstimate`, `SplitMix64`, and the shipped scenarios.
final class GeneratorTests: XCTestCase {
    static let small = GeneratorOptions(workers: 12, householdsPerGrid: 30, patrolsPerGrid: 5, seed: 42)

    func bytes(_ set: ScenarioFileSet) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: set.files.map { ($0.name, $0.contents) })
    }

    func tempFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gridplan-gen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    // MARK: Random numbers

    func test_splitmix64_gives_the_published_sequence_for_seed_zero() {
        var rng = SplitMix64(seed: 0)
        XCTAssertEqual(rng.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(rng.next(), 0x6E78_9E6A_A1B9_65F4)
    }

    func test_splitmix64_integers_stay_in_range() {
        var rng = SplitMix64(seed: 9)
        for _ in 0..<1000 {
            XCTAssertTrue((4...6).contains(rng.integer(in: 4...6)))
            let u = rng.unit()
            XCTAssertTrue(u >= 0 && u < 1)
        }
        XCTAssertEqual(rng.index(weightedBy: [0, 0, 1]), 2)
    }

    // MARK: Determinism

    func test_same_seed_gives_identical_bytes() {
        let a = ScenarioGenerator(options: Self.small).files()
        let b = ScenarioGenerator(options: Self.small).files()
        XCTAssertEqual(a.files.map(\.name), ["scenario.yaml", "households.csv", "patrols.csv", "visits.csv"])
        XCTAssertEqual(bytes(a), bytes(b))
    }

    func test_different_seed_gives_different_households_and_history() {
        var other = Self.small
        other.seed = 43
        let a = bytes(ScenarioGenerator(options: Self.small).files())
        let b = bytes(ScenarioGenerator(options: other).files())
        XCTAssertNotEqual(a["households.csv"], b["households.csv"])
        XCTAssertNotEqual(a["visits.csv"], b["visits.csv"])
    }

    // MARK: Sizes

    func test_sizes_follow_the_options() {
        let s = ScenarioGenerator(options: Self.small).scenario()
        XCTAssertEqual(s.households.count, 12 * 30)
        XCTAssertEqual(s.patrols.count, 12 * 5)
        let fullTime = s.workers.filter { $0.weekdays == nil }
        XCTAssertEqual(fullTime.count, 12)
        XCTAssertEqual(Set(fullTime.flatMap(\.grids)).count, 12, "one full-time worker per grid")
        XCTAssertFalse(s.workers.filter { $0.weekdays != nil }.isEmpty, "some part-time helpers")
        XCTAssertEqual(s.horizon.days, 7)
        XCTAssertEqual(s.horizon.start.iso, "2026-11-23")
    }

    func test_default_district_has_about_13000_households_and_2000_patrols() {
        let s = ScenarioGenerator(options: GeneratorOptions(workers: 240, householdsPerGrid: 54)).scenario()
        XCTAssertEqual(s.households.count, 12_960)
        XCTAssertEqual(s.patrols.count, 1_920)
        XCTAssertEqual(s.workers.filter { $0.weekdays == nil }.count, 240)
    }

    func test_communities_hold_four_to_six_grids() {
        for n in [4, 7, 11, 23, 240] {
            var rng = SplitMix64(seed: UInt64(n))
            let sizes = ScenarioGenerator.communitySizes(grids: n, rng: &rng)
            XCTAssertEqual(sizes.reduce(0, +), n, "grids \(n)")
            XCTAssertTrue(sizes.allSatisfy { (4...7).contains($0) }, "grids \(n): \(sizes)")
        }
        var rng = SplitMix64(seed: 1)
        XCTAssertEqual(ScenarioGenerator.communitySizes(grids: 2, rng: &rng), [2])
    }

    func test_options_problems_name_the_option() {
        XCTAssertEqual(GeneratorOptions(workers: 0, householdsPerGrid: 5).problems,
                       ["--workers must be at least 1, got 0"])
        XCTAssertEqual(GeneratorOptions(workers: 3, householdsPerGrid: 5, patrolsPerGrid: -1, days: 70).problems,
                       ["--patrols-per-grid must be at least 0, got -1", "--days must be in 1...62, got 70"])
        XCTAssertTrue(Self.small.problems.isEmpty)
    }

    // MARK: References

    func test_ids_are_unique_across_places_households_patrols_and_workers() {
        let s = ScenarioGenerator(options: Self.small).scenario()
        let ids = s.places.map(\.id) + s.households.map(\.id) + s.patrols.map(\.id) + s.workers.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count)
    }

    func test_every_reference_names_something_that_exists() {
        let s = ScenarioGenerator(options: Self.small).scenario()
        let places = Set(s.places.map(\.id))
        let workers = Set(s.workers.map(\.id))
        let tasks = Set(s.households.map(\.id) + s.patrols.map(\.id))
        let taskGrids = Set(s.households.map(\.grid) + s.patrols.map(\.grid))
        let categories = Set(s.policies.map(\.category))
        let skills = Set(s.workers.flatMap(\.skills))
        for w in s.workers {
            XCTAssertTrue(places.contains(w.start), "\(w.id) starts at \(w.start)")
            for g in w.grids + w.mayCover { XCTAssertTrue(taskGrids.contains(g), "\(w.id) names grid \(g)") }
        }
        for h in s.households {
            XCTAssertTrue(h.categories.allSatisfy(categories.contains), "\(h.id): \(h.categories)")
            XCTAssertTrue(s.workers.contains { $0.grids.contains(h.grid) }, "grid \(h.grid) has a worker")
        }
        for p in s.policies { XCTAssertTrue(p.skills.allSatisfy(skills.contains), p.category) }
        for e in s.history {
            XCTAssertTrue(tasks.contains(e.task), e.task)
            XCTAssertTrue(workers.contains(e.worker), e.worker)
            XCTAssertLessThan(e.date, s.horizon.start)
        }
    }

    func test_may_cover_stays_inside_the_workers_community() {
        let s = ScenarioGenerator(options: Self.small).scenario()
        func community(_ grid: String) -> Substring { grid.split(separator: "-")[0] }
        for w in s.workers {
            let own = community(w.grids[0])
            XCTAssertTrue(w.mayCover.allSatisfy { community($0) == own }, w.id)
            XCTAssertEqual(w.start, "\(own)-OFFICE")
        }
    }

    func test_pair_visits_have_two_skilled_workers_covering_their_grid() {
        let s = ScenarioGenerator(options: Self.small).scenario()
        let pairJobs = s.jobs().filter { $0.workersNeeded == 2 }
        XCTAssertFalse(pairJobs.isEmpty)
        for j in pairJobs {
            let able = s.workers.filter { w in w.covers(grid: j.grid) && j.skills.allSatisfy(w.skills.contains) }
            XCTAssertGreaterThanOrEqual(able.count, 2, j.id)
        }
    }

    func test_evening_households_have_an_evening_worker() {
        let s = ScenarioGenerator(options: Self.small).scenario()
        let evening = s.households.filter { $0.window != nil }
        XCTAssertFalse(evening.isEmpty)
        for h in evening {
            XCTAssertTrue(s.workers.contains { w in
                w.covers(grid: h.grid) && w.shift.intersection(h.window!) != nil
            }, h.id)
        }
    }

    // MARK: The week

    func test_nearly_every_task_has_a_last_visit_and_dues_spread_over_the_week() {
        let s = ScenarioGenerator(options: GeneratorOptions(workers: 30, householdsPerGrid: 54, seed: 5)).scenario()
        let jobs = s.jobs()
        let withLast = jobs.filter { $0.lastVisit != nil }.count
        XCTAssertGreaterThan(Double(withLast) / Double(jobs.count), 0.99)
        let calendar = WorkingCalendar(horizon: s.horizon)
        let workdays = calendar.workingDays
        var firstDue: [CivilDate: Int] = [:]
        for j in jobs where j.everyDays > 2 && j.dueRule.isDue(in: calendar) {
            firstDue[max(j.dueRule.firstDue(in: calendar), workdays[0]), default: 0] += 1
        }
        let total = firstDue.values.reduce(0, +)
        for d in workdays {
            let share = Double(firstDue[d] ?? 0) / Double(total)
            XCTAssertTrue((0.12...0.30).contains(share), "\(d): \(share)")
        }
    }

    func test_default_week_uses_70_to_80_percent_of_the_workers_time() {
        let s = ScenarioGenerator(options: GeneratorOptions(workers: 60, householdsPerGrid: 54, seed: 2)).scenario()
        let load = LoadEstimate(scenario: s)
        XCTAssertTrue((0.65...0.85).contains(load.utilisation), "utilisation \(load.utilisation)")
        XCTAssertLessThan(load.dueOnFirstDay, s.households.count + s.patrols.count)
    }

    func test_load_estimate_counts_the_fewest_visits_of_a_rule() {
        let start = CivilDate(year: 2026, month: 11, day: 23)!
        let cal = WorkingCalendar(horizon: Horizon(start: start, days: 7))
        // Weekly, last seen the Wednesday before: one visit by Wednesday.
        XCTAssertEqual(LoadEstimate.fewestVisits(rule: DueRule(everyDays: 7, minGapDays: 3,
                                                              lastVisit: start.adding(days: -5)),
                                                 allowed: { _ in true }, workdays: cal.workingDays), 1)
        // Daily: every working day.
        XCTAssertEqual(LoadEstimate.fewestVisits(rule: DueRule(everyDays: 1, minGapDays: 1,
                                                              lastVisit: start.adding(days: -3)),
                                                 allowed: { _ in true }, workdays: cal.workingDays), 5)
        // Monthly, seen a week ago: nothing this week.
        XCTAssertEqual(LoadEstimate.fewestVisits(rule: DueRule(everyDays: 30, minGapDays: 15,
                                                              lastVisit: start.adding(days: -7)),
                                                 allowed: { _ in true }, workdays: cal.workingDays), 0)
    }

    // MARK: Files

    func test_generated_scenario_loads_without_errors() throws {
        let folder = try tempFolder()
        try ScenarioGenerator(options: Self.small).files().write(to: folder, overwrite: false)
        let result = ScenarioLoader.load(path: folder.appendingPathComponent("scenario.yaml").path)
        XCTAssertEqual(result.errors.map(\.description), [])
        XCTAssertEqual(result.warnings.map(\.description), [])
        let s = try XCTUnwrap(result.scenario)
        let original = ScenarioGenerator(options: Self.small).scenario()
        // Read back, the scenario is the one generated (compared row by row to keep failures short).
        XCTAssertEqual(s.households.count, original.households.count)
        for (a, b) in zip(s.households, original.households) { XCTAssertEqual(a, b, b.id) }
        XCTAssertEqual(s.patrols.count, original.patrols.count)
        for (a, b) in zip(s.patrols, original.patrols) { XCTAssertEqual(a, b, b.id) }
        XCTAssertEqual(s.workers, original.workers)
        XCTAssertEqual(s.places, original.places)
        XCTAssertEqual(s.history, original.history)
        XCTAssertEqual(s.policies, original.policies)
    }

    func test_writing_refuses_to_overwrite_unless_allowed() throws {
        let folder = try tempFolder()
        let yaml = folder.appendingPathComponent("scenario.yaml")
        try Data("mine\n".utf8).write(to: yaml)
        let files = ScenarioGenerator(options: Self.small).files()
        XCTAssertThrowsError(try files.write(to: folder, overwrite: false)) { error in
            XCTAssertEqual(error as? ScenarioFileSetError, .wouldOverwrite([yaml.path]))
            XCTAssertEqual("\(error)", "refusing to overwrite existing file '\(yaml.path)'")
        }
        XCTAssertEqual(try String(contentsOf: yaml, encoding: .utf8), "mine\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("households.csv").path))
        try files.write(to: folder, overwrite: true)
        XCTAssertEqual(try Data(contentsOf: yaml), files.file(named: "scenario.yaml")!.contents)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "no temporary files left behind")
    }

    func test_writing_into_a_file_path_is_refused() throws {
        let folder = try tempFolder()
        let file = folder.appendingPathComponent("not-a-folder")
        try Data().write(to: file)
        XCTAssertThrowsError(try ScenarioGenerator(options: Self.small).files().write(to: file, overwrite: true)) {
            XCTAssertEqual($0 as? ScenarioFileSetError, .notAFolder(file.path))
        }
    }

    func test_csv_quotes_fields_with_commas_quotes_and_newlines() {
        let data = ScenarioWriter.csv(header: ["id", "notes"], rows: [["H1", "a,b"], ["H2", "say \"hi\""], ["H3", "x\ny"]])
        XCTAssertEqual(String(decoding: data, as: UTF8.self),
                       "id,notes\nH1,\"a,b\"\nH2,\"say \"\"hi\"\"\"\nH3,\"x\ny\"\n")
    }

    func test_yaml_scalars_are_quoted_and_numbers_plain() {
        XCTAssertEqual(ScenarioWriter.quoted("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"")
        XCTAssertEqual(ScenarioWriter.number(4.5), "4.5")
        XCTAssertEqual(ScenarioWriter.number(15), "15")
        XCTAssertEqual(ScenarioWriter.number(0.01), "0.01")
    }

    // MARK: Shipped scenarios

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func test_shipped_scenarios_load_without_errors_or_warnings() throws {
        for name in ["xinghe", "community", "community-en", "community-coldsnap"] {
            let path = Self.repositoryRoot.appendingPathComponent("scenarios/\(name)/scenario.yaml").path
            let result = ScenarioLoader.load(path: path)
            XCTAssertEqual(result.errors.map(\.description), [], name)
            XCTAssertEqual(result.warnings.map(\.description), [], name)
            XCTAssertNotNil(result.scenario, name)
        }
    }

    func test_shipped_community_week_fits_its_workers_with_slack() throws {
        let path = Self.repositoryRoot.appendingPathComponent("scenarios/community/scenario.yaml").path
        let s = try XCTUnwrap(ScenarioLoader.load(path: path).scenario)
        XCTAssertTrue((350...500).contains(s.households.count))
        XCTAssertEqual(s.patrols.count, 40)
        let load = LoadEstimate(scenario: s)
        XCTAssertTrue((0.6...0.8).contains(load.utilisation), "utilisation \(load.utilisation)")
        let en = try XCTUnwrap(ScenarioLoader.load(
            path: Self.repositoryRoot.appendingPathComponent("scenarios/community-en/scenario.yaml").path).scenario)
        XCTAssertEqual(en.households.map(\.id), s.households.map(\.id))
        XCTAssertEqual(en.jobs().map(\.everyDays), s.jobs().map(\.everyDays))
        XCTAssertEqual(LoadEstimate(scenario: en), load)
    }

    func shipped(_ name: String) throws -> Scenario {
        let path = Self.repositoryRoot.appendingPathComponent("scenarios/\(name)/scenario.yaml").path
        return try XCTUnwrap(ScenarioLoader.load(path: path).scenario, name)
    }

    func test_shipped_xinghe_is_one_worker_sixty_households_within_400_m() throws {
        let s = try shipped("xinghe")
        XCTAssertEqual(s.workers.count, 1)
        XCTAssertTrue((55...65).contains(s.households.count))
        XCTAssertEqual(s.patrols.count, 12)
        XCTAssertEqual(Set(s.households.flatMap(\.categories)).count, 8)
        XCTAssertTrue(s.policies.allSatisfy { $0.workersNeeded == 1 }, "one worker cannot make pair visits")
        let centre = GeoPoint(lat: 31.2485, lon: 121.4056)
        for p in s.households.map(\.location) + s.patrols.map(\.location) {
            XCTAssertLessThan(TravelModel.greatCircleKm(centre, p), 0.4)
        }
        let raw = try Data(contentsOf: Self.repositoryRoot.appendingPathComponent("scenarios/xinghe/households.csv"))
        XCTAssertEqual(Array(raw.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 with a byte-order mark")
        let jobs = s.jobs()
        XCTAssertEqual(jobs.filter { $0.lastVisit == nil }.map(\.id), ["XH-H037"], "only the new applicant has no history")
        XCTAssertLessThan(LoadEstimate(scenario: s).utilisation, 0.8)
    }

    func test_shipped_community_has_what_it_promises() throws {
        let s = try shipped("community")
        // A week with a 调休 Saturday after the Spring Festival.
        XCTAssertEqual(s.horizon.holidays.map(\.iso), ["2026-02-23"])
        XCTAssertEqual(s.horizon.extraWorkdays.map(\.iso), ["2026-02-28"])
        XCTAssertEqual(s.horizon.extraWorkdays.first?.weekday, .sat)
        XCTAssertEqual(Set(s.households.map(\.grid)).count, 5)
        // Five full-time workers, a part-time helper with own weekdays, one on leave two days.
        XCTAssertEqual(s.workers.filter { $0.weekdays == nil }.count, 5)
        XCTAssertEqual(s.workers.filter { $0.weekdays != nil }.count, 1)
        XCTAssertEqual(s.workers.map(\.daysOff.count).filter { $0 > 0 }, [2])
        // Pair visits for key persons, with enough skilled workers covering every grid.
        let pairs = s.jobs().filter { $0.workersNeeded == 2 }
        XCTAssertFalse(pairs.isEmpty)
        for j in pairs {
            XCTAssertGreaterThanOrEqual(s.workers.filter { $0.covers(grid: j.grid) && j.skills.allSatisfy($0.skills.contains) }.count, 2)
        }
        // Evening households and a night patrol, each reachable by a worker whose shift covers it.
        let evening = s.households.filter { ($0.window?.start.minutes ?? 0) >= 18 * 60 }
        let night = s.patrols.filter { ($0.window?.start.minutes ?? 0) >= 19 * 60 }
        XCTAssertGreaterThanOrEqual(evening.count, 10)
        XCTAssertEqual(night.count, 1)
        for (grid, window) in evening.map({ ($0.grid, $0.window!) }) + night.map({ ($0.grid, $0.window!) }) {
            XCTAssertTrue(s.workers.contains { $0.covers(grid: grid) && $0.shift.end >= window.start
                && $0.shift.start <= window.start }, grid)
        }
        // GB18030 on disk, with a quoted field holding a comma.
        let raw = try Data(contentsOf: Self.repositoryRoot.appendingPathComponent("scenarios/community/households.csv"))
        XCTAssertNil(String(data: raw, encoding: .utf8), "GB18030, not UTF-8")
        XCTAssertTrue(s.households.contains { $0.notes.contains(",") })
        // Nearly every task has a last visit (the new 低保 households have none).
        XCTAssertEqual(s.jobs().filter { $0.lastVisit == nil }.count, 5)
    }

    func test_shipped_cold_snap_changes_only_the_elderly_rhythm() throws {
        let base = try shipped("community")
        let cold = try shipped("community-coldsnap")
        XCTAssertEqual(cold.households, base.households)
        XCTAssertEqual(cold.patrols, base.patrols)
        XCTAssertEqual(cold.workers, base.workers)
        for (a, b) in zip(cold.policies, base.policies) {
            if ["独居老人", "空巢老人"].contains(a.category) {
                XCTAssertEqual(a.everyDays, 3, a.category)
            } else {
                XCTAssertEqual(a, b)
            }
        }
        XCTAssertGreaterThan(LoadEstimate(scenario: cold).visits, LoadEstimate(scenario: base).visits)
    }
}
