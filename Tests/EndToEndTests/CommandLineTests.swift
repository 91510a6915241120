import Foundation
import XCTest

/// The command-line surface: help, version, usage errors, and what bad input does to files.
final class CommandLineTests: XCTestCase {
    func testEverySubcommandHasHelp() throws {
        for command in ["validate", "plan", "check", "show", "compare", "record", "next", "replan", "generate",
                        "init", "bench"] {
            let r = try CommandRunner.run([command, "--help"])
            XCTAssertEqual(r.status, 0, "\(command) --help: \(r.stderr)")
            XCTAssertTrue(r.stdout.contains("USAGE: gridplan \(command)"), "\(command): \(r.stdout)")
            XCTAssertFalse(r.stdout.contains("under construction"), "\(command) is not finished")
        }
    }

    func testVersionIsPrinted() throws {
        let r = try CommandRunner.run(["--version"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.first?.isNumber ?? false, r.stdout)
    }

    func testUnknownOptionIsAUsageErrorWithStatus2() throws {
        let r = try CommandRunner.run(["plan", "--no-such-flag"])
        XCTAssertEqual(r.status, 2, r.stderr)
    }

    func testMissingScenarioFileIsReportedWithStatus2AndNoOutput() throws {
        let tmp = try CommandRunner.temporaryDirectory(self)
        let out = tmp.appendingPathComponent("out")
        let r = try CommandRunner.run(["plan", tmp.appendingPathComponent("nope.yaml").path, "--out", out.path])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("nope.yaml"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("plan.json").path))
    }

    func testAScenarioWithManyMistakesListsEveryOneAndPlansNothing() throws {
        let tmp = try CommandRunner.temporaryDirectory(self)
        let yaml = """
            name: broken
            horizon:
              start: 2026-13-01
              days: 90
              weekdays: [mon, tue, funday]
            places:
              - {id: OFFICE, name: Office, lat: 95.0, lon: 121.4}
            policies:
              - {category: elderly, every_days: 0, duration_min: 20}
              - {category: poor, every_days: 30, min_gap_days: 40, duration_min: -5}
            workers:
              - id: W1
                name: Li
                grids: [G1]
                start: NOWHERE
                shfit: ["08:30", "17:30"]
              - id: OFFICE
                name: Dup
                grids: [G1]
                start: OFFICE
                shift: ["17:30", "08:30"]
            households: households.csv

            """
        let csv = """
            id,name,grid,lat,lon,categories,window
            H1,Wang,G1,31.2,121.4,elderly,09:00-11:00
            H1,Zhang,G1,31.2,121.4,unknowncat,bad
            H3,Zhao,G1,abc,121.4,elderly,

            """
        let scenario = tmp.appendingPathComponent("scenario.yaml")
        try yaml.write(to: scenario, atomically: true, encoding: .utf8)
        try csv.write(to: tmp.appendingPathComponent("households.csv"), atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: scenario)

        let v = try CommandRunner.run(["validate", scenario.path])
        XCTAssertEqual(v.status, 2)
        let errors = v.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        XCTAssertGreaterThanOrEqual(errors.count, 12, v.stderr)
        for needle in ["scenario.yaml:3:", "scenario.yaml:4:", "funday", "shfit", "NOWHERE", "households.csv:3:",
                       "households.csv:4:", "unknowncat"] {
            XCTAssertTrue(v.stderr.contains(needle), "missing \(needle) in:\n\(v.stderr)")
        }

        let out = tmp.appendingPathComponent("out")
        let p = try CommandRunner.run(["plan", scenario.path, "--out", out.path])
        XCTAssertEqual(p.status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("plan.json").path))
        XCTAssertEqual(try Data(contentsOf: scenario), before, "the input must never be changed")
    }
}
