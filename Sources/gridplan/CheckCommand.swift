import ArgumentParser
import Foundation

extension GridPlan {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "(under construction)")

        func run() throws {
            throw ExitCode(2)
        }
    }
}
