import ArgumentParser
import Foundation
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

        @Argument(help: "The scenario YAML file the plan was made for.")
        var scenario: String

        @Argument(help: "The plan to check (plan.json written by 'gridplan plan').")
        var plan: String

        func run() throws {
            let loaded = ScenarioLoader.load(path: scenario)
            for d in loaded.diagnostics { Self.printError(d.description) }
            guard !loaded.hasErrors, let scenario = loaded.scenario else {
                Self.printError("\(self.scenario): error: the scenario has errors; fix them before checking a plan")
                throw ExitCode(2)
            }
            let plan: GridPlanCore.Plan
            switch Self.readPlan(at: self.plan) {
            case .success(let p): plan = p
            case .failure(let message):
                Self.printError("\(self.plan): error: \(message.text)")
                throw ExitCode(2)
            }
            if let sha = scenario.source?.sha256, !plan.scenario.sha256.isEmpty, plan.scenario.sha256 != sha {
                Self.printError("\(self.plan): warning: the plan was made from a different version of "
                                + "'\(plan.scenario.file)' (SHA-256 differs); checking against \(self.scenario)")
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

        struct Message: Error { var text: String }

        /// Reads and decodes plan.json; a readable message when the file is missing, not JSON or not a plan.
        static func readPlan(at path: String) -> Result<GridPlanCore.Plan, Message> {
            guard let data = FileManager.default.contents(atPath: path) else {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                    return .failure(Message(text: isDirectory.boolValue
                        ? "is a folder, not a plan.json" : "cannot read the file"))
                }
                return .failure(Message(text: "no such file"))
            }
            if (try? JSONSerialization.jsonObject(with: data)) == nil {
                return .failure(Message(text: "not JSON: a plan is the plan.json written by 'gridplan plan'"))
            }
            let plan: GridPlanCore.Plan
            do {
                plan = try GridPlanCore.Plan.decode(from: data)
            } catch let DecodingError.keyNotFound(key, context) {
                return .failure(Message(text: "not a gridplan plan: missing field '\(fieldPath(context.codingPath + [key]))'"))
            } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
                return .failure(Message(text: "not a gridplan plan: field '\(fieldPath(context.codingPath))': \(context.debugDescription)"))
            } catch let DecodingError.dataCorrupted(context) {
                return .failure(Message(text: "not a gridplan plan: field '\(fieldPath(context.codingPath))': \(context.debugDescription)"))
            } catch {
                return .failure(Message(text: "not a gridplan plan: \(error)"))
            }
            guard plan.format == GridPlanCore.Plan.formatName else {
                return .failure(Message(text: "format '\(plan.format)' is not \(GridPlanCore.Plan.formatName)"))
            }
            return .success(plan)
        }

        /// `routes[3].stops[0].start` for a coding path.
        static func fieldPath(_ keys: [CodingKey]) -> String {
            var s = ""
            for k in keys {
                if let i = k.intValue { s += "[\(i)]" } else { s += s.isEmpty ? k.stringValue : "." + k.stringValue }
            }
            return s.isEmpty ? "(top level)" : s
        }

        static func printError(_ line: String) {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
