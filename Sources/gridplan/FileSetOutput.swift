import Foundation
import GridPlanCore
import ArgumentParser

/// How `generate` and `init` speak about the files they write.
enum FileSetOutput {
    /// `name` inside the output folder, spelled the way the user gave the folder.
    static func shown(_ name: String, in folder: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + name
    }

    /// The error message with absolute paths of the folder's files replaced by the user's spelling.
    static func message(_ e: ScenarioFileSetError, given: String) -> String {
        guard case .wouldOverwrite(let paths) = e else { return "\(e)" }
        let names = paths.map { "'\(shown(URL(fileURLWithPath: $0).lastPathComponent, in: given))'" }
        return "refusing to overwrite existing " + (names.count == 1 ? "file " : "files ") + names.joined(separator: ", ")
    }

    /// Prints `message` as an error and gives the exit status for invalid input or usage.
    static func fail(_ message: String) -> ExitCode {
        Console.error(message)
        return ExitCode(2)
    }
}
