import CSV
import Foundation

/// A scenario as the files of format §1: `scenario.yaml` and its CSV tables, as text, in the order
/// they are written. Made by `ScenarioWriter`, `StarterScenario` or by hand; written by `write(to:overwrite:)`.
public struct ScenarioFileSet: Sendable, Hashable {
    /// One file: its name relative to the scenario folder and its bytes.
    public struct File: Sendable, Hashable {
        /// File name relative to the scenario folder, e.g. `households.csv`.
        public var name: String
        /// The exact bytes to write.
        public var contents: Data

        /// A file with the given bytes.
        public init(name: String, contents: Data) {
            self.name = name
            self.contents = contents
        }

        /// A file holding `text` in UTF-8 (no byte-order mark).
        public init(name: String, text: String) {
            self.init(name: name, contents: Data(text.utf8))
        }
    }

    /// The files, `scenario.yaml` first.
    public var files: [File]

    /// A set of the given files, written in this order.
    public init(files: [File]) { self.files = files }

    /// The file named `name`, if any.
    public func file(named name: String) -> File? { files.first { $0.name == name } }

    /// The files of this set that already exist in `folder`, in set order.
    public func existingFiles(in folder: URL) -> [URL] {
        files.map { folder.appendingPathComponent($0.name) }.filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Writes every file into `folder` (created when missing), each atomically: the bytes go to a
    /// temporary file in the same folder, which is then renamed over the target.
    ///
    /// - Parameter overwrite: when false and any of the files exists, nothing is written and
    ///   `ScenarioFileSetError.wouldOverwrite` names the existing files.
    public func write(to folder: URL, overwrite: Bool) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isDir), !isDir.boolValue {
            throw ScenarioFileSetError.notAFolder(folder.path)
        }
        if !overwrite {
            let existing = existingFiles(in: folder)
            if !existing.isEmpty { throw ScenarioFileSetError.wouldOverwrite(existing.map(\.path)) }
        }
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        for f in files {
            let target = folder.appendingPathComponent(f.name)
            do {
                try AtomicFile.replace(path: target.path, with: f.contents)
            } catch CycleError.cannotWrite(_, let why) {
                throw ScenarioFileSetError.cannotWrite(target.path, why)
            }
        }
    }
}

/// Why a `ScenarioFileSet` was not written.
public enum ScenarioFileSetError: Error, Equatable, CustomStringConvertible {
    /// These files exist and overwriting was not allowed.
    case wouldOverwrite([String])
    /// The target exists and is not a folder.
    case notAFolder(String)
    /// The file could not be written (path, reason).
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .wouldOverwrite(let paths):
            return "refusing to overwrite existing " + (paths.count == 1 ? "file " : "files ")
                + paths.map { "'\($0)'" }.joined(separator: ", ")
        case .notAFolder(let p): return "'\(p)' exists and is not a folder"
        case .cannotWrite(let p, let why): return "cannot write '\(p)': \(why)"
        }
    }
}

/// Turns a `Scenario` into the files of format §1: `scenario.yaml` with the settings, places,
/// policies and workers; `households.csv`, `patrols.csv`, `visits.csv` (history) and, when the
/// scenario has a travel matrix, `travel.csv`.
///
/// The output depends only on the scenario's values and their order (no hash order, no clock),
/// so the same scenario always gives the same bytes.
public struct ScenarioWriter: Sendable {
    /// Comment lines put at the top of `scenario.yaml` (without the leading `#`).
    public var headerComment: [String]
    /// Whether CSV files start with a UTF-8 byte-order mark (what Excel expects to see UTF-8).
    public var byteOrderMark: Bool

    /// A writer that puts `headerComment` on top of `scenario.yaml` and, when `byteOrderMark`, starts CSVs with one.
    public init(headerComment: [String] = [], byteOrderMark: Bool = true) {
        self.headerComment = headerComment
        self.byteOrderMark = byteOrderMark
    }

