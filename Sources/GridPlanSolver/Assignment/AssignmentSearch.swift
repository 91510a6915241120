import Foundation
import GridPlanCore

/// The assignment's own search on the model's exact objective: a construction, then a deterministic
/// local search (move a visit to another date or worker, add or drop a visit, make room for a late
/// job by moving another visit off a full day). Every state it holds keeps every row of
/// `AssignmentModel`, so its answer is a valid start for GLPK; its objective equals the model's
/// objective of the same choice (`AssignmentModel.values(of:)`), which the tests check.
///
/// The search stops by work (evaluated moves), never by the clock, so it ends at the same point on
/// every machine.
struct AssignmentSearch {
    let inst: AssignmentInstance
    private(set) var choice: AssignmentChoice
    /// Minutes per worker and day offset, as the `cap` rows count them.
    private var load: [[Int]]
    private var visitCount: [[Int]]
    /// Per worker, day, window of `windows[w][d]`: service minutes of the jobs inside it.
    private var windowUsed: [[[Int]]]
    private let windows: [[[TimeWindow]]]
    private var loadSum: [Int]
    private var jobCost: [Double]
    private var jobLateness: [Double]
    private var levelCost: [Double]
    private var jobSum = 0.0
    private var levelSum = 0.0
    private let balanced: [Int]
    private let levelled: [Bool]
    /// Moves evaluated so far (the work measure).
    private(set) var evaluations = 0
    /// When set, no move may raise the lateness goal (the second stage keeps what the first won).
    var latenessCap: Double?

    init(_ inst: AssignmentInstance, choice: AssignmentChoice? = nil) {
        self.inst = inst
        let nw = inst.workers.count, nd = inst.dates.count
        windows = AssignmentModel.windowsByWorkerDay(inst)
        load = Array(repeating: Array(repeating: 0, count: nd), count: nw)
        visitCount = load
        windowUsed = windows.map { $0.map { Array(repeating: 0, count: $0.count) } }
        loadSum = Array(repeating: 0, count: nw)
        balanced = inst.hasBalance ? inst.balancedWorkers : []
        var lv = Array(repeating: false, count: nw)
        for w in inst.levelledWorkers { lv[w] = true }
        levelled = lv
        levelCost = Array(repeating: 0, count: nw)
        self.choice = AssignmentChoice.empty(inst)
        jobCost = Array(repeating: 0, count: inst.jobs.count)
        jobLateness = jobCost
        for j in inst.jobs.indices { setCost(of: j) }
        if let c = choice {
            for j in c.visits.indices { for v in c.visits[j] { insert(j, v) } }
            for j in c.campaignVisits.indices { for v in c.campaignVisits[j] { insert(j, v, campaignOnly: true) } }
        }
    }

    // MARK: objective

    /// The model's objective of the current choice.
    var objective: Double { jobSum + balanceTerm() + levelSum }

    /// The lateness goal of the current choice: late days, campaign and urgent misses, in objective units.
    var lateness: Double { jobLateness.reduce(0, +) }

    /// A tie-breaker the model does not see: the sum of squared daily loads of levelled workers and
    /// of squared utilisations (scaled to minutes). Among choices of equal objective it prefers the
    /// evener one, so the search can walk across the plateaus of the max−min terms (three days
    /// equally full: moving one visit off one of them does not lower the maximum yet).
    private var evenness = 0.0

    private func cellEvenness(_ w: Int, _ d: Int) -> Double {
        levelled[w] && inst.workers[w].works[d] ? Double(load[w][d] * load[w][d]) : 0
    }

    private func workerEvenness(_ w: Int) -> Double {
        guard !balanced.isEmpty, !inst.workers[w].isHelper, inst.workers[w].totalAvailable > 0 else { return 0 }
        let u = Double(loadSum[w]) / Double(inst.workers[w].totalAvailable)
        return u * u * 1e5
    }

