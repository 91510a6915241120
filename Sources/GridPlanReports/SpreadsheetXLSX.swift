import Foundation
import GridPlanCore

/// `roster.xlsx` and `visits.xlsx`: the CSV reports as real workbooks — date and time cells,
/// numbers as numbers, phones and ids as text, a frozen bold header, column widths and an autofilter.
enum SpreadsheetXLSX {
    /// The week (one row per worker and working day, as `roster.csv`), then the late list with its
    /// reasons and the shortfall (the KPIs: tasks due, late task-days, on-time rate …) on a second sheet,
    /// and a re-plan's changes on a third.
    static func roster(_ c: ReportContext) throws -> Data {
        let t = c.strings
        let book = try Workbook(title: c.scenario.name, created: c.scenario.horizon.start)
        let week = book.addSheet(t[.rosterTitle])
        var r = 1
        for w in c.workers {
            for d in c.dates where c.isWorkingDay(d, for: w) || c.route(of: w.id, on: d) != nil {
                week.text(r, 0, w.id)
                week.text(r, 1, c.workerName(w.id))
                week.date(r, 2, d)
                week.text(r, 3, t.weekday(d.weekday))
                if let route = c.route(of: w.id, on: d) {
                    let n = c.counts(route)
                    week.number(r, 4, Double(n.stops))
                    week.number(r, 5, Double(n.visits))
                    week.number(r, 6, Double(n.patrols))
                    week.time(r, 7, route.start)
                    week.time(r, 8, route.end)
                    week.number(r, 9, (Double(c.workingMinutes(route)) / 60 * 100).rounded() / 100, book.decimalFormat)
                    week.number(r, 10, Double(route.travelMin))
                    week.number(r, 11, (route.travelKm * 1000).rounded() / 1000, book.decimalFormat)
                } else {
                    for col in [4, 5, 6, 9, 10, 11] { week.number(r, col, 0) }
                }
                r += 1
            }
        }
        week.table(header: [
            (t[.workerID], 9), (t[.worker], 12), (t[.date], 12), (t[.weekday], 8), (t[.stops], 7),
            (t[.visits], 7), (t[.patrols], 7), (t[.start], 8), (t[.end], 8), (t[.hours], 8),
            (t[.travelMinShort], 10), (t[.travelKm], 10),
        ], rows: r - 1)

        let late = book.addSheet(t[.lateList])
        let rows = c.lateRows()
        for (i, row) in rows.enumerated() {
            let l = row.late, y = i + 1
            late.text(y, 0, l.task)
            late.text(y, 1, row.name)
            late.text(y, 2, row.categories.joined(separator: ";"))
            late.text(y, 3, row.kind.map(t.kind) ?? "")
            late.text(y, 4, row.grid)
            late.date(y, 5, l.due)
            late.number(y, 6, Double(l.lateDays))
            if let f = l.firstVisit { late.date(y, 7, f) } else { late.text(y, 7, t[.notVisited]) }
            late.text(y, 8, t.reason(l.reason))
            late.text(y, 9, t.detail(l), book.wrapFormat)
        }
        late.table(header: [
            (t[.task], 10), (t[.name], 16), (t[.categories], 14), (t[.kind], 8), (t[.grid], 10), (t[.due], 12),
            (t[.lateDays], 9), (t[.firstVisit], 12), (t[.reason], 20), (t[.detail], 60),
        ], rows: rows.count)
        // The shortfall under the list: what the late list adds up to.
        var y = rows.count + 2
        if rows.isEmpty { late.text(1, 0, t[.noLate]) }
        late.text(y, 0, t[.kpis], book.titleFormat)
        let k = c.plan.kpis
        let figures: [(Label, Double, Bool)] = [
            (.tasksDue, Double(k.tasksDue), false), (.lateTaskDays, Double(k.lateTaskDays), false),
            (.onTimeRate, k.onTimeRate, true), (.visitsPlanned, Double(k.visitsPlanned), false),
        ]
        for (label, value, percent) in figures {
            y += 1
            late.text(y, 0, t[label])
            late.number(y, 1, value, percent ? book.percentFormat : nil)
        }
        // A re-plan's changes on a third sheet.
        if let replan = c.plan.replan {
            let sheet = book.addSheet(t[.changesTitle])
            for (i, ch) in replan.changes.enumerated() {
                let y = i + 1
                sheet.text(y, 0, ch.task)
                sheet.text(y, 1, c.taskName(ch.task))
                sheet.text(y, 2, ch.oldWorkers.joined(separator: ";"))
                if let d = ch.oldDate { sheet.date(y, 3, d) }
                sheet.text(y, 4, ch.newWorkers.joined(separator: ";"))
                if let d = ch.newDate { sheet.date(y, 5, d) }
                sheet.text(y, 6, c.changeReason(ch), book.wrapFormat)
            }
            sheet.table(header: [
                (t[.task], 10), (t[.name], 16), (t[.oldWorkers], 10), (t[.oldDate], 12), (t[.newWorkers], 10),
                (t[.newDate], 12), (t[.reason], 40),
            ], rows: replan.changes.count)
            if replan.changes.isEmpty { sheet.text(1, 0, c.changesSummary(replan)) }
        }
        return try book.finish()
    }

    /// One row per stop, in date, worker and route order (as `visits.csv`).
    static func visits(_ c: ReportContext) throws -> Data {
        let t = c.strings
        let book = try Workbook(title: c.scenario.name, created: c.scenario.horizon.start)
        let sheet = book.addSheet(t[.dailyTitle])
        var y = 1
        for r in c.plan.routes.sorted(by: { ($0.date, $0.worker) < ($1.date, $1.worker) }) {
            for d in c.details(of: r) {
                let s = d.stop
                sheet.date(y, 0, r.date)
                sheet.text(y, 1, r.worker)
                sheet.text(y, 2, c.workerName(r.worker))
                sheet.number(y, 3, Double(d.order))
                sheet.time(y, 4, s.arrive)
                sheet.time(y, 5, s.start)
                sheet.time(y, 6, s.end)
                sheet.text(y, 7, s.task)
                sheet.text(y, 8, t.kind(s.kind))
                sheet.text(y, 9, d.name)
                sheet.text(y, 10, d.address)
                sheet.text(y, 11, d.grid)
                sheet.text(y, 12, d.categories.joined(separator: ";"))
                sheet.text(y, 13, d.phone)
                sheet.text(y, 14, s.with.joined(separator: ";"))
                sheet.number(y, 15, Double(s.travelMin))
                sheet.number(y, 16, (s.travelKm * 1000).rounded() / 1000, book.decimalFormat)
                sheet.text(y, 17, d.notes)
                y += 1
            }
        }
        sheet.table(header: [
            (t[.date], 12), (t[.workerID], 9), (t[.worker], 10), (t[.order], 6), (t[.arrive], 8), (t[.start], 8),
            (t[.end], 8), (t[.task], 10), (t[.kind], 7), (t[.name], 12), (t[.address], 30), (t[.grid], 9),
            (t[.categories], 16), (t[.phone], 14), (t[.with], 10), (t[.travelMinShort], 10), (t[.travelKm], 10),
            (t[.notes], 30),
        ], rows: y - 1)
        return try book.finish()
    }
}
