import CSV
import Foundation
import GridPlanCore

/// `roster.csv` and `visits.csv`: what Excel (Chinese or not) opens without mojibake.
///
/// UTF-8 with a byte-order mark (Excel's signal for UTF-8), CRLF line ends, fields quoted when they
/// hold a comma, quote or line break, and every text cell defused against formula injection.
enum SpreadsheetCSV {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Writes `rows` (the first is the header) as CSV bytes.
    static func encode(_ rows: [[String]]) throws -> Data {
        Data(byteOrderMark) + Data(CSVText.encode(rows.map { $0.map(Escape.csvCell) }, lineEnding: .crlf).utf8)
    }

    /// One row per worker and working day (with or without a route).
    static func roster(_ c: ReportContext) throws -> Data {
        let t = c.strings
        var rows: [[String]] = [[
            t[.workerID], t[.worker], t[.date], t[.weekday], t[.stops], t[.visits], t[.patrols],
            t[.start], t[.end], t[.hours], t[.travelMinShort], t[.travelKm],
        ]]
        for w in c.workers {
            for d in c.dates where c.isWorkingDay(d, for: w) || c.route(of: w.id, on: d) != nil {
                var row = [w.id, c.workerName(w.id), d.iso, t.weekday(d.weekday)]
                if let r = c.route(of: w.id, on: d) {
                    let n = c.counts(r)
                    row += ["\(n.stops)", "\(n.visits)", "\(n.patrols)", r.start.hhmm, r.end.hhmm,
                            Format.decimal(Double(c.workingMinutes(r)) / 60, places: 2), "\(r.travelMin)",
                            Format.decimal(r.travelKm, places: 3)]
                } else {
                    row += ["0", "0", "0", "", "", "0.00", "0", "0.000"]
                }
                rows.append(row)
            }
        }
        return try encode(rows)
    }

    /// One row per stop, in date, worker and route order.
    static func visits(_ c: ReportContext) throws -> Data {
        let t = c.strings
        var rows: [[String]] = [[
            t[.date], t[.workerID], t[.worker], t[.order], t[.arrive], t[.start], t[.end], t[.task], t[.kind],
            t[.name], t[.address], t[.grid], t[.categories], t[.phone], t[.with], t[.travelMinShort], t[.travelKm],
            t[.notes],
        ]]
        let routes = c.plan.routes.sorted { ($0.date, $0.worker) < ($1.date, $1.worker) }
        for r in routes {
            for d in c.details(of: r) {
                let s = d.stop
                rows.append([
                    r.date.iso, r.worker, c.workerName(r.worker), "\(d.order)", s.arrive.hhmm, s.start.hhmm, s.end.hhmm,
                    s.task, t.kind(s.kind), d.name, d.address, d.grid, d.categories.joined(separator: ";"), d.phone,
                    s.with.joined(separator: ";"), "\(s.travelMin)", Format.decimal(s.travelKm, places: 3), d.notes,
                ])
            }
        }
        return try encode(rows)
    }
}
