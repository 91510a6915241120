import Foundation
import GridPlanCore

/// A broken rule found in a route: which rule of format §5, where, and what.
public struct RouteViolation: Sendable, Hashable, CustomStringConvertible {
    /// The rule number of format §5 (1–6).
    public var rule: Int
    public var worker: String
    public var date: CivilDate
    /// The stop's task, when the violation is about one stop.
    public var task: String?
    public var message: String

    public var description: String {
        "rule \(rule): \(worker) \(date.iso)\(task.map { " \($0)" } ?? ""): \(message)"
    }
}

/// Checks routes against format §5 rules 1–6 (the route-level rules; gap rules and KPIs are the plan
/// checker's). Used by routing's tests and as a guard on what `WeekRouting` emits.
public enum RouteValidator {
    /// Every violation of rules 1–6 in `routes`, plus stated travel minutes that disagree with §3.
    public static func violations(of routes: [Route], in scenario: Scenario) -> [RouteViolation] {
        let jobs = Dictionary(scenario.jobs().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let workers = Dictionary(scenario.workers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let calendar = WorkingCalendar(horizon: scenario.horizon)
        let travel = TravelModel(scenario: scenario)
        var found: [RouteViolation] = []
        struct Event: Hashable { var task: String; var date: CivilDate; var start: Int }
        var eventWorkers: [Event: [String]] = [:]
        var eventWith: [Event: [[String]]] = [:]
        for r in routes {
            func add(_ rule: Int, _ task: String?, _ message: String) {
                found.append(RouteViolation(rule: rule, worker: r.worker, date: r.date, task: task, message: message))
            }
            guard let w = workers[r.worker] else { add(1, nil, "unknown worker"); continue }
            if !scenario.horizon.contains(r.date) { add(1, nil, "date outside the horizon") }
            else if !calendar.isWorkingDay(r.date, for: w) { add(1, nil, "not a working day of the worker") }
            if r.start < w.shift.start { add(2, nil, "starts \(r.start) before the shift (\(w.shift.start))") }
            if r.end > w.shift.end { add(2, nil, "ends \(r.end) after the shift (\(w.shift.end))") }
            let breakOverlap: (Int, Int) -> Int = { a, b in w.breakTime?.overlap(a, b) ?? 0 }
            var leave = r.start.minutes
            var prev = w.start
            var visitsCount = 0
            for s in r.stops {
                guard let job = jobs[s.task] else { add(1, s.task, "unknown task"); continue }
                if job.kind != s.kind { add(1, s.task, "kind \(s.kind.rawValue), task is a \(job.kind.rawValue)") }
                if s.arrive.minutes < leave { add(2, s.task, "arrives \(s.arrive) before leaving the previous point") }
                let leg = travel.leg(from: prev, to: s.task, worker: w)
                let moving = s.arrive.minutes - leave - breakOverlap(leave, s.arrive.minutes)
                if moving < leg.minutes { add(3, s.task, "leg takes \(leg.minutes) min, only \(moving) min outside the break") }
                if s.travelMin != leg.minutes { add(3, s.task, "states travel \(s.travelMin) min, §3 gives \(leg.minutes)") }
                if s.start < s.arrive { add(3, s.task, "starts \(s.start) before arriving \(s.arrive)") }
                if s.end.minutes - s.start.minutes != job.durationMin {
                    add(3, s.task, "lasts \(s.end.minutes - s.start.minutes) min, the task takes \(job.durationMin)")
                }
                if breakOverlap(s.start.minutes, s.end.minutes) > 0 { add(4, s.task, "overlaps the break") }
                if let win = job.window, s.start < win.start || s.end > win.end { add(4, s.task, "outside its window \(win)") }
                if job.windowIsEmpty { add(4, s.task, "its window is empty") }
                if !job.allows(weekdayOf: r.date) { add(4, s.task, "not on an allowed weekday") }
                if !w.covers(grid: job.grid) { add(5, s.task, "worker does not cover grid \(job.grid)") }
                let missing = job.skills.filter { !w.skills.contains($0) }
                if !missing.isEmpty { add(5, s.task, "worker lacks skills \(missing.joined(separator: ", "))") }
                if job.kind == .patrol && !s.with.isEmpty { add(5, s.task, "a patrol is done by one worker") }
                if job.kind == .visit { visitsCount += 1 }
                let e = Event(task: s.task, date: r.date, start: s.start.minutes)
                eventWorkers[e, default: []].append(r.worker)
                eventWith[e, default: []].append(([r.worker] + s.with).sorted())
                leave = s.end.minutes
                prev = s.task
            }
            let home = travel.leg(from: prev, to: w.end, worker: w)
            let moving = r.end.minutes - leave - breakOverlap(leave, r.end.minutes)
            if moving < home.minutes { add(3, nil, "leg home takes \(home.minutes) min, only \(moving) min outside the break") }
            if let cap = w.maxVisitsPerDay, visitsCount > cap { add(6, nil, "\(visitsCount) visits, at most \(cap) a day") }
        }
        for (e, ws) in eventWorkers.sorted(by: { ($0.key.date, $0.key.task, $0.key.start) < ($1.key.date, $1.key.task, $1.key.start) }) {
            guard let job = jobs[e.task], job.kind == .visit else { continue }
            let needed = max(1, job.workersNeeded)
            let crew = Set(ws)
            if crew.count != needed || ws.count != needed || Set(eventWith[e] ?? []).count > 1 || (eventWith[e]?.first?.count ?? 0) != needed {
                found.append(RouteViolation(rule: 5, worker: ws.sorted().joined(separator: "+"), date: e.date, task: e.task,
                                            message: "needs \(needed) workers starting together, has \(crew.count)"))
            }
        }
        return found
    }
}
