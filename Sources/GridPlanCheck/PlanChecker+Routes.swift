import Foundation
import GridPlanCore

/// Rules about one worker's day: 5.1 (existing tasks, workers, working days), 5.2 (shift and order),
/// 5.3 (travel and durations), 5.4 (break, windows, weekdays) and 5.6 (visits per day).
extension PlanChecker {
    /// §5.1: every stop names an existing task of the right kind; every route an existing worker and a
    /// date in the horizon that is a working day for that worker; at most one route per worker and date;
    /// and the plan's horizon is the scenario's.
    static func existingTasksWorkersAndWorkingDays(_ c: Context) -> [PlanViolation] {
        let rule = "5.1"
        var found: [PlanViolation] = []
        let h = c.scenario.horizon
        if c.plan.horizon.start != h.start || c.plan.horizon.days != h.days {
            found.append(PlanViolation(rule: rule, message:
                "the plan's horizon (\(c.plan.horizon.start.iso), \(c.plan.horizon.days) days) is not the scenario's "
                + "(\(h.start.iso), \(h.days) days)"))
        }
        var routesPerWorkerDay: [String: Int] = [:]
        for r in c.plan.routes {
            let p = prefix(r)
            if let w = c.workers[r.worker] {
                if !h.contains(r.date) {
                    found.append(PlanViolation(rule: rule, worker: r.worker, date: r.date, message:
                        "\(p): the date is outside the horizon \(h.start.iso)..\(h.end.iso)"))
                } else if !c.calendar.isWorkingDay(r.date, for: w) {
                    let why: String
                    if h.holidays.contains(r.date) {
                        why = "it is a holiday"
                    } else if w.daysOff.contains(r.date) {
                        why = "it is a day off of \(w.id)"
                    } else {
                        let own = (w.weekdays ?? h.weekdays).sorted().map(\.name).joined(separator: ", ")
                        why = "a \(r.date.weekday.name) is not one of \(w.id)'s working weekdays (\(own)) nor an extra workday"
                    }
                    found.append(PlanViolation(rule: rule, worker: r.worker, date: r.date, message:
                        "\(p): not a working day for \(w.id): \(why)"))
                }
            } else {
                found.append(PlanViolation(rule: rule, worker: r.worker, date: r.date, message:
                    "\(p): '\(r.worker)' is not a worker of the scenario"))
            }
            let key = r.worker + "\u{1}" + r.date.iso
            routesPerWorkerDay[key, default: 0] += 1
            if routesPerWorkerDay[key] == 2 {
                let n = c.plan.routes.filter { $0.worker == r.worker && $0.date == r.date }.count
                found.append(PlanViolation(rule: rule, worker: r.worker, date: r.date, message:
                    "\(p): \(n) routes on one day; a worker has at most one route per date"))
            }
            for s in r.stops {
                guard let job = c.tasks[s.task] else {
                    found.append(PlanViolation(rule: rule, worker: r.worker, date: r.date, task: s.task, message:
                        "\(p): stop '\(s.task)' is not a household or patrol point of the scenario"))
                    continue
                }
                if job.kind != s.kind && !(s.kind == .campaign && job.kind == .visit) {
                    let what = job.kind == .visit ? "a household (kind visit)" : "a patrol point (kind patrol)"
                    found.append(PlanViolation(rule: rule, worker: r.worker, date: r.date, task: s.task, message:
                        "\(p): stop \(s.task) is \(what) but is listed with kind \(s.kind.rawValue)"))
                }
            }
        }
        return found
    }

