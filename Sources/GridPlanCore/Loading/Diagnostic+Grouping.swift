extension Diagnostic {
    /// Findings with repeated warnings and notes of one kind folded into one line each.
    ///
    /// Findings of the same severity, file, CSV column and message, `minimum` or more of them, become
    /// one finding at the first one's place whose message ends with the rows (CSV) or lines (YAML)
    /// they were at: `visits.csv:2: warning: column result: unknown result 'ok' (85 rows: 2–86)`.
    /// Errors are never folded, so each keeps its place. The result keeps the order of first
    /// appearance; it depends only on the input, never on hashing.
    public static func grouped(_ findings: [Diagnostic], minimum: Int = 3) -> [Diagnostic] {
        struct Kind: Hashable { var severity: Severity; var file: String; var csvColumn: String?; var message: String }
        var members: [Kind: [Int]] = [:]
        for (i, d) in findings.enumerated() where d.severity != .error {
            members[Kind(severity: d.severity, file: d.file, csvColumn: d.csvColumn, message: d.message), default: []]
                .append(i)
        }
        var result: [Diagnostic] = []
        var folded: Set<Int> = []
        for (i, d) in findings.enumerated() where !folded.contains(i) {
            guard d.severity != .error,
                  let group = members[Kind(severity: d.severity, file: d.file, csvColumn: d.csvColumn, message: d.message)],
                  group.count >= minimum else {
                result.append(d)
                continue
            }
            folded.formUnion(group)
            let lines = group.compactMap { findings[$0].line }
            let unit = d.column == nil ? "rows" : "lines"
            var g = d
            g.message += lines.count == group.count
                ? " (\(group.count) \(unit): \(ranges(lines)))"
                : " (\(group.count) times)"
            result.append(g)
        }
        return result
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
