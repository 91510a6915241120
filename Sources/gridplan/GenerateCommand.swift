import ArgumentParser
import Foundation
import GridPlanCore

extension GridPlan {
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Write a generated district scenario (for benchmarks and demonstrations).",
            discussion: """
                Writes OUT/scenario.yaml, households.csv, patrols.csv and visits.csv: a district of \
                streets and communities of 4-6 grids, one full-time worker per grid and an evening \
                part-time helper in every other community, with a visit history that spreads the \
                week's due dates. The same options give the same bytes. Example: \
                gridplan generate --workers 240 --households-per-grid 54 --patrols-per-grid 8 --seed 7 district/
                """
        )

        @Option(help: "Full-time grid workers, one per grid.")
        var workers: Int

        @Option(name: .customLong("households-per-grid"), help: "Special-population households per grid.")
        var householdsPerGrid: Int

        @Option(name: .customLong("patrols-per-grid"), help: "Patrol points per grid.")
        var patrolsPerGrid: Int = 8

        @Option(help: "Random seed: the same seed gives the same scenario.")
        var seed: UInt64 = 1

        @Option(help: "Days planned (1-62).")
        var days: Int = 7

        @Option(help: "First day planned, YYYY-MM-DD.")
        var start: String = "2026-11-23"

        @Flag(help: "Overwrite files that already exist in OUT.")
        var force = false

        @Argument(help: "Folder to write the scenario into (created when missing).")
        var out: String

        func run() throws {
            guard let startDate = CivilDate(iso: start) else {
                throw FileSetOutput.fail("--start must be a date YYYY-MM-DD, got '\(start)'")
            }
            let options = GeneratorOptions(workers: workers, householdsPerGrid: householdsPerGrid,
                                           patrolsPerGrid: patrolsPerGrid, seed: seed, days: days, start: startDate)
            if let problem = options.problems.first { throw FileSetOutput.fail(problem) }
            let generator = ScenarioGenerator(options: options)
            let scenario = generator.scenario()
            let files = ScenarioWriter(headerComment: generator.headerComment).files(for: scenario)
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            do {
                try files.write(to: folder, overwrite: force)
            } catch let e as ScenarioFileSetError {
                if case .wouldOverwrite = e {
                    throw FileSetOutput.fail("\(FileSetOutput.message(e, given: out)) (use --force to replace them)")
                }
                if case .notAFolder = e { throw FileSetOutput.fail("\(e)") }
                Console.error("\(e)")
                throw ExitCode(1)
            }
            let load = LoadEstimate(scenario: scenario)
            let helpers = scenario.workers.filter { $0.weekdays != nil }.count
            print("""
                wrote \(FileSetOutput.shown("scenario.yaml", in: out)) \
                (\(files.files.map(\.name).dropFirst().joined(separator: ", ")))
                  \(Self.count(scenario.places.count, "community", "communities")), \
                \(Self.count(options.workers, "grid", "grids")), \(Self.count(scenario.workers.count, "worker", "workers")) \
                (\(scenario.workers.count - helpers) full-time, \(helpers) part-time), \
                \(Self.count(scenario.households.count, "household", "households")), \
                \(Self.count(scenario.patrols.count, "patrol point", "patrol points")), \
                \(Self.count(scenario.history.count, "history row", "history rows"))
                  estimated load \(load.serviceMinutes + load.travelMinutes) min (\(load.visits) visits, \
                \(load.serviceMinutes) on site, ~\(load.travelMinutes) travel) of \(load.capacityMinutes) min available \
                (\(Int((load.utilisation * 100).rounded())) %)
                """)
        }

        /// `n` and the noun in the number it needs.
        static func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
    }
}
