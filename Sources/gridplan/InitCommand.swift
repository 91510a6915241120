import ArgumentParser
import Foundation

extension GridPlan {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init", abstract: "(under construction)")

        func run() throws {
            throw ExitCode(2)
        }
    }
}
