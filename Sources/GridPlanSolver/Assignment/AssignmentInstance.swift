import Foundation
import GridPlanCore

/// Everything the assignment knows about one independent part: its workers, its due jobs with the
/// dates they may be visited on and the eligible workers per date, the working days on which each
/// job can be late, and the per-worker-day capacities. Built once; the construction, the local
/// search, the MIP and the extraction all read it.
struct AssignmentInstance: Sendable {
    struct WorkerInfo: Sendable {
        var worker: Worker
        /// Minutes per working day the cap row allows: shift less break less the start/end leg allowance.
        var dayCapacity: Int
        /// Shift less break over the worker's working days in the horizon (the KPI's denominator).
        var totalAvailable: Int
        /// Working in the horizon, by day offset.
        var works: [Bool]
        /// Day offsets the worker works on, ascending.
        var workingDays: [Int]
        /// A stand-in helper of the shortfall re-solve (`Shortfall`): every minute it works costs
        /// `helperMinuteCost`, and it is left out of the balance and level terms.
        var isHelper = false
    }

    /// One `due[j,t]` row: on working day `t` the job is late unless visited on one of `covering`.
    struct DueDay: Sendable {
        var day: Int
        /// Indices into the job's `days` that lie in the `every_days` calendar days ending on `day`.
        var covering: [Int]
    }

    /// A campaign with its deadline in the horizon: missed unless a visit falls on or before `by`, a
    /// regular one (carrying it) or a campaign-only one.
    struct CampaignDeadline: Sendable {
        var name: String
        var by: CivilDate
        /// Indices into the job's `days` on or before the deadline.
        var covering: [Int]
        /// Minutes the campaign takes at the door.
        var minutes: Int = 0
        /// Indices into the job's `campaignDays` on or before the deadline.
        var campaignCovering: [Int] = []
    }

    /// An urgent visit of a re-plan: wanted on `first`, accepted on any of `allowed`.
    struct Requirement: Sendable {
        /// Index into the job's `days` of the first allowed date, nil when that date cannot be used.
        var first: Int?
        /// Indices into the job's `days` of the allowed dates.
        var allowed: [Int]
    }

    struct JobInfo: Sendable {
        var job: Job
        /// Day offsets the job may be visited on, ascending: a date of its weekdays on which at least
        /// `workersNeeded` workers are eligible, keeping `min_gap_days` from every visit before the plan.
        var days: [Int]
        /// Eligible worker indices (into `workers`) per entry of `days`, ascending.
        var eligible: [[Int]]
        /// Working days on which the job is late without a planned visit, with the visits that cover each.
        var dueDays: [DueDay]
        /// Pairs of entries of `days` closer than `min_gap_days`, as maximal runs: at most one visit in each.
        var gapRuns: [[Int]]
        var campaigns: [CampaignDeadline]
        var requirement: Requirement?
        /// Estimated km of the leg that reaches this job (mean to its nearest neighbours in the grid).
        var legKm: Double
        /// Index of the preferred worker in `workers`, if it is in this part.
        var preferred: Int?
        /// The weekday of the job's last visit, for a job with a weekly or slower rhythm (regular weekday).
        var usualWeekday: Weekday?
        /// The look-ahead row: when the horizon ends in days nobody works (a weekend), the visits that
        /// leave the job not yet due on the next working day after the horizon. Without one of them the
        /// job is overdue when next week starts, and lands on its first day with everything else due
        /// over the weekend. Nil when the horizon has no such tail or the job is not at risk.
        var lookAhead: [Int]? = nil
        /// The workers (indices) of the job's last done visit in the history, when they are in this part:
        /// last time's roster, which a stable week keeps.
        var lastWorkers: [Int] = []
        /// Day offsets a campaign-only visit may be made on, ascending (`CampaignColumns`): on or before
        /// the latest of `campaigns`' deadlines, with `workersNeeded` eligible workers; no gap rule.
        var campaignDays: [Int] = []
        /// Eligible worker indices per entry of `campaignDays`, ascending.
        var campaignEligible: [[Int]] = []

