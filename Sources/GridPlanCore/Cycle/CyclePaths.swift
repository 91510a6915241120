import Foundation

/// Path helpers for the cycle's commands, the same rules the loader uses for files a scenario names.
public enum CyclePaths {
    /// The folder part of `path` as given ("" when it has none).
    public static func folder(of path: String) -> String { ScenarioLoader.directory(of: path) }

    /// `name` relative to `folder`, unless it is absolute.
    public static func resolve(_ name: String, against folder: String) -> String {
        ScenarioLoader.resolve(name, against: folder)
    }

    /// The ledger of outcomes other than `done` beside a history file: `visits.csv` → `visits-outcomes.csv`.
    public static func outcomesLedger(for historyPath: String) -> String {
        let url = URL(fileURLWithPath: historyPath)
        let ext = url.pathExtension.isEmpty ? "csv" : url.pathExtension
        let stem = url.deletingPathExtension().lastPathComponent
        return resolve("\(stem)-outcomes.\(ext)", against: folder(of: historyPath))
    }

    /// The campaign ledger beside a history file: `visits.csv` → `visits-campaigns.csv` (campaign-only
    /// visits: they deliver campaigns but are no visits of the rhythm, so they stay out of the history).
    public static func campaignLedger(for historyPath: String) -> String {
        let url = URL(fileURLWithPath: historyPath)
        let ext = url.pathExtension.isEmpty ? "csv" : url.pathExtension
        let stem = url.deletingPathExtension().lastPathComponent
        return resolve("\(stem)-campaigns.\(ext)", against: folder(of: historyPath))
    }
}
