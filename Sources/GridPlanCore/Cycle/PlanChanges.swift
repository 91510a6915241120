import Foundation

/// One visit that a re-plan moved, gave to other workers, added or dropped.
public struct StopChange: Sendable, Hashable {
    /// The household or patrol point.
    public var task: String
    /// Workers of the old visit (sorted), empty when the visit is new.
    public var oldWorkers: [String]
    /// Date of the old visit; nil when the visit is new.
    public var oldDate: CivilDate?
    /// Workers of the new visit (sorted), empty when the visit was dropped.
    public var newWorkers: [String]
    /// Date of the new visit; nil when the visit was dropped.
    public var newDate: CivilDate?
    /// Why, in words a grid head can pass on (`W02 absent 2026-02-25..2026-02-27`, `urgent`, …).
    public var why: String

    public init(task: String, oldWorkers: [String], oldDate: CivilDate?, newWorkers: [String], newDate: CivilDate?,
                why: String) {
        self.task = task
        self.oldWorkers = oldWorkers
        self.oldDate = oldDate
        self.newWorkers = newWorkers
        self.newDate = newDate
        self.why = why
    }

    /// Every worker the change concerns: those who lose the visit and those who get it.
    public var workersAffected: [String] { Array(Set(oldWorkers + newWorkers)).sorted() }
}

/// The differences between an old plan and its re-plan, from a date on.
public enum PlanChanges {
    /// The visits (task, date, workers) that differ between `old` and `new` on or after `from`.
    ///
    /// Visits of one task are matched on the same date first (a change of workers), then in date order
    /// (a move to another day); what is left is a dropped or an added visit. Unchanged visits are not listed.
    ///
    /// - Complexity: O(stops × log stops).
    public static func between(old: Plan, new: Plan, from: CivilDate, setup: ReplanSetup? = nil) -> [StopChange] {
        func visits(_ p: Plan) -> [String: [CivilDate: [String]]] {
            var v: [String: [CivilDate: [String]]] = [:]
            for r in p.routes where r.date >= from {
                for s in r.stops { v[s.task, default: [:]][r.date, default: []].append(r.worker) }
            }
            return v
        }
        let a = visits(old), b = visits(new)
        var changes: [StopChange] = []
        for task in Set(a.keys).union(b.keys).sorted() {
            var olds = (a[task] ?? [:]).mapValues { $0.sorted() }
            var news = (b[task] ?? [:]).mapValues { $0.sorted() }
            for (d, ws) in olds where news[d] != nil {
                if news[d] != ws {
                    changes.append(StopChange(task: task, oldWorkers: ws, oldDate: d, newWorkers: news[d]!, newDate: d,
                                              why: ""))
                }
                olds[d] = nil
                news[d] = nil
            }
            let od = olds.keys.sorted(), nd = news.keys.sorted()
            for k in 0..<max(od.count, nd.count) {
                let o = k < od.count ? od[k] : nil, n = k < nd.count ? nd[k] : nil
                changes.append(StopChange(task: task, oldWorkers: o.map { olds[$0]! } ?? [], oldDate: o,
                                          newWorkers: n.map { news[$0]! } ?? [], newDate: n, why: ""))
            }
        }
        let outcomes = Dictionary((setup.map { KPIs.outcomes(of: new.routes, in: $0.original) } ?? []).map { ($0.job.id, $0) },
                                  uniquingKeysWith: { a, _ in a })
        return changes.map { c in
            var c = c
            c.why = reason(for: c, setup: setup, lateDays: outcomes[c.task]?.lateDays ?? 0)
            return c
        }.sorted { ($0.oldDate ?? $0.newDate!, $0.task) < ($1.oldDate ?? $1.newDate!, $1.task) }
    }

    /// Why a visit changed: the absence of one of its workers, an urgent household, or room made for those.
    static func reason(for c: StopChange, setup: ReplanSetup?, lateDays: Int) -> String {
        if let s = setup {
            if s.disruption.urgent.contains(c.task) { return "urgent: visit by \(s.required.first { $0.task == c.task }?.dates.last?.iso ?? "")" }
            if let d = c.oldDate {
                for a in s.disruption.absences where c.oldWorkers.contains(a.worker) && a.dates.contains(d) {
                    let range = a.from == a.through ? a.from.iso : "\(a.from.iso)..\(a.through.iso)"
                    return "\(a.worker) absent \(range)"
                }
            }
        }
        if c.newDate == nil { return lateDays > 0 ? "dropped: no room left (the task is late)" : "dropped: not needed before the horizon ends" }
        if c.oldDate == nil { return "added: needed after the other changes" }
        return "moved to make room for the changes above"
    }

    /// `changes.csv`: `task,name,old_worker,old_date,new_worker,new_date,why` (pair workers joined by `;`).
    public static func csv(_ changes: [StopChange], scenario: ResolvedScenario) -> String {
        var rows = [["task", "name", "old_worker", "old_date", "new_worker", "new_date", "why"]]
        for c in changes {
            rows.append([c.task, taskName(c.task, in: scenario) ?? "", c.oldWorkers.joined(separator: ";"), c.oldDate?.iso ?? "",
                         c.newWorkers.joined(separator: ";"), c.newDate?.iso ?? "", c.why])
        }
        return HistoryFile.rows(rows, lineEnding: "\n")
    }

    /// The changes as text grouped by worker, for the grid head to tell each worker what is new:
    ///
    /// ```
    /// W01 沈佳怡
    ///   + FL-02-H012 张惠芳  02-26 (from W02 02-26: W02 absent 2026-02-25..2026-02-27)
    ///   − FL-01-H003 施金娣  02-27 (now W03 02-27: moved to make room …)
    /// ```
    public static func byWorker(_ changes: [StopChange], scenario: ResolvedScenario) -> String {
        guard !changes.isEmpty else { return "no visit changes\n" }
        func day(_ d: CivilDate?) -> String { d.map { String($0.iso.dropFirst(5)) } ?? "—" }
        func who(_ ws: [String], _ d: CivilDate?) -> String { ws.isEmpty ? "nobody" : "\(ws.joined(separator: "+")) \(day(d))" }
        var out = ""
        for w in Set(changes.flatMap(\.workersAffected)).sorted() {
            out += "\(w) \(scenario.worker(w)?.name ?? "")\n"
            // Urgent visits first: they are what the worker must hear about at once.
            let mine = changes.filter { $0.workersAffected.contains(w) }
            for c in mine.filter({ $0.why.hasPrefix("urgent") }) + mine.filter({ !$0.why.hasPrefix("urgent") }) {
                let name = taskName(c.task, in: scenario).flatMap { $0.isEmpty ? nil : " \($0)" } ?? ""
                let gets = c.newWorkers.contains(w), had = c.oldWorkers.contains(w)
                if gets && had {
                    out += "  ~ \(c.task)\(name)  \(day(c.oldDate)) → \(day(c.newDate)) (\(c.why))\n"
                } else if gets {
                    out += "  + \(c.task)\(name)  \(day(c.newDate)) (was \(who(c.oldWorkers, c.oldDate)): \(c.why))\n"
                } else {
                    out += "  − \(c.task)\(name)  \(day(c.oldDate)) (now \(who(c.newWorkers, c.newDate)): \(c.why))\n"
                }
            }
        }
        return out
    }

    /// The name of the household or patrol point `id` (a household's when both have the id).
    static func taskName(_ id: String, in scenario: ResolvedScenario) -> String? {
        scenario.household(id)?.name ?? scenario.patrol(id)?.name
    }
}
