import Foundation
import XCTest
import GridPlanSolver

final class BenchTests: XCTestCase {
    static let dataDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("benchmarks/data")

    func instance(_ relative: String) throws -> BenchmarkInstance {
        try BenchmarkInstance.read(contentsOf: BenchTests.dataDir.appendingPathComponent(relative).path)
    }

    /// Two days, capacity 10, three customers on a line; customer 3 only on day 2, the others on either day.
    let tinyPVRP = """
        1 1 3 2
        0 10
        0 10
        0 0 0 0 0 0 0
        1 1 0 0 6 1 2 2 1
        2 2 0 0 6 1 2 2 1
        3 3 0 0 3 1 1 1
        """

    /// One day, two vehicles of capacity 10, windows.
    let tinySolomon = """
        TINY

        VEHICLE
        NUMBER     CAPACITY
          2         10

        CUSTOMER
        CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

            0      0          0          0          0       100          0
            1      3          4          5          0        10          1
            2      6          8          5          0        20          1
            3      0          5          4         10        15          1
        """

    func test_reader_reads_cordeau_p01() throws {
        let p = try instance("pvrp/p01.txt")
        XCTAssertEqual(p.kind, .pvrp)
        XCTAssertEqual(p.vehicles, 3)
        XCTAssertEqual(p.days, 2)
        XCTAssertEqual(p.nodes.count, 52)
        XCTAssertEqual(p.capacity, [160, 160])
        XCTAssertEqual(p.maxDuration, [.infinity, .infinity])
        XCTAssertEqual(p.nodes[1].x, 37)
        XCTAssertEqual(p.nodes[1].y, 52)
        XCTAssertEqual(p.nodes[1].demand, 7)
        // Pattern codes 1 and 2 over t = 2 days: 01 = day 2, 10 = day 1.
        XCTAssertEqual(p.nodes[1].patterns, [[1], [0]])
    }

    func test_reader_reads_five_day_patterns_of_p02() throws {
        let p = try instance("pvrp/p02.txt")
        XCTAssertEqual(p.days, 5)
        XCTAssertEqual(p.nodes.count, 51)
        for c in p.nodes.dropFirst() { XCTAssertFalse(c.patterns.isEmpty, "customer \(c.id)") }
    }

    func test_reader_reads_all_32_cordeau_files() throws {
        for k in 1...32 {
            let name = String(format: "p%02d", k)
            let p = try instance("pvrp/\(name).txt")
            XCTAssertEqual(p.kind, .pvrp, name)
            for c in p.nodes.dropFirst() { XCTAssertFalse(c.patterns.isEmpty, "\(name) customer \(c.id)") }
            XCTAssertEqual(p.warnings.isEmpty, name != "p11", "\(name): \(p.warnings)")
        }
    }

    func test_reader_takes_p11s_patterns_when_the_frequency_disagrees_and_warns_once() throws {
        let p = try instance("pvrp/p11.txt")
        XCTAssertEqual(p.nodes.count, 140)
        // Customer 131: frequency 0, five 1-day patterns 1 2 4 8 16 = days 5, 4, 3, 2, 1.
        XCTAssertEqual(p.nodes[131].patterns, [[4], [3], [2], [1], [0]])
        XCTAssertEqual(p.warnings.count, 1)
        XCTAssertTrue(p.warnings[0].contains("customer 131") && p.warnings[0].contains("frequency 0"), p.warnings[0])
        // The engine then serves it exactly once, and the checker agrees.
        let sol = BenchmarkRunner.solve(p, timeLimitSeconds: 120, seed: 1, maxIterations: 200)
        let report = BenchmarkChecker.check(sol, for: p)
        XCTAssertEqual(report.violations, [])
        XCTAssertEqual(sol.routes.filter { $0.customers.contains(131) }.count, 1)
    }

    func test_reader_warns_once_for_several_customers_and_still_rejects_real_errors() throws {
        let two = "1 1 2 2\n0 10\n0 10\n0 0 0 0 0 0 0\n1 1 0 0 1 0 2 2 1\n2 2 0 0 1 3 2 2 1\n"
        let p = try BenchmarkInstance.parse(two, name: "two")
        XCTAssertEqual(p.warnings.count, 1)
        XCTAssertTrue(p.warnings[0].contains("1 more"), p.warnings[0])
        // Patterns of different lengths, a code naming no day, a code beyond the period: errors on their line.
        for bad in ["1 1 1 2\n0 10\n0 10\n0 0 0 0 0 0 0\n1 1 0 0 1 1 2 3 1\n",
                    "1 1 1 2\n0 10\n0 10\n0 0 0 0 0 0 0\n1 1 0 0 1 1 1 0\n",
                    "1 1 1 2\n0 10\n0 10\n0 0 0 0 0 0 0\n1 1 0 0 1 1 1 4\n"] {
            XCTAssertThrowsError(try BenchmarkInstance.parse(bad, name: "bad")) { e in
                XCTAssertTrue("\(e)".contains(":5:"), "\(e)")
            }
        }
    }