    /// §5.2: the route starts no earlier than the shift start and ends no later than the shift end;
    /// stops lie inside the route, in time order, and do not overlap.
    static func shiftAndStopOrder(_ c: Context) -> [PlanViolation] {
        let rule = "5.2"
        var found: [PlanViolation] = []
        for r in c.plan.routes {
            let p = prefix(r)
            func add(_ task: String?, _ m: String) {
                found.append(PlanViolation(rule: rule, worker: r.worker, date: r.date, task: task, message: "\(p): \(m)"))
            }
            if let w = c.workers[r.worker] {
                if r.start < w.shift.start {
                    add(nil, "leaves at \(r.start.hhmm), before its shift \(w.shift) starts")
                }
                if r.end > w.shift.end {
                    add(nil, "returns at \(r.end.hhmm), after its shift \(w.shift) ends")
                }
            }
            if r.end < r.start {
                add(nil, "the route ends at \(r.end.hhmm), before it starts at \(r.start.hhmm)")
            }
            var previous: Stop?
            for s in r.stops {
                if s.end < s.start {
                    add(s.task, "stop \(s.task) ends at \(s.end.hhmm), before it starts at \(s.start.hhmm)")
                }
                if let q = previous {
                    if s.start < q.end {
                        add(s.task, "stop \(s.task) starts at \(s.start.hhmm), before the previous stop \(q.task) ends at \(q.end.hhmm)")
                    }
                } else if s.start < r.start {
                    add(s.task, "stop \(s.task) starts at \(s.start.hhmm), before the route starts at \(r.start.hhmm)")
                }
                previous = s
            }
            if let last = r.stops.last, last.end > r.end {
                add(last.task, "stop \(last.task) ends at \(last.end.hhmm), after the route ends at \(r.end.hhmm)")
            }
        }
        return found
    }

    /// §5.3: every leg (start place → first stop, stop → stop, last stop → end place at `end`) leaves
    /// enough time, less the break inside it, for the travel minutes of §3; `start ≥ arrive`;
    /// `end − start` is the task's duration. Also the reported `travel_min`, `travel_km` of each stop
    /// and the route's totals (the leg home included) and `service_min` agree with the travel model.
    static func travelTimesAndDurations(_ c: Context) -> [PlanViolation] {
        let rule = "5.3"
        var found: [PlanViolation] = []
        for r in c.plan.routes {
            let p = prefix(r)
            func add(_ task: String?, _ m: String) {
                found.append(PlanViolation(rule: rule, worker: r.worker, date: r.date, task: task, message: "\(p): \(m)"))
            }
            for s in r.stops {
                if s.start < s.arrive {
                    add(s.task, "stop \(s.task) starts at \(s.start.hhmm), before arriving at \(s.arrive.hhmm)")
                }
                if let job = c.tasks[s.task], s.kind != .campaign {  // campaign stops: `campaignStops`
                    // The visit's own duration: campaigns carried by a household's first visit add their minutes.
                    let want = job.minutesOnSite(on: r.date, planVisits: c.visitDates[s.task] ?? [])
                    if s.end.minutes - s.start.minutes != want {
                        let extra = want == job.durationMin ? "" : " with its campaigns"
                        add(s.task, "stop \(s.task) lasts \(s.end.minutes - s.start.minutes) min "
                            + "(\(s.start.hhmm)-\(s.end.hhmm)); the task takes \(want) min\(extra)")
                    }
                }
            }
            let service = r.stops.reduce(0) { $0 + $1.end.minutes - $1.start.minutes }
            if r.serviceMin != service {
                add(nil, "service_min is \(r.serviceMin); the stops take \(service) min")
            }
            guard let w = c.workers[r.worker] else { continue }
            var from = w.start, leave = r.start.minutes
            var totalMin = 0, totalKm = 0.0
            // Checks the leg from `from` (left at `leave`) to `to`, reached at `arrive`.
            func leg(to: String, arrive: Int, label: String, task: String?) -> (minutes: Int, km: Double, timing: Int) {
                let l = c.travel.leg(from: from, to: to, worker: w)
                let inBreak = minutesInside(w.breakTime, leave, arrive)
                let available = arrive - leave - inBreak
                if available < l.timing {
                    let breakNote = inBreak > 0 ? " less \(inBreak) min of break" : ""
                    let both = l.timing > l.minutes
                        ? " (the matrix row \(to) → \(from), which a row serving both directions would use)" : ""
                    add(task, "leg \(from) → \(label) leaves at \(hhmm(leave)) and arrives at \(hhmm(arrive)): "
                        + "\(available) min\(breakNote), but the travel takes \(l.timing) min\(both)")
                }
                totalMin += l.minutes
                totalKm += l.km
                return l
            }
            for s in r.stops {
                let l = leg(to: s.task, arrive: s.arrive.minutes, label: s.task, task: s.task)
                if s.travelMin != l.minutes {
                    add(s.task, "stop \(s.task) reports travel_min \(s.travelMin); the leg from \(from) takes \(l.minutes) min")
                }
                if abs(s.travelKm - l.km) > kmTolerance + 1e-9 {
                    add(s.task, "stop \(s.task) reports travel_km \(km(s.travelKm)); the leg from \(from) is \(km(l.km)) km")
                }
                from = s.task
                leave = s.end.minutes
            }
            _ = leg(to: w.end, arrive: r.end.minutes, label: "\(w.end) (end place)", task: nil)
            if r.travelMin != totalMin {
                add(nil, "travel_min is \(r.travelMin); its legs, the one home included, take \(totalMin) min")
            }
            let legs = r.stops.count + 1
            if abs(r.travelKm - totalKm) > Double(legs) * kmTolerance + 1e-9 {
                add(nil, "travel_km is \(km(r.travelKm)); its \(legs) legs, the one home included, are \(km(totalKm)) km")
            }
        }
        return found
    }

