import Foundation
import GridPlanCore
@testable import GridPlanReports
import XCTest

/// Reading a plan.json back with its scenario (the shipped xinghe scenario, copied beside the plan).
final class SavedPlanTests: XCTestCase {
    var folder: URL!

    static var xinghe: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scenarios/xinghe")
    }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridplan-saved-\(UUID().uuidString)")
        let scenarioFolder = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: scenarioFolder, withIntermediateDirectories: true)
        for name in ["scenario.yaml", "households.csv", "patrols.csv", "visits.csv"] {
            try FileManager.default.copyItem(at: Self.xinghe.appendingPathComponent(name),
                                             to: scenarioFolder.appendingPathComponent(name))
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func writePlan(file: String, sha: String = "") throws -> String {
        let plan = Plan(
            scenario: ScenarioReference(name: "星河世纪城 第九微网格 2026-W48", file: file, sha256: sha),
            horizon: PlanHorizon(start: Fixture.start, days: 7),
            solver: SolverReport(backend: "glpk 5.0", status: "optimal", objective: 1, bound: 1, gap: 0, seconds: 0.5),
            routes: [Route(worker: "W01", date: Fixture.start, start: Fixture.t("08:30"), end: Fixture.t("09:20"),
                           travelMin: 10, travelKm: 0.6, serviceMin: 30, stops: [
                               Fixture.stop("XH-P01", .patrol, "08:35", "08:35", "08:45", travel: 5, km: 0.3),
                               Fixture.stop("XH-H001", .visit, "08:50", "08:50", "09:10", travel: 5, km: 0.3),
                           ])],
            late: [],
            kpis: KPIs(tasksDue: 2, visitsPlanned: 2, lateTaskDays: 0, onTimeRate: 1, travelKm: 0.6, travelMin: 10,
                       workMin: 50, utilisationMin: 0.02, utilisationMax: 0.02, continuity: 1))
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let path = out.appendingPathComponent("plan.json").path
        try plan.jsonData().write(to: URL(fileURLWithPath: path))
        return path
    }

    func testTheScenarioNamedInThePlanIsFoundRelativeToThePlansFolder() throws {
        let path = try writePlan(file: "../in/scenario.yaml")
        let saved = try SavedPlan.load(path: path)
        XCTAssertEqual(saved.scenarioPath, folder.appendingPathComponent("in/scenario.yaml").standardized.path)
        XCTAssertEqual(saved.scenario.workers.map(\.id), ["W01"])
        XCTAssertFalse(saved.notes.contains { $0.contains("older gridplan") }, "no sha in the plan, no warning")
        let text = try WorkerDayListing.render(plan: saved.plan, scenario: saved.resolved, worker: "W01", date: Fixture.start)
        XCTAssertTrue(text.contains("傅玉珍 (XH-H001)"))
        XCTAssertTrue(text.contains("星河世纪城 34号楼 2单元 702室"))
        XCTAssertTrue(text.contains("常有私家车占用，拍照上报物业"), "what to check at the patrol point")
    }

    func testAPlanWithAnOlderDigestIsUsedWithAWarning() throws {
        let path = try writePlan(file: "../in/scenario.yaml", sha: "feedface")
        let saved = try SavedPlan.load(path: path)
        XCTAssertTrue(saved.notes.contains {
            $0.hasPrefix("\(path): warning: the plan was made from other inputs or an older gridplan")
        }, "\(saved.notes)")
    }

    func testAnExplicitScenarioWinsAndAMissingOneIsReported() throws {
        let path = try writePlan(file: "nowhere/scenario.yaml")
        XCTAssertThrowsError(try SavedPlan.load(path: path)) { e in
            guard case let .scenarioNotFound(_, tried)? = e as? SavedPlan.LoadError else { return XCTFail("\(e)") }
            XCTAssertEqual(tried.first, folder.appendingPathComponent("out/nowhere/scenario.yaml").path)
        }
        let explicit = folder.appendingPathComponent("in/scenario.yaml").path
        XCTAssertEqual(try SavedPlan.load(path: path, scenarioPath: explicit).scenarioPath, explicit)
    }

    func testAFileThatIsNotAPlanIsRefused() throws {
        let bad = folder.appendingPathComponent("in/scenario.yaml").path
        XCTAssertThrowsError(try SavedPlan.load(path: bad)) { e in
            guard case .notAPlan? = e as? SavedPlan.LoadError else { return XCTFail("\(e)") }
        }
        XCTAssertThrowsError(try SavedPlan.load(path: folder.appendingPathComponent("missing.json").path)) { e in
            guard case .unreadable? = e as? SavedPlan.LoadError else { return XCTFail("\(e)") }
        }
    }

    func testReportsOfARealScenarioRender() throws {
        let saved = try SavedPlan.load(path: try writePlan(file: "../in/scenario.yaml"))
        let files = try ReportWriter.render(plan: saved.plan, scenario: saved.scenario)
        let daily = String(decoding: try XCTUnwrap(files.first { $0.relativePath == "daily/W01.html" }).contents, as: UTF8.self)
        XCTAssertEqual(HTMLReportTests.tagProblems(daily), [])
        XCTAssertTrue(daily.contains("傅玉珍"))
    }
}
