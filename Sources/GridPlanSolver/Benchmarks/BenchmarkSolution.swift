import Foundation

/// One route of a benchmark solution: a vehicle on a day, visiting customers (ids, depot implicit).
public struct BenchmarkRoute: Sendable, Hashable, Codable {
    /// 0-based day (Solomon: 0).
    public var day: Int
    /// 0-based vehicle of that day.
    public var vehicle: Int
    public var customers: [Int]

    public init(day: Int, vehicle: Int, customers: [Int]) {
        self.day = day
        self.vehicle = vehicle
        self.customers = customers
    }
}

/// A solution to a benchmark instance, as the engine produced it or as read back.
public struct BenchmarkSolution: Sendable {
    public var routes: [BenchmarkRoute]
    /// Search iterations the engine ran (nil for a solution read back or built by hand); not checked.
    public var iterations: Int?

    public init(routes: [BenchmarkRoute]) { self.routes = routes }
}

/// The independent checker: recomputes the cost from the routes and checks every rule of the instance,
/// using nothing of the routing engine.
public enum BenchmarkChecker {
    public struct Report: Sendable {
        /// Total Euclidean length of all routes.
        public var cost: Double
        /// Every broken rule, empty when the solution is valid.
        public var violations: [String]
        public var isValid: Bool { violations.isEmpty }
    }

    public static func check(_ solution: BenchmarkSolution, for instance: BenchmarkInstance) -> Report {
        var violations: [String] = []
        var cost = 0.0
        let n = instance.nodes.count - 1
        var daysOf = [[Int]](repeating: [], count: n + 1)
        var vehiclesPerDay = [Set<Int>](repeating: [], count: instance.days)
        for r in solution.routes {
            let label = "day \(r.day + 1) vehicle \(r.vehicle + 1)"
            guard r.day >= 0 && r.day < instance.days else { violations.append("\(label): no such day"); continue }
            if r.vehicle < 0 || r.vehicle >= instance.vehicles { violations.append("\(label): only \(instance.vehicles) vehicles") }
            if vehiclesPerDay[r.day].contains(r.vehicle) { violations.append("\(label): vehicle used twice") }
            vehiclesPerDay[r.day].insert(r.vehicle)
            var prev = 0
            var load = 0.0, travel = 0.0, service = 0.0
            var time = instance.nodes[0].ready
            for c in r.customers {
                guard c >= 1 && c <= n else { violations.append("\(label): no customer \(c)"); continue }
                let node = instance.nodes[c]
                let leg = instance.distance(prev, c)
                travel += leg
                service += node.service
                load += node.demand
                time = max(time + leg, node.ready)
                if time > node.due + 1e-6 {
                    violations.append("\(label): customer \(c) starts at \(fmt(time)), due \(fmt(node.due))")
                }
                time += node.service
                daysOf[c].append(r.day)
                prev = c
            }
            let home = instance.distance(prev, 0)
            travel += home
            time += home
            cost += travel
            if time > instance.nodes[0].due + 1e-6 {
                violations.append("\(label): back at the depot at \(fmt(time)), it closes at \(fmt(instance.nodes[0].due))")
            }
            if load > instance.capacity[r.day] + 1e-9 {
                violations.append("\(label): load \(fmt(load)) over capacity \(fmt(instance.capacity[r.day]))")
            }
            if travel + service > instance.maxDuration[r.day] + 1e-6 {
                violations.append("\(label): duration \(fmt(travel + service)) over \(fmt(instance.maxDuration[r.day]))")
            }
        }
        for c in 1...max(1, n) where c <= n {
            let days = daysOf[c].sorted()
            if days.isEmpty { violations.append("customer \(c): not served"); continue }
            if Set(days).count != days.count { violations.append("customer \(c): served twice on one day") }
            if !instance.nodes[c].patterns.contains(days) {
                violations.append("customer \(c): days \(days.map { $0 + 1 }) match none of its patterns")
            }
        }
        return Report(cost: cost, violations: violations)
    }

    static func fmt(_ x: Double) -> String { String(format: "%.2f", x) }
}

extension BenchmarkSolution {
    /// The solution in the literature's form: PVRP — the cost, then `day vehicle duration load 0 c1 … 0`
    /// per route; Solomon — `Route N : c1 c2 …` per route and `Cost X`.
    public func literatureText(for instance: BenchmarkInstance) -> String {
        let cost = BenchmarkChecker.check(self, for: instance).cost
        var out = ""
        switch instance.kind {
        case .pvrp:
            out += String(format: "%.2f\n", cost)
            for r in routes {
                var prev = 0, travel = 0.0, service = 0.0, load = 0.0
                for c in r.customers {
                    travel += instance.distance(prev, c)
                    service += instance.nodes[c].service
                    load += instance.nodes[c].demand
                    prev = c
                }
                travel += instance.distance(prev, 0)
                out += "\(r.day + 1) \(r.vehicle + 1) " + String(format: "%.2f", travel + service)
                    + " \(Int(load.rounded())) 0 " + r.customers.map(String.init).joined(separator: " ") + " 0\n"
            }
        case .solomon:
            for (i, r) in routes.enumerated() {
                out += "Route \(i + 1) : " + r.customers.map(String.init).joined(separator: " ") + "\n"
            }
            out += String(format: "Cost %.2f\n", cost)
        }
        return out
    }
}
