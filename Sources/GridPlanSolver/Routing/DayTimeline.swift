import Foundation
import GridPlanCore

/// One worker's (or vehicle's) day as time runs through it: the planner's one reading of the rules of
/// time of format §5 (rules 2–4) — a leg's travel split around the break, a stop started when it is
/// reached and its window is open and kept clear of the break, the day left as late as its first stop
/// allows and ended by the shift's end.
///
/// - `arrival(depart:travel:)`: a leg left at `t` with `d` of travel arrives at `t + d`, unless it cannot
///   finish before the break starts: then it pauses for the break and arrives at
///   `break end + d − (break start − t)` (no travel inside the break, none of its minutes lost);
/// - `serviceStart(arrival:opens:duration:)`: a stop starts at its arrival or when its window opens,
///   whichever is later, and at the break's end if it would otherwise overlap the break;
/// - `step(leave:travel:opens:duration:)`: both, one stop of the forward pass.
///
/// The routing search runs the forward pass in its own incremental loops (`RoutingSearch.refresh`, its
/// insertion check and exact sequencing) by calling `step` and `arrival`; everything else that times a
/// day — week routing's pair pinning and export, compaction, urgent-first re-timing — uses the passes
/// below, which call the same two functions. Every comparison allows `tolerance` (the benchmarks'
/// times are fractional; gridplan's whole minutes then compare exactly, and its results are whole).
///
/// Pair visits (two workers at one household at one minute) are stops pinned to that minute: a stop
/// whose earliest and latest start are the minute, which compaction leaves where it is.
struct DayTimeline {
    /// Earliest time to leave the start place (the shift's start).
    var opens: Double
    /// Latest time to reach the end place (the shift's end).
    var closes: Double
    /// No travel and no service inside it.
    var breakInterval: (start: Double, end: Double)?

    /// Slack of every comparison.
    @inline(__always) static var tolerance: Double { 1e-7 }

    init(opens: Double, closes: Double, breakInterval: (start: Double, end: Double)? = nil) {
        self.opens = opens
        self.closes = closes
        self.breakInterval = breakInterval
    }

    /// A worker's day: its shift and its break.
    init(worker: Worker) {
        self.init(opens: Double(worker.shift.start.minutes), closes: Double(worker.shift.end.minutes),
                  breakInterval: worker.breakTime.map { (Double($0.start.minutes), Double($0.end.minutes)) })
    }

    // MARK: - The step

    /// Arrival after leaving at `t` for a leg of `d`, the break (if any) splitting the travel.
    @inline(__always) func arrival(depart t: Double, travel d: Double) -> Double {
        guard d > 0, let b = breakInterval else { return t + d }
        if t + d <= b.start + DayTimeline.tolerance || t >= b.end - DayTimeline.tolerance { return t + d }
        return b.end + d - max(0, b.start - t)
    }

    /// Whether a stop of `duration` started at `start` would overlap the break.
    @inline(__always) func overlapsBreak(start: Double, duration: Double) -> Bool {
        guard let b = breakInterval else { return false }
        return start < b.end - DayTimeline.tolerance && start + duration > b.start + DayTimeline.tolerance
    }

    /// Earliest start at or after arrival `a` of a stop of `duration` whose window opens at `opens`: the
    /// window open, and the stop clear of the break (started at its end otherwise).
    @inline(__always) func serviceStart(arrival a: Double, opens: Double, duration: Double) -> Double {
        let st = max(a, opens)
        if let b = breakInterval, overlapsBreak(start: st, duration: duration) { return b.end }
        return st
    }

    /// One stop of the forward pass: leave the previous point at `t`, travel `d`, start the stop
    /// (window opening at `opens`, lasting `duration`) as early as `serviceStart` allows.
    @inline(__always) func step(leave t: Double, travel d: Double, opens: Double, duration: Double) -> Double {
        serviceStart(arrival: arrival(depart: t, travel: d), opens: opens, duration: duration)
    }

    // MARK: - Whole minutes

    /// `arrival(depart:travel:)` in whole minutes.
    func arrival(depart t: Int, travel d: Int) -> Int { Int(arrival(depart: Double(t), travel: Double(d))) }

    /// Whether a stop of `duration` whole minutes started at `start` would overlap the break.
    func overlapsBreak(start: Int, duration: Int) -> Bool { overlapsBreak(start: Double(start), duration: Double(duration)) }

