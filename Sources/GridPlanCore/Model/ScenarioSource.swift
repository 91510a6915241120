import Foundation

/// The file a scenario was read from, for the plan's `scenario` block and for tools that write beside it.
public struct ScenarioSource: Sendable, Hashable {
    /// Path of the YAML file as given by the user.
    public var path: String
    /// The digest of every input (`InputFile.digest(of:)` over `inputs`); see Docs/scenario-format.md.
    public var sha256: String
    /// Every file the scenario was read from: the YAML file, its CSV files, calendar file and
    /// travel matrix, each named relative to the YAML file's folder.
    public var inputs: [InputFile]
    /// Path of the history CSV when the scenario names one (resolved against the YAML file's folder).
    public var historyPath: String?
    /// Workbooks (.xlsx) the history is also read from; `gridplan record` never writes into them.
    public var historyWorkbooks: [String] = []

    /// A source whose digest covers `inputs`.
    public init(path: String, inputs: [InputFile], historyPath: String? = nil) {
        self.path = path
        self.inputs = inputs
        self.sha256 = InputFile.digest(of: inputs)
        self.historyPath = historyPath
    }

    /// A source with a given digest and no list of inputs (scenarios built in code, tests).
    public init(path: String, sha256: String, historyPath: String? = nil) {
        self.path = path
        self.sha256 = sha256
        self.inputs = []
        self.historyPath = historyPath
    }
}
