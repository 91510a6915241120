import Foundation

/// A plain-text table for terminals, aligned by display width (a Chinese character takes two columns).
struct TextTable {
    enum Alignment { case left, right }

    var header: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []
    /// Per cell, an ANSI SGR code (e.g. `32` for green) or nil; applied only when rendering with colour.
    var styles: [[String?]] = []

    init(header: [String], alignments: [Alignment]) {
        self.header = header
        self.alignments = alignments
    }

    mutating func append(_ row: [String], styles rowStyles: [String?] = []) {
        rows.append(row)
        styles.append(rowStyles)
    }

    /// The table with a rule under the header; columns two spaces apart; no trailing spaces.
    /// - Parameter colour: wrap styled cells in ANSI escapes (for a terminal only).
    func render(colour: Bool = false) -> String {
        let all = [header] + rows
        let n = header.count
        var widths = Array(repeating: 0, count: n)
        for r in all { for (i, cell) in r.enumerated() where i < n { widths[i] = max(widths[i], TextTable.width(cell)) } }
        func line(_ r: [String], _ st: [String?]) -> String {
            var parts: [String] = []
            for i in 0..<n {
                let cell = i < r.count ? r[i] : ""
                let padding = String(repeating: " ", count: widths[i] - TextTable.width(cell))
                var shown = cell
                if colour, i < st.count, let code = st[i], !cell.isEmpty { shown = "\u{1B}[\(code)m\(cell)\u{1B}[0m" }
                parts.append(alignments[i] == .right ? padding + shown : shown + padding)
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        var out = line(header, colour ? Array(repeating: "1", count: n) : []) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for (r, st) in zip(rows, styles) { out += line(r, st) + "\n" }
        return out
    }

    /// Columns a string takes in a terminal: East Asian wide and fullwidth characters count two,
    /// combining marks and zero-width characters none.
    static func width(_ s: String) -> Int {
        var w = 0
        for u in s.unicodeScalars {
            let v = u.value
            switch v {
            case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: continue
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x20000...0x3FFFD:
                w += 2
            default:
                if v < 0x20 { continue }
                w += 1
            }
        }
        return w
    }
}
