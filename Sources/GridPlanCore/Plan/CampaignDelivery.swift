import Foundation

/// A campaign visit the plan does not make by its deadline (plan.json `missed_campaigns`, an
/// extension of format §4): which household, which campaign, and why.
public struct MissedCampaign: Sendable, Hashable, Codable {
    public var household: String
    public var campaign: String
    /// The campaign's `by`.
    public var deadline: CivilDate
    /// The codes of the late list (§4) that apply to a visit not bound by a gap rule:
    /// `no_eligible_worker`, `no_working_day`, `window_outside_shift`, `capacity` or `other`.
    public var reason: LateReason
    /// What a grid head can act on (English; reports compose their own sentence from the fields).
    public var detail: String
    /// For `capacity`: the eligible workers whose days up to the deadline were full, and those days
    /// (optional; the parameters of `detail`, so each report language can say it).
    public var workers: [String]?
    public var dates: [CivilDate]?

    public init(household: String, campaign: String, deadline: CivilDate, reason: LateReason, detail: String,
                workers: [String]? = nil, dates: [CivilDate]? = nil) {
        self.household = household
        self.campaign = campaign
        self.deadline = deadline
        self.reason = reason
        self.detail = detail
        self.workers = workers
        self.dates = dates
    }
}

/// One campaign a household owes at the start of the plan, and the stop that delivers it.
public struct CampaignOutcome: Sendable, Hashable {
    public var household: String
    public var campaign: CampaignDue
    /// The date of the stop that delivers it, nil when no stop does.
    public var deliveredOn: CivilDate?
    /// True when a campaign-only stop (kind `campaign`) delivers it, false when a regular visit carries it.
    public var byCampaignStop: Bool

    /// Whether the deadline falls in `horizon` (the campaigns the plan must keep).
    public func isDue(in horizon: Horizon) -> Bool { campaign.by >= horizon.start && campaign.by <= horizon.end }

    /// Whether it is delivered on or before its deadline.
    public var isKept: Bool { deliveredOn.map { $0 <= campaign.by } ?? false }
}

extension Stop {
    /// A campaign-only stop: its own errand, no visit of the household's rhythm.
    public var isCampaignOnly: Bool { kind == .campaign }
}

/// Which stop of a plan delivers which campaign (Docs/scenario-format.md, `campaigns`):
///
/// - a household's **first regular visit** of the plan carries every campaign it owes whose deadline
///   is not before that visit (`Job.campaigns(carriedOn:visitDates:)`), lasting their minutes longer;
/// - a **campaign-only stop** (kind `campaign`) delivers the campaigns its `campaign` field names,
///   lasting their minutes; a campaign its first regular visit carries is not delivered again.
public enum CampaignDeliveries {
    /// The dates of each task's regular stops (every stop but the campaign-only ones), sorted, unique.
    public static func regularVisitDates(in routes: [Route]) -> [String: [CivilDate]] {
        var dates: [String: Set<CivilDate>] = [:]
        for r in routes { for s in r.stops where !s.isCampaignOnly { dates[s.task, default: []].insert(r.date) } }
        return dates.mapValues { $0.sorted() }
    }

    /// Every campaign each job owes, in job order then by deadline, with the stop that delivers it.
    public static func outcomes(of routes: [Route], jobs: [Job]) -> [CampaignOutcome] {
        let regular = regularVisitDates(in: routes)
        var named: [String: [String: CivilDate]] = [:]  // household → campaign → earliest campaign-only stop
        for r in routes {
            for s in r.stops where s.isCampaignOnly {
                for c in s.campaign ?? [] {
                    if let d = named[s.task]?[c], d <= r.date { continue }
                    named[s.task, default: [:]][c] = r.date
                }
            }
        }
        var out: [CampaignOutcome] = []
        for job in jobs where !job.campaigns.isEmpty {
            let first = regular[job.id]?.first
            for c in job.campaigns {
                if let f = first, f <= c.by {
                    out.append(CampaignOutcome(household: job.id, campaign: c, deliveredOn: f, byCampaignStop: false))
                } else {
                    let d = named[job.id]?[c.name]
                    out.append(CampaignOutcome(household: job.id, campaign: c, deliveredOn: d, byCampaignStop: d != nil))
                }
            }
        }
        return out
    }

    /// The routes with every regular stop that carries campaigns naming them in `campaign` (the
    /// campaign-only stops keep theirs); nothing else changes.
    public static func annotated(_ routes: [Route], jobs: [Job]) -> [Route] {
        let owing = Dictionary(jobs.filter { !$0.campaigns.isEmpty }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        guard !owing.isEmpty else { return routes }
        let regular = regularVisitDates(in: routes)
        return routes.map { r in
            var r = r
            for i in r.stops.indices where !r.stops[i].isCampaignOnly {
                guard let job = owing[r.stops[i].task] else { continue }
                let carried = job.campaigns(carriedOn: r.date, visitDates: regular[job.id] ?? []).map(\.name)
                r.stops[i].campaign = carried.isEmpty ? nil : carried
            }
            return r
        }
    }
}
