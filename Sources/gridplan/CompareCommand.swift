import ArgumentParser
import Foundation
import GridPlanCheck
import GridPlanCore
import GridPlanReports
import GridPlanRun
import GridPlanSolver
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GridPlan {
    /// `gridplan compare A B [C …]`: KPIs side by side with deltas, workers' load, moved households.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Compare two or more scenarios or plans: key figures with deltas, workers' load, moved households.",
            discussion: """
                Each INPUT is a scenario YAML (planned here, as 'gridplan plan' would) or a plan.json \
                written by 'gridplan plan'. The first input is the baseline: every delta is taken \
                against it.

                A plan.json needs its scenario: by default the file named in the plan's 'scenario.file', \
                looked up relative to the plan's folder and then the current directory. Name it yourself \
                with --scenario PLAN=SCENARIO, or with --scenario SCENARIO, which is given to the \
                plan.json inputs in order.

                Prints a table on standard output (colour only on a terminal); --json prints JSON \
                instead; --html FILE also writes a printable page.

                Exit status: 0 success, 1 failure while solving or writing, 2 invalid input or usage.
                """)

        @Argument(help: ArgumentHelp("Scenario YAML files (or folders holding scenario.yaml) or plan.json files; the first is the baseline.", valueName: "input"))
        var inputs: [String]

        @Option(name: .customLong("html"), help: ArgumentHelp("Also write a printable HTML report to this file.", valueName: "file"))
        var html: String?

        @Flag(name: .customLong("json"), help: "Print the comparison as JSON instead of a table.")
        var json = false

        @Option(name: .customLong("time-limit"), help: ArgumentHelp("Seconds for each scenario input, as 'gridplan plan --time-limit' takes them (default: the scenario's solver.time_limit_s, else 60).", valueName: "s"))
        var timeLimit: Double?

        @Option(name: .customLong("scenario"), help: ArgumentHelp("The scenario of a plan.json input: PLAN=SCENARIO, or SCENARIO for the plan.json inputs in order.", valueName: "map"))
        var scenarios: [String] = []

        func validate() throws {
            if inputs.count < 2 { throw ValidationError("compare needs at least two inputs, got \(inputs.count)") }
            if let t = timeLimit, !(t > 0) { throw ValidationError("--time-limit must be a positive number of seconds") }
        }

        static func isPlanFile(_ path: String) -> Bool { path.lowercased().hasSuffix(".json") }

        /// The scenario to use for each plan.json input (nil: the one the plan names).
        func scenarioMapping() throws -> [String: String] {
            var map: [String: String] = [:]
            var positional: [String] = []
            for s in scenarios {
                if let eq = s.firstIndex(of: "="), Compare.isPlanFile(String(s[..<eq])) {
                    map[String(s[..<eq])] = String(s[s.index(after: eq)...])
                } else {
                    positional.append(s)
                }
            }
            let plans = inputs.filter(Compare.isPlanFile).filter { map[$0] == nil }
            if positional.count > plans.count {
                throw Compare.failure("\(positional.count) --scenario values for \(plans.count) plan.json inputs without one")
            }
            for (p, s) in zip(plans, positional) { map[p] = s }
            return map
        }

        func run() throws {
            let mapping = try scenarioMapping()
            var entries: [PlanComparison.Entry] = []
            for input in inputs {
                if Compare.isPlanFile(input) {
                    do {
                        let saved = try SavedPlan.load(path: input, scenarioPath: mapping[input])
                        for n in saved.notes { Console.write(n) }
                        entries.append(.init(name: input, scenario: saved.scenario, plan: saved.plan))
                    } catch {
                        Console.failure(error)
                        throw ExitCode(2)
                    }
                } else {
                    let result = ScenarioLoader.load(path: input)
                    Console.report(result.errors)
                    guard let scenario = result.resolved, !result.hasErrors else {
                        Console.error("the scenario has errors; run 'gridplan validate \(input)'", at: input)
                        throw ExitCode(2)
                    }
                    Console.note("planning \(input) …")
                    // Compare only plans that keep every rule: PlanRun checks them as `plan` does.
                    let plan: GridPlanCore.Plan
                    do {
                        // The planner's share of the limit as `plan` gives it, so the plan is the one `plan` makes.
                        let limit = timeLimit ?? scenario.solver.timeLimitSeconds ?? Planner.defaultTimeLimitSeconds
                        plan = try PlanRun.plan(scenario, options: PlanOptions(
                            timeLimitSeconds: PlanRun.plannerTimeLimit(total: limit, tasks: scenario.jobs.count)))
                    } catch PlanRun.Failure.breaksRules(let violations) {
                        for v in violations.prefix(20) { Console.error(v.description, at: input) }
                        Console.error("\(PlanRun.Failure.breaksRules(violations))", at: input)
                        throw ExitCode(1)
                    } catch {
                        Console.error("\(error)", at: input)
                        throw ExitCode(1)
                    }
                    entries.append(.init(name: input, scenario: scenario.scenario, plan: plan))
                }
            }
            let comparison: PlanComparison
            do {
                comparison = try PlanComparison(entries)
            } catch {
                Console.failure(error)
                throw ExitCode(2)
            }
            if let html {
                do {
                    try ReportWriter.writeAtomically(Data(comparison.html().utf8), to: URL(fileURLWithPath: html))
                } catch {
                    Console.error("cannot write: \(error.localizedDescription)", at: html)
                    throw ExitCode(1)
                }
            }
            if json {
                FileHandle.standardOutput.write(try comparison.jsonData())
            } else {
                let colour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
                print(comparison.text(colour: colour), terminator: "")
            }
            if let html { Console.note("wrote \(html)") }
        }

        /// Prints `gridplan: error: …` on standard error; the exit status 2 to throw.
        static func failure(_ message: String) -> ExitCode {
            Console.error(message)
            return ExitCode(2)
        }
    }
}
