import Foundation
import GridPlanCore

/// The plan's `shortfall` in words and as a grid × date table, for the roster and the comparison.
extension ReportContext {
    /// `人手缺口` / `What the shortfall would take`.
    var shortfallTitle: String { strings.locale == .en ? "What the shortfall would take" : "人手缺口" }

    /// One sentence a street planner can act on, or nil when nothing is late for capacity.
    func shortfallSentence() -> String? {
        guard let s = plan.shortfall else { return nil }
        return Self.shortfallSentence(s, strings: strings)
    }

    static func shortfallSentence(_ s: Shortfall, strings t: Strings) -> String {
        let en = t.locale == .en
        let hours = Format.decimal(Double(s.minutes) / 60, places: s.minutes < 600 ? 1 : 0)
        let dates = s.dates
        let grids = s.grids
        guard !s.needs.isEmpty else {
            return en ? "No helper without special skills could bring any of the \(s.lateTasks) tasks late for capacity on time."
                : "因人手不足而逾期的 \(s.lateTasks) 项任务，增加无专项技能的协管员也无法按时完成。"
        }
        func dayRange() -> String {
            guard let a = dates.first, let b = dates.last else { return "" }
            if a == b { return t.day(a) }
            return en ? "\(t.day(a)) to \(t.day(b))" : "\(t.day(a))至\(t.day(b))"
        }
        func gridList() -> String {
            if grids.count <= 3 { return grids.joined(separator: en ? ", " : "、") }
            return en ? "\(grids.first!) to \(grids.last!) (\(grids.count) grids)"
                : "\(grids.first!) 至 \(grids.last!) 共 \(grids.count) 个网格"
        }
        var out: String
        if en {
            out = "About \(hours) more worker-hours, \(dayRange()), in grids \(gridList()), would bring \(s.tasksOnTime) of the "
                + "\(s.lateTasks) tasks late for capacity on time (their late task-days: \(s.lateTaskDays) → \(s.lateTaskDaysWithHelp))."
            if !s.beyondHelpers.isEmpty {
                out += " \(s.beyondHelpers.count) of those still late need a skill or a pair visit a helper cannot give."
            }
            out += " Measured by planning the same days again with one helper without special skills per grid, on the grid's usual shift."
        } else {
            out = "再增加约 \(hours) 个工时（\(dayRange())，网格 \(gridList())），可使因人手不足而逾期的 \(s.lateTasks) 项任务中 "
                + "\(s.tasksOnTime) 项按时完成（这些任务的逾期天数 \(s.lateTaskDays) → \(s.lateTaskDaysWithHelp)）。"
            if !s.beyondHelpers.isEmpty {
                out += "仍逾期的任务中有 \(s.beyondHelpers.count) 项需要专项技能或双人走访，协管员无法替代。"
            }
            out += "测算方法：每个网格增加一名无专项技能的协管员（按该网格的常规班次），重新排班。"
        }
        return out
    }

    /// Rows of the grid × date table: grid, then minutes per date of `shortfall.dates` (nil = none), then the total.
    func shortfallTable() -> (dates: [CivilDate], rows: [(grid: String, minutes: [Int?], total: Int)])? {
        guard let s = plan.shortfall, !s.needs.isEmpty else { return nil }
        let dates = s.dates
        let rows = s.grids.map { g -> (grid: String, minutes: [Int?], total: Int) in
            let ms = dates.map { d in s.needs.first { $0.grid == g && $0.date == d }?.minutes }
            return (g, ms, ms.compactMap { $0 }.reduce(0, +))
        }
        return (dates, rows)
    }

    /// The shortfall section of roster.html (empty when nothing is late for capacity).
    func shortfallHTML() -> String {
        guard let sentence = shortfallSentence() else { return "" }
        let t = strings
        var b = "<section class=\"shortfall\"><h2>\(Escape.html(shortfallTitle))</h2>\n<p>\(Escape.html(sentence))</p>\n"
        if let table = shortfallTable() {
            b += "<table class=\"late\"><thead><tr><th>\(Escape.html(t[.grid]))</th>"
            for d in table.dates { b += "<th class=\"num\">\(Escape.html(t.shortDay(d)))</th>" }
            b += "<th class=\"num\">\(Escape.html(t[.total]))</th></tr></thead><tbody>\n"
            for r in table.rows {
                b += "<tr><td class=\"n\">\(Escape.html(r.grid))</td>"
                for m in r.minutes { b += "<td class=\"num\">\(m.map { Escape.html(t.hours(minutes: $0)) } ?? "")</td>" }
                b += "<td class=\"num\">\(Escape.html(t.hours(minutes: r.total)))</td></tr>\n"
            }
            b += "</tbody></table>\n"
        }
        return b + "</section>\n"
    }

    /// The shortfall section of roster.md (empty when nothing is late for capacity).
    func shortfallMarkdown() -> String {
        guard let sentence = shortfallSentence() else { return "" }
        let t = strings, e = Escape.markdown
        var s = "\n## \(e(shortfallTitle))\n\n\(e(sentence))\n"
        if let table = shortfallTable() {
            s += "\n| \(e(t[.grid])) | " + table.dates.map { e(t.shortDay($0)) }.joined(separator: " | ") + " | \(e(t[.total])) |\n"
            s += "|---|" + table.dates.map { _ in "---:|" }.joined() + "---:|\n"
            for r in table.rows {
                s += "| \(e(r.grid)) | " + r.minutes.map { $0.map { e(t.hours(minutes: $0)) } ?? "" }.joined(separator: " | ")
                    + " | \(e(t.hours(minutes: r.total))) |\n"
            }
        }
        return s
    }
}

/// The shortfall sentence for callers outside the reports (the terminal summary of `gridplan plan`).
public enum ShortfallSummary {
    public static func sentence(_ s: Shortfall, locale: ReportLocale) -> String {
        ReportContext.shortfallSentence(s, strings: Strings(locale))
    }
}