        /// The position of day offset `d` in `days`.
        func index(ofDay d: Int) -> Int? {
            var lo = 0, hi = days.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if days[mid] < d { lo = mid + 1 } else { hi = mid }
            }
            return lo < days.count && days[lo] == d ? lo : nil
        }
    }

    var name: String
    var dates: [CivilDate]
    var workers: [WorkerInfo]
    var jobs: [JobInfo]
    var weights: Weights
    var calendar: WorkingCalendar
    var defaultSpeedKmh: Double
    /// Minutes of spread between a worker's fullest and emptiest day that the level term lets pass.
    var levelToleranceMin: Int {
        let t = weights.levelToleranceMin
        return t.isFinite ? Int(min(max(0, t), 1_000_000).rounded(.down)) : 1_000_000
    }
    /// Weekly-cycle terms (stickiness to a previous plan, required visits); empty by default.
    var cycle = CycleObjective()

    /// Estimated minutes of the leg reaching job `j` for worker `w`.
    func legMinutes(job j: Int, worker w: Int) -> Int {
        let speed = workers[w].worker.speedKmh ?? defaultSpeedKmh
        return TravelModel.minutes(km: jobs[j].legKm, speedKmh: speed)
    }

    /// Minutes a visit of job `j` on day offset `d` takes from worker `w`'s day: service, the
    /// estimated leg, and the campaign minutes the visit may carry that day (counted on every visit
    /// up to the deadline: an upper bound, only the first visit carries them).
    func load(job j: Int, day d: Int, worker w: Int) -> Int {
        jobs[j].job.durationMin + legMinutes(job: j, worker: w) + CampaignVisits.maxExtraMinutes(jobs[j].job, on: dates[d])
    }

    /// Objective cost of worker `w` taking part in a visit of job `j` on day offset `d`: the travel
    /// estimate, the continuity reward of the preferred worker, less a previous plan's keep bonus.
    func workerCost(job j: Int, day d: Int, worker w: Int) -> Double {
        if !workerCostTable.isEmpty { return workerCostTable[j][d * workers.count + w] }
        return computeWorkerCost(job: j, day: d, worker: w)
    }

    private func computeWorkerCost(job j: Int, day d: Int, worker w: Int) -> Double {
        var c = weights.travel * Double(legMinutes(job: j, worker: w))
        if jobs[j].job.kind == .visit, jobs[j].preferred == w { c -= weights.continuity }
        // Last time's worker, when it is not the preferred one (rewarded above): a quarter of a
        // continuity unit (half for a pair visit's other worker), so the roster repeats week after
        // week where nothing forces a change while the preferred worker still comes first.
        if jobs[j].preferred != w, jobs[j].lastWorkers.contains(w) {
            c -= weights.continuity / (jobs[j].job.workersNeeded > 1 ? 2 : 4)
        }
        if workers[w].isHelper { c += helperMinuteCost * Double(load(job: j, day: d, worker: w)) }
        return c - cycle.keepBonus(task: jobs[j].job.id, date: dates[d], worker: workers[w].worker.id)
    }

    /// Objective cost of a visit of job `j` on day offset `d`, whoever makes it: the continuity charge
    /// (households; the preferred worker's `workerCost` takes it back) and the regular-weekday charges
    /// (off the usual weekday; on an extra working day outside the horizon's weekdays).
    func visitCost(job j: Int, day d: Int) -> Double {
        if !visitCostTable.isEmpty { return visitCostTable[j][d] }
        return computeVisitCost(job: j, day: d)
    }

    private func computeVisitCost(job j: Int, day d: Int) -> Double {
        let info = jobs[j]
        var c = evennessCharge(job: j, day: d)
        if info.job.kind == .visit { c += weights.continuity }
        // Off the usual weekday: the full charge up to a monthly rhythm, less for slower ones (a quarterly
        // visit at a third). Days are levelled beyond the level tolerance only, so within it every
        // household keeps its day (measured on rolled weeks, Docs/benchmarks.md).
        if let wd = info.usualWeekday, dates[d].weekday != wd {
            c += weights.regularity * min(1, 30 / Double(max(7, info.job.everyDays)))
        }
        // A weekly-or-slower visit on an extra working day (a Saturday worked in lieu of a holiday) makes
        // that weekday its usual one, which the next regular week does not offer: charged as a change,
        // in full for a weekly rhythm and less for slower ones (the week that misses the day is further off).
        let charge = weights.regularity * min(1, 7 / Double(max(7, info.job.everyDays)))
        if info.job.everyDays >= 7, !calendar.horizon.weekdays.contains(dates[d].weekday) { c += charge }
        return c
    }

    /// The most a visit of job `j` on day offset `d` could lower the balance and level terms: adding
    /// its minutes to a worker's emptiest day lowers that worker's spread by at most those minutes, and
    /// to the least-used worker lowers the utilisation spread by at most its share of that worker's
    /// minutes. Charged on every visit, so that evening out days never buys a visit nobody needs.
    func evennessCharge(job j: Int, day d: Int) -> Double {
        let info = jobs[j]
        guard let k = info.index(ofDay: d) else { return 0 }
        var c = 0.0
        for w in info.eligible[k] {
            let l = Double(load(job: j, day: d, worker: w))
            var cw = levelled.contains(w) ? weights.level * l : 0
            if hasBalance, !workers[w].isHelper, workers[w].totalAvailable > 0 { cw += balanceCost * l / Double(workers[w].totalAvailable) }
            c = max(c, cw)
        }
        return c
    }

    /// Objective cost of one late day of job `j`.
    func lateDayCost(job j: Int) -> Double { weights.lateness * Double(jobs[j].job.priority) }

    /// Objective cost of leaving job `j` overdue for the next working day after the horizon (its
    /// look-ahead row): a quarter of one of its late days. Not part of the lateness goal (nothing is
    /// late in this horizon), but weighed above continuity, balance and travel.
    func lookAheadCost(job j: Int) -> Double { lateDayCost(job: j) / 4 }

    /// Objective cost of missing one of job `j`'s campaign deadlines: three late days of its priority.
    func campaignMissCost(job j: Int) -> Double { 3 * lateDayCost(job: j) }

    /// Costs of an urgent visit: on another allowed date than the first (five priority-1 late days),
    /// on none of them (a hundred).
    var requirementLaterCost: Double { weights.lateness * 5 }
    var requirementMissCost: Double { weights.lateness * 95 }

    /// Scale of the balance term: `weights.balance` per percentage point of utilisation spread.
    var balanceCost: Double { weights.balance * 100 }

    /// Workers whose utilisation the balance term compares (those with available minutes).
    var balancedWorkers: [Int] { workers.indices.filter { workers[$0].totalAvailable > 0 && !workers[$0].isHelper } }

    /// Cost of one minute of a stand-in helper's day: a sixtieth of a priority-1 late day, so that
    /// the second stage hands every visit it can back to the staff and keeps the helpers' minutes least.
    var helperMinuteCost: Double { weights.lateness / 60 }

    /// Whether the balance term is in the model.
    var hasBalance: Bool { weights.balance > 0 && balancedWorkers.count >= 2 }

    /// Workers whose daily load the level term evens (at least two working days, some job to do).
    var levelledWorkers: [Int] { levelled.sorted() }

    /// The workers of `levelledWorkers`, computed once.
    var levelled: Set<Int> = []

    /// Cached `visitCost` per job and day offset, `workerCost` per job and (day offset × workers + worker).
    var visitCostTable: [[Double]] = []
    var workerCostTable: [[Double]] = []

    /// Fixes the derived sets and cost tables once the part is complete.
    mutating func prepare() {
        levelled = Set(computeLevelled())
        visitCostTable = []
        workerCostTable = []
        let vt = jobs.indices.map { j in dates.indices.map { computeVisitCost(job: j, day: $0) } }
        let wt = jobs.indices.map { j -> [Double] in
            var row = [Double](repeating: 0, count: dates.count * workers.count)
            for (k, d) in jobs[j].days.enumerated() {
                for w in jobs[j].eligible[k] { row[d * workers.count + w] = computeWorkerCost(job: j, day: d, worker: w) }
            }
            return row
        }
        visitCostTable = vt
        workerCostTable = wt
    }

    private func computeLevelled() -> [Int] {
        guard weights.level > 0 else { return [] }
        var hasWork = Array(repeating: false, count: workers.count)
        for info in jobs { for ws in info.eligible { for w in ws { hasWork[w] = true } } }
        return workers.indices.filter { hasWork[$0] && !workers[$0].isHelper && workers[$0].workingDays.count >= 2 }
    }

    /// Columns, a measure of the part's size for time shares and work limits.
    var size: Int { jobs.reduce(0) { acc, j in acc + j.days.count + j.dueDays.count + j.eligible.reduce(0) { $0 + $1.count } } }
}
