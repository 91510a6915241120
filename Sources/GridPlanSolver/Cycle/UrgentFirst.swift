import Foundation
import GridPlanCore

/// Puts an urgent household's stop first in its worker's day, so the worker goes there before
/// anything else, and re-times the route (same stops; the others keep their order, or the urgent stop
/// swaps places with the first one).
///
/// A route is changed only when the re-timed day keeps every rule a route must keep (shift, break,
/// windows, travel); pair visits are left where routing put them (their partner's time is fixed).
enum UrgentFirst {
    /// `routes` with each urgent single-worker stop moved to the front of its route where feasible.
    ///
    /// - Returns: the routes, and the urgent tasks that could not be put first (left in place).
    static func reorder(_ routes: [Route], urgent: Set<String>, scenario: Scenario) -> ([Route], [String]) {
        guard !urgent.isEmpty else { return (routes, []) }
        let travel = TravelModel(scenario: scenario)
        let jobs = Dictionary(scenario.jobs().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let workers = Dictionary(scenario.workers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out = routes
        var notFirst: [String] = []
        for (i, r) in routes.enumerated() {
            guard let k = r.stops.firstIndex(where: { urgent.contains($0.task) }), k > 0,
                  r.stops[k].with.isEmpty, r.stops.allSatisfy({ $0.with.isEmpty }),
                  let w = workers[r.worker] else { continue }
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
            }
        }
        return (out, notFirst)
    }

    /// The route with its stops in `order`, each started as early as travel, window and break allow,
    /// keeping each stop's length; nil when the day no longer fits.
    static func retime(_ r: Route, order: [Stop], worker w: Worker, jobs: [String: Job], travel: TravelModel) -> Route? {
        var stops: [Stop] = []
        var prev = w.start
        var t = w.shift.start.minutes
        var travelMin = 0, travelKm = 0.0
        var routeStart: Int?
        for s in order {
            guard let job = jobs[s.task] else { return nil }
            let length = s.end.minutes - s.start.minutes
            let leg = travel.leg(from: prev, to: s.task, worker: w)
            if routeStart == nil {
                // Leave as late as possible for the first stop, never before the shift starts.
                let earliest = max(WeekRouter.arrival(depart: t, travel: leg.minutes, breakTime: w.breakTime),
                                   job.window?.start.minutes ?? 0)
                t = max(w.shift.start.minutes, earliest - leg.minutes)
                routeStart = t
            }
            let arrive = WeekRouter.arrival(depart: t, travel: leg.minutes, breakTime: w.breakTime)
            var start = max(arrive, job.window?.start.minutes ?? 0)
            if let b = w.breakTime, start < b.end.minutes, start + length > b.start.minutes { start = max(start, b.end.minutes) }
            if let win = job.window, start + length > win.end.minutes { return nil }
            stops.append(Stop(task: s.task, kind: s.kind, arrive: TimeOfDay(minutes: arrive), start: TimeOfDay(minutes: start),
                              end: TimeOfDay(minutes: start + length), travelMin: leg.minutes,
                              travelKm: Plan.round(leg.km, places: 6), with: s.with))
            travelMin += leg.minutes
            travelKm += leg.km
            t = start + length
            prev = s.task
        }
        let home = travel.leg(from: prev, to: w.end, worker: w)
        let end = WeekRouter.arrival(depart: t, travel: home.minutes, breakTime: w.breakTime)
        guard end <= w.shift.end.minutes, let begin = routeStart else { return nil }
        return Route(worker: r.worker, date: r.date, start: TimeOfDay(minutes: begin), end: TimeOfDay(minutes: end),
                     travelMin: travelMin + home.minutes, travelKm: Plan.round(travelKm + home.km, places: 6),
                     serviceMin: r.serviceMin, stops: stops)
    }
}