    /// The files for `scenario`.
    public func files(for scenario: Scenario) -> ScenarioFileSet {
        var files = [ScenarioFileSet.File(name: "scenario.yaml", text: yaml(for: scenario))]
        files.append(csvFile("households.csv", Self.householdColumns, scenario.households.map(Self.row(of:))))
        files.append(csvFile("patrols.csv", Self.patrolColumns, scenario.patrols.map(Self.row(of:))))
        if !scenario.history.isEmpty {
            files.append(csvFile("visits.csv", ["task", "date", "worker", "result"], scenario.history.map {
                [$0.task, $0.date.iso, $0.worker, $0.result ?? ""]
            }))
        }
        if !scenario.travel.matrix.isEmpty {
            files.append(csvFile("travel.csv", ["from", "to", "minutes", "km"], scenario.travel.matrix.map {
                [$0.from, $0.to, String($0.minutes), $0.km.map { Self.number($0) } ?? ""]
            }))
        }
        return ScenarioFileSet(files: files)
    }

    /// Household CSV columns, in format §1 order.
    public static let householdColumns = ["id", "name", "address", "grid", "lat", "lon", "categories",
                                          "preferred_worker", "window", "weekdays", "duration_min", "last_visit",
                                          "phone", "notes"]
    /// Patrol CSV columns, in format §1 order.
    public static let patrolColumns = ["id", "name", "grid", "lat", "lon", "every_days", "min_gap_days",
                                       "duration_min", "window", "skills", "priority", "last_visit", "notes"]

    // MARK: YAML

    func yaml(for s: Scenario) -> String {
        var out = headerComment.map { "# \($0)" }
        func add(_ line: String) { out.append(line) }
        add("name: \(Self.quoted(s.name))")
        add("locale: \(s.locale.rawValue)")
        add("horizon:")
        add("  start: \(s.horizon.start.iso)")
        add("  days: \(s.horizon.days)")
        add("  weekdays: [\(s.horizon.weekdays.map(\.name).joined(separator: ", "))]")
        if !s.horizon.holidays.isEmpty { add("  holidays: [\(s.horizon.holidays.map(\.iso).joined(separator: ", "))]") }
        if !s.horizon.extraWorkdays.isEmpty {
            add("  extra_workdays: [\(s.horizon.extraWorkdays.map(\.iso).joined(separator: ", "))]")
        }
        if let c = s.horizon.calendar { add("  calendar: \(Self.quoted(c))") }
        add("travel:")
        add("  speed_kmh: \(Self.number(s.travel.speedKmh))")
        add("  detour_factor: \(Self.number(s.travel.detourFactor))")
        if !s.travel.matrix.isEmpty { add("  matrix: travel.csv") }
        if !s.places.isEmpty {
            add("places:")
            for p in s.places {
                add("  - {id: \(Self.quoted(p.id)), name: \(Self.quoted(p.name)), "
                    + "lat: \(Self.coordinate(p.location.lat)), lon: \(Self.coordinate(p.location.lon))}")
            }
        }
        add("policies:")
        for p in s.policies {
            add("  - category: \(Self.quoted(p.category))")
            add("    every_days: \(p.everyDays)")
            if let g = p.minGapDays { add("    min_gap_days: \(g)") }
            add("    duration_min: \(p.durationMin)")
            add("    priority: \(p.priority)")
            if !p.skills.isEmpty { add("    skills: [\(p.skills.map(Self.quoted).joined(separator: ", "))]") }
            if p.workersNeeded != 1 { add("    workers_needed: \(p.workersNeeded)") }
            if let w = p.window { add("    window: \(Self.window(w))") }
        }
        add("workers:")
        for w in s.workers {
            add("  - id: \(Self.quoted(w.id))")
            add("    name: \(Self.quoted(w.name))")
            add("    grids: [\(w.grids.map(Self.quoted).joined(separator: ", "))]")
            if !w.mayCover.isEmpty { add("    may_cover: [\(w.mayCover.map(Self.quoted).joined(separator: ", "))]") }
            add("    start: \(Self.quoted(w.start))")
            if w.end != w.start { add("    end: \(Self.quoted(w.end))") }
            add("    shift: \(Self.window(w.shift))")
            if let b = w.breakTime { add("    break: \(Self.window(b))") }
            if let d = w.weekdays { add("    weekdays: [\(d.map(\.name).joined(separator: ", "))]") }
            if !w.daysOff.isEmpty { add("    days_off: [\(w.daysOff.map(\.iso).joined(separator: ", "))]") }
            if let m = w.maxVisitsPerDay { add("    max_visits_per_day: \(m)") }
            if !w.skills.isEmpty { add("    skills: [\(w.skills.map(Self.quoted).joined(separator: ", "))]") }
            if let v = w.speedKmh { add("    speed_kmh: \(Self.number(v))") }
        }
        add("households: households.csv")
        add("patrols: patrols.csv")
        if !s.history.isEmpty { add("history: visits.csv") }
        if s.weights != Weights() {
            add("weights:")
            add("  lateness: \(Self.number(s.weights.lateness))")
            add("  continuity: \(Self.number(s.weights.continuity))")
            add("  balance: \(Self.number(s.weights.balance))")
            add("  travel: \(Self.number(s.weights.travel))")
            add("  level: \(Self.number(s.weights.level))")
            add("  regularity: \(Self.number(s.weights.regularity))")
            add("  level_tolerance_min: \(Self.number(s.weights.levelToleranceMin))")
        }
        if s.solver.timeLimitSeconds != nil || s.solver.mipGap != nil {
            add("solver:")
            if let t = s.solver.timeLimitSeconds { add("  time_limit_s: \(Self.number(t))") }
            if let g = s.solver.mipGap { add("  mip_gap: \(Self.number(g))") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar (always quoted, so ids like `2026` or `on` stay strings).
    static func quoted(_ s: String) -> String {
        var r = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\n": r += "\\n"
            case "\t": r += "\\t"
            default: r.unicodeScalars.append(ch)
            }
        }
        return r + "\""
    }

    static func window(_ w: TimeWindow) -> String { "[\"\(w.start.hhmm)\", \"\(w.end.hhmm)\"]" }

    /// A number without a locale and without trailing zeros: `4.5`, `15`, `0.01`.
    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        var s = String(format: "%.6f", x)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }

