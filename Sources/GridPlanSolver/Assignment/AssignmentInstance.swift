import Foundation
import GridPlanCore

/// Everything the assignment knows about one independent part: its workers, its due jobs with their
/// day patterns and eligible workers per date, and the per-worker-day capacities. Built once, used
/// by the greedy start, the MIP and the extraction alike.
struct AssignmentInstance: Sendable {
    struct WorkerInfo: Sendable {
        var worker: Worker
        /// Minutes per working day the cap row allows: shift less break less the start/end leg allowance.
        var dayCapacity: Int
        /// Shift less break over the worker's working days in the horizon (the KPI's denominator).
        var totalAvailable: Int
        /// Working in the horizon, by day offset.
        var works: [Bool]
    }

    struct JobInfo: Sendable {
        var job: Job
        var patterns: [DayPattern]
        /// Day offsets with at least `workersNeeded` eligible workers, ascending.
        var candidateDays: [Int]
        /// Eligible worker indices (into `workers`) per day offset, ascending; empty where none.
        var eligible: [[Int]]
        /// Estimated km of the leg that reaches this job (mean to its nearest neighbours in the grid).
        var legKm: Double
        /// Index of the preferred worker in `workers`, if it is in this part.
        var preferred: Int?
    }

    var name: String
    var dates: [CivilDate]
    var workers: [WorkerInfo]
    var jobs: [JobInfo]
    var weights: Weights
    var calendar: WorkingCalendar

    /// Estimated minutes of the leg reaching job `j` for worker `w`.
    func legMinutes(job j: Int, worker w: Int) -> Int {
        let speed = workers[w].worker.speedKmh ?? defaultSpeedKmh
        return TravelModel.minutes(km: jobs[j].legKm, speedKmh: speed)
    }

    var defaultSpeedKmh: Double
    /// Weekly-cycle terms (stickiness to a previous plan, required visits, carried load); empty by default.
    var cycle = CycleObjective()

    /// `visitCost(job:worker:)` less the bonus for keeping a previous plan's visit (job `j`, day offset `d`).
    func visitCost(job j: Int, day d: Int, worker w: Int) -> Double {
        visitCost(job: j, worker: w) - cycle.keepBonus(task: jobs[j].job.id, date: dates[d], worker: workers[w].worker.id)
    }

    /// The balance rows' denominator for worker `w`: its available minutes, plus those of the
    /// carried-load window when history is counted.
    func balanceMinutes(worker w: Int) -> Int {
        workers[w].totalAvailable + cycle.carried(by: workers[w].worker.id).available
    }

    /// Minutes worker `w` carried before the horizon (0 without history).
    func carriedMinutes(worker w: Int) -> Int { cycle.carried(by: workers[w].worker.id).minutes }

    /// Minutes a visit of job `j` takes from worker `w`'s day: service plus the estimated leg.
    func load(job j: Int, worker w: Int) -> Int { jobs[j].job.durationMin + legMinutes(job: j, worker: w) }

    /// `load(job:worker:)` on day offset `d`, with the campaign minutes the visit may carry that day
    /// (counted on every visit up to the deadline: an upper bound, only the first visit carries them).
    func load(job j: Int, day d: Int, worker w: Int) -> Int {
        load(job: j, worker: w) + CampaignVisits.maxExtraMinutes(jobs[j].job, on: dates[d])
    }

    /// Objective cost of worker `w` doing job `j` on one date: travel estimate and continuity.
    func visitCost(job j: Int, worker w: Int) -> Double {
        var c = weights.travel * Double(legMinutes(job: j, worker: w))
        if jobs[j].job.kind == .visit, jobs[j].preferred == w { c -= weights.continuity }
        return c
    }

    /// Objective cost of choosing pattern `p` of job `j`: priority-weighted late days, and the
    /// continuity charge per visit that the preferred worker's `visitCost` takes back.
    func patternCost(job j: Int, pattern p: Int) -> Double {
        let info = jobs[j], pat = info.patterns[p]
        var c = weights.lateness * Double(info.job.priority * pat.lateDays)
        if info.job.kind == .visit { c += weights.continuity * Double(pat.dates.count) }
        return c + cycle.requiredPenalty(task: info.job.id, dates: pat.dates, weights: weights)
            + CampaignVisits.missCost(info.job, dates: pat.dates, horizon: calendar.horizon, weights: weights)
    }

    /// Scale of the balance term: `weights.balance` per percentage point of utilisation spread.
    var balanceCost: Double { weights.balance * 100 }

    var size: Int { jobs.reduce(0) { acc, j in acc + j.patterns.count + j.eligible.reduce(0) { $0 + $1.count } } }
}
