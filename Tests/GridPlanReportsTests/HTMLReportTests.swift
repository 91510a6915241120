import Foundation
import GridPlanCore
@testable import GridPlanReports
import XCTest

/// The HTML reports: well-formed, self-contained, hostile text inert, printable.
final class HTMLReportTests: XCTestCase {
    func htmlFiles(locale: ReportLocale = .zhHans) throws -> [(String, String)] {
        let s = Fixture.scenario(locale: locale)
        var files = try ReportWriter.render(plan: Fixture.planA(scenario: s), scenario: s)
            .filter { $0.relativePath.hasSuffix(".html") }
            .map { ($0.relativePath, String(decoding: $0.contents, as: UTF8.self)) }
        let c = try PlanComparison([.init(name: "a", scenario: s, plan: Fixture.planA(scenario: s)),
                                    .init(name: "b", scenario: s, plan: Fixture.planB(scenario: s))])
        files.append(("compare.html", c.html()))
        return files
    }

    static let voidElements: Set<String> = ["br", "meta", "link", "img", "hr", "input", "col", "wbr"]

    /// Checks that every element is closed in order; returns the problems found. Self-closing SVG
    /// elements (`<rect … />`) count as closed. Comments, doctype and text are skipped.
    static func tagProblems(_ html: String) -> [String] {
        var problems: [String] = []
        var stack: [String] = []
        var i = html.startIndex
        while let lt = html[i...].firstIndex(of: "<") {
            guard let gt = html[lt...].firstIndex(of: ">") else { problems.append("unterminated tag"); break }
            let tag = html[html.index(after: lt)..<gt]
            i = html.index(after: gt)
            if tag.hasPrefix("!") { continue }
            let closing = tag.hasPrefix("/")
            let selfClosing = tag.hasSuffix("/")
            let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
            guard !name.isEmpty else { problems.append("bad tag <\(tag)>"); continue }
            if closing {
                guard let top = stack.popLast() else { problems.append("</\(name)> closes nothing"); continue }
                if top != name { problems.append("</\(name)> closes <\(top)>") }
            } else if !selfClosing && !voidElements.contains(name) {
                stack.append(name)
            }
            if name == "style" && !closing, let end = html[i...].range(of: "</style>") { i = end.lowerBound }
        }
        if !stack.isEmpty { problems.append("unclosed: \(stack.joined(separator: ", "))") }
        return problems
    }

    func testTagsAreBalanced() throws {
        for locale in ReportLocale.allCases {
            for (path, html) in try htmlFiles(locale: locale) {
                XCTAssertEqual(Self.tagProblems(html), [], path)
                XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"), path)
                XCTAssertTrue(html.contains("<meta charset=\"utf-8\">"), path)
            }
        }
    }

    func testTheTagCheckerCatchesMistakes() {
        XCTAssertEqual(Self.tagProblems("<div><p>x</div>"), ["</div> closes <p>", "unclosed: div"])
        XCTAssertEqual(Self.tagProblems("<td>x</td></tr>"), ["</tr> closes nothing"])
        XCTAssertEqual(Self.tagProblems("<svg><rect x=\"1\"/></svg><br>"), [])
    }

    func testNoRemoteResourceOfAnyKind() throws {
        for locale in ReportLocale.allCases {
            for (path, html) in try htmlFiles(locale: locale) {
                let lower = html.lowercased()
                for banned in ["http://", "https://", "@import", "url(", "<link", "<script", "<iframe", "<img"] {
                    XCTAssertFalse(lower.contains(banned), "\(path) holds \(banned)")
                }
                for attr in ["src=", "href=", "xlink:href="] {
                    var rest = Substring(lower)
                    while let r = rest.range(of: attr) {
                        let value = rest[r.upperBound...].dropFirst().prefix { $0 != "\"" && $0 != "'" }
                        XCTAssertFalse(value.hasPrefix("//"), "\(path): protocol-relative \(attr)\(value)")
                        XCTAssertTrue(value.hasPrefix("#") || value.hasPrefix("tel:"), "\(path): \(attr)\(value)")
                        rest = rest[r.upperBound...]
                    }
                }
                XCTAssertTrue(html.contains("Content-Security-Policy"), path)
                XCTAssertTrue(html.contains("\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\", \"Microsoft YaHei\""))
            }
        }
    }

