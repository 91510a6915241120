import ArgumentParser
import Foundation

extension GridPlan {
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "generate", abstract: "(under construction)")

        func run() throws {
            throw ExitCode(2)
        }
    }
}
