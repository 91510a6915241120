import Foundation
import GridPlanCore

/// Every label a report shows, in every report language: the one string table of GridPlanReports.
///
/// A `switch` over the keys makes the compiler insist that each label has both a Chinese and an
/// English text; renderers never spell a label inline.
enum Label: CaseIterable {
    // Titles
    case rosterTitle, dailyTitle, comparisonTitle, routesTitle
    // Roster
    case worker, workerID, total, offDay, absentDay, holiday, stopsUnit, hoursUnit, utilisation
    case lateList, noLate, kpis, solver, reason, detail, due, lateDays, firstVisit, notVisited
    case weekAtAGlance, generatedFrom, horizon
    // KPIs
    case tasksDue, visitsPlanned, lateTaskDays, onTimeRate, travelKm, travelMin, workMin
    case utilisationMin, utilisationMax, continuity, solveSeconds, gap, status, dailySpread, regularWeekday, proven
    case absentWorkers, visitingHours, extraWorkday
    case shortfallMin, stableHouseholds
    // Daily
    case route, order, arrive, start, end, task, kind, name, address, grid, categories, phone
    case lastVisit, never, notes, checkHere, with, outcome, done, leaves, returns
    case noRoutes, noStopsThatDay, stops, visits, patrols, hours, travel, date, weekday, travelMinShort
    case map, mapCaption, minutes, km
    // Kinds
    case kindVisit, kindPatrol
    // Late reasons
    case reasonNoEligibleWorker, reasonNoWorkingDay, reasonWindowOutsideShift, reasonCapacity, reasonMinGap, reasonOther
    // Comparison
    case metric, baseline, lateByReason, workerLoad, changedHouseholds, noChanges, minutesShort, stopsShort
    case absent, startMark, planned, otherWorker, otherDay
    case changesTitle, was, now, oldWorkers, oldDate, newWorkers, newDate

