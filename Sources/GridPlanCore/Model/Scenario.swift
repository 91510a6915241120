import Foundation

/// Everything gridplan needs to plan a period: who works when, what must be visited, and how
/// the planner trades goals off. Built by `ScenarioLoader` from a YAML file (and its CSV files)
/// or in code; see `Docs/scenario-format.md` and the format spec §1.
public struct Scenario: Sendable {
    /// Free text shown on every report.
    public var name: String
    /// Language of reports.
    public var locale: ReportLocale
    public var horizon: Horizon
    public var travel: TravelSettings
    public var places: [Place]
    public var policies: [Policy]
    public var workers: [Worker]
    public var households: [Household]
    public var patrols: [Patrol]
    /// What was done before the horizon (history CSV, in file order).
    public var history: [HistoryEntry]
    public var weights: Weights
    public var solver: SolverSettings
    /// One-off visits on top of the rhythms (optional extension).
    public var campaigns: [Campaign]
    /// Where the scenario came from, when it was loaded from a file.
    public var source: ScenarioSource?

    public init(
        name: String, locale: ReportLocale = .zhHans, horizon: Horizon, travel: TravelSettings = TravelSettings(),
        places: [Place] = [], policies: [Policy] = [], workers: [Worker] = [], households: [Household] = [],
        patrols: [Patrol] = [], history: [HistoryEntry] = [], weights: Weights = Weights(),
        solver: SolverSettings = SolverSettings(), campaigns: [Campaign] = [], source: ScenarioSource? = nil
    ) {
        self.name = name
        self.locale = locale
        self.horizon = horizon
        self.travel = travel
        self.places = places
        self.policies = policies
        self.workers = workers
        self.households = households
        self.patrols = patrols
        self.history = history
        self.weights = weights
        self.solver = solver
        self.campaigns = campaigns
        self.source = source
    }
}

/// The file a scenario was read from, for the plan's `scenario` block and for tools that write beside it.
public struct ScenarioSource: Sendable, Hashable {
    /// Path of the YAML file as given by the user.
    public var path: String
    /// The digest of every input (`InputFile.digest(of:)` over `inputs`); see Docs/scenario-format.md.
    public var sha256: String
    /// Every file the scenario was read from: the YAML file, its CSV files, calendar file and
    /// travel matrix, each named relative to the YAML file's folder.
    public var inputs: [InputFile]
    /// Path of the history CSV when the scenario names one (resolved against the YAML file's folder).
    public var historyPath: String?
    /// Workbooks (.xlsx) the history is also read from; `gridplan record` never writes into them.
    public var historyWorkbooks: [String] = []

    /// A source whose digest covers `inputs`.
    public init(path: String, inputs: [InputFile], historyPath: String? = nil) {
        self.path = path
        self.inputs = inputs
        self.sha256 = InputFile.digest(of: inputs)
        self.historyPath = historyPath
    }

    /// A source with a given digest and no list of inputs (scenarios built in code, tests).
    public init(path: String, sha256: String, historyPath: String? = nil) {
        self.path = path
        self.sha256 = sha256
        self.inputs = []
        self.historyPath = historyPath
    }
}

public enum ReportLocale: String, Sendable, Codable, CaseIterable {
    case zhHans = "zh-Hans"
    case en
}

/// The period planned and its calendar (format §1 `horizon`, §2).
public struct Horizon: Sendable, Hashable {
    public var start: CivilDate
    /// 1 … 62.
    public var days: Int
    /// Regular working weekdays; default Monday to Friday.
    public var weekdays: [Weekday]
    /// Dates nobody works although a working weekday.
    public var holidays: [CivilDate]
    /// Dates everybody works although not a working weekday (调休).
    public var extraWorkdays: [CivilDate]
    /// Name of a holiday calendar preset or file (e.g. `cn-2026`) merged into holidays and extra workdays (optional extension).
    public var calendar: String?

    public init(start: CivilDate, days: Int, weekdays: [Weekday] = Weekday.workweek, holidays: [CivilDate] = [],
                extraWorkdays: [CivilDate] = [], calendar: String? = nil) {
        self.start = start
        self.days = days
        self.weekdays = weekdays
        self.holidays = holidays
        self.extraWorkdays = extraWorkdays
        self.calendar = calendar
    }

    /// The last day planned.
    public var end: CivilDate { start.adding(days: days - 1) }
    /// Every calendar day of the horizon, in order.
    public var dates: [CivilDate] { (0..<days).map { start.adding(days: $0) } }
    public func contains(_ d: CivilDate) -> Bool { d >= start && d <= end }
}

/// Travel model settings (format §3).
public struct TravelSettings: Sendable, Hashable {
    public var speedKmh: Double
    public var detourFactor: Double
    /// Listed pairs override the coordinate model.
    public var matrix: [TravelMatrixEntry]

