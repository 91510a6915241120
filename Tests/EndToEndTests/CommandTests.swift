import Foundation
import XCTest

/// Every command through the real binary, on a copy of the shipped xinghe scenario: what it prints,
/// what it writes, and its exit status.
final class CommandTests: XCTestCase {
    /// A fresh copy of scenarios/xinghe and its plan in `out/`.
    struct Week {
        let folder: URL
        var scenario: String { folder.appendingPathComponent("scenario.yaml").path }
        var out: URL { folder.appendingPathComponent("out") }
        var plan: String { out.appendingPathComponent("plan.json").path }
        func file(_ name: String) -> String { folder.appendingPathComponent(name).path }
    }

    func plannedWeek() throws -> Week {
        let tmp = try CommandRunner.temporaryDirectory(self)
        let folder = tmp.appendingPathComponent("xinghe")
        try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent("scenarios/xinghe"),
                                         to: folder)
        let week = Week(folder: folder)
        let r = try CommandRunner.run(["plan", week.scenario, "--out", week.out.path, "--time-limit", "20"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return week
    }

    /// Every line on standard error is `PLACE: error|warning|note: …` (usage help may follow an error).
    func assertOneStyle(_ stderr: String, file: StaticString = #filePath, line: UInt = #line) {
        let style = try! NSRegularExpression(pattern: "^[^ ]+: (error|warning|note): ")
        var afterError = false
        for l in stderr.split(separator: "\n").map(String.init) {
            let range = NSRange(l.startIndex..., in: l)
            if style.firstMatch(in: l, range: range) != nil { afterError = l.contains(": error: "); continue }
            XCTAssertTrue(afterError && (l.hasPrefix("Usage:") || l.hasPrefix("Help:") || l.hasPrefix("  ")),
                          "stderr line not in the one style: \(l)", file: file, line: line)
        }
    }

    func testAPlanNamesTheHouseholdsThatNeverGotACampaignWhoseDeadlinePassed() throws {
        // xinghe's week starts on 2026-11-23; a greeting due the Friday before was delivered to nobody
        // (its history carries no campaign): every 低保户 household still owes it, and the plan says so.
        let tmp = try CommandRunner.temporaryDirectory(self)
        let folder = tmp.appendingPathComponent("xinghe")
        try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent("scenarios/xinghe"), to: folder)
        let yaml = folder.appendingPathComponent("scenario.yaml")
        var text = try String(contentsOf: yaml, encoding: .utf8)
        text += "\ncampaigns: [{name: 秋季慰问, categories: [低保户], by: 2026-11-20, duration_min: 15}]\n"
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        let r = try CommandRunner.run(["plan", yaml.path, "--out", folder.appendingPathComponent("out").path, "--time-limit", "20"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("note: campaign '秋季慰问' (by 2026-11-20, before this horizon) was never delivered to 15 households: "),
                      r.stderr)
        assertOneStyle(r.stderr)
    }

    func testPlanListsEveryReportItWrote() throws {
        let tmp = try CommandRunner.temporaryDirectory(self)
        let folder = tmp.appendingPathComponent("xinghe")
        try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent("scenarios/xinghe"), to: folder)
        let out = folder.appendingPathComponent("out")
        let r = try CommandRunner.run(["plan", folder.appendingPathComponent("scenario.yaml").path, "--out", out.path,
                                       "--time-limit", "20"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let line = try XCTUnwrap(r.stdout.split(separator: "\n").first { $0.hasPrefix("reports: ") }, r.stdout)
        // What is on disk beside plan.json, top-level files by name and each folder with its count.
        let top = try FileManager.default.contentsOfDirectory(atPath: out.path)
        for name in top where name != "plan.json" {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path, isDirectory: &isFolder)
            if isFolder.boolValue {
                let n = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(name).path).count
                XCTAssertTrue(line.contains(" \(name)/ (\(n) file\(n == 1 ? "" : "s"))"), "\(name)/ missing from: \(line)")
            } else {
                XCTAssertTrue(line.contains("/\(name),") || line.contains(" \(name),") || line.hasSuffix(name),
                              "\(name) missing from: \(line)")
            }
        }
        XCTAssertTrue(line.contains("roster.xlsx") && line.contains("visits.xlsx"), String(line))
        XCTAssertTrue(line.hasPrefix("reports: \(out.path)/roster.html, roster.md, "), String(line))
    }