    /// §5.4: no stop overlaps the worker's break; each stop lies inside its task's window and on one of
    /// its weekdays.
    static func breaksWindowsAndWeekdays(_ c: Context) -> [PlanViolation] {
        let rule = "5.4"
        var found: [PlanViolation] = []
        for (r, s) in c.stops {
            let p = prefix(r)
            func add(_ m: String) {
                found.append(PlanViolation(rule: rule, worker: r.worker, date: r.date, task: s.task, message: "\(p): \(m)"))
            }
            let span = "\(s.start.hhmm)-\(s.end.hhmm)"
            if let b = c.workers[r.worker]?.breakTime, minutesInside(b, s.start.minutes, s.end.minutes) > 0 {
                add("stop \(s.task) (\(span)) overlaps the break \(b)")
            }
            guard let job = c.tasks[s.task] else { continue }
            if job.windowIsEmpty {
                add("stop \(s.task) cannot lie in its window: the windows of its household and categories share no minute")
            } else if let w = job.window {
                if s.start < w.start {
                    add("stop \(s.task) starts at \(s.start.hhmm), before its window \(w)")
                }
                if s.end > w.end {
                    add("stop \(s.task) ends at \(s.end.hhmm), after its window \(w)")
                }
            }
            if let days = job.weekdays, !days.contains(r.date.weekday) {
                add("stop \(s.task) is on a \(r.date.weekday.name); the household receives visits only on "
                    + days.sorted().map(\.name).joined(separator: ", "))
            }
        }
        return found
    }

    /// §5.6: a worker's stops of kind visit on one date are at most its `max_visits_per_day`. A
    /// campaign-only stop is at a household's door too and counts (extension: the cap counts doors).
    static func maxVisitsPerDay(_ c: Context) -> [PlanViolation] {
        let rule = "5.6"
        var found: [PlanViolation] = []
        var visits: [String: Int] = [:]
        var firstRoute: [String: Route] = [:]
        var order: [String] = []
        for r in c.plan.routes {
            let key = r.worker + "\u{1}" + r.date.iso
            if firstRoute[key] == nil { firstRoute[key] = r; order.append(key) }
            visits[key, default: 0] += r.stops.filter { (c.tasks[$0.task]?.kind ?? $0.kind) == .visit }.count
        }
        for key in order {
            let r = firstRoute[key]!, n = visits[key]!
            guard let cap = c.workers[r.worker]?.maxVisitsPerDay, n > cap else { continue }
            found.append(PlanViolation(rule: rule, worker: r.worker, date: r.date, message:
                "\(prefix(r)): \(n) household visits; max_visits_per_day is \(cap)"))
        }
        return found
    }
}
