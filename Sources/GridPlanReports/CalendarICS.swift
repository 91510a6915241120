import Foundation
import GridPlanCore

/// `calendar/<worker-id>.ics`: a worker's stops as RFC 5545 events, for a phone calendar.
///
/// Times carry `TZID=Asia/Shanghai` with its VTIMEZONE (UTC+8, no daylight saving since 1991), so a
/// phone set to another zone still shows the visit at the right moment. UIDs are built from the task,
/// the worker and the date, so importing a re-run of the same plan updates events instead of doubling
/// them; DTSTAMP is the horizon's first day, never the clock.
enum CalendarICS {
    static let timeZone = "Asia/Shanghai"

    static func render(_ c: ReportContext, worker w: Worker) -> String {
        let t = c.strings
        var lines: [String] = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//gridplan//gridplan reports//\(c.scenario.locale == .en ? "EN" : "ZH")",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Escape.icsText("\(c.workerLabel(w.id)) · \(c.scenario.name)"),
            "X-WR-TIMEZONE:\(timeZone)",
            "BEGIN:VTIMEZONE",
            "TZID:\(timeZone)",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0800",
            "TZOFFSETTO:+0800",
            "TZNAME:CST",
            "END:STANDARD",
            "END:VTIMEZONE",
        ]
        let stamp = c.plan.horizon.start.icsDate + "T000000Z"
        for r in c.routes(of: w.id) {
            for d in c.details(of: r) {
                let s = d.stop
                let name = d.name.isEmpty ? s.task : d.name
                var description: [String] = []
                description.append("\(t.kind(s.kind)) \(d.order) · \(s.task) · \(t[.grid]) \(d.grid)")
                if !d.categories.isEmpty { description.append("\(t[.categories]): \(d.categories.joined(separator: t.listSeparator))") }
                if !d.address.isEmpty { description.append("\(t[.address]): \(d.address)") }
                if !d.phone.isEmpty { description.append("\(t[.phone]): \(d.phone)") }
                if !s.with.isEmpty {
                    description.append("\(t[.with]): \(s.with.map { c.workerLabel($0) }.joined(separator: t.listSeparator))")
                }
                description.append("\(t[.lastVisit]): \(DailyHTML.lastVisitText(c, task: s.task, before: r.date))")
                if !d.notes.isEmpty { description.append("\(s.kind == .patrol ? t[.checkHere] : t[.notes]): \(d.notes)") }
                for f in d.extra where !f.value.isEmpty { description.append("\(f.name): \(f.value)") }
                let location = [d.address, d.grid].first { !$0.isEmpty } ?? ""
                lines += [
                    "BEGIN:VEVENT",
                    "UID:" + uid(task: s.task, worker: w.id, date: r.date),
                    "DTSTAMP:\(stamp)",
                    "DTSTART;TZID=\(timeZone):\(r.date.icsDate)T\(s.start.icsTime)",
                    "DTEND;TZID=\(timeZone):\(r.date.icsDate)T\(s.end.icsTime)",
                    "SUMMARY:" + Escape.icsText("\(d.order). \(t.kind(s.kind)) · \(name)"),
                ]
                if !location.isEmpty { lines.append("LOCATION:" + Escape.icsText(location)) }
                if let loc = d.location {
                    lines.append("GEO:\(Format.decimal(loc.lat, places: 6));\(Format.decimal(loc.lon, places: 6))")
                }
                lines += [
                    "DESCRIPTION:" + Escape.icsText(description.joined(separator: "\n")),
                    "CATEGORIES:" + ([t.kind(s.kind)] + d.categories).map(Escape.icsText).joined(separator: ","),
                    "TRANSP:OPAQUE",
                    "END:VEVENT",
                ]
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `gridplan-<task>-<worker>-<yyyymmdd>@gridplan`, with every byte outside `[A-Za-z0-9._]`
    /// hex-escaped as `%XX` so ids with any characters stay unique and legal.
    static func uid(task: String, worker: String, date: CivilDate) -> String {
        func safe(_ s: String) -> String {
            var out = ""
            for b in s.utf8 {
                let ch = Character(Unicode.Scalar(b))
                if b < 0x80, ch.isLetter || ch.isNumber || ch == "." || ch == "_" {
                    out.append(ch)
                } else {
                    out += String(format: "%%%02X", b)
                }
            }
            return out
        }
        return "gridplan-\(safe(task))-\(safe(worker))-\(date.icsDate)@gridplan"
    }

    /// RFC 5545 §3.1 folding: content lines of at most 75 octets, continued after CRLF and one space;
    /// never splits a UTF-8 sequence (breaks only between Unicode scalars).
    static func fold(_ line: String) -> String {
        var out = ""
        var used = 0
        var limit = 75
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if used + size > limit {
                out += "\r\n "
                used = 1
                limit = 75
            }
            out.unicodeScalars.append(scalar)
            used += size
        }
        return out
    }
}

extension CivilDate {
    /// `YYYYMMDD`.
    var icsDate: String { iso.replacingOccurrences(of: "-", with: "") }
}

extension TimeOfDay {
    /// `HHMMSS`; 24:00 is written as 235959 (a day has no 24:00 in iCalendar).
    var icsTime: String {
        minutes >= 1440 ? "235959" : String(format: "%02d%02d00", minutes / 60, minutes % 60)
    }
}
