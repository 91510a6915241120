import Foundation

/// A scenario with the planner's rules resolved once: its jobs (`Scenario.jobs()`: categories merged
/// per §1, history, campaigns owed), the working calendar (§2, §5.1), the travel model with its matrix
/// (§3), and households, patrols, places, workers and jobs by id.
///
/// `ScenarioLoader` builds one with every scenario it loads (`ScenarioLoadResult.resolved`); the
/// solver, the reports and the weekly cycle take it instead of a `Scenario`, so none of them derives
/// the jobs, the calendar or the travel model again. A scenario that really is a different one (a
/// re-plan's remaining days, the shortfall's scenario with helpers) is resolved once where it is made.
/// The scenario's own fields read through (`resolved.workers`, `resolved.horizon`).
///
/// The independent checker (GridPlanCheck) never uses it: it re-derives all of this from the format text.
@dynamicMemberLookup
public struct ResolvedScenario: Sendable {
    /// The scenario as loaded or made.
    public let scenario: Scenario
    /// Every household and patrol as a `Job`, households first, each in file order (`Scenario.jobs()`).
    public let jobs: [Job]
    /// The horizon's working days, and each worker's.
    public let calendar: WorkingCalendar
    /// Legs between places, households and patrol points, the scenario's travel matrix included
    /// (`travel` is the scenario's settings, read through).
    public let travelModel: TravelModel
    /// Jobs by id (the first of a repeated id, as everywhere).
    public let jobsById: [String: Job]
    /// Workers by id (the first of a repeated id).
    public let workersById: [String: Worker]
    private let households: [String: Household]
    private let patrols: [String: Patrol]
    private let places: [String: Place]

    /// Resolves `scenario`.
    ///
    /// - Complexity: O(tasks + workers + history + matrix entries).
    public init(_ scenario: Scenario) {
        self.scenario = scenario
        jobs = scenario.jobs()
        calendar = WorkingCalendar(horizon: scenario.horizon)
        travelModel = TravelModel(scenario: scenario)
        jobsById = Dictionary(jobs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        workersById = Dictionary(scenario.workers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        households = Dictionary(scenario.households.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        patrols = Dictionary(scenario.patrols.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        places = Dictionary(scenario.places.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The scenario's fields: `resolved.workers` is `resolved.scenario.workers`.
    public subscript<T>(dynamicMember field: KeyPath<Scenario, T>) -> T { scenario[keyPath: field] }

    public func job(_ id: String) -> Job? { jobsById[id] }
    public func worker(_ id: String) -> Worker? { workersById[id] }
    public func household(_ id: String) -> Household? { households[id] }
    public func patrol(_ id: String) -> Patrol? { patrols[id] }
    public func place(_ id: String) -> Place? { places[id] }
}
