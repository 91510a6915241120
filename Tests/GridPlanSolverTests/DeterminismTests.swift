import GridPlanCore
import XCTest
@testable import GridPlanSolver

/// The same scenario and options give the same plan (apart from `solver.seconds`), and the thread
/// count does not change what is planned.
final class DeterminismTests: XCTestCase {
    /// Three communities of three workers, each covering its neighbours' grids; 60 households.
    static func communities() -> Scenario {
        var workers: [Worker] = [], households: [Household] = []
        for c in 0..<3 {
            for k in 0..<3 {
                let g = "C\(c)G\(k)"
                workers.append(Fixture.worker("W\(c)\(k)", grids: [g], mayCover: ["C\(c)G\((k + 1) % 3)"]))
                for h in 0..<7 {
                    let cat = h % 3 == 0 ? "monthly" : "weekly"
                    households.append(Fixture.household("H\(c)\(k)\(h)", category: cat, grid: g,
                                                        eastMeters: Double(100 * h + 40 * k + 700 * c),
                                                        lastVisit: Fixture.day(-(3 + (h * 5 + k) % 9))))
                }
            }
        }
        let monthly = Policy(category: "monthly", everyDays: 30, durationMin: 25, priority: 3)
        return Fixture.scenario(policies: [Fixture.weekly, monthly], workers: workers, households: households)
    }

    func normalised(_ p: GridPlanCore.Plan) throws -> Data {
        var q = p
        q.solver.seconds = 0
        return try q.jsonData()
    }

    func testPlanningTwiceGivesIdenticalJSON() throws {
        let s = DeterminismTests.communities()
        let a = try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 120))
        let b = try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 120))
        XCTAssertEqual(try normalised(a), try normalised(b))
        XCTAssertEqual(a.solver.parts?.count, 3)
    }

    func testThreadCountDoesNotChangeThePlan() throws {
        let s = DeterminismTests.communities()
        let one = try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 120, threads: 1))
        let three = try Planner.plan(s, options: PlanOptions(timeLimitSeconds: 120, threads: 3))
        XCTAssertEqual(try normalised(one), try normalised(three))
    }
}
