import Foundation

/// One line of the history CSV: `task,date,worker[,result]`.
public struct HistoryEntry: Sendable, Hashable {
    public var task: String
    public var date: CivilDate
    public var worker: String
    /// `done` (the default when absent), `phone`, `not_home`, `refused`, `moved`.
    public var result: String?
    /// Names of the campaigns this visit carried (optional `campaign` column, `;`-separated).
    public var campaigns: [String]
    /// A campaign-only visit (a stop of kind `campaign`): it belongs in the campaign ledger beside the
    /// history (`Scenario.campaignVisits`), never in the history, where every row counts as a visit.
    public var campaignOnly = false

    public init(task: String, date: CivilDate, worker: String, result: String? = nil, campaigns: [String] = []) {
        self.task = task
        self.date = date
        self.worker = worker
        self.result = result
        self.campaigns = campaigns
    }

    /// Whether the visit was done: no result, or `done`.
    ///
    /// Not whether the row counts: for due dates and gap rules every history row counts (format §1:
    /// "the last date per task is its last visit"). `gridplan record` uses this to keep other
    /// outcomes (`phone`, `not_home`, `refused`, `moved`) out of the history file, in a separate
    /// outcomes ledger, and only a done visit delivers a campaign.
    public var isDone: Bool {
        guard let r = result?.trimmingCharacters(in: .whitespaces).lowercased(), !r.isEmpty else { return true }
        return r == "done"
    }
}
