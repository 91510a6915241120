import ArgumentParser
import Foundation

extension GridPlan {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "validate", abstract: "(under construction)")

        func run() throws {
            throw ExitCode(2)
        }
    }
}