    /// Six decimals: about 0.1 m.
    static func coordinate(_ x: Double) -> String { String(format: "%.6f", x) }

    // MARK: CSV

    static func row(of h: Household) -> [String] {
        [h.id, h.name, h.address, h.grid, coordinate(h.location.lat), coordinate(h.location.lon),
         h.categories.joined(separator: ";"), h.preferredWorker ?? "", h.window?.description ?? "",
         h.weekdays.map { $0.map(\.name).joined(separator: ";") } ?? "", h.durationMin.map(String.init) ?? "",
         h.lastVisit?.iso ?? "", h.phone, h.notes]
    }

    static func row(of p: Patrol) -> [String] {
        [p.id, p.name, p.grid, coordinate(p.location.lat), coordinate(p.location.lon), String(p.everyDays),
         p.minGapDays.map(String.init) ?? "", String(p.durationMin), p.window?.description ?? "",
         p.skills.joined(separator: ";"), String(p.priority), p.lastVisit?.iso ?? "", p.notes]
    }

    func csvFile(_ name: String, _ header: [String], _ rows: [[String]]) -> ScenarioFileSet.File {
        var data = byteOrderMark ? Data([0xEF, 0xBB, 0xBF]) : Data()
        data.append(Self.csv(header: header, rows: rows))
        return ScenarioFileSet.File(name: name, contents: data)
    }

    /// CSV text (UTF-8, LF line ends, fields quoted where the format needs it) through CSV.swift's writer.
    static func csv(header: [String], rows: [[String]]) -> Data {
        Data(CSVText.encode([header] + rows).utf8)
    }
}