    func test_reader_reads_time_windows_of_a_type_5_file() throws {
        // PVRPTW: lines end with `e l`; the depot's window closes the day.
        let text = "5 1 2 2\n0 100\n0 100\n0 0 0 0 0 0 0 0 50\n1 3 4 1 1 1 2 2 1 0 10\n2 6 8 1 1 1 2 2 1 20 30\n"
        let p = try BenchmarkInstance.parse(text, name: "tw")
        XCTAssertEqual(p.nodes[0].due, 50)
        XCTAssertEqual([p.nodes[2].ready, p.nodes[2].due], [20, 30])
        let sol = BenchmarkRunner.solve(p, timeLimitSeconds: 120, seed: 1, maxIterations: 100)
        XCTAssertEqual(BenchmarkChecker.check(sol, for: p).violations, [])
        // Customer 2 first: reached at 10, waits to 20, then 1 at 26 > its due 10.
        let late = BenchmarkSolution(routes: [BenchmarkRoute(day: 0, vehicle: 0, customers: [2, 1])])
        XCTAssertTrue(BenchmarkChecker.check(late, for: p).violations.contains { $0.contains("customer 1 starts") })
    }

    func test_reader_reads_a_pvrptw_file_with_a_five_number_header_and_annealing_solves_it() throws {
        // Cordeau's PVRPTW files as they circulate (benchmarks/data/pvrptw/): `type m n t d` with d = 1 depot,
        // the depot line `0 x y 0 0 0 0 0 1000` (no patterns, its window closing the day at 1000), customer
        // lines ending with their window `e l`. Here 2 vehicles, 3 customers, 2 days.
        let text = """
            5 2 3 2 1
            500 200
            500 200
              0  -10.442   19.999  0  0 0 0  0 1000
              1  -29.730   64.136  2 12 2 1 3 354 509
              2  -30.664    5.463  7  8 1 2 1 2 234 401
              3   51.642    5.469 21 16 1 2 1 2 411 573
            """
        let p = try BenchmarkInstance.parse(text, name: "pvrptw")
        XCTAssertEqual(p.kind, .pvrp)
        XCTAssertEqual(p.vehicles, 2)
        XCTAssertEqual(p.days, 2)
        XCTAssertEqual(p.nodes.count, 4)
        XCTAssertEqual(p.capacity, [200, 200])
        XCTAssertEqual(p.maxDuration, [500, 500])
        XCTAssertEqual(p.warnings, [])
        XCTAssertEqual([p.nodes[0].ready, p.nodes[0].due], [0, 1000])
        XCTAssertEqual(p.nodes[0].patterns, [])
        XCTAssertEqual([p.nodes[1].service, p.nodes[1].demand, p.nodes[1].ready, p.nodes[1].due], [2, 12, 354, 509])
        // Code 3 = 11: both days; codes 1 and 2 over t = 2: day 2 or day 1.
        XCTAssertEqual(p.nodes[1].patterns, [[0, 1]])
        XCTAssertEqual(p.nodes[3].patterns, [[1], [0]])
        XCTAssertEqual([p.nodes[3].ready, p.nodes[3].due], [411, 573])
        // Time windows: the annealing search (no genetic search), which spends exactly its iteration budget.
        var parameters = BenchmarkRunner.parameters(for: p, timeLimitSeconds: 60, seed: 1, maxIterations: 500)
        XCTAssertNil(parameters.genetic)
        parameters.timeLimitSeconds = 600
        let sol = BenchmarkRunner.solve(p, parameters: parameters)
        XCTAssertEqual(BenchmarkChecker.check(sol, for: p).violations, [])
        XCTAssertEqual(sol.iterations, 500)
        // The same family without windows (type 1) races the genetic search.
        XCTAssertNotNil(BenchmarkRunner.parameters(for: try instance("pvrp/p01.txt"), timeLimitSeconds: 60, seed: 1).genetic)
    }

