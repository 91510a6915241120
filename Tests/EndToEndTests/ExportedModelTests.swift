import Foundation
import XCTest

/// `gridplan plan --write-lp` exports the model whose value plan.json reports: an independent solver
/// (glpsol, Debian's glpk-utils, installed by scripts/setup) solves it and must agree.
final class ExportedModelTests: XCTestCase {
    static let yaml = """
        name: 导出模型测试
        horizon: {start: 2026-11-23, days: 5}
        places:
          - {id: OFF, name: 居委会, lat: 31.2400, lon: 121.4000}
        policies:
          - {category: 独居老人, every_days: 7, min_gap_days: 3, duration_min: 30, priority: 5}
          - {category: 低保户, every_days: 30, duration_min: 20}
          - {category: 重点人员, every_days: 7, duration_min: 30, workers_needed: 2}
        workers:
          - {id: W01, name: 甲, grids: [G1], start: OFF, shift: ["08:30", "12:00"]}
          - {id: W02, name: 乙, grids: [G2], may_cover: [G1], start: OFF, shift: ["08:30", "12:00"], weekdays: [mon, wed, fri]}
        households:
          - {id: H1, grid: G1, lat: 31.2410, lon: 121.4000, categories: [独居老人], last_visit: 2026-11-17}
          - {id: H2, grid: G1, lat: 31.2420, lon: 121.4010, categories: [独居老人], last_visit: 2026-11-19}
          - {id: H3, grid: G1, lat: 31.2430, lon: 121.4020, categories: [低保户], last_visit: 2026-10-20}
          - {id: H4, grid: G1, lat: 31.2440, lon: 121.4030, categories: [重点人员], last_visit: 2026-11-18}
          - {id: H5, grid: G2, lat: 31.2450, lon: 121.4040, categories: [独居老人]}
          - {id: H6, grid: G1, lat: 31.2460, lon: 121.4050, categories: [独居老人, 低保户], last_visit: 2026-11-20}
        patrols:
          - {id: P1, grid: G1, lat: 31.2405, lon: 121.4005, every_days: 2, duration_min: 15}

        """

    func testGlpsolFindsTheSameOptimumAsPlanJsonClaims() throws {
        let glpsol = ["/usr/bin/glpsol", "/usr/local/bin/glpsol", "/opt/homebrew/bin/glpsol"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        let solver = try XCTUnwrap(glpsol, "glpsol is missing: scripts/setup installs glpk-utils")
        let dir = try CommandRunner.temporaryDirectory(self)
        try Self.yaml.write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        let r = try CommandRunner.run(["plan", "s.yaml", "--out", "out", "--mip-gap", "0", "--write-lp", "model.lp"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/plan.json")))
            as? [String: Any]
        let reported = try XCTUnwrap((plan?["solver"] as? [String: Any])?["objective"] as? Double)
        let status = try XCTUnwrap((plan?["solver"] as? [String: Any])?["status"] as? String)
        XCTAssertEqual(status, "optimal")

        let p = Process()
        p.executableURL = URL(fileURLWithPath: solver)
        p.arguments = ["--lp", "model.lp", "-o", "solution.txt"]
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let text = try String(contentsOf: dir.appendingPathComponent("solution.txt"), encoding: .utf8)
        XCTAssertTrue(text.contains("INTEGER OPTIMAL"), text.prefix(400).description)
        // "Objective:  obj = 123.4 (MINimum)"
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("Objective:") })
        let value = try XCTUnwrap(line.split(separator: "=").last?.split(separator: " ").first.flatMap { Double($0) })
        XCTAssertEqual(value, reported, accuracy: 1e-3 * max(1, abs(value)), "glpsol's optimum against plan.json's objective")
    }
}
