import Foundation
import Yams

/// Walks a composed YAML tree (and the CSV files it names) and builds the model, reporting every
/// malformed or missing value at its place. Cross-references and warnings are `ScenarioBuilder+Checks`.
final class ScenarioBuilder {
    let file: String
    let baseDirectory: String
    let log: DiagnosticLog
    /// The history CSV resolved against the scenario's folder, when one is named.
    private(set) var historyPath: String?
    /// Workbooks the history is read from (never written: `gridplan record` appends to the CSV).
    private(set) var historyWorkbooks: [String] = []

    // What was read, each with the record it came from (nil model: the record had an error).
    var places: [(model: Place?, record: FieldReader)] = []
    var policies: [(model: Policy?, record: FieldReader)] = []
    var workers: [(model: Worker?, record: FieldReader)] = []
    var households: [(model: Household?, record: FieldReader)] = []
    var patrols: [(model: Patrol?, record: FieldReader)] = []
    var history: [(model: HistoryEntry?, record: FieldReader)] = []
    var matrix: [(model: TravelMatrixEntry?, record: FieldReader)] = []
    var campaigns: [(model: Campaign?, record: FieldReader)] = []
    var horizon: Horizon?
    var horizonRecord: FieldReader?

    init(file: String, baseDirectory: String, log: DiagnosticLog) {
        self.file = file
        self.baseDirectory = baseDirectory
        self.log = log
    }

    static let tableSourceFields = ["file", "sheet"]
    static let topFields = ["name", "locale", "horizon", "travel", "places", "policies", "workers", "households",
                            "patrols", "history", "weights", "solver", "campaigns"]
    static let horizonFields = ["start", "days", "weekdays", "holidays", "extra_workdays", "calendar"]
    static let travelFields = ["speed_kmh", "detour_factor", "matrix"]
    static let placeFields = ["id", "name", "lat", "lon"]
    static let policyFields = ["category", "every_days", "min_gap_days", "duration_min", "priority", "skills",
                               "workers_needed", "window"]
    static let workerFields = ["id", "name", "grids", "may_cover", "start", "end", "shift", "break", "weekdays",
                               "days_off", "max_visits_per_day", "skills", "speed_kmh", "phone"]
    static let householdFields = ["id", "name", "address", "grid", "lat", "lon", "categories", "preferred_worker",
                                  "window", "weekdays", "duration_min", "last_visit", "phone", "notes"]
    static let householdRequired = ["id", "grid", "lat", "lon", "categories"]
    static let patrolFields = ["id", "name", "grid", "lat", "lon", "every_days", "min_gap_days", "duration_min",
                               "window", "skills", "priority", "last_visit", "notes"]
    static let patrolRequired = ["id", "grid", "lat", "lon", "every_days", "duration_min"]
    static let historyFields = ["task", "date", "worker", "result", "campaign"]
    static let historyRequired = ["task", "date", "worker"]
    static let historyResults = ["done", "phone", "not_home", "refused", "moved"]
    static let matrixFields = ["from", "to", "minutes", "km"]
    static let matrixRequired = ["from", "to", "minutes"]
    static let weightFields = ["lateness", "continuity", "balance", "travel", "level", "regularity", "level_tolerance_min"]
    static let solverFields = ["time_limit_s", "mip_gap"]
    static let campaignFields = ["name", "categories", "by", "duration_min"]