    func testCheckPassesAValidPlanAndExitsWith1OnABrokenOne() throws {
        let w = try plannedWeek()
        let ok = try CommandRunner.run(["check", w.scenario, w.plan])
        XCTAssertEqual(ok.status, 0, ok.stdout + ok.stderr)
        XCTAssertTrue(ok.stdout.contains("plan.json is valid"), ok.stdout)
        // Move the first stop's start a minute before its arrival: rule 5.3.
        var text = try String(contentsOfFile: w.plan, encoding: .utf8)
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let routes = json["routes"] as! [[String: Any]]
        let stop = (routes[0]["stops"] as! [[String: Any]])[0]
        let arrive = stop["arrive"] as! String
        text = text.replacingOccurrences(of: "\"arrive\" : \"\(arrive)\"", with: "\"arrive\" : \"23:59\"")
        try text.write(toFile: w.plan, atomically: true, encoding: .utf8)
        let broken = try CommandRunner.run(["check", w.scenario, w.plan])
        XCTAssertEqual(broken.status, 1, broken.stdout + broken.stderr)
        XCTAssertTrue(broken.stdout.contains("rule 5.3"), broken.stdout)
        XCTAssertTrue(broken.stdout.contains("is not valid"), broken.stdout)
        assertOneStyle(broken.stderr)
    }

    func testCheckShowAndRecordSayWhichInputChangedSincePlanning() throws {
        let w = try plannedWeek()
        let households = w.file("households.csv")
        try (try String(contentsOfFile: households, encoding: .utf8) + "\n").write(toFile: households, atomically: true,
                                                                                    encoding: .utf8)
        let check = try CommandRunner.run(["check", w.scenario, w.plan])
        XCTAssertTrue(check.stderr.contains("warning: the plan is stale: households.csv changed since it was made"),
                      check.stderr)
        let show = try CommandRunner.run(["show", w.plan, "--worker", "W01"])
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertTrue(show.stderr.contains("households.csv changed"), show.stderr)
        let record = try CommandRunner.run(["record", w.scenario, "--plan", w.plan])
        XCTAssertTrue(record.stderr.contains("households.csv changed"), record.stderr)
        for r in [check, show, record] { assertOneStyle(r.stderr) }
    }

