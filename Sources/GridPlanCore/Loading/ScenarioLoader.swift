import Foundation
import Yams

/// What loading a scenario gives: the scenario when it has no error, resolved once for the planner,
/// and every finding.
public struct ScenarioLoadResult: Sendable {
    /// The scenario with its jobs, calendar, travel model and indexes (`ResolvedScenario`), built here
    /// once for the solver, the reports and the cycle; nil exactly when `scenario` is.
    public let resolved: ResolvedScenario?
    /// Every error, warning and note, sorted by file, line and column.
    public var diagnostics: [Diagnostic]

    /// Resolves `scenario` (`ResolvedScenario`).
    public init(scenario: Scenario?, diagnostics: [Diagnostic]) {
        resolved = scenario.map(ResolvedScenario.init)
        self.diagnostics = diagnostics
    }

    /// The scenario; nil exactly when `diagnostics` holds an error (warnings still give a scenario).
    public var scenario: Scenario? { resolved?.scenario }

    /// Whether any finding is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    /// The findings that are errors.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    /// The findings that are warnings.
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// Reads a scenario (format §1) from YAML and the CSV files it names, and validates it, reporting
/// every problem in one run. Never prints and never throws: the caller decides how to show findings.
public enum ScenarioLoader {
    /// Loads the scenario at `path` (the YAML file, or a folder holding `scenario.yaml`, as `gridplan
    /// init` and `generate` write it); CSV files it names are read relative to its folder.
    ///
    /// Diagnostics name files as the user would: `path` as given (joined with `scenario.yaml` for a
    /// folder), and CSV files joined to its folder.
    public static func load(path given: String) -> ScenarioLoadResult {
        let path = scenarioFile(given)
        let log = DiagnosticLog()
        if isFolder(path) {
            log.error("cannot read scenario '\(path)': it is a folder with no scenario.yaml file in it; name the scenario's YAML file",
                      at: SourceLocation(file: path))
            return ScenarioLoadResult(scenario: nil, diagnostics: log.sorted())
        }
        guard let bytes = readBytes(path: path, shownAs: path, log: log, reference: nil),
              let text = decode(bytes, file: path, log: log) else {
            return ScenarioLoadResult(scenario: nil, diagnostics: log.sorted())
        }
        if TextDecoder.decode(bytes)?.encoding == .gb18030 {
            log.note("scenario file is GB18030, not UTF-8; it was read, but save it as UTF-8",
                     at: SourceLocation(file: path, line: 1))
        }
        return build(yaml: text, file: path, baseDirectory: directory(of: path), log: log)
    }

    /// Loads a scenario from YAML text: `file` is the name diagnostics use, `baseDirectory` the folder
    /// CSV and calendar files are read from (and joined to their names in diagnostics; "" for none).
    public static func load(yaml: String, file: String, baseDirectory: String) -> ScenarioLoadResult {
        let log = DiagnosticLog()
        log.recordRead(path: file, bytes: Array(yaml.utf8))
        return build(yaml: yaml, file: file, baseDirectory: baseDirectory, log: log)
    }

    static func build(yaml: String, file: String, baseDirectory: String, log: DiagnosticLog) -> ScenarioLoadResult {
        let builder = ScenarioBuilder(file: file, baseDirectory: baseDirectory, log: log)
        var scenario = builder.build(yaml: yaml)
        let inputs = log.filesRead.map {
            InputFile(file: $0.file == file ? lastComponent(of: file) : relative($0.file, to: baseDirectory),
                      sha256: $0.sha256)
        }
        scenario?.source = ScenarioSource(path: file, inputs: inputs, historyPath: builder.historyPath)
        scenario?.source?.historyWorkbooks = builder.historyWorkbooks
        return ScenarioLoadResult(scenario: log.errorCount == 0 ? scenario : nil, diagnostics: log.sorted())
    }

    // MARK: - Files

    /// `path`, or `path/scenario.yaml` when `path` is a folder that holds one.
    public static func scenarioFile(_ path: String) -> String {
        guard isFolder(path) else { return path }
        let inside = resolve("scenario.yaml", against: path)
        return FileManager.default.fileExists(atPath: inside) && !isFolder(inside) ? inside : path
    }

    /// Whether `path` names an existing folder.
    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The folder part of `path` as given ("" when it has none).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    /// `name` relative to `base`, unless it is absolute.
    static func resolve(_ name: String, against base: String) -> String {
        if name.hasPrefix("/") || base.isEmpty || base == "." { return name }
        return base.hasSuffix("/") ? base + name : base + "/" + name
    }

