import Foundation

/// The project's own validator of format §5: does a plan keep every rule for its scenario?
///
/// One method per rule, each returning its violations with a readable justification, in the
/// manner of Timefold's constraints. The checker never trusts the planner: it recomputes travel
/// from `TravelModel`, working days from `WorkingCalendar`, lateness from `DueRule` and the KPIs
/// from `KPIs.compute(routes:scenario:)`.
///
/// ```swift
/// let violations = PlanChecker.check(plan, against: scenario)
/// for v in violations { print("plan.json: \(v)") }   // plan.json: rule 5.3: …
/// ```
public enum PlanChecker {
    /// Tolerance for a reported ratio (`on_time_rate`, `utilisation_*`, `continuity`): plan.json rounds to 0.0001.
    public static let ratioTolerance = 1e-4
    /// Tolerance for a reported distance in km, per leg: plan.json rounds km to 0.001.
    public static let kmTolerance = 1e-3

    /// Every violation of format §5 (rules 5.1–5.8) and of the late-list contract of §4 (rule `"4"`).
    ///
    /// - Parameters:
    ///   - plan: the plan to check, as read from plan.json or returned by the planner.
    ///   - scenario: the scenario the plan claims to be for.
    /// - Returns: the violations, empty for a valid plan, ordered by rule, date, worker and task, then as found.
    /// - Complexity: O(stops × log stops + tasks × horizon days × visits per task).
    public static func check(_ plan: Plan, against scenario: Scenario) -> [PlanViolation] {
        let context = Context(plan: plan, scenario: scenario)
        var found: [PlanViolation] = []
        found += existingTasksWorkersAndWorkingDays(context)     // 5.1
        found += shiftAndStopOrder(context)                        // 5.2
        found += travelTimesAndDurations(context)                  // 5.3
        found += breaksWindowsAndWeekdays(context)                 // 5.4
        found += coverageSkillsAndPairs(context)                   // 5.5
        found += maxVisitsPerDay(context)                          // 5.6
        found += minimumGaps(context)                              // 5.7
        found += reportedKPIs(context)                             // 5.8
        found += lateList(context)                                 // 4
        // Stable: equal keys keep the order the rules found them in (e.g. KPI fields in plan.json order).
        return found.enumerated().sorted { a, b in
            PlanViolation.precedes(a.element, b.element) || (!PlanViolation.precedes(b.element, a.element) && a.offset < b.offset)
        }.map(\.element)
    }

    /// What every rule needs, computed once.
    struct Context {
        let plan: Plan
        let scenario: Scenario
        let calendar: WorkingCalendar
        let travel: TravelModel
        let jobs: [String: Job]
        let workers: [String: Worker]
        /// Dates each task is visited in the plan (for the duration of campaign visits).
        let visitDates: [String: [CivilDate]]

        init(plan: Plan, scenario: Scenario) {
            self.plan = plan
            self.scenario = scenario
            calendar = WorkingCalendar(horizon: scenario.horizon)
            travel = TravelModel(scenario: scenario)
            jobs = Dictionary(scenario.jobs().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            workers = Dictionary(scenario.workers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var dates: [String: Set<CivilDate>] = [:]
            for r in plan.routes { for s in r.stops { dates[s.task, default: []].insert(r.date) } }
            visitDates = dates.mapValues { $0.sorted() }
        }

        /// Every stop with its route, in plan order.
        var stops: [(route: Route, stop: Stop)] {
            plan.routes.flatMap { r in r.stops.map { (r, $0) } }
        }
    }

    // MARK: - Formatting

    static func prefix(_ r: Route) -> String { "\(r.worker) on \(r.date.iso)" }

    static func hhmm(_ minutes: Int) -> String { TimeOfDay(minutes: minutes).hhmm }

    static func km(_ x: Double) -> String { String(format: "%.3f", x) }

    static func ratio(_ x: Double) -> String { String(format: "%.4f", x) }

    static func list(_ xs: [String]) -> String { xs.isEmpty ? "nobody" : xs.joined(separator: ", ") }
}