    /// Builds the scenario; nil when the top level cannot be read. The caller drops it when errors were logged.
    func build(yaml: String) -> Scenario? {
        guard let root = ScenarioLoader.compose(yaml, file: file, log: log) else { return nil }
        guard let map = root.mapping else {
            log.error("a scenario must be a mapping of fields such as 'name', 'horizon' and 'workers'",
                      at: FieldReader.location(of: root.mark, in: file))
            return nil
        }
        let top = FieldReader(kind: "scenario", label: "scenario", mapping: map, file: file, path: nil,
                               known: Self.topFields, log: log)
        let name = top.text("name", required: true)
        var locale = ReportLocale.zhHans
        if let s = top.text("locale") {
            if let l = ReportLocale(rawValue: s) { locale = l } else {
                top.fail("locale", "unknown locale '\(s)'; expected 'zh-Hans' or 'en'")
            }
        }
        horizon = readHorizon(top)
        let travel = readTravel(top)
        places = records(top, "places", kind: "place", known: Self.placeFields).map { (readPlace($0), $0) }
        policies = records(top, "policies", kind: "policy", known: Self.policyFields, idKey: "category")
            .map { (readPolicy($0), $0) }
        workers = records(top, "workers", kind: "worker", known: Self.workerFields, required: true)
            .map { (readWorker($0), $0) }
        households = table(top, "households", kind: "household", known: Self.householdFields,
                           required: Self.householdRequired).map { (readHousehold($0), $0) }
        patrols = table(top, "patrols", kind: "patrol", known: Self.patrolFields, required: Self.patrolRequired)
            .map { (readPatrol($0), $0) }
        // One history table, or several (a workbook sheet kept by the grid head, then the CSV that
        // `gridplan record` appends to): their rows together are the history.
        for source in tableSources(top, "history", allowList: true) {
            if source.sheet == nil, !CSVTable.isWorkbook(source.name) {
                historyPath = ScenarioLoader.resolve(source.name, against: baseDirectory)
            } else {
                historyWorkbooks.append(ScenarioLoader.resolve(source.name, against: baseDirectory))
            }
            history += csvRecords(source, kind: "history entry", known: Self.historyFields,
                                  required: Self.historyRequired, aliases: .history, idKey: "task")
                .map { (readHistory($0), $0) }
        }
        let weights = readWeights(top)
        let solver = readSolver(top)
        campaigns = records(top, "campaigns", kind: "campaign", known: Self.campaignFields, idKey: "name")
            .map { (readCampaign($0), $0) }

        let campaignVisits = readCampaignLedger()

        checkReferences()
        checkWarnings()

        guard let name, let horizon, let travel, let weights, let solver else { return nil }
        var t = travel
        t.matrix = matrix.compactMap(\.model)
        var scenario = Scenario(
            name: name, locale: locale, horizon: horizon, travel: t,
            places: places.compactMap(\.model), policies: policies.compactMap(\.model),
            workers: workers.compactMap(\.model), households: households.compactMap(\.model),
            patrols: patrols.compactMap(\.model), history: history.compactMap(\.model), weights: weights,
            solver: solver, campaigns: campaigns.compactMap(\.model))
        scenario.campaignVisits = campaignVisits
        return scenario
    }

    // MARK: - Structure

    /// A nested mapping field as a record.
    func subRecord(_ parent: FieldReader, _ key: String, kind: String, known: [String], required: Bool = false)
        -> FieldReader? {
        guard let node = parent.node(key) else {
            if required { parent.require(key) }
            return nil
        }
        guard let map = node.mapping else {
            parent.fail(key, "'\(key)' of \(parent.label) must be a mapping")
            return nil
        }
        return FieldReader(kind: kind, label: kind, mapping: map, file: file, path: parent.fieldPath(key), known: known,
                            log: log)
    }

    /// A YAML list of mappings as records, each named by its `idKey`.
    func records(_ parent: FieldReader, _ key: String, kind: String, known: [String], idKey: String = "id",
                 required: Bool = false) -> [FieldReader] {
        guard let node = parent.node(key) else {
            if required { parent.require(key) }
            return []
        }
        guard let seq = node.sequence else {
            parent.fail(key, "'\(key)' of \(parent.label) must be a list")
            return []
        }
        return inline(Array(seq), key: key, parent: parent, kind: kind, known: known, idKey: idKey)
    }

    private func inline(_ items: [Node], key: String, parent: FieldReader, kind: String, known: [String],
                        idKey: String) -> [FieldReader] {
        var out: [FieldReader] = []
        for (i, item) in items.enumerated() {
            guard let map = item.mapping else {
                parent.fail("items of '\(key)' must be mappings (\(kind) #\(i + 1) is not)",
                            at: FieldReader.location(of: item.mark, in: file), key: key)
                continue
            }
            let r = FieldReader(kind: kind, label: "\(kind) #\(i + 1)", mapping: map, file: file,
                                 path: "\(key)[\(i)]", known: known, idKey: idKey, log: log)
            out.append(r)
        }
        return out
    }