    /// The last part of `path` (the file name).
    static func lastComponent(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    /// `path` as named relative to `base`: the inverse of `resolve(_:against:)`.
    static func relative(_ path: String, to base: String) -> String {
        if base.isEmpty || base == "." { return path }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// Reads a file's bytes; a missing or unreadable file is reported at `reference` (the field that
    /// names it) or at the file itself.
    static func readBytes(path: String, shownAs file: String, log: DiagnosticLog,
                          reference: SourceLocation?) -> [UInt8]? {
        let at = reference ?? SourceLocation(file: file)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            log.error("cannot read file '\(file)': no such file", at: at)
            return nil
        }
        guard !isDirectory.boolValue else {
            log.error("cannot read file '\(file)': it is a folder", at: at)
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            log.error("cannot read file '\(file)': permission denied or unreadable", at: at)
            return nil
        }
        let bytes = [UInt8](data)
        log.recordRead(path: path, bytes: bytes)
        return bytes
    }

    static func decode(_ bytes: [UInt8], file: String, log: DiagnosticLog) -> String? {
        guard let decoded = TextDecoder.decode(bytes) else {
            log.error("file is neither UTF-8 nor GB18030", at: SourceLocation(file: file, line: 1))
            return nil
        }
        return decoded.text
    }

    /// Reads and decodes a text file (UTF-8 with or without BOM, or GB18030).
    static func readText(path: String, shownAs file: String, log: DiagnosticLog, reference: SourceLocation?)
        -> String? {
        guard let bytes = readBytes(path: path, shownAs: file, log: log, reference: reference) else { return nil }
        return decode(bytes, file: file, log: log)
    }

    // MARK: - YAML

    /// Composes YAML into a node tree; reports tabs in indentation and syntax errors with their place.
    static func compose(_ text: String, file: String, log: DiagnosticLog) -> Node? {
        let tabLines = reportTabs(in: text, file: file, log: log)
        do {
            guard let root = try Yams.compose(yaml: text) else {
                log.error("file is empty", at: SourceLocation(file: file, line: 1))
                return nil
            }
            return root
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _),
                 .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                guard !tabLines.contains(mark.line) else { return nil }
                let ctx = context.map { " (\($0.text) that starts at line \($0.mark.line))" } ?? ""
                log.error("yaml syntax error: \(problem)\(ctx)",
                          at: SourceLocation(file: file, line: mark.line, column: mark.column))
            case .duplicatedKeysInMapping(let duplicates, let context):
                let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
                log.error("duplicate key \(keys) in a mapping",
                          at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
            case .reader(let problem, _, _, _):
                log.error("yaml syntax error: \(problem)", at: SourceLocation(file: file, line: 1))
            default:
                log.error("yaml syntax error: \(error)", at: SourceLocation(file: file, line: 1))
            }
            return nil
        } catch {
            log.error("yaml syntax error: \(error)", at: SourceLocation(file: file, line: 1))
            return nil
        }
    }

    /// Reports every tab in a line's leading whitespace; returns the lines that have one.
    static func reportTabs(in text: String, file: String, log: DiagnosticLog) -> Set<Int> {
        var lines: Set<Int> = []
        var lineNumber = 0
        var inBlockScalar = false
        var blockIndent = 0
        // Split on scalars: in a String, "\r\n" is one Character and would not match "\n".
        for scalars in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = Substring(String(String.UnicodeScalarView(scalars)))
            lineNumber += 1
            var column = 0
            var indent = 0
            var tabColumn: Int?
            for u in line.unicodeScalars {
                if u == " " { column += 1; indent += 1 } else if u == "\t" {
                    column += 1
                    if tabColumn == nil { tabColumn = column }
                } else { break }
            }
            let content = line.drop { $0 == " " || $0 == "\t" }
            if inBlockScalar {
                // Inside a literal or folded block, tabs after the block's indentation are content.
                if content.isEmpty || content == "\r" || indent >= blockIndent { continue }
                inBlockScalar = false
            }
            if let c = tabColumn, !content.isEmpty, content != "\r" {
                log.error("tab in indentation; indent with spaces", at: SourceLocation(file: file, line: lineNumber,
                                                                                       column: c))
                lines.insert(lineNumber)
            }
            let trimmed = content.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.hasPrefix("#"), trimmed.hasSuffix("|") || trimmed.hasSuffix(">") || trimmed.hasSuffix("|-")
                || trimmed.hasSuffix(">-") {
                inBlockScalar = true
                blockIndent = indent + 1
            }
        }
        return lines
    }
}
