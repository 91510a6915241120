import Foundation
import GridPlanCore

/// The project's own validator of format §5: does a plan keep every rule for its scenario?
///
/// One method per rule, each returning its violations with a readable justification, in the
/// manner of Timefold's constraints. The checker never trusts the planner, nor shares its meaning:
/// it reads only the scenario's and the plan's value types, and re-derives from the format text the
/// tasks and their merged categories (`SpecTask`, §1), working days (`SpecCalendar`), due dates and
/// late days (`SpecLateness`, §2), travel (`SpecTravel`, §3) and the KPIs (`SpecKPIs`, §5.8). It
/// never calls the planner's `Scenario.jobs()`, `TravelModel`, `DueRule`, `WorkingCalendar`,
/// `KPIs.compute` or eligibility, so a mistake there cannot hide in a plan both accept.
///
/// ```swift
/// let violations = PlanChecker.check(plan, against: scenario)
/// for v in violations { print("plan.json: \(v)") }   // plan.json: rule 5.3: …
/// ```
public enum PlanChecker {
    /// Tolerance for a reported ratio (`on_time_rate`, `utilisation_*`, `continuity`): plan.json rounds to 0.0001.
    public static let ratioTolerance = 1e-4
    /// Tolerance for a reported distance in km, per leg and for the KPI `travel_km` (plan.json writes
    /// stop and route km to 6 places, the KPI to 0.001).
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
        found += campaignStops(context)                            // campaign-only stops (extension)
        found += campaignFigures(context)                          // campaign KPIs and missed list (extension)
        // Stable: equal keys keep the order the rules found them in (e.g. KPI fields in plan.json order).
        return found.enumerated().sorted { a, b in
            PlanViolation.precedes(a.element, b.element) || (!PlanViolation.precedes(b.element, a.element) && a.offset < b.offset)
        }.map(\.element)
    }

    /// What every rule needs, computed once.
    struct Context {
        let plan: Plan
        let scenario: Scenario
        let calendar: SpecCalendar
        let travel: SpecTravel
        /// Every task in scenario order, and by id.
        let taskList: [SpecTask]
        let tasks: [String: SpecTask]
        let workers: [String: Worker]
        /// Dates each task is visited in the plan: its regular stops (a campaign-only stop is no visit).
        let visitDates: [String: Set<CivilDate>]

        init(plan: Plan, scenario: Scenario) {
            self.plan = plan
            self.scenario = scenario
            calendar = SpecCalendar(horizon: scenario.horizon)
            travel = SpecTravel(scenario: scenario)
            taskList = SpecTask.all(in: scenario)
            tasks = Dictionary(taskList.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            workers = Dictionary(scenario.workers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var dates: [String: Set<CivilDate>] = [:]
            for r in plan.routes { for s in r.stops where s.kind != .campaign { dates[s.task, default: []].insert(r.date) } }
            visitDates = dates
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

    /// Minutes of `[a, b)` inside `window` (0 without one).
    static func minutesInside(_ window: TimeWindow?, _ a: Int, _ b: Int) -> Int {
        SpecKPIs.minutesInside(window, a, b)
    }
}
