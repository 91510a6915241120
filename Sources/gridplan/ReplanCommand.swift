import ArgumentParser
import Foundation

extension GridPlan {
    struct Replan: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "replan", abstract: "(under construction)")

        func run() throws {
            throw ExitCode(2)
        }
    }
}
