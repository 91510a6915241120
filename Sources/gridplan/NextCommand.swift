import ArgumentParser
import Foundation

extension GridPlan {
    struct Next: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "next", abstract: "(under construction)")

        func run() throws {
            throw ExitCode(2)
        }
    }
}
