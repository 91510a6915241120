import ArgumentParser
import Foundation

extension GridPlan {
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "plan", abstract: "(under construction)")

        func run() throws {
            throw ExitCode(2)
        }
    }
}
