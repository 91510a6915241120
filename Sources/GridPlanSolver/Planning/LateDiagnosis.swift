import Foundation
import GridPlanCore

/// Finds why a task could not be kept on time (format §4 `late`), checking the rules in the order a
/// grid head can act on them: nobody eligible (grid, skills), a window outside every shift, no
/// working day, the gap rules, and finally capacity.
public struct LateDiagnosis: Sendable {
    let scenario: ResolvedScenario
    let calendar: WorkingCalendar
    let eligibility: Eligibility

    public init(scenario: ResolvedScenario) {
        self.scenario = scenario
        calendar = scenario.calendar
        eligibility = Eligibility(scenario: scenario)
    }

    /// Why `job`, late `lateDays` days in the plan whose routes are given, could not be on time:
    /// a detail code with its parameters (its `reason` is the format's §4 reason).
    ///
    /// - Parameters:
    ///   - firstMissedDue: the first due date it misses.
    ///   - routes: the plan's routes (to name the workers and days that were full).
    public func diagnose(_ job: Job, lateDays: Int, firstMissedDue: CivilDate, routes: [Route]) -> LateDetail {
        let coverers = scenario.workers.filter { $0.covers(grid: job.grid) }
        if coverers.isEmpty { return .noWorkerCoversGrid(grid: job.grid) }
        let skilled = coverers.filter { w in job.skills.allSatisfy { w.skills.contains($0) } }
        if skilled.isEmpty {
            let missing = job.skills.filter { s in !coverers.contains { $0.skills.contains(s) } }
            let needs = missing.isEmpty ? job.skills : missing
            if needs.count == 1 { return .missingSkill(skill: needs[0], grid: job.grid) }
            return .missingSkillCombination(skills: job.skills, grid: job.grid)
        }
        if job.windowIsEmpty { return .windowsDisjoint }
        let fitting = skilled.filter { Eligibility.windowFits(job, $0) }
        if fitting.isEmpty {
            return .windowOutsideShifts(window: job.window, durationMin: job.durationMin, workers: skilled.map(\.id))
        }
        if fitting.count < job.workersNeeded {
            return .tooFewWorkers(needed: job.workersNeeded, workers: fitting.map(\.id), grid: job.grid)
        }
        let days = scenario.horizon.dates.filter { d in
            fitting.filter { eligibility.isEligible($0, for: job, on: d) }.count >= job.workersNeeded
        }
        if days.isEmpty { return .noVisitingDay(grid: job.grid, weekdays: job.weekdays) }
        // Lateness with unlimited capacity, with and without the gap rules.
        let best = bestLateness(job, days: days)
        if best > 0 {
            var relaxed = job
            relaxed.minGapDays = 1
            if bestLateness(relaxed, days: days) < best {
                return .minGap(lastVisit: job.lastVisit, minGapDays: job.minGapDays, due: firstMissedDue)
            }
            return .fewWorkingDays(dates: days)
        }
        if lateDays > best {
            // Eligible and available, but the days that would have kept its first late day on time
            // were full: a visit in the N days ending on that day, not before the gap allows. (After
            // a run of holidays those are the days after it, not the days before the due date.)
            let firstLate = calendar.workingDays.first { $0 >= firstMissedDue } ?? firstMissedDue
            var from = firstLate.adding(days: 1 - job.everyDays)
            if let l = job.lastVisit { from = max(from, l.adding(days: job.minGapDays)) }
            var window = days.filter { $0 >= from && $0 <= firstLate }
            if window.isEmpty { window = days.filter { $0 <= max(firstMissedDue, days.first!) } }
            let ws = fitting.filter { w in window.contains { eligibility.isEligible(w, for: job, on: $0) } }
            var full: [LateDetail.WorkerDays] = []
            for w in ws {
                let ds = window.filter { eligibility.isEligible(w, for: job, on: $0) }
                let busy = ds.filter { d in routes.contains { $0.worker == w.id && $0.date == d && !$0.stops.isEmpty } }
                if !busy.isEmpty { full.append(.init(worker: w.id, dates: busy)) }
            }
            if full.isEmpty { return .noTimedRoute }
            return .capacityFullDays(full: full)
        }
        return .beyondBestSchedule(bestLateDays: best)
    }

    /// The fewest late days the job can have using only `days`, ignoring capacity.
    func bestLateness(_ job: Job, days: [CivilDate]) -> Int {
        PatternEnumerator.patterns(for: job, candidateDates: days, calendar: calendar, limit: 1)
            .map(\.lateDays).min() ?? 0
    }
}
