import Foundation
import GridPlanCore

/// A choice of pattern and workers for every job of a part: what the greedy start, the MIP and the
/// extraction exchange.
struct AssignmentChoice: Sendable, Equatable {
    /// Chosen pattern index per job.
    var pattern: [Int]
    /// Per job, per date of its chosen pattern, the worker indices (sorted).
    var workers: [[[Int]]]
}

/// The MIP of one part, with handles to its columns (names as in Docs/model.md):
///
/// - `pick[j,p]` binary: job `j` follows day pattern `p` (pattern 0 is "no visit").
/// - `x[j,d,w]` binary: worker `w` visits job `j` on date `d`.
/// - `uhi[part]`, `ulo[part]` continuous: the highest and lowest utilisation among the part's workers.
///
/// Rows: `one[j]`, `visit[j,d]`, `cap[w,d]`, `maxv[w,d]`, `win[w,d,window]`, `hi[w]`, `lo[w]`.
struct AssignmentModel {
    var pick: [[VariableHandle]]
    /// Per job, per day offset: (worker index, column), workers ascending.
    var x: [[[(worker: Int, v: VariableHandle)]]]
    var uhi: VariableHandle?
    var ulo: VariableHandle?
    var rowCount: Int
    var variableCount: Int

    /// Adds the part's columns and rows to `m`.
    static func build(_ inst: AssignmentInstance, into m: inout LinearModel) -> AssignmentModel {
        let rows0 = m.rowCount, vars0 = m.variableCount
        let dates = inst.dates.map(\.iso)
        var pick: [[VariableHandle]] = []
        var x: [[[(worker: Int, v: VariableHandle)]]] = []
        // Per worker, per day: (job, column) for cap/maxv/win rows.
        var byWorkerDay = Array(repeating: Array(repeating: [(job: Int, v: VariableHandle)](), count: dates.count),
                                count: inst.workers.count)
        var loadTerms = Array(repeating: [(VariableHandle, Double)](), count: inst.workers.count)

        for (j, info) in inst.jobs.enumerated() {
            let id = info.job.id
            let ps = info.patterns.indices.map { p in
                m.addVariable("pick[\(id),\(p)]", kind: .binary, cost: inst.patternCost(job: j, pattern: p))
            }
            pick.append(ps)
            m.addRow("one[\(id)]", ps.map { ($0, 1.0) }, .equal, 1)
            var xj = Array(repeating: [(worker: Int, v: VariableHandle)](), count: dates.count)
            let used = Set(info.patterns.flatMap(\.dates))
            for d in info.candidateDays where used.contains(inst.dates[d]) {
                for w in info.eligible[d] {
                    let v = m.addVariable("x[\(id),\(dates[d]),\(inst.workers[w].worker.id)]", kind: .binary,
                                          cost: inst.visitCost(job: j, day: d, worker: w))
                    xj[d].append((w, v))
                    byWorkerDay[w][d].append((j, v))
                    if inst.workers[w].totalAvailable > 0 {
                        loadTerms[w].append((v, Double(inst.load(job: j, day: d, worker: w)) / Double(inst.balanceMinutes(worker: w))))
                    }
                }
                // Σ_w x[j,d,w] = workersNeeded × Σ_{p ∋ d} pick[j,p]
                var terms = xj[d].map { ($0.v, 1.0) }
                for (p, pat) in info.patterns.enumerated() where pat.dates.contains(inst.dates[d]) {
                    terms.append((ps[p], -Double(info.job.workersNeeded)))
                }
                m.addRow("visit[\(id),\(dates[d])]", terms, .equal, 0)
            }
            x.append(xj)
        }

        let windows = AssignmentModel.windowsByWorkerDay(inst)
        for (w, wi) in inst.workers.enumerated() {
            let wid = wi.worker.id
            for d in dates.indices where !byWorkerDay[w][d].isEmpty {
                let cell = byWorkerDay[w][d]
                let loads = cell.map { Double(inst.load(job: $0.job, day: d, worker: w)) }
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
                for k in windows[w][d] {
                    let inside = cell.filter { inst.jobs[$0.job].job.window.map { AssignmentModel.contains(k, $0) } ?? false }
                    let rhs = Double(Eligibility.usableMinutes(of: wi.worker, in: k))
                    let durations = inside.map { Double(inst.jobs[$0.job].job.durationMin) }
                    if durations.reduce(0, +) > rhs {
                        m.addRow("win[\(wid),\(dates[d]),\(k.description)]", zip(inside, durations).map { ($0.v, $1) },
                                 .lessOrEqual, rhs)
                    }
                }
            }
        }

        var uhi: VariableHandle?, ulo: VariableHandle?
        let balanced = inst.workers.indices.filter { inst.workers[$0].totalAvailable > 0 }
        if inst.weights.balance > 0, balanced.count >= 2 {
            let hi = m.addVariable("uhi[\(inst.name)]", kind: .continuous, lower: 0, upper: .infinity, cost: inst.balanceCost)
            let lo = m.addVariable("ulo[\(inst.name)]", kind: .continuous, lower: 0, upper: .infinity, cost: -inst.balanceCost)
            for w in balanced {
                let wid = inst.workers[w].worker.id
                // With carried load: (carried + planned) ÷ (carried window + horizon) minutes.
                let past = -Double(inst.carriedMinutes(worker: w)) / Double(inst.balanceMinutes(worker: w))
                m.addRow("hi[\(wid)]", loadTerms[w] + [(hi, -1)], .lessOrEqual, past)
                m.addRow("lo[\(wid)]", loadTerms[w] + [(lo, -1)], .greaterOrEqual, past)
            }
            uhi = hi
            ulo = lo
        }
        return AssignmentModel(pick: pick, x: x, uhi: uhi, ulo: ulo, rowCount: m.rowCount - rows0,
                               variableCount: m.variableCount - vars0)
    }