    func testAPlanWithTheOldYamlOnlyDigestIsMadeFromOtherInputs() throws {
        let w = try plannedWeek()
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: w.plan))) as! [String: Any]
        var scenario = json["scenario"] as! [String: Any]
        scenario.removeValue(forKey: "inputs")
        scenario["sha256"] = String(repeating: "0", count: 64)
        json["scenario"] = scenario
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: w.plan))
        let check = try CommandRunner.run(["check", w.scenario, w.plan])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stderr.contains("made from other inputs or an older gridplan"), check.stderr)
    }

    func testShowPrintsOneWorkersDay() throws {
        let w = try plannedWeek()
        let r = try CommandRunner.run(["show", w.plan, "--worker", "W01", "--date", "2026-11-24"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("W01"), r.stdout)
        XCTAssertTrue(r.stdout.contains("2026-11-24") || r.stdout.contains("11-24"), r.stdout)
        XCTAssertEqual(r.stderr, "")
        let unknown = try CommandRunner.run(["show", w.plan, "--worker", "W99"])
        XCTAssertEqual(unknown.status, 2, unknown.stderr)
        assertOneStyle(unknown.stderr)
    }

    func testRecordAppendsTheDoneStopsAndASecondRunAddsNothing() throws {
        let w = try plannedWeek()
        let results = w.file("results.csv")
        // The first stop was not done: nobody at home.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: w.plan))) as! [String: Any]
        let route = (json["routes"] as! [[String: Any]])[0]
        let task = (route["stops"] as! [[String: Any]])[0]["task"] as! String
        try "task,date,worker,result\n\(task),\(route["date"]!),\(route["worker"]!),not_home\n"
            .write(toFile: results, atomically: true, encoding: .utf8)
        let first = try CommandRunner.run(["record", w.scenario, "--plan", w.plan, "--results", results])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("recorded"), first.stdout)
        XCTAssertTrue(first.stdout.contains("1 not_home"), first.stdout)
        let history = try String(contentsOfFile: w.file("visits.csv"), encoding: .utf8)
        XCTAssertFalse(history.contains("not_home"), "outcomes other than done stay out of the history")
        let second = try CommandRunner.run(["record", w.scenario, "--plan", w.plan, "--results", results])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("nothing new to record"), second.stdout)
        XCTAssertFalse(second.stderr.contains("stale"), "a history grown by record is expected: \(second.stderr)")
    }

    func testNextWritesTheFollowingWeeksScenarioThatValidates() throws {
        let w = try plannedWeek()
        let target = w.file("week49.yaml")
        let r = try CommandRunner.run(["next", w.scenario, "--out", target])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("wrote \(target): 2026-11-30"), r.stdout)
        let v = try CommandRunner.run(["validate", target])
        XCTAssertEqual(v.status, 0, v.stderr)
        let again = try CommandRunner.run(["next", w.scenario, "--out", target])
        XCTAssertEqual(again.status, 2, "an existing file is not overwritten without --force")
        assertOneStyle(again.stderr)
    }

    func testAScenarioFolderStandsForItsScenarioYamlInPlanCheckAndNext() throws {
        let w = try plannedWeek()
        let folder = w.folder.path
        let out = w.folder.appendingPathComponent("from-folder")
        let plan = try CommandRunner.run(["plan", folder, "--out", out.path, "--time-limit", "20"])
        XCTAssertEqual(plan.status, 0, plan.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("plan.json"))) as! [String: Any]
        let named = ((json["scenario"] as! [String: Any])["file"] as! String)
        XCTAssertTrue(named.hasSuffix("scenario.yaml"), "plan.json names the scenario file, not its folder: \(named)")
        XCTAssertEqual(try CommandRunner.run(["check", folder, out.appendingPathComponent("plan.json").path]).status, 0)
        // next writes beside the scenario file, named after it.
        let next = try CommandRunner.run(["next", folder])
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: w.file("scenario-2026-11-30.yaml")), next.stdout)
    }

    func testReplanMovesAnAbsentWorkersStopsAndTheResultPassesCheck() throws {
        let w = try plannedWeek()
        let out = w.folder.appendingPathComponent("replan")
        let r = try CommandRunner.run(["replan", w.scenario, "--plan", w.plan, "--from", "2026-11-25",
                                       "--absent", "W01:2026-11-25", "--out", out.path, "--time-limit", "20"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("re-planned"), r.stdout)
        let newPlan = out.appendingPathComponent("plan.json").path
        let changes = try Data(contentsOf: out.appendingPathComponent("changes.csv"))
        XCTAssertEqual(Array(changes.prefix(3)), [0xEF, 0xBB, 0xBF], "a byte-order mark, so Excel reads the names")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: newPlan))) as! [String: Any]
        let dates = (json["routes"] as! [[String: Any]]).map { $0["date"] as! String }
        XCTAssertFalse(dates.contains("2026-11-25"), "W01 is absent on Wednesday")
        let check = try CommandRunner.run(["check", w.scenario, newPlan])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        let onItself = try CommandRunner.run(["replan", w.scenario, "--plan", w.plan, "--from", "2026-11-25",
                                              "--out", w.out.path])
        XCTAssertEqual(onItself.status, 2, "the old plan is never overwritten")
        assertOneStyle(onItself.stderr)
    }

    func testAReplanOfAReplanKeepsTheAbsencesItWasMadeFor() throws {
        let w = try plannedWeek()
        let first = w.folder.appendingPathComponent("replan1")
        let r1 = try CommandRunner.run(["replan", w.scenario, "--plan", w.plan, "--from", "2026-11-25",
                                        "--absent", "W01:2026-11-25..2026-11-26", "--out", first.path, "--time-limit", "20"])
        XCTAssertEqual(r1.status, 0, r1.stderr)
        let second = w.folder.appendingPathComponent("replan2")
        let r2 = try CommandRunner.run(["replan", w.scenario, "--plan", first.appendingPathComponent("plan.json").path,
                                        "--from", "2026-11-26", "--out", second.path, "--time-limit", "20"])
        XCTAssertEqual(r2.status, 0, r2.stderr)
        XCTAssertTrue(r2.stderr.contains("W01 stays absent 2026-11-26..2026-11-26, as in the plan being re-planned"), r2.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: second.appendingPathComponent("plan.json"))) as! [String: Any]
        let dates = (json["routes"] as! [[String: Any]]).map { $0["date"] as! String }
        XCTAssertFalse(dates.contains("2026-11-26"), "W01 is still absent on Thursday")
        let absences = try XCTUnwrap(json["absences"] as? [[String: String]])
        XCTAssertEqual(absences, [["worker": "W01", "from": "2026-11-25", "through": "2026-11-26"]])
        XCTAssertEqual(try CommandRunner.run(["check", w.scenario, second.appendingPathComponent("plan.json").path]).status, 0)
    }

    func testCompareASavedPlanWithAScenarioPrintsBothAndWritesHTML() throws {
        let w = try plannedWeek()
        let html = w.file("compare.html")
        let r = try CommandRunner.run(["compare", w.plan, w.scenario, "--html", html, "--time-limit", "20"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("plan.json"), r.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: html))
        assertOneStyle(r.stderr)
        XCTAssertTrue(r.stderr.contains("gridplan: note: planning"), r.stderr)
    }

    func testRepeatedHistoryWarningsAreGroupedIntoOneLine() throws {
        let w = try plannedWeek()
        var rows = "task,date,worker,result\n"
        for i in 1...30 { rows += String(format: "XH-H%03d,2026-11-1%d,W01,ok\n", i, i % 9) }
        try rows.write(toFile: w.file("visits.csv"), atomically: true, encoding: .utf8)
        let r = try CommandRunner.run(["validate", w.scenario])
        assertOneStyle(r.stderr)
        let lines = r.stderr.split(separator: "\n").filter { $0.contains("'ok'") }
        XCTAssertEqual(lines.count, 1, r.stderr)
        XCTAssertTrue(lines.first?.contains("(30 rows: 2–31)") ?? false, r.stderr)
    }

    func testGenerateAndInitWriteScenariosAndRefuseToOverwrite() throws {
        let tmp = try CommandRunner.temporaryDirectory(self)
        let g = try CommandRunner.run(["generate", "--workers", "2", "--households-per-grid", "6", "--seed", "3",
                                       tmp.appendingPathComponent("g").path])
        XCTAssertEqual(g.status, 0, g.stderr)
        XCTAssertEqual(try CommandRunner.run(["validate", tmp.appendingPathComponent("g/scenario.yaml").path]).status, 0)
        let i = try CommandRunner.run(["init", tmp.appendingPathComponent("i").path])
        XCTAssertEqual(i.status, 0, i.stderr)
        let again = try CommandRunner.run(["init", tmp.appendingPathComponent("i").path])
        XCTAssertEqual(again.status, 2, again.stderr)
        XCTAssertTrue(again.stderr.hasPrefix("gridplan: error: refusing to overwrite"), again.stderr)
        assertOneStyle(again.stderr)
    }

    func testBenchSolvesAndChecksASolomonInstance() throws {
        let file = CommandRunner.packageRoot.appendingPathComponent("benchmarks/data/solomon/C101.txt").path
        let r = try CommandRunner.run(["bench", file, "--time-limit", "2", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        XCTAssertEqual(rows.first?["instance"] as? String, "C101")
        XCTAssertEqual(rows.first?["valid"] as? Bool, true)
        let missing = try CommandRunner.run(["bench", "/nonexistent/X.txt"])
        XCTAssertEqual(missing.status, 2)
        assertOneStyle(missing.stderr)
    }
}