    func testHostileTextShowsAsText() throws {
        for (path, html) in try htmlFiles() {
            XCTAssertFalse(html.contains(Fixture.hostileName), "\(path) holds a live script tag")
            XCTAssertFalse(html.contains("<b>"), "\(path): markup in the late detail must be escaped")
        }
        let files = Dictionary(uniqueKeysWithValues: try htmlFiles())
        let daily = try XCTUnwrap(files["daily/W01.html"])
        XCTAssertTrue(daily.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(daily.contains("=HYPERLINK(&quot;evil.example&quot;,&quot;x&quot;)<br>line two"))
        XCTAssertTrue(daily.contains("&quot;北门&quot;"))
        let roster = try XCTUnwrap(files["roster.html"])
        XCTAssertTrue(roster.contains("需要技能 &lt;b&gt;<span class=\"nb\">mental-health</span>&lt;/b&gt;；"
                                      + "负责或协助网格 <span class=\"nb\">XH-09</span> 的网格员都不具备"))
        XCTAssertTrue(roster.contains("=cmd|&#39; /C calc&#39;!A0"))
    }

    func testRosterPrintsOnA4LandscapeWithWorkersByDays() throws {
        let roster = try XCTUnwrap(Dictionary(uniqueKeysWithValues: try htmlFiles())["roster.html"])
        XCTAssertTrue(roster.contains("@page{size:A4 landscape"))
        XCTAssertEqual(roster.components(separatedBy: "<tr class=\"w\">").count - 1, 3, "one row per worker")
        XCTAssertTrue(roster.contains("11/27 周五<br><span class=\"muted\">节假日</span>"), "the holiday is marked")
        XCTAssertTrue(roster.contains("<td class=\"off\">休</td>"), "W02's day off is marked")
        XCTAssertTrue(roster.contains("没有符合条件的网格员"))
        XCTAssertTrue(roster.contains("H004"))
    }

    func testDailyListHasOnePagePerRouteDayWithMapAndTickBoxes() throws {
        let daily = try XCTUnwrap(Dictionary(uniqueKeysWithValues: try htmlFiles())["daily/W01.html"])
        XCTAssertEqual(daily.components(separatedBy: "<section class=\"day\"").count - 1, 3, "three days with a route")
        XCTAssertTrue(daily.contains(".day{max-width:none;margin:0;break-after:page;page-break-after:always}"))
        XCTAssertEqual(daily.components(separatedBy: "<svg class=\"map\"").count - 1, 3)
        XCTAssertEqual(daily.components(separatedBy: "<li class=\"stop").count - 1, 5, "five stops")
        XCTAssertEqual(daily.components(separatedBy: "<span class=\"tick\"></span>").count - 1, 5)
        XCTAssertTrue(daily.contains("<a href=\"tel:+8613800000001\">+86 138 0000 0001</a>"))
        XCTAssertTrue(daily.contains("同行:</span> 李雷 (W02)"), "the pair partner is named")
        XCTAssertTrue(daily.contains("上次走访:</span> 2026-11-16 · 潘靚雨 (W01)"), "last visit from the history")
        XCTAssertTrue(daily.contains("上次走访:</span> 2026-11-23 · 潘靚雨 (W01) · 本计划"), "an earlier stop of the plan")
        XCTAssertTrue(daily.contains("检查要点:</span> 楼道堆物"), "what to check at a patrol point")
        XCTAssertTrue(daily.contains("紧急联系人:</span> @daughter"), "extra CSV fields are shown")
        XCTAssertTrue(daily.contains("@media screen and (max-width:640px)"), "readable on a phone")
    }

    func testDailyListOfAWorkerWithoutStopsSaysSo() throws {
        let daily = try XCTUnwrap(Dictionary(uniqueKeysWithValues: try htmlFiles())["daily/W03.html"])
        XCTAssertTrue(daily.contains("本期没有安排。"))
        XCTAssertFalse(daily.contains("<svg"))
    }

    func testRouteMapDrawsStartPlaceLineAndNumberedStops() throws {
        let p = [
            RouteMap.Point(number: 1, location: GeoPoint(lat: 31.0, lon: 121.0), title: "a<b", isPatrol: false),
            RouteMap.Point(number: 2, location: GeoPoint(lat: 31.01, lon: 121.02), title: "b", isPatrol: true),
            RouteMap.Point(number: 3, location: GeoPoint(lat: 31.01, lon: 121.02), title: "c", isPatrol: false),
        ]
        let svg = try XCTUnwrap(RouteMap.svg(points: p, start: (GeoPoint(lat: 31.005, lon: 121.005), "office"), end: nil,
                                             startMark: "S", caption: "map"))
        XCTAssertEqual(HTMLReportTests.tagProblems(svg), [])
        XCTAssertTrue(svg.contains("<polyline"))
        XCTAssertTrue(svg.contains("stroke-dasharray"), "the leg home is dashed")
        XCTAssertTrue(svg.contains("<title>1. a&lt;b</title>"))
        XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1, 3)
        XCTAssertTrue(svg.contains(">S</text>"))
        // About 2.2 km across 260 px: a 500 m bar fits in a third of the width, 1 km does not.
        XCTAssertTrue(svg.contains("<g class=\"scale\">"))
        XCTAssertTrue(svg.contains(">500 m</text>"), svg)
        // Points keep inside the 300 × 220 box.
        let centres = Self.circleCentres(svg)
        XCTAssertEqual(centres.count, 3)
        for (x, y) in centres {
            XCTAssertTrue((0...300).contains(x) && (0...220).contains(y), "\(x),\(y) outside")
        }
        // Points 2 and 3 share a spot: their circles are nudged apart.
        XCTAssertEqual(Set(centres.map { "\($0.0),\($0.1)" }).count, 3)
    }

