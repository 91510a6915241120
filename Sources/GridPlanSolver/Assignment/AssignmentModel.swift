import Foundation
import GridPlanCore

/// A choice of visit dates and workers for every job of a part: what the construction, the local
/// search, the MIP and the extraction exchange.
struct AssignmentChoice: Sendable, Equatable {
    struct Visit: Sendable, Equatable {
        /// Index into the job's `days`.
        var k: Int
        /// Worker indices, ascending (`workersNeeded` of them).
        var workers: [Int]
    }
    /// Per job, its visits in date order.
    var visits: [[Visit]]
    /// Per job, its campaign-only visits in date order (`k` indexes the job's `campaignDays`).
    var campaignVisits: [[Visit]]

    static func empty(_ inst: AssignmentInstance) -> AssignmentChoice {
        AssignmentChoice(visits: Array(repeating: [], count: inst.jobs.count),
                         campaignVisits: Array(repeating: [], count: inst.jobs.count))
    }
}

/// The MIP of one part over visit days (names as in Docs/model.md):
///
/// - `y[j,d]` binary: job `j` is visited on date `d`;
/// - `x[j,d,w]` binary: worker `w` takes part in that visit;
/// - `late[j,t]` in [0, 1]: job `j` is late on working day `t` (integral whenever `y` is);
/// - `miss[j,c]`, `reqlate[j]`, `reqmiss[j]` in [0, 1]: a campaign deadline missed, an urgent visit
///   not on its first date, on none of its dates;
/// - `ahead[j]` in [0, 1]: job `j` left overdue for the first working day after the horizon (look-ahead);
/// - `cy[j,d]`, `cx[j,d,w]` binary: a campaign-only visit of household `j` on date `d`, and worker
///   `w` taking part in it (`CampaignColumns`: no gap rule, its own minutes in the worker's day);
/// - `uhi`, `ulo`: highest and lowest utilisation; `dhi[w]`, `dlo[w]`: worker `w`'s fullest and
///   emptiest working day in minutes.
///
/// Rows: `visit[j,d]`, `pair[j,d,w]`, `cvisit[j,d]`, `due[j,t]`, `gap[j,d]`, `camp[j,c]`, `ahead[j]`, `reqlate[j]`, `reqmiss[j]`,
/// `cap[w,d]`, `maxv[w,d]`, `win[w,d,window]`, `hi[w]`, `lo[w]`, `dayhi[w,d]`, `daylo[w,d]`.
///
/// Every visit date of every job is a column, so the model (and its bound) covers every way of
/// scheduling a job, not a chosen few.
struct AssignmentModel {
    var y: [[VariableHandle]]
    /// Per job, per entry of its `days`: (worker index, column), workers ascending.
    var x: [[[(worker: Int, v: VariableHandle)]]]
    /// Per job, per entry of its `campaignDays`: the campaign-only visit column, and its workers' columns.
    var cy: [[VariableHandle]] = []
    var cx: [[[(worker: Int, v: VariableHandle)]]] = []
    /// Per job, per due day: the column, nil where nothing can cover the day (then `lateFixed`).
    var late: [[VariableHandle]]
    var miss: [[VariableHandle]]
    /// Per job, its look-ahead column (`ahead[j]` in [0, 1]), if it has the row.
    var ahead: [VariableHandle?]
    var reqLate: [VariableHandle?]
    var reqMiss: [VariableHandle?]
    var uhi: VariableHandle?
    var ulo: VariableHandle?
    var dhi: [VariableHandle?]
    var dlo: [VariableHandle?]
    /// `dover[w]`: the minutes by which worker `w`'s spread exceeds `levelToleranceMin` (nil without a tolerance).
    var dover: [VariableHandle?]
    /// The lateness goal's columns with their costs: late days, campaigns missed, urgent visits missed.
    var latenessTerms: [(VariableHandle, Double)]
    var rowCount: Int
    var variableCount: Int
    var firstVariable: Int

