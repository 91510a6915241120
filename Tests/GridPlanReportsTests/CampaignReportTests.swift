import Foundation
import GridPlanCore
@testable import GridPlanReports
import XCTest

/// Campaign visits in the reports, in both languages: a campaign-only stop on the daily list and the
/// roster, a visit that carries a campaign, the key figure, and the list of campaign visits missed.
final class CampaignReportTests: XCTestCase {
    /// Plan A with a greeting campaign: W01's Tuesday visit to H002 carries it, a campaign-only stop on
    /// Wednesday delivers it to H001, and H004 misses it for capacity.
    func files(_ locale: ReportLocale) throws -> [String: String] {
        let s = Fixture.scenario(locale: locale)
        var p = Fixture.planA(scenario: s)
        let name = locale == .en ? "Spring greeting" : "春节慰问"
        p.routes[2].stops[0].campaign = [name]
        p.routes[3].stops.append(Stop(task: "H001", kind: .campaign, arrive: Fixture.t("11:20"), start: Fixture.t("11:20"),
                                      end: Fixture.t("11:35"), travelMin: 3, travelKm: 0.2, campaign: [name]))
        p.kpis.campaignVisitsOwed = 3
        p.kpis.campaignVisitsKept = 2
        p.missedCampaigns = [MissedCampaign(household: "H004", campaign: name, deadline: Fixture.d("2026-11-26"),
                                            reason: .capacity, detail: "deadline 2026-11-26; …",
                                            workers: ["W01"], dates: [Fixture.d("2026-11-23"), Fixture.d("2026-11-24")])]
        var out: [String: String] = [:]
        for f in try ReportWriter.render(plan: p, scenario: s) { out[f.relativePath] = String(decoding: f.contents, as: UTF8.self) }
        return out
    }

    func testTheChineseReportsShowCampaignStopsAndTheMissedOnes() throws {
        let f = try files(.zhHans)
        let daily = try XCTUnwrap(f["daily/W01.html"])
        XCTAssertTrue(daily.contains("<li class=\"stop campaign\">"))
        XCTAssertTrue(daily.contains("<span class=\"tag\">专项走访</span>"))
        XCTAssertTrue(daily.contains("春节慰问（专项走访，不计常规走访）"))
        XCTAssertTrue(daily.contains("含 春节慰问"), "the regular visit that carries it")
        XCTAssertTrue(daily.contains("巡查 1 · 专项走访 1)"), "the day's counts")
        let roster = try XCTUnwrap(f["roster.html"])
        XCTAssertTrue(roster.contains("<dt>专项走访按期完成</dt><dd>2 / 3</dd>"))
        XCTAssertTrue(roster.contains("<h2>未按期的专项走访 (1)</h2>"))
        XCTAssertTrue(roster.contains("<td>人手不足</td><td>截至11月26日 周四，可走访的网格员当天已排满：潘靚雨 (W01)（11/23 周一、11/24 周二）</td>"))
        XCTAssertTrue(roster.contains("专项走访 1"), "the roster cell counts the campaign stop")
        let md = try XCTUnwrap(f["roster.md"])
        XCTAssertTrue(md.contains("## 未按期的专项走访 (1)"))
        XCTAssertTrue(md.contains("2. 11:20 专项走访 \\<script\\>alert(1)\\</script\\> · 春节慰问（专项走访，不计常规走访）"), md)
        XCTAssertTrue(f["visits.csv"]?.contains("专项走访") ?? false)
    }

    func testTheEnglishReportsSayTheSame() throws {
        let f = try files(.en)
        let daily = try XCTUnwrap(f["daily/W01.html"])
        XCTAssertTrue(daily.contains("<span class=\"tag\">campaign</span>"))
        XCTAssertTrue(daily.contains("Spring greeting (campaign only, not a regular visit)"))
        XCTAssertTrue(daily.contains("with Spring greeting"))
        let roster = try XCTUnwrap(f["roster.html"])
        XCTAssertTrue(roster.contains("<dt>Campaign visits kept</dt><dd>2 / 3</dd>"))
        XCTAssertTrue(roster.contains("<h2>Campaign visits missed (1)</h2>"))
        XCTAssertTrue(roster.contains("<td>not enough capacity</td><td>the eligible workers&#39; days up to Thu 26 Nov were full: "
            + "Pan Jingyu (W01) (Mon 23/11, Tue 24/11)</td>"), roster)
        // No untranslated label: the English fixture is ASCII, so no CJK may appear.
        for (path, text) in f where path.hasSuffix(".html") || path.hasSuffix(".md") {
            XCTAssertNil(text.unicodeScalars.first { (0x4E00...0x9FFF).contains($0.value) }, path)
        }
    }

    func testAPlanWithoutCampaignsShowsNoCampaignSection() throws {
        let s = Fixture.scenario()
        let roster = String(decoding: try XCTUnwrap(try ReportWriter.render(plan: Fixture.planA(scenario: s), scenario: s)
            .first { $0.relativePath == "roster.html" }).contents, as: UTF8.self)
        XCTAssertFalse(roster.contains("专项走访"))
    }
}
