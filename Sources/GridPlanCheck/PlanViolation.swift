import Foundation
import GridPlanCore

/// One way a plan breaks a rule of format §5 (or the late-list contract of §4), with a readable
/// justification a grid head or a developer can act on.
///
/// `rule` is the spec's rule number: `"5.1"` … `"5.8"`, or `"4"` for the late list.
public struct PlanViolation: Sendable, Hashable, CustomStringConvertible {
    /// The rule broken: `"5.1"` … `"5.8"`, or `"4"` when the `late` list disagrees with the routes.
    public var rule: String
    /// The worker concerned, when the violation is about one worker's route.
    public var worker: String?
    /// The date concerned, when there is one.
    public var date: CivilDate?
    /// The task (household or patrol id) concerned, when there is one.
    public var task: String?
    /// A full sentence naming what is wrong, e.g.
    /// `W02 on 2026-11-24: stop H0007 starts 08:50, before its window 09:00-11:30`.
    public var message: String

    public init(rule: String, worker: String? = nil, date: CivilDate? = nil, task: String? = nil, message: String) {
        self.rule = rule
        self.worker = worker
        self.date = date
        self.task = task
        self.message = message
    }

    /// `rule 5.3: message`.
    public var description: String { "rule \(rule): \(message)" }

    /// The order violations are reported in: by rule, then date, worker and task (the checker keeps
    /// the order it found them in among equals).
    static func precedes(_ a: PlanViolation, _ b: PlanViolation) -> Bool {
        let ra = ruleKey(a.rule), rb = ruleKey(b.rule)
        if ra != rb { return ra.lexicographicallyPrecedes(rb) }
        let da = a.date?.dayNumber ?? Int.min, db = b.date?.dayNumber ?? Int.min
        if da != db { return da < db }
        if (a.worker ?? "") != (b.worker ?? "") { return (a.worker ?? "") < (b.worker ?? "") }
        return (a.task ?? "") < (b.task ?? "")
    }

    private static func ruleKey(_ rule: String) -> [Int] {
        rule.split(separator: ".").map { Int($0) ?? Int.max }
    }
}
