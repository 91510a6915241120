import Foundation
import GridPlanCore

/// Who may do which job on which day (format §5.1, §5.4, §5.5), and the minutes of a worker's day
/// that a time window leaves usable.
///
/// A worker is eligible for a job on a date when it covers the job's grid (`grids` or `may_cover`),
/// has all the job's skills, works that date, the date is one of the job's weekdays, and the job's
/// window intersects the worker's shift minus break in a stretch at least as long as the visit.
public struct Eligibility: Sendable {
    public let calendar: WorkingCalendar
    public let workers: [Worker]

    public init(scenario: ResolvedScenario) {
        calendar = scenario.calendar
        workers = scenario.workers
    }

    /// The stretches of a worker's shift outside its break, as `[start, end)` minute pairs.
    public static func freeStretches(of worker: Worker) -> [(Int, Int)] {
        let s = worker.shift.start.minutes, e = worker.shift.end.minutes
        guard e > s else { return [] }
        guard let b = worker.breakTime, b.end.minutes > s, b.start.minutes < e else { return [(s, e)] }
        var out: [(Int, Int)] = []
        if b.start.minutes > s { out.append((s, b.start.minutes)) }
        if b.end.minutes < e { out.append((b.end.minutes, e)) }
        return out
    }

    /// Minutes of `window` (nil = the whole day) the worker can use: inside its shift, outside its break.
    public static func usableMinutes(of worker: Worker, in window: TimeWindow?) -> Int {
        freeStretches(of: worker).reduce(0) { acc, st in
            let lo = max(st.0, window?.start.minutes ?? 0), hi = min(st.1, window?.end.minutes ?? 1440)
            return acc + max(0, hi - lo)
        }
    }

    /// The longest single stretch of `window` the worker can use (a visit cannot straddle the break).
    public static func longestStretch(of worker: Worker, in window: TimeWindow?) -> Int {
        freeStretches(of: worker).map { st in
            max(0, min(st.1, window?.end.minutes ?? 1440) - max(st.0, window?.start.minutes ?? 0))
        }.max() ?? 0
    }

    /// Whether the job's window leaves room for its duration in the worker's shift minus break.
    public static func windowFits(_ job: Job, _ worker: Worker) -> Bool {
        !job.windowIsEmpty && longestStretch(of: worker, in: job.window) >= job.durationMin
    }

    /// Whether `worker` has what `job` needs regardless of the date: grid and skills.
    public static func qualifies(_ worker: Worker, for job: Job) -> Bool {
        worker.covers(grid: job.grid) && job.skills.allSatisfy { worker.skills.contains($0) }
    }

    /// Whether `worker` may do `job` on `date`.
    public func isEligible(_ worker: Worker, for job: Job, on date: CivilDate) -> Bool {
        Eligibility.qualifies(worker, for: job) && job.allows(weekdayOf: date)
            && calendar.isWorkingDay(date, for: worker) && Eligibility.windowFits(job, worker)
    }
}
