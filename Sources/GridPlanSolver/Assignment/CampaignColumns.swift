import Foundation
import GridPlanCore

/// Campaign-only visits in the assignment (Docs/model.md, `cy[j,d]` and `cx[j,d,w]`): a household
/// owing a campaign whose deadline falls in the horizon may get a visit of its own for it, on any date
/// on or before the deadline — not bound by the regular rhythm's `min_gap_days` — lasting the minutes
/// of the campaigns it delivers. A regular visit on or before the deadline carries the campaign
/// instead (cheaper: no extra trip), so the model takes a campaign-only visit where no regular visit
/// can, or where capacity favours the shorter stop.
extension AssignmentInstance {
    /// The dates and eligible workers of `job`'s campaign-only visits: dates of its weekdays on or
    /// before the latest deadline of `campaigns` on which `workersNeeded` of the `candidates` work, cover
    /// its grid with its skills, and have a stretch of the window for the minutes the visit would take.
    static func campaignDays(_ job: Job, campaigns: [CampaignDeadline], candidates: [Int], workers: [WorkerInfo],
                             dates: [CivilDate]) -> (days: [Int], eligible: [[Int]]) {
        guard let last = campaigns.map(\.by).max(), !job.windowIsEmpty else { return ([], []) }
        var days: [Int] = [], eligible: [[Int]] = []
        for di in dates.indices where dates[di] <= last && job.allows(weekdayOf: dates[di]) {
            let minutes = campaigns.filter { dates[di] <= $0.by }.reduce(0) { $0 + $1.minutes }
            let ws = candidates.filter { w in
                workers[w].works[di] && Eligibility.qualifies(workers[w].worker, for: job)
                    && Eligibility.longestStretch(of: workers[w].worker, in: job.window) >= minutes
            }
            guard ws.count >= job.workersNeeded else { continue }
            days.append(di)
            eligible.append(ws)
        }
        return (days, eligible)
    }

    /// Minutes at the door of job `j`'s campaign-only visit on day offset `d`: its campaigns with a
    /// deadline in the horizon not before that date (an upper bound: a regular visit may carry some).
    func campaignMinutes(job j: Int, day d: Int) -> Int {
        jobs[j].campaigns.filter { dates[d] <= $0.by }.reduce(0) { $0 + $1.minutes }
    }

    /// Minutes a campaign-only visit of job `j` on day offset `d` takes from worker `w`'s day: its
    /// campaigns' minutes and the estimated leg (as `load` counts a regular visit).
    func campaignLoad(job j: Int, day d: Int, worker w: Int) -> Int {
        campaignMinutes(job: j, day: d) + legMinutes(job: j, worker: w)
    }

    /// The charge of a campaign-only visit, whoever makes it: a continuity unit that the preferred
    /// worker takes back (as for a regular visit), the most it could lower the balance and level terms
    /// (as `evennessCharge`), and the extra trip to the door (`campaignTripCharge`).
    func campaignVisitCost(job j: Int, day d: Int) -> Double {
        let info = jobs[j]
        guard let k = info.campaignDays.firstIndex(of: d) else { return campaignTripCharge(job: j) + weights.continuity }
        let even = info.campaignEligible[k].map { evennessWeight(worker: $0) * Double(campaignLoad(job: j, day: d, worker: $0)) }.max() ?? 0
        return campaignTripCharge(job: j) + weights.continuity + even
    }

    /// What a campaign-only visit costs beyond a regular visit of the job that could carry it: three
    /// continuity-and-regularity units, and twice the most the regular visit's minutes could weigh on
    /// the balance and level terms (which a shorter stop could otherwise win back). So where a
    /// regular visit can carry the campaign, the model prefers it: no extra trip, and no regular
    /// visit due soon after the greeting.
    func campaignTripCharge(job j: Int) -> Double {
        let info = jobs[j]
        var regular = 0.0
        for (k, d) in info.days.enumerated() {
            for w in info.eligible[k] { regular = max(regular, evennessWeight(worker: w) * Double(load(job: j, day: d, worker: w))) }
        }
        return 3 * (weights.continuity + weights.regularity) + 2 * regular
    }

    /// The level and balance weight of one minute in worker `w`'s day, as `evennessCharge` counts it.
    func evennessWeight(worker w: Int) -> Double {
        var c = levelled.contains(w) ? weights.level : 0
        if hasBalance, !workers[w].isHelper, workers[w].totalAvailable > 0 { c += balanceCost / Double(workers[w].totalAvailable) }
        return c
    }

    /// Objective cost of worker `w` taking part in job `j`'s campaign-only visit on day offset `d`:
    /// the travel estimate, less the continuity unit when `w` is the preferred worker (a stand-in
    /// helper's minutes cost as for a regular visit).
    func campaignWorkerCost(job j: Int, day d: Int, worker w: Int) -> Double {
        var c = weights.travel * Double(legMinutes(job: j, worker: w))
        if jobs[j].preferred == w { c -= weights.continuity }
        if workers[w].isHelper { c += helperMinuteCost * Double(campaignLoad(job: j, day: d, worker: w)) }
        return c
    }
}
