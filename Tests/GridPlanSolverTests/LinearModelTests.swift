import XCTest
@testable import GridPlanSolver

final class LinearModelTests: XCTestCase {
    func testSanitiseReplacesSpacesControlsAndNonASCII() {
        XCTAssertEqual(LinearModel.sanitise("x[a b]"), "x[a_b]")
        XCTAssertEqual(LinearModel.sanitise("w\u{7}"), "w_")
        XCTAssertEqual(LinearModel.sanitise("网"), "u7F51")
        XCTAssertEqual(LinearModel.sanitise(""), "_")
        XCTAssertEqual(LinearModel.sanitise(String(repeating: "a", count: 300)).utf8.count, 255)
    }

    func testValidateRejectsLowerAboveUpper() {
        var m = LinearModel(name: "m")
        m.addVariable("x", kind: .continuous, lower: 2, upper: 1)
        XCTAssertThrowsError(try m.validate()) { e in
            XCTAssertTrue("\(e)".contains("lower bound 2.0 > upper bound 1.0"), "\(e)")
        }
    }

    func testValidateRejectsNaNCoefficient() {
        var m = LinearModel(name: "m")
        let x = m.addVariable("x", kind: .binary)
        m.addRow("r", [(x, .nan)], .lessOrEqual, 1)
        XCTAssertThrowsError(try m.validate()) { e in XCTAssertTrue("\(e)".contains("not finite"), "\(e)") }
    }

    func testValidateRejectsInfiniteRightHandSide() {
        var m = LinearModel(name: "m")
        let x = m.addVariable("x", kind: .binary)
        m.addRow("r", [(x, 1)], .lessOrEqual, .infinity)
        XCTAssertThrowsError(try m.validate())
    }

    func testValidateRejectsDuplicateEntryInRow() {
        var m = LinearModel(name: "m")
        let x = m.addVariable("x", kind: .binary)
        m.addRow("r", [(x, 1), (x, 2)], .lessOrEqual, 1)
        XCTAssertThrowsError(try m.validate()) { e in XCTAssertTrue("\(e)".contains("appears twice"), "\(e)") }
    }

    func testSolveThrowsInsteadOfAbortingOnInvalidModel() {
        var m = LinearModel(name: "m")
        m.addVariable("x", kind: .continuous, lower: .nan)
        XCTAssertThrowsError(try GLPKSolver.solve(m))
    }

    func testViolationsNameTheBrokenRow() {
        var m = LinearModel(name: "m")
        let x = m.addVariable("x", kind: .binary)
        let y = m.addVariable("y", kind: .binary)
        m.addRow("cap", [(x, 1), (y, 1)], .lessOrEqual, 1)
        XCTAssertEqual(m.violations(of: [1, 0]), [])
        XCTAssertEqual(m.violations(of: [1, 1]).count, 1)
        XCTAssertTrue(m.violations(of: [1, 1])[0].hasPrefix("cap:"))
        XCTAssertEqual(m.violations(of: [0.5, 0]).count, 1)
    }
}
