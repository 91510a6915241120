import ArgumentParser
import Foundation

extension GridPlan {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "(under construction)")

        func run() throws {
            throw ExitCode(2)
        }
    }
}
