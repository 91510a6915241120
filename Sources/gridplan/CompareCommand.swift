import ArgumentParser
import Foundation

extension GridPlan {
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "compare", abstract: "(under construction)")

        func run() throws {
            throw ExitCode(2)
        }
    }
}