    /// Chinese (simplified) and English texts.
    var texts: (zh: String, en: String) {
        switch self {
        case .rosterTitle: return ("周排班表", "Weekly roster")
        case .dailyTitle: return ("每日走访清单", "Daily list")
        case .comparisonTitle: return ("方案对比", "Scenario comparison")
        case .routesTitle: return ("每日路线", "Routes by day")
        case .worker: return ("网格员", "Worker")
        case .workerID: return ("编号", "ID")
        case .total: return ("合计", "Total")
        case .offDay: return ("休", "off")
        case .absentDay: return ("缺勤", "absent")
        case .holiday: return ("节假日", "holiday")
        case .extraWorkday: return ("调休上班", "make-up day")
        case .stopsUnit: return ("站", "stops")
        case .hoursUnit: return ("小时", "h")
        case .utilisation: return ("工作饱和度", "Utilisation")
        case .lateList: return ("未能按时完成", "Late tasks")
        case .noLate: return ("所有任务均按时安排。", "Every task is on time.")
        case .kpis: return ("关键指标", "Key figures")
        case .solver: return ("求解", "Solver")
        case .reason: return ("原因", "Reason")
        case .detail: return ("说明", "Detail")
        case .due: return ("应完成日期", "Due")
        case .lateDays: return ("本期逾期工作日", "Late working days")
        case .firstVisit: return ("首次安排", "First visit")
        case .notVisited: return ("本期未安排", "not in this plan")
        case .weekAtAGlance: return ("本期概览", "The period at a glance")
        case .generatedFrom: return ("方案文件", "Scenario file")
        case .horizon: return ("计划期", "Period")
        case .tasksDue: return ("应办任务", "Tasks due")
        case .visitsPlanned: return ("安排走访", "Visits planned")
        case .lateTaskDays: return ("逾期任务天数", "Late task-days")
        case .onTimeRate: return ("按时率", "On-time rate")
        case .travelKm: return ("路程（公里）", "Travel (km)")
        case .travelMin: return ("路程（分钟）", "Travel (min)")
        case .workMin: return ("工作时间（分钟）", "Working time (min)")
        case .utilisationMin: return ("最低饱和度", "Lowest utilisation")
        case .utilisationMax: return ("最高饱和度", "Highest utilisation")
        case .continuity: return ("固定联系人比例", "Continuity")
        case .dailySpread: return ("最忙与最闲工作日之差（最大）", "Largest daily spread")
        case .regularWeekday: return ("按固定走访日", "On their usual weekday")
        case .proven: return ("求解证明", "What is proven")
        case .absentWorkers: return ("缺勤（调整计划时告知）", "Absent (given to the re-plan)")
        case .visitingHours: return ("可访时段", "Can be visited")
        case .shortfallMin: return ("人手缺口（协管员分钟）", "Shortfall (helper minutes)")
        case .stableHouseholds: return ("同一人、同一星期几走访的户", "Households kept on the same worker and weekday")
        case .solveSeconds: return ("求解用时（秒）", "Solve time (s)")
        case .gap: return ("最优性差距", "Optimality gap")
        case .status: return ("状态", "Status")
        case .route: return ("路线", "Route")
        case .order: return ("序", "#")
        case .arrive: return ("到达", "Arrive")
        case .start: return ("开始", "Start")
        case .end: return ("结束", "End")
        case .task: return ("任务", "Task")
        case .kind: return ("类型", "Kind")
        case .name: return ("名称", "Name")
        case .address: return ("地址", "Address")
        case .grid: return ("网格", "Grid")
        case .categories: return ("类别", "Categories")
        case .phone: return ("电话", "Phone")
        case .lastVisit: return ("上次走访", "Last visit")
        case .never: return ("无记录", "none on record")
        case .notes: return ("备注", "Notes")
        case .checkHere: return ("检查要点", "What to check")
        case .with: return ("同行", "With")
        case .outcome: return ("情况记录", "Outcome")
        case .done: return ("已完成", "Done")
        case .leaves: return ("出发", "Leave")
        case .returns: return ("返回", "Back")
        case .noRoutes: return ("本期没有安排。", "Nothing planned in this period.")
        case .noStopsThatDay: return ("当天没有安排。", "Nothing planned that day.")
        case .stops: return ("站数", "Stops")
        case .visits: return ("走访", "Visits")
        case .patrols: return ("巡查", "Patrols")
        case .hours: return ("工时", "Hours")
        case .travel: return ("路程", "Travel")
        case .date: return ("日期", "Date")
        case .weekday: return ("星期", "Weekday")
        case .travelMinShort: return ("路程分钟", "Travel min")
        case .map: return ("路线图", "Route map")
        case .mapCaption: return ("直线示意；数字为顺序，■为出发地", "Straight lines; numbers: order; ■: start")
        case .minutes: return ("分钟", "min")
        case .km: return ("公里", "km")
        case .kindVisit: return ("走访", "visit")
        case .kindPatrol: return ("巡查", "patrol")
        case .reasonNoEligibleWorker: return ("没有符合条件的网格员", "no eligible worker")
        case .reasonNoWorkingDay: return ("没有可用的工作日", "no working day")
        case .reasonWindowOutsideShift: return ("时段不在工作时间内", "window outside shift")
        case .reasonCapacity: return ("人手不足", "not enough capacity")
        case .reasonMinGap: return ("间隔规则无法满足", "gap rule cannot be kept")
        case .reasonOther: return ("其他", "other")
        case .metric: return ("指标", "Measure")
        case .baseline: return ("基准", "baseline")
        case .lateByReason: return ("未能按时完成（按原因，任务数）", "Late tasks by reason")
        case .workerLoad: return ("网格员工作量", "Workers' load")
        case .changedHouseholds: return ("走访人或日期有变化的住户", "Households whose worker or day changed")
        case .noChanges: return ("没有变化。", "No changes.")
        case .minutesShort: return ("分钟", "min")
        case .stopsShort: return ("站", "stops")
        case .absent: return ("—", "—")
        case .startMark: return ("起", "S")
        case .planned: return ("本计划", "this plan")
        case .otherWorker: return ("换人", "other worker")
        case .otherDay: return ("改日", "other day")
        case .changesTitle: return ("本次调整", "Changes in this re-plan")
        case .was: return ("原安排", "Was")
        case .now: return ("现安排", "Now")
        case .oldWorkers: return ("原网格员", "Old worker")
        case .oldDate: return ("原日期", "Old date")
        case .newWorkers: return ("新网格员", "New worker")
        case .newDate: return ("新日期", "New date")
        }
    }
}

/// Labels, dates and numbers in one report language.
struct Strings: Sendable {
    let locale: ReportLocale

    init(_ locale: ReportLocale) { self.locale = locale }

