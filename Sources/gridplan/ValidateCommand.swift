import ArgumentParser
import Foundation
import GridPlanCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GridPlan {
    /// `gridplan validate SCENARIO`: reads a scenario and its CSV files and reports every problem.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check a scenario and its CSV files, and list every problem with its place.",
            discussion: """
                Reads the scenario YAML and every file it names (households, patrols, history, \
                travel matrix, calendar), then prints each finding on standard error as

                  FILE:LINE:COLUMN: error: message       (YAML)
                  FILE:LINE: error: column C: message    (CSV)

                where LINE of a CSV finding is the line of the file on which the row starts, \
                followed by a one-line summary.

                Errors make the scenario unusable: a typo in a field name, a missing shift, a date \
                that does not exist, an unknown category … Warnings point at what will surely make \
                tasks late: a grid nobody covers, a skill nobody has, a window outside every \
                shift, weekdays nobody works. A scenario with warnings can still be planned.

                CSV files may be UTF-8 (with or without a byte-order mark) or GB18030, as Excel \
                saves them. See Docs/scenario-format.md for every field and every message.

                Exit status: 0 when there is no error (warnings allowed), 2 otherwise.
                """)

        @Argument(help: ArgumentHelp("The scenario YAML file (or a folder holding scenario.yaml).", valueName: "scenario"))
        var scenario: String

        @Flag(name: .customLong("quiet"), help: "Print only errors and the summary, not warnings or notes.")
        var quiet = false

        func run() throws {
            // A folder holding scenario.yaml stands for that file, in every path worked out below.
            let scenario = ScenarioLoader.scenarioFile(self.scenario)
            let result = ScenarioLoader.load(path: scenario)
            let colour = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            // Each repeated warning or note once, with the rows it is at.
            for d in Diagnostic.grouped(result.diagnostics) where !quiet || d.severity == .error {
                Console.write(Self.render(d, colour: colour))
            }
            let errors = result.errors.count, warnings = result.warnings.count
            if let s = result.resolved, errors == 0 {
                print(Self.summary(of: s, file: scenario, warnings: warnings))
                return
            }
            var parts = [Self.count(errors, "error")]
            if warnings > 0 { parts.append(Self.count(warnings, "warning")) }
            Console.error("not valid: \(parts.joined(separator: ", "))", at: scenario)
            throw ExitCode(2)
        }

        /// `scenario.yaml is valid: 3 workers, 60 households, 12 patrol points, 7 days (5 working)`.
        static func summary(of s: ResolvedScenario, file: String, warnings: Int) -> String {
            let working = s.calendar.workingDays.count
            let head = warnings > 0 ? "\(file) is valid with \(count(warnings, "warning"))" : "\(file) is valid"
            return "\(head): \(count(s.workers.count, "worker")), \(count(s.households.count, "household")), "
                + "\(count(s.patrols.count, "patrol point")), \(count(s.horizon.days, "day")) (\(working) working)"
        }

        static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

        /// A diagnostic as a line, with the severity coloured when writing to a terminal.
        static func render(_ d: Diagnostic, colour: Bool) -> String {
            let plain = d.description
            guard colour else { return plain }
            let code: String
            switch d.severity {
            case .error: code = "\u{1B}[1;31m"
            case .warning: code = "\u{1B}[1;33m"
            case .note: code = "\u{1B}[1;36m"
            }
            let tag = "\(d.severity.rawValue):"
            guard let range = plain.range(of: ": " + tag) else { return plain }
            let location = plain[..<range.lowerBound]
            let rest = plain[range.upperBound...]
            return "\u{1B}[1m\(location)\u{1B}[0m: \(code)\(tag)\u{1B}[0m\(rest)"
        }
    }
}
