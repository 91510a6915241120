import ArgumentParser
import Foundation

extension GridPlan {
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "record", abstract: "(under construction)")

        func run() throws {
            throw ExitCode(2)
        }
    }
}
