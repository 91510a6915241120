import GridPlanCore

/// One campaign a household owes, as the checker reads the `campaigns` extension
/// (Docs/scenario-format.md): delivered by the household's first regular visit of the plan when that
/// visit is not after the deadline, else by a campaign-only stop (kind `campaign`) naming it.
public struct SpecCampaignOutcome: Sendable, Hashable {
    public var household: String
    public var campaign: String
    public var by: CivilDate
    /// The date of the stop that delivers it, nil when none does.
    public var deliveredOn: CivilDate?

    /// Delivered on or before the deadline.
    public var isKept: Bool { deliveredOn.map { $0 <= by } ?? false }
}

/// The checker's own reading of which stop delivers which campaign (not the planner's `CampaignDeliveries`).
public enum SpecCampaigns {
    /// Every owed campaign of every household, in task order then by deadline.
    ///
    /// - Parameters:
    ///   - regularVisits: the dates of each task's regular stops (not kind `campaign`).
    ///   - routes: the plan's routes, for its campaign-only stops.
    public static func outcomes(tasks: [SpecTask], regularVisits: [String: Set<CivilDate>], routes: [Route])
        -> [SpecCampaignOutcome] {
        var byStop: [String: [String: CivilDate]] = [:]
        for r in routes {
            for s in r.stops where s.kind == .campaign {
                for name in s.campaign ?? [] where (byStop[s.task]?[name]).map({ r.date < $0 }) ?? true {
                    byStop[s.task, default: [:]][name] = r.date
                }
            }
        }
        var out: [SpecCampaignOutcome] = []
        for t in tasks where !t.owedCampaigns.isEmpty {
            let first = regularVisits[t.id]?.min()
            for c in t.owedCampaigns {
                let delivered = first.flatMap { $0 <= c.by ? $0 : nil } ?? byStop[t.id]?[c.name]
                out.append(SpecCampaignOutcome(household: t.id, campaign: c.name, by: c.by, deliveredOn: delivered))
            }
        }
        return out
    }
}

extension PlanChecker {
    /// Campaign-only stops (extension of §5.1 and §5.3): a stop of kind `campaign` is at a household
    /// that owes every campaign it names (its categories match, no done history row or campaign ledger
    /// row delivered it), on or before each one's deadline, for campaigns the household's first regular
    /// visit of the plan does not carry and no other campaign stop names; it lasts the named campaigns'
    /// minutes. It is no visit of the rhythm (rules 5.7, 5.8 and §2 leave it out).
    static func campaignStops(_ c: Context) -> [PlanViolation] {
        var found: [PlanViolation] = []
        var named: [String: [String: CivilDate]] = [:]
        for r in c.plan.routes {
            for s in r.stops where s.kind == .campaign {
                let p = prefix(r)
                func add(_ rule: String, _ m: String) {
                    found.append(PlanViolation(rule: rule, worker: r.worker, date: r.date, task: s.task, message: "\(p): \(m)"))
                }
                guard let task = c.tasks[s.task] else { continue }  // 5.1 reports the unknown task
                guard task.kind == .visit else { continue }  // 5.1 reports a patrol point listed as kind campaign
                let names = s.campaign ?? []
                if names.isEmpty {
                    add("5.1", "campaign stop \(s.task) names no campaign (field 'campaign')")
                }
                var minutes = 0
                for name in names {
                    guard let owed = task.owedCampaigns.first(where: { $0.name == name }) else {
                        let what = c.scenario.campaigns.contains { $0.name == name }
                            ? "which household \(s.task) does not owe (not of its categories, or already delivered before the plan)"
                            : "which is not a campaign of the scenario"
                        add("5.1", "campaign stop \(s.task) names campaign '\(name)', \(what)")
                        continue
                    }
                    minutes += owed.minutes
                    if r.date > owed.by {
                        add("5.1", "campaign stop \(s.task) for '\(name)' is after its deadline \(owed.by.iso)")
                    }
                    if let first = c.visitDates[s.task]?.min(), first <= owed.by {
                        add("5.1", "campaign stop \(s.task) delivers '\(name)', which its visit on \(first.iso) already carries")
                    }
                    if let earlier = named[s.task]?[name] {
                        add("5.1", "campaign stop \(s.task) delivers '\(name)' again (also on \(earlier.iso))")
                    } else {
                        named[s.task, default: [:]][name] = r.date
                    }
                }
                let lasts = s.end.minutes - s.start.minutes
                if !names.isEmpty, lasts != minutes {
                    add("5.3", "campaign stop \(s.task) lasts \(lasts) min (\(s.start.hhmm)-\(s.end.hhmm)); "
                        + "its campaigns take \(minutes) min")
                }
            }
        }
        return found
    }

    /// The campaign figures (extensions of §4 and §5.8), when the plan gives them: `kpis.campaign_visits_owed`
    /// and `campaign_visits_kept` equal the recount; `missed_campaigns` lists exactly the owed campaigns
    /// with a deadline in the horizon that no stop delivers by it, once each, with that deadline.
    static func campaignFigures(_ c: Context) -> [PlanViolation] {
        var found: [PlanViolation] = []
        let h = c.scenario.horizon
        let due = SpecCampaigns.outcomes(tasks: c.taskList, regularVisits: c.visitDates, routes: c.plan.routes)
            .filter { $0.by >= h.start && $0.by <= h.end }
        let k = c.plan.kpis
        if let owed = k.campaignVisitsOwed, owed != due.count {
            found.append(PlanViolation(rule: "5.8", message:
                "kpis.campaign_visits_owed is \(owed); recounted from the scenario: \(due.count)"))
        }
        let kept = due.filter(\.isKept).count
        if let got = k.campaignVisitsKept, got != kept {
            found.append(PlanViolation(rule: "5.8", message:
                "kpis.campaign_visits_kept is \(got); recounted from the routes: \(kept)"))
        }
        guard let listed = c.plan.missedCampaigns else { return found }
        let missed = Dictionary(due.filter { !$0.isKept }.map { ($0.household + "\u{1}" + $0.campaign, $0) },
                                uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        for m in listed {
            let key = m.household + "\u{1}" + m.campaign
            guard seen.insert(key).inserted else {
                found.append(PlanViolation(rule: "4", task: m.household, message:
                    "missed_campaigns holds \(m.household) '\(m.campaign)' more than once"))
                continue
            }
            guard let o = missed[key] else {
                found.append(PlanViolation(rule: "4", task: m.household, message:
                    "missed_campaigns holds \(m.household) '\(m.campaign)', which the plan delivers by its deadline "
                    + "or which is not owed with a deadline in the horizon"))
                continue
            }
            if m.deadline != o.by {
                found.append(PlanViolation(rule: "4", task: m.household, message:
                    "missed_campaigns gives \(m.household) '\(m.campaign)' deadline \(m.deadline.iso); the campaign's is \(o.by.iso)"))
            }
        }
        for (key, o) in missed.sorted(by: { $0.key < $1.key }) where !seen.contains(key) {
            found.append(PlanViolation(rule: "4", task: o.household, message:
                "\(o.household) gets no '\(o.campaign)' visit by \(o.by.iso) but is missing from missed_campaigns"))
        }
        return found
    }
}
