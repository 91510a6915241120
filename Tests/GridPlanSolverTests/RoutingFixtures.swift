import Foundation
import GridPlanCheck
import GridPlanCore
import GridPlanSolver

/// Small named scenarios for routing tests: one grid, an office, households on a line east of it.
enum RoutingFixture {
    static let monday = CivilDate(iso: "2026-11-23")!
    static let office = GeoPoint(lat: 31.2485, lon: 121.4056)

    /// A point `metres` east of the office.
    static func east(_ metres: Double, north: Double = 0) -> GeoPoint {
        GeoPoint(lat: office.lat + north / 111_195, lon: office.lon + metres / (111_195 * cos(office.lat * .pi / 180)))
    }

    static func worker(_ id: String, shift: (Int, Int) = (8 * 60 + 30, 17 * 60 + 30), breakTime: (Int, Int)? = nil,
                       maxVisits: Int? = nil) -> Worker {
        Worker(id: id, name: id, grids: ["G1"], start: "OFFICE", shift: TimeWindow(shift.0, shift.1),
               breakTime: breakTime.map { TimeWindow($0.0, $0.1) }, maxVisitsPerDay: maxVisits)
    }

    static func household(_ id: String, at p: GeoPoint, category: String = "elderly", window: (Int, Int)? = nil,
                          duration: Int? = nil) -> Household {
        Household(id: id, name: id, grid: "G1", location: p, categories: [category],
                  window: window.map { TimeWindow($0.0, $0.1) }, durationMin: duration)
    }

    static func scenario(workers: [Worker], households: [Household], patrols: [Patrol] = []) -> Scenario {
        Scenario(name: "routing fixture", horizon: Horizon(start: monday, days: 7),
                 places: [Place(id: "OFFICE", name: "office", location: office)],
                 policies: [Policy(category: "elderly", everyDays: 7, durationMin: 20),
                            Policy(category: "key", everyDays: 7, durationMin: 30, workersNeeded: 2)],
                 workers: workers, households: households, patrols: patrols)
    }

    static func visit(_ job: String, by workers: [String], on date: CivilDate = monday) -> PlannedVisit {
        PlannedVisit(job: job, date: date, workers: workers)
    }
}

/// Minutes of the §3 leg between two ids for a worker of the scenario.
func legMinutes(_ scenario: Scenario, _ from: String, _ to: String, worker: String) -> Int {
    TravelModel(scenario: scenario).leg(from: from, to: to, worker: scenario.workers.first { $0.id == worker }).minutes
}

/// The rules of format §5 about routes (5.1–5.6: tasks, workers and working days, shift and order, travel
/// and durations, break, windows and weekdays, coverage, skills and pairs, visits per day) that `routes`
/// break for `scenario`, by the independent checker (the plan-level rules, gaps, KPIs and the late
/// list, are left out: the routes are checked as a plan with no late list).
func routeViolations(_ routes: [Route], in scenario: Scenario) -> [PlanViolation] {
    let plan = Plan(scenario: ScenarioReference(madeFrom: scenario),
                    horizon: PlanHorizon(start: scenario.horizon.start, days: scenario.horizon.days),
                    solver: SolverReport(backend: "", status: "", objective: 0, bound: 0, gap: 0, seconds: 0),
                    routes: routes, late: [], kpis: KPIs.compute(routes: routes, scenario: scenario))
    let routeRules: Set<String> = ["5.1", "5.2", "5.3", "5.4", "5.5", "5.6"]
    return PlanChecker.check(plan, against: scenario).filter { routeRules.contains($0.rule) }
}
