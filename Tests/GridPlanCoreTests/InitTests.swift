import Foundation
import XCTest
@testable import GridPlanCore

/// `StarterScenario`: what `gridplan init` writes.
final class InitTests: XCTestCase {
    let start = CivilDate(year: 2026, month: 11, day: 23)!

    func tempFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gridplan-init-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func lines(_ url: URL) throws -> [String] {
        var text = try String(contentsOf: url, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.split(separator: "\n").map(String.init)
    }

    func test_init_writes_every_file_with_its_header_and_one_example_row() throws {
        let folder = try tempFolder()
        try StarterScenario.files(start: start).write(to: folder, overwrite: false)
        let expected = [
            "households.csv": ScenarioWriter.householdColumns.joined(separator: ","),
            "patrols.csv": ScenarioWriter.patrolColumns.joined(separator: ","),
            "visits.csv": "task,date,worker,result",
            "travel.csv": "from,to,minutes,km",
        ]
        for (name, header) in expected.sorted(by: { $0.key < $1.key }) {
            let l = try lines(folder.appendingPathComponent(name))
            XCTAssertEqual(l.count, 2, name)
            XCTAssertEqual(l.first, header, name)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("scenario.yaml").path))
    }

    func test_starter_scenario_loads_without_errors_or_warnings() throws {
        let folder = try tempFolder()
        try StarterScenario.files(start: start).write(to: folder, overwrite: false)
        let result = ScenarioLoader.load(path: folder.appendingPathComponent("scenario.yaml").path)
        XCTAssertEqual(result.errors.map(\.description), [])
        XCTAssertEqual(result.warnings.map(\.description), [])
        let s = try XCTUnwrap(result.scenario)
        XCTAssertEqual(s.households.map(\.id), ["H001"])
        XCTAssertEqual(s.patrols.map(\.id), ["P001"])
        XCTAssertEqual(s.history.map(\.task), ["H001"])
        XCTAssertEqual(s.travel.matrix, [TravelMatrixEntry(from: "OFFICE", to: "H001", minutes: 6, km: 0.4)])
        XCTAssertEqual(s.horizon.start, start)
        // The example history makes both tasks due in the example week, neither overdue on day one.
        let calendar = WorkingCalendar(horizon: s.horizon)
        for job in s.jobs() {
            XCTAssertTrue(job.dueRule.isDue(in: calendar), job.id)
        }
    }

    func test_every_setting_in_the_starter_yaml_is_explained_in_both_languages() {
        let yaml = StarterScenario.yaml(start: start)
        let keys = ["name:", "locale:", "start:", "days:", "weekdays:", "holidays:", "extra_workdays:", "speed_kmh:",
                    "detour_factor:", "matrix:", "every_days:", "min_gap_days:", "duration_min:", "priority:",
                    "workers_needed:", "grids:", "may_cover:", "shift:", "break:", "days_off:", "max_visits_per_day:",
                    "households:", "patrols:", "history:", "time_limit_s:", "mip_gap:"]
        let text = yaml.split(separator: "\n").map(String.init)
        for key in keys {
            guard let i = text.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key) }) else {
                XCTFail("\(key) missing")
                continue
            }
            // The explanation is on the line itself or on the comment lines just above it.
            var explained = text[i].contains("#") ? [text[i]] : []
            var j = i - 1
            while j >= 0, text[j].trimmingCharacters(in: .whitespaces).hasPrefix("#") { explained.append(text[j]); j -= 1 }
            let comment = explained.joined()
            XCTAssertTrue(comment.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(key) in Chinese")
            XCTAssertTrue(comment.range(of: "[A-Za-z]{2,} [A-Za-z]{2,}", options: .regularExpression) != nil,
                          "\(key) in English")
        }
    }

    func test_init_refuses_to_overwrite_and_leaves_existing_files_alone() throws {
        let folder = try tempFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let households = folder.appendingPathComponent("households.csv")
        try Data("id,name\nX1,mine\n".utf8).write(to: households)
        XCTAssertThrowsError(try StarterScenario.files(start: start).write(to: folder, overwrite: false)) {
            XCTAssertEqual($0 as? ScenarioFileSetError, .wouldOverwrite([households.path]))
        }
        XCTAssertEqual(try String(contentsOf: households, encoding: .utf8), "id,name\nX1,mine\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("scenario.yaml").path))
    }
}
