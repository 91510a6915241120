import Foundation
import GridPlanCore

/// Measures what the shortfall would take (`Shortfall`): the assignment solved again with one
/// stand-in helper per grid that has capacity-late tasks, then the helpers' days routed.
///
/// A helper is what a street can usually call in — a part-time helper (协管员, a volunteer) without
/// special skills: it covers its grid only, works the shift of the grid's first worker (break
/// included) from that worker's start place, on every working day of the horizon. The re-solve
/// minimises lateness first, as the plan did, then the helpers' minutes (`helperMinuteCost`), so
/// helpers take only what the staff cannot. The minutes reported are the helpers' routed working
/// time, not an estimate; a helper visit its route cannot hold does not count as bringing its task on time.
/// The two scenarios it makes (the staff with the helpers, the helpers alone) are resolved once each.
enum ShortfallAnalysis {
    /// Share of the plan's time limit the re-solve may use.
    static let timeShare = 0.15

    /// The shortfall of a plan whose late list is `late` (nil when no task is late for capacity), and
    /// whether a watchdog of the re-solve or of its routing stopped it before its work was done.
    static func measure(_ scenario: ResolvedScenario, late: [LateTask], timeLimitSeconds: Double, mipGap: Double,
                        threads: Int, cycle: CycleObjective) -> (shortfall: Shortfall?, hitClock: Bool) {
        let capacityLate = late.filter { $0.reason == .capacity }
        guard !capacityLate.isEmpty else { return (nil, false) }
        let lateJobs = capacityLate.compactMap { scenario.job($0.task) }
        let grids = Array(Set(lateJobs.map(\.grid))).sorted()

        var helpers: [Worker] = []
        var helperGrid: [String: String] = [:]
        let taken = Set(scenario.workers.map(\.id))
        for g in grids {
            guard let home = scenario.workers.first(where: { $0.grids.contains(g) })
                ?? scenario.workers.first(where: { $0.mayCover.contains(g) }) else { continue }
            var id = "shortfall-helper-\(g)"
            while taken.contains(id) { id += "'" }
            helpers.append(Worker(id: id, name: id, grids: [g], start: home.start, end: home.end, shift: home.shift,
                                  breakTime: home.breakTime, speedKmh: home.speedKmh))
            helperGrid[id] = g
        }
        guard !helpers.isEmpty else { return (nil, false) }

        var helped = scenario.scenario
        helped.workers += helpers
        var options = AssignmentOptions(timeLimitSeconds: timeLimitSeconds * timeShare, mipGap: mipGap, threads: threads)
        options.cycle = cycle
        options.watchdogSeconds = timeLimitSeconds * timeShare * Planner.watchdogFactor
        options.helpers = Set(helpers.map(\.id))
        options.onlyPartsWith = Set(capacityLate.map(\.task))
        options.provesLateTaskDaysFloor = false
        guard let result = try? Assignment.assign(ResolvedScenario(helped), options: options) else { return (nil, false) }

        // The helpers' days, routed among the helpers alone (so no visit moves back to the staff).
        var helpersOnly = helped
        helpersOnly.workers = helpers
        // Regular visits only: a campaign greeting is not what the late tasks need.
        let helperVisits = result.visits.filter { !$0.isCampaignOnly && $0.workers.contains { helperGrid[$0] != nil } }.map { v -> PlannedVisit in
            var p = v
            p.movableDates = []
            return p
        }
        var routing = RoutingOptions(timeLimitSeconds: max(1, timeLimitSeconds * 0.05) * Planner.watchdogFactor, seed: 1)
        routing.workSeconds = max(1, timeLimitSeconds * 0.05)
        let routed = WeekRouting.route(scenario: ResolvedScenario(helpersOnly), visits: helperVisits, options: routing)
        let unplaced = Set(routed.unplaced.map { VisitKey(job: $0.job, date: $0.date) })

        var needs: [ShortfallNeed] = []
        let byId = Dictionary(uniqueKeysWithValues: helpers.map { ($0.id, $0) })
        for r in routed.routes where !r.stops.isEmpty {
            guard let g = helperGrid[r.worker], let w = byId[r.worker] else { continue }
            needs.append(ShortfallNeed(grid: g, date: r.date, minutes: r.workingMinutes(breakTime: w.breakTime),
                                       tasks: r.stops.map(\.task).sorted()))
        }
        needs.sort { ($0.date, $0.grid) < ($1.date, $1.grid) }

        let calendar = scenario.calendar
        var dates: [String: [CivilDate]] = [:]
        for v in result.visits where !v.isCampaignOnly && !unplaced.contains(VisitKey(job: v.job, date: v.date)) {
            dates[v.job, default: []].append(v.date)
        }
        var onTime = 0, remaining = 0
        var beyond: [String] = []
        for job in lateJobs {
            let days = job.dueRule.lateness(visits: (dates[job.id] ?? []).sorted(), calendar: calendar).lateDays
            if days == 0 { onTime += 1 } else {
                remaining += days
                if !job.skills.isEmpty || job.workersNeeded > 1 { beyond.append(job.id) }
            }
        }
        let shortfall = Shortfall(lateTasks: capacityLate.count, lateTaskDays: capacityLate.reduce(0) { $0 + $1.lateDays },
                                  tasksOnTime: onTime, lateTaskDaysWithHelp: remaining, needs: needs, beyondHelpers: beyond.sorted())
        return (shortfall, routed.hitClock || result.stages.contains { $0.stoppedBy == "clock" })
    }
}
