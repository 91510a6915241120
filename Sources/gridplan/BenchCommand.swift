import ArgumentParser
import Foundation
import GridPlanCore
import GridPlanSolver

extension GridPlan {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: "Solve public benchmark instances (Cordeau PVRP, Solomon VRPTW) with the routing engine.",
            discussion: """
                Each file is recognised by its content, solved, and checked by an independent checker \
                (every rule of the instance, cost recomputed from the routes). The time limit is turned \
                into a number of iterations from the instance's size at fixed rates, so a run does the \
                same work and gives the same result on any machine; the clock only stops a run that falls \
                far behind, and the row then says so. The best-known cost comes from a bks.csv beside the \
                files or in their parent folder.
                """)

        @Argument(help: "Benchmark instance files.")
        var files: [String]

        @Option(name: .long, help: "Seconds per instance (default 60 for PVRP, 30 for Solomon); sets the iteration budget.")
        var timeLimit: Double?

        @Option(name: .long, help: "Write DIR/<name>.sol in the literature's form.")
        var solutions: String?

        @Option(name: .long, help: "Seed of the search.")
        var seed: UInt64 = 1

        @Option(name: .long, help: "Search iterations per instance (default: computed from the instance's size and the time limit, so that a run does the same work on any machine; the time limit is then only a safety stop).")
        var iterations: Int?

        @Flag(name: .long, help: "Print JSON instead of a table.")
        var json = false

        struct Row: Codable {
            var instance: String
            var kind: String
            var cost: Double
            var bks: Double?
            var gapPercent: Double?
            var seconds: Double
            var valid: Bool
            var routes: Int
            var iterations: Int?
            /// The iteration budget was not used up: the time limit stopped the search (machine too slow or busy).
            var stoppedByClock: Bool
            var violations: [String]

            enum CodingKeys: String, CodingKey {
                case instance, kind, cost, bks
                case gapPercent = "gap_percent"
                case seconds, valid, routes, iterations
                case stoppedByClock = "stopped_by_clock"
                case violations
            }
        }

        func run() throws {
            var instances: [(String, BenchmarkInstance)] = []
            for f in files {
                do {
                    let instance = try BenchmarkInstance.read(contentsOf: f)
                    // Already in the 'PLACE: warning: message' form (file and line).
                    for w in instance.warnings { Console.write(w) }
                    instances.append((f, instance))
                } catch {
                    Console.failure(error, context: f)
                    throw ExitCode(2)
                }
            }
            if let dir = solutions {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            }
            var rows: [Row] = []
            if !json { print(header()) }
            for (path, instance) in instances {
                let limit = timeLimit ?? BenchmarkRunner.defaultTimeLimit(for: instance.kind)
                let clock = ContinuousClock()
                let began = clock.now
                let parameters = BenchmarkRunner.parameters(for: instance, timeLimitSeconds: limit, seed: seed, maxIterations: iterations)
                let solution = BenchmarkRunner.solve(instance, parameters: parameters)
                let elapsed = clock.now - began
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                let report = BenchmarkChecker.check(solution, for: instance)
                let bks = bestKnown(beside: path)[instance.name]
                let gap = bks.map { 100 * (report.cost - $0) / $0 }
                let row = Row(instance: instance.name, kind: instance.kind.rawValue, cost: report.cost, bks: bks,
                              gapPercent: gap, seconds: seconds, valid: report.isValid, routes: solution.routes.count,
                              iterations: solution.iterations,
                              stoppedByClock: (solution.iterations ?? 0) < (parameters.maxIterations ?? 0),
                              violations: report.violations)
                rows.append(row)
                if let dir = solutions {
                    let out = (dir as NSString).appendingPathComponent(
                        ((path as NSString).lastPathComponent as NSString).deletingPathExtension + ".sol")
                    try AtomicFile.replace(path: out, with: Data(solution.literatureText(for: instance).utf8))
                }
                if !json {
                    print(line(row))
                    for v in report.violations { Console.error("\(instance.name): \(v)", at: path) }
                }
            }
            if json {
                let enc = JSONEncoder()
                enc.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(data: try enc.encode(rows), encoding: .utf8)!)
            } else {
                let gaps = rows.compactMap(\.gapPercent)
                if gaps.count > 1 {
                    print(String(format: "mean gap %+.2f %% over %d instances", gaps.reduce(0, +) / Double(gaps.count), gaps.count))
                }
            }
            if rows.contains(where: { !$0.valid }) { throw ExitCode(1) }
        }

        func bestKnown(beside path: String) -> [String: Double] {
            let dir = (path as NSString).deletingLastPathComponent
            for d in [dir, (dir as NSString).deletingLastPathComponent] {
                let f = ((d.isEmpty ? "." : d) as NSString).appendingPathComponent("bks.csv")
                if FileManager.default.fileExists(atPath: f) { return BenchmarkRunner.readBestKnown(csvAt: f) }
            }
            return [:]
        }

        func header() -> String {
            "instance  kind         cost        BKS     gap %   seconds  valid  iterations"
        }

        func line(_ r: Row) -> String {
            let bks = r.bks.map { String(format: "%10.2f", $0) } ?? "         -"
            // Within half a hundredth of a percent of the BKS (which is itself rounded) prints +0.00.
        let gap = r.gapPercent.map { String(format: "%+8.2f", abs($0) < 0.005 ? 0 : $0) } ?? "       -"
            return r.instance.padding(toLength: 9, withPad: " ", startingAt: 0) + " "
                + r.kind.padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(format: "%10.2f", r.cost) + " " + bks + " " + gap + String(format: "%10.1f", r.seconds)
                + "  " + (r.valid ? "yes  " : "NO   ") + (r.iterations.map { String(format: "%11d", $0) } ?? "")
                + (r.stoppedByClock ? "  (time limit reached first)" : "")
        }
    }
}
