import Foundation
import GridPlanCore

/// A small named fixture: one micro-grid, three workers, four households (one hostile), one patrol,
/// a pair visit, a holiday, a day off and a late household. Plan A is the baseline; plan B moves
/// H001 to another worker and day and H002 to another day, for the comparison tests.
enum Fixture {
    static let start = CivilDate(iso: "2026-11-23")!  // a Monday
    static let hostileName = "<script>alert(1)</script>"
    static let hostileNotes = "=HYPERLINK(\"evil.example\",\"x\")\nline two; with, comma \\ and \"quotes\""

    static func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }
    static func t(_ s: String) -> TimeOfDay { TimeOfDay(hhmm: s)! }
    static func w(_ s: String) -> TimeWindow { TimeWindow(text: s)! }

    /// The scenario in `locale`; the English one uses only ASCII text, so any CJK in its reports is an untranslated label.
    static func scenario(locale: ReportLocale = .zhHans) -> Scenario {
        let zh = locale == .zhHans
        let elderly = zh ? "独居老人" : "elderly-alone"
        let lowIncome = zh ? "低保户" : "low-income"
        let mental = zh ? "严重精神障碍" : "mental-health"
        return Scenario(
            name: zh ? "星河世纪城 第九微网格 2026-W48" : "Xinghe micro-grid 9, 2026-W48",
            locale: locale,
            horizon: Horizon(start: start, days: 7, holidays: [d("2026-11-27")]),
            places: [Place(id: "XH-OFFICE", name: zh ? "星河世纪城居委会" : "Xinghe residents' committee",
                           location: GeoPoint(lat: 31.24850, lon: 121.40560))],
            policies: [
                Policy(category: elderly, everyDays: 7, minGapDays: 3, durationMin: 20, priority: 5),
                Policy(category: lowIncome, everyDays: 30, durationMin: 20),
                Policy(category: mental, everyDays: 7, durationMin: 30, priority: 8, workersNeeded: 2),
            ],
            workers: [
                Worker(id: "W01", name: zh ? "潘靚雨" : "Pan Jingyu", grids: ["XH-09"], start: "XH-OFFICE",
                       shift: w("08:30-17:30"), breakTime: w("11:30-13:00")),
                Worker(id: "W02", name: zh ? "李雷" : "Li Lei", grids: ["XH-08"], mayCover: ["XH-09"], start: "XH-OFFICE",
                       shift: w("08:30-17:30"), breakTime: w("11:30-13:00"), daysOff: [d("2026-11-25")]),
                Worker(id: "W03", name: "=cmd|' /C calc'!A0", grids: ["XH-08"], start: "XH-OFFICE",
                       shift: w("13:00-17:00"), weekdays: [.mon, .wed]),
            ],
            households: [
                Household(id: "H001", name: hostileName,
                          address: zh ? "星河世纪城 3号楼2单元501室, \"北门\"" : "Block 3, Unit 2, Room 501, \"north gate\"",
                          grid: "XH-09", location: GeoPoint(lat: 31.24920, lon: 121.40610), categories: [elderly],
                          phone: "+86 138 0000 0001", notes: hostileNotes,
                          extra: [ExtraField(name: zh ? "紧急联系人" : "emergency contact", value: "@daughter 139 0000 0009")]),
                Household(id: "H002", name: zh ? "王秀英" : "Wang Xiuying",
                          address: zh ? "星河世纪城 5号楼1单元302室" : "Block 5, Unit 1, Room 302", grid: "XH-09",
                          location: GeoPoint(lat: 31.24780, lon: 121.40720), categories: [lowIncome, elderly],
                          phone: "13800000002",
                          notes: zh ? "行动不便，敲门后请耐心等候；女儿每周六回来探望，血压药放在客厅柜子里，请提醒按时服药并记录血压。"
                                    : "Walks with a frame: knock and wait. Daughter visits on Saturdays; remind her to take the blood-pressure pills and note the reading."),
                Household(id: "H003", name: zh ? "赵伟" : "Zhao Wei", address: zh ? "星河世纪城 7号楼" : "Block 7",
                          grid: "XH-09", location: GeoPoint(lat: 31.24700, lon: 121.40500), categories: [mental],
                          phone: "-", notes: ""),
                Household(id: "H004", name: zh ? "钱芳" : "Qian Fang", address: zh ? "星河世纪城 9号楼" : "Block 9",
                          grid: "XH-09", location: GeoPoint(lat: 31.24650, lon: 121.40800), categories: [elderly],
                          lastVisit: d("2026-11-14")),
            ],
            patrols: [
                Patrol(id: "P001", name: zh ? "3号楼消防通道" : "Block 3 fire lane", grid: "XH-09",
                       location: GeoPoint(lat: 31.24920, lon: 121.40610), everyDays: 2, durationMin: 15,
                       notes: zh ? "楼道堆物、电动车入户充电、消防门是否常闭" : "Stairwell clutter; e-bikes charged indoors; fire door closed"),
            ],
            history: [
                HistoryEntry(task: "H001", date: d("2026-11-16"), worker: "W01"),
                HistoryEntry(task: "H002", date: d("2026-11-10"), worker: "W02"),
                HistoryEntry(task: "H002", date: d("2026-11-18"), worker: "W02", result: "not_home"),
                HistoryEntry(task: "P001", date: d("2026-11-21"), worker: "W01"),
            ],
            source: ScenarioSource(path: "scenario.yaml", sha256: "0123456789abcdef0123456789abcdef"))
    }

    static func stop(_ task: String, _ kind: JobKind, _ arrive: String, _ start: String, _ end: String,
                     travel: Int, km: Double, with: [String] = []) -> Stop {
        Stop(task: task, kind: kind, arrive: t(arrive), start: t(start), end: t(end), travelMin: travel, travelKm: km, with: with)
    }

    /// The baseline plan.
    static func planA(scenario: Scenario = scenario()) -> Plan {
        let routes = [
            Route(worker: "W01", date: d("2026-11-23"), start: t("08:30"), end: t("10:50"), travelMin: 16, travelKm: 1.2,
                  serviceMin: 65, stops: [
                      stop("P001", .patrol, "08:32", "08:32", "08:47", travel: 2, km: 0.1),
                      stop("H001", .visit, "08:47", "09:00", "09:20", travel: 0, km: 0),
                      stop("H003", .visit, "09:26", "10:00", "10:30", travel: 6, km: 0.4, with: ["W02"]),
                  ]),
            Route(worker: "W02", date: d("2026-11-23"), start: t("09:50"), end: t("10:40"), travelMin: 10, travelKm: 0.6,
                  serviceMin: 30, stops: [
                      stop("H003", .visit, "09:55", "10:00", "10:30", travel: 5, km: 0.3, with: ["W01"]),
                  ]),
            Route(worker: "W01", date: d("2026-11-24"), start: t("08:30"), end: t("09:10"), travelMin: 20, travelKm: 1.0,
                  serviceMin: 20, stops: [
                      stop("H002", .visit, "08:40", "08:40", "09:00", travel: 10, km: 0.5),
                  ]),
            Route(worker: "W01", date: d("2026-11-25"), start: t("11:00"), end: t("13:20"), travelMin: 4, travelKm: 0.2,
                  serviceMin: 15, stops: [
                      stop("P001", .patrol, "11:02", "11:02", "11:17", travel: 2, km: 0.1),
                  ]),
        ]
        return Plan(
            scenario: ScenarioReference(name: scenario.name, file: "scenario.yaml", sha256: "0123456789abcdef0123456789abcdef"),
            horizon: PlanHorizon(start: start, days: 7),
            solver: SolverReport(backend: "glpk 5.0", status: "optimal", objective: 812, bound: 806.5, gap: 0.0068, seconds: 1.42),
            routes: routes,
            late: [LateTask(task: "H004", due: d("2026-11-21"), lateDays: 5, firstVisit: nil,
                            explanation: .missingSkill(skill: "<b>mental-health</b>", grid: "XH-09"))],
            kpis: KPIs(tasksDue: 5, visitsPlanned: 3, lateTaskDays: 5, onTimeRate: 0.8, travelKm: 3.0, travelMin: 50,
                       workMin: 290, utilisationMin: 0.0, utilisationMax: 0.1036, continuity: 1.0))
    }

    /// The alternative: H001 goes to W02 on Tuesday, H002 moves to Wednesday, H004 is visited.
    static func planB(scenario: Scenario = scenario()) -> Plan {
        var p = planA(scenario: scenario)
        p.routes = [
            p.routes[0].replacingStops([p.routes[0].stops[0], p.routes[0].stops[2]], end: "10:40"),
            p.routes[1],
            Route(worker: "W02", date: d("2026-11-24"), start: t("08:30"), end: t("09:40"), travelMin: 20, travelKm: 1.1,
                  serviceMin: 40, stops: [
                      stop("H001", .visit, "08:40", "09:00", "09:20", travel: 10, km: 0.6),
                      stop("H004", .visit, "09:25", "09:25", "09:45", travel: 5, km: 0.3),
                  ]),
            Route(worker: "W01", date: d("2026-11-25"), start: t("08:30"), end: t("09:40"), travelMin: 20, travelKm: 1.0,
                  serviceMin: 35, stops: [
                      stop("H002", .visit, "08:40", "08:40", "09:00", travel: 10, km: 0.5),
                      stop("P001", .patrol, "09:05", "09:05", "09:20", travel: 5, km: 0.2),
                  ]),
        ]
        p.late = []
        p.solver = SolverReport(backend: "glpk 5.0", status: "feasible", objective: 700, bound: 650, gap: 0.0714, seconds: 30.2)
        p.kpis = KPIs(tasksDue: 5, visitsPlanned: 4, lateTaskDays: 0, onTimeRate: 1.0, travelKm: 3.1, travelMin: 70,
                      workMin: 330, utilisationMin: 0.05, utilisationMax: 0.09, continuity: 0.75)
        return p
    }
}

extension Route {
    func replacingStops(_ stops: [Stop], end: String) -> Route {
        var r = self
        r.stops = stops
        r.end = TimeOfDay(hhmm: end)!
        return r
    }
}
