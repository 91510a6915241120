import Foundation
import GridPlanCore
import XCTest

/// One example of every detail code, with parameters as the planner gives them.
enum LateDetailExamples {
    static func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    static let all: [LateDetail] = [
        .noWorkerCoversGrid(grid: "FL-03"),
        .missingSkill(skill: "mental-health", grid: "FL-03"),
        .missingSkillCombination(skills: ["mental-health", "casework"], grid: "FL-03"),
        .windowsDisjoint,
        .windowOutsideShifts(window: TimeWindow(19 * 60, 21 * 60), durationMin: 30, workers: ["W01", "W02"]),
        .windowOutsideShifts(window: nil, durationMin: 600, workers: ["W01"]),
        .tooFewWorkers(needed: 2, workers: ["W01"], grid: "FL-03"),
        .noVisitingDay(grid: "FL-03", weekdays: [.sat, .sun]),
        .noVisitingDay(grid: "FL-03", weekdays: nil),
        .minGap(lastVisit: d("2026-02-20"), minGapDays: 15, due: d("2026-02-26")),
        .minGap(lastVisit: nil, minGapDays: 15, due: d("2026-02-26")),
        .fewWorkingDays(dates: [d("2026-02-24"), d("2026-02-25"), d("2026-02-26"), d("2026-02-27"), d("2026-02-28")]),
        .fewWorkingDays(dates: [d("2026-02-24")]),
        .capacityFullDays(full: [
            .init(worker: "W01", dates: [d("2026-02-24"), d("2026-02-25"), d("2026-02-26")]),
            .init(worker: "W02", dates: [d("2026-02-24"), d("2026-02-25"), d("2026-02-26")]),
            .init(worker: "W03", dates: [d("2026-02-24"), d("2026-02-26"), d("2026-03-02")]),
        ]),
        .noTimedRoute,
        .beyondBestSchedule(bestLateDays: 2),
        .lateBeforeReplan(from: d("2026-02-25")),
    ]

    /// The parameter values above that are ids, skills or times: what may be ASCII in a Chinese sentence.
    static let tokens = ["mental-health", "casework", "FL-03", "W01", "W02", "W03", "19:00-21:00"]
}

/// The late list's detail codes: every code in both languages, and plan.json's `detail_code` and
/// `detail_params` (Docs/scenario-format.md §10), read back, and optional in older plans.
final class LateDetailTests: XCTestCase {
    typealias E = LateDetailExamples

    func test_the_examples_hold_every_code() {
        XCTAssertEqual(Set(E.all.map(\.code)), Set(LateDetail.Code.allCases))
    }

