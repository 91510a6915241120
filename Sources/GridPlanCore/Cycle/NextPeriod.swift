import Foundation
import Yams

/// The scenario of the period after this one, written by editing the YAML text in place.
///
/// Only the scalars that change are touched, at the positions Yams reports for them, so the
/// user's comments, key order, quoting and blank lines survive: `horizon.start` moves by
/// `horizon.days`; dates of `horizon.holidays`, `horizon.extra_workdays` and every worker's
/// `days_off` before the new start are dropped; a week label (`2026-W09`) or the old start date
/// in `name` is updated. Everything else is kept as written.
public struct NextPeriod: Sendable {
    /// The new YAML text.
    public var yaml: String
    /// The new horizon start.
    public var start: CivilDate
    /// What changed, one line each, for the user (`horizon.start 2026-02-23 → 2026-03-02`).
    public var changes: [String]

    /// Rolls `yaml` (the text of `scenario`) on by one period.
    ///
    /// - Parameters:
    ///   - yaml: the scenario file's text.
    ///   - scenario: the same scenario, loaded (gives the horizon).
    ///   - relocate: rewrites a relative file name (households, patrols, history, travel matrix,
    ///     calendar file) for the new file's folder; nil keeps names as written.
    /// - Throws: `CycleError.unreadable` when the text is not a YAML mapping with a horizon.
    public static func roll(yaml: String, scenario: Scenario, relocate: ((String) -> String?)? = nil) throws
        -> NextPeriod {
        guard let root = try? Yams.compose(yaml: yaml), let top = root.mapping,
              let horizon = top["horizon"]?.mapping, let startNode = horizon["start"], startNode.scalar != nil
        else {
            throw CycleError.unreadable(path: scenario.source?.path ?? "scenario", why: "no horizon.start to move")
        }
        let old = scenario.horizon.start
        let new = old.adding(days: scenario.horizon.days)
        var edits = TextEdits(yaml)
        var changes: [String] = []
        var failure: String?

        edits.replace(scalar: startNode, with: new.iso)
        changes.append("horizon.start \(old.iso) → \(new.iso)")

        func dropPast(_ node: Node?, _ what: String) {
            guard let seq = node?.sequence else { return }
            let dropped = Array(seq).filter { n in (n.scalar.flatMap { CivilDate(iso: $0.string) }).map { $0 < new } ?? false }
            guard !dropped.isEmpty else { return }
            if !edits.remove(items: dropped, from: node!) {
                failure = "cannot edit \(what) at line \(seq.mark?.line ?? 0): write the list on one line"
            }
            changes.append("\(what): dropped \(dropped.compactMap { $0.scalar?.string }.joined(separator: ", "))")
        }
        dropPast(horizon["holidays"], "horizon.holidays")
        dropPast(horizon["extra_workdays"], "horizon.extra_workdays")
        for w in top["workers"]?.sequence ?? Node.Sequence() {
            guard let m = w.mapping else { continue }
            dropPast(m["days_off"], "days_off of \(m["id"]?.scalar?.string ?? "a worker")")
        }

        if let failure { throw CycleError.unreadable(path: scenario.source?.path ?? "scenario", why: failure) }

        if let nameNode = top["name"], let name = nameNode.scalar?.string {
            var renamed = name
            renamed = renamed.replacingOccurrences(of: old.isoWeekLabel, with: new.isoWeekLabel)
            renamed = renamed.replacingOccurrences(of: old.iso, with: new.iso)
            if renamed != name, nameNode.scalar?.style == .plain || nameNode.scalar?.style == .doubleQuoted
                || nameNode.scalar?.style == .singleQuoted {
                edits.replace(scalar: nameNode, with: renamed)
                changes.append("name \(name) → \(renamed)")
            }
        }

        if let relocate {
            var files: [(String, Node?)] = [("households", top["households"]), ("patrols", top["patrols"]),
                                            ("history", top["history"]), ("travel.matrix", top["travel"]?["matrix"])]
            if let c = horizon["calendar"], let name = c.scalar?.string, HolidayCalendar.preset(named: name) == nil {
                files.append(("horizon.calendar", c))
            }
            // A table may also be `{file: 台账.xlsx, sheet: 住户}`, and the history a list of those.
            func fileNodes(_ node: Node?) -> [Node] {
                guard let n = node else { return [] }
                if n.scalar != nil { return [n] }
                if let f = n["file"], f.scalar != nil { return [f] }
                return n.sequence?.flatMap { fileNodes($0) } ?? []
            }
            for (field, node) in files {
                for n in fileNodes(node) {
                    guard let name = n.scalar?.string, let moved = relocate(name), moved != name else { continue }
                    edits.replace(scalar: n, with: moved)
                    changes.append("\(field) \(name) → \(moved)")
                }
            }
        }
        return NextPeriod(yaml: edits.apply(), start: new, changes: changes)
    }

