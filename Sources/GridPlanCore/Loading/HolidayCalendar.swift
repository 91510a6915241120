import Foundation
import Yams

/// A year's public holidays and make-up working days (调休), kept as data a user can update.
///
/// Presets ship in the package's `Calendars` folder (`cn-2025.yaml`, `cn-2026.yaml`); a scenario
/// names one with `horizon.calendar: cn-2026`, or names its own file of the same form by path:
///
/// ```yaml
/// name: cn-2026
/// title: 2026 年部分节假日安排
/// holidays:                    # dates nobody works; a range is FROM..TO, both included
///   - 2026-01-01..2026-01-03   # 元旦
/// extra_workdays:              # weekend dates everybody works
///   - 2026-01-04               # 元旦 调休
/// ```
public struct HolidayCalendar: Sendable, Hashable {
    /// The calendar's name, e.g. `cn-2026`.
    public var name: String
    /// Free text: where the dates come from.
    public var title: String
    /// Dates nobody works although a working weekday, sorted.
    public var holidays: [CivilDate]
    /// Dates everybody works although not a working weekday, sorted.
    public var extraWorkdays: [CivilDate]

    public init(name: String, title: String = "", holidays: [CivilDate], extraWorkdays: [CivilDate]) {
        self.name = name
        self.title = title
        self.holidays = holidays
        self.extraWorkdays = extraWorkdays
    }

    /// The names of the bundled presets, sorted (`cn-2025`, `cn-2026`, …).
    public static var presetNames: [String] {
        guard let dir = presetsDirectory,
              let files = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The bundled preset called `name`, or nil when there is none.
    public static func preset(named name: String) -> HolidayCalendar? {
        guard presetNames.contains(name), let dir = presetsDirectory else { return nil }
        let log = DiagnosticLog()
        return read(path: dir + "/" + name + ".yaml", shownAs: "\(name).yaml", log: log)
    }

    /// The folder holding the bundled presets: the package's resource bundle (`Bundle.module`) next to
    /// the program, or, when the program was copied away from it, the bundle beside the program's real
    /// path, or the source tree's `Calendars` folder. Never traps, unlike `Bundle.module` when its
    /// bundle is missing; nil when no folder is found.
    static let presetsDirectory: String? = {
        let bundleName = "gridplan_GridPlanCore.resources"
        let fm = FileManager.default
        func calendars(inBundleAt dir: String) -> String? {
            let path = dir + "/" + bundleName + "/Calendars"
            return fm.fileExists(atPath: path) ? path : nil
        }
        if fm.fileExists(atPath: Bundle.main.bundleURL.appendingPathComponent(bundleName).path),
           let url = Bundle.module.url(forResource: "Calendars", withExtension: nil) {
            return url.path
        }
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
           let found = calendars(inBundleAt: ScenarioLoader.directory(of: exe)) {
            return found
        }
        let source = ScenarioLoader.directory(of: ScenarioLoader.directory(of: #filePath)) + "/Calendars"
        return fm.fileExists(atPath: source) ? source : nil
    }()

    /// Reads a calendar file, reporting every mistake in it.
    ///
    /// - Returns: the calendar (nil when the file has an error) and the findings, sorted.
    public static func load(path: String) -> (calendar: HolidayCalendar?, diagnostics: [Diagnostic]) {
        let log = DiagnosticLog()
        let c = read(path: path, shownAs: path, log: log)
        return (log.errorCount == 0 ? c : nil, log.sorted())
    }

    static func read(path: String, shownAs file: String, log: DiagnosticLog,
                     reference: SourceLocation? = nil) -> HolidayCalendar? {
        guard let text = ScenarioLoader.readText(path: path, shownAs: file, log: log, reference: reference)
        else { return nil }
        return parse(yaml: text, file: file, log: log)
    }

    static func parse(yaml text: String, file: String, log: DiagnosticLog) -> HolidayCalendar? {
        let before = log.errorCount
        guard let root = ScenarioLoader.compose(text, file: file, log: log) else { return nil }
        guard let map = root.mapping else {
            log.error("a calendar file must be a mapping with 'holidays' and 'extra_workdays'",
                      at: FieldReader.location(of: root.mark, in: file))
            return nil
        }
        let r = FieldReader(kind: "calendar", label: "calendar", mapping: map, file: file, path: nil,
                             known: ["name", "title", "holidays", "extra_workdays"], log: log)
        let name = r.text("name") ?? ""
        let title = r.text("title") ?? ""
        let holidays = dateRanges(r, "holidays")
        let extra = dateRanges(r, "extra_workdays")
        for d in Set(holidays).intersection(extra).sorted() {
            r.fail("extra_workdays", "date \(d.iso) of \(r.label) is both a holiday and an extra workday")
        }
        guard log.errorCount == before else { return nil }
        return HolidayCalendar(name: name, title: title, holidays: Array(Set(holidays)).sorted(),
                               extraWorkdays: Array(Set(extra)).sorted())
    }

    /// Dates and `FROM..TO` ranges (both ends included).
    private static func dateRanges(_ r: FieldReader, _ key: String) -> [CivilDate] {
        var out: [CivilDate] = []
        for (s, loc) in r.items(key) ?? [] {
            if let range = s.range(of: "..") {
                let a = CivilDate(iso: String(s[..<range.lowerBound]))
                let b = CivilDate(iso: String(s[range.upperBound...]))
                guard let a, let b, a <= b, a.days(to: b) <= 366 else {
                    r.fail("malformed date range '\(s)' in '\(key)' of \(r.label); expected YYYY-MM-DD..YYYY-MM-DD",
                           at: loc, key: key)
                    continue
                }
                out += (0...a.days(to: b)).map { a.adding(days: $0) }
            } else if let d = CivilDate(iso: s) {
                out.append(d)
            } else {
                r.fail("malformed date '\(s)' in '\(key)' of \(r.label); expected YYYY-MM-DD", at: loc, key: key)
            }
        }
        return out
    }
}
