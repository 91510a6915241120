import Foundation
import GridPlanCore

/// A worker's day in visiting order, before its minutes are known: its stops, the §3 legs between
/// them (start place → each stop → end place) and the worker's `DayTimeline`. Times it and writes the
/// plan's `Route`: week routing checks a pair's common minute on it and exports its routes with it,
/// and urgent-first re-timing writes its days with it, so all of them time and write a day the same way.
struct DayRoute {
    /// What a stop of the route is besides its times.
    struct Errand {
        var task: String
        var kind: JobKind
        /// Minutes on site (campaign minutes included).
        var duration: Int
        /// Earliest start and latest end: the task's window within the shift.
        var window: (start: Int, end: Int)
        /// The other workers of a pair visit.
        var with: [String] = []
        /// The campaigns a campaign-only stop delivers.
        var campaign: [String]? = nil
        /// A pair visit's common start minute, where it is pinned.
        var pinnedAt: Int? = nil
    }

    let worker: Worker
    let timeline: DayTimeline
    let errands: [Errand]
    /// One more than `errands`: the leg to each stop, then the leg home.
    let legs: [Leg]

    init(worker: Worker, errands: [Errand], travel: TravelModel) {
        self.worker = worker
        timeline = DayTimeline(worker: worker)
        self.errands = errands
        var legs: [Leg] = []
        var prev = worker.start
        for e in errands {
            legs.append(travel.leg(from: prev, to: e.task, worker: worker))
            prev = e.task
        }
        legs.append(travel.leg(from: prev, to: worker.end, worker: worker))
        self.legs = legs
    }

    /// The timeline's stops: a pinned stop may start only at its minute, the others within their window.
    var stops: [DayTimeline.Stop] {
        zip(errands, legs).map { e, leg in
            DayTimeline.Stop(travel: leg.timing, duration: e.duration, earliest: e.pinnedAt ?? e.window.start,
                             latest: e.pinnedAt ?? e.window.end - e.duration, pinned: e.pinnedAt != nil)
        }
    }

    /// The window a stop of `job` must lie in for `worker`: the job's window within the shift.
    static func window(of job: Job, for worker: Worker) -> (start: Int, end: Int) {
        let w = job.window ?? worker.shift
        return (max(w.start.minutes, worker.shift.start.minutes), min(w.end.minutes, worker.shift.end.minutes))
    }

    /// Minutes of the leg home.
    var home: Int { legs[legs.count - 1].timing }

    /// The forward pass (`DayTimeline.earliestStarts`): every stop as early as it can start; nil when
    /// the day does not fit (a window, a pinned minute, the shift's end).
    func earliestStarts() -> [Int]? { timeline.earliestStarts(stops, home: home) }

    /// The route on `date` with the stops started at `starts` (a schedule the timeline keeps): it leaves
    /// as late as the first stop allows, each stop is reached by the earliest arrival, and it ends when
    /// it reaches the end place; totals include the leg home.
    ///
    /// - Precondition: `errands` is not empty and `starts` has one minute per errand.
    func route(on date: CivilDate, starts: [Int]) -> Route {
        let (depart, arrivals, end) = timeline.timing(stops, starts: starts, home: home)
        var planned: [Stop] = []
        var travelMin = 0, serviceMin = 0
        var travelKm = 0.0
        for (k, e) in errands.enumerated() {
            let leg = legs[k]
            planned.append(Stop(task: e.task, kind: e.kind, arrive: TimeOfDay(minutes: arrivals[k]),
                                start: TimeOfDay(minutes: starts[k]), end: TimeOfDay(minutes: starts[k] + e.duration),
                                travelMin: leg.minutes, travelKm: Plan.round(leg.km, places: 6), with: e.with,
                                campaign: e.campaign))
            travelMin += leg.minutes
            travelKm += leg.km
            serviceMin += e.duration
        }
        let homeLeg = legs[legs.count - 1]
        travelMin += homeLeg.minutes
        travelKm += homeLeg.km
        return Route(worker: worker.id, date: date, start: TimeOfDay(minutes: depart), end: TimeOfDay(minutes: end),
                     travelMin: travelMin, travelKm: Plan.round(travelKm, places: 6), serviceMin: serviceMin,
                     stops: planned)
    }
}
