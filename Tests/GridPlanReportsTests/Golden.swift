import Foundation
import XCTest

/// Golden files under `Tests/GridPlanReportsTests/Golden/`. Run with `GRIDPLAN_RECORD=1` to re-record
/// them (written into the source tree), then review the change with `git diff`; the next
/// `swift test` (with a build) copies them into the test bundle.
enum Golden {
    static var recording: Bool { ProcessInfo.processInfo.environment["GRIDPLAN_RECORD"] == "1" }

    /// The Golden folder in the source tree (for recording).
    static var sourceFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// The Golden folder as copied into the test bundle (for reading).
    static var bundleFolder: URL {
        Bundle.module.url(forResource: "Golden", withExtension: nil) ?? sourceFolder
    }

    /// Compares `actual` with the golden file at `path`, or records it when `GRIDPLAN_RECORD=1`.
    static func assertMatches(_ actual: Data, _ path: String, file: StaticString = #filePath, line: UInt = #line) {
        if recording {
            let url = sourceFolder.appendingPathComponent(path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: url)
            } catch {
                XCTFail("cannot record golden \(path): \(error)", file: file, line: line)
            }
            return
        }
        guard let expected = try? Data(contentsOf: bundleFolder.appendingPathComponent(path)) else {
            XCTFail("missing golden file \(path); record it with GRIDPLAN_RECORD=1 swift test --filter GridPlanReportsTests",
                    file: file, line: line)
            return
        }
        guard expected != actual else { return }
        XCTFail("\(path) differs from its golden file: \(firstDifference(expected, actual))\n"
                + "if the change is intended, re-record with GRIDPLAN_RECORD=1 swift test --filter GridPlanReportsTests "
                + "and review `git diff Tests/GridPlanReportsTests/Golden`", file: file, line: line)
    }

    /// Where two texts first differ, as `line N, column C: expected «…» got «…»` around that column.
    static func firstDifference(_ a: Data, _ b: Data) -> String {
        let la = String(decoding: a, as: UTF8.self).components(separatedBy: "\n")
        let lb = String(decoding: b, as: UTF8.self).components(separatedBy: "\n")
        for i in 0..<max(la.count, lb.count) {
            let x = i < la.count ? la[i] : "<end of file>", y = i < lb.count ? lb[i] : "<end of file>"
            if x != y {
                // Show the neighbourhood of the first differing character: report lines can be long.
                let xs = Array(x), ys = Array(y)
                var col = 0
                while col < xs.count, col < ys.count, xs[col] == ys[col] { col += 1 }
                func around(_ cs: [Character]) -> String {
                    String(cs[max(0, col - 60)..<min(cs.count, col + 60)])
                }
                return "line \(i + 1), column \(col + 1): expected «…\(around(xs))…» got «…\(around(ys))…»"
            }
        }
        return "same lines, different bytes (\(a.count) vs \(b.count))"
    }
}
