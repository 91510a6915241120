import Foundation
import GridPlanCore
@testable import GridPlanReports
import XCTest

/// The late section of the roster: counts by reason first, then every late task with its reason
/// and detail in the report's language, in columns that print on A4 landscape.
final class LateListTests: XCTestCase {
    static func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    /// One detail of every code, as the planner gives them.
    static let details: [LateDetail] = [
        .noWorkerCoversGrid(grid: "XH-09"),
        .missingSkill(skill: "mental-health", grid: "XH-09"),
        .missingSkillCombination(skills: ["mental-health", "casework"], grid: "XH-09"),
        .windowsDisjoint,
        .windowOutsideShifts(window: TimeWindow(19 * 60, 21 * 60), durationMin: 30, workers: ["W01", "W02"]),
        .tooFewWorkers(needed: 2, workers: ["W01"], grid: "XH-09"),
        .noVisitingDay(grid: "XH-09", weekdays: [.sat]),
        .minGap(lastVisit: d("2026-11-16"), minGapDays: 15, due: d("2026-11-23")),
        .fewWorkingDays(dates: [d("2026-11-23"), d("2026-11-24")]),
        .capacityFullDays(full: [.init(worker: "W01", dates: [d("2026-11-23"), d("2026-11-24"), d("2026-11-25")]),
                                 .init(worker: "W02", dates: [d("2026-11-24")])]),
        .noTimedRoute,
        .beyondBestSchedule(bestLateDays: 1),
        .lateBeforeReplan(from: d("2026-11-25")),
    ]
    /// Ids, skills and times in the details: what may stay ASCII in a Chinese report.
    static let tokens = ["mental-health", "casework", "XH-09", "W01", "W02", "19:00-21:00"]

    /// The fixture's plan A with one late task per detail code (on the fixture's tasks, in turn).
    static func planWithEveryCode(_ s: Scenario) -> Plan {
        var p = Fixture.planA(scenario: s)
        let tasks = ["H001", "H002", "H003", "H004", "P001"]
        p.late = Self.details.enumerated().map { i, detail in
            LateTask(task: tasks[i % tasks.count], due: Self.d("2026-11-23"), lateDays: 1 + i % 3, firstVisit: nil,
                     explanation: detail)
        }
        return p
    }

    /// The report at `path`, for HTML without the spans that keep dates and ids on one line.
    func render(_ p: Plan, _ s: Scenario, _ path: String) throws -> String {
        let f = try XCTUnwrap(try ReportWriter.render(plan: p, scenario: s).first { $0.relativePath == path })
        return String(decoding: f.contents, as: UTF8.self)
            .replacingOccurrences(of: "<span class=\"nb\">([^<]*)</span>", with: "$1", options: .regularExpression)
    }

