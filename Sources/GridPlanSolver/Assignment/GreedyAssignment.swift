import Foundation
import GridPlanCore

/// A fast constructive assignment that keeps every row of `AssignmentModel`: the warm start given to
/// GLPK, and the answer for parts too large to solve exactly in their time share.
///
/// Jobs are taken by priority (highest first), pair visits before single ones, fewest candidate days
/// first, then id. Each takes the group of patterns with the fewest late days (then fewest visits)
/// for which workers with room exist on every date, and within that group the pattern whose
/// dates are least loaded; on each date the cheapest eligible workers with room (preferred worker,
/// least travel, least utilised). The empty pattern always fits.
enum GreedyAssignment {
    /// Remaining room per worker-day, mirrored on the `cap`, `maxv` and `win` rows.
    struct Room {
        var minutes: [[Int]]
        var visits: [[Int]]
        /// Per worker, per day, per window of `windows[w][d]`: service minutes used.
        var windowUsed: [[[Int]]]
        var load: [Int]
    }

    static func solve(_ inst: AssignmentInstance) -> AssignmentChoice {
        let nd = inst.dates.count
        let windows = AssignmentModel.windowsByWorkerDay(inst)
        var room = Room(
            minutes: inst.workers.map { Array(repeating: $0.dayCapacity, count: nd) },
            visits: Array(repeating: Array(repeating: 0, count: nd), count: inst.workers.count),
            windowUsed: windows.map { $0.map { Array(repeating: 0, count: $0.count) } },
            load: Array(repeating: 0, count: inst.workers.count))
        var choice = AssignmentChoice(pattern: Array(repeating: 0, count: inst.jobs.count),
                                      workers: Array(repeating: [], count: inst.jobs.count))
        let dayIndex = Dictionary(uniqueKeysWithValues: inst.dates.enumerated().map { ($1, $0) })

        let order = inst.jobs.indices.sorted { a, b in
            let ja = inst.jobs[a], jb = inst.jobs[b]
            if ja.job.priority != jb.job.priority { return ja.job.priority > jb.job.priority }
            if ja.job.workersNeeded != jb.job.workersNeeded { return ja.job.workersNeeded > jb.job.workersNeeded }
            if ja.candidateDays.count != jb.candidateDays.count { return ja.candidateDays.count < jb.candidateDays.count }
            return ja.job.id < jb.job.id
        }

        func fits(_ j: Int, _ w: Int, _ d: Int, _ r: Room) -> Bool {
            let info = inst.jobs[j], wi = inst.workers[w]
            if r.minutes[w][d] < inst.load(job: j, day: d, worker: w) { return false }
            if info.job.kind == .visit, let mv = wi.worker.maxVisitsPerDay, r.visits[w][d] >= mv { return false }
            if let win = info.job.window {
                for (k, outer) in windows[w][d].enumerated() where AssignmentModel.contains(outer, win) {
                    if r.windowUsed[w][d][k] + info.job.durationMin > Eligibility.usableMinutes(of: wi.worker, in: outer) {
                        return false
                    }
                }
            }
            return true
        }

        func take(_ j: Int, _ w: Int, _ d: Int, _ r: inout Room) {
            let info = inst.jobs[j]
            let l = inst.load(job: j, day: d, worker: w)
            r.minutes[w][d] -= l
            r.load[w] += l
            if info.job.kind == .visit { r.visits[w][d] += 1 }
            if let win = info.job.window {
                for (k, outer) in windows[w][d].enumerated() where AssignmentModel.contains(outer, win) {
                    r.windowUsed[w][d][k] += info.job.durationMin
                }
            }
        }

        func utilisation(_ w: Int, _ r: Room) -> Double {
            let a = inst.workers[w].totalAvailable
            return a > 0 ? Double(r.load[w]) / Double(a) : 1
        }

        /// Places one pattern; nil when some date has no room. Returns the workers and a score.
        func place(_ j: Int, _ p: Int, _ r: Room) -> (workers: [[Int]], room: Room, score: Double)? {
            var r = r
            var chosen: [[Int]] = []
            var score = 0.0
            for date in inst.jobs[j].patterns[p].dates {
                let d = dayIndex[date]!
                var ws: [Int] = []
                let ranked = inst.jobs[j].eligible[d].sorted { a, b in
                    let ca = inst.visitCost(job: j, day: d, worker: a), cb = inst.visitCost(job: j, day: d, worker: b)
                    if ca != cb { return ca < cb }
                    let ua = utilisation(a, r), ub = utilisation(b, r)
                    if ua != ub { return ua < ub }
                    return a < b
                }
                for w in ranked where ws.count < inst.jobs[j].job.workersNeeded && fits(j, w, d, r) {
                    ws.append(w)
                    take(j, w, d, &r)
                    let cap = max(1, inst.workers[w].dayCapacity)
                    score += inst.visitCost(job: j, day: d, worker: w) + 50 * Double(cap - r.minutes[w][d]) / Double(cap)
                }
                if ws.count < inst.jobs[j].job.workersNeeded { return nil }
                chosen.append(ws.sorted())
            }
            return (chosen, r, score)
        }

        for j in order {
            let pats = inst.jobs[j].patterns
            let task = inst.jobs[j].job.id
            let groups = Dictionary(grouping: pats.indices) {
                PatternGroup(unmet: !inst.cycle.meetsRequirement(task: task, dates: pats[$0].dates),
                             lateDays: pats[$0].lateDays, visits: pats[$0].dates.count)
            }
            for g in groups.keys.sorted() {
                var best: (p: Int, workers: [[Int]], room: Room, score: Double)?
                for p in groups[g]! {
                    guard let placed = place(j, p, room) else { continue }
                    if best == nil || placed.score < best!.score { best = (p, placed.workers, placed.room, placed.score) }
                }
                if let b = best {
                    choice.pattern[j] = b.p
                    choice.workers[j] = b.workers
                    room = b.room
                    break
                }
            }
        }
        return choice
    }

    struct PatternGroup: Hashable, Comparable {
        /// A required visit (urgent task) the pattern misses: such patterns come last.
        var unmet = false
        var lateDays: Int
        var visits: Int
        static func < (a: PatternGroup, b: PatternGroup) -> Bool {
            if a.unmet != b.unmet { return !a.unmet }
            return a.lateDays != b.lateDays ? a.lateDays < b.lateDays : a.visits < b.visits
        }
    }
}
