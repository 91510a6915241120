import Foundation
import XCTest

/// A generated scenario goes through the whole pipeline: generate → validate → plan → check.
final class GeneratedScenarioTests: XCTestCase {
    func testAGeneratedSmallDistrictPlansAndPassesCheck() throws {
        let tmp = try CommandRunner.temporaryDirectory(self)
        let dir = tmp.appendingPathComponent("district")
        let g = try CommandRunner.run(["generate", "--workers", "12", "--households-per-grid", "30", "--seed", "7",
                                       dir.path])
        XCTAssertEqual(g.status, 0, g.stderr)
        let scenario = dir.appendingPathComponent("scenario.yaml")
        XCTAssertEqual(try CommandRunner.run(["validate", scenario.path]).status, 0)
        let out = tmp.appendingPathComponent("out")
        let p = try CommandRunner.run(["plan", scenario.path, "--out", out.path, "--time-limit", "30"])
        XCTAssertEqual(p.status, 0, p.stderr)
        let c = try CommandRunner.run(["check", scenario.path, out.appendingPathComponent("plan.json").path])
        XCTAssertEqual(c.status, 0, c.stdout + c.stderr)
    }

    func testGenerateRefusesToOverwriteWithoutForce() throws {
        let tmp = try CommandRunner.temporaryDirectory(self)
        let dir = tmp.appendingPathComponent("d")
        XCTAssertEqual(try CommandRunner.run(["generate", "--workers", "2", "--households-per-grid", "5", dir.path]).status, 0)
        let again = try CommandRunner.run(["generate", "--workers", "2", "--households-per-grid", "5", dir.path])
        XCTAssertEqual(again.status, 2, again.stderr)
    }

    func testInitWritesAStarterScenarioThatValidates() throws {
        let tmp = try CommandRunner.temporaryDirectory(self)
        let dir = tmp.appendingPathComponent("start")
        let r = try CommandRunner.run(["init", dir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let v = try CommandRunner.run(["validate", dir.appendingPathComponent("scenario.yaml").path])
        XCTAssertEqual(v.status, 0, v.stderr)
    }
}