    private func balanceTerm() -> Double {
        guard !balanced.isEmpty else { return 0 }
        var hi = -Double.infinity, lo = Double.infinity
        for w in balanced {
            let u = Double(loadSum[w]) / Double(inst.workers[w].totalAvailable)
            hi = max(hi, u)
            lo = min(lo, u)
        }
        return inst.balanceCost * (hi - lo)
    }

    private func levelTerm(_ w: Int) -> Double {
        guard levelled[w] else { return 0 }
        var hi = Int.min, lo = Int.max
        for d in inst.workers[w].workingDays {
            hi = max(hi, load[w][d])
            lo = min(lo, load[w][d])
        }
        return inst.weights.level * Double(max(0, hi - lo - inst.levelToleranceMin))
    }

    /// Lateness and the rest of a job's terms for a visit list (and campaign-only visits: the
    /// current choice's when nil).
    func jobTerms(_ j: Int, _ visits: [AssignmentChoice.Visit], campaignVisits: [AssignmentChoice.Visit]? = nil)
        -> (lateness: Double, rest: Double) {
        let info = inst.jobs[j]
        let campaignVisits = campaignVisits ?? choice.campaignVisits[j]
        var chosen = [Bool](repeating: false, count: info.days.count)
        for v in visits { chosen[v.k] = true }
        var campaignChosen = [Bool](repeating: false, count: info.campaignDays.count)
        for v in campaignVisits { campaignChosen[v.k] = true }
        var lateness = 0.0
        for due in info.dueDays where !due.covering.contains(where: { chosen[$0] }) { lateness += inst.lateDayCost(job: j) }
        for camp in info.campaigns
        where !camp.covering.contains(where: { chosen[$0] }) && !camp.campaignCovering.contains(where: { campaignChosen[$0] }) {
            lateness += inst.campaignMissCost(job: j)
        }
        if let req = info.requirement {
            if !(req.first.map { chosen[$0] } ?? false) { lateness += inst.requirementLaterCost }
            if !req.allowed.contains(where: { chosen[$0] }) { lateness += inst.requirementMissCost }
        }
        var rest = 0.0
        if let covering = info.lookAhead, !covering.contains(where: { chosen[$0] }) { rest += inst.lookAheadCost(job: j) }
        for v in visits {
            let d = info.days[v.k]
            rest += inst.visitCost(job: j, day: d)
            for w in v.workers { rest += inst.workerCost(job: j, day: d, worker: w) }
        }
        for v in campaignVisits {
            let d = info.campaignDays[v.k]
            rest += inst.campaignVisitCost(job: j, day: d)
            for w in v.workers { rest += inst.campaignWorkerCost(job: j, day: d, worker: w) }
        }
        return (lateness, rest)
    }

    private mutating func setCost(of j: Int) {
        let t = jobTerms(j, choice.visits[j])
        jobSum += t.lateness + t.rest - jobCost[j]
        jobCost[j] = t.lateness + t.rest
        jobLateness[j] = t.lateness
    }

    // MARK: state changes

    private func windowIndices(_ j: Int, _ w: Int, _ d: Int) -> [Int] {
        guard let win = inst.jobs[j].job.window else { return [] }
        return windows[w][d].indices.filter { AssignmentModel.contains(windows[w][d][$0], win) }
    }

    /// Whether worker `w` has room on day offset `d` for job `j` (the `cap`, `maxv` and `win` rows).
    func hasRoom(_ j: Int, _ w: Int, _ d: Int) -> Bool {
        let info = inst.jobs[j], wi = inst.workers[w]
        if load[w][d] + inst.load(job: j, day: d, worker: w) > wi.dayCapacity { return false }
        if info.job.kind == .visit, let mv = wi.worker.maxVisitsPerDay, visitCount[w][d] + 1 > mv { return false }
        for k in windowIndices(j, w, d)
        where windowUsed[w][d][k] + info.job.durationMin > Eligibility.usableMinutes(of: wi.worker, in: windows[w][d][k]) {
            return false
        }
        return true
    }

