import Foundation
import GridPlanCore

/// What a re-plan gives: the whole-horizon plan and the visits that changed.
public struct ReplanResult: Sendable {
    /// Routes before the re-plan date exactly as in the old plan, new routes from it on; late list and
    /// KPIs recomputed over the scenario's horizon.
    public var plan: Plan
    /// Visits on or after the date that moved, changed workers, were added or were dropped.
    public var changes: [StopChange]
    /// Urgent tasks whose stop could not be made the first of its day (a pair visit, or a day that
    /// would no longer fit); they keep their place in the route, on the required date.
    public var notFirst: [String] = []
}

/// Re-plans the rest of a period after a disruption, changing as few stops as it can.
///
/// ```swift
/// let setup = try ReplanSetup.make(scenario: s, plan: old, from: wednesday,
///                                  disruption: Disruption(absences: [Absence(worker: "W02", from: wednesday, through: friday)]))
/// let result = try Replanner.replan(setup, oldPlan: old, options: PlanOptions(timeLimitSeconds: 20))
/// ```
public enum Replanner {
    /// Plans `setup.remaining` (the days from the re-plan date, with the kept stops as history and the
    /// absences as days off) with the old plan's later visits as a stickiness bonus and urgent tasks as
    /// required visits, puts each urgent stop first in its worker's day, then merges the kept routes back in.
    ///
    /// - Parameter options: planning options; its `cycle.previous` and `cycle.required` are set from the setup
    ///   (its `cycle.changePenalty` is kept).
    /// - Throws: what `Planner.plan` throws.
    public static func replan(_ setup: ReplanSetup, oldPlan: Plan, options: PlanOptions = PlanOptions()) throws
        -> ReplanResult {
        var o = options
        o.cycle = CycleObjective(previous: setup.previous, changePenalty: options.cycle.changePenalty,
                                 required: setup.required)
        var sub = try Planner.plan(setup.remaining, options: o)
        let (routes, notFirst) = UrgentFirst.reorder(sub.routes, urgent: Set(setup.disruption.urgent),
                                                     scenario: setup.remaining)
        sub.routes = routes
        let plan = setup.merge(remainingPlan: sub, oldPlan: oldPlan)
        return ReplanResult(plan: plan, changes: PlanChanges.between(old: oldPlan, new: plan, from: setup.from, setup: setup),
                            notFirst: notFirst)
    }
}
