import Foundation

/// Why a re-plan changed a visit, as a code with its parameters (plan.json `replan.changes[].why`),
/// so each report says it in its own language.
public struct ChangeReason: Sendable, Hashable, Codable {
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// An urgent household, visited by `by`.
        case urgent
        /// One of the old visit's workers (`worker`) is absent `from` … `through`.
        case absent
        /// The visit is gone and the task is late: no room was left for it.
        case droppedLate = "dropped_late"
        /// The visit is gone and the task is not late: it is not needed before the horizon ends.
        case droppedNotNeeded = "dropped_not_needed"
        /// A new visit, needed after the other changes.
        case added
        /// Moved or handed over to make room for the other changes.
        case madeRoom = "made_room"
    }

    public var code: Code
    /// `absent`: the absent worker's id.
    public var worker: String?
    /// `absent`: the absence's first and last day.
    public var from: CivilDate?
    public var through: CivilDate?
    /// `urgent`: the last date the urgent visit may be on.
    public var by: CivilDate?

    public init(_ code: Code, worker: String? = nil, from: CivilDate? = nil, through: CivilDate? = nil, by: CivilDate? = nil) {
        self.code = code
        self.worker = worker
        self.from = from
        self.through = through
        self.by = by
    }

    /// The reason in `locale`, for a grid head to pass on (`W03 absent 2026-02-25..2026-02-26`,
    /// `顾晓雯 (W03) 2026-02-25 至 2026-02-26 缺勤`); `name` gives a worker's name from its id (the id alone
    /// when it returns an empty name).
    public func text(in locale: ReportLocale, name: (String) -> String = { _ in "" }) -> String {
        let en = locale == .en
        switch code {
        case .urgent:
            let d = by?.iso ?? ""
            return en ? "urgent: visit by \(d)" : "紧急走访：最迟 \(d)"
        case .absent:
            let w = worker ?? ""
            let who = name(w).isEmpty ? w : "\(name(w)) (\(w))"
            let a = from?.iso ?? "", b = through?.iso ?? a
            if en { return "\(who) absent \(a == b ? a : "\(a)..\(b)")" }
            return "\(who) \(a == b ? a : "\(a) 至 \(b)") 缺勤"
        case .droppedLate: return en ? "dropped: no room left (the task is late)" : "取消：已排不下（任务逾期）"
        case .droppedNotNeeded: return en ? "dropped: not needed before the horizon ends" : "取消：本期内不再需要"
        case .added: return en ? "added: needed after the other changes" : "新增：其他调整后需要"
        case .madeRoom: return en ? "moved to make room for the changes above" : "为其他调整腾出时间"
        }
    }
}

/// One visit that a re-plan moved, gave to other workers, added or dropped (plan.json `replan.changes`).
public struct StopChange: Sendable, Hashable, Codable {
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
    /// Why, as a code each report words in its language.
    public var reason: ChangeReason

    public init(task: String, oldWorkers: [String], oldDate: CivilDate?, newWorkers: [String], newDate: CivilDate?,
                reason: ChangeReason) {
        self.task = task
        self.oldWorkers = oldWorkers
        self.oldDate = oldDate
        self.newWorkers = newWorkers
        self.newDate = newDate
        self.reason = reason
    }

    /// Why, in English, with worker ids (the terminal's wording).
    public var why: String { reason.text(in: .en) }

    /// Every worker the change concerns: those who lose the visit and those who get it.
    public var workersAffected: [String] { Array(Set(oldWorkers + newWorkers)).sorted() }

    /// The date the change is listed under: the old visit's, else the new one's.
    public var date: CivilDate { oldDate ?? newDate! }

    enum CodingKeys: String, CodingKey {
        case task
        case oldWorkers = "old_workers"
        case oldDate = "old_date"
        case newWorkers = "new_workers"
        case newDate = "new_date"
        case reason = "why"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(task, forKey: .task)
        try c.encode(oldWorkers, forKey: .oldWorkers)
        try c.encode(oldDate, forKey: .oldDate)  // null for an added visit
        try c.encode(newWorkers, forKey: .newWorkers)
        try c.encode(newDate, forKey: .newDate)  // null for a dropped visit
        try c.encode(reason, forKey: .reason)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        task = try c.decode(String.self, forKey: .task)
        oldWorkers = try c.decode([String].self, forKey: .oldWorkers)
        oldDate = try c.decodeIfPresent(CivilDate.self, forKey: .oldDate)
        newWorkers = try c.decode([String].self, forKey: .newWorkers)
        newDate = try c.decodeIfPresent(CivilDate.self, forKey: .newDate)
        reason = try c.decode(ChangeReason.self, forKey: .reason)
        guard oldDate != nil || newDate != nil else {
            throw DecodingError.dataCorruptedError(forKey: .newDate, in: c, debugDescription: "a change needs an old_date or a new_date")
        }
    }
}

/// What a re-plan changed (plan.json `replan`, an extension written by `gridplan replan`): the date it
/// re-planned from and every visit that differs from the plan it re-planned.
public struct ReplanRecord: Sendable, Hashable, Codable {
    public var from: CivilDate
    public var changes: [StopChange]

    public init(from: CivilDate, changes: [StopChange]) {
        self.from = from
        self.changes = changes
    }
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
                                              reason: ChangeReason(.madeRoom)))
                }
                olds[d] = nil
                news[d] = nil
            }
            let od = olds.keys.sorted(), nd = news.keys.sorted()
            for k in 0..<max(od.count, nd.count) {
                let o = k < od.count ? od[k] : nil, n = k < nd.count ? nd[k] : nil
                changes.append(StopChange(task: task, oldWorkers: o.map { olds[$0]! } ?? [], oldDate: o,
                                          newWorkers: n.map { news[$0]! } ?? [], newDate: n, reason: ChangeReason(.madeRoom)))
            }
        }
        let outcomes = Dictionary((setup.map { KPIs.outcomes(of: new.routes, in: $0.original) } ?? []).map { ($0.job.id, $0) },
                                  uniquingKeysWith: { a, _ in a })
        return changes.map { c in
            var c = c
            c.reason = reason(for: c, setup: setup, lateDays: outcomes[c.task]?.lateDays ?? 0)
            return c
        }.sorted { ($0.date, $0.task) < ($1.date, $1.task) }
    }

    /// Why a visit changed: the absence of one of its workers, an urgent household, or room made for those.
    static func reason(for c: StopChange, setup: ReplanSetup?, lateDays: Int) -> ChangeReason {
        if let s = setup {
            if s.disruption.urgent.contains(c.task) {
                return ChangeReason(.urgent, by: s.required.first { $0.task == c.task }?.dates.last)
            }
            if let d = c.oldDate {
                for a in s.disruption.absences where c.oldWorkers.contains(a.worker) && a.dates.contains(d) {
                    return ChangeReason(.absent, worker: a.worker, from: a.from, through: a.through)
                }
            }
        }
        if c.newDate == nil { return ChangeReason(lateDays > 0 ? .droppedLate : .droppedNotNeeded) }
        if c.oldDate == nil { return ChangeReason(.added) }
        return ChangeReason(.madeRoom)
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
            for c in mine.filter({ $0.reason.code == .urgent }) + mine.filter({ $0.reason.code != .urgent }) {
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