    static func circleCentres(_ svg: String) -> [(Double, Double)] {
        svg.components(separatedBy: "<circle cx=\"").dropFirst().compactMap { part in
            let x = part.prefix { $0 != "\"" }
            guard let r = part.range(of: "cy=\"") else { return nil }
            let y = part[r.upperBound...].prefix { $0 != "\"" }
            guard let dx = Double(x), let dy = Double(y) else { return nil }
            return (dx, dy)
        }
    }

    func testRouteMapOfOneSpotStillRenders() throws {
        let p = [RouteMap.Point(number: 1, location: GeoPoint(lat: 31.0, lon: 121.0), title: "a", isPatrol: false)]
        let svg = try XCTUnwrap(RouteMap.svg(points: p, start: (GeoPoint(lat: 31.0, lon: 121.0), "o"), end: nil,
                                             startMark: "S", caption: "m"))
        XCTAssertTrue(svg.contains("cx=\"150.0\" cy=\"110.0\""))
        XCTAssertFalse(svg.contains("class=\"scale\""), "no scale for a single spot")
        XCTAssertNil(RouteMap.svg(points: [], start: nil, end: nil, startMark: "S", caption: "m"))
    }

    func testMarkdownRosterNeutralisesMarkup() throws {
        let s = Fixture.scenario()
        let md = String(decoding: try XCTUnwrap(try ReportWriter.render(plan: Fixture.planA(scenario: s), scenario: s)
            .first { $0.relativePath == "roster.md" }).contents, as: UTF8.self)
        XCTAssertFalse(md.contains("<script>"))
        XCTAssertTrue(md.contains("\\<script\\>alert(1)\\</script\\>"))
        XCTAssertTrue(md.contains("# 周排班表 · 星河世纪城 第九微网格 2026-W48"))
        XCTAssertTrue(md.contains("| =cmd\\|' /C calc'\\!A0 (W03) |"), "a | in a name cannot break the table")
        XCTAssertTrue(md.contains("- 按时率: 80.0%"))
    }