    func test_every_code_has_a_chinese_sentence_without_english_and_an_english_one_without_chinese() {
        for detail in E.all {
            let zh = detail.sentence(.zhHans), en = detail.sentence(.en)
            var rest = zh
            for t in E.tokens { rest = rest.replacingOccurrences(of: t, with: "") }
            XCTAssertNil(rest.range(of: "[A-Za-z]{2,}", options: .regularExpression),
                         "\(detail.code.rawValue): English left in the Chinese sentence «\(zh)»")
            XCTAssertTrue(zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(detail.code.rawValue): «\(zh)»")
            XCTAssertTrue(en.unicodeScalars.allSatisfy { $0.value < 0x2E80 }, "\(detail.code.rawValue): Chinese in «\(en)»")
            XCTAssertNotEqual(zh, en)
        }
    }

    func test_each_code_belongs_to_one_reason() {
        XCTAssertEqual(LateDetail.capacityFullDays(full: []).reason, .capacity)
        XCTAssertEqual(LateDetail.missingSkill(skill: "x", grid: "g").reason, .noEligibleWorker)
        XCTAssertEqual(LateDetail.windowsDisjoint.reason, .windowOutsideShift)
        XCTAssertEqual(LateDetail.fewWorkingDays(dates: []).reason, .noWorkingDay)
        XCTAssertEqual(LateDetail.minGap(lastVisit: nil, minGapDays: 3, due: E.d("2026-02-26")).reason, .minGap)
        XCTAssertEqual(LateDetail.lateBeforeReplan(from: E.d("2026-02-26")).reason, .other)
        // Every reason has at least one code.
        XCTAssertEqual(Set(E.all.map(\.reason)), Set(LateReason.allCases))
    }

    func test_capacity_groups_workers_with_the_same_days_and_writes_runs_of_days_as_ranges() {
        let c = E.all.first { $0.code == .capacityFullDays }!
        XCTAssertEqual(c.sentence(.en), "the eligible workers' days it could have been on time were full: "
                       + "W01, W02 on 2026-02-24 to 2026-02-26; W03 on 2026-02-24, 2026-02-26, 2026-03-02")
        XCTAssertEqual(c.sentence(.zhHans), "能按时走访的日子里，符合条件的网格员都已排满：W01、W02（2月24日至26日）；W03（2月24日、26日、3月2日）")
    }

    func test_the_english_sentences_keep_the_wording_plans_have_always_had() {
        XCTAssertEqual(LateDetail.missingSkill(skill: "casework", grid: "G1").sentence(.en),
                       "needs skill casework; nobody covering grid G1 has it")
        XCTAssertEqual(LateDetail.windowOutsideShifts(window: TimeWindow(19 * 60, 21 * 60), durationMin: 30, workers: ["W01"]).sentence(.en),
                       "window 19:00-21:00 leaves no 30 minutes inside the shift (less break) of W01")
        XCTAssertEqual(LateDetail.minGap(lastVisit: E.d("2026-02-20"), minGapDays: 15, due: E.d("2026-02-26")).sentence(.en),
                       "last visit 2026-02-20, min_gap_days 15 keeps it from its due date 2026-02-26 inside the horizon")
        XCTAssertEqual(E.all.first { $0.code == .fewWorkingDays }!.sentence(.en),
                       "eligible workers work on 2026-02-24, 2026-02-25, 2026-02-26, 2026-02-27, … only")
        XCTAssertEqual(LateDetail.lateBeforeReplan(from: E.d("2026-02-25")).sentence(.en),
                       "late before 2026-02-25, in the part of the plan that was kept")
    }

    func test_a_late_task_takes_its_reason_and_english_detail_from_the_code() {
        let l = LateTask(task: "H1", due: E.d("2026-02-26"), lateDays: 2, firstVisit: nil,
                         explanation: .noWorkerCoversGrid(grid: "FL-03"))
        XCTAssertEqual(l.reason, .noEligibleWorker)
        XCTAssertEqual(l.detail, "no worker's grids or may_cover include grid FL-03")
        XCTAssertEqual(l.detail(in: .zhHans), "没有网格员负责或可协助网格 FL-03")
    }

    // MARK: - plan.json

    func plan(late: [LateTask]) -> Plan {
        var p = CheckFixture.validPlan(CheckFixture.scenario())
        p.late = late
        return p
    }

    func lateJSON(_ p: Plan) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: try p.jsonData()) as! [String: Any]
        return object["late"] as! [[String: Any]]
    }

    func test_every_code_reads_back_from_plan_json_as_written() throws {
        let late = E.all.enumerated().map { i, d in
            LateTask(task: "T\(i)", due: E.d("2026-02-26"), lateDays: 1, firstVisit: nil, explanation: d)
        }
        let back = try Plan.decode(from: try plan(late: late).jsonData())
        XCTAssertEqual(back.late, late)
    }

    func test_plan_json_holds_the_code_and_named_parameters() throws {
        let l = LateTask(task: "H1", due: E.d("2026-02-26"), lateDays: 1, firstVisit: nil,
                         explanation: .windowOutsideShifts(window: TimeWindow(19 * 60, 21 * 60), durationMin: 30, workers: ["W01"]))
        let entry = try XCTUnwrap(try lateJSON(plan(late: [l])).first)
        XCTAssertEqual(entry["reason"] as? String, "window_outside_shift")
        XCTAssertEqual(entry["detail_code"] as? String, "window_outside_shifts")
        let params = try XCTUnwrap(entry["detail_params"] as? [String: Any])
        XCTAssertEqual(params["window"] as? [String], ["19:00", "21:00"])
        XCTAssertEqual(params["duration_min"] as? Int, 30)
        XCTAssertEqual(params["workers"] as? [String], ["W01"])
        XCTAssertEqual(Set(params.keys), ["window", "duration_min", "workers"])
    }

    func test_an_older_plan_without_codes_reads_and_keeps_its_english_detail() throws {
        let old = LateTask(task: "H1", due: E.d("2026-02-26"), lateDays: 1, firstVisit: nil, reason: .capacity,
                           detail: "due 2026-02-26; the eligible workers' days it could have been on time were full: W01 on 2026-02-24")
        let data = try plan(late: [old]).jsonData()
        XCTAssertFalse(String(decoding: data, as: UTF8.self).contains("detail_code"), "nothing written without a code")
        let back = try PlanFile.decode(data).get()
        XCTAssertNil(back.late[0].explanation)
        XCTAssertEqual(back.late[0].detail(in: .zhHans), old.detail, "no code: the text as written")
    }

    func test_a_code_from_a_newer_gridplan_is_skipped_and_a_malformed_one_named() throws {
        let l = LateTask(task: "H1", due: E.d("2026-02-26"), lateDays: 1, firstVisit: nil, explanation: .noWorkerCoversGrid(grid: "G9"))
        let text = String(decoding: try plan(late: [l]).jsonData(), as: UTF8.self)
        let newer = text.replacingOccurrences(of: "\"no_worker_covers_grid\"", with: "\"some_future_code\"")
        let read = try PlanFile.decode(Data(newer.utf8)).get()
        XCTAssertNil(read.late[0].explanation)
        XCTAssertEqual(read.late[0].detail, "no worker's grids or may_cover include grid G9")
        let broken = text.replacingOccurrences(of: "\"grid\" : \"G9\"", with: "\"grid\" : 9")
        XCTAssertNotEqual(broken, text)
        guard case .failure(let e) = PlanFile.decode(Data(broken.utf8)) else { return XCTFail("a number for a grid id read") }
        XCTAssertTrue(e.message.contains("late[0].detail_params.grid"), e.message)
    }
}