    /// Whether worker `w` has room on day offset `d` for a campaign-only visit of job `j` (the same rows).
    func hasCampaignRoom(_ j: Int, _ w: Int, _ d: Int) -> Bool {
        let wi = inst.workers[w]
        if load[w][d] + inst.campaignLoad(job: j, day: d, worker: w) > wi.dayCapacity { return false }
        if let mv = wi.worker.maxVisitsPerDay, visitCount[w][d] + 1 > mv { return false }
        let minutes = inst.campaignMinutes(job: j, day: d)
        for k in windowIndices(j, w, d)
        where windowUsed[w][d][k] + minutes > Eligibility.usableMinutes(of: wi.worker, in: windows[w][d][k]) {
            return false
        }
        return true
    }

    private mutating func occupy(_ j: Int, _ w: Int, _ d: Int, _ sign: Int, campaignOnly: Bool = false) {
        let l = (campaignOnly ? inst.campaignLoad(job: j, day: d, worker: w) : inst.load(job: j, day: d, worker: w)) * sign
        evenness -= cellEvenness(w, d) + workerEvenness(w)
        defer { evenness += cellEvenness(w, d) + workerEvenness(w) }
        load[w][d] += l
        loadSum[w] += l
        if inst.jobs[j].job.kind == .visit { visitCount[w][d] += sign }
        let minutes = campaignOnly ? inst.campaignMinutes(job: j, day: d) : inst.jobs[j].job.durationMin
        for k in windowIndices(j, w, d) { windowUsed[w][d][k] += minutes * sign }
        let lc = levelTerm(w)
        levelSum += lc - levelCost[w]
        levelCost[w] = lc
    }

    /// The visit list a move works on: regular visits, or campaign-only ones.
    private func list(_ campaignOnly: Bool) -> WritableKeyPath<AssignmentChoice, [[AssignmentChoice.Visit]]> {
        campaignOnly ? \.campaignVisits : \.visits
    }

    private func day(_ j: Int, _ v: AssignmentChoice.Visit, _ campaignOnly: Bool) -> Int {
        campaignOnly ? inst.jobs[j].campaignDays[v.k] : inst.jobs[j].days[v.k]
    }

    private mutating func insert(_ j: Int, _ v: AssignmentChoice.Visit, campaignOnly: Bool = false) {
        let d = day(j, v, campaignOnly)
        for w in v.workers { occupy(j, w, d, 1, campaignOnly: campaignOnly) }
        choice[keyPath: list(campaignOnly)][j].append(v)
        choice[keyPath: list(campaignOnly)][j].sort { $0.k < $1.k }
        setCost(of: j)
    }

    private mutating func remove(_ j: Int, at i: Int, campaignOnly: Bool = false) -> AssignmentChoice.Visit {
        let v = choice[keyPath: list(campaignOnly)][j].remove(at: i)
        let d = day(j, v, campaignOnly)
        for w in v.workers { occupy(j, w, d, -1, campaignOnly: campaignOnly) }
        setCost(of: j)
        return v
    }

    /// Worker sets for job `j`'s campaign-only visit on entry `k` of its `campaignDays`: each single
    /// eligible worker with room, or for a pair the cheapest workers with room.
    private func campaignWorkerOptions(_ j: Int, _ k: Int) -> [[Int]] {
        let info = inst.jobs[j], d = info.campaignDays[k]
        let ranked = info.campaignEligible[k].filter { hasCampaignRoom(j, $0, d) }
        if info.job.workersNeeded == 1 { return ranked.map { [$0] } }
        let cheapest = ranked.sorted { a, b in
            let ca = inst.campaignWorkerCost(job: j, day: d, worker: a), cb = inst.campaignWorkerCost(job: j, day: d, worker: b)
            return ca != cb ? ca < cb : a < b
        }
        guard cheapest.count >= info.job.workersNeeded else { return [] }
        return [Array(cheapest.prefix(info.job.workersNeeded)).sorted()]
    }