    func test_reader_reads_the_bundled_pvrptw_files() throws {
        for (name, m, n) in [("pr01", 3, 48), ("pr03", 9, 144)] {
            let p = try instance("pvrptw/\(name).txt")
            XCTAssertEqual(p.kind, .pvrp, name)
            XCTAssertEqual([p.vehicles, p.days, p.nodes.count], [m, 4, n + 1], name)
            XCTAssertEqual(p.nodes[0].due, 1000, name)
            XCTAssertEqual(p.warnings, [], name)
            for c in p.nodes.dropFirst() {
                XCTAssertFalse(c.patterns.isEmpty, "\(name) customer \(c.id)")
                XCTAssertTrue(c.ready < c.due && c.due < 1000, "\(name) customer \(c.id)")
            }
        }
    }

    func test_penalised_load_search_returns_a_solution_within_capacity() throws {
        // p23 fills 87.5 % of the fleet's capacity on average: the search may overload routes on its way,
        // the solution it returns may not.
        let p = try instance("pvrp/p23.txt")
        let sol = BenchmarkRunner.solve(p, timeLimitSeconds: 300, seed: 2, maxIterations: 3_000)
        XCTAssertEqual(BenchmarkChecker.check(sol, for: p).violations, [])
        // The whole budget was spent (the clock did not stop it): work at least the budget.
        XCTAssertGreaterThanOrEqual(sol.iterations ?? 0, 3_000)
    }

    func test_population_search_keeps_a_duration_limit() throws {
        // p01 with D = 120 on both days (its best-known routes last at most 118.5): the crossover and the
        // penalised load never hand back a route longer than D.
        let url = BenchTests.dataDir.appendingPathComponent("pvrp/p01.txt")
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        lines[1] = "120 160"
        lines[2] = "120 160"
        let p = try BenchmarkInstance.parse(lines.joined(separator: "\n"), name: "p01-D120")
        XCTAssertEqual(p.maxDuration, [120, 120])
        let sol = BenchmarkRunner.solve(p, timeLimitSeconds: 300, seed: 1, maxIterations: 4_000)
        XCTAssertEqual(BenchmarkChecker.check(sol, for: p).violations, [])
    }

    func test_same_seed_and_iterations_give_the_same_solution() throws {
        let p = try instance("pvrp/p10.txt")
        let a = BenchmarkRunner.solve(p, timeLimitSeconds: 300, seed: 7, maxIterations: 2_000)
        let b = BenchmarkRunner.solve(p, timeLimitSeconds: 300, seed: 7, maxIterations: 2_000)
        XCTAssertEqual(a.routes, b.routes)
    }

    func test_reader_reads_solomon_c101_with_crlf_lines() throws {
        let s = try instance("solomon/C101.txt")
        XCTAssertEqual(s.kind, .solomon)
        XCTAssertEqual(s.name, "C101")
        XCTAssertEqual(s.vehicles, 25)
        XCTAssertEqual(s.capacity, [200])
        XCTAssertEqual(s.nodes.count, 101)
        XCTAssertEqual(s.nodes[0].due, 1236)
        let c1 = s.nodes[1]
        XCTAssertEqual([c1.x, c1.y, c1.demand, c1.ready, c1.due, c1.service], [45, 68, 10, 912, 967, 90])
    }

    func test_reader_rejects_a_truncated_cordeau_file_naming_the_line() {
        XCTAssertThrowsError(try BenchmarkInstance.parse("1 1 3 2\n0 10\n0 10\n0 0 0 0 0 0 0\n1 1 0 0 6 1 2 x 1\n", name: "bad")) { e in
            XCTAssertTrue("\(e)".contains(":5:"), "\(e)")
        }
    }

    func test_checker_accepts_a_valid_pvrp_solution_and_recomputes_its_cost() throws {
        let p = try BenchmarkInstance.parse(tinyPVRP, name: "tiny")
        let sol = BenchmarkSolution(routes: [BenchmarkRoute(day: 0, vehicle: 0, customers: [1]),
                                             BenchmarkRoute(day: 1, vehicle: 0, customers: [2, 3])])
        let report = BenchmarkChecker.check(sol, for: p)
        XCTAssertEqual(report.violations, [])
        XCTAssertEqual(report.cost, 2 + 6, accuracy: 1e-9)
    }

