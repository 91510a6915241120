import Foundation
import GridPlanCore

/// Rules about a task across routes and days: 5.5 (coverage, skills, patrols and pair visits),
/// 5.7 (minimum gaps), 5.8 (KPIs) and the late list of §4.
extension PlanChecker {
    /// §5.5: the worker covers the task's grid (`grids` or `may_cover`) and has all its skills; a patrol
    /// (or a single-worker visit) is done by one worker; a pair visit by exactly `workers_needed` distinct
    /// workers starting at the same minute, each listing the others in `with`.
    static func coverageSkillsAndPairs(_ c: Context) -> [PlanViolation] {
        let rule = "5.5"
        var found: [PlanViolation] = []
        struct Key: Hashable { var task: String; var date: CivilDate; var campaignOnly: Bool }
        var groups: [Key: [(route: Route, stop: Stop)]] = [:]
        var order: [Key] = []
        for (r, s) in c.stops {
            guard let job = c.tasks[s.task] else { continue }
            let key = Key(task: s.task, date: r.date, campaignOnly: s.kind == .campaign)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append((r, s))
            guard let w = c.workers[r.worker] else { continue }
            let p = prefix(r)
            if !w.grids.contains(job.grid) && !w.mayCover.contains(job.grid) {
                found.append(PlanViolation(rule: rule, worker: r.worker, date: r.date, task: s.task, message:
                    "\(p): stop \(s.task) is in grid \(job.grid), which \(w.id) neither is responsible for nor may cover"))
            }
            let missing = job.skills.filter { !w.skills.contains($0) }.sorted()
            if !missing.isEmpty {
                found.append(PlanViolation(rule: rule, worker: r.worker, date: r.date, task: s.task, message:
                    "\(p): stop \(s.task) needs skill\(missing.count > 1 ? "s" : "") "
                    + "\(missing.joined(separator: ", ")), which \(w.id) lacks"))
            }
        }
        for key in order {
            let group = groups[key]!, job = c.tasks[key.task]!
            let workers = Array(Set(group.map(\.route.worker))).sorted()
            let what = job.kind == .patrol ? "patrol point" : "household"
            if job.kind == .patrol || job.workersNeeded <= 1 {
                if workers.count > 1 {
                    found.append(PlanViolation(rule: rule, date: key.date, task: key.task, message:
                        "\(what) \(key.task) on \(key.date.iso) is done by \(list(workers)); it needs one worker"))
                }
                for (r, s) in group where !s.with.isEmpty {
                    found.append(PlanViolation(rule: rule, worker: r.worker, date: r.date, task: s.task, message:
                        "\(prefix(r)): stop \(s.task) lists with [\(s.with.joined(separator: ", "))], "
                        + "but \(what) \(s.task) is not a pair visit"))
                }
                continue
            }
            if workers.count != job.workersNeeded {
                found.append(PlanViolation(rule: rule, date: key.date, task: key.task, message:
                    "pair visit \(key.task) on \(key.date.iso) is made by \(workers.count) worker"
                    + "\(workers.count == 1 ? "" : "s") (\(list(workers))); it needs \(job.workersNeeded)"))
            }
            let starts = Set(group.map(\.stop.start))
            if starts.count > 1 {
                let detail = group.map { "\($0.route.worker) \($0.stop.start.hhmm)" }.sorted().joined(separator: ", ")
                found.append(PlanViolation(rule: rule, date: key.date, task: key.task, message:
                    "pair visit \(key.task) on \(key.date.iso) starts at different times: \(detail)"))
            }
            for (r, s) in group {
                let others = workers.filter { $0 != r.worker }
                if Set(s.with) != Set(others) || s.with.count != others.count {
                    found.append(PlanViolation(rule: rule, worker: r.worker, date: r.date, task: s.task, message:
                        "\(prefix(r)): stop \(s.task) lists with [\(s.with.joined(separator: ", "))]; "
                        + "the other workers of the pair visit are [\(others.joined(separator: ", "))]"))
                }
            }
        }
        return found
    }

    /// §5.7: no two visits of one task, history included, are closer than its `min_gap_days`.
    /// A pair visit counts once per date; a worker visiting one task twice on a date is a gap of 0.
    /// Campaign-only stops (kind `campaign`) are not visits of the rhythm and have no gap rule.
    static func minimumGaps(_ c: Context) -> [PlanViolation] {
        let rule = "5.7"
        var found: [PlanViolation] = []
        var planned: [String: Set<CivilDate>] = [:]
        var perWorkerDay: [String: Int] = [:]
        for (r, s) in c.stops where s.kind != .campaign {  // a campaign-only stop is no visit of the rhythm
            planned[s.task, default: []].insert(r.date)
            let key = s.task + "\u{1}" + r.worker + "\u{1}" + r.date.iso
            perWorkerDay[key, default: 0] += 1
            if perWorkerDay[key] == 2 {
                found.append(PlanViolation(rule: rule, worker: r.worker, date: r.date, task: s.task, message:
                    "\(prefix(r)): visits \(s.task) more than once on one day"))
            }
        }
        for task in planned.keys.sorted() {
            guard let job = c.tasks[task] else { continue }
            let inPlan = planned[task]!
            let history = Set(job.pastVisits)
            let all = inPlan.union(history).sorted()
            for (a, b) in zip(all, all.dropFirst()) where a.days(to: b) < job.minGapDays {
                guard inPlan.contains(a) || inPlan.contains(b) else { continue }
                let source = inPlan.contains(a) ? "" : " (history)"
                found.append(PlanViolation(rule: rule, date: b, task: task, message:
                    "\(task) is visited on \(a.iso)\(source) and \(b.iso), \(a.days(to: b)) day"
                    + "\(a.days(to: b) == 1 ? "" : "s") apart; its min_gap_days is \(job.minGapDays)"))
            }
        }
        return found
    }

