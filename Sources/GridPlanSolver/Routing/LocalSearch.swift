import Foundation

extension RoutingSearch {
    /// Polishes a solution: re-inserts every movable job at its cheapest place and pattern (relocate within
    /// and between routes, pattern change for periodic jobs), then 2-opt inside each route, until neither
    /// improves. Never makes a route infeasible.
    func localSearch(_ state: inout State) {
        var improved = true
        var passes = 0
        while improved && passes < 8 {
            improved = false
            passes += 1
            for j in 0..<jobCount where state.pattern[j] >= 0 && !problem.jobs[j].fixed {
                var cand = state
                let touched = remove(j, from: &cand)
                var ok = true
                for s in touched {
                    refresh(&cand.routes[s], slot: s)
                    if !cand.routes[s].feasible { ok = false }
                }
                guard ok else { continue }
                recomputeCost(&cand)
                guard insert(j, into: &cand, blink: false) else { continue }
                recomputeCost(&cand)
                if cand.cost < state.cost - 1e-7 {
                    state = cand
                    improved = true
                }
            }
            for s in state.routes.indices where state.routes[s].seq.count >= 3 {
                if twoOpt(&state.routes[s], slot: s) { improved = true }
            }
            recomputeCost(&state)
        }
    }

    /// First-improvement 2-opt on one route (segment reversal), each candidate checked by rescheduling.
    func twoOpt(_ r: inout RouteState, slot s: Int) -> Bool {
        let slot = problem.slots[s]
        var any = false
        var improved = true
        while improved {
            improved = false
            let n = r.seq.count
            outer: for i in 0..<(n - 1) {
                for k in (i + 1)..<n {
                    let a = i == 0 ? slot.startNode : problem.jobs[r.seq[i - 1]].node
                    let b = problem.jobs[r.seq[i]].node
                    let c = problem.jobs[r.seq[k]].node
                    let d = k == n - 1 ? slot.endNode : problem.jobs[r.seq[k + 1]].node
                    // Cost of the reversed inner path (asymmetric matrices allowed).
                    var inner = 0.0, innerRev = 0.0
                    for m in i..<k {
                        let x = problem.jobs[r.seq[m]].node, y = problem.jobs[r.seq[m + 1]].node
                        inner += cost(s, x, y)
                        innerRev += cost(s, y, x)
                    }
                    let delta = cost(s, a, c) + cost(s, b, d) + innerRev - cost(s, a, b) - cost(s, c, d) - inner
                    if delta >= -1e-7 { continue }
                    var trial = r
                    trial.seq[i...k].reverse()
                    refresh(&trial, slot: s)
                    if trial.feasible {
                        r = trial
                        improved = true
                        any = true
                        break outer
                    }
                }
            }
        }
        return any
    }
}
