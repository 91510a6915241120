import Foundation

/// Why a late task could not be on time, as a stable code with its parameters: the plan.json
/// extension fields `detail_code` and `detail_params` of a `late` entry (Docs/scenario-format.md §10).
///
/// Reports render the sentence in their own language from it (`sentence(_:)`); the format's
/// `detail` (§4) holds the English sentence, so readers that know only the format lose nothing.
/// Each code belongs to exactly one `LateReason` (`reason`).
public enum LateDetail: Sendable, Hashable {
    /// No worker's `grids` or `may_cover` include the task's grid.
    case noWorkerCoversGrid(grid: String)
    /// Nobody covering the grid has this skill.
    case missingSkill(skill: String, grid: String)
    /// Every skill is held by someone covering the grid, but nobody holds them all.
    case missingSkillCombination(skills: [String], grid: String)
    /// The household's window and its categories' windows share no minute.
    case windowsDisjoint
    /// The window (nil: the whole day) leaves no `durationMin` minutes inside these workers' shifts less break.
    case windowOutsideShifts(window: TimeWindow?, durationMin: Int, workers: [String])
    /// A pair visit needs `needed` workers; only `workers` covering the grid qualify.
    case tooFewWorkers(needed: Int, workers: [String], grid: String)
    /// No worker covering the grid works in the horizon on a day the task can be visited
    /// (`weekdays`: the only weekdays the household receives visits, when it says so).
    case noVisitingDay(grid: String, weekdays: [Weekday]?)
    /// The gap rule (`min_gap_days`, after the last visit) keeps the task from its due date inside the horizon.
    case minGap(lastVisit: CivilDate?, minGapDays: Int, due: CivilDate)
    /// The eligible workers work on too few days to keep the task on time (`dates`: every day they can visit it).
    case fewWorkingDays(dates: [CivilDate])
    /// The eligible workers' days on which it would have been on time were full.
    case capacityFullDays(full: [WorkerDays])
    /// The eligible workers were free on its days, but no timed route could take it.
    case noTimedRoute
    /// Late although its best possible schedule, ignoring capacity, has `bestLateDays` late days.
    case beyondBestSchedule(bestLateDays: Int)
    /// Late before the re-plan date, in the part of the plan `gridplan replan` kept.
    case lateBeforeReplan(from: CivilDate)

    /// A worker and the days it had no room on.
    public struct WorkerDays: Sendable, Hashable, Codable {
        public var worker: String
        public var dates: [CivilDate]

        public init(worker: String, dates: [CivilDate]) {
            self.worker = worker
            self.dates = dates
        }
    }

    /// The stable codes written as `detail_code`.
    public enum Code: String, Sendable, CaseIterable, Codable {
        case noWorkerCoversGrid = "no_worker_covers_grid"
        case missingSkill = "missing_skill"
        case missingSkillCombination = "missing_skill_combination"
        case windowsDisjoint = "windows_disjoint"
        case windowOutsideShifts = "window_outside_shifts"
        case tooFewWorkers = "too_few_workers"
        case noVisitingDay = "no_visiting_day"
        case minGap = "min_gap"
        case fewWorkingDays = "few_working_days"
        case capacityFullDays = "capacity_full_days"
        case noTimedRoute = "no_timed_route"
        case beyondBestSchedule = "beyond_best_schedule"
        case lateBeforeReplan = "late_before_replan"
    }

    public var code: Code {
        switch self {
        case .noWorkerCoversGrid: return .noWorkerCoversGrid
        case .missingSkill: return .missingSkill
        case .missingSkillCombination: return .missingSkillCombination
        case .windowsDisjoint: return .windowsDisjoint
        case .windowOutsideShifts: return .windowOutsideShifts
        case .tooFewWorkers: return .tooFewWorkers
        case .noVisitingDay: return .noVisitingDay
        case .minGap: return .minGap
        case .fewWorkingDays: return .fewWorkingDays
        case .capacityFullDays: return .capacityFullDays
        case .noTimedRoute: return .noTimedRoute
        case .beyondBestSchedule: return .beyondBestSchedule
        case .lateBeforeReplan: return .lateBeforeReplan
        }
    }