    /// The default output path for the next period of `path`: a date or week label at the end of the
    /// file's stem is replaced by the new start (`w-2026-02-23.yaml` → `w-2026-03-02.yaml`), otherwise
    /// the new start is appended (`scenario.yaml` → `scenario-2026-03-02.yaml`).
    public static func defaultOutputPath(for path: String, oldStart: CivilDate, newStart: CivilDate) -> String {
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension.isEmpty ? "yaml" : url.pathExtension
        var stem = url.deletingPathExtension().lastPathComponent
        let dir = ScenarioLoader.directory(of: path)
        if stem.hasSuffix(oldStart.iso) {
            stem = String(stem.dropLast(oldStart.iso.count)) + newStart.iso
        } else if stem.hasSuffix(oldStart.isoWeekLabel) {
            stem = String(stem.dropLast(oldStart.isoWeekLabel.count)) + newStart.isoWeekLabel
        } else {
            stem += "-" + newStart.iso
        }
        return ScenarioLoader.resolve("\(stem).\(ext)", against: dir)
    }

    /// `name` (relative to folder `from`) as seen from folder `to`; nil when absolute or unchanged.
    public static func relativeName(_ name: String, from: String, to: String) -> String? {
        guard !name.hasPrefix("/") else { return nil }
        let a = URL(fileURLWithPath: from.isEmpty ? "." : from).standardizedFileURL.path
        let b = URL(fileURLWithPath: to.isEmpty ? "." : to).standardizedFileURL.path
        guard a != b else { return nil }
        let target = URL(fileURLWithPath: a).appendingPathComponent(name).standardizedFileURL.pathComponents
        let base = URL(fileURLWithPath: b).pathComponents
        var common = 0
        while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
        let ups = Array(repeating: "..", count: base.count - common)
        return (ups + target[common...]).joined(separator: "/")
    }
}

extension CivilDate {
    /// The ISO week of the date as `YYYY-Www` (weeks start on Monday; week 1 holds the year's first Thursday).
    public var isoWeekLabel: String {
        let thursday = adding(days: 4 - weekday.rawValue)
        let year = thursday.components.year
        let jan1 = CivilDate(year: year, month: 1, day: 1)!
        let week = jan1.days(to: thursday) / 7 + 1
        return String(format: "%04d-W%02d", year, week)
    }
}

/// Replacements and line removals on a text, addressed by Yams marks (1-based line, column in
/// Unicode scalars), applied from the end so earlier positions stay valid.
struct TextEdits {
    private var lines: [[Unicode.Scalar]]
    private var endsWithNewline: Bool
    /// (line index, start column index, length in scalars, replacement)
    private var replacements: [(Int, Int, Int, String)] = []
    private var removedLines: Set<Int> = []

    init(_ text: String) {
        var ls: [[Unicode.Scalar]] = [[]]
        for u in text.unicodeScalars {
            if u == "\n" { ls.append([]) } else { ls[ls.count - 1].append(u) }
        }
        endsWithNewline = text.hasSuffix("\n")
        if endsWithNewline { ls.removeLast() }
        lines = ls
    }

    /// Replaces a scalar's source text (plain or quoted) with `text`, keeping its quoting style.
    mutating func replace(scalar node: Node, with text: String) {
        guard let s = node.scalar, let mark = s.mark else { return }
        let line = mark.line - 1, col = mark.column - 1
        let length = sourceLength(of: s, line: line, column: col)
        let rendered: String
        switch s.style {
        case .singleQuoted: rendered = "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .doubleQuoted:
            rendered = "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        default: rendered = text
        }
        replacements.append((line, col, length, rendered))
    }

