import ArgumentParser
import Foundation

@main
struct GridPlan: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "gridplan",
        abstract: "Plan community grid workers' visits and patrols: who visits what, on which day, in which order.",
        discussion: """
            Exit status: 0 success, 1 failure while solving or writing (or an invalid plan for 'check'), \
            2 invalid input or usage.
            """,
        version: version,
        subcommands: [
            Validate.self, Plan.self, Check.self, Show.self, Compare.self,
            Record.self, Next.self, Replan.self,
            Generate.self, Init.self, Bench.self,
        ]
    )

    /// Runs the command, mapping usage errors to exit status 2 (the project's convention for
    /// invalid input or usage) instead of swift-argument-parser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            // Help, --version and the commands' own exit statuses print as swift-argument-parser does.
            if code == .success || error is ExitCode { exit(withError: error) }
            // Any other error in gridplan's one style (`gridplan: error: …`), usage lines as they are.
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message = String(message.dropFirst("Error: ".count)) }
            Console.write(Console.hasPrefixStyle(message) ? message : "gridplan: error: " + message)
            // Usage errors exit with 2, the project's status for invalid input or usage, not 64.
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
