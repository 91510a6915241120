import Foundation
import GridPlanCore
@testable import GridPlanReports
import XCTest

/// Every renderer's output on the fixture, pinned byte for byte.
final class GoldenTests: XCTestCase {
    func testEveryReportMatchesItsGoldenFileInChinese() throws {
        let s = Fixture.scenario(locale: .zhHans)
        // Workbooks are checked cell by cell (WorkbookReportTests): their bytes follow libxlsxwriter's version.
        for f in try ReportWriter.render(plan: Fixture.planA(scenario: s), scenario: s) where !f.relativePath.hasSuffix(".xlsx") {
            Golden.assertMatches(f.contents, "zh-Hans/" + f.relativePath)
        }
    }

    func testEveryReportMatchesItsGoldenFileInEnglish() throws {
        let s = Fixture.scenario(locale: .en)
        for f in try ReportWriter.render(plan: Fixture.planA(scenario: s), scenario: s) where !f.relativePath.hasSuffix(".xlsx") {
            Golden.assertMatches(f.contents, "en/" + f.relativePath)
        }
    }

    func testRenderWritesTheExpectedSetOfFiles() throws {
        let s = Fixture.scenario()
        let paths = try ReportWriter.render(plan: Fixture.planA(scenario: s), scenario: s).map(\.relativePath)
        XCTAssertEqual(paths, [
            "roster.html", "roster.md", "roster.csv", "visits.csv", "roster.xlsx", "visits.xlsx",
            "daily/W01.html", "calendar/W01.ics", "daily/W02.html", "calendar/W02.ics",
            "daily/W03.html", "calendar/W03.ics",
        ])
    }

    func testComparisonRenderingsMatchTheirGoldenFiles() throws {
        for locale in ReportLocale.allCases {
            let s = Fixture.scenario(locale: locale)
            let c = try PlanComparison([
                .init(name: "base.yaml", scenario: s, plan: Fixture.planA(scenario: s)),
                .init(name: "alternative.yaml", scenario: s, plan: Fixture.planB(scenario: s)),
            ])
            Golden.assertMatches(Data(c.text().utf8), "\(locale.rawValue)/compare.txt")
            Golden.assertMatches(Data(c.text(colour: true).utf8), "\(locale.rawValue)/compare-colour.txt")
            Golden.assertMatches(Data(c.html().utf8), "\(locale.rawValue)/compare.html")
            Golden.assertMatches(try c.jsonData(), "\(locale.rawValue)/compare.json")
        }
    }

    func testWorkerDayListingMatchesItsGoldenFile() throws {
        for locale in ReportLocale.allCases {
            let s = Fixture.scenario(locale: locale)
            let p = Fixture.planA(scenario: s)
            Golden.assertMatches(Data(try WorkerDayListing.render(plan: p, scenario: s, worker: "W01").utf8),
                                 "\(locale.rawValue)/show-W01.txt")
            Golden.assertMatches(Data(try WorkerDayListing.render(plan: p, scenario: s, worker: "W02",
                                                                  date: Fixture.d("2026-11-23"), colour: true).utf8),
                                 "\(locale.rawValue)/show-W02-2026-11-23-colour.txt")
        }
    }

    func testRenderingTwiceGivesIdenticalBytes() throws {
        let s = Fixture.scenario()
        let a = try ReportWriter.render(plan: Fixture.planA(scenario: s), scenario: s)
        let b = try ReportWriter.render(plan: Fixture.planA(scenario: s), scenario: s)
        XCTAssertEqual(a, b)
    }

    func testEnglishReportsHoldNoChineseLabel() throws {
        // The English fixture has ASCII scenario text only: any CJK character is an untranslated label.
        let s = Fixture.scenario(locale: .en)
        var texts = try ReportWriter.render(plan: Fixture.planA(scenario: s), scenario: s)
            .filter { !$0.relativePath.hasSuffix(".xlsx") }  // zipped: WorkbookReportTests reads their cells
            .map { ($0.relativePath, String(decoding: $0.contents, as: UTF8.self)) }
        let c = try PlanComparison([.init(name: "a", scenario: s, plan: Fixture.planA(scenario: s)),
                                    .init(name: "b", scenario: s, plan: Fixture.planB(scenario: s))])
        texts += [("compare.txt", c.text()), ("compare.html", c.html())]
        texts.append(("show", try WorkerDayListing.render(plan: Fixture.planA(scenario: s), scenario: s, worker: "W01")))
        for (path, text) in texts {
            let cjk = text.unicodeScalars.filter { (0x3000...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
            XCTAssertTrue(cjk.isEmpty, "\(path) holds CJK text in an English report: \(String(String.UnicodeScalarView(cjk.prefix(20))))")
        }
    }

    func testChineseReportsUseChineseLabels() throws {
        let s = Fixture.scenario(locale: .zhHans)
        let files = try ReportWriter.render(plan: Fixture.planA(scenario: s), scenario: s)
        let roster = String(decoding: files[0].contents, as: UTF8.self)
        XCTAssertTrue(roster.contains("<html lang=\"zh-Hans\">"))
        XCTAssertTrue(roster.contains("周排班表"))
        XCTAssertTrue(roster.contains("没有符合条件的网格员"), "the late reason is translated")
        XCTAssertFalse(roster.contains("Weekly roster"))
    }
}