    /// Removes `items` from a sequence: whole lines for a block sequence (`- 2026-02-23  # note`), or
    /// the items and their commas for a flow sequence (`[2026-02-23, 2026-03-01]`).
    /// - Returns: false when a flow sequence spans several lines (left untouched).
    mutating func remove(items: [Node], from node: Node) -> Bool {
        guard let seq = node.sequence else { return false }
        if let mark = seq.mark, mark.line - 1 < lines.count, mark.column - 1 < lines[mark.line - 1].count,
           lines[mark.line - 1][mark.column - 1] == "[" {
            // Rebuild the text between the brackets from the kept items' own source text.
            let line = mark.line - 1, open = mark.column - 1
            guard let close = closingBracket(line: line, from: open) else { return false }
            let dropped = Set(items.compactMap { $0.mark.map { "\($0.line):\($0.column)" } })
            let kept = seq.compactMap { n -> String? in
                guard let s = n.scalar, let m = s.mark, !dropped.contains("\(m.line):\(m.column)") else { return nil }
                let l = m.line - 1, c = m.column - 1
                return String(String.UnicodeScalarView(lines[l][c..<(c + sourceLength(of: s, line: l, column: c))]))
            }
            replacements.append((line, open, close - open + 1, "[" + kept.joined(separator: ", ") + "]"))
            return true
        }
        for n in items { if let m = n.mark { removedLines.insert(m.line - 1) } }
        if items.count == seq.count, let first = seq.first?.mark {
            // Every item goes: the key keeps an empty flow sequence so the field stays visible.
            var k = first.line - 2
            while k >= 0, lines[k].allSatisfy({ $0 == " " }) || lines[k].first(where: { $0 != " " }) == "#" { k -= 1 }
            if k >= 0 {
                let content = lines[k]
                let colon = commentStart(content) ?? content.count
                var end = colon
                while end > 0, content[end - 1] == " " { end -= 1 }
                replacements.append((k, end, 0, " []"))
            }
        }
        return true
    }

    /// Index of a `#` starting a comment outside quotes on a line, if any.
    private func commentStart(_ line: [Unicode.Scalar]) -> Int? {
        var quote: Unicode.Scalar?
        for (i, u) in line.enumerated() {
            if let q = quote { if u == q { quote = nil }; continue }
            if u == "'" || u == "\"" { quote = u; continue }
            if u == "#", i == 0 || line[i - 1] == " " { return i }
        }
        return nil
    }

    /// The column index of the `]` matching the `[` at `open` (same line; quotes respected).
    private func closingBracket(line: Int, from open: Int) -> Int? {
        var depth = 0
        var quote: Unicode.Scalar?
        let l = lines[line]
        for i in open..<l.count {
            let u = l[i]
            if let q = quote { if u == q { quote = nil }; continue }
            switch u {
            case "'", "\"": quote = u
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
        }
        return nil
    }

    /// Length in scalars of a scalar's source text at (line, column).
    private func sourceLength(of s: Node.Scalar, line: Int, column: Int) -> Int {
        let l = lines[line]
        switch s.style {
        case .singleQuoted, .doubleQuoted:
            let q: Unicode.Scalar = s.style == .singleQuoted ? "'" : "\""
            var i = column + 1
            while i < l.count {
                if l[i] == "\\", q == "\"" { i += 2; continue }
                if l[i] == q {
                    if q == "'", i + 1 < l.count, l[i + 1] == "'" { i += 2; continue }
                    return i - column + 1
                }
                i += 1
            }
            return l.count - column
        default:
            // A plain scalar on one line: its value's length (scenario dates, names and file names).
            return min(s.string.unicodeScalars.count, l.count - column)
        }
    }

    /// The edited text.
    func apply() -> String {
        var ls = lines
        for (line, col, length, text) in replacements.sorted(by: { ($0.0, $0.1) > ($1.0, $1.1) }) {
            ls[line].replaceSubrange(col..<(col + length), with: text.unicodeScalars)
        }
        var out = String.UnicodeScalarView()
        for (i, l) in ls.enumerated() where !removedLines.contains(i) {
            out.append(contentsOf: l)
            if i < ls.count - 1 || endsWithNewline { out.append("\n") }
        }
        return String(out)
    }
}
