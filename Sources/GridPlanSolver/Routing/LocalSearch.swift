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
            for j in 0..<jobCount where state.pattern[j] >= 0 && !core[j].fixed {
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
                    let a = i == 0 ? slot.startNode : core[r.seq[i - 1]].node
                    let b = core[r.seq[i]].node
                    let c = core[r.seq[k]].node
                    let d = k == n - 1 ? slot.endNode : core[r.seq[k + 1]].node
                    // Cost of the reversed inner path (asymmetric matrices allowed).
                    var inner = 0.0, innerRev = 0.0
                    for m in i..<k {
                        let x = core[r.seq[m]].node, y = core[r.seq[m + 1]].node
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

extension RoutingSearch {
    /// Reorders every route of at most `maxStops` stops optimally (depth-first search over the orders with
    /// cost and time pruning), keeping its set of stops. Never makes a route worse or infeasible.
    ///
    /// - Complexity: at most `maxStops!` partial orders per route; pruning keeps it far below in practice.
    func sequenceExactly(_ state: inout State, maxStops: Int) {
        for s in state.routes.indices where state.routes[s].seq.count >= 3 && state.routes[s].seq.count <= maxStops {
            let route = state.routes[s]
            let slot = problem.slots[s]
            let stops = route.seq
            let k = stops.count
            var bestCost = route.cost - stops.reduce(0) { $0 + (slotCostOf($1, s)) }
            var bestOrder: [Int]?
            var order: [Int] = []
            var used = [Bool](repeating: false, count: k)
            let serviceTotal = stops.reduce(0) { $0 + core[$1].serviceTime }
            func dfs(_ t: Double, _ prev: Int, _ cost: Double, _ travelTime: Double) {
                if cost >= bestCost - 1e-9 { return }
                if order.count == k {
                    let d = time(s, prev, slot.endNode)
                    let c = cost + self.cost(s, prev, slot.endNode)
                    guard c < bestCost - 1e-9, arrival(depart: t, travel: d, slot: slot) <= slot.latestEnd + eps,
                          travelTime + d + serviceTotal <= slot.maxDuration + eps else { return }
                    bestCost = c
                    bestOrder = order
                    return
                }
                for i in 0..<k where !used[i] {
                    let job = core[stops[i]]
                    let d = time(s, prev, job.node)
                    let st = serviceStart(arrival: arrival(depart: t, travel: d, slot: slot), job: job, slot: slot)
                    if st > job.latestStart + eps { continue }
                    used[i] = true
                    order.append(stops[i])
                    dfs(st + job.serviceTime, job.node, cost + self.cost(s, prev, job.node), travelTime + d)
                    order.removeLast()
                    used[i] = false
                }
            }
            dfs(slot.earliestStart, slot.startNode, 0, 0)
            if let o = bestOrder {
                var trial = route
                trial.seq = o
                refresh(&trial, slot: s)
                if trial.feasible && trial.cost < route.cost - 1e-9 { state.routes[s] = trial }
            }
        }
        recomputeCost(&state)
    }
}
