import XCTest
@testable import GridPlanSolver

/// Small models with known optima, solved by GLPK through the linear-model layer.
final class GLPKTests: XCTestCase {
    /// Knapsack: values 10, 13, 7, 8; weights 5, 6, 3, 4; capacity 10. Items 2 and 4 weigh exactly 10
    /// and are worth 21; every other set that fits is worth less (2+3: 20, 1+4: 18, 1+3: 17).
    static func knapsack() -> (LinearModel, [VariableHandle]) {
        var m = LinearModel(name: "knapsack")
        let values = [10.0, 13, 7, 8], weights = [5.0, 6, 3, 4]
        let xs = values.indices.map { m.addVariable("take[\($0 + 1)]", kind: .binary, cost: -values[$0]) }
        m.addRow("weight", Array(zip(xs, weights)), .lessOrEqual, 10)
        return (m, xs)
    }

    func testKnapsackReachesKnownOptimum() throws {
        let (m, xs) = GLPKTests.knapsack()
        let r = try GLPKSolver.solve(m, options: MIPOptions(timeLimitSeconds: 10))
        XCTAssertEqual(r.status, .optimal)
        XCTAssertEqual(r.objective, -21, accuracy: 1e-9)
        XCTAssertEqual(xs.map { r.isOn($0) }, [false, true, false, true])
        XCTAssertEqual(r.gap, 0)
        XCTAssertEqual(r.bound, -21, accuracy: 1e-9)
    }

    /// 3 × 3 assignment with costs whose optimum (1→3, 2→1, 3→2) costs 1 + 2 + 3 = 6.
    func testAssignmentReachesKnownOptimumWithWarmStart() throws {
        let cost: [[Double]] = [[9, 7, 1], [2, 8, 9], [6, 3, 8]]
        var m = LinearModel(name: "assign")
        var x: [[VariableHandle]] = []
        for i in 0..<3 { x.append((0..<3).map { j in m.addVariable("x[\(i),\(j)]", kind: .binary, cost: cost[i][j]) }) }
        for i in 0..<3 { m.addRow("row[\(i)]", (0..<3).map { (x[i][$0], 1.0) }, .equal, 1) }
        for j in 0..<3 { m.addRow("col[\(j)]", (0..<3).map { (x[$0][j], 1.0) }, .equal, 1) }
        // Identity is feasible (cost 9 + 8 + 8 = 25) and is given as the start.
        var start = [Double](repeating: 0, count: 9)
        for i in 0..<3 { start[x[i][i].index] = 1 }
        let r = try GLPKSolver.solve(m, options: MIPOptions(timeLimitSeconds: 10, start: start))
        XCTAssertEqual(r.status, .optimal)
        XCTAssertEqual(r.objective, 6, accuracy: 1e-9)
        XCTAssertTrue(r.isOn(x[0][2]) && r.isOn(x[1][0]) && r.isOn(x[2][1]))
        XCTAssertNil(r.startRejection)
    }

    func testInfeasibleStartIsRejectedAndNotGivenToGLPK() throws {
        let (m, _) = GLPKTests.knapsack()
        let r = try GLPKSolver.solve(m, options: MIPOptions(timeLimitSeconds: 10, start: [1, 1, 1, 1]))
        XCTAssertNotNil(r.startRejection)
        XCTAssertFalse(r.startAccepted)
        XCTAssertEqual(r.objective, -21, accuracy: 1e-9)
    }

    func testInfeasibleModelIsReportedInfeasible() throws {
        var m = LinearModel(name: "infeasible")
        let x = m.addVariable("x", kind: .binary)
        let y = m.addVariable("y", kind: .binary)
        m.addRow("atLeastThree", [(x, 1), (y, 1)], .greaterOrEqual, 3)
        XCTAssertEqual(try GLPKSolver.solve(m).status, .infeasible)
        XCTAssertEqual(try GLPKSolver.solve(m, options: MIPOptions(presolve: false)).status, .infeasible)
    }

    func testObjectiveConstantIsAddedBack() throws {
        var (m, _) = GLPKTests.knapsack()
        m.objectiveConstant = 100
        let r = try GLPKSolver.solve(m)
        XCTAssertEqual(r.objective, 79, accuracy: 1e-9)
        XCTAssertEqual(r.bound, 79, accuracy: 1e-9)
    }