    /// The distinct windows of jobs that worker `w` may do on day `d`, sorted: one `win` row each.
    static func windowsByWorkerDay(_ inst: AssignmentInstance) -> [[[TimeWindow]]] {
        var sets = Array(repeating: Array(repeating: Set<TimeWindow>(), count: inst.dates.count), count: inst.workers.count)
        for info in inst.jobs {
            guard let win = info.job.window else { continue }
            for d in info.candidateDays { for w in info.eligible[d] { sets[w][d].insert(win) } }
        }
        return sets.map { $0.map { $0.sorted { ($0.start, $0.end) < ($1.start, $1.end) } } }
    }

    /// Whether window `inner` lies inside window `outer`.
    static func contains(_ outer: TimeWindow, _ inner: TimeWindow) -> Bool {
        inner.start >= outer.start && inner.end <= outer.end
    }

    /// Utilisation of every worker under a choice (load ÷ available minutes; 0 without available minutes).
    static func utilisation(_ inst: AssignmentInstance, _ c: AssignmentChoice) -> [Double] {
        var load = Array(repeating: 0, count: inst.workers.count)
        for j in inst.jobs.indices {
            let dates = inst.jobs[j].patterns[c.pattern[j]].dates
            for (k, ws) in c.workers[j].enumerated() {
                let d = inst.dates.firstIndex(of: dates[k])!
                for w in ws { load[w] += inst.load(job: j, day: d, worker: w) }
            }
        }
        return inst.workers.indices.map { w in
            let a = inst.workers[w].totalAvailable
            return a > 0 ? Double(load[w] + inst.carriedMinutes(worker: w)) / Double(inst.balanceMinutes(worker: w)) : 0
        }
    }

    /// The column values of a choice (the warm start).
    func values(of c: AssignmentChoice, _ inst: AssignmentInstance, variableCount n: Int) -> [Double] {
        var v = [Double](repeating: 0, count: n)
        for (j, info) in inst.jobs.enumerated() {
            v[pick[j][c.pattern[j]].index] = 1
            for (k, date) in info.patterns[c.pattern[j]].dates.enumerated() {
                let d = inst.dates.firstIndex(of: date)!
                for w in c.workers[j][k] {
                    if let col = x[j][d].first(where: { $0.worker == w }) { v[col.v.index] = 1 }
                }
            }
        }
        if let hi = uhi, let lo = ulo {
            let u = AssignmentModel.utilisation(inst, c)
            let balanced = inst.workers.indices.filter { inst.workers[$0].totalAvailable > 0 }
            v[hi.index] = balanced.map { u[$0] }.max() ?? 0
            v[lo.index] = balanced.map { u[$0] }.min() ?? 0
        }
        return v
    }

    /// The choice a solution's values encode.
    func choice(from r: MIPResult, _ inst: AssignmentInstance) -> AssignmentChoice {
        var patterns: [Int] = [], workers: [[[Int]]] = []
        for (j, info) in inst.jobs.enumerated() {
            let p = pick[j].firstIndex { r.isOn($0) } ?? 0
            patterns.append(p)
            workers.append(info.patterns[p].dates.map { date in
                let d = inst.dates.firstIndex(of: date)!
                return x[j][d].filter { r.isOn($0.v) }.map(\.worker).sorted()
            })
        }
        return AssignmentChoice(pattern: patterns, workers: workers)
    }
}
