import Foundation
import GridPlanCore

extension ReportContext {
    /// The plan's KPIs as (label, value) pairs, in the order reports show them.
    func kpiFigures() -> [(String, String)] {
        let k = plan.kpis, t = strings
        return [
            (t[.onTimeRate], Format.percent(k.onTimeRate, places: 1)),
            (t[.tasksDue], "\(k.tasksDue)"),
            (t[.visitsPlanned], "\(k.visitsPlanned)"),
            (t[.lateTaskDays], "\(k.lateTaskDays)"),
            (t[.travelKm], Format.decimal(k.travelKm, places: 1)),
            (t[.travelMin], "\(k.travelMin)"),
            (t[.workMin], "\(k.workMin)"),
            (t[.utilisationMin], Format.percent(k.utilisationMin)),
            (t[.utilisationMax], Format.percent(k.utilisationMax)),
            (t[.continuity], Format.percent(k.continuity)),
        ] + [
            k.dailySpreadMaxMin.map { (t[.dailySpread], t.hours(minutes: $0)) },
            k.regularWeekdayRate.map { (t[.regularWeekday], Format.percent($0)) },
            campaignFigure(),
        ].compactMap { $0 }
    }

    /// Whether the plan's re-plan was told `worker` is absent on `date`.
    func isAbsent(_ worker: String, on date: CivilDate) -> Bool {
        plan.absences?.contains { $0.worker == worker && $0.from <= date && date <= $0.through } ?? false
    }

    /// The absences a re-plan was made for, one per worker and range (`沈佳怡 (W01) 2026-02-25 – 2026-03-01`),
    /// so that a low utilisation reads as leave, not idleness; nil when the plan has none.
    func absencesLine() -> String? {
        guard let all = plan.absences, !all.isEmpty else { return nil }
        let sep = strings.locale == .en ? "; " : "；"
        return all.map { "\(workerLabel($0.worker)) \(strings.period($0.from, $0.through))" }.joined(separator: sep)
    }

    /// What the solver proved, in words a grid head reads: the late task-days against the floor no
    /// plan of this staffing can beat, and how far the plan can be from the best; nil for a plan
    /// without the assignment's lateness report.
    func provenLine() -> String? {
        guard let l = plan.solver.lateness else { return nil }
        let gap = Format.percent(plan.solver.gap, places: 2)
        let zh = strings.locale != .en
        var out: String
        if l.plannedLateTaskDays == 0 {
            out = zh ? "全部按时。" : "Everything is on time. "
        } else if zh {
            out = "逾期任务天数 \(l.plannedLateTaskDays)（分配方案 \(l.assignmentLateTaskDays)）；"
                + (l.lateTaskDaysFloor > 0 ? "按现有人手（以模型估算的每人每日可用时间计），任何方案都不少于 \(l.lateTaskDaysFloor)。"
                    : "未能证明逾期任务天数的下限。")
            if l.droppedVisits > 0 { out += "排路线时有 \(l.droppedVisits) 次走访排不下。" }
        } else {
            out = "Late task-days: \(l.plannedLateTaskDays) (assignment \(l.assignmentLateTaskDays)); "
                + (l.lateTaskDaysFloor > 0
                    ? "no plan with this staffing (at the model's estimate of each worker's day) can have fewer than \(l.lateTaskDaysFloor). "
                    : "no floor on them was proven. ")
            if l.droppedVisits > 0 { out += "Routing could not fit \(l.droppedVisits) planned visit\(l.droppedVisits == 1 ? "" : "s"). " }
        }
        out += zh ? "整体目标距最优不超过 \(gap)。" : "The whole plan is within \(gap) of the best the model allows."
        return out
    }

    /// The usual-weekday figure explained when some visits could not be on their weekday whatever the
    /// plan (their previous visit fell on a weekday this horizon does not work, such as a Saturday
    /// worked in lieu of a holiday); nil otherwise.
    func regularWeekdayLine() -> String? {
        let d = KPIs.regularWeekdayDetail(KPIs.outcomes(of: plan.routes, in: resolved), calendar: calendar)
        guard d.forcedOff > 0, let rest = d.rateWhereOffered else { return nil }
        let all = Format.percent(Double(d.same) / Double(d.counted)), others = Format.percent(rest)
        if strings.locale == .en {
            return "\(all) of \(d.counted) visits are on their usual weekday. The last visit of \(d.forcedOff) of them fell on a "
                + "weekday this period does not work (such as a Saturday worked in lieu of a holiday), so no plan could keep "
                + "them on it; of the other \(d.counted - d.forcedOff), \(others) are."
        }
        return "\(d.counted) 次走访中 \(all) 在固定走访日。其中 \(d.forcedOff) 次的上次走访在本期不上班的星期几"
            + "（如调休上班的周六），任何方案都无法安排在同一天；其余 \(d.counted - d.forcedOff) 次中 \(others) 在固定走访日。"
    }