    subscript(_ label: Label) -> String {
        switch locale {
        case .zhHans: return label.texts.zh
        case .en: return label.texts.en
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    var htmlLang: String { locale == .en ? "en" : "zh-Hans" }

    func kind(_ k: JobKind) -> String {
        k == .campaign ? ReportContext.campaignKind(self) : self[k == .visit ? .kindVisit : .kindPatrol]
    }

    func reason(_ r: LateReason) -> String {
        switch r {
        case .noEligibleWorker: return self[.reasonNoEligibleWorker]
        case .noWorkingDay: return self[.reasonNoWorkingDay]
        case .windowOutsideShift: return self[.reasonWindowOutsideShift]
        case .capacity: return self[.reasonCapacity]
        case .minGap: return self[.reasonMinGap]
        case .other: return self[.reasonOther]
        }
    }

    /// A late task's detail in the report's language (rendered from its code; an older plan's English text as written).
    func detail(_ l: LateTask) -> String { l.detail(in: locale) }

    /// `人手不足 120 · 间隔规则无法满足 3` / `not enough capacity: 120 · gap rule cannot be kept: 3`.
    func lateCounts(_ counts: [(reason: LateReason, count: Int)]) -> String {
        counts.map { "\(reason($0.reason))\(locale == .en ? ":" : "") \($0.count)" }.joined(separator: " · ")
    }

    /// 周一 … 周日 / Mon … Sun.
    func weekday(_ d: Weekday) -> String {
        let zh = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
        let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        return (locale == .en ? en : zh)[d.rawValue - 1]
    }

    /// `11月23日 周一` / `Mon 23 Nov`.
    func day(_ d: CivilDate) -> String {
        let c = d.components
        switch locale {
        case .zhHans: return "\(c.month)月\(c.day)日 \(weekday(d.weekday))"
        case .en:
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return "\(weekday(d.weekday)) \(c.day) \(months[c.month - 1])"
        }
    }

    /// A short column head: `11/23 周一` / `Mon 23/11`.
    func shortDay(_ d: CivilDate) -> String {
        let c = d.components
        switch locale {
        case .zhHans: return "\(c.month)/\(c.day) \(weekday(d.weekday))"
        case .en: return "\(weekday(d.weekday)) \(c.day)/\(c.month)"
        }
    }

    /// The horizon as `2026-11-23 – 2026-11-29`.
    func period(_ start: CivilDate, _ end: CivilDate) -> String { "\(start.iso) – \(end.iso)" }

    /// plan.json's `solver.status` in the report's language: `optimal` (proven within the MIP gap),
    /// `feasible` (improved, not proven), `heuristic` (the construction), `infeasible`.
    func solverStatus(_ status: String) -> String {
        guard locale != .en else { return status }
        switch status {
        case "optimal": return "已证明在差距内最优"
        case "feasible": return "可行（未证明最优）"
        case "heuristic": return "启发式（未改进）"
        case "infeasible": return "无可行方案"
        default: return status
        }
    }

    /// Hours with one decimal: `6.5 小时` / `6.5 h`.
    func hours(minutes: Int) -> String { "\(Format.decimal(Double(minutes) / 60, places: 1)) \(self[.hoursUnit])" }

    /// `5 站` / `5 stops`.
    func stops(_ n: Int) -> String { "\(n) \(self[.stopsUnit])" }

    /// `另有 207 户未列出…` / `207 more not shown…`.
    func moreRows(_ n: Int) -> String {
        locale == .en ? "\(n) more not shown; --html or --json give the full list."
            : "另有 \(n) 户未列出，完整列表见 --html 或 --json。"
    }

    /// A list separator: `、` / `, `.
    var listSeparator: String { locale == .en ? ", " : "、" }
}

/// Locale-independent number formatting (never the machine's locale: reports must be reproducible).
enum Format {
    /// `x` rounded to `places` decimals, with a dot and without trailing exponent.
    static func decimal(_ x: Double, places: Int) -> String {
        let f = pow10(places)
        let r = (x * f).rounded() / f
        var s = String(format: "%.\(places)f", r)
        if s.hasPrefix("-"), Double(s) == 0 { s.removeFirst() }
        return s
    }

    /// `0.783` → `78%`; one decimal when `places` is 1.
    static func percent(_ ratio: Double, places: Int = 0) -> String { decimal(ratio * 100, places: places) + "%" }

    /// A signed delta: `+3`, `−2`, `±0` (decimals as given).
    static func signed(_ x: Double, places: Int, suffix: String = "") -> String {
        let body = decimal(abs(x), places: places)
        if Double(body) == 0 { return "±" + body + suffix }
        return (x > 0 ? "+" : "−") + body + suffix
    }

    private static func pow10(_ n: Int) -> Double {
        var f = 1.0
        for _ in 0..<max(0, n) { f *= 10 }
        return f
    }
}
