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
            if params.interRouteMoves && twoOptStarAndSwap(&state) { improved = true }
            recomputeCost(&state)
        }
    }

    /// Whether every job of `seq` may be served in slot `s`.
    func allowed(_ seq: ArraySlice<Int>, in s: Int) -> Bool {
        for j in seq where slotCostOf(j, s) == .infinity { return false }
        return true
    }

    /// 2-opt* (exchange the tails of two routes of the same day) and swap (exchange one stop of each),
    /// first improvement, each candidate checked by rescheduling both routes.
    func twoOptStarAndSwap(_ state: inout State) -> Bool {
        var any = false
        var byDay = [[Int]](repeating: [], count: dayCount)
        for s in state.routes.indices { byDay[problem.slots[s].day].append(s) }
        for day in byDay {
            for ai in day.indices {
                for bi in day.indices where bi > ai {
                    let a = day[ai], b = day[bi]
                    if state.routes[a].seq.isEmpty && state.routes[b].seq.isEmpty { continue }
                    if improvePair(&state, a, b) { any = true }
                }
            }
        }
        return any
    }

    private func improvePair(_ state: inout State, _ a: Int, _ b: Int) -> Bool {
        var improved = false
        var again = true
        while again {
            again = false
            let ra = state.routes[a], rb = state.routes[b]
            let base = ra.cost + rb.cost
            let sa = problem.slots[a], sb = problem.slots[b]
            // With one travel profile the cost of both new routes is known from prefix and suffix sums (arcs and
            // slot costs), so only candidates that may improve are rescheduled. The screen only skips candidates
            // clearly (by 1e-6) not better than the acceptance threshold: the moves made are the same as
            // rescheduling every candidate.
            let screen = sa.profile == sb.profile
            let na = ra.seq.count, nb = rb.seq.count
            var preA = [Double](repeating: 0, count: na + 1), preB = [Double](repeating: 0, count: nb + 1)
            var sufA = [Double](repeating: 0, count: na + 1), sufB = [Double](repeating: 0, count: nb + 1)
            // Slot costs: prefix in the own slot, suffix in the other slot.
            var scPreA = [Double](repeating: 0, count: na + 1), scPreB = [Double](repeating: 0, count: nb + 1)
            var scSufAinB = [Double](repeating: 0, count: na + 1), scSufBinA = [Double](repeating: 0, count: nb + 1)
            if screen {
                var prev = sa.startNode
                for m in 0..<na {
                    let x = core[ra.seq[m]].node
                    preA[m + 1] = preA[m] + cost(a, prev, x)
                    scPreA[m + 1] = scPreA[m] + slotCostOf(ra.seq[m], a)
                    prev = x
                }
                prev = sb.startNode
                for m in 0..<nb {
                    let x = core[rb.seq[m]].node
                    preB[m + 1] = preB[m] + cost(b, prev, x)
                    scPreB[m + 1] = scPreB[m] + slotCostOf(rb.seq[m], b)
                    prev = x
                }
                if na >= 2 { for m in stride(from: na - 2, through: 0, by: -1) {
                    sufA[m] = sufA[m + 1] + cost(a, core[ra.seq[m]].node, core[ra.seq[m + 1]].node)
                } }
                if nb >= 2 { for m in stride(from: nb - 2, through: 0, by: -1) {
                    sufB[m] = sufB[m + 1] + cost(b, core[rb.seq[m]].node, core[rb.seq[m + 1]].node)
                } }
                for m in stride(from: na - 1, through: 0, by: -1) { scSufAinB[m] = scSufAinB[m + 1] + slotCostOf(ra.seq[m], b) }
                for m in stride(from: nb - 1, through: 0, by: -1) { scSufBinA[m] = scSufBinA[m + 1] + slotCostOf(rb.seq[m], a) }
            }
            // 2-opt*: A[..<i] + B[k...], B[..<k] + A[i...].
            search: for i in 0...ra.seq.count {
                for k in 0...rb.seq.count {
                    if (i == 0 && k == 0) || (i == ra.seq.count && k == rb.seq.count) { continue }
                    if screen {
                        let aPrev = i == 0 ? sa.startNode : core[ra.seq[i - 1]].node
                        let bPrev = k == 0 ? sb.startNode : core[rb.seq[k - 1]].node
                        // New A: A's head, then B's tail (k..<nb) ending at A's end.
                        var newA = 0.0
                        if !(i == 0 && k == nb) {
                            newA = preA[i] + scPreA[i] + scSufBinA[k]
                            newA += k < nb ? cost(a, aPrev, core[rb.seq[k]].node) + sufB[k] + cost(a, core[rb.seq[nb - 1]].node, sa.endNode)
                                           : cost(a, aPrev, sa.endNode)
                        }
                        var newB = 0.0
                        if !(k == 0 && i == na) {
                            newB = preB[k] + scPreB[k] + scSufAinB[i]
                            newB += i < na ? cost(b, bPrev, core[ra.seq[i]].node) + sufA[i] + cost(b, core[ra.seq[na - 1]].node, sb.endNode)
                                           : cost(b, bPrev, sb.endNode)
                        }
                        if newA + newB >= base - 1e-7 + 1e-6 { continue }
                    }
                    guard allowed(rb.seq[k...], in: a), allowed(ra.seq[i...], in: b) else { continue }
                    var na = ra, nb = rb
                    na.seq = Array(ra.seq[..<i]) + Array(rb.seq[k...])
                    nb.seq = Array(rb.seq[..<k]) + Array(ra.seq[i...])
                    refresh(&na, slot: a)
                    guard na.feasible else { continue }
                    refresh(&nb, slot: b)
                    guard nb.feasible, na.cost + nb.cost < base - 1e-7 else { continue }
                    state.routes[a] = na
                    state.routes[b] = nb
                    improved = true
                    again = true
                    break search
                }
            }
            if again { continue }
            // Swap one stop of A with one of B.
            swap: for i in ra.seq.indices where !core[ra.seq[i]].fixed {
                for k in rb.seq.indices where !core[rb.seq[k]].fixed {
                    let x = ra.seq[i], y = rb.seq[k]
                    guard slotCostOf(x, b) < .infinity, slotCostOf(y, a) < .infinity else { continue }
                    let ap = i == 0 ? sa.startNode : core[ra.seq[i - 1]].node
                    let an = i == ra.seq.count - 1 ? sa.endNode : core[ra.seq[i + 1]].node
                    let bp = k == 0 ? sb.startNode : core[rb.seq[k - 1]].node
                    let bn = k == rb.seq.count - 1 ? sb.endNode : core[rb.seq[k + 1]].node
                    let nx = core[x].node, ny = core[y].node
                    let estimate = cost(a, ap, ny) + cost(a, ny, an) + cost(b, bp, nx) + cost(b, nx, bn)
                        - cost(a, ap, nx) - cost(a, nx, an) - cost(b, bp, ny) - cost(b, ny, bn)
                        + slotCostOf(x, b) + slotCostOf(y, a) - slotCostOf(x, a) - slotCostOf(y, b)
                    if estimate >= -1e-7 { continue }
                    var na = ra, nb = rb
                    na.seq[i] = y
                    nb.seq[k] = x
                    refresh(&na, slot: a)
                    guard na.feasible else { continue }
                    refresh(&nb, slot: b)
                    guard nb.feasible, na.cost + nb.cost < base - 1e-7 else { continue }
                    state.routes[a] = na
                    state.routes[b] = nb
                    improved = true
                    again = true
                    break swap
                }
            }
        }
        return improved
    }

    /// First-improvement 2-opt on one route (segment reversal), each candidate checked by rescheduling.
    func twoOpt(_ r: inout RouteState, slot s: Int) -> Bool {
        let slot = problem.slots[s]
        var any = false
        var improved = true
        while improved {
            improved = false
            let n = r.seq.count
            // Prefix sums of the arcs forwards and backwards: the reversed segment's cost in O(1). Where the sums'
            // rounding could matter (within 1e-6 of the threshold) the segment is summed arc by arc as before.
            var fwd = [Double](repeating: 0, count: n), bwd = [Double](repeating: 0, count: n)
            for m in 1..<n {
                let x = core[r.seq[m - 1]].node, y = core[r.seq[m]].node
                fwd[m] = fwd[m - 1] + cost(s, x, y)
                bwd[m] = bwd[m - 1] + cost(s, y, x)
            }
            outer: for i in 0..<(n - 1) {
                for k in (i + 1)..<n {
                    let a = i == 0 ? slot.startNode : core[r.seq[i - 1]].node
                    let b = core[r.seq[i]].node
                    let c = core[r.seq[k]].node
                    let d = k == n - 1 ? slot.endNode : core[r.seq[k + 1]].node
                    let ends = cost(s, a, c) + cost(s, b, d) - cost(s, a, b) - cost(s, c, d)
                    var delta = ends + (bwd[k] - bwd[i]) - (fwd[k] - fwd[i])
                    if delta >= -1e-7 + 1e-6 { continue }
                    if delta > -1e-7 - 1e-6 {
                        // Cost of the reversed inner path (asymmetric matrices allowed), arc by arc.
                        var inner = 0.0, innerRev = 0.0
                        for m in i..<k {
                            let x = core[r.seq[m]].node, y = core[r.seq[m + 1]].node
                            inner += cost(s, x, y)
                            innerRev += cost(s, y, x)
                        }
                        delta = cost(s, a, c) + cost(s, b, d) + innerRev - cost(s, a, b) - cost(s, c, d) - inner
                    }
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
            let day = slot.timeline
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
                    guard c < bestCost - 1e-9, day.arrival(depart: t, travel: d) <= slot.latestEnd + eps,
                          travelTime + d + serviceTotal <= slot.maxDuration + eps else { return }
                    bestCost = c
                    bestOrder = order
                    return
                }
                for i in 0..<k where !used[i] {
                    let job = core[stops[i]]
                    let d = time(s, prev, job.node)
                    let st = day.step(leave: t, travel: d, opens: job.earliestStart, duration: job.serviceTime)
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
