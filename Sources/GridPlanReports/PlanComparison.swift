import Foundation
import GridPlanCore

/// Two or more plans side by side: what a street or district planner reads before deciding
/// (more helpers, a cold snap, two grids merged). The first plan is the baseline every delta is taken against.
///
/// Built from plans already made; never solves. Render it with `text(colour:)`, `html()` or `jsonData()`.
public struct PlanComparison: Sendable {
    /// One plan to compare: a display name (usually the file name), its scenario and the plan.
    public struct Entry: Sendable {
        /// How the plan is labelled in the legend (usually the input's path).
        public var name: String
        /// The scenario the plan was made for (worker names, households, breaks).
        public var scenario: Scenario
        public var plan: Plan

        public init(name: String, scenario: Scenario, plan: Plan) {
            self.name = name
            self.scenario = scenario
            self.plan = plan
        }
    }

    /// A compared figure.
    public enum Metric: String, Sendable, CaseIterable, Codable {
        case onTimeRate = "on_time_rate"
        case lateTaskDays = "late_task_days"
        case tasksDue = "tasks_due"
        case visitsPlanned = "visits_planned"
        case travelKm = "travel_km"
        case travelMin = "travel_min"
        case workMin = "work_min"
        case utilisationMin = "utilisation_min"
        case utilisationMax = "utilisation_max"
        case continuity
        case dailySpread = "daily_spread_max_min"
        case shortfallMin = "shortfall_min"
        case solveSeconds = "solve_seconds"
        case gap

        /// +1 when more is better, −1 when less is better, 0 when neither.
        public var preferredDirection: Int {
            switch self {
            case .onTimeRate, .continuity, .utilisationMin: return 1
            case .lateTaskDays, .travelKm, .travelMin, .solveSeconds, .gap, .dailySpread, .shortfallMin: return -1
            case .tasksDue, .visitsPlanned, .workMin, .utilisationMax: return 0
            }
        }

        /// Whether the value is a ratio shown as a percentage (its delta in percentage points).
        public var isRatio: Bool { [.onTimeRate, .utilisationMin, .utilisationMax, .continuity, .gap].contains(self) }

        func value(of plan: Plan) -> Double {
            let k = plan.kpis
            switch self {
            case .onTimeRate: return k.onTimeRate
            case .lateTaskDays: return Double(k.lateTaskDays)
            case .tasksDue: return Double(k.tasksDue)
            case .visitsPlanned: return Double(k.visitsPlanned)
            case .travelKm: return k.travelKm
            case .travelMin: return Double(k.travelMin)
            case .workMin: return Double(k.workMin)
            case .utilisationMin: return k.utilisationMin
            case .utilisationMax: return k.utilisationMax
            case .continuity: return k.continuity
            case .dailySpread: return Double(k.dailySpreadMaxMin ?? 0)
            case .shortfallMin: return Double(plan.shortfall?.minutes ?? 0)
            case .solveSeconds: return plan.solver.seconds
            case .gap: return plan.solver.gap
            }
        }

        var label: Label {
            switch self {
            case .onTimeRate: return .onTimeRate
            case .lateTaskDays: return .lateTaskDays
            case .tasksDue: return .tasksDue
            case .visitsPlanned: return .visitsPlanned
            case .travelKm: return .travelKm
            case .travelMin: return .travelMin
            case .workMin: return .workMin
            case .utilisationMin: return .utilisationMin
            case .utilisationMax: return .utilisationMax
            case .continuity: return .continuity
            case .dailySpread: return .dailySpread
            case .shortfallMin: return .shortfallMin
            case .solveSeconds: return .solveSeconds
            case .gap: return .gap
            }
        }
    }

    /// One figure across the plans: `values[i]` for plan i, `deltas[i] = values[i] − values[0]` (nil for the baseline).
    public struct MetricRow: Sendable, Hashable, Codable {
        public var metric: Metric
        /// The figure in each plan, baseline first (ratios as fractions, not percentages).
        public var values: [Double]
        /// `values[i] − values[0]`, rounded to 6 decimals; nil for the baseline.
        public var deltas: [Double?]
    }

