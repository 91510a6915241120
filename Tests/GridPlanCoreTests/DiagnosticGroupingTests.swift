import XCTest
@testable import GridPlanCore

final class DiagnosticGroupingTests: XCTestCase {
    func warning(_ line: Int, _ message: String = "unknown result 'ok'", column: String? = "result") -> Diagnostic {
        Diagnostic(severity: .warning, file: "visits.csv", line: line, csvColumn: column, message: message)
    }

    func testRepeatedWarningsOfOneKindBecomeOneLineNamingTheRows() {
        let findings = (2...86).map { warning($0) }
        XCTAssertEqual(Diagnostic.grouped(findings).map(\.description),
                       ["visits.csv:2: warning: column result: unknown result 'ok' (85 rows: 2–86)"])
    }

    func testDifferentMessagesStaySeparateAndKeepTheirOrder() {
        let findings = [warning(2), warning(3, "unknown result 'yes'"), warning(4), warning(9), warning(7, "unknown result 'yes'")]
        XCTAssertEqual(Diagnostic.grouped(findings).map(\.description), [
            "visits.csv:2: warning: column result: unknown result 'ok' (3 rows: 2, 4, 9)",
            "visits.csv:3: warning: column result: unknown result 'yes'",
            "visits.csv:7: warning: column result: unknown result 'yes'",
        ])
    }

    func testTheRowsOwnRecordNameIsFoldedAndOtherNamesKeepKindsApart() {
        let findings = (2...6).map { warning($0, "unknown result '\($0 == 4 ? "yes" : "ok")' in history entry 'H\($0)'") }
        XCTAssertEqual(Diagnostic.grouped(findings).map(\.description), [
            "visits.csv:2: warning: column result: unknown result 'ok' in history entry '…' (4 rows: 2–3, 5–6)",
            "visits.csv:4: warning: column result: unknown result 'yes' in history entry 'H4'",
        ])
    }

    func testErrorsAreNeverFolded() {
        let errors = (2...5).map { Diagnostic(severity: .error, file: "h.csv", line: $0, message: "bad lat") }
        XCTAssertEqual(Diagnostic.grouped(errors), errors)
    }

    func testManyRangesAreShortened() {
        let findings = stride(from: 2, through: 40, by: 2).map { warning($0) }
        XCTAssertEqual(Diagnostic.grouped(findings).first?.message,
                       "unknown result 'ok' (20 rows: 2, 4, 6, 8, 10, … 40)")
    }
}