    /// Households or patrols: a CSV file name or an inline list.
    func table(_ parent: FieldReader, _ key: String, kind: String, known: [String], required: [String]) -> [FieldReader] {
        guard let node = parent.node(key) else { return [] }
        if let seq = node.sequence {
            return inline(Array(seq), key: key, parent: parent, kind: kind, known: known, idKey: "id")
        }
        let aliases: ColumnAliases = key == "patrols" ? .patrols : .households
        return tableSources(parent, key, allowList: false).flatMap { source in
            csvRecords(source, kind: kind, known: known, required: required, aliases: aliases, idKey: "id")
        }
    }

    /// A table file a field names: `households.csv`, `台账.xlsx` (its first sheet that is not hidden),
    /// or `{file: 台账.xlsx, sheet: 住户}`.
    struct TableSource {
        var name: String
        var sheet: String?
        /// The field that names the file, and its `sheet` key.
        var reference: SourceLocation
        var sheetReference: SourceLocation
    }

    /// The table files field `key` names; with `allowList`, also a list of them. A list of mappings
    /// with `id` keys is an inline table, not this (see `table`).
    func tableSources(_ parent: FieldReader, _ key: String, allowList: Bool) -> [TableSource] {
        guard let node = parent.node(key) else {
            if let name = parent.text(key) {
                return [TableSource(name: name, sheet: nil, reference: parent.place(of: key),
                                    sheetReference: parent.place(of: key))]
            }
            return []
        }
        let expected = "a CSV or .xlsx file name, or {file: NAME.xlsx, sheet: SHEET}"
        func source(_ n: Node, path: String) -> TableSource? {
            let at = FieldReader.location(of: n.mark, in: file)
            if let name = n.scalar?.string {
                return TableSource(name: name, sheet: nil, reference: at, sheetReference: at)
            }
            guard let map = n.mapping else {
                parent.fail("'\(key)' must be \(expected)", at: at, key: key)
                return nil
            }
            let r = FieldReader(kind: key, label: "'\(key)'", mapping: map, file: file, path: path,
                                 known: Self.tableSourceFields, log: log)
            let name = r.text("file", required: true)
            let sheet = r.text("sheet")
            if let name, sheet != nil, !CSVTable.isWorkbook(name) {
                r.fail("sheet", "'sheet' names a sheet of a workbook, but '\(name)' is not an .xlsx file")
                return nil
            }
            guard let name, !r.failed else { return nil }
            return TableSource(name: name, sheet: sheet, reference: r.place(of: "file"),
                               sheetReference: r.place(of: "sheet"))
        }
        if allowList, let seq = node.sequence {
            return seq.enumerated().compactMap { i, n in source(n, path: "\(key)[\(i)]") }
        }
        return source(node, path: key).map { [$0] } ?? []
    }

    /// The rows of a CSV file or workbook sheet (named relative to the scenario) as records, its
    /// headers turned into the format's names by `aliases`. A required column missing from the header
    /// is reported once, at the header.
    func csvRecords(_ source: TableSource, kind: String, known: [String], required: [String],
                    aliases: ColumnAliases, idKey: String) -> [FieldReader] {
        guard let table = Self.readTable(source, baseDirectory: baseDirectory, aliases: aliases, log: log)
        else { return [] }
        var missing: Set<String> = []
        for column in required where !table.header.contains(column) {
            missing.insert(column)
            let alias = aliases.chinese(column)
            let also = alias == column ? "" : " (or '\(alias)')"
            log.error("missing required column '\(column)'\(also)\(Spelling.hint(for: column, among: table.header))",
                      at: table.headerLocation)
        }
        return table.rows.enumerated().map { i, row in
            let r = FieldReader(kind: kind, label: "\(kind) #\(i + 1)", row: row, table: table, known: known, log: log)
            r.identify(by: idKey)
            r.silence(missing)
            return r
        }
    }