    /// How many tasks each plan lists late for one reason (format §4 `reason`).
    public struct LateReasonRow: Sendable, Hashable, Codable {
        public var reason: LateReason
        /// Late tasks with this reason in each plan, baseline first.
        public var counts: [Int]
        /// `counts[i] − counts[0]`; nil for the baseline.
        public var deltas: [Int?]
    }

    /// One worker's load in each plan (nil where the worker is not in that plan's scenario).
    public struct WorkerLoad: Sendable, Hashable, Codable {
        /// Worker id.
        public var worker: String
        /// The worker's name (from the first scenario that has it), or the id.
        public var name: String
        /// Working minutes over the horizon (route `end − start` less the break).
        public var minutes: [Int?]
        /// Stops over the horizon.
        public var stops: [Int?]
        /// `minutes[i] − minutes[0]`; nil for the baseline or where either is absent.
        public var minutesDelta: [Int?]
        public var stopsDelta: [Int?]

        enum CodingKeys: String, CodingKey {
            case worker, name, minutes, stops
            case minutesDelta = "minutes_delta"
            case stopsDelta = "stops_delta"
        }
    }

    /// One visit of a household in one plan: the day and who goes (two or more for a pair visit).
    public struct VisitSlot: Sendable, Hashable, Codable {
        public var date: CivilDate
        /// Worker ids, sorted (two or more for a pair visit).
        public var workers: [String]
    }

    /// A household whose visits moved to another worker or day in at least one plan.
    public struct HouseholdChange: Sendable, Hashable, Codable {
        /// Household id.
        public var task: String
        public var name: String
        /// The household's visits in each plan, by date.
        public var visits: [[VisitSlot]]
        /// Whether plan i sends a different set of workers than the baseline (false for the baseline).
        public var changedWorker: [Bool]
        /// Whether plan i visits on a different set of days than the baseline (false for the baseline).
        public var changedDay: [Bool]

        enum CodingKeys: String, CodingKey {
            case task, name, visits
            case changedWorker = "changed_worker"
            case changedDay = "changed_day"
        }
    }

    /// The compared plans' display names, baseline first.
    public let names: [String]
    /// The scenario names, one per plan.
    public let scenarioNames: [String]
    /// Report language: the baseline scenario's locale.
    public let locale: ReportLocale
    /// One row per `Metric`, in `Metric.allCases` order.
    public let metrics: [MetricRow]
    /// Late tasks per reason, for every reason some plan has a late task for, in the format's order.
    public let lateByReason: [LateReasonRow]
    /// Every worker of any scenario: the baseline's in its order, then newcomers in order of appearance.
    public let workers: [WorkerLoad]
    /// Households that changed worker or day, in the baseline scenario's order, then newcomers.
    public let households: [HouseholdChange]
    /// Solver status per plan (`optimal`, `feasible`, …).
    public let solverStatus: [String]
    /// Per plan, of the households visited in both it and the baseline, the share sent the same
    /// workers on the same days (weekdays when the horizons differ, e.g. two consecutive weeks); nil
    /// for the baseline or when no household is visited in both.
    public let stability: [Double?]
    /// Per plan, its shortfall (what would bring its capacity-late tasks on time), if any.
    public let shortfalls: [Shortfall?]

    /// Errors building a comparison.
    public enum BuildError: Error, CustomStringConvertible, Equatable {
        case needsTwoPlans(got: Int)

        public var description: String {
            switch self {
            case .needsTwoPlans(let n): return "a comparison needs at least two plans, got \(n)"
            }
        }
    }

