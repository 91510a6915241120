import Foundation

/// Escaping for every output format. Scenario text is hostile until escaped: a note holding
/// `<script>` must show as text, a name starting with `=` must never run as a spreadsheet formula.
enum Escape {
    /// Text for HTML element content and double- or single-quoted attribute values.
    static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// HTML text with line breaks kept as `<br>`.
    static func htmlLines(_ s: String) -> String {
        s.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { html(String($0)) }.joined(separator: "<br>")
    }

    /// HTML text with line breaks kept, where words joined by `-` or `:` (dates `2026-02-24`, times
    /// `19:00-21:00`, ids `FL-03`) are kept on one line in a `<span class="nb">`: a browser would
    /// otherwise break a line after a hyphen.
    static func htmlKeepingTokens(_ s: String) -> String {
        htmlLines(s).replacingOccurrences(of: "[A-Za-z0-9]+(?:[-:][A-Za-z0-9]+)+", with: "<span class=\"nb\">$0</span>",
                                          options: .regularExpression)
    }

    /// A phone number reduced to what a `tel:` link may hold (digits, `+`, `-`); nil when no digit is left.
    static func telURI(_ phone: String) -> String? {
        let kept = phone.unicodeScalars.filter { ("0"..."9").contains($0) || $0 == "+" || $0 == "-" }
        guard kept.contains(where: { ("0"..."9").contains($0) }) else { return nil }
        return "tel:" + String(String.UnicodeScalarView(kept))
    }

    /// RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and newlines escaped; other controls dropped.
    static func icsText(_ s: String) -> String {
        var out = ""
        var previousCR = false
        for ch in s.unicodeScalars {
            defer { previousCR = ch == "\r" }
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousCR { out += "\\n" }
            case "\t": out += " "
            default:
                if ch.value < 0x20 || ch.value == 0x7F { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A spreadsheet cell that can never run as a formula: text starting with `=`, `+`, `-`, `@`,
    /// a tab or a carriage return gets a leading `'` (OWASP CSV injection advice).
    static func csvCell(_ s: String) -> String {
        guard let first = s.unicodeScalars.first else { return s }
        let dangerous: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"]
        return dangerous.contains(first) ? "'" + s : s
    }

    /// Markdown text in a table cell or a list item: markup characters and raw HTML neutralised,
    /// line breaks turned into spaces so a cell stays on its line.
    static func markdown(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "!", "{", "}":
                out += "\\"
                out.unicodeScalars.append(ch)
            case "&": out += "&amp;"
            case "\r", "\n", "\t": out += " "
            default:
                if ch.value < 0x20 || ch.value == 0x7F { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Text for a terminal: control characters (escape sequences above all) removed, newlines to spaces.
    static func terminal(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            if ch == "\n" || ch == "\r" || ch == "\t" { out += " "; continue }
            if ch.value < 0x20 || (0x7F...0x9F).contains(ch.value) { continue }
            out.unicodeScalars.append(ch)
        }
        return out
    }
}
