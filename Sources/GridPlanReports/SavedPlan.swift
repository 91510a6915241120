import Foundation
import GridPlanCore

/// A `plan.json` read back together with the scenario it was made for, for `show` and `compare`.
///
/// The scenario is found, in this order: the path given by the caller; else the file named in the
/// plan's `scenario.file`, taken as written when absolute, else relative to the plan's folder, then
/// relative to the current directory. A scenario whose SHA-256 differs from the plan's is still
/// used, with a note, since a grid head may have fixed a phone number after planning.
public struct SavedPlan: Sendable {
    /// The plan as read from the file.
    public var plan: Plan
    /// The scenario, loaded, validated and resolved (`ScenarioLoadResult.resolved`).
    public var resolved: ResolvedScenario
    /// The scenario file actually read.
    public var scenarioPath: String
    /// Warnings and notes from loading the scenario, plus a warning when the plan is stale for the files on disk.
    public var notes: [String]

    /// Why a saved plan cannot be used.
    public enum LoadError: Error, CustomStringConvertible, Equatable {
        case unreadable(path: String, reason: String)
        case notAPlan(path: String, reason: String)
        case scenarioNotFound(plan: String, tried: [String])
        case scenarioInvalid(path: String, diagnostics: [String])

        public var description: String {
            switch self {
            case let .unreadable(p, r): return "\(p): error: cannot read the plan: \(r)"
            case let .notAPlan(p, r): return "\(p): error: not a gridplan plan: \(r)"
            case let .scenarioNotFound(p, tried):
                return "\(p): error: cannot find the plan's scenario (tried \(tried.joined(separator: ", "))); name it with --scenario"
            case let .scenarioInvalid(p, ds):
                return ds.joined(separator: "\n") + "\n\(p): error: the scenario has errors"
            }
        }
    }

    /// Candidate scenario paths for a plan stored at `planPath`, in the order they are tried.
    public static func scenarioCandidates(for plan: Plan, planPath: String) -> [String] {
        let file = plan.scenario.file
        guard !file.isEmpty else { return [] }
        if file.hasPrefix("/") { return [file] }
        let folder = URL(fileURLWithPath: planPath).deletingLastPathComponent().path
        var list = [URL(fileURLWithPath: folder).appendingPathComponent(file).standardized.path]
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(file).standardized.path
        if !list.contains(cwd) { list.append(cwd) }
        return list
    }

    /// Reads the plan at `path` and loads its scenario (`scenarioPath`, or the one the plan names).
    /// - Throws: `LoadError`.
    public static func load(path: String, scenarioPath: String? = nil) throws -> SavedPlan {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw LoadError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        // The one plan reader, with its format check and field-naming messages.
        let plan: Plan
        switch PlanFile.decode(data) {
        case .success(let p): plan = p
        case .failure(let problem):
            throw LoadError.notAPlan(path: path, reason: problem.message.replacingOccurrences(of: "not a gridplan plan: ", with: ""))
        }
        let candidates = scenarioPath.map { [$0] } ?? scenarioCandidates(for: plan, planPath: path)
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw LoadError.scenarioNotFound(plan: path, tried: candidates)
        }
        let result = ScenarioLoader.load(path: found)
        guard let resolved = result.resolved, !result.hasErrors else {
            throw LoadError.scenarioInvalid(path: found, diagnostics: result.errors.map(\.description))
        }
        var notes = Diagnostic.grouped(result.diagnostics.filter { $0.severity != .error }).map(\.description)
        if let stale = PlanFreshness.staleness(of: plan.scenario, against: resolved.source) {
            notes.append("\(path): warning: \(stale.message); names, phones and notes are today's, "
                         + "the routes are the plan's")
        }
        return SavedPlan(plan: plan, resolved: resolved, scenarioPath: found, notes: notes)
    }

    /// The scenario, loaded and validated.
    public var scenario: Scenario { resolved.scenario }
}