    /// Adds the part's columns and rows to `m`, with the objective of all goals folded by the scenario's weights.
    static func build(_ inst: AssignmentInstance, into m: inout LinearModel, pairRows: Bool = true) -> AssignmentModel {
        let rows0 = m.rowCount, vars0 = m.variableCount
        let dates = inst.dates.map(\.iso)
        var y: [[VariableHandle]] = [], x: [[[(worker: Int, v: VariableHandle)]]] = []
        var late: [[VariableHandle]] = [], missed: [[VariableHandle]] = []
        var reqLate: [VariableHandle?] = [], reqMiss: [VariableHandle?] = []
        var ahead: [VariableHandle?] = []
        var latenessTerms: [(VariableHandle, Double)] = []
        var byWorkerDay = Array(repeating: Array(repeating: [(job: Int, v: VariableHandle)](), count: dates.count),
                                count: inst.workers.count)
        // Campaign-only columns per worker-day: their load and minutes are the campaign's (`CampaignColumns`).
        var campByWorkerDay = byWorkerDay
        var cy: [[VariableHandle]] = [], cx: [[[(worker: Int, v: VariableHandle)]]] = []

        for (j, info) in inst.jobs.enumerated() {
            let id = info.job.id
            /// One kind of visit's columns on each of `days`: `y` and its workers' `x`, the row tying them
            /// (`workersNeeded` workers per visit) and, for a pair, the rows keeping each worker to the visit.
            func visitColumns(_ y: String, _ x: String, _ visit: String, _ pair: String, days: [Int], eligible: [[Int]],
                              visitCost: (Int) -> Double, workerCost: (Int, Int) -> Double,
                              byWorkerDay: inout [[[(job: Int, v: VariableHandle)]]])
                -> ([VariableHandle], [[(worker: Int, v: VariableHandle)]]) {
                var ys: [VariableHandle] = [], xs: [[(worker: Int, v: VariableHandle)]] = []
                for (k, d) in days.enumerated() {
                    let yv = m.addVariable("\(y)[\(id),\(dates[d])]", kind: .binary, cost: visitCost(d))
                    var cell: [(worker: Int, v: VariableHandle)] = []
                    for w in eligible[k] {
                        let v = m.addVariable("\(x)[\(id),\(dates[d]),\(inst.workers[w].worker.id)]", kind: .binary,
                                              cost: workerCost(d, w))
                        cell.append((w, v))
                        byWorkerDay[w][d].append((j, v))
                    }
                    m.addRow("\(visit)[\(id),\(dates[d])]", cell.map { ($0.v, 1.0) } + [(yv, -Double(info.job.workersNeeded))],
                             .equal, 0)
                    if pairRows, info.job.workersNeeded > 1 {
                        for c in cell {
                            m.addRow("\(pair)[\(id),\(dates[d]),\(inst.workers[c.worker].worker.id)]", [(c.v, 1), (yv, -1)],
                                     .lessOrEqual, 0)
                        }
                    }
                    ys.append(yv)
                    xs.append(cell)
                }
                return (ys, xs)
            }
            let (yj, xj) = visitColumns("y", "x", "visit", "pair", days: info.days, eligible: info.eligible,
                                        visitCost: { inst.visitCost(job: j, day: $0) },
                                        workerCost: { inst.workerCost(job: j, day: $0, worker: $1) },
                                        byWorkerDay: &byWorkerDay)
            y.append(yj)
            x.append(xj)
            // Campaign-only visits (`CampaignColumns`): no gap rule, their own minutes in the worker's day.
            let (cyj, cxj) = visitColumns("cy", "cx", "cvisit", "cpair", days: info.campaignDays, eligible: info.campaignEligible,
                                          visitCost: { inst.campaignVisitCost(job: j, day: $0) },
                                          workerCost: { inst.campaignWorkerCost(job: j, day: $0, worker: $1) },
                                          byWorkerDay: &campByWorkerDay)
            cy.append(cyj)
            cx.append(cxj)
            /// A lateness column in [0, 1] with its covering row `column + Σ y ≥ 1` (the visits that
            /// avoid it): fixed at 1 when nothing can cover it.
            func miss(_ column: String, _ row: String, cost: Double, covering: [Int], campaignCovering: [Int] = []) -> VariableHandle {
                let none = covering.isEmpty && campaignCovering.isEmpty
                let v = m.addVariable(column, kind: .continuous, lower: none ? 1 : 0, upper: 1, cost: cost)
                if !none {
                    m.addRow(row, [(v, 1)] + covering.map { (yj[$0], 1.0) } + campaignCovering.map { (cyj[$0], 1.0) },
                             .greaterOrEqual, 1)
                }
                latenessTerms.append((v, cost))
                return v
            }
            late.append(info.dueDays.map { due in
                miss("late[\(id),\(dates[due.day])]", "due[\(id),\(dates[due.day])]", cost: inst.lateDayCost(job: j),
                     covering: due.covering)
            })
            for run in info.gapRuns {
                m.addRow("gap[\(id),\(dates[info.days[run[0]]])]", run.map { (yj[$0], 1.0) }, .lessOrEqual, 1)
            }
            missed.append(info.campaigns.enumerated().map { c, camp in
                miss("miss[\(id),\(c + 1)]", "camp[\(id),\(c + 1)]", cost: inst.campaignMissCost(job: j), covering: camp.covering,
                     campaignCovering: camp.campaignCovering)
            })
            if let covering = info.lookAhead {
                let v = m.addVariable("ahead[\(id)]", kind: .continuous, lower: 0, upper: 1, cost: inst.lookAheadCost(job: j))
                m.addRow("ahead[\(id)]", [(v, 1)] + covering.map { (yj[$0], 1.0) }, .greaterOrEqual, 1)
                ahead.append(v)
            } else {
                ahead.append(nil)
            }
            if let req = info.requirement {
                let rl = miss("reqlate[\(id)]", "reqlate[\(id)]", cost: inst.requirementLaterCost,
                              covering: req.first.map { [$0] } ?? [])
                let rm = miss("reqmiss[\(id)]", "reqmiss[\(id)]", cost: inst.requirementMissCost, covering: req.allowed)
                reqLate.append(rl)
                reqMiss.append(rm)
            } else {
                reqLate.append(nil)
                reqMiss.append(nil)
            }
        }

        let windows = AssignmentModel.windowsByWorkerDay(inst)
        for (w, wi) in inst.workers.enumerated() {
            let wid = wi.worker.id
            for d in dates.indices where !byWorkerDay[w][d].isEmpty || !campByWorkerDay[w][d].isEmpty {
                // Regular visits, then campaign-only ones (their own minutes; a campaign visit counts as a visit).
                let regular = byWorkerDay[w][d].count
                let cell = byWorkerDay[w][d] + campByWorkerDay[w][d]
                let loads = cell.enumerated().map { i, c in
                    Double(i < regular ? inst.load(job: c.job, day: d, worker: w) : inst.campaignLoad(job: c.job, day: d, worker: w))
                }
                if loads.reduce(0, +) > Double(wi.dayCapacity) {
                    m.addRow("cap[\(wid),\(dates[d])]", zip(cell, loads).map { ($0.v, $1) }, .lessOrEqual,
                             Double(wi.dayCapacity))
                }
                if let mv = wi.worker.maxVisitsPerDay {
                    let visits = cell.filter { inst.jobs[$0.job].job.kind == .visit }
                    if visits.count > mv {
                        m.addRow("maxv[\(wid),\(dates[d])]", visits.map { ($0.v, 1.0) }, .lessOrEqual, Double(mv))
                    }
                }
                let minutes = cell.enumerated().map { i, c in
                    Double(i < regular ? inst.jobs[c.job].job.durationMin : inst.campaignMinutes(job: c.job, day: d))
                }
                for k in windows[w][d] {
                    let inside = cell.indices.filter { inst.jobs[cell[$0].job].job.window.map { AssignmentModel.contains(k, $0) } ?? false }
                    let rhs = Double(Eligibility.usableMinutes(of: wi.worker, in: k))
                    if inside.reduce(0.0, { $0 + minutes[$1] }) > rhs {
                        m.addRow("win[\(wid),\(dates[d]),\(k.description)]", inside.map { (cell[$0].v, minutes[$0]) },
                                 .lessOrEqual, rhs)
                    }
                }
            }
        }

        var uhi: VariableHandle?, ulo: VariableHandle?
        if inst.hasBalance {
            let hi = m.addVariable("uhi[\(inst.name)]", kind: .continuous, lower: 0, upper: .infinity, cost: inst.balanceCost)
            let lo = m.addVariable("ulo[\(inst.name)]", kind: .continuous, lower: 0, upper: .infinity, cost: -inst.balanceCost)
            for w in inst.balancedWorkers {
                let wid = inst.workers[w].worker.id
                let a = Double(inst.workers[w].totalAvailable)
                var terms: [(VariableHandle, Double)] = []
                for d in dates.indices {
                    for c in byWorkerDay[w][d] { terms.append((c.v, Double(inst.load(job: c.job, day: d, worker: w)) / a)) }
                    for c in campByWorkerDay[w][d] { terms.append((c.v, Double(inst.campaignLoad(job: c.job, day: d, worker: w)) / a)) }
                }
                m.addRow("hi[\(wid)]", terms + [(hi, -1)], .lessOrEqual, 0)
                m.addRow("lo[\(wid)]", terms + [(lo, -1)], .greaterOrEqual, 0)
            }
            uhi = hi
            ulo = lo
        }

        var dhi = [VariableHandle?](repeating: nil, count: inst.workers.count)
        var dlo = [VariableHandle?](repeating: nil, count: inst.workers.count)
        var dover = [VariableHandle?](repeating: nil, count: inst.workers.count)
        let tolerance = Double(inst.levelToleranceMin)
        for w in inst.levelledWorkers {
            let wid = inst.workers[w].worker.id
            // With a tolerance, only the spread beyond it costs: dover[w] ≥ dhi − dlo − tolerance.
            let spreadCost = tolerance > 0 ? 0 : inst.weights.level
            let hi = m.addVariable("dhi[\(wid)]", kind: .continuous, lower: 0, upper: .infinity, cost: spreadCost)
            let lo = m.addVariable("dlo[\(wid)]", kind: .continuous, lower: 0, upper: .infinity, cost: -spreadCost)
            if tolerance > 0 {
                let over = m.addVariable("dover[\(wid)]", kind: .continuous, lower: 0, upper: .infinity, cost: inst.weights.level)
                m.addRow("spread[\(wid)]", [(hi, 1), (lo, -1), (over, -1)], .lessOrEqual, tolerance)
                dover[w] = over
            }
            for d in inst.workers[w].workingDays {
                let terms = byWorkerDay[w][d].map { ($0.v, Double(inst.load(job: $0.job, day: d, worker: w))) }
                    + campByWorkerDay[w][d].map { ($0.v, Double(inst.campaignLoad(job: $0.job, day: d, worker: w))) }
                m.addRow("dayhi[\(wid),\(dates[d])]", terms + [(hi, -1)], .lessOrEqual, 0)
                m.addRow("daylo[\(wid),\(dates[d])]", terms + [(lo, -1)], .greaterOrEqual, 0)
            }
            dhi[w] = hi
            dlo[w] = lo
        }
        var model = AssignmentModel(y: y, x: x, late: late, miss: missed, ahead: ahead, reqLate: reqLate, reqMiss: reqMiss, uhi: uhi, ulo: ulo,
                                    dhi: dhi, dlo: dlo, dover: dover, latenessTerms: latenessTerms, rowCount: m.rowCount - rows0,
                                    variableCount: m.variableCount - vars0, firstVariable: vars0)
        model.cy = cy
        model.cx = cx
        return model
    }