    /// The format §4 reason this detail explains.
    public var reason: LateReason {
        switch self {
        case .noWorkerCoversGrid, .missingSkill, .missingSkillCombination, .tooFewWorkers: return .noEligibleWorker
        case .windowsDisjoint, .windowOutsideShifts: return .windowOutsideShift
        case .noVisitingDay, .fewWorkingDays: return .noWorkingDay
        case .minGap: return .minGap
        case .capacityFullDays: return .capacity
        case .noTimedRoute, .beyondBestSchedule, .lateBeforeReplan: return .other
        }
    }
}

// MARK: - Sentences

extension LateDetail {
    /// Working days listed before `…` in `few_working_days`.
    static let listedWorkingDays = 4

    /// The detail as a sentence a grid head can act on, in `locale`. The English one is what
    /// plan.json's `detail` holds.
    public func sentence(_ locale: ReportLocale) -> String {
        locale == .en ? texts.en : texts.zh
    }

    /// Chinese (simplified) and English, side by side in one switch so that the compiler insists
    /// every code has both.
    var texts: (zh: String, en: String) {
        switch self {
        case .noWorkerCoversGrid(let grid):
            return ("没有网格员负责或可协助网格 \(grid)",
                    "no worker's grids or may_cover include grid \(grid)")
        case .missingSkill(let skill, let grid):
            return ("需要技能 \(skill)；负责或协助网格 \(grid) 的网格员都不具备",
                    "needs skill \(skill); nobody covering grid \(grid) has it")
        case .missingSkillCombination(let skills, let grid):
            return ("需要技能 \(skills.joined(separator: "、"))；负责或协助网格 \(grid) 的网格员无人全部具备",
                    "needs skills \(skills.joined(separator: ", ")); nobody covering grid \(grid) has them all")
        case .windowsDisjoint:
            return ("住户的可走访时段与其类别规定的时段没有重叠",
                    "the household's window and its categories' windows share no minute")
        case .windowOutsideShifts(let window, let minutes, let workers):
            let zhWindow = window.map { "可走访时段 \($0) 内" } ?? "一天内"
            return ("\(zhWindow)，\(workers.joined(separator: "、")) 的工作时间（除去休息）容不下 \(minutes) 分钟的走访",
                    "window \(window?.description ?? "the day") leaves no \(minutes) minutes inside the shift (less break) of \(workers.joined(separator: ", "))")
        case .tooFewWorkers(let needed, let workers, let grid):
            return ("需要 \(needed) 名网格员同行；负责或协助网格 \(grid) 的只有 \(workers.joined(separator: "、")) 符合条件",
                    "needs \(needed) workers together; only \(workers.joined(separator: ", ")) covering grid \(grid) \(workers.count == 1 ? "qualifies" : "qualify")")
        case .noVisitingDay(let grid, let weekdays):
            let zhOnly = weekdays.map { "（住户只在" + $0.map(Self.zhWeekday).joined(separator: "、") + "接受走访）" } ?? ""
            let enOnly = weekdays.map { " on " + $0.map(\.name).joined(separator: "/") + " only" } ?? ""
            return ("计划期内，负责或协助网格 \(grid) 的网格员在可走访的日子都不上班\(zhOnly)",
                    "no worker covering grid \(grid) works in the horizon when it can be visited\(enOnly)")
        case .minGap(let last, let gap, let due):
            let zhLast = last.map { "上次走访 \(Self.zhDate($0, yearUnless: due))，" } ?? ""
            let enLast = last.map { "last visit \($0.iso), " } ?? ""
            return ("\(zhLast)两次走访至少间隔 \(gap) 天，计划期内赶不上应完成日期 \(Self.zhDate(due))",
                    "\(enLast)min_gap_days \(gap) keeps it from its due date \(due.iso) inside the horizon")
        case .fewWorkingDays(let dates):
            let shown = Array(dates.prefix(Self.listedWorkingDays)), more = dates.count > shown.count
            return ("计划期内符合条件的网格员只有 \(dates.count) 天能走访（\(Self.zhDates(shown))\(more ? "等" : "")），赶不上应完成日期",
                    "eligible workers work on \(shown.map(\.iso).joined(separator: ", "))\(more ? ", …" : "") only")
        case .capacityFullDays(let full):
            let groups = Self.groupedByDates(full)
            let zh = groups.map { "\($0.workers.joined(separator: "、"))（\(Self.zhDates($0.dates))）" }.joined(separator: "；")
            let en = groups.map { "\($0.workers.joined(separator: ", ")) on \(Self.enDates($0.dates))" }.joined(separator: "; ")
            return ("能按时走访的日子里，符合条件的网格员都已排满：\(zh)",
                    "the eligible workers' days it could have been on time were full: \(en)")
        case .noTimedRoute:
            return ("符合条件的网格员在可走访的日子有空，但按时间排路线时排不进去",
                    "eligible workers were free on its days but no timed route could take it")
        case .beyondBestSchedule(let best):
            return ("逾期天数超过不计人手限制时最好安排的 \(best) 天",
                    "late although its best possible schedule has \(best) late day\(best == 1 ? "" : "s")")
        case .lateBeforeReplan(let from):
            return ("\(Self.zhDate(from)) 之前已逾期，属于重新排班时保留的部分",
                    "late before \(from.iso), in the part of the plan that was kept")
        }
    }