    /// `glpk 5.0 · optimal · gap 0.68% · 1.4 s`.
    func solverLine() -> String {
        let s = plan.solver
        return "\(s.backend) · \(strings[.status]) \(strings.solverStatus(s.status)) · \(strings[.gap]) \(Format.percent(s.gap, places: 2))"
            + " · \(Format.decimal(s.seconds, places: 1)) s"
    }

    /// Is `date` a holiday of the horizon (a working weekday nobody works)?
    func isHoliday(_ date: CivilDate) -> Bool { scenario.horizon.holidays.contains(date) }

    /// Late tasks per reason: the late section's first line.
    func lateCounts() -> [(reason: LateReason, count: Int)] { plan.lateCountsByReason() }

    /// The late list joined with task names and categories, in the order a grid head acts on it:
    /// tasks this plan does not visit at all first, then the most late days, then by due date and id
    /// (plan.json keeps §4's order, by due date).
    func lateRows() -> [(late: LateTask, name: String, kind: JobKind?, grid: String, categories: [String])] {
        plan.late.map { l in
            let j = job(l.task)
            return (l, taskName(l.task), j?.kind, j?.grid ?? "", resolved.household(l.task)?.categories ?? [])
        }.sorted { a, b in
            func key(_ l: LateTask) -> (Int, Int, CivilDate, String) { (l.firstVisit == nil ? 0 : 1, -l.lateDays, l.due, l.task) }
            return key(a.late) < key(b.late)
        }
    }

    /// `本期未安排走访的任务 12 个，排在最前。` / `12 tasks get no visit in this plan; they are listed first.`; nil when every late task gets one.
    func notVisitedLine() -> String? {
        let n = plan.late.filter { $0.firstVisit == nil }.count
        guard n > 0 else { return nil }
        if strings.locale == .en { return "\(n) task\(n == 1 ? " gets" : "s get") no visit in this plan; listed first." }
        return "本期未安排走访的任务 \(n) 个，排在最前。"
    }
}

/// `roster.html`: the week at a glance for the grid head, printed on A4 landscape.
enum RosterHTML {
    static let css = """
        @page{size:A4 landscape;margin:10mm}
        .roster td{min-width:5.5em}
        .roster td.off{background:#f0f0f0;color:#777;text-align:center}
        .roster th.holiday{background:#f6e0d8}
        .cell-stops{font-weight:600}
        .cell-time{font-size:.85em;color:#333;white-space:nowrap}
        .late-counts{font-weight:600;margin:0 0 6px}
        .late-section h2,.late-counts,.shortfall h2{break-after:avoid;page-break-after:avoid}
        .shortfall p{break-before:avoid;page-break-before:avoid}
        .late{table-layout:fixed;min-width:70em}
        .late td{overflow-wrap:break-word}
        .late th{white-space:normal}
        .late td.n{white-space:nowrap}
        .late td.id{overflow-wrap:anywhere}
        .late .nb{white-space:nowrap}
        .late col.task{width:7em}
        .late col.name{width:6.5em}
        .late col.cat{width:6em}
        .late col.kind{width:4.2em}
        .late col.grid{width:5em}
        .late col.date{width:6.6em}
        .late col.days{width:5.4em}
        .late col.reason{width:11.4em}
        .changes td.id{white-space:nowrap}
        .changes-section h2{break-after:avoid;page-break-after:avoid}
        .scroll{overflow-x:auto}
        @media print{.roster th.holiday{background:#f6e0d8 !important}.scroll{overflow:visible}}
        """