    /// The distinct windows of jobs that worker `w` may do on day `d`, sorted: one `win` row each.
    static func windowsByWorkerDay(_ inst: AssignmentInstance) -> [[[TimeWindow]]] {
        var sets = Array(repeating: Array(repeating: Set<TimeWindow>(), count: inst.dates.count), count: inst.workers.count)
        for info in inst.jobs {
            guard let win = info.job.window else { continue }
            for (k, d) in info.days.enumerated() { for w in info.eligible[k] { sets[w][d].insert(win) } }
            for (k, d) in info.campaignDays.enumerated() { for w in info.campaignEligible[k] { sets[w][d].insert(win) } }
        }
        return sets.map { $0.map { $0.sorted { ($0.start, $0.end) < ($1.start, $1.end) } } }
    }

    /// Whether window `inner` lies inside window `outer`.
    static func contains(_ outer: TimeWindow, _ inner: TimeWindow) -> Bool {
        inner.start >= outer.start && inner.end <= outer.end
    }

    /// The column values of a choice (a start for GLPK), in a vector of `n` values.
    func values(of c: AssignmentChoice, _ inst: AssignmentInstance, variableCount n: Int) -> [Double] {
        var v = [Double](repeating: 0, count: n)
        var load = Array(repeating: Array(repeating: 0, count: inst.dates.count), count: inst.workers.count)
        for (j, info) in inst.jobs.enumerated() {
            var chosen = Set<Int>()
            for visit in c.visits[j] {
                chosen.insert(visit.k)
                v[y[j][visit.k].index] = 1
                let d = info.days[visit.k]
                for w in visit.workers {
                    if let col = x[j][visit.k].first(where: { $0.worker == w }) { v[col.v.index] = 1 }
                    load[w][d] += inst.load(job: j, day: d, worker: w)
                }
            }
            var campaignChosen = Set<Int>()
            for visit in c.campaignVisits[j] {
                campaignChosen.insert(visit.k)
                v[cy[j][visit.k].index] = 1
                let d = info.campaignDays[visit.k]
                for w in visit.workers {
                    if let col = cx[j][visit.k].first(where: { $0.worker == w }) { v[col.v.index] = 1 }
                    load[w][d] += inst.campaignLoad(job: j, day: d, worker: w)
                }
            }
            for (t, due) in info.dueDays.enumerated() where !due.covering.contains(where: chosen.contains) {
                v[late[j][t].index] = 1
            }
            for (ci, camp) in info.campaigns.enumerated()
            where !camp.covering.contains(where: chosen.contains) && !camp.campaignCovering.contains(where: campaignChosen.contains) {
                v[miss[j][ci].index] = 1
            }
            if let covering = info.lookAhead, !covering.contains(where: chosen.contains) { v[ahead[j]!.index] = 1 }
            if let req = info.requirement {
                if !(req.first.map(chosen.contains) ?? false) { v[reqLate[j]!.index] = 1 }
                if !req.allowed.contains(where: chosen.contains) { v[reqMiss[j]!.index] = 1 }
            }
        }
        if let hi = uhi, let lo = ulo {
            let u = inst.balancedWorkers.map { w in Double(load[w].reduce(0, +)) / Double(inst.workers[w].totalAvailable) }
            v[hi.index] = u.max() ?? 0
            v[lo.index] = u.min() ?? 0
        }
        for w in inst.workers.indices {
            guard let hi = dhi[w], let lo = dlo[w] else { continue }
            let days = inst.workers[w].workingDays.map { Double(load[w][$0]) }
            v[hi.index] = days.max() ?? 0
            v[lo.index] = days.min() ?? 0
            if let over = dover[w] { v[over.index] = max(0, v[hi.index] - v[lo.index] - Double(inst.levelToleranceMin)) }
        }
        return v
    }

    /// The choice a solution's values encode.
    func choice(from values: [Double], _ inst: AssignmentInstance) -> AssignmentChoice {
        var out = AssignmentChoice.empty(inst)
        for (j, info) in inst.jobs.enumerated() {
            for k in info.days.indices where values[y[j][k].index] > 0.5 {
                out.visits[j].append(AssignmentChoice.Visit(k: k, workers: x[j][k].filter { values[$0.v.index] > 0.5 }.map(\.worker)))
            }
            for k in info.campaignDays.indices where values[cy[j][k].index] > 0.5 {
                out.campaignVisits[j].append(AssignmentChoice.Visit(k: k, workers: cx[j][k].filter { values[$0.v.index] > 0.5 }.map(\.worker)))
            }
        }
        return out
    }
}