    /// Whether campaign `c` of job `j` is delivered by the current choice (a regular visit on or
    /// before its deadline, or a campaign-only one).
    private func campaignCovered(_ j: Int, _ c: AssignmentInstance.CampaignDeadline) -> Bool {
        c.covering.contains { k in choice.visits[j].contains { $0.k == k } }
            || c.campaignCovering.contains { k in choice.campaignVisits[j].contains { $0.k == k } }
    }

    /// Whether a visit on `k` keeps `min_gap_days` to every visit of job `j` but the one at `except`.
    private func gapAllows(_ j: Int, _ k: Int, except: Int?) -> Bool {
        let info = inst.jobs[j]
        let date = inst.dates[info.days[k]]
        for (i, v) in choice.visits[j].enumerated() where i != except {
            if v.k == k || abs(inst.dates[info.days[v.k]].days(to: date)) < info.job.minGapDays { return false }
        }
        return true
    }

    /// The cheapest workers with room for job `j` on entry `k` of its days (nil when too few have room).
    private func cheapestWorkers(_ j: Int, _ k: Int) -> [Int]? {
        let info = inst.jobs[j], d = info.days[k]
        let ranked = info.eligible[k].filter { hasRoom(j, $0, d) }.sorted { a, b in
            let ca = inst.workerCost(job: j, day: d, worker: a), cb = inst.workerCost(job: j, day: d, worker: b)
            if ca != cb { return ca < cb }
            let ua = Double(loadSum[a]) / Double(max(1, inst.workers[a].totalAvailable))
            let ub = Double(loadSum[b]) / Double(max(1, inst.workers[b].totalAvailable))
            return ua != ub ? ua < ub : a < b
        }
        guard ranked.count >= info.job.workersNeeded else { return nil }
        return Array(ranked.prefix(info.job.workersNeeded)).sorted()
    }

    /// Worker sets to try for job `j` on entry `k`: each single eligible worker with room, or for a
    /// pair visit the cheapest pair and the current workers when they are eligible there.
    private func workerOptions(_ j: Int, _ k: Int, current: [Int]?) -> [[Int]] {
        let info = inst.jobs[j], d = info.days[k]
        if info.job.workersNeeded == 1 { return info.eligible[k].filter { hasRoom(j, $0, d) }.map { [$0] } }
        var out: [[Int]] = []
        if let c = cheapestWorkers(j, k) { out.append(c) }
        if let cur = current, cur.allSatisfy({ info.eligible[k].contains($0) && hasRoom(j, $0, d) }), !out.contains(cur) {
            out.append(cur)
        }
        return out
    }

    // MARK: construction

    /// Visits every job greedily, highest priority first (pair visits before single ones, fewest
    /// dates first, then id): each day it would be late is covered by the latest date that covers it
    /// and has room, urgent and campaign visits first.
    mutating func construct() {
        let order = inst.jobs.indices.sorted { a, b in
            let ja = inst.jobs[a], jb = inst.jobs[b]
            if ja.job.priority != jb.job.priority { return ja.job.priority > jb.job.priority }
            if ja.job.workersNeeded != jb.job.workersNeeded { return ja.job.workersNeeded > jb.job.workersNeeded }
            if ja.days.count != jb.days.count { return ja.days.count < jb.days.count }
            return ja.job.id < jb.job.id
        }
        for j in order {
            let info = inst.jobs[j]
            func tryCover(_ ks: [Int]) {
                if ks.contains(where: { k in choice.visits[j].contains { $0.k == k } }) { return }
                for k in ks.reversed() where gapAllows(j, k, except: nil) {
                    if let ws = cheapestWorkers(j, k) {
                        insert(j, AssignmentChoice.Visit(k: k, workers: ws))
                        return
                    }
                }
            }
            if let req = info.requirement {
                if let f = req.first { tryCover([f]) }
                tryCover(req.allowed)
            }
            for camp in info.campaigns { tryCover(Array(camp.covering.prefix(1)) + camp.covering.dropFirst()) }
            for due in info.dueDays { tryCover(due.covering) }
            // A campaign no regular visit carries gets a campaign-only visit: the latest date with room.
            for camp in info.campaigns where !campaignCovered(j, camp) {
                for k in camp.campaignCovering.reversed() {
                    let ds = choice.campaignVisits[j].map(\.k)
                    guard !ds.contains(k), let ws = campaignWorkerOptions(j, k).min(by: { a, b in
                        let d = info.campaignDays[k]
                        let ca = a.reduce(0.0) { $0 + inst.campaignWorkerCost(job: j, day: d, worker: $1) }
                        let cb = b.reduce(0.0) { $0 + inst.campaignWorkerCost(job: j, day: d, worker: $1) }
                        return ca != cb ? ca < cb : a.lexicographicallyPrecedes(b)
                    }) else { continue }
                    insert(j, AssignmentChoice.Visit(k: k, workers: ws), campaignOnly: true)
                    break
                }
            }
        }
    }