    static func render(_ c: ReportContext) -> String {
        let t = c.strings
        var b = ""
        b += "<header><h1>\(Escape.html(t[.rosterTitle])) · \(Escape.html(c.scenario.name))</h1>\n"
        b += "<p class=\"sub\">\(Escape.html(t[.horizon])): \(Escape.html(t.period(c.scenario.horizon.start, c.scenario.horizon.end)))"
        b += " · \(Escape.html(t[.solver])): \(Escape.html(c.solverLine()))</p></header>\n"

        b += "<section><h2>\(Escape.html(t[.kpis]))</h2>\n\(HTMLPage.figures(c.kpiFigures()))"
        if let proven = c.provenLine() { b += "<p class=\"proven\">\(Escape.html(t[.proven])): \(Escape.html(proven))</p>" }
        if let regular = c.regularWeekdayLine() {
            b += "<p class=\"proven\">\(Escape.html(t[.regularWeekday])): \(Escape.html(regular))</p>"
        }
        if let absent = c.absencesLine() {
            b += "<p class=\"proven\">\(Escape.html(t[.absentWorkers])): \(Escape.html(absent))</p>"
        }
        b += "</section>\n"

        // Workers × days.
        b += "<section><h2>\(Escape.html(t[.weekAtAGlance]))</h2>\n<div class=\"scroll\"><table class=\"roster\">\n<thead><tr>"
        b += "<th>\(Escape.html(t[.worker]))</th>"
        for d in c.dates {
            let holiday = c.isHoliday(d)
            b += "<th\(holiday ? " class=\"holiday\"" : "")>\(Escape.html(t.shortDay(d)))"
            if holiday { b += "<br><span class=\"muted\">\(Escape.html(t[.holiday]))</span>" }
            if c.scenario.horizon.extraWorkdays.contains(d) { b += "<br><span class=\"muted\">\(Escape.html(t[.extraWorkday]))</span>" }
            b += "</th>"
        }
        b += "<th>\(Escape.html(t[.total]))</th><th class=\"num\">\(Escape.html(t[.utilisation]))</th></tr></thead>\n<tbody>\n"
        for w in c.workers {
            b += "<tr class=\"w\"><th>\(Escape.html(c.workerName(w.id)))<br><span class=\"muted\">\(Escape.html(w.id))</span></th>"
            var stops = 0, minutes = 0
            for d in c.dates {
                if let r = c.route(of: w.id, on: d) {
                    let n = c.counts(r), m = c.workingMinutes(r)
                    stops += n.stops
                    minutes += m
                    b += "<td><div class=\"cell-stops\">\(Escape.html(t.stops(n.stops)))</div>"
                    b += "<div class=\"cell-time\">\(Escape.html(t[.visits])) \(n.visits) · \(Escape.html(t[.patrols])) \(n.patrols)"
                    if c.campaignStops(r) > 0 { b += " · \(Escape.html(ReportContext.campaignKind(t))) \(c.campaignStops(r))" }
                    b += "</div>"
                    b += "<div class=\"cell-time\">\(r.start.hhmm)–\(r.end.hhmm) · \(Escape.html(t.hours(minutes: m)))</div></td>"
                } else if c.isWorkingDay(d, for: w) {
                    b += c.isAbsent(w.id, on: d) ? "<td class=\"off\">\(Escape.html(t[.absentDay]))</td>" : "<td></td>"
                } else {
                    b += "<td class=\"off\">\(Escape.html(t[.offDay]))</td>"
                }
            }
            b += "<td><div class=\"cell-stops\">\(Escape.html(t.stops(stops)))</div>"
            b += "<div class=\"cell-time\">\(Escape.html(t.hours(minutes: minutes)))</div></td>"
            b += "<td class=\"num\">\(c.utilisation(of: w).map { Format.percent($0) } ?? "")</td></tr>\n"
        }
        b += "</tbody></table></div></section>\n"

        b += c.changesHTML()
        b += c.shortfallHTML()
        b += c.missedCampaignsHTML()

        // Late list.
        b += "<section class=\"late-section\"><h2>\(Escape.html(t[.lateList])) (\(c.plan.late.count))</h2>\n"
        if c.plan.late.isEmpty {
            b += "<p>\(Escape.html(t[.noLate]))</p>"
        } else {
            b += "<p class=\"late-counts\">\(Escape.html(t.lateCounts(c.lateCounts())))</p>\n"
            if let line = c.notVisitedLine() { b += "<p>\(Escape.html(line))</p>\n" }
            // A fixed layout: the narrow columns keep their widths, the detail takes the rest of A4 landscape.
            b += "<div class=\"scroll\"><table class=\"late\"><colgroup>"
            for col in ["task", "name", "cat", "kind", "grid", "date", "days", "date", "reason", "detail"] {
                b += "<col class=\"\(col)\">"
            }
            b += "</colgroup><thead><tr>"
            for l in [Label.task, .name, .categories, .kind, .grid, .due, .lateDays, .firstVisit, .reason, .detail] {
                b += "<th\(l == .lateDays ? " class=\"num\"" : "")>\(Escape.html(t[l]))</th>"
            }
            b += "</tr></thead>\n<tbody>\n"
            for row in c.lateRows() {
                let l = row.late
                b += "<tr><td class=\"id\">\(Escape.html(l.task))</td><td>\(Escape.html(row.name))</td>"
                b += "<td>\(Escape.html(row.categories.joined(separator: t.listSeparator)))</td>"
                b += "<td>\(row.kind.map { Escape.html(t.kind($0)) } ?? "")</td><td class=\"id\">\(Escape.html(row.grid))</td>"
                b += "<td class=\"n\">\(l.due.iso)</td><td class=\"num\">\(l.lateDays)</td>"
                b += "<td>\(Escape.html(l.firstVisit?.iso ?? t[.notVisited]))</td>"
                b += "<td>\(Escape.html(t.reason(l.reason)))</td><td>\(Escape.htmlKeepingTokens(t.detail(l)))</td></tr>\n"
            }
            b += "</tbody></table></div>"
        }
        b += "</section>\n"
        b += "<footer>\(Escape.html(t[.generatedFrom])): \(Escape.html(c.plan.scenario.file))"
        if !c.plan.scenario.sha256.isEmpty { b += " · sha256 \(Escape.html(String(c.plan.scenario.sha256.prefix(12))))" }
        b += "</footer>"
        return HTMLPage.document(lang: t.htmlLang, title: "\(t[.rosterTitle]) · \(c.scenario.name)", css: css, body: b)
    }
}
