import Foundation
import XCTest

/// The checker re-derives everything from the format text: its code never names the planner's rule
/// modules, nor the resolved scenario the planner shares with the reports and the cycle.
final class CheckerIndependenceTests: XCTestCase {
    static let plannerNames = ["ResolvedScenario", "TravelModel", "WorkingCalendar", "DueRule", "Eligibility",
                               "KPIs.compute", "KPIs.outcomes", ".jobs()", "CampaignDeliveries"]

    func testTheCheckersCodeNamesNoneOfThePlannersRuleModules() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/GridPlanCheck")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        XCTAssertFalse(files.isEmpty)
        for file in files.sorted() {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                // Code only: doc comments may say what the checker does not call.
                let code = line.range(of: "//").map { String(line[..<$0.lowerBound]) } ?? String(line)
                for name in Self.plannerNames where Self.names(code, name) {
                    XCTFail("\(file):\(n + 1) names \(name): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
    }

    /// Whether `code` names `name` (not as the end of a longer identifier: `SpecKPIs.compute` is the checker's).
    static func names(_ code: String, _ name: String) -> Bool {
        var rest = code[...]
        while let r = rest.range(of: name) {
            let before = r.lowerBound == code.startIndex ? nil : code[code.index(before: r.lowerBound)]
            if !(before.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false) { return true }
            rest = code[r.upperBound...]
        }
        return false
    }
}