    /// Rounds an LP solution: visits in decreasing order of their LP value (above one half first,
    /// then the rest down to `threshold`), each with the workers the LP gives most of it that have
    /// room, keeping the gap rules; then `construct()` covers what is still late.
    ///
    /// - Parameters:
    ///   - y: per job, per entry of its days, the LP value of the visit.
    ///   - x: per job, per entry of its days, per eligible worker (in `eligible` order), the LP value.
    mutating func construct(roundingLP y: [[Double]], x: [[[Double]]], threshold: Double = 0.05) {
        var order: [(v: Double, j: Int, k: Int)] = []
        for j in inst.jobs.indices { for k in inst.jobs[j].days.indices where y[j][k] > threshold { order.append((y[j][k], j, k)) } }
        order.sort { a, b in
            if abs(a.v - b.v) > 1e-9 { return a.v > b.v }
            let pa = inst.jobs[a.j].job.priority, pb = inst.jobs[b.j].job.priority
            return pa != pb ? pa > pb : (a.j, a.k) < (b.j, b.k)
        }
        for (_, j, k) in order where gapAllows(j, k, except: nil) {
            let info = inst.jobs[j], d = info.days[k]
            let ranked = info.eligible[k].indices.filter { hasRoom(j, info.eligible[k][$0], d) }.sorted { a, b in
                x[j][k][a] != x[j][k][b] ? x[j][k][a] > x[j][k][b] : a < b
            }
            guard ranked.count >= info.job.workersNeeded else { continue }
            insert(j, AssignmentChoice.Visit(k: k, workers: ranked.prefix(info.job.workersNeeded).map { info.eligible[k][$0] }.sorted()))
        }
        construct()
    }

    // MARK: local search

    /// Improves the choice until no move helps or `budget` moves have been evaluated.
    mutating func improve(budget: Int) {
        var improved = true
        while improved, evaluations < budget {
            improved = false
            for j in inst.jobs.indices {
                while evaluations < budget, improveJob(j) { improved = true }
            }
            for j in inst.jobs.indices where evaluations < budget {
                while evaluations < budget, ejectionMove(j, budget: budget) { improved = true }
            }
        }
    }

    /// A move is kept when it lowers the objective, or keeps it and evens the loads; never when it
    /// raises the lateness above the cap.
    private func acceptable(_ before: Double, _ latenessBefore: Double, _ evennessBefore: Double) -> Bool {
        if let cap = latenessCap, lateness > max(cap, latenessBefore) + 1e-7 { return false }
        let o = objective
        return o < before - 1e-7 || (o < before + 1e-7 && evenness < evennessBefore - 0.5)
    }

    /// The gain of the current state over a reference, with evenness as a tie-breaker far below any objective unit.
    private func gain(_ before: Double, _ evennessBefore: Double) -> Double {
        (before - objective) + 1e-9 * (evennessBefore - evenness)
    }

