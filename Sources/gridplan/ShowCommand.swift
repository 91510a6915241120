import ArgumentParser
import Foundation
import GridPlanCore
import GridPlanReports
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GridPlan {
    /// `gridplan show PLAN --worker W [--date D] [--scenario S]`: a worker's day(s) in the terminal.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print a worker's route for a day (or the whole plan) in the terminal.",
            discussion: """
                Reads PLAN (a plan.json written by 'gridplan plan') and the scenario it was made for, \
                and prints the worker's stops in route order: times, names, addresses, phones, the pair \
                partner, the last visit and the notes (what to check at a patrol point).

                The scenario is the one given with --scenario, else the file named in the plan \
                (relative to the plan's folder, then to the current directory). Labels follow the \
                scenario's locale. Colour only when standard output is a terminal (and NO_COLOR is unset).

                Exit status: 0 success, 2 unreadable plan or scenario, unknown worker, or a date outside the plan.
                """)

        @Argument(help: ArgumentHelp("The plan.json file.", valueName: "plan"))
        var plan: String

        @Option(name: .customLong("worker"), help: ArgumentHelp("Worker id (or exact name).", valueName: "id"))
        var worker: String

        @Option(name: .customLong("date"), help: ArgumentHelp("Only this day (YYYY-MM-DD); default every day of the plan.", valueName: "date"))
        var date: String?

        @Option(name: .customLong("scenario"), help: ArgumentHelp("The scenario YAML the plan was made for.", valueName: "file"))
        var scenario: String?

        func validate() throws {
            if let d = date, CivilDate(iso: d) == nil {
                throw ValidationError("--date expects a date YYYY-MM-DD, got '\(d)'")
            }
        }

        func run() throws {
            let saved: SavedPlan
            do {
                saved = try SavedPlan.load(path: plan, scenarioPath: scenario)
            } catch {
                Console.failure(error)
                throw ExitCode(2)
            }
            for n in saved.notes { Console.write(n) }
            let colour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            do {
                let text = try WorkerDayListing.render(plan: saved.plan, scenario: saved.resolved, worker: worker,
                                                       date: date.flatMap(CivilDate.init(iso:)), colour: colour)
                print(text, terminator: "")
            } catch {
                throw Show.failure("\(error)")
            }
        }

        /// Prints `gridplan: error: …` on standard error; the exit status 2 to throw.
        static func failure(_ message: String) -> ExitCode {
            Console.error(message)
            return ExitCode(2)
        }
    }
}