    /// The late section of a rendered roster (from its heading to the footer or the next section).
    func lateSection(_ text: String, heading: String) throws -> String {
        let from = try XCTUnwrap(text.range(of: heading), "no late section")
        let rest = text[from.lowerBound...]
        let end = rest.range(of: "<footer>")?.lowerBound ?? rest.range(of: "\n## ", range: rest.index(after: rest.startIndex)..<rest.endIndex)?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    func test_every_reason_has_a_chinese_and_an_english_label() {
        for r in LateReason.allCases {
            let zh = Strings(.zhHans).reason(r), en = Strings(.en).reason(r)
            XCTAssertNil(zh.range(of: "[A-Za-z]", options: .regularExpression), "\(r.rawValue): «\(zh)»")
            XCTAssertTrue(en.unicodeScalars.allSatisfy(\.isASCII), "\(r.rawValue): «\(en)»")
        }
    }

    func test_a_chinese_roster_words_every_detail_code_in_chinese() throws {
        let s = Fixture.scenario(locale: .zhHans)
        let p = Self.planWithEveryCode(s)
        XCTAssertEqual(Set(Self.details.map(\.code)), Set(LateDetail.Code.allCases), "every code is in the plan")
        for (path, heading) in [("roster.html", "<h2>未能按时完成"), ("roster.md", "## 未能按时完成")] {
            var late = try lateSection(try render(p, s, path), heading: heading)
            // Markup, scenario text (names), ids, skills, times and dates may be ASCII; English words may not.
            let names = s.households.map(\.name) + s.patrols.map(\.name)
            for n in names { late = late.replacingOccurrences(of: path.hasSuffix(".html") ? Escape.html(n) : Escape.markdown(n), with: " ") }
            late = late.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
            late = late.replacingOccurrences(of: "&#?[a-z0-9]+;", with: " ", options: .regularExpression)
            for t in Self.tokens + p.late.map(\.task) { late = late.replacingOccurrences(of: t, with: " ") }
            let english = late.range(of: "[A-Za-z]{2,}", options: .regularExpression).map { late[$0] }
            XCTAssertNil(english, "\(path): English in the Chinese late list: «\(english ?? "")»")
            for detail in Self.details {
                let zh = detail.sentence(.zhHans)
                let written = path.hasSuffix(".html") ? Escape.html(zh) : Escape.markdown(zh)
                XCTAssertTrue(try render(p, s, path).contains(written), "\(path): \(detail.code.rawValue) «\(zh)»")
            }
        }
    }

    func test_an_english_roster_words_every_detail_code_in_english() throws {
        let s = Fixture.scenario(locale: .en)
        let p = Self.planWithEveryCode(s)
        let html = try render(p, s, "roster.html")
        for detail in Self.details {
            XCTAssertTrue(html.contains(Escape.html(detail.sentence(.en))), detail.code.rawValue)
        }
        let late = try lateSection(html, heading: "<h2>Late tasks")
        XCTAssertFalse(late.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "CJK in the English late list")
    }

    func test_the_late_section_starts_with_the_counts_by_reason_most_first() throws {
        let s = Fixture.scenario(locale: .zhHans)
        var p = Fixture.planA(scenario: s)
        let capacity = LateDetail.capacityFullDays(full: [.init(worker: "W01", dates: [Self.d("2026-11-23")])])
        p.late = ["H001", "H002", "H003"].map {
            LateTask(task: $0, due: Self.d("2026-11-23"), lateDays: 1, firstVisit: nil, explanation: capacity)
        } + [LateTask(task: "H004", due: Self.d("2026-11-21"), lateDays: 5, firstVisit: nil,
                      explanation: .minGap(lastVisit: nil, minGapDays: 15, due: Self.d("2026-11-21"))),
             LateTask(task: "P001", due: Self.d("2026-11-21"), lateDays: 5, firstVisit: nil,
                      explanation: .noWorkerCoversGrid(grid: "XH-09"))]
        XCTAssertEqual(p.lateCountsByReason().map(\.reason), [.capacity, .noEligibleWorker, .minGap],
                       "most first; a tie in the format's order")
        let html = try render(p, s, "roster.html")
        let counts = "<p class=\"late-counts\">人手不足 3 · 没有符合条件的网格员 1 · 间隔规则无法满足 1</p>"
        XCTAssertTrue(html.contains("<h2>未能按时完成 (5)</h2>\n" + counts), "the counts open the section")
        XCTAssertLessThan(html.range(of: counts)!.lowerBound, html.range(of: "<table class=\"late\">")!.lowerBound)
        let md = try render(p, s, "roster.md")
        XCTAssertTrue(md.contains("## 未能按时完成 (5)\n\n人手不足 3 · 没有符合条件的网格员 1 · 间隔规则无法满足 1\n\n本期未安排走访的任务 5 个，排在最前。\n\n- H004"), md)
        let en = Fixture.scenario(locale: .en)
        XCTAssertTrue(try render(p, en, "roster.html").contains(
            "<p class=\"late-counts\">not enough capacity: 3 · no eligible worker: 1 · gap rule cannot be kept: 1</p>"))
    }

    func test_tasks_without_any_visit_come_first_then_the_most_late_days_with_their_categories() throws {
        let s = Fixture.scenario(locale: .zhHans)
        var p = Fixture.planA(scenario: s)
        let capacity = LateDetail.capacityFullDays(full: [.init(worker: "W01", dates: [Self.d("2026-11-23")])])
        p.late = [
            LateTask(task: "H001", due: Self.d("2026-11-23"), lateDays: 1, firstVisit: nil, explanation: capacity),
            LateTask(task: "H002", due: Self.d("2026-11-23"), lateDays: 3, firstVisit: Self.d("2026-11-26"), explanation: capacity),
            LateTask(task: "H004", due: Self.d("2026-11-24"), lateDays: 2, firstVisit: nil, explanation: capacity),
        ]
        let c = ReportContext(plan: p, scenario: ResolvedScenario(s))
        XCTAssertEqual(c.lateRows().map(\.late.task), ["H004", "H001", "H002"], "no visit first, then the most late days")
        XCTAssertEqual(c.lateRows().map(\.categories), [["独居老人"], ["独居老人"], ["低保户", "独居老人"]])
        let html = try render(p, s, "roster.html")
        XCTAssertTrue(html.contains("<p>本期未安排走访的任务 2 个，排在最前。</p>"), html)
        XCTAssertTrue(html.contains("<td>王秀英</td><td>低保户、独居老人</td>"), html)
        XCTAssertTrue(try render(p, s, "roster.md").contains("- H002 王秀英 (低保户、独居老人): "))
        XCTAssertTrue(try render(p, Fixture.scenario(locale: .en), "roster.html").contains("<p>2 tasks get no visit in this plan; listed first.</p>"))
        p.late = [p.late[1]]
        XCTAssertFalse(try render(p, s, "roster.html").contains("排在最前"), "no line when every late task gets a visit")
    }

    func test_the_late_table_has_fixed_columns_for_a4_landscape() throws {
        let s = Fixture.scenario()
        let html = try render(Fixture.planA(scenario: s), s, "roster.html")
        XCTAssertTrue(html.contains(".late{table-layout:fixed;min-width:70em}"), "on a phone the table scrolls sideways")
        XCTAssertTrue(html.contains(".late col.reason{width:11.4em}"), "the longest reason (10 characters) on one line")
        XCTAssertTrue(html.contains("<colgroup><col class=\"task\"><col class=\"name\"><col class=\"cat\"><col class=\"kind\"><col class=\"grid\">"
                                    + "<col class=\"date\"><col class=\"days\"><col class=\"date\"><col class=\"reason\"><col class=\"detail\"></colgroup>"))
    }

    func test_the_daily_spread_figure_is_in_the_reports_language() throws {
        for (locale, text) in [(ReportLocale.zhHans, "<dd>1.5 小时</dd>"), (.en, "<dd>1.5 h</dd>")] {
            let s = Fixture.scenario(locale: locale)
            var p = Fixture.planA(scenario: s)
            p.kpis.dailySpreadMaxMin = 90
            XCTAssertTrue(try render(p, s, "roster.html").contains(text), "\(locale)")
        }
    }

    func test_dates_times_and_ids_in_a_detail_never_break_at_their_hyphens() {
        XCTAssertEqual(Escape.htmlKeepingTokens("W01 on 2026-02-24 to 2026-02-28; window 19:00-21:00, grid FL-03: full <b>"),
                       "W01 on <span class=\"nb\">2026-02-24</span> to <span class=\"nb\">2026-02-28</span>; window "
                       + "<span class=\"nb\">19:00-21:00</span>, grid <span class=\"nb\">FL-03</span>: full &lt;b&gt;")
    }

    func test_an_older_plan_without_codes_shows_its_detail_as_written() throws {
        let s = Fixture.scenario()
        var p = Fixture.planA(scenario: s)
        p.late[0] = LateTask(task: "H004", due: Self.d("2026-11-21"), lateDays: 5, firstVisit: nil, reason: .noEligibleWorker,
                             detail: "needs skill casework; nobody covering grid XH-09 has it")
        XCTAssertTrue(try render(p, s, "roster.html").contains("needs skill casework; nobody covering grid XH-09 has it"))
    }
}
