import Foundation
import GridPlanCore

/// Finds why a task could not be kept on time (format §4 `late`), checking the rules in the order a
/// grid head can act on them: nobody eligible (grid, skills), a window outside every shift, no
/// working day, the gap rules, and finally capacity.
public struct LateDiagnosis: Sendable {
    let scenario: Scenario
    let calendar: WorkingCalendar
    let eligibility: Eligibility

    public init(scenario: Scenario) {
        self.scenario = scenario
        calendar = WorkingCalendar(horizon: scenario.horizon)
        eligibility = Eligibility(scenario: scenario)
    }

    /// The reason and detail for `job`, late `lateDays` days in the plan whose routes are given.
    ///
    /// - Parameters:
    ///   - firstMissedDue: the first due date it misses.
    ///   - routes: the plan's routes (to name the workers and days that were full).
    public func diagnose(_ job: Job, lateDays: Int, firstMissedDue: CivilDate, routes: [Route]) -> (LateReason, String) {
        let coverers = scenario.workers.filter { $0.covers(grid: job.grid) }
        if coverers.isEmpty {
            return (.noEligibleWorker, "no worker's grids or may_cover include grid \(job.grid)")
        }
        let skilled = coverers.filter { w in job.skills.allSatisfy { w.skills.contains($0) } }
        if skilled.isEmpty {
            let missing = job.skills.filter { s in !coverers.contains { $0.skills.contains(s) } }
            let needs = missing.isEmpty ? job.skills : missing
            if needs.count == 1 {
                return (.noEligibleWorker, "needs skill \(needs[0]); nobody covering grid \(job.grid) has it")
            }
            return (.noEligibleWorker, "needs skills \(job.skills.joined(separator: ", ")); nobody covering grid \(job.grid) has them all")
        }
        if job.windowIsEmpty {
            return (.windowOutsideShift, "the household's window and its categories' windows share no minute")
        }
        let fitting = skilled.filter { Eligibility.windowFits(job, $0) }
        if fitting.isEmpty {
            let w = job.window?.description ?? "the day"
            let ids = skilled.map(\.id).joined(separator: ", ")
            return (.windowOutsideShift, "window \(w) leaves no \(job.durationMin) minutes inside the shift (less break) of \(ids)")
        }
        if fitting.count < job.workersNeeded {
            return (.noEligibleWorker, "needs \(job.workersNeeded) workers together; only \(fitting.map(\.id).joined(separator: ", ")) covering grid \(job.grid) qualify")
        }
        let days = scenario.horizon.dates.filter { d in
            fitting.filter { eligibility.isEligible($0, for: job, on: d) }.count >= job.workersNeeded
        }
        if days.isEmpty {
            let wd = job.weekdays.map { " on " + $0.map(\.name).joined(separator: "/") + " only" } ?? ""
            return (.noWorkingDay, "no worker covering grid \(job.grid) works in the horizon when it can be visited\(wd)")
        }
        // Lateness with unlimited capacity, with and without the gap rules.
        let best = bestLateness(job, days: days)
        if best > 0 {
            var relaxed = job
            relaxed.minGapDays = 1
            if bestLateness(relaxed, days: days) < best {
                let last = job.lastVisit.map { "last visit \($0.iso), " } ?? ""
                return (.minGap, "\(last)min_gap_days \(job.minGapDays) keeps it from its due date \(firstMissedDue.iso) inside the horizon")
            }
            let listed = days.prefix(4).map(\.iso).joined(separator: ", ")
            return (.noWorkingDay, "due \(firstMissedDue.iso); eligible workers work on \(listed)\(days.count > 4 ? ", …" : "") only")
        }
        if lateDays > best {
            // Eligible and available, but those days were full.
            let upTo = max(firstMissedDue, days.first!)
            let window = days.filter { $0 <= upTo }
            let ws = fitting.filter { w in window.contains { eligibility.isEligible(w, for: job, on: $0) } }
            var full: [String] = []
            for w in ws {
                let ds = window.filter { eligibility.isEligible(w, for: job, on: $0) }
                let busy = ds.filter { d in routes.contains { $0.worker == w.id && $0.date == d && !$0.stops.isEmpty } }
                if !busy.isEmpty { full.append("\(w.id) on \(busy.map(\.iso).joined(separator: ", "))") }
            }
            if full.isEmpty {
                return (.other, "eligible workers were free on its days but no timed route could take it")
            }
            return (.capacity, "due \(firstMissedDue.iso); the eligible workers' days it could have been on time were full: \(full.joined(separator: "; "))")
        }
        return (.other, "late although its best possible schedule has \(best) late days")
    }

    /// The fewest late days the job can have using only `days`, ignoring capacity.
    func bestLateness(_ job: Job, days: [CivilDate]) -> Int {
        PatternEnumerator.patterns(for: job, candidateDates: days, calendar: calendar, limit: 1)
            .map(\.lateDays).min() ?? 0
    }
}
