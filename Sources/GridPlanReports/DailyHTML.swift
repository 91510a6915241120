import Foundation
import GridPlanCore

/// `daily/<worker-id>.html`: a worker's days, one printed A4 page per day with a route, readable on a phone.
enum DailyHTML {
    static let css = """
        @page{size:A4 portrait;margin:10mm}
        .day{max-width:190mm;margin:0 auto 24px}
        .day + .day{border-top:2px dashed #999;padding-top:16px}
        .head{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,50mm);gap:10px;align-items:start}
        .head figure{margin:0;min-width:0}
        .head .map{width:100%;max-width:100%;height:auto;display:block}
        .caption{font-size:.75em;color:#555;margin:2px 0 0}
        .summary{margin:4px 0;padding:0;list-style:none}
        .summary li{margin:1px 0}
        ol.stops{list-style:none;margin:0;padding:0}
        .stop{display:grid;grid-template-columns:1.8em 1fr 10em;gap:6px;border:1px solid #999;border-radius:4px;padding:2px 6px;margin:0 0 3px;break-inside:avoid;page-break-inside:avoid}
        .no{font-size:1.3em;font-weight:700;text-align:center}
        .patrol .no{color:#b35c00}
        .time{font-weight:600;font-variant-numeric:tabular-nums}
        .name{font-weight:600}
        .line{margin:1px 0}
        .small{font-size:.9em}
        .line .muted{white-space:nowrap}
        .field{margin-right:.9em;display:inline-block}
        .label{color:#444}
        .notes{background:#f4f4f4;border-left:3px solid #888;padding:0 5px;margin:1px 0}
        .hl{background:#f4f4f4;border-left:3px solid #b35c00;padding:0 5px}
        .tag.chg{border-color:#b35c00;color:#8a4500;font-weight:600}
        .check{display:flex;align-items:flex-end;gap:4px}
        .tick{display:inline-block;flex:none;width:4.5mm;height:4.5mm;border:1.5px solid #222}
        .write{flex:1;border-bottom:1px solid #555;height:4.5mm}
        .stops-head{display:flex;justify-content:space-between;font-size:.8em;color:#444;margin:6px 0 1px;padding:0 6px}
        .back{margin:4px 0 0;color:#333}
        @media print{
          body{font-size:9pt;line-height:1.22}
          .tag{line-height:1.1;padding:0 3px}
          .stop{padding:1px 6px;margin:0 0 2px}
          .line,.notes{margin:0}
          .day{max-width:none;margin:0;break-after:page;page-break-after:always}
          .day:last-child{break-after:auto;page-break-after:auto}
          .day:not(.dense) .head{grid-template-columns:minmax(0,1fr) minmax(0,75mm)}
          .dense{font-size:8pt;line-height:1.1}
          .dense h1{font-size:1.35em;margin:0 0 2px}
          .dense .stop{margin:0 0 1px;padding:0 5px;grid-template-columns:1.6em 1fr 7em}
          .flow .line + .line{display:inline}
          .flow .notes{display:inline;margin-left:.5em}
          .dense .summary{margin:2px 0}
          .day + .day{border-top:none;padding-top:0}
          .back{display:none}
          .notes,.hl{background:#f4f4f4 !important;-webkit-print-color-adjust:exact;print-color-adjust:exact}
        }
        @media screen and (max-width:640px){
          body{margin:8px;font-size:16px}
          .head{grid-template-columns:1fr}
          .stop{grid-template-columns:2em 1fr}
          .check{display:none}
          .stops-head{display:none}
        }
        """

    /// Above how many stops a day prints in the smaller type (`.dense`): 15 in Chinese, 11 in English,
    /// whose cards run to more lines. Measured with Chromium on A4: a Chinese day of 17–19 stops in
    /// the usual type spilled one or two cards onto a second sheet, and in the smaller type 23 fit on
    /// one; an English day of 14 or 15 stops spilled one to three cards.
    static func denseFrom(_ locale: ReportLocale) -> Int { locale == .en ? 11 : 15 }

    static func render(_ c: ReportContext, worker w: Worker) -> String {
        let t = c.strings
        let routes = c.routes(of: w.id)
        var b = ""
        if routes.isEmpty {
            b += "<section class=\"day\"><h1>\(Escape.html(t[.dailyTitle])) · \(Escape.html(c.workerLabel(w.id)))</h1>"
            b += "<p class=\"sub\">\(Escape.html(c.scenario.name)) · \(Escape.html(t.period(c.scenario.horizon.start, c.scenario.horizon.end)))</p>"
            b += "<p>\(Escape.html(t[.noRoutes]))</p></section>\n"
        }
        for r in routes { b += day(c, worker: w, route: r) }
        return HTMLPage.document(lang: t.htmlLang, title: "\(t[.dailyTitle]) · \(c.workerLabel(w.id))", css: css, body: b)
    }