    /// Workers with the same days together, in order of first appearance.
    static func groupedByDates(_ full: [WorkerDays]) -> [(workers: [String], dates: [CivilDate])] {
        var groups: [(workers: [String], dates: [CivilDate])] = []
        for f in full {
            if let i = groups.firstIndex(where: { $0.dates == f.dates }) {
                groups[i].workers.append(f.worker)
            } else {
                groups.append(([f.worker], f.dates))
            }
        }
        return groups
    }

    /// Runs of consecutive calendar days in `dates` (sorted, unique first).
    static func runs(_ dates: [CivilDate]) -> [(first: CivilDate, last: CivilDate)] {
        var out: [(first: CivilDate, last: CivilDate)] = []
        for d in Set(dates).sorted() {
            if let last = out.last?.last, last.adding(days: 1) == d { out[out.count - 1].last = d } else { out.append((d, d)) }
        }
        return out
    }

    /// `2026-02-24, 2026-02-26 to 2026-02-28`: three or more consecutive days as a range.
    static func enDates(_ dates: [CivilDate]) -> String {
        runs(dates).map { r -> String in
            switch r.first.days(to: r.last) {
            case 0: return r.first.iso
            case 1: return "\(r.first.iso), \(r.last.iso)"
            default: return "\(r.first.iso) to \(r.last.iso)"
            }
        }.joined(separator: ", ")
    }

    /// `2月24日、26日至28日、3月2日`: the month only where it changes, three or more consecutive days as a range.
    static func zhDates(_ dates: [CivilDate]) -> String {
        var parts: [String] = []
        var month: (Int, Int)?
        func day(_ d: CivilDate) -> String {
            let c = d.components
            defer { month = (c.year, c.month) }
            if let m = month, m == (c.year, c.month) { return "\(c.day)日" }
            return "\(c.month)月\(c.day)日"
        }
        for r in runs(dates) {
            switch r.first.days(to: r.last) {
            case 0: parts.append(day(r.first))
            case 1: parts.append(day(r.first)); parts.append(day(r.last))
            default: parts.append("\(day(r.first))至\(day(r.last))")
            }
        }
        return parts.joined(separator: "、")
    }

    /// `2月24日`, with the year when it is not `reference`'s.
    static func zhDate(_ d: CivilDate, yearUnless reference: CivilDate? = nil) -> String {
        let c = d.components
        if let r = reference, r.components.year != c.year { return "\(c.year)年\(c.month)月\(c.day)日" }
        return "\(c.month)月\(c.day)日"
    }

    static func zhWeekday(_ d: Weekday) -> String {
        ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][d.rawValue - 1]
    }
}

// MARK: - plan.json

extension LateDetail {
    /// The keys of `detail_params`.
    enum ParamKey: String, CodingKey {
        case grid, skill, skills, window, workers, weekdays, due, dates, full, from
        case durationMin = "duration_min"
        case workersNeeded = "workers_needed"
        case lastVisit = "last_visit"
        case minGapDays = "min_gap_days"
        case bestLateDays = "best_late_days"
    }