    /// Reads a table source: a CSV file, or a sheet of a workbook, with its headers canonicalized.
    static func readTable(_ source: TableSource, baseDirectory: String, aliases: ColumnAliases,
                          log: DiagnosticLog) -> CSVTable? {
        let path = ScenarioLoader.resolve(source.name, against: baseDirectory)
        let table: CSVTable?
        if CSVTable.isWorkbook(source.name) {
            table = CSVTable.read(workbook: path, sheet: source.sheet, file: path, log: log,
                                  reference: source.reference, sheetReference: source.sheetReference)
        } else if source.name.lowercased().hasSuffix(".xls") || source.name.lowercased().hasSuffix(".et") {
            log.error("'\(source.name)' is an old binary workbook (.xls/.et), which gridplan cannot read; "
                + "save it as .xlsx (Excel Workbook) or as CSV", at: source.reference)
            table = nil
        } else {
            table = ScenarioLoader.readText(path: path, shownAs: path, log: log, reference: source.reference)
                .flatMap { CSVTable.parse($0, file: path, log: log) }
        }
        return table?.canonicalized(aliases, log: log)
    }

    // MARK: - Sections

    func readHorizon(_ top: FieldReader) -> Horizon? {
        guard let r = subRecord(top, "horizon", kind: "horizon", known: Self.horizonFields, required: true)
        else { return nil }
        horizonRecord = r
        let start = r.date("start", required: true)
        let days = r.int("days", required: true)
        r.checkRange("days", days, 1...62)
        let weekdays = r.weekdays("weekdays") ?? Weekday.workweek
        var holidays = r.dates("holidays") ?? []
        var extra = r.dates("extra_workdays") ?? []
        // One calendar, or several for a horizon across New Year (`[cn-2025, cn-2026]`).
        let calendarNames = r.strings("calendar") ?? []
        // Read the calendars even when the dates are wrong, so their mistakes show in the same run.
        let calendars = calendarNames.compactMap { calendar(named: $0, record: r) }
        guard let start, let days, (1...62).contains(days) else { return nil }
        var h = Horizon(start: start, days: days, weekdays: weekdays,
                        calendar: calendarNames.isEmpty ? nil : calendarNames.joined(separator: ", "))
        for cal in calendars {
            holidays += cal.holidays.filter(h.contains)
            extra += cal.extraWorkdays.filter(h.contains)
        }
        h.holidays = Array(Set(holidays)).sorted()
        h.extraWorkdays = Array(Set(extra)).sorted()
        for d in Set(h.holidays).intersection(h.extraWorkdays).sorted() {
            r.fail("extra_workdays", "date \(d.iso) of horizon is both a holiday and an extra workday")
        }
        return h
    }

    /// A calendar preset (`cn-2026`) or a calendar file named relative to the scenario.
    func calendar(named name: String, record r: FieldReader) -> HolidayCalendar? {
        if let preset = HolidayCalendar.preset(named: name) { return preset }
        let looksLikePath = name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml")
        guard looksLikePath else {
            let known = HolidayCalendar.presetNames
            let presets = known.isEmpty ? "none found (the folder gridplan_GridPlanCore.resources must stay "
                + "next to the gridplan program)" : known.joined(separator: ", ")
            r.fail("calendar", "unknown calendar '\(name)'; known presets: \(presets) (or name a calendar file by path)")
            return nil
        }
        let path = ScenarioLoader.resolve(name, against: baseDirectory)
        let before = log.errorCount
        let cal = HolidayCalendar.read(path: path, shownAs: path, log: log, reference: r.place(of: "calendar"))
        if log.errorCount != before { r.fail("calendar", "calendar file '\(name)' has errors") }
        return cal
    }

    func readTravel(_ top: FieldReader) -> TravelSettings? {
        var t = TravelSettings()
        guard let r = subRecord(top, "travel", kind: "travel", known: Self.travelFields) else {
            return top.has("travel") ? nil : t
        }
        if let v = r.double("speed_kmh") { t.speedKmh = v }
        if let v = r.double("detour_factor") { t.detourFactor = v }
        r.checkPositive("speed_kmh", r.has("speed_kmh") ? t.speedKmh : nil)
        r.checkPositive("detour_factor", r.has("detour_factor") ? t.detourFactor : nil)
        for source in tableSources(r, "matrix", allowList: false) {
            matrix = csvRecords(source, kind: "travel matrix row", known: Self.matrixFields,
                                required: Self.matrixRequired, aliases: .matrix, idKey: "")
                .map { (readMatrixRow($0), $0) }
        }
        return r.failed ? nil : t
    }

