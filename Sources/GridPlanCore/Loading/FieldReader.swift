import Foundation
import Yams

/// Reads the fields of one record of a scenario (the top level, the horizon, a worker, a household …)
/// from a YAML mapping or a CSV row. Its typed accessors parse a field and report a malformed value at the
/// field's own place, then return nil, so loading goes on and every mistake is found in one run.
final class FieldReader {
    enum Value {
        case node(Node)
        case cell(String)
    }

    struct Field {
        var value: Value
        /// Where the value is (for CSV: the row's line and the column name).
        var location: SourceLocation
    }

    /// What the record is, for messages: `worker`, `household`, `horizon`.
    let kind: String
    /// How messages name it: `worker 'W01'`, `household #3`, `horizon`.
    private(set) var label: String
    /// Where the record starts.
    let location: SourceLocation
    /// Dotted YAML path (`workers[2]`), or nil for a CSV row.
    let path: String?
    let isCSV: Bool
    let log: DiagnosticLog
    private(set) var fields: [String: Field] = [:]
    /// Unknown CSV columns, kept as notes.
    private(set) var extra: [ExtraField] = []
    /// Whether any field of this record was reported as an error.
    private(set) var failed = false
    /// Required fields whose absence was already reported once for the whole file (a missing CSV column).
    private var silenced: Set<String> = []
    /// For a table row: where each of the table's columns is in this row (by format name), so an
    /// empty cell is reported at its own cell.
    private var columnPlaces: [String: SourceLocation] = [:]

    /// A record from a YAML mapping. Unknown keys are errors with a did-you-mean; null values are absent.
    init(kind: String, label: String, mapping: Node.Mapping, file: String, path: String?, known: [String],
         idKey: String? = nil, log: DiagnosticLog) {
        self.kind = kind
        var name = label
        if let idKey {
            for (k, v) in mapping where k.scalar?.string == idKey {
                if let id = v.scalar?.string, !id.isEmpty { name = "\(kind) '\(id)'" }
            }
        }
        self.label = name
        self.location = FieldReader.location(of: mapping.mark, in: file)
        self.path = path
        self.isCSV = false
        self.log = log
        for (k, v) in mapping {
            let key = k.scalar?.string ?? "\(k)"
            let keyLocation = FieldReader.location(of: k.mark, in: file)
            guard known.contains(key) else {
                fail("unknown field '\(key)' in \(self.label)\(Spelling.hint(for: key, among: known))", at: keyLocation,
                     key: key)
                continue
            }
            if v.null != nil { continue }
            fields[key] = Field(value: .node(v), location: FieldReader.location(of: v.mark, in: file))
        }
    }

    /// A record from a CSV row. Empty cells are absent; unknown columns go to `extra`.
    init(kind: String, label: String, row: CSVTable.Row, table: CSVTable, known: [String], log: DiagnosticLog) {
        self.kind = kind
        self.label = label
        self.location = table.location(line: row.line)
        self.path = nil
        self.isCSV = true
        self.log = log
        for (i, name) in table.header.enumerated() where !name.isEmpty {
            let place = table.location(line: row.line, column: i)
            if known.contains(name), columnPlaces[name] == nil { columnPlaces[name] = place }
            let cell = i < row.cells.count ? row.cells[i].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            guard !cell.isEmpty else { continue }
            if known.contains(name) {
                if fields[name] == nil {
                    fields[name] = Field(value: .cell(cell), location: place)
                }
            } else {
                extra.append(ExtraField(name: table.shownHeader[i], value: cell))
            }
        }
    }

