import ArgumentParser
import Foundation

extension GridPlan {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "bench", abstract: "(under construction)")

        func run() throws {
            throw ExitCode(2)
        }
    }
}
