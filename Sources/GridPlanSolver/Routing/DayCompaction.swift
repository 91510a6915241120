import Foundation
import GridPlanCore

/// Moves a timed route's stops as late as they can go without moving its last stop, so that a day
/// whose order must wait somewhere (a household at home only from 16:00) starts later instead of
/// idling in the middle: the working time (`end − start` less the break) is what the worker spends,
/// and the level of the days is measured on it.
///
/// A backward pass over the fixed order: each stop starts at the latest minute that still reaches the
/// next stop by its (already moved) start, inside its window, clear of the break, never earlier than
/// before; stops pinned to a common minute (pair visits) stay. The last stop keeps its start, so the
/// route's end does not move, and every leg keeps at least its travel time (format §5 rule 3).
enum DayCompaction {
    struct Stop {
        /// Earliest start the forward pass found (a valid schedule).
        var start: Int
        var duration: Int
        /// The latest start its window allows (window end − duration).
        var latestStart: Int
        /// Travel minutes of the leg to the next stop (ignored for the last).
        var legToNext: Int
        /// Pinned to its minute (a pair visit's common start).
        var fixed: Bool
    }

    static func latestStarts(_ stops: [Stop], breakTime: TimeWindow?) -> [Int] {
        guard stops.count > 1 else { return stops.map(\.start) }
        var out = stops.map(\.start)
        for k in stride(from: stops.count - 2, through: 0, by: -1) {
            let s = stops[k]
            if s.fixed { continue }
            let earliestLeave = s.start + s.duration
            let leave = WeekRouter.latestDeparture(shiftStart: earliestLeave, travel: s.legToNext, arriveBy: out[k + 1],
                                                   breakTime: breakTime)
            var latest = min(leave - s.duration, s.latestStart)
            if let b = breakTime {
                let bs = b.start.minutes, be = b.end.minutes
                // Clear of the break: end by its start, or begin after its end.
                if latest < be && latest + s.duration > bs { latest = bs - s.duration }
            }
            // Never earlier than the valid forward schedule, and only if it still reaches the next stop.
            if latest > s.start,
               WeekRouter.arrival(depart: latest + s.duration, travel: s.legToNext, breakTime: breakTime) <= out[k + 1] {
                out[k] = latest
            }
        }
        return out
    }
}