    /// §5.8: the reported `kpis` equal the checker's own recomputation (`SpecKPIs`): integers exactly,
    /// ratios to 0.0001, kilometres to 0.001; so do the extensions `daily_spread_max_min` and
    /// `regular_weekday_rate` where the plan reports them.
    static func reportedKPIs(_ c: Context) -> [PlanViolation] {
        let rule = "5.8"
        var found: [PlanViolation] = []
        let want = SpecKPIs.compute(routes: c.plan.routes, scenario: c.scenario, tasks: c.taskList,
                                    calendar: c.calendar)
        let got = c.plan.kpis
        func int(_ name: String, _ g: Int, _ w: Int) {
            if g != w {
                found.append(PlanViolation(rule: rule, message: "kpis.\(name) is \(g); recomputed from the routes: \(w)"))
            }
        }
        func dec(_ name: String, _ g: Double, _ w: Double, _ tolerance: Double, _ show: (Double) -> String) {
            if !(abs(g - w) <= tolerance + 1e-9) {
                found.append(PlanViolation(rule: rule, message:
                    "kpis.\(name) is \(show(g)); recomputed from the routes: \(show(w))"))
            }
        }
        int("tasks_due", got.tasksDue, want.tasksDue)
        int("visits_planned", got.visitsPlanned, want.visitsPlanned)
        int("late_task_days", got.lateTaskDays, want.lateTaskDays)
        dec("on_time_rate", got.onTimeRate, want.onTimeRate, ratioTolerance, ratio)
        dec("travel_km", got.travelKm, want.travelKm, kmTolerance, km)
        int("travel_min", got.travelMin, want.travelMin)
        int("work_min", got.workMin, want.workMin)
        dec("utilisation_min", got.utilisationMin, want.utilisationMin, ratioTolerance, ratio)
        dec("utilisation_max", got.utilisationMax, want.utilisationMax, ratioTolerance, ratio)
        dec("continuity", got.continuity, want.continuity, ratioTolerance, ratio)
        // The extensions of Docs/scenario-format.md §10, checked when the plan reports them (older
        // plans do not, and plan.json omits them when there is nothing to measure).
        if let g = got.dailySpreadMaxMin {
            if let w = want.dailySpreadMaxMin {
                int("daily_spread_max_min", g, w)
            } else {
                found.append(PlanViolation(rule: rule, message: "kpis.daily_spread_max_min is \(g); recomputed from the "
                    + "routes: none (no worker with two working days and a route)"))
            }
        }
        if let g = got.regularWeekdayRate {
            if let w = want.regularWeekdayRate {
                dec("regular_weekday_rate", g, w, ratioTolerance, ratio)
            } else {
                found.append(PlanViolation(rule: rule, message: "kpis.regular_weekday_rate is \(ratio(g)); recomputed from "
                    + "the routes: none (no visit of a weekly-or-slower task after an earlier visit)"))
            }
        }
        return found
    }

    /// §4: `late` lists exactly the tasks with `late_days > 0` (§2), once each, with their late days,
    /// the first due date they miss and the first date they are visited in the horizon (or null).
    static func lateList(_ c: Context) -> [PlanViolation] {
        let rule = "4"
        var found: [PlanViolation] = []
        let outcomes = c.taskList.map { t in
            (task: t, visits: c.visitDates[t.id] ?? [],
             lateness: SpecLateness(of: t, planVisits: c.visitDates[t.id] ?? [], calendar: c.calendar))
        }
        let byTask = Dictionary(outcomes.map { ($0.task.id, $0) }, uniquingKeysWith: { a, _ in a })
        var listed: [String: LateTask] = [:]
        for entry in c.plan.late {
            if listed[entry.task] != nil {
                found.append(PlanViolation(rule: rule, task: entry.task, message:
                    "the late list holds \(entry.task) more than once"))
                continue
            }
            listed[entry.task] = entry
            guard let o = byTask[entry.task] else {
                found.append(PlanViolation(rule: rule, task: entry.task, message:
                    "the late list holds '\(entry.task)', which is not a household or patrol point of the scenario"))
                continue
            }
            if o.lateness.lateDays == 0 {
                found.append(PlanViolation(rule: rule, task: entry.task, message:
                    "the late list holds \(entry.task), which is never late in the plan"))
                continue
            }
            if entry.lateDays != o.lateness.lateDays {
                found.append(PlanViolation(rule: rule, task: entry.task, message:
                    "the late list gives \(entry.task) \(entry.lateDays) late days; recomputed from the routes: \(o.lateness.lateDays)"))
            }
            let first = o.visits.filter { c.scenario.horizon.contains($0) }.min()
            if entry.firstVisit != first {
                found.append(PlanViolation(rule: rule, task: entry.task, message:
                    "the late list gives \(entry.task) first_visit \(entry.firstVisit?.iso ?? "null"); "
                    + "the routes first visit it on \(first?.iso ?? "no day (null)")"))
            }
            if let due = o.lateness.firstMissedDue, entry.due != due {
                found.append(PlanViolation(rule: rule, task: entry.task, message:
                    "the late list gives \(entry.task) due \(entry.due.iso); the first due date it misses is \(due.iso)"))
            }
        }
        for o in outcomes where o.lateness.lateDays > 0 && listed[o.task.id] == nil {
            let n = o.lateness.lateDays
            found.append(PlanViolation(rule: rule, task: o.task.id, message:
                "\(o.task.id) is late \(n) day\(n == 1 ? "" : "s") "
                + "(due \(o.lateness.firstMissedDue?.iso ?? "?")) but is missing from the late list"))
        }
        return found
    }
}
