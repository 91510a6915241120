import ArgumentParser
import Foundation
import GridPlanCheck
import GridPlanCore

extension GridPlan {
    /// `gridplan check SCENARIO PLAN`: the project's own validator of format §5.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check that a plan keeps every rule of the format (§5) for its scenario.",
            discussion: """
                Recomputes travel, working days, gaps, lateness and the KPIs from the scenario and \
                prints every broken rule as 'PLAN: rule 5.3: message', then a summary.
                Exit status: 0 the plan is valid, 1 it breaks at least one rule, 2 the scenario or the \
                plan cannot be read.
                """)

        @Argument(help: "The scenario YAML file the plan was made for (or a folder holding scenario.yaml).")
        var scenario: String

        @Argument(help: "The plan to check (plan.json written by 'gridplan plan').")
        var plan: String

        func run() throws {
            // A folder holding scenario.yaml stands for that file, in every path worked out below.
            let scenario = ScenarioLoader.scenarioFile(self.scenario)
            let loaded = ScenarioLoader.load(path: scenario)
            Console.report(loaded.diagnostics)
            guard !loaded.hasErrors, let scenario = loaded.scenario else {
                Console.error("the scenario has errors; fix them before checking a plan", at: self.scenario)
                throw ExitCode(2)
            }
            let plan: GridPlanCore.Plan
            switch PlanFile.read(path: self.plan) {
            case .success(let p): plan = p
            case .failure(let problem):
                Console.error(problem.message, at: self.plan)
                throw ExitCode(2)
            }
            if let stale = PlanFreshness.staleness(of: plan.scenario, against: scenario.source) {
                Console.warning("\(stale.message); checking against the files on disk", at: self.plan)
            }
            let violations = PlanChecker.check(plan, against: scenario)
            for v in violations { print("\(self.plan): \(v)") }
            let stops = plan.routes.reduce(0) { $0 + $1.stops.count }
            let size = "\(plan.routes.count) route\(plan.routes.count == 1 ? "" : "s"), "
                + "\(stops) stop\(stops == 1 ? "" : "s")"
            let name = (self.plan as NSString).lastPathComponent
            if violations.isEmpty {
                print("\(name) is valid: \(size), 0 violations")
                return
            }
            var perRule: [String: Int] = [:]
            var order: [String] = []
            for v in violations {
                if perRule[v.rule] == nil { order.append(v.rule) }
                perRule[v.rule, default: 0] += 1
            }
            let byRule = order.map { "rule \($0): \(perRule[$0]!)" }.joined(separator: ", ")
            print("\(name) is not valid: \(size), \(violations.count) violation\(violations.count == 1 ? "" : "s") (\(byRule))")
            throw ExitCode(1)
        }
    }
}
