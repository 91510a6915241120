import Foundation
import GridPlanCore

/// Campaign visits between assignment and routing: which visit carries a household's campaigns and
/// how many minutes it adds, by the rule `Job.durationMin(on:visitDates:)` the checker uses.
enum CampaignVisits {
    /// The visits with the dates of campaign households pinned (no `movableDates`, so routing keeps
    /// their first visit where the assignment put it), and the extra minutes per job and date.
    static func pin(_ visits: [PlannedVisit], scenario: Scenario) -> ([PlannedVisit], [String: [CivilDate: Int]]) {
        let owing = Dictionary(scenario.jobs().filter { !$0.campaigns.isEmpty }.map { ($0.id, $0) },
                               uniquingKeysWith: { a, _ in a })
        guard !owing.isEmpty else { return (visits, [:]) }
        var dates: [String: [CivilDate]] = [:]
        for v in visits where owing[v.job] != nil { dates[v.job, default: []].append(v.date) }
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
    static func openInHorizon(_ scenario: Scenario) -> Set<String> {
        let h = scenario.horizon
        return Set(scenario.jobs().filter { $0.campaigns.contains { $0.by >= h.start && $0.by <= h.end } }.map(\.id))
    }

    /// The largest extra minutes a visit of `job` on `date` may carry (its open campaigns due on or after the date).
    static func maxExtraMinutes(_ job: Job, on date: CivilDate) -> Int {
        job.campaigns.filter { date <= $0.by }.reduce(0) { $0 + $1.durationMin }
    }

    /// Objective cost of a pattern that leaves a campaign with its deadline in the horizon unvisited
    /// by then: three late days of the job's priority per campaign missed.
    static func missCost(_ job: Job, dates: [CivilDate], horizon: Horizon, weights: Weights) -> Double {
        let first = dates.min()
        let missed = job.campaigns.filter { c in c.by >= horizon.start && c.by <= horizon.end && !(first.map { $0 <= c.by } ?? false) }
        return Double(missed.count) * weights.lateness * Double(job.priority) * 3
    }

    /// A campaign job's patterns, with one-visit patterns on the candidate dates up to the deadline
    /// (keeping `min_gap_days`) added when no pattern visits it in time.
    static func patterns(_ patterns: [DayPattern], of job: Job, candidateDates: [CivilDate], calendar: WorkingCalendar)
        -> [DayPattern] {
        let h = calendar.horizon
        guard let by = job.campaigns.filter({ $0.by >= h.start && $0.by <= h.end }).map(\.by).max() else { return patterns }
        if patterns.contains(where: { ($0.dates.min().map { $0 <= by }) ?? false }) { return patterns }
        let earliest = job.pastVisits.max().map { $0.adding(days: job.minGapDays) }
        let extra = candidateDates.filter { d0 in d0 <= by && (earliest.map { e in d0 >= e } ?? true) }.map { d in
            DayPattern(dates: [d], lateDays: job.dueRule.lateness(visits: [d], calendar: calendar).lateDays)
        }
        return patterns + extra.filter { p in !patterns.contains { $0.dates == p.dates } }
    }
}
