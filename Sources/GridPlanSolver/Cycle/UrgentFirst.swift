import Foundation
import GridPlanCore

/// Puts an urgent household's stop first in its worker's day, so the worker goes there before
/// anything else, and re-times the route (same stops; the others keep their order, or the urgent stop
/// swaps places with the first one).
///
/// A route is changed only when the re-timed day keeps every rule a route must keep (shift, break,
/// windows, travel); pair visits keep their minute (their partner's day is fixed), and an urgent
/// pair visit is left where it is.
enum UrgentFirst {
    /// `routes` with each urgent single-worker stop moved to the front of its route where feasible.
    ///
    /// - Returns: the routes, and the urgent tasks that could not be put first (each moved as early in
    ///   its day as the day still fits, or left in place).
    static func reorder(_ routes: [Route], urgent: Set<String>, scenario: ResolvedScenario) -> ([Route], [String]) {
        guard !urgent.isEmpty else { return (routes, []) }
        let travel = scenario.travelModel
        let jobs = scenario.jobsById
        let workers = scenario.workersById
        var out = routes
        var notFirst: [String] = []
        for (i, r) in routes.enumerated() {
            guard let k = r.stops.firstIndex(where: { urgent.contains($0.task) }), k > 0,
                  let w = workers[r.worker] else { continue }
            // An urgent pair visit keeps the minute its partner shares.
            guard r.stops[k].with.isEmpty else {
                notFirst.append(r.stops[k].task)
                continue
            }
            // Either the urgent stop goes to the front and the rest keeps its order, or it swaps
            // places with the first stop; the first order whose day still fits wins.
            var shifted = r.stops
            let s = shifted.remove(at: k)
            shifted.insert(s, at: 0)
            var swapped = r.stops
            swapped.swapAt(0, k)
            if let timed = retime(r, order: shifted, worker: w, jobs: jobs, travel: travel)
                ?? retime(r, order: swapped, worker: w, jobs: jobs, travel: travel) {
                out[i] = timed
            } else {
                notFirst.append(s.task)
                // Not first (a pair visit's fixed minute, a window): as early as the day allows.
                for p in 1..<k {
                    var earlier = r.stops
                    earlier.remove(at: k)
                    earlier.insert(s, at: p)
                    if let timed = retime(r, order: earlier, worker: w, jobs: jobs, travel: travel) {
                        out[i] = timed
                        break
                    }
                }
            }
        }
        return (out, notFirst)
    }

    /// The route with its stops in `order`, each started as early as its `DayTimeline` allows (travel,
    /// window, break), keeping each stop's length, and left as late as the first stop allows; nil when
    /// the day no longer fits. Not compacted: the urgent stop is to be reached as early as it can be.
    static func retime(_ r: Route, order: [Stop], worker w: Worker, jobs: [String: Job], travel: TravelModel) -> Route? {
        var errands: [DayRoute.Errand] = []
        for s in order {
            guard let job = jobs[s.task] else { return nil }
            errands.append(DayRoute.Errand(task: s.task, kind: s.kind, duration: s.end.minutes - s.start.minutes,
                                           window: DayRoute.window(of: job, for: w), with: s.with, campaign: s.campaign,
                                           pinnedAt: s.with.isEmpty ? nil : s.start.minutes))
        }
        let day = DayRoute(worker: w, errands: errands, travel: travel)
        guard !errands.isEmpty, let starts = day.earliestStarts() else { return nil }
        return day.route(on: r.date, starts: starts)
    }
}