    func testTheRosterLabelsAMakeUpWorkingDay() throws {
        func roster(_ locale: ReportLocale, makeUp: Bool) throws -> String {
            var s = Fixture.scenario(locale: locale)
            if makeUp { s.horizon.extraWorkdays = [Fixture.d("2026-11-29")] }
            let files = try ReportWriter.render(plan: Fixture.planA(scenario: s), scenario: s)
            return String(decoding: try XCTUnwrap(files.first { $0.relativePath == "roster.html" }).contents, as: UTF8.self)
        }
        XCTAssertTrue(try roster(.zhHans, makeUp: true).contains("<br><span class=\"muted\">调休上班</span>"))
        XCTAssertTrue(try roster(.en, makeUp: true).contains("<br><span class=\"muted\">make-up day</span>"))
        XCTAssertFalse(try roster(.zhHans, makeUp: false).contains("调休上班"))
    }

    func testADailyCardSaysWhenTheHouseholdCanBeVisited() throws {
        func daily(_ locale: ReportLocale, window: Bool) throws -> String {
            var s = Fixture.scenario(locale: locale)
            if window {
                let i = try XCTUnwrap(s.households.firstIndex { $0.id == "H002" })
                s.households[i].window = Fixture.w("09:00-11:30")
                s.households[i].weekdays = [.mon, .tue]
            }
            let files = try ReportWriter.render(plan: Fixture.planA(scenario: s), scenario: s)
            return files.filter { $0.relativePath.hasPrefix("daily/") && $0.relativePath.hasSuffix(".html") }
                .map { String(decoding: $0.contents, as: UTF8.self) }.joined()
        }
        XCTAssertTrue(try daily(.zhHans, window: true).contains("可访时段:</span> 09:00–11:30 · 周一、周二"))
        XCTAssertTrue(try daily(.en, window: true).contains("Can be visited:</span> 09:00–11:30 · Mon, Tue"))
        XCTAssertFalse(try daily(.zhHans, window: false).contains("可访时段"), "no window, no weekdays: nothing to say")
    }

    func testTheRosterOfAReplanNamesItsAbsentWorkersInBothLanguages() throws {
        func roster(_ locale: ReportLocale, absent: Bool) throws -> (html: String, md: String) {
            let s = Fixture.scenario(locale: locale)
            var p = Fixture.planA(scenario: s)
            if absent { p.absences = [Absence(worker: "W02", from: Fixture.d("2026-11-25"), through: Fixture.d("2026-11-27"))] }
            let files = try ReportWriter.render(plan: p, scenario: s)
            func text(_ name: String) throws -> String {
                String(decoding: try XCTUnwrap(files.first { $0.relativePath == name }).contents, as: UTF8.self)
            }
            return (try text("roster.html"), try text("roster.md"))
        }
        let zh = try roster(.zhHans, absent: true)
        XCTAssertTrue(zh.html.contains("缺勤（调整计划时告知）: 李雷 (W02) 2026-11-25 – 2026-11-27"), zh.html)
        XCTAssertTrue(zh.md.contains("缺勤（调整计划时告知）: 李雷 (W02) 2026-11-25 – 2026-11-27"), zh.md)
        let en = try roster(.en, absent: true)
        XCTAssertTrue(en.html.contains("Absent (given to the re-plan): Li Lei (W02) 2026-11-25 – 2026-11-27"), en.html)
        XCTAssertFalse(try roster(.en, absent: false).html.contains("Absent (given to the re-plan)"))
        // Planned days of the absence without a route say so in the week's table (not an empty cell).
        // W02's working day of the absence without a route says so: Thu 26 (Wed 25 is its day off and
        // Fri 27 a holiday, both 'off' as before).
        XCTAssertEqual(zh.html.components(separatedBy: "<td class=\"off\">缺勤</td>").count - 1, 1, zh.html)
        XCTAssertEqual(try roster(.zhHans, absent: false).html.components(separatedBy: "缺勤</td>").count - 1, 0)
        XCTAssertTrue(en.md.contains("| off | absent | off |"), en.md)
    }

