import Foundation
import GridPlanCore

/// Campaign visits between assignment and routing: which visit carries a household's campaigns and
/// how many minutes it adds, by the rule `Job.durationMin(on:visitDates:)` the checker uses. A
/// campaign-only visit (`PlannedVisit.campaignOnly`) is its own stop and adds nothing to a regular one.
enum CampaignVisits {
    /// The visits with the dates of campaign households pinned (no `movableDates`, so routing keeps
    /// their first visit where the assignment put it), and the extra minutes per job and date.
    static func pin(_ visits: [PlannedVisit], scenario: ResolvedScenario) -> ([PlannedVisit], [String: [CivilDate: Int]]) {
        let owing = scenario.jobsById.filter { !$0.value.campaigns.isEmpty }
        guard !owing.isEmpty else { return (visits, [:]) }
        var dates: [String: [CivilDate]] = [:]
        for v in visits where owing[v.job] != nil && !v.isCampaignOnly { dates[v.job, default: []].append(v.date) }
        var extra: [String: [CivilDate: Int]] = [:]
        // Every owing job gets an entry (empty when no visit carries minutes): repair keeps their dates.
        for id in dates.keys { extra[id] = [:] }
        for (id, ds) in dates {
            let job = owing[id]!
            for d in Set(ds) {
                let minutes = job.durationMin(on: d, visitDates: ds) - job.durationMin
                if minutes > 0 { extra[id, default: [:]][d] = minutes }
            }
        }
        let pinned = visits.map { v -> PlannedVisit in
            guard owing[v.job] != nil else { return v }
            var p = v
            p.movableDates = []
            return p
        }
        return (pinned, extra)
    }

    /// Jobs owing a campaign whose deadline falls in the horizon: planned even when not due.
    static func openInHorizon(_ scenario: ResolvedScenario) -> Set<String> {
        let h = scenario.horizon
        return Set(scenario.jobs.filter { $0.campaigns.contains { $0.by >= h.start && $0.by <= h.end } }.map(\.id))
    }

    /// The largest extra minutes a visit of `job` on `date` may carry (its open campaigns due on or after the date).
    static func maxExtraMinutes(_ job: Job, on date: CivilDate) -> Int {
        job.campaigns.filter { date <= $0.by }.reduce(0) { $0 + $1.durationMin }
    }

    /// The job a campaign-only visit routes as: the household (its place, grid, skills, window, weekdays,
    /// `workers_needed`) as a stop of kind `campaign` lasting the minutes of the campaigns it delivers.
    static func campaignJob(_ household: Job, delivering names: [String]) -> Job {
        var j = household
        j.kind = .campaign
        j.durationMin = household.campaigns.filter { names.contains($0.name) }.reduce(0) { $0 + $1.durationMin }
        return j
    }
}
