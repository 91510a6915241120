import Foundation
import GridPlanCore

/// Improves a part's choice by solving sub-problems of its own model with GLPK: every visit column
/// outside a neighbourhood is fixed at its current value, the rest is solved from the current
/// choice (so a sub-problem never ends worse). Neighbourhoods, in a fixed order:
///
/// - **the LP's disagreement**: the jobs whose visits in the root LP differ from the choice (RINS);
/// - **one grid over two consecutive working days**, every worker: visits may move between the two
///   days and between workers, appear or go.
///
/// A neighbourhood with more than `maxFree` free columns is skipped (GLPK would not close it).
///
/// The number of sub-problems and their node limit are set up front: the same part gives the same
/// answer on every machine (the clock is only a watchdog).
enum FixAndOptimise {
    struct Neighbourhood {
        var name: String
        /// Whether the visit of job `j` on entry `k` of its days may change, with which workers.
        var free: (_ j: Int, _ k: Int, _ w: Int?) -> Bool
        /// Whether job `j`'s campaign-only visit on day offset `d` may change (its columns and workers').
        var freeCampaign: (_ j: Int, _ d: Int) -> Bool = { _, _ in false }
    }

    struct Outcome {
        var choice: AssignmentChoice
        var solves: Int
        var improvements: Int
        var hitClock: Bool
    }

    /// Neighbourhoods of `inst` for the current choice and the LP optimum `lp` (column values).
    static func neighbourhoods(_ inst: AssignmentInstance, _ model: AssignmentModel, current: [Double], lp: [Double]?)
        -> [Neighbourhood] {
        var out: [Neighbourhood] = []
        if let lp {
            var jobs = Set<Int>()
            for j in inst.jobs.indices {
                for k in inst.jobs[j].days.indices {
                    let yv = model.y[j][k].index
                    if abs(lp[yv] - current[yv]) > 0.01 || model.x[j][k].contains(where: { abs(lp[$0.v.index] - current[$0.v.index]) > 0.01 }) {
                        jobs.insert(j)
                    }
                }
                for k in inst.jobs[j].campaignDays.indices {
                    let yv = model.cy[j][k].index
                    if abs(lp[yv] - current[yv]) > 0.01 { jobs.insert(j) }
                }
            }
            if !jobs.isEmpty {
                out.append(Neighbourhood(name: "lp", free: { j, _, _ in jobs.contains(j) }, freeCampaign: { j, _ in jobs.contains(j) }))
            }
        }
        // One grid over two consecutive working days: small enough for GLPK to close quickly.
        let grids = Array(Set(inst.jobs.map(\.job.grid))).sorted()
        let working = inst.dates.indices.filter { d in inst.workers.contains { $0.works[d] } }
        for (a, b) in zip(working, working.dropFirst()) {
            for g in grids {
                out.append(Neighbourhood(name: "\(g) \(inst.dates[a].iso)+\(inst.dates[b].iso)", free: { j, k, _ in
                    let d = inst.jobs[j].days[k]
                    return (d == a || d == b) && inst.jobs[j].job.grid == g
                }, freeCampaign: { j, d in (d == a || d == b) && inst.jobs[j].job.grid == g }))
            }
        }
        return out
    }

    /// Runs up to `solves` sub-problems of `stageModel` (the part's model with the stage's objective
    /// and rows), each stopped after `nodes` nodes, passing over the neighbourhoods until a whole
    /// pass finds nothing.
    static func improve(_ inst: AssignmentInstance, stageModel: LinearModel, model: AssignmentModel, start: AssignmentChoice,
                        lp: [Double]?, solves: Int, nodes: Int, maxFree: Int = 1200, deadline: Date, inParallel: Bool)
        -> Outcome {
        let n = stageModel.variableCount
        var choice = start
        var current = model.values(of: choice, inst, variableCount: n)
        var value = stageModel.objective(of: current)
        var done = 0, improvements = 0, hitClock = false
        var pass = neighbourhoods(inst, model, current: current, lp: lp)
        var first = true
        while done < solves, !pass.isEmpty {
            var improvedInPass = false
            for nb in pass where done < solves {
                let left = deadline.timeIntervalSinceNow
                if left < 0.2 { hitClock = true; break }
                var fixed: [(VariableHandle, Double)] = []
                var freeCount = 0
                for j in inst.jobs.indices {
                    for k in inst.jobs[j].days.indices {
                        let yv = model.y[j][k]
                        if nb.free(j, k, nil) { freeCount += 1 } else { fixed.append((yv, current[yv.index])) }
                        for c in model.x[j][k] {
                            if nb.free(j, k, c.worker) { freeCount += 1 } else { fixed.append((c.v, current[c.v.index])) }
                        }
                    }
                    for (k, d) in inst.jobs[j].campaignDays.enumerated() {
                        let free = nb.freeCampaign(j, d)
                        for v in [model.cy[j][k]] + model.cx[j][k].map(\.v) {
                            if free { freeCount += 1 } else { fixed.append((v, current[v.index])) }
                        }
                    }
                }
                guard freeCount > 0, freeCount <= maxFree else { continue }
                done += 1
                // Only the free columns go to GLPK (the fixed ones are folded into the rows).
                let (sub, columns) = stageModel.reduced(fixing: fixed)
                let options = MIPOptions(timeLimitSeconds: min(left, 30), mipGap: 1e-6, presolve: false, gomoryCuts: false,
                                         mirCuts: true, coverCuts: false, cliqueCuts: true, inParallel: inParallel,
                                         nodeLimit: nodes, start: columns.map { current[$0] })
                let r0 = try? GLPKSolver.solve(sub, options: options)
                guard let r = r0, !r.values.isEmpty else { continue }
                if r.hitTimeLimit { hitClock = true }
                var full = current
                for (k, c) in columns.enumerated() { full[c] = r.values[k] }
                let v = stageModel.objective(of: full)
                guard v < value - 1e-6 else { continue }
                choice = model.choice(from: full, inst)
                current = model.values(of: choice, inst, variableCount: n)
                value = stageModel.objective(of: current)
                improvements += 1
                improvedInPass = true
            }
            if hitClock || !improvedInPass { break }
            // The LP neighbourhood is tried once; later passes use the fixed shapes.
            if first { pass = pass.filter { $0.name != "lp" }; first = false }
        }
        return Outcome(choice: choice, solves: done, improvements: improvements, hitClock: hitClock)
    }
}