    func readPlace(_ r: FieldReader) -> Place? {
        let id = r.text("id", required: true)
        let name = r.text("name")
        let point = r.geoPoint()
        guard let id, let point, !r.failed else { return nil }
        return Place(id: id, name: name ?? id, location: point)
    }

    func readPolicy(_ r: FieldReader) -> Policy? {
        let category = r.text("category", required: true)
        let every = r.int("every_days", required: true)
        let gap = r.int("min_gap_days")
        let duration = r.int("duration_min", required: true)
        let priority = r.int("priority")
        let skills = r.strings("skills") ?? []
        let needed = r.int("workers_needed")
        let window = r.window("window")
        checkRhythm(r, every: every, gap: gap)
        r.checkAtLeast("duration_min", duration, 1)
        r.checkRange("priority", priority, 1...10)
        r.checkAtLeast("workers_needed", needed, 1)
        guard let category, let every, let duration, !r.failed else { return nil }
        return Policy(category: category, everyDays: every, minGapDays: gap, durationMin: duration,
                      priority: priority ?? 3, skills: skills, workersNeeded: needed ?? 1, window: window)
    }

    private func checkRhythm(_ r: FieldReader, every: Int?, gap: Int?) {
        r.checkAtLeast("every_days", every, 1)
        r.checkAtLeast("min_gap_days", gap, 1)
        if let e = every, let g = gap, e >= 1, g > e {
            r.fail("min_gap_days", "'min_gap_days' (\(g)) of \(r.label) must not exceed 'every_days' (\(e))")
        }
    }

    func readWorker(_ r: FieldReader) -> Worker? {
        let id = r.text("id", required: true)
        let name = r.text("name")
        let grids = r.strings("grids") ?? []
        let mayCover = r.strings("may_cover") ?? []
        let start = r.text("start", required: true)
        let end = r.text("end")
        let shift = r.window("shift", required: true)
        let breakTime = r.window("break")
        let weekdays = r.weekdays("weekdays")
        let daysOff = r.dates("days_off") ?? []
        let maxVisits = r.int("max_visits_per_day")
        let skills = r.strings("skills") ?? []
        let speed = r.double("speed_kmh")
        let phone = r.text("phone")
        r.checkAtLeast("max_visits_per_day", maxVisits, 0)
        r.checkPositive("speed_kmh", speed)
        if let s = shift, let b = breakTime, b.start < s.start || b.end > s.end {
            r.fail("break", "'break' of \(r.label) must lie inside its shift (\(s))")
        }
        guard let id, let start, let shift, !r.failed else { return nil }
        return Worker(id: id, name: name ?? id, grids: grids, mayCover: mayCover, start: start, end: end ?? start,
                      shift: shift, breakTime: breakTime, weekdays: weekdays, daysOff: daysOff,
                      maxVisitsPerDay: maxVisits, skills: skills, speedKmh: speed, phone: phone)
    }

    func readHousehold(_ r: FieldReader) -> Household? {
        let id = r.text("id", required: true)
        let grid = r.text("grid", required: true)
        let point = r.geoPoint()
        var categories = r.strings("categories", required: true)
        if categories?.isEmpty == true {
            r.fail("categories", "'categories' of \(r.label) must name at least one category")
            categories = nil
        }
        let preferred = r.text("preferred_worker")
        let window = r.window("window")
        let weekdays = r.weekdays("weekdays")
        let duration = r.int("duration_min")
        r.checkAtLeast("duration_min", duration, 1)
        let last = r.date("last_visit")
        let notes = r.text("notes") ?? ""
        guard let id, let grid, let point, let categories, !r.failed else { return nil }
        return Household(id: id, name: r.text("name") ?? "", address: r.text("address") ?? "", grid: grid,
                         location: point, categories: categories, preferredWorker: preferred, window: window,
                         weekdays: weekdays, durationMin: duration, lastVisit: last, phone: r.text("phone") ?? "",
                         notes: notes, extra: r.extra)
    }

