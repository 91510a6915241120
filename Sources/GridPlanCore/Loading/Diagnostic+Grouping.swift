import Foundation

extension Diagnostic {
    /// Findings with repeated warnings and notes of one kind folded into one line each.
    ///
    /// Two findings are of one kind when they have the same severity, file and CSV column and their
    /// messages are the same apart from quoted names (`'XH-H001'`). Of a kind's quoted names, those
    /// that differ on every finding name the row's own record and are shown as `'…'`; the others
    /// (`unknown result 'ok'` against `'yes'`) keep kinds apart. `minimum` or more findings of one
    /// kind become one finding at the first one's place, its message ending with the rows (CSV) or
    /// lines (YAML) they were at:
    /// `visits.csv:2: warning: column result: unknown result 'ok' in history entry '…' (85 rows: 2–86)`.
    /// Errors are never folded, so each keeps its place. The result keeps the order of first
    /// appearance and depends only on the input, never on hashing.
    public static func grouped(_ findings: [Diagnostic], minimum: Int = 3) -> [Diagnostic] {
        struct Kind: Hashable { var severity: Severity; var file: String; var csvColumn: String?; var template: String }
        let parsed = findings.map { quotedParts(of: $0.message) }
        var kinds: [Kind: [Int]] = [:]
        for (i, d) in findings.enumerated() where d.severity != .error {
            kinds[Kind(severity: d.severity, file: d.file, csvColumn: d.csvColumn, template: parsed[i].template),
                  default: []].append(i)
        }
        // For each finding folded into a group: the group's first member, and the group's message.
        var groupOf: [Int: Int] = [:]
        var message: [Int: String] = [:]
        var members: [Int: [Int]] = [:]
        for (_, group) in kinds where group.count >= minimum {
            let width = parsed[group[0]].names.count
            let ownName = (0..<width).map { p in Set(group.map { parsed[$0].names[p] }).count == group.count }
            var subgroups: [[String]: [Int]] = [:]
            for i in group {
                let key = (0..<width).map { ownName[$0] ? "" : parsed[i].names[$0] }
                subgroups[key, default: []].append(i)
            }
            for (_, sub) in subgroups where sub.count >= minimum {
                let first = sub.min()!
                let names = (0..<width).map { ownName[$0] ? "'…'" : parsed[first].names[$0] }
                message[first] = fill(parsed[first].template, with: names)
                members[first] = sub
                for i in sub { groupOf[i] = first }
            }
        }
        var result: [Diagnostic] = []
        for (i, d) in findings.enumerated() {
            guard let first = groupOf[i] else { result.append(d); continue }
            guard first == i, let sub = members[i] else { continue }
            let lines = sub.compactMap { findings[$0].line }
            let unit = d.column == nil ? "rows" : "lines"
            var g = d
            g.message = message[i]! + (lines.count == sub.count
                ? " (\(sub.count) \(unit): \(ranges(lines)))" : " (\(sub.count) times)")
            result.append(g)
        }
        return result
    }

    /// The message with each `'…'`-quoted name replaced by a placeholder, and the names in order.
    static func quotedParts(of message: String) -> (template: String, names: [String]) {
        var template = "", names: [String] = []
        var current: String?
        for ch in message {
            if var name = current {
                name.append(ch)
                if ch == "'" { names.append(name); template.append("\u{0}"); current = nil } else { current = name }
            } else if ch == "'" {
                current = "'"
            } else {
                template.append(ch)
            }
        }
        if let open = current { template += open }  // an unclosed quote is text
        return (template, names)
    }

    static func fill(_ template: String, with names: [String]) -> String {
        var out = "", next = names.makeIterator()
        for ch in template { if ch == "\u{0}" { out += next.next() ?? "" } else { out.append(ch) } }
        return out
    }

    /// `2–86`, or `2–40, 42, 44–86`; after six ranges, `…` and the last line.
    static func ranges(_ numbers: [Int]) -> String {
        let sorted = Array(Set(numbers)).sorted()
        var spans: [(Int, Int)] = []
        for n in sorted {
            if let last = spans.last, last.1 + 1 == n { spans[spans.count - 1].1 = n } else { spans.append((n, n)) }
        }
        let text = spans.map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)–\($0.1)" }
        return text.count <= 6 ? text.joined(separator: ", ")
            : text.prefix(5).joined(separator: ", ") + ", … " + "\(sorted.last!)"
    }
}