    static func location(of mark: Mark?, in file: String) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line, column: mark?.column)
    }

    /// Names the record by one of its fields: `worker 'W01'`.
    @discardableResult
    func identify(by key: String = "id") -> String? {
        guard let f = fields[key], let s = scalarText(f), !s.isEmpty else { return nil }
        label = "\(kind) '\(s)'"
        return s
    }

    /// Reports an error about this record and marks it failed.
    func fail(_ message: String, at location: SourceLocation, key: String? = nil) {
        failed = true
        log.error(message, at: location, path: fieldPath(key))
    }

    /// Reports an error about field `key` (at the field, or at the record when absent).
    func fail(_ key: String, _ message: String) {
        fail(message, at: place(of: key), key: key)
    }

    func warn(_ key: String?, _ message: String) {
        log.warning(message, at: key.map(place(of:)) ?? location, path: fieldPath(key))
    }

    func fieldPath(_ key: String?) -> String? {
        guard let p = path else { return nil }
        return key.map { "\(p).\($0)" } ?? p
    }

    /// Where field `key` is, or where the record is when the field is absent.
    func place(of key: String) -> SourceLocation {
        if let f = fields[key] { return f.location }
        return isCSV ? columnPlaces[key] ?? location.csv(column: key) : location
    }

    func has(_ key: String) -> Bool { fields[key] != nil }

    /// Marks `keys` as reported already: a missing value there fails the record without a new message.
    func silence(_ keys: Set<String>) { silenced.formUnion(keys) }

    func node(_ key: String) -> Node? {
        if case .node(let n)? = fields[key]?.value { return n }
        return nil
    }

    /// Reports `key` missing when it is absent and required; returns whether it is present.
    @discardableResult
    func require(_ key: String) -> Bool {
        if has(key) { return true }
        if silenced.contains(key) {
            failed = true
            return false
        }
        fail("missing required field '\(key)' in \(label)", at: place(of: key), key: key)
        return false
    }

    /// The text of `key` without reporting anything (nil when absent or not a single value).
    func peek(_ key: String) -> String? {
        fields[key].flatMap(scalarText)
    }

    /// The items of list field `key` with their places, without reporting anything.
    func peekItems(_ key: String) -> [(String, SourceLocation)] {
        guard let f = fields[key] else { return [] }
        switch f.value {
        case .cell(let s):
            return FieldReader.split(s, separators: [";", "；"]).map { ($0, f.location) }
        case .node(let n):
            if let seq = n.sequence {
                return seq.compactMap { item in
                    guard let s = item.scalar?.string.trimmingCharacters(in: .whitespaces), !s.isEmpty else {
                        return nil
                    }
                    return (s, FieldReader.location(of: item.mark, in: f.location.file))
                }
            }
            if let s = n.scalar?.string { return FieldReader.split(s, separators: [";", "；", ","]).map { ($0, f.location) } }
            return []
        }
    }

    private func scalarText(_ f: Field) -> String? {
        switch f.value {
        case .cell(let s): return s
        case .node(let n): return n.scalar?.string
        }
    }

    // MARK: - Typed accessors

    /// A single text value.
    func text(_ key: String, required: Bool = false) -> String? {
        guard let f = fields[key] else {
            if required { require(key) }
            return nil
        }
        switch f.value {
        case .cell(let s): return s
        case .node(let n):
            if let s = n.scalar { return s.string }
            fail(key, "'\(key)' of \(label) must be a single value, not \(n.sequence != nil ? "a list" : "a mapping")")
            return nil
        }
    }

    /// A whole number.
    func int(_ key: String, required: Bool = false) -> Int? {
        guard let s = text(key, required: required) else { return nil }
        let t = s.trimmingCharacters(in: .whitespaces)
        if let v = Int(t) { return v }
        if let d = Double(t), d == d.rounded(), abs(d) < 1e15 { return Int(d) }
        fail(key, "'\(key)' of \(label) must be a whole number, not '\(s)'")
        return nil
    }

    /// A decimal number.
    func double(_ key: String, required: Bool = false) -> Double? {
        guard let s = text(key, required: required) else { return nil }
        if let v = Double(s.trimmingCharacters(in: .whitespaces)), v.isFinite { return v }
        fail(key, "'\(key)' of \(label) must be a number, not '\(s)'")
        return nil
    }

    /// An ISO date `YYYY-MM-DD` (quoted or not in YAML).
    func date(_ key: String, required: Bool = false) -> CivilDate? {
        guard let s = text(key, required: required) else { return nil }
        if let d = CivilDate(iso: s) { return d }
        fail(key, "malformed date '\(s)' in '\(key)' of \(label); expected YYYY-MM-DD")
        return nil
    }

    /// The items of a list field with their places: a YAML sequence of scalars, or one text split on
    /// `;` or `；` (and `,` in YAML).
    func items(_ key: String, required: Bool = false) -> [(String, SourceLocation)]? {
        guard let f = fields[key] else {
            if required { require(key) }
            return nil
        }
        switch f.value {
        case .cell(let s):
            return FieldReader.split(s, separators: [";", "；"]).map { ($0, f.location) }
        case .node(let n):
            if let seq = n.sequence {
                var out: [(String, SourceLocation)] = []
                for item in seq {
                    let loc = FieldReader.location(of: item.mark, in: f.location.file)
                    guard let s = item.scalar?.string else {
                        fail("items of '\(key)' in \(label) must be single values", at: loc, key: key)
                        continue
                    }
                    let t = s.trimmingCharacters(in: .whitespaces)
                    if !t.isEmpty { out.append((t, loc)) }
                }
                return out
            }
            if let s = n.scalar?.string {
                return FieldReader.split(s, separators: [";", "；", ","]).map { ($0, f.location) }
            }
            fail(key, "'\(key)' of \(label) must be a list, not a mapping")
            return nil
        }
    }

    static func split(_ s: String, separators: Set<Character>) -> [String] {
        s.split(whereSeparator: { separators.contains($0) })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    /// A list of texts.
    func strings(_ key: String, required: Bool = false) -> [String]? {
        items(key, required: required)?.map(\.0)
    }

    /// A list of ISO dates; malformed items are reported one by one.
    func dates(_ key: String) -> [CivilDate]? {
        guard let list = items(key) else { return nil }
        var out: [CivilDate] = []
        for (s, loc) in list {
            if let d = CivilDate(iso: s) { out.append(d) } else {
                fail("malformed date '\(s)' in '\(key)' of \(label); expected YYYY-MM-DD", at: loc, key: key)
            }
        }
        return out
    }

    /// A list of weekday names (`mon` … `sun`, English names, 周一 … 周日).
    func weekdays(_ key: String) -> [Weekday]? {
        guard let list = items(key) else { return nil }
        var out: [Weekday] = []
        for (s, loc) in list {
            if let d = Weekday(name: s) {
                if !out.contains(d) { out.append(d) }
            } else {
                let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
                let hint = Spelling.hint(for: s, among: Weekday.allCases.map(\.name) + names)
                fail("unknown weekday '\(s)' in '\(key)' of \(label)\(hint)", at: loc, key: key)
            }
        }
        return out
    }

    /// A time window: `["09:00", "11:30"]` or `"09:00-11:30"` in YAML, `09:00-11:30` in CSV.
    /// Reports a malformed time and a window that does not end after it starts.
    func window(_ key: String, required: Bool = false) -> TimeWindow? {
        guard let f = fields[key] else {
            if required { require(key) }
            return nil
        }
        let expected = isCSV ? "HH:MM-HH:MM" : "[\"HH:MM\", \"HH:MM\"]"
        var parsed: TimeWindow?
        switch f.value {
        case .cell(let s):
            parsed = TimeWindow(text: s)
            if parsed == nil { fail(key, "malformed window '\(s)' in '\(key)' of \(label); expected \(expected)") }
        case .node(let n):
            if let seq = n.sequence {
                let items = Array(seq)
                guard items.count == 2 else {
                    fail(key, "'\(key)' of \(label) must be two times, a start and an end; expected \(expected)")
                    return nil
                }
                var times: [TimeOfDay] = []
                for item in items {
                    let loc = FieldReader.location(of: item.mark, in: f.location.file)
                    let s = item.scalar?.string ?? ""
                    if let t = TimeOfDay(hhmm: s) { times.append(t) } else {
                        fail("malformed time '\(s)' in '\(key)' of \(label); expected HH:MM", at: loc, key: key)
                    }
                }
                if times.count == 2 { parsed = TimeWindow(start: times[0], end: times[1]) }
            } else if let s = n.scalar?.string {
                parsed = TimeWindow(text: s)
                if parsed == nil { fail(key, "malformed window '\(s)' in '\(key)' of \(label); expected \(expected)") }
            } else {
                fail(key, "'\(key)' of \(label) must be two times; expected \(expected)")
            }
        }
        guard let w = parsed else { return nil }
        guard w.end > w.start else {
            fail(key, "'\(key)' of \(label) must end after it starts (\(w.start.hhmm)-\(w.end.hhmm))")
            return nil
        }
        return w
    }

    // MARK: - Range checks

    /// Reports `key` when `value` is below `minimum`.
    func checkAtLeast(_ key: String, _ value: Int?, _ minimum: Int) {
        guard let v = value, v < minimum else { return }
        fail(key, minimum == 1 ? "'\(key)' of \(label) must be at least 1, not \(v)"
                               : "'\(key)' of \(label) must be at least \(minimum), not \(v)")
    }

    /// Reports `key` when `value` is not positive.
    func checkPositive(_ key: String, _ value: Double?) {
        guard let v = value, v <= 0 else { return }
        fail(key, "'\(key)' of \(label) must be positive, not \(FieldReader.format(v))")
    }

    /// Reports `key` when `value` is negative.
    func checkNotNegative(_ key: String, _ value: Double?) {
        guard let v = value, v < 0 else { return }
        fail(key, "'\(key)' of \(label) must not be negative, not \(FieldReader.format(v))")
    }

    /// Reports `key` when `value` is outside `range`.
    func checkRange(_ key: String, _ value: Int?, _ range: ClosedRange<Int>) {
        guard let v = value, !range.contains(v) else { return }
        fail(key, "'\(key)' of \(label) must be within \(range.lowerBound)...\(range.upperBound), not \(v)")
    }

    /// Reads `lat` and `lon` and checks their ranges.
    func geoPoint() -> GeoPoint? {
        let lat = double("lat", required: true)
        let lon = double("lon", required: true)
        if let v = lat, !(-90...90).contains(v) {
            fail("lat", "latitude \(FieldReader.format(v)) of \(label) is outside -90...90")
        }
        if let v = lon, !(-180...180).contains(v) {
            fail("lon", "longitude \(FieldReader.format(v)) of \(label) is outside -180...180")
        }
        guard let a = lat, let b = lon, (-90...90).contains(a), (-180...180).contains(b) else { return nil }
        return GeoPoint(lat: a, lon: b)
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
