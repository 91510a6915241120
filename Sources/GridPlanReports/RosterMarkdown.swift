import Foundation
import GridPlanCore

/// `roster.md`: the roster as plain text for a terminal or a chat group (reads well unrendered too).
enum RosterMarkdown {
    static func render(_ c: ReportContext) -> String {
        let t = c.strings
        let e = Escape.markdown
        var s = "# \(e(t[.rosterTitle])) · \(e(c.scenario.name))\n\n"
        s += "\(e(t[.horizon])): \(t.period(c.scenario.horizon.start, c.scenario.horizon.end))  \n"
        s += "\(e(t[.solver])): \(e(c.solverLine()))\n\n"
        if let proven = c.provenLine() { s += "\(e(t[.proven])): \(e(proven))\n\n" }
        if let regular = c.regularWeekdayLine() { s += "\(e(t[.regularWeekday])): \(e(regular))\n\n" }
        if let absent = c.absencesLine() { s += "\(e(t[.absentWorkers])): \(e(absent))\n\n" }

        s += "## \(e(t[.kpis]))\n\n"
        for (k, v) in c.kpiFigures() { s += "- \(e(k)): \(e(v))\n" }

        s += "\n## \(e(t[.weekAtAGlance]))\n\n"
        s += "| \(e(t[.worker])) | " + c.dates.map { e(t.shortDay($0)) }.joined(separator: " | ")
            + " | \(e(t[.total])) | \(e(t[.utilisation])) |\n"
        s += "|---|" + c.dates.map { _ in "---|" }.joined() + "---|---:|\n"
        for w in c.workers {
            var cells: [String] = []
            var stops = 0, minutes = 0
            for d in c.dates {
                if let r = c.route(of: w.id, on: d) {
                    let m = c.workingMinutes(r)
                    stops += r.stops.count
                    minutes += m
                    cells.append("\(r.stops.count) · \(Format.decimal(Double(m) / 60, places: 1))h")
                } else {
                    cells.append(c.isWorkingDay(d, for: w) ? (c.isAbsent(w.id, on: d) ? e(t[.absentDay]) : "") : e(t[.offDay]))
                }
            }
            s += "| \(e(c.workerLabel(w.id))) | " + cells.joined(separator: " | ")
                + " | \(stops) · \(Format.decimal(Double(minutes) / 60, places: 1))h | \(c.utilisation(of: w).map { Format.percent($0) } ?? "") |\n"
        }

        s += c.changesMarkdown()
        s += c.shortfallMarkdown()
        s += c.missedCampaignsMarkdown()
        s += "\n## \(e(t[.lateList])) (\(c.plan.late.count))\n\n"
        if c.plan.late.isEmpty {
            s += "\(e(t[.noLate]))\n"
        } else {
            s += "\(e(t.lateCounts(c.lateCounts())))\n\n"
            if let line = c.notVisitedLine() { s += "\(e(line))\n\n" }
            for row in c.lateRows() {
                let l = row.late
                let cats = row.categories.isEmpty ? "" : " (\(e(row.categories.joined(separator: t.listSeparator))))"
                s += "- \(e(l.task)) \(e(row.name))\(cats): \(e(t[.due])) \(l.due.iso), \(e(t[.lateDays])) \(l.lateDays), "
                s += "\(e(t[.firstVisit])) \(e(l.firstVisit?.iso ?? t[.notVisited])); \(e(t.reason(l.reason)))"
                let detail = t.detail(l)
                if !detail.isEmpty { s += " — \(e(detail))" }
                s += "\n"
            }
        }

        s += "\n## \(e(t[.routesTitle]))\n"
        for d in c.dates {
            let routes = c.workers.compactMap { c.route(of: $0.id, on: d) }
            guard !routes.isEmpty else { continue }
            s += "\n### \(e(t.day(d)))\n"
            for r in routes {
                s += "\n**\(e(c.workerLabel(r.worker)))** \(r.start.hhmm)–\(r.end.hhmm) · \(e(t.stops(r.stops.count)))\n\n"
                for x in c.details(of: r) {
                    let name = x.name.isEmpty ? x.stop.task : x.name
                    s += "\(x.order). \(x.stop.start.hhmm) \(e(t.kind(x.stop.kind))) \(e(name))"
                    if let note = c.campaignNote(x.stop) { s += " · \(e(note))" }
                    if !x.address.isEmpty { s += " · \(e(x.address))" }
                    if !x.stop.with.isEmpty { s += " · \(e(t[.with])) \(e(x.stop.with.map { c.workerName($0) }.joined(separator: t.listSeparator)))" }
                    s += "\n"
                }
            }
        }
        return s
    }
}