    /// The latest whole minute at or after `notBefore` to leave for a leg of `d` and still arrive by
    /// `arriveBy` (arrival does not decrease with the departure, so this bisects); `notBefore` when even
    /// that arrives late.
    func latestDeparture(notBefore: Int, travel d: Int, arriveBy: Int) -> Int {
        var lo = notBefore, hi = max(notBefore, arriveBy)
        if arrival(depart: hi, travel: d) <= arriveBy { return hi }
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if arrival(depart: mid, travel: d) <= arriveBy { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// A stop of a whole-minute day, in visiting order.
    struct Stop {
        /// Travel minutes of the leg that reaches it (from the start place for the first stop).
        var travel: Int
        var duration: Int
        /// Earliest start (its window opens) and latest start (its window's end less `duration`).
        var earliest: Int
        var latest: Int
        /// Pinned at `earliest` (a pair visit's common minute): compaction does not move it.
        var pinned = false
    }

    /// The forward pass: every stop as early as `step` allows, leaving the start place at `opens`;
    /// nil when a stop cannot start by its latest start or, with `home` minutes to the end place, the day
    /// cannot end by `closes`.
    func earliestStarts(_ stops: [Stop], home: Int) -> [Int]? {
        var t = Int(opens)
        var starts: [Int] = []
        for s in stops {
            let st = Int(step(leave: Double(t), travel: Double(s.travel), opens: Double(s.earliest), duration: Double(s.duration)))
            if st > s.latest { return nil }
            starts.append(st)
            t = st + s.duration
        }
        return arrival(depart: t, travel: home) <= Int(closes) ? starts : nil
    }

    /// Compaction: a valid schedule `starts` of `stops` with every stop as late as it can go without
    /// moving the last one, so that a day whose order must wait somewhere (a household at home only
    /// from 16:00) starts later instead of idling in the middle — the working time (`end − start` less
    /// the break) is what the worker spends, and the level of the days is measured on it.
    ///
    /// A backward pass over the fixed order: each stop starts at the latest minute that still reaches
    /// the next stop by its (already moved) start, inside its window, clear of the break, never earlier
    /// than before; pinned stops stay. The last stop keeps its start, so the day's end does not move,
    /// and every leg keeps at least its travel time (format §5 rule 3).
    func compacted(_ stops: [Stop], starts: [Int]) -> [Int] {
        guard stops.count > 1 else { return starts }
        var out = starts
        for k in stride(from: stops.count - 2, through: 0, by: -1) {
            let s = stops[k]
            if s.pinned { continue }
            let legToNext = stops[k + 1].travel
            let leave = latestDeparture(notBefore: starts[k] + s.duration, travel: legToNext, arriveBy: out[k + 1])
            var latest = min(leave - s.duration, s.latest)
            // Clear of the break: end by its start, or begin after its end.
            if let b = breakInterval, overlapsBreak(start: latest, duration: s.duration) { latest = Int(b.start) - s.duration }
            // Never earlier than the valid forward schedule, and only if it still reaches the next stop.
            if latest > starts[k], arrival(depart: latest + s.duration, travel: legToNext) <= out[k + 1] {
                out[k] = latest
            }
        }
        return out
    }

    /// When a day with schedule `starts` leaves, reaches each stop and ends (`home` minutes to the end
    /// place): it leaves at the latest minute that still reaches the first stop by its start (no wait
    /// there), and ends when it reaches the end place after the last stop.
    func timing(_ stops: [Stop], starts: [Int], home: Int) -> (depart: Int, arrivals: [Int], end: Int) {
        guard let first = stops.first else { return (Int(opens), [], Int(opens)) }
        let depart = latestDeparture(notBefore: Int(opens), travel: first.travel, arriveBy: starts[0])
        var t = depart
        var arrivals: [Int] = []
        for (k, s) in stops.enumerated() {
            arrivals.append(arrival(depart: t, travel: s.travel))
            t = starts[k] + s.duration
        }
        return (depart, arrivals, arrival(depart: t, travel: home))
    }
}

extension RouteSlot {
    /// The slot's day: leave from `earliestStart`, back by `latestEnd`, its break.
    @inline(__always) var timeline: DayTimeline {
        DayTimeline(opens: earliestStart, closes: latestEnd, breakInterval: breakInterval)
    }
}
