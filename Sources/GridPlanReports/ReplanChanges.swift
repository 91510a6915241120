import Foundation
import GridPlanCore

/// A re-plan's changes (plan.json `replan`) as the roster, `changes.csv` and `roster.xlsx` show them.
extension ReportContext {
    /// A change's visit as a reader names it: `顾晓雯 (W03)、沈佳怡 (W01) 2/25 周三`, or `—` when there is none.
    func changeSide(_ workers: [String], _ date: CivilDate?) -> String {
        guard let d = date, !workers.isEmpty else { return "—" }
        return workers.map(workerLabel).joined(separator: strings.listSeparator) + " " + strings.shortDay(d)
    }

    /// Why the visit changed, in the report's language, with the absent worker's name.
    func changeReason(_ c: StopChange) -> String {
        c.reason.text(in: strings.locale) { id in resolved.worker(id)?.name ?? "" }
    }

    /// `自 2026-02-25 起重新安排：46 处调整，涉及 43 个任务。` / `Re-planned from 2026-02-25: 46 changes to 43 tasks.`
    func changesSummary(_ r: ReplanRecord) -> String {
        let tasks = Set(r.changes.map(\.task)).count
        if strings.locale == .en {
            if r.changes.isEmpty { return "Re-planned from \(r.from.iso): no visit changed." }
            return "Re-planned from \(r.from.iso): \(r.changes.count) change\(r.changes.count == 1 ? "" : "s") "
                + "to \(tasks) task\(tasks == 1 ? "" : "s"). Visits before that date are as planned."
        }
        if r.changes.isEmpty { return "自 \(r.from.iso) 起重新安排：没有走访变化。" }
        return "自 \(r.from.iso) 起重新安排：\(r.changes.count) 处调整，涉及 \(tasks) 个任务。此前的走访照原计划。"
    }

    /// The re-plan's change that brought `task` to `worker` on `date` (a new stop on that worker's day),
    /// nil when the stop is as it was or the plan is no re-plan.
    func changeArriving(task: String, worker: String, date: CivilDate) -> StopChange? {
        arrivals[ReportContext.arrivalKey(task: task, worker: worker, date: date)]
    }

    /// A daily card's mark for a stop a re-plan brought: `新增` / `new`, or where it was before
    /// (`原 顾晓雯 2/25 周三` / `was Gu Xiaowen Wed 25/2`).
    func changeMark(_ c: StopChange) -> String {
        let en = strings.locale == .en
        guard let d = c.oldDate, !c.oldWorkers.isEmpty else { return en ? "new" : "新增" }
        let who = c.oldWorkers.map(workerName).joined(separator: strings.listSeparator)
        return (en ? "was " : "原 ") + who + " " + strings.shortDay(d)
    }

    /// The changes section of `roster.html` (empty for a plan that is no re-plan).
    func changesHTML() -> String {
        guard let r = plan.replan else { return "" }
        let t = strings
        var b = "<section class=\"changes-section\"><h2>\(Escape.html(t[.changesTitle])) (\(r.changes.count))</h2>\n"
        b += "<p class=\"late-counts\">\(Escape.html(changesSummary(r)))</p>\n"
        guard !r.changes.isEmpty else { return b + "</section>\n" }
        b += "<div class=\"scroll\"><table class=\"changes\"><thead><tr>"
        for l in [Label.task, .name, .was, .now, .reason] { b += "<th>\(Escape.html(t[l]))</th>" }
        b += "</tr></thead>\n<tbody>\n"
        for c in r.changes {
            b += "<tr><td class=\"id\">\(Escape.html(c.task))</td><td>\(Escape.html(taskName(c.task)))</td>"
            b += "<td>\(Escape.html(changeSide(c.oldWorkers, c.oldDate)))</td><td>\(Escape.html(changeSide(c.newWorkers, c.newDate)))</td>"
            b += "<td>\(Escape.html(changeReason(c)))</td></tr>\n"
        }
        return b + "</tbody></table></div></section>\n"
    }

    /// The changes section of `roster.md` (empty for a plan that is no re-plan).
    func changesMarkdown() -> String {
        guard let r = plan.replan else { return "" }
        let e = Escape.markdown
        var s = "\n## \(e(strings[.changesTitle])) (\(r.changes.count))\n\n\(e(changesSummary(r)))\n"
        if !r.changes.isEmpty { s += "\n" }
        for c in r.changes {
            let name = taskName(c.task)
            s += "- \(e(c.task))\(name == c.task ? "" : " \(e(name))"): \(e(changeSide(c.oldWorkers, c.oldDate))) → "
                + "\(e(changeSide(c.newWorkers, c.newDate))) (\(e(changeReason(c))))\n"
        }
        return s
    }

    /// The rows of `changes.csv`, header first: task, name, old workers, old date, new workers, new date, why
    /// (pair workers joined by `;`).
    func changeRows(_ r: ReplanRecord) -> [[String]] {
        let t = strings
        return [[t[.task], t[.name], t[.oldWorkers], t[.oldDate], t[.newWorkers], t[.newDate], t[.reason]]]
            + r.changes.map { c in
                [c.task, taskName(c.task), c.oldWorkers.joined(separator: ";"), c.oldDate?.iso ?? "",
                 c.newWorkers.joined(separator: ";"), c.newDate?.iso ?? "", changeReason(c)]
            }
    }
}

extension SpreadsheetCSV {
    /// `changes.csv` of a re-plan, nil for a plan that is no re-plan.
    static func changes(_ c: ReportContext) throws -> Data? {
        guard let r = c.plan.replan else { return nil }
        return try encode(c.changeRows(r))
    }
}
