/// Whether a plan was made from the files now on disk: the plan's `scenario.sha256` (and, from
/// gridplan plans that list them, `scenario.inputs`) against the loaded scenario's inputs.
public struct PlanFreshness: Sendable, Hashable {
    /// Input files whose bytes differ from the plan's.
    public var changed: [String]
    /// Files read now that the plan does not list.
    public var added: [String]
    /// Files the plan lists that are not read now.
    public var removed: [String]
    /// The plan lists no inputs (an older gridplan, digest of the YAML file alone) and its digest differs.
    public var unknownInputs: Bool

    /// Compares `plan` with `source`; nil when the plan is fresh, or when either side has no digest
    /// (a scenario built in code, a plan without `sha256`).
    ///
    /// - Parameter ignoringHistory: a changed history file (or campaign ledger beside it) alone does not
    ///   make the plan stale (for `record` and `replan`, which expect the history to grow after planning).
    public static func staleness(of plan: ScenarioReference, against source: ScenarioSource?,
                                 ignoringHistory: Bool = false) -> PlanFreshness? {
        guard let source, !source.sha256.isEmpty, !plan.sha256.isEmpty, plan.sha256 != source.sha256 else {
            return nil
        }
        guard let then = plan.inputs, !source.inputs.isEmpty else {
            return PlanFreshness(changed: [], added: [], removed: [], unknownInputs: true)
        }
        let before = Dictionary(then.map { ($0.file, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        let now = Dictionary(source.inputs.map { ($0.file, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        var changed = source.inputs.map(\.file).filter { before[$0] != nil && before[$0] != now[$0] }
        var added = source.inputs.map(\.file).filter { before[$0] == nil }
        let removed = then.map(\.file).filter { now[$0] == nil }
        // A plan whose listed files all match but whose digest differs was edited by hand.
        let unknown = changed.isEmpty && added.isEmpty && removed.isEmpty
        if ignoringHistory, let history = source.historyPath {
            // The campaign ledger beside the history grows with it (or appears), by `record`.
            let ledger = CyclePaths.campaignLedger(for: history)
            changed.removeAll { source.resolve($0) == history || source.resolve($0) == ledger }
            added.removeAll { source.resolve($0) == ledger }
            if changed.isEmpty, added.isEmpty, removed.isEmpty, !unknown { return nil }
        }
        return PlanFreshness(changed: changed, added: added, removed: removed, unknownInputs: unknown)
    }

    /// One line for a warning, e.g. `the plan is stale: households.csv, visits.csv changed since it was made`.
    public var message: String {
        if unknownInputs {
            return "the plan was made from other inputs or an older gridplan (its scenario sha256 differs "
                + "and it lists no input files)"
        }
        var parts: [String] = []
        if !changed.isEmpty { parts.append("\(changed.joined(separator: ", ")) changed since it was made") }
        if !added.isEmpty { parts.append("\(added.joined(separator: ", ")) not read when it was made") }
        if !removed.isEmpty { parts.append("\(removed.joined(separator: ", ")) no longer read") }
        return "the plan is stale: " + parts.joined(separator: "; ")
    }
}

extension ScenarioReference {
    /// The `scenario` block of a plan made from `scenario`: its name, YAML file name, digest and inputs.
    public init(madeFrom scenario: Scenario) {
        let path = scenario.source?.path ?? ""
        let file = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        let inputs = scenario.source?.inputs ?? []
        self.init(name: scenario.name, file: file, sha256: scenario.source?.sha256 ?? "",
                  inputs: inputs.isEmpty ? nil : inputs.sorted { $0.file.utf8.lexicographicallyPrecedes($1.file.utf8) })
    }
}

extension ScenarioSource {
    /// An input's name joined to the YAML file's folder, as the loader resolved it.
    func resolve(_ file: String) -> String {
        guard let slash = path.lastIndex(of: "/"), !file.hasPrefix("/") else { return file }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" + file : dir + "/" + file
    }
}