    /// A hard-ish multi-knapsack GLPK cannot close quickly: the 1 s limit must stop it well within 10 s,
    /// and whatever it returns must be honest (a bound no better than the incumbent).
    func testTimeLimitIsRespected() throws {
        var m = LinearModel(name: "hard")
        var rng = SplitMix(seed: 7)
        let n = 120, k = 6
        var xs: [[VariableHandle]] = []
        for i in 0..<n {
            xs.append((0..<k).map { b in m.addVariable("x[\(i),\(b)]", kind: .binary, cost: -Double(50 + rng.next() % 50)) })
        }
        for i in 0..<n { m.addRow("once[\(i)]", xs[i].map { ($0, 1.0) }, .lessOrEqual, 1) }
        for b in 0..<k {
            m.addRow("cap[\(b)]", (0..<n).map { (xs[$0][b], Double(30 + rng.next() % 70)) }, .lessOrEqual, 523)
        }
        let began = Date()
        let r = try GLPKSolver.solve(m, options: MIPOptions(timeLimitSeconds: 1, mipGap: 0))
        XCTAssertLessThan(Date().timeIntervalSince(began), 10)
        if r.status != .noSolution {
            XCTAssertLessThanOrEqual(r.bound, r.objective + 1e-6)
            XCTAssertEqual(m.violations(of: r.values), [])
        }
        XCTAssertTrue(r.status == .optimal || r.hitTimeLimit, "stopped without proof and without the limit")
    }

    func testNodeLimitStopsAtTheSamePointEveryTime() throws {
        var m = LinearModel(name: "hard")
        var rng = SplitMix(seed: 7)
        var xs: [[VariableHandle]] = []
        for i in 0..<120 {
            xs.append((0..<6).map { b in m.addVariable("x[\(i),\(b)]", kind: .binary, cost: -Double(50 + rng.next() % 50)) })
        }
        for i in 0..<120 { m.addRow("once[\(i)]", xs[i].map { ($0, 1.0) }, .lessOrEqual, 1) }
        for b in 0..<6 { m.addRow("cap[\(b)]", (0..<120).map { (xs[$0][b], Double(30 + rng.next() % 70)) }, .lessOrEqual, 523) }
        let zeros = [Double](repeating: 0, count: m.variableCount)
        let options = MIPOptions(timeLimitSeconds: 60, mipGap: 0, nodeLimit: 40, start: zeros)
        let a = try GLPKSolver.solve(m, options: options)
        let b = try GLPKSolver.solve(m, options: options)
        XCTAssertTrue(a.hitNodeLimit, "expected the node limit to stop a gap-0 solve of this model")
        XCTAssertGreaterThanOrEqual(a.nodes, 40)
        XCTAssertFalse(a.hitTimeLimit)
        XCTAssertEqual(a.values, b.values)
        XCTAssertEqual(a.bound, b.bound)
    }

    func testParallelSolvesGiveTheSameResultsAsSequential() throws {
        let models: [LinearModel] = (0..<12).map { seed in
            var rng = SplitMix(seed: UInt64(seed))
            var m = LinearModel(name: "gap\(seed)")
            var xs: [[VariableHandle]] = []
            for i in 0..<40 {
                xs.append((0..<3).map { b in m.addVariable("x[\(i),\(b)]", kind: .binary, cost: Double(rng.next() % 40)) })
            }
            for i in 0..<40 { m.addRow("one[\(i)]", xs[i].map { ($0, 1.0) }, .equal, 1) }
            for b in 0..<3 { m.addRow("cap[\(b)]", (0..<40).map { (xs[$0][b], Double(5 + rng.next() % 10)) }, .lessOrEqual, 150) }
            return m
        }
        let options = MIPOptions(timeLimitSeconds: 60, mipGap: 0, coverCuts: true, inParallel: true)
        let sequential = try models.map { try GLPKSolver.solve($0, options: options) }
        let parallel = SolveThreads.map(models, threads: 4) { m in try? GLPKSolver.solve(m, options: options) }
        for (s, p) in zip(sequential, parallel) {
            XCTAssertEqual(s.status, .optimal)
            XCTAssertEqual(p?.status, .optimal)
            XCTAssertEqual(p?.objective, s.objective)
            XCTAssertEqual(p?.values, s.values)
        }
    }

    func testWriteLPWritesNamedRowsAndColumns() throws {
        let (m, _) = GLPKTests.knapsack()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("knapsack-\(UUID()).lp").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try GLPKSolver.writeLP(m, to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("weight"), text)
        XCTAssertTrue(text.contains("take(2)"), text)  // GLPK writes brackets as parentheses
    }

    func testVersionIsFive() {
        XCTAssertTrue(GLPKSolver.version.hasPrefix("5."), GLPKSolver.version)
    }
}

/// A tiny deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
