import Foundation
import GridPlanCore

/// Why a household gets no campaign visit by the deadline (plan.json `missed_campaigns`): the checks
/// of `LateDiagnosis` in the same order, for a campaign-only visit — which no gap rule binds, so
/// `min_gap` never applies: nobody eligible (grid, skills, pair), a window leaving no room for the
/// campaign's minutes, no working day of an eligible worker on or before the deadline, and capacity.
struct CampaignDiagnosis {
    let scenario: ResolvedScenario
    let eligibility: Eligibility

    init(scenario: ResolvedScenario) {
        self.scenario = scenario
        eligibility = Eligibility(scenario: scenario)
    }

    /// Every campaign owed with its deadline in the horizon that `routes` do not deliver by it, in
    /// household order, then by deadline, each with its reason.
    func missed(in routes: [Route]) -> [MissedCampaign] {
        CampaignDeliveries.outcomes(of: routes, jobs: scenario.jobs)
            .filter { $0.isDue(in: scenario.horizon) && !$0.isKept }
            .compactMap { o in scenario.job(o.household).map { diagnose(o.campaign, of: $0, routes: routes) } }
    }

    /// The reason campaign `c` of `household` is not delivered by its deadline in `routes`.
    func diagnose(_ c: CampaignDue, of household: Job, routes: [Route]) -> MissedCampaign {
        func missed(_ reason: LateReason, _ detail: String, workers: [String]? = nil, dates: [CivilDate]? = nil) -> MissedCampaign {
            MissedCampaign(household: household.id, campaign: c.name, deadline: c.by, reason: reason, detail: detail,
                           workers: workers, dates: dates)
        }
        let job = CampaignVisits.campaignJob(household, delivering: [c.name])
        let coverers = scenario.workers.filter { $0.covers(grid: job.grid) }
        if coverers.isEmpty {
            return missed(.noEligibleWorker, "no worker's grids or may_cover include grid \(job.grid)")
        }
        let skilled = coverers.filter { w in job.skills.allSatisfy { w.skills.contains($0) } }
        if skilled.count < job.workersNeeded {
            if skilled.isEmpty {
                return missed(.noEligibleWorker, "needs skill\(job.skills.count == 1 ? "" : "s") \(job.skills.joined(separator: ", ")); "
                    + "nobody covering grid \(job.grid) has \(job.skills.count == 1 ? "it" : "them all")")
            }
            return missed(.noEligibleWorker, "needs \(job.workersNeeded) workers together; only "
                + "\(skilled.map(\.id).joined(separator: ", ")) covering grid \(job.grid) qualify")
        }
        if job.windowIsEmpty {
            return missed(.windowOutsideShift, "the household's window and its categories' windows share no minute")
        }
        let fitting = skilled.filter { Eligibility.windowFits(job, $0) }
        if fitting.count < job.workersNeeded {
            return missed(.windowOutsideShift, "window \(job.window?.description ?? "the day") leaves no \(job.durationMin) "
                + "minutes inside the shift (less break) of \(skilled.map(\.id).joined(separator: ", "))")
        }
        let days = scenario.horizon.dates.filter { d in
            d <= c.by && fitting.filter { eligibility.isEligible($0, for: job, on: d) }.count >= job.workersNeeded
        }
        if days.isEmpty {
            let wd = job.weekdays.map { " on " + $0.map(\.name).joined(separator: "/") + " only" } ?? ""
            return missed(.noWorkingDay, "no worker covering grid \(job.grid) works from \(scenario.horizon.start.iso) "
                + "to the deadline \(c.by.iso) when the household can be visited\(wd)")
        }
        var full: [String] = [], who: [String] = [], when = Set<CivilDate>()
        for w in fitting {
            let busy = days.filter { d in
                eligibility.isEligible(w, for: job, on: d) && routes.contains { $0.worker == w.id && $0.date == d && !$0.stops.isEmpty }
            }
            guard !busy.isEmpty else { continue }
            full.append("\(w.id) on \(busy.map(\.iso).joined(separator: ", "))")
            who.append(w.id)
            when.formUnion(busy)
        }
        if full.isEmpty {
            return missed(.other, "eligible workers were free on or before \(c.by.iso) but no timed route could take "
                + "the \(job.durationMin)-minute visit")
        }
        return missed(.capacity, "deadline \(c.by.iso); the eligible workers' days up to it were full: \(full.joined(separator: "; "))",
                      workers: who, dates: when.sorted())
    }
}