    /// Compares `entries`, the first being the baseline.
    /// - Throws: `BuildError.needsTwoPlans` for fewer than two entries.
    /// - Complexity: O(stops + households × plans).
    public init(_ entries: [Entry]) throws {
        guard entries.count >= 2 else { throw BuildError.needsTwoPlans(got: entries.count) }
        names = entries.map(\.name)
        scenarioNames = entries.map(\.scenario.name)
        locale = entries[0].scenario.locale
        solverStatus = entries.map(\.plan.solver.status)
        shortfalls = entries.map(\.plan.shortfall)

        metrics = Metric.allCases.map { m in
            let values = entries.map { m.value(of: $0.plan) }
            return MetricRow(metric: m, values: values,
                             deltas: values.enumerated().map { i, v in i == 0 ? nil : Plan.round(v - values[0], places: 6) })
        }

        lateByReason = LateReason.allCases.compactMap { r in
            let counts = entries.map { e in e.plan.late.filter { $0.reason == r }.count }
            guard counts.contains(where: { $0 > 0 }) else { return nil }
            return LateReasonRow(reason: r, counts: counts,
                                 deltas: counts.enumerated().map { i, n in i == 0 ? nil : n - counts[0] })
        }

        // Workers: baseline order, then newcomers.
        var order: [String] = []
        var names: [String: String] = [:]
        for e in entries {
            for w in e.scenario.workers where names[w.id] == nil {
                order.append(w.id)
                names[w.id] = w.name.isEmpty ? w.id : w.name
            }
            for r in e.plan.routes where names[r.worker] == nil {
                order.append(r.worker)
                names[r.worker] = r.worker
            }
        }
        workers = order.map { id in
            var minutes: [Int?] = [], stops: [Int?] = []
            for e in entries {
                let known = e.scenario.workers.first { $0.id == id }
                let routes = e.plan.routes.filter { $0.worker == id }
                if known == nil && routes.isEmpty {
                    minutes.append(nil)
                    stops.append(nil)
                    continue
                }
                minutes.append(routes.reduce(0) { $0 + $1.workingMinutes(breakTime: known?.breakTime) })
                stops.append(routes.reduce(0) { $0 + $1.stops.count })
            }
            func delta(_ xs: [Int?]) -> [Int?] {
                xs.enumerated().map { i, x in
                    guard i > 0, let x, let b = xs[0] else { return nil }
                    return x - b
                }
            }
            return WorkerLoad(worker: id, name: names[id] ?? id, minutes: minutes, stops: stops,
                              minutesDelta: delta(minutes), stopsDelta: delta(stops))
        }

        // Households: visit slots per plan, compared with the baseline's.
        var hOrder: [String] = []
        var hNames: [String: String] = [:]
        for e in entries {
            for h in e.scenario.households where hNames[h.id] == nil {
                hOrder.append(h.id)
                hNames[h.id] = h.name
            }
        }
        let slots: [[String: [VisitSlot]]] = entries.map { e in
            var byTask: [String: [CivilDate: Set<String>]] = [:]
            for r in e.plan.routes {
                for s in r.stops where s.kind == .visit {
                    byTask[s.task, default: [:]][r.date, default: []].formUnion([r.worker] + s.with)
                }
            }
            return byTask.mapValues { days in
                days.keys.sorted().map { VisitSlot(date: $0, workers: days[$0]!.sorted()) }
            }
        }
        var changes: [HouseholdChange] = []
        // Days compare as dates within one horizon, as weekdays across horizons (consecutive weeks).
        let horizons = entries.map { $0.plan.horizon }
        /// The days of `v` as plan `i` is compared with the baseline: dates, or weekdays across horizons.
        func days(_ v: [VisitSlot], comparing i: Int) -> Set<Int> {
            horizons[i] == horizons[0] ? Set(v.map { horizons[0].start.days(to: $0.date) })
                : Set(v.map { $0.date.weekday.rawValue })
        }
        var both = Array(repeating: 0, count: entries.count), kept = both
        for id in hOrder {
            let visits = slots.map { $0[id] ?? [] }
            let baseWorkers = Set(visits[0].flatMap(\.workers))
            let changedWorker = visits.enumerated().map { i, v in i > 0 && Set(v.flatMap(\.workers)) != baseWorkers }
            let changedDay = visits.enumerated().map { i, v in i > 0 && days(v, comparing: i) != days(visits[0], comparing: i) }
            for i in entries.indices.dropFirst() where !visits[0].isEmpty && !visits[i].isEmpty {
                both[i] += 1
                if !changedWorker[i] && !changedDay[i] { kept[i] += 1 }
            }
            guard changedWorker.contains(true) || changedDay.contains(true) else { continue }
            changes.append(HouseholdChange(task: id, name: hNames[id] ?? "", visits: visits,
                                           changedWorker: changedWorker, changedDay: changedDay))
        }
        households = changes
        stability = entries.indices.map { i in i == 0 || both[i] == 0 ? nil : Plan.round(Double(kept[i]) / Double(both[i]), places: 4) }
    }
}