    public init(speedKmh: Double = 4.5, detourFactor: Double = 1.3, matrix: [TravelMatrixEntry] = []) {
        self.speedKmh = speedKmh
        self.detourFactor = detourFactor
        self.matrix = matrix
    }
}

/// One row of the travel matrix: `from,to,minutes[,km]` between location ids (directed).
public struct TravelMatrixEntry: Sendable, Hashable {
    public var from: String
    public var to: String
    public var minutes: Int
    public var km: Double?

    public init(from: String, to: String, minutes: Int, km: Double? = nil) {
        self.from = from
        self.to = to
        self.minutes = minutes
        self.km = km
    }
}

/// A point on the earth in degrees (WGS-84 or GCJ-02, as long as one scenario uses one).
public struct GeoPoint: Sendable, Hashable {
    public var lat: Double
    public var lon: Double

    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }
}

/// A named start or end point: an office, a service centre.
public struct Place: Sendable, Hashable {
    public var id: String
    public var name: String
    public var location: GeoPoint

    public init(id: String, name: String, location: GeoPoint) {
        self.id = id
        self.name = name
        self.location = location
    }
}

/// What a household category requires (format §1 `policies`).
public struct Policy: Sendable, Hashable {
    public var category: String
    /// At most this many days from one visit to the next.
    public var everyDays: Int
    /// At least this many days between visits; nil means the default `max(1, everyDays / 2)`.
    public var minGapDays: Int?
    public var durationMin: Int
    /// 1 … 10; default 3.
    public var priority: Int
    public var skills: [String]
    /// 2 = a pair visit.
    public var workersNeeded: Int
    public var window: TimeWindow?

    public init(category: String, everyDays: Int, minGapDays: Int? = nil, durationMin: Int, priority: Int = 3,
                skills: [String] = [], workersNeeded: Int = 1, window: TimeWindow? = nil) {
        self.category = category
        self.everyDays = everyDays
        self.minGapDays = minGapDays
        self.durationMin = durationMin
        self.priority = priority
        self.skills = skills
        self.workersNeeded = workersNeeded
        self.window = window
    }

    /// `min_gap_days` as given, or its default.
    public var effectiveMinGapDays: Int { minGapDays ?? max(1, everyDays / 2) }
}

public struct Worker: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Grids this worker is responsible for.
    public var grids: [String]
    /// Grids this worker may help in (less preferred).
    public var mayCover: [String]
    /// Place id the day starts from.
    public var start: String
    /// Place id the day ends at.
    public var end: String
    public var shift: TimeWindow
    public var breakTime: TimeWindow?
    /// The worker's own working weekdays; nil means the horizon's.
    public var weekdays: [Weekday]?
    /// Leave.
    public var daysOff: [CivilDate]
    public var maxVisitsPerDay: Int?
    public var skills: [String]
    public var speedKmh: Double?
    /// Optional extension: shown on reports.
    public var phone: String?

    public init(id: String, name: String, grids: [String], mayCover: [String] = [], start: String, end: String? = nil,
                shift: TimeWindow, breakTime: TimeWindow? = nil, weekdays: [Weekday]? = nil, daysOff: [CivilDate] = [],
                maxVisitsPerDay: Int? = nil, skills: [String] = [], speedKmh: Double? = nil, phone: String? = nil) {
        self.id = id
        self.name = name
        self.grids = grids
        self.mayCover = mayCover
        self.start = start
        self.end = end ?? start
        self.shift = shift
        self.breakTime = breakTime
        self.weekdays = weekdays
        self.daysOff = daysOff
        self.maxVisitsPerDay = maxVisitsPerDay
        self.skills = skills
        self.speedKmh = speedKmh
        self.phone = phone
    }

    /// Whether the worker may work in `grid` (responsible or covering).
    public func covers(grid: String) -> Bool { grids.contains(grid) || mayCover.contains(grid) }

    /// Minutes available on one working day: shift length less the break inside it.
    public var availableMinutesPerDay: Int {
        shift.lengthMinutes - (breakTime.map { shift.overlap($0.start.minutes, $0.end.minutes) } ?? 0)
    }
}

/// A special-population household (format §1 `households`).
public struct Household: Sendable, Hashable {
    public var id: String
    public var name: String
    public var address: String
    public var grid: String
    public var location: GeoPoint
    /// Policy categories, at least one.
    public var categories: [String]
    public var preferredWorker: String?
    public var window: TimeWindow?
    public var weekdays: [Weekday]?
    public var durationMin: Int?
    public var lastVisit: CivilDate?
    public var phone: String
    public var notes: String
    /// Unknown CSV columns, kept as notes: (header, value) in column order.
    public var extra: [ExtraField]