    func readPatrol(_ r: FieldReader) -> Patrol? {
        let id = r.text("id", required: true)
        let grid = r.text("grid", required: true)
        let point = r.geoPoint()
        let every = r.int("every_days", required: true)
        let gap = r.int("min_gap_days")
        let duration = r.int("duration_min", required: true)
        let window = r.window("window")
        let skills = r.strings("skills") ?? []
        let priority = r.int("priority")
        let last = r.date("last_visit")
        checkRhythm(r, every: every, gap: gap)
        r.checkAtLeast("duration_min", duration, 1)
        r.checkRange("priority", priority, 1...10)
        let notes = r.text("notes") ?? ""
        guard let id, let grid, let point, let every, let duration, !r.failed else { return nil }
        return Patrol(id: id, name: r.text("name") ?? "", grid: grid, location: point, everyDays: every,
                      minGapDays: gap, durationMin: duration, window: window, skills: skills,
                      priority: priority ?? 3, lastVisit: last, notes: notes, extra: r.extra)
    }

    func readHistory(_ r: FieldReader) -> HistoryEntry? {
        let task = r.text("task", required: true)
        let date = r.date("date", required: true)
        let worker = r.text("worker", required: true)
        let result = r.text("result")
        if let s = result, !Self.historyResults.contains(s.lowercased()) {
            // The format leaves `result` free: the row still counts as a visit (§1), but a typo is worth a word.
            r.warn("result", "unknown result '\(s)' in \(r.label) (counted as a visit); expected done, phone, "
                + "not_home, refused or moved" + Spelling.hint(for: s, among: Self.historyResults))
        }
        guard let task, let date, let worker, !r.failed else { return nil }
        let campaigns = (r.text("campaign") ?? "").split(whereSeparator: { $0 == ";" || $0 == "；" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return HistoryEntry(task: task, date: date, worker: worker, result: result, campaigns: campaigns)
    }

    func readMatrixRow(_ r: FieldReader) -> TravelMatrixEntry? {
        let from = r.text("from", required: true)
        let to = r.text("to", required: true)
        let minutes = r.int("minutes", required: true)
        let km = r.double("km")
        r.checkAtLeast("minutes", minutes, 0)
        r.checkNotNegative("km", km)
        guard let from, let to, let minutes, !r.failed else { return nil }
        return TravelMatrixEntry(from: from, to: to, minutes: minutes, km: km)
    }

    func readWeights(_ top: FieldReader) -> Weights? {
        var w = Weights()
        guard let r = subRecord(top, "weights", kind: "weights", known: Self.weightFields) else {
            return top.has("weights") ? nil : w
        }
        let values = Self.weightFields.map { key -> Double? in
            let v = r.double(key)
            r.checkNotNegative(key, v)
            return v
        }
        w.lateness = values[0] ?? w.lateness
        w.continuity = values[1] ?? w.continuity
        w.balance = values[2] ?? w.balance
        w.travel = values[3] ?? w.travel
        w.level = values[4] ?? w.level
        w.regularity = values[5] ?? w.regularity
        w.levelToleranceMin = values[6] ?? w.levelToleranceMin
        return r.failed ? nil : w
    }

    func readSolver(_ top: FieldReader) -> SolverSettings? {
        var s = SolverSettings()
        guard let r = subRecord(top, "solver", kind: "solver", known: Self.solverFields) else {
            return top.has("solver") ? nil : s
        }
        s.timeLimitSeconds = r.double("time_limit_s")
        s.mipGap = r.double("mip_gap")
        r.checkPositive("time_limit_s", s.timeLimitSeconds)
        r.checkNotNegative("mip_gap", s.mipGap)
        return r.failed ? nil : s
    }

    func readCampaign(_ r: FieldReader) -> Campaign? {
        let name = r.text("name", required: true)
        let categories = r.strings("categories", required: true)
        let by = r.date("by", required: true)
        let duration = r.int("duration_min", required: true)
        r.checkAtLeast("duration_min", duration, 1)
        guard let name, let categories, let by, let duration, !r.failed else { return nil }
        return Campaign(name: name, categories: categories, by: by, durationMin: duration)
    }
}