    /// Tries every move of one job (drop, move, change workers, add) and keeps the best improving one.
    private mutating func improveJob(_ j: Int) -> Bool {
        let info = inst.jobs[j]
        let before = objective, latenessBefore = lateness, evenBefore = evenness
        var best: (gain: Double, apply: (inout AssignmentSearch) -> Void)?
        func consider(_ gain: Double, _ apply: @escaping (inout AssignmentSearch) -> Void) {
            if gain > 0, gain > (best?.gain ?? 0) { best = (gain, apply) }
        }
        let count = choice.visits[j].count
        for i in 0..<count {
            let removed = remove(j, at: i)
            evaluations += 1
            if acceptable(before, latenessBefore, evenBefore) { consider(gain(before, evenBefore)) { s in _ = s.remove(j, at: i) } }
            for k in info.days.indices where gapAllows(j, k, except: nil) {
                for ws in workerOptions(j, k, current: removed.workers) where !(k == removed.k && ws == removed.workers) {
                    let v = AssignmentChoice.Visit(k: k, workers: ws)
                    insert(j, v)
                    evaluations += 1
                    if acceptable(before, latenessBefore, evenBefore) {
                        consider(gain(before, evenBefore)) { s in
                            _ = s.remove(j, at: i)
                            s.insert(j, v)
                        }
                    }
                    let at = choice.visits[j].firstIndex(of: v)!
                    _ = remove(j, at: at)
                }
            }
            insert(j, removed)
        }
        for k in info.days.indices where gapAllows(j, k, except: nil) {
            for ws in workerOptions(j, k, current: nil) {
                let v = AssignmentChoice.Visit(k: k, workers: ws)
                insert(j, v)
                evaluations += 1
                if acceptable(before, latenessBefore, evenBefore) { consider(gain(before, evenBefore)) { s in s.insert(j, v) } }
                _ = remove(j, at: choice.visits[j].firstIndex(of: v)!)
            }
        }
        // Campaign-only visits: drop one, move it to another date or worker, or add one (no gap rule;
        // at most one a date).
        let campaignCount = choice.campaignVisits[j].count
        for i in 0..<campaignCount {
            let removed = remove(j, at: i, campaignOnly: true)
            evaluations += 1
            if acceptable(before, latenessBefore, evenBefore) { consider(gain(before, evenBefore)) { s in _ = s.remove(j, at: i, campaignOnly: true) } }
            for k in info.campaignDays.indices where !choice.campaignVisits[j].contains(where: { $0.k == k }) {
                for ws in campaignWorkerOptions(j, k) where !(k == removed.k && ws == removed.workers) {
                    let v = AssignmentChoice.Visit(k: k, workers: ws)
                    insert(j, v, campaignOnly: true)
                    evaluations += 1
                    if acceptable(before, latenessBefore, evenBefore) {
                        consider(gain(before, evenBefore)) { s in
                            _ = s.remove(j, at: i, campaignOnly: true)
                            s.insert(j, v, campaignOnly: true)
                        }
                    }
                    _ = remove(j, at: choice.campaignVisits[j].firstIndex(of: v)!, campaignOnly: true)
                }
            }
            insert(j, removed, campaignOnly: true)
        }
        if !info.campaigns.isEmpty {
            for k in info.campaignDays.indices where !choice.campaignVisits[j].contains(where: { $0.k == k }) {
                for ws in campaignWorkerOptions(j, k) {
                    let v = AssignmentChoice.Visit(k: k, workers: ws)
                    insert(j, v, campaignOnly: true)
                    evaluations += 1
                    if acceptable(before, latenessBefore, evenBefore) { consider(gain(before, evenBefore)) { s in s.insert(j, v, campaignOnly: true) } }
                    _ = remove(j, at: choice.campaignVisits[j].firstIndex(of: v)!, campaignOnly: true)
                }
            }
        }
        guard let b = best else { return false }
        b.apply(&self)
        return true
    }