    func test_checker_rejects_a_wrong_pattern() throws {
        let p = try BenchmarkInstance.parse(tinyPVRP, name: "tiny")
        let sol = BenchmarkSolution(routes: [BenchmarkRoute(day: 0, vehicle: 0, customers: [1, 3]),
                                             BenchmarkRoute(day: 1, vehicle: 0, customers: [2])])
        XCTAssertTrue(BenchmarkChecker.check(sol, for: p).violations.contains { $0.contains("customer 3") && $0.contains("patterns") })
    }

    func test_checker_rejects_a_route_over_capacity() throws {
        let p = try BenchmarkInstance.parse(tinyPVRP, name: "tiny")
        let sol = BenchmarkSolution(routes: [BenchmarkRoute(day: 1, vehicle: 0, customers: [1, 2, 3])])
        XCTAssertTrue(BenchmarkChecker.check(sol, for: p).violations.contains { $0.contains("over capacity") })
    }

    func test_checker_rejects_a_late_arrival() throws {
        let s = try BenchmarkInstance.parse(tinySolomon, name: "tiny")
        // 0 → 2 (10) → 1: arrives at 10 + 1 + 5 = 16 > due 10.
        let late = BenchmarkSolution(routes: [BenchmarkRoute(day: 0, vehicle: 0, customers: [2, 1]),
                                              BenchmarkRoute(day: 0, vehicle: 1, customers: [3])])
        XCTAssertTrue(BenchmarkChecker.check(late, for: s).violations.contains { $0.contains("customer 1 starts") })
        let fine = BenchmarkSolution(routes: [BenchmarkRoute(day: 0, vehicle: 0, customers: [1, 2]),
                                              BenchmarkRoute(day: 0, vehicle: 1, customers: [3])])
        XCTAssertEqual(BenchmarkChecker.check(fine, for: s).violations, [])
    }

    func test_checker_rejects_an_unserved_customer_and_too_many_vehicles() throws {
        let s = try BenchmarkInstance.parse(tinySolomon, name: "tiny")
        let sol = BenchmarkSolution(routes: [BenchmarkRoute(day: 0, vehicle: 0, customers: [1]),
                                             BenchmarkRoute(day: 0, vehicle: 2, customers: [3])])
        let v = BenchmarkChecker.check(sol, for: s).violations
        XCTAssertTrue(v.contains { $0.contains("customer 2: not served") })
        XCTAssertTrue(v.contains { $0.contains("only 2 vehicles") })
    }

    func test_engine_solves_the_tiny_pvrp_to_its_optimum() throws {
        let p = try BenchmarkInstance.parse(tinyPVRP, name: "tiny")
        let sol = BenchmarkRunner.solve(p, timeLimitSeconds: 60, seed: 3, maxIterations: 200)
        let report = BenchmarkChecker.check(sol, for: p)
        XCTAssertEqual(report.violations, [])
        // Customer 3 must go on day 2; 1 and 2 (6 + 6 > 10) on different days; cheapest: 2 with 3 on day 2.
        XCTAssertEqual(report.cost, 8, accuracy: 1e-9)
    }

    func test_engine_gives_a_valid_solution_on_every_bundled_instance() throws {
        for f in ["pvrp/p01.txt", "pvrp/p03.txt", "solomon/C101.txt", "solomon/RC101.txt"] {
            let inst = try instance(f)
            let sol = BenchmarkRunner.solve(inst, timeLimitSeconds: 120, seed: 1, maxIterations: 300)
            let report = BenchmarkChecker.check(sol, for: inst)
            XCTAssertEqual(report.violations, [], f)
        }
    }

    func test_solution_text_has_the_literature_form() throws {
        let p = try BenchmarkInstance.parse(tinyPVRP, name: "tiny")
        let sol = BenchmarkSolution(routes: [BenchmarkRoute(day: 0, vehicle: 0, customers: [1]),
                                             BenchmarkRoute(day: 1, vehicle: 0, customers: [2, 3])])
        XCTAssertEqual(sol.literatureText(for: p), "8.00\n1 1 2.00 6 0 1 0\n2 1 6.00 9 0 2 3 0\n")
        let s = try BenchmarkInstance.parse(tinySolomon, name: "tiny")
        let ss = BenchmarkSolution(routes: [BenchmarkRoute(day: 0, vehicle: 0, customers: [1, 2]),
                                            BenchmarkRoute(day: 0, vehicle: 1, customers: [3])])
        XCTAssertEqual(ss.literatureText(for: s), "Route 1 : 1 2\nRoute 2 : 3\nCost 30.00\n")
    }
}