    /// Writes the parameters into `detail_params`.
    func encodeParams(to c: inout KeyedEncodingContainer<ParamKey>) throws {
        switch self {
        case .noWorkerCoversGrid(let grid):
            try c.encode(grid, forKey: .grid)
        case .missingSkill(let skill, let grid):
            try c.encode(skill, forKey: .skill)
            try c.encode(grid, forKey: .grid)
        case .missingSkillCombination(let skills, let grid):
            try c.encode(skills, forKey: .skills)
            try c.encode(grid, forKey: .grid)
        case .windowsDisjoint, .noTimedRoute:
            break
        case .windowOutsideShifts(let window, let minutes, let workers):
            try c.encodeIfPresent(window.map { [$0.start, $0.end] }, forKey: .window)
            try c.encode(minutes, forKey: .durationMin)
            try c.encode(workers, forKey: .workers)
        case .tooFewWorkers(let needed, let workers, let grid):
            try c.encode(needed, forKey: .workersNeeded)
            try c.encode(workers, forKey: .workers)
            try c.encode(grid, forKey: .grid)
        case .noVisitingDay(let grid, let weekdays):
            try c.encode(grid, forKey: .grid)
            try c.encodeIfPresent(weekdays?.map(\.name), forKey: .weekdays)
        case .minGap(let last, let gap, let due):
            try c.encodeIfPresent(last, forKey: .lastVisit)
            try c.encode(gap, forKey: .minGapDays)
            try c.encode(due, forKey: .due)
        case .fewWorkingDays(let dates):
            try c.encode(dates, forKey: .dates)
        case .capacityFullDays(let full):
            try c.encode(full, forKey: .full)
        case .beyondBestSchedule(let best):
            try c.encode(best, forKey: .bestLateDays)
        case .lateBeforeReplan(let from):
            try c.encode(from, forKey: .from)
        }
    }

    /// Reads the detail of `code` from `detail_params` (nil: no `detail_params` object).
    /// - Throws: a `DecodingError` naming the missing or malformed parameter.
    init(code: Code, params c: KeyedDecodingContainer<ParamKey>?) throws {
        func need<T: Decodable>(_ type: T.Type, _ key: ParamKey) throws -> T {
            guard let c else {
                throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "detail_params has no '\(key.rawValue)'"))
            }
            return try c.decode(type, forKey: key)
        }
        func optional<T: Decodable>(_ type: T.Type, _ key: ParamKey) throws -> T? {
            try c?.decodeIfPresent(type, forKey: key)
        }
        switch code {
        case .noWorkerCoversGrid:
            self = .noWorkerCoversGrid(grid: try need(String.self, .grid))
        case .missingSkill:
            self = .missingSkill(skill: try need(String.self, .skill), grid: try need(String.self, .grid))
        case .missingSkillCombination:
            self = .missingSkillCombination(skills: try need([String].self, .skills), grid: try need(String.self, .grid))
        case .windowsDisjoint:
            self = .windowsDisjoint
        case .windowOutsideShifts:
            var window: TimeWindow?
            if let c, let w = try c.decodeIfPresent([TimeOfDay].self, forKey: .window) {
                guard w.count == 2 else {
                    throw DecodingError.dataCorruptedError(forKey: .window, in: c, debugDescription: "expected [\"HH:MM\", \"HH:MM\"]")
                }
                window = TimeWindow(start: w[0], end: w[1])
            }
            self = .windowOutsideShifts(window: window, durationMin: try need(Int.self, .durationMin),
                                        workers: try need([String].self, .workers))
        case .tooFewWorkers:
            self = .tooFewWorkers(needed: try need(Int.self, .workersNeeded), workers: try need([String].self, .workers),
                                  grid: try need(String.self, .grid))
        case .noVisitingDay:
            var weekdays: [Weekday]?
            if let c, let names = try c.decodeIfPresent([String].self, forKey: .weekdays) {
                weekdays = try names.map { n in
                    guard let d = Weekday(name: n) else {
                        throw DecodingError.dataCorruptedError(forKey: .weekdays, in: c, debugDescription: "'\(n)' is not a weekday (mon … sun)")
                    }
                    return d
                }
            }
            self = .noVisitingDay(grid: try need(String.self, .grid), weekdays: weekdays)
        case .minGap:
            self = .minGap(lastVisit: try optional(CivilDate.self, .lastVisit), minGapDays: try need(Int.self, .minGapDays),
                           due: try need(CivilDate.self, .due))
        case .fewWorkingDays:
            self = .fewWorkingDays(dates: try need([CivilDate].self, .dates))
        case .capacityFullDays:
            self = .capacityFullDays(full: try need([WorkerDays].self, .full))
        case .noTimedRoute:
            self = .noTimedRoute
        case .beyondBestSchedule:
            self = .beyondBestSchedule(bestLateDays: try need(Int.self, .bestLateDays))
        case .lateBeforeReplan:
            self = .lateBeforeReplan(from: try need(CivilDate.self, .from))
        }
    }
}