    static func day(_ c: ReportContext, worker w: Worker, route r: Route) -> String {
        let t = c.strings
        let details = c.details(of: r)
        let n = c.counts(r)
        let startPlace = c.place(w.start), endPlace = c.place(w.end)
        // A long day prints denser, so that its cards stay on the day's one sheet.
        let dense = details.count > denseFrom(t.locale)
        // In English a card's fields run longer: on a long day its notes follow the last visit on one line.
        let flow = dense && t.locale == .en
        var b = "<section class=\"day\(dense ? " dense" : "")\(flow ? " flow" : "")\" id=\"d\(r.date.iso)\">\n<div class=\"head\"><div>"
        b += "<h1>\(Escape.html(c.workerLabel(w.id))) · \(Escape.html(t.day(r.date)))</h1>"
        b += "<p class=\"sub\">\(Escape.html(t[.dailyTitle])) · \(Escape.html(c.scenario.name)) · \(r.date.iso)</p>"
        b += "<ul class=\"summary\">"
        b += "<li><span class=\"label\">\(Escape.html(t[.leaves])):</span> <span class=\"time\">\(r.start.hhmm)</span> \(Escape.html(c.placeName(w.start)))"
        b += " · <span class=\"label\">\(Escape.html(t[.returns])):</span> <span class=\"time\">\(r.end.hhmm)</span> \(Escape.html(c.placeName(w.end)))</li>"
        let campaigns = c.campaignStops(r)
        b += "<li><span class=\"label\">\(Escape.html(t[.stops])):</span> \(n.stops) (\(Escape.html(t[.visits])) \(n.visits) · \(Escape.html(t[.patrols])) \(n.patrols)"
            + (campaigns > 0 ? " · \(Escape.html(ReportContext.campaignKind(t))) \(campaigns))" : ")")
        b += " · <span class=\"label\">\(Escape.html(t[.hours])):</span> \(Escape.html(t.hours(minutes: c.workingMinutes(r))))"
        b += " · <span class=\"label\">\(Escape.html(t[.travel])):</span> \(Format.decimal(r.travelKm, places: 1)) \(Escape.html(t[.km])) · \(r.travelMin) \(Escape.html(t[.minutes]))</li>"
        b += "</ul></div>"

        let points = details.compactMap { d -> RouteMap.Point? in
            guard let loc = d.location else { return nil }
            return RouteMap.Point(number: d.order, location: loc, title: d.name.isEmpty ? d.stop.task : d.name,
                                  isPatrol: d.stop.kind == .patrol)
        }
        let start = startPlace.map { ($0.location, $0.name.isEmpty ? $0.id : $0.name) }
        let end = (w.end != w.start) ? endPlace.map { ($0.location, $0.name.isEmpty ? $0.id : $0.name) } : nil
        if let svg = RouteMap.svg(points: points, start: start, end: end, startMark: t[.startMark],
                                  caption: "\(t[.map]) · \(c.workerLabel(w.id)) · \(r.date.iso)", width: 300, height: 190) {
            b += "<figure>\(svg)<figcaption class=\"caption\">\(Escape.html(t[.mapCaption]))</figcaption></figure>"
        } else {
            b += "<div></div>"
        }
        b += "</div>\n<div class=\"stops-head\"><span>\(Escape.html(t[.route]))</span><span>\(Escape.html(t[.done])) · \(Escape.html(t[.outcome]))</span></div>\n<ol class=\"stops\">\n"
        for d in details { b += stop(c, d, worker: w.id, date: r.date) }
        b += "</ol>\n"
        b += "<p class=\"back\"><span class=\"label\">\(Escape.html(t[.returns])):</span> \(Escape.html(c.placeName(w.end)))"
        b += " <span class=\"time\">\(r.end.hhmm)</span></p>\n</section>\n"
        return b
    }

