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

    /// Fixing `a = 1` in max 5a + 4b + 3c + 2d s.t. 3a + 2b + 2c + d ≤ 4, a + d ≤ 1, a ≤ 1 leaves
    /// 2b + 2c + d ≤ 1 and d ≤ 0: nothing else fits, so the optimum is −5 (a alone), worked by hand.
    func testReducedFoldsFixedColumnsIntoTheRowsAndKeepsTheOptimum() throws {
        var m = LinearModel(name: "m")
        let a = m.addVariable("a", kind: .binary, cost: -5)
        let b = m.addVariable("b", kind: .binary, cost: -4)
        let c = m.addVariable("c", kind: .binary, cost: -3)
        let d = m.addVariable("d", kind: .binary, cost: -2)
        m.addRow("cap", [(a, 3), (b, 2), (c, 2), (d, 1)], .lessOrEqual, 4)
        m.addRow("one", [(a, 1), (d, 1)], .lessOrEqual, 1)
        m.addRow("only_a", [(a, 1)], .lessOrEqual, 1)
        let (sub, columns) = m.reduced(fixing: [(a, 1)])
        XCTAssertEqual(columns, [1, 2, 3])
        XCTAssertEqual(sub.variableCount, 3)
        XCTAssertEqual(sub.rowCount, 2, "the row on the fixed column alone is dropped")
        XCTAssertEqual(sub.objectiveConstant, -5)
        let r = try GLPKSolver.solve(sub, options: MIPOptions(mipGap: 0))
        XCTAssertEqual(r.objective, -5, accuracy: 1e-9)
        var full = [1.0, 0, 0, 0]
        for (k, col) in columns.enumerated() { full[col] = r.values[k] }
        XCTAssertEqual(full, [1, 0, 0, 0])
        XCTAssertEqual(m.objective(of: full), -5, accuracy: 1e-9)
        // The whole model with `a = 1` as a row has the same optimum.
        var whole = m
        whole.addRow("fix_a", [(a, 1)], .equal, 1)
        let kept = try GLPKSolver.solve(whole, options: MIPOptions(mipGap: 0))
        XCTAssertEqual(kept.objective, r.objective, accuracy: 1e-9)
    }
}