    func testAReplansChangesAreListedInTheRosterAndChangesCSVInTheReportsLanguage() throws {
        func files(_ locale: ReportLocale, replan: Bool) throws -> [String: String] {
            let s = Fixture.scenario(locale: locale)
            var p = Fixture.planA(scenario: s)
            if replan {
                p.replan = ReplanRecord(from: Fixture.d("2026-11-23"), changes: [
                    StopChange(task: "H002", oldWorkers: ["W02"], oldDate: Fixture.d("2026-11-23"), newWorkers: ["W01"],
                               newDate: Fixture.d("2026-11-24"),
                               reason: ChangeReason(.absent, worker: "W02", from: Fixture.d("2026-11-23"), through: Fixture.d("2026-11-24"))),
                    StopChange(task: "H004", oldWorkers: ["W01"], oldDate: Fixture.d("2026-11-26"), newWorkers: [], newDate: nil,
                               reason: ChangeReason(.droppedNotNeeded)),
                ])
            }
            var out: [String: String] = [:]
            for f in try ReportWriter.render(plan: p, scenario: s) { out[f.relativePath] = String(decoding: f.contents, as: UTF8.self) }
            return out
        }
        let zh = try files(.zhHans, replan: true)
        let zhRoster = try XCTUnwrap(zh["roster.html"])
        XCTAssertTrue(zhRoster.contains("<h2>本次调整 (2)</h2>"), zhRoster)
        XCTAssertTrue(zhRoster.contains("自 2026-11-23 起重新安排：2 处调整，涉及 2 个任务。"), zhRoster)
        XCTAssertTrue(zhRoster.contains("<td>李雷 (W02) 11/23 周一</td><td>潘靚雨 (W01) 11/24 周二</td><td>李雷 (W02) 2026-11-23 至 2026-11-24 缺勤</td>"), zhRoster)
        XCTAssertTrue(zhRoster.contains("<td>—</td><td>取消：本期内不再需要</td>"), zhRoster)
        XCTAssertTrue(try XCTUnwrap(zh["roster.md"]).contains("- H002 王秀英: 李雷 (W02) 11/23 周一 → 潘靚雨 (W01) 11/24 周二 (李雷 (W02) 2026-11-23 至 2026-11-24 缺勤)"))
        // W01's daily list marks the stop the re-plan brought, with where it was.
        XCTAssertTrue(try XCTUnwrap(zh["daily/W01.html"]).contains("<span class=\"tag chg\">原 李雷 11/23 周一</span>"))
        XCTAssertFalse(try XCTUnwrap(files(.zhHans, replan: false)["daily/W01.html"]).contains("tag chg"))
        let csv = try XCTUnwrap(zh["changes.csv"])
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}任务,名称,原网格员,原日期,新网格员,新日期,原因\r\n"), csv)
        XCTAssertTrue(csv.contains("H002,王秀英,W02,2026-11-23,W01,2026-11-24,李雷 (W02) 2026-11-23 至 2026-11-24 缺勤\r\n"), csv)
        let en = try files(.en, replan: true)
        XCTAssertTrue(try XCTUnwrap(en["roster.html"]).contains("<td>Li Lei (W02) absent 2026-11-23..2026-11-24</td>"))
        XCTAssertTrue(try XCTUnwrap(en["changes.csv"]).contains("Task,Name,Old worker,Old date,New worker,New date,Reason\r\n"))
        XCTAssertTrue(try XCTUnwrap(en["changes.csv"]).contains(",W01,2026-11-26,,,dropped: not needed before the horizon ends\r\n"))
        // A plan that is no re-plan has neither the section nor the file.
        let plain = try files(.zhHans, replan: false)
        XCTAssertNil(plain["changes.csv"])
        XCTAssertFalse(try XCTUnwrap(plain["roster.html"]).contains("本次调整"))
    }

    func testALongDayPrintsInTheSmallerTypeSoItsCardsStayOnOneSheet() throws {
        func dailyW01(stops n: Int, _ locale: ReportLocale = .zhHans) throws -> String {
            let s = Fixture.scenario(locale: locale)
            var p = Fixture.planA(scenario: s)
            let i = try XCTUnwrap(p.routes.firstIndex { $0.worker == "W01" && $0.date == Fixture.d("2026-11-24") })
            p.routes[i].stops = Array(repeating: p.routes[i].stops[0], count: n)
            let f = try XCTUnwrap(try ReportWriter.render(plan: p, scenario: s).first { $0.relativePath == "daily/W01.html" })
            return String(decoding: f.contents, as: UTF8.self)
        }
        XCTAssertEqual(DailyHTML.denseFrom(.zhHans), 15)
        XCTAssertTrue(try dailyW01(stops: 16).contains("<section class=\"day dense\" id=\"d2026-11-24\">"))
        XCTAssertTrue(try dailyW01(stops: 15).contains("<section class=\"day\" id=\"d2026-11-24\">"))
        XCTAssertTrue(try dailyW01(stops: 16).contains(".dense{font-size:8pt;line-height:1.1}"), "smaller in print only")
        XCTAssertEqual(DailyHTML.denseFrom(.en), 11, "English cards run longer")
        XCTAssertTrue(try dailyW01(stops: 12, .en).contains("<section class=\"day dense flow\" id=\"d2026-11-24\">"))
        XCTAssertTrue(try dailyW01(stops: 11, .en).contains("<section class=\"day\" id=\"d2026-11-24\">"))
    }

    func testTheRosterExplainsVisitsNoPlanCouldKeepOnTheirUsualWeekday() throws {
        // H002's last visit moves to Friday 20 Nov; this week's Friday is a holiday, so its Tuesday
        // visit cannot be on its weekday. H001 (Monday, as last time) is. Without the move, no line.
        func roster(_ locale: ReportLocale, fridayLastVisit: Bool) throws -> (html: String, md: String) {
            var s = Fixture.scenario(locale: locale)
            if fridayLastVisit {
                s.history = s.history.map { e in
                    e.task == "H002" && e.date == Fixture.d("2026-11-18") ? HistoryEntry(task: "H002", date: Fixture.d("2026-11-20"), worker: "W02") : e
                }
            }
            let files = try ReportWriter.render(plan: Fixture.planA(scenario: s), scenario: s)
            func text(_ name: String) throws -> String {
                String(decoding: try XCTUnwrap(files.first { $0.relativePath == name }).contents, as: UTF8.self)
            }
            return (try text("roster.html"), try text("roster.md"))
        }
        let en = try roster(.en, fridayLastVisit: true)
        for text in [en.html, en.md] {
            XCTAssertTrue(text.contains("50% of 2 visits are on their usual weekday. The last visit of 1 of them fell on a weekday this period does not work"), text)
            XCTAssertTrue(text.contains("of the other 1, 100% are."))
        }
        let zh = try roster(.zhHans, fridayLastVisit: true)
        for text in [zh.html, zh.md] {
            XCTAssertTrue(text.contains("2 次走访中 50% 在固定走访日。其中 1 次的上次走访在本期不上班的星期几"), text)
        }
        for locale in [ReportLocale.en, .zhHans] {
            let plain = try roster(locale, fridayLastVisit: false)
            XCTAssertFalse(plain.html.contains("this period does not work") || plain.html.contains("本期不上班"), "\(locale)")
            XCTAssertFalse(plain.md.contains("this period does not work") || plain.md.contains("本期不上班"), "\(locale)")
        }
    }
}