    public init(id: String, name: String = "", address: String = "", grid: String, location: GeoPoint,
                categories: [String], preferredWorker: String? = nil, window: TimeWindow? = nil,
                weekdays: [Weekday]? = nil, durationMin: Int? = nil, lastVisit: CivilDate? = nil,
                phone: String = "", notes: String = "", extra: [ExtraField] = []) {
        self.id = id
        self.name = name
        self.address = address
        self.grid = grid
        self.location = location
        self.categories = categories
        self.preferredWorker = preferredWorker
        self.window = window
        self.weekdays = weekdays
        self.durationMin = durationMin
        self.lastVisit = lastVisit
        self.phone = phone
        self.notes = notes
        self.extra = extra
    }
}

/// A column of a CSV row that the format does not define, kept as a note.
public struct ExtraField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A patrol point inspected on its own schedule (format §1 `patrols`).
public struct Patrol: Sendable, Hashable {
    public var id: String
    public var name: String
    public var grid: String
    public var location: GeoPoint
    public var everyDays: Int
    /// nil means the default `max(1, everyDays / 2)`.
    public var minGapDays: Int?
    public var durationMin: Int
    public var window: TimeWindow?
    public var skills: [String]
    /// 1 … 10; default 3.
    public var priority: Int
    public var lastVisit: CivilDate?
    public var notes: String
    public var extra: [ExtraField]

    public init(id: String, name: String = "", grid: String, location: GeoPoint, everyDays: Int,
                minGapDays: Int? = nil, durationMin: Int, window: TimeWindow? = nil, skills: [String] = [],
                priority: Int = 3, lastVisit: CivilDate? = nil, notes: String = "", extra: [ExtraField] = []) {
        self.id = id
        self.name = name
        self.grid = grid
        self.location = location
        self.everyDays = everyDays
        self.minGapDays = minGapDays
        self.durationMin = durationMin
        self.window = window
        self.skills = skills
        self.priority = priority
        self.lastVisit = lastVisit
        self.notes = notes
        self.extra = extra
    }
}

/// One line of the history CSV: `task,date,worker[,result]`.
public struct HistoryEntry: Sendable, Hashable {
    public var task: String
    public var date: CivilDate
    public var worker: String
    /// `done` (the default when absent), `phone`, `not_home`, `refused`, `moved`.
    public var result: String?
    /// Names of the campaigns this visit carried (optional `campaign` column, `;`-separated).
    public var campaigns: [String]

    public init(task: String, date: CivilDate, worker: String, result: String? = nil, campaigns: [String] = []) {
        self.task = task
        self.date = date
        self.worker = worker
        self.result = result
        self.campaigns = campaigns
    }

    /// Whether the visit was done: no result, or `done`.
    ///
    /// Not whether the row counts: for due dates and gap rules every history row counts (format §1:
    /// "the last date per task is its last visit"). `gridplan record` uses this to keep other
    /// outcomes (`phone`, `not_home`, `refused`, `moved`) out of the history file, in a separate
    /// outcomes ledger, and only a done visit delivers a campaign.
    public var isDone: Bool {
        guard let r = result?.trimmingCharacters(in: .whitespaces).lowercased(), !r.isEmpty else { return true }
        return r == "done"
    }
}

/// How the planner trades goals off (format §1 `weights`).
public struct Weights: Sendable, Hashable {
    public var lateness: Double
    public var continuity: Double
    public var balance: Double
    public var travel: Double
    /// Per minute of spread between a worker's fullest and emptiest working day (optional extension).
    public var level: Double
    /// Per visit of a weekly-or-slower task not on the weekday of its last visit (optional extension).
    public var regularity: Double

    public static let defaultLevel = 0.2
    public static let defaultRegularity = 5.0

    public init(lateness: Double = 1000, continuity: Double = 10, balance: Double = 5, travel: Double = 1,
                level: Double = Weights.defaultLevel, regularity: Double = Weights.defaultRegularity) {
        self.lateness = lateness
        self.continuity = continuity
        self.balance = balance
        self.travel = travel
        self.level = level
        self.regularity = regularity
    }
}

public struct SolverSettings: Sendable, Hashable {
    /// Wall-clock limit for the whole solve, seconds; nil means the planner's default.
    public var timeLimitSeconds: Double?
    /// Relative MIP gap at which GLPK may stop; nil means the planner's default.
    public var mipGap: Double?

    public init(timeLimitSeconds: Double? = nil, mipGap: Double? = nil) {
        self.timeLimitSeconds = timeLimitSeconds
        self.mipGap = mipGap
    }
}

/// A one-off visit drive on top of the rhythms: every household of the categories visited once by a date.
public struct Campaign: Sendable, Hashable {
    public var name: String
    public var categories: [String]
    public var by: CivilDate
    public var durationMin: Int

    public init(name: String, categories: [String], by: CivilDate, durationMin: Int) {
        self.name = name
        self.categories = categories
        self.by = by
        self.durationMin = durationMin
    }
}