    /// One stop as a compact card: what, when and who on the first line, then where, the last
    /// visit, the notes and any extra fields; a tick box and a line for the outcome on the right.
    static func stop(_ c: ReportContext, _ d: StopDetail, worker: String, date: CivilDate) -> String {
        let t = c.strings
        let s = d.stop
        func field(_ label: String, _ html: String) -> String {
            "<span class=\"field\"><span class=\"label\">\(Escape.html(label)):</span> \(html)</span>"
        }
        var b = "<li class=\"stop \(s.kind.rawValue)\"><div class=\"no\">\(d.order)</div><div>"
        b += "<div class=\"line\"><span class=\"time\">\(s.start.hhmm)–\(s.end.hhmm)</span> "
        b += "<span class=\"tag\">\(Escape.html(t.kind(s.kind)))</span>"
        b += "<span class=\"name\">\(Escape.html(d.name.isEmpty ? s.task : d.name))</span> "
        b += "<span class=\"muted\">\(Escape.html(s.task)) · \(Escape.html(t[.grid])) \(Escape.html(d.grid))</span>"
        for category in d.categories { b += " <span class=\"tag\">\(Escape.html(category))</span>" }
        if let note = c.campaignNote(s) { b += " <span class=\"tag\">\(Escape.html(note))</span>" }
        // A stop a re-plan brought to this day: the worker sees at once what is new and where it was.
        if let change = c.changeArriving(task: s.task, worker: worker, date: date) {
            b += " <span class=\"tag chg\">\(Escape.html(c.changeMark(change)))</span>"
        }
        b += " <span class=\"muted small\">\(Escape.html(t[.arrive])) \(s.arrive.hhmm) · \(Escape.html(t[.travel])) \(s.travelMin) \(Escape.html(t[.minutes]))</span>"
        b += "</div>"
        var fields: [String] = []
        if !d.address.isEmpty { fields.append(field(t[.address], Escape.html(d.address))) }
        if !d.phone.isEmpty {
            let shown = Escape.html(d.phone)
            fields.append(field(t[.phone], Escape.telURI(d.phone).map { "<a href=\"\(Escape.html($0))\">\(shown)</a>" } ?? shown))
        }
        if !s.with.isEmpty {
            fields.append(field(t[.with], Escape.html(s.with.map { c.workerLabel($0) }.joined(separator: t.listSeparator))))
        }
        // When the household or point may be visited: a worker running late sees whether it still can be.
        if let job = c.job(s.task) {
            var when: [String] = []
            if let w = job.window { when.append("\(w.start.hhmm)–\(w.end.hhmm)") }
            if let days = job.weekdays, days.count < 7 { when.append(days.map { t.weekday($0) }.joined(separator: t.listSeparator)) }
            if !when.isEmpty { fields.append(field(t[.visitingHours], Escape.html(when.joined(separator: " · ")))) }
        }
        fields.append(field(t[.lastVisit], Escape.html(lastVisitText(c, task: s.task, before: date))))
        for f in d.extra where !f.value.isEmpty { fields.append(field(f.name, Escape.htmlLines(f.value))) }
        if s.kind == .patrol {
            // A patrol point has no door or phone: what to check goes on the same line, highlighted.
            if !d.notes.isEmpty {
                fields.append("<span class=\"field hl\"><span class=\"label\">\(Escape.html(t[.checkHere])):</span> \(Escape.htmlLines(d.notes))</span>")
            }
            b += "<div class=\"line\">" + fields.joined(separator: " ") + "</div>"
        } else {
            b += "<div class=\"line\">" + fields.joined(separator: " ") + "</div>"
            if !d.notes.isEmpty {
                b += "<div class=\"notes\"><span class=\"label\">\(Escape.html(t[.notes])):</span> \(Escape.htmlLines(d.notes))</div>"
            }
        }
        b += "</div><div class=\"check\" title=\"\(Escape.html(t[.done])) / \(Escape.html(t[.outcome]))\">"
        b += "<span class=\"tick\"></span><span class=\"write\"></span></div></li>\n"
        return b
    }

    /// `2026-11-16 · 潘靚雨 (W01)`, `2026-11-23 · 潘靚雨 (W01) · 本计划`, or `无记录`.
    static func lastVisitText(_ c: ReportContext, task: String, before date: CivilDate) -> String {
        let t = c.strings
        guard let p = c.previousVisit(of: task, before: date) else { return t[.never] }
        var s = p.date.iso
        if !p.workers.isEmpty { s += " · " + p.workers.map { c.workerLabel($0) }.joined(separator: t.listSeparator) }
        if p.planned { s += " · " + t[.planned] }
        return s
    }
}
