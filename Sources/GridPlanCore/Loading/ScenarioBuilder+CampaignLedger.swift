import Foundation

/// The campaign ledger (extension): campaign-only visits `gridplan record` keeps beside the history
/// file, `visits.csv` → `visits-campaigns.csv`, with the history's columns and a `campaign` column.
/// Read whenever it exists next to the history CSV; its rows deliver campaigns, but they are no
/// visits of the rhythm, which is why they are not in the history file (format §1: every row of the
/// history counts as a visit).
extension ScenarioBuilder {
    /// The ledger's rows when the history CSV has one beside it (none otherwise), each checked: a known
    /// household, a named campaign; an unknown campaign name is a warning (the row delivers nothing).
    func readCampaignLedger() -> [HistoryEntry] {
        guard let historyPath else { return [] }
        let path = CyclePaths.campaignLedger(for: historyPath)
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let name = ScenarioLoader.relative(path, to: baseDirectory)
        let at = SourceLocation(file: path)
        let source = TableSource(name: name, sheet: nil, reference: at, sheetReference: at)
        let records = csvRecords(source, kind: "campaign visit", known: Self.historyFields,
                                 required: Self.historyRequired + ["campaign"], aliases: .history, idKey: "task")
        let households = Set(self.households.compactMap { $0.record.peek("id") })
        let known = Set(campaigns.compactMap { $0.model?.name })
        var out: [HistoryEntry] = []
        for r in records {
            if let t = r.peek("task"), !households.contains(t) {
                r.fail("task", "unknown household '\(t)' in the campaign ledger"
                    + Spelling.hint(for: t, among: households.sorted()))
            }
            guard let e = readHistory(r) else { continue }
            if e.campaigns.isEmpty {
                r.fail("campaign", "\(r.label) names no campaign; a row of the campaign ledger is a campaign-only visit")
                continue
            }
            for c in e.campaigns where !known.contains(c) {
                r.warn("campaign", "campaign '\(c)' of \(r.label) is not among the scenario's campaigns; the row delivers nothing")
            }
            out.append(e)
        }
        return out
    }
}