    /// Moves of job `j` onto a full day of one worker that would gain were there room: the job's
    /// visit `i` (or a new visit, `i == nil`) to entry `k` with worker `w`, best first.
    private mutating func blockedMoves(_ j: Int) -> [(gain: Double, i: Int?, k: Int, w: Int)] {
        let info = inst.jobs[j]
        guard info.job.workersNeeded == 1 else { return [] }
        var out: [(gain: Double, i: Int?, k: Int, w: Int)] = []
        // The job's own terms only: the worker-day terms (balance, level) come right again once
        // another visit leaves the day.
        let before = jobSum
        let count = choice.visits[j].count
        for i in [nil] + Array(0..<count).map(Optional.some) {
            let removed = i.map { remove(j, at: $0) }
            for k in info.days.indices where gapAllows(j, k, except: nil) {
                let d = info.days[k]
                for w in info.eligible[k] where !hasRoom(j, w, d) {
                    let v = AssignmentChoice.Visit(k: k, workers: [w])
                    insert(j, v)
                    evaluations += 1
                    let g = before - jobSum
                    if g > 1e-7, latenessCap.map({ lateness <= $0 + 1e-7 }) ?? true { out.append((g, i, k, w)) }
                    _ = remove(j, at: choice.visits[j].firstIndex(of: v)!)
                }
            }
            if let r = removed { insert(j, r) }
        }
        return out.sorted { a, b in a.gain != b.gain ? a.gain > b.gain : (a.k, a.w, a.i ?? -1) < (b.k, b.w, b.i ?? -1) }
    }

    /// Makes room for one of `blockedMoves(j)`: moves another single visit off the full day to the
    /// best other worker or date (or drops it), when the two changes together lower the objective.
    private mutating func ejectionMove(_ j: Int, budget: Int) -> Bool {
        let before = objective, latenessBefore = lateness, evenBefore = evenness
        for m in blockedMoves(j).prefix(4) {
            let d = inst.jobs[j].days[m.k]
            var others: [(job: Int, k: Int)] = []
            for (o, vs) in choice.visits.enumerated() where o != j && inst.jobs[o].job.workersNeeded == 1 {
                for v in vs where inst.jobs[o].days[v.k] == d && v.workers == [m.w] { others.append((o, v.k)) }
            }
            let removedJ = m.i.map { remove(j, at: $0) }
            let added = AssignmentChoice.Visit(k: m.k, workers: [m.w])
            for (o, ok) in others {
                guard evaluations < budget else { break }
                let oi = choice.visits[o].firstIndex { $0.k == ok }!
                let moved = remove(o, at: oi)
                guard hasRoom(j, m.w, d) else { insert(o, moved); continue }
                insert(j, added)
                var bestSpot: (gain: Double, v: AssignmentChoice.Visit?)?
                evaluations += 1
                if acceptable(before, latenessBefore, evenBefore) { bestSpot = (gain(before, evenBefore), nil) }
                for k2 in inst.jobs[o].days.indices where gapAllows(o, k2, except: nil) {
                    for ws in workerOptions(o, k2, current: nil) where !(k2 == moved.k && ws == moved.workers) {
                        let v2 = AssignmentChoice.Visit(k: k2, workers: ws)
                        insert(o, v2)
                        evaluations += 1
                        if acceptable(before, latenessBefore, evenBefore), gain(before, evenBefore) > (bestSpot?.gain ?? 0) {
                            bestSpot = (gain(before, evenBefore), v2)
                        }
                        _ = remove(o, at: choice.visits[o].firstIndex(of: v2)!)
                    }
                }
                if let b = bestSpot {
                    if let v2 = b.v { insert(o, v2) }
                    return true
                }
                _ = remove(j, at: choice.visits[j].firstIndex(of: added)!)
                insert(o, moved)
            }
            if let r = removedJ { insert(j, r) }
        }
        return false
    }
}
