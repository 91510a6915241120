import Foundation

/// A time of day in whole minutes after midnight of the horizon's local day.
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Minutes after midnight (0 … 1440).
    public var minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    /// Parses `H:MM` or `HH:MM` (00:00 … 24:00); nil otherwise.
    public init?(hhmm text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts[0].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isASCII),
              let h = Int(parts[0]), let m = Int(parts[1]),
              (0...24).contains(h), (0...59).contains(m), h * 60 + m <= 1440 else { return nil }
        minutes = h * 60 + m
    }

    /// `HH:MM`.
    public var hhmm: String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }
    public var description: String { hhmm }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }
}

extension TimeOfDay: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let t = TimeOfDay(hhmm: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a time HH:MM, got '\(s)'")
        }
        self = t
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(hhmm)
    }
}

/// A span of the day, `start` inclusive to `end`; valid spans have `end > start`.
public struct TimeWindow: Hashable, Sendable, CustomStringConvertible {
    public var start: TimeOfDay
    public var end: TimeOfDay

    public init(start: TimeOfDay, end: TimeOfDay) {
        self.start = start
        self.end = end
    }

    public init(_ start: Int, _ end: Int) {
        self.start = TimeOfDay(minutes: start)
        self.end = TimeOfDay(minutes: end)
    }

    /// Parses `HH:MM-HH:MM` (also with `–`, `~` or `～` between); nil when malformed. Does not check `end > start`.
    public init?(text: String) {
        let seps: [Character] = ["-", "–", "~", "～"]
        guard let i = text.firstIndex(where: { seps.contains($0) }),
              let a = TimeOfDay(hhmm: String(text[..<i])),
              let b = TimeOfDay(hhmm: String(text[text.index(after: i)...])) else { return nil }
        start = a
        end = b
    }

    public var lengthMinutes: Int { end.minutes - start.minutes }
    public var description: String { "\(start.hhmm)-\(end.hhmm)" }

    /// Minutes of `[a, b)` that fall inside this window.
    public func overlap(_ a: Int, _ b: Int) -> Int {
        max(0, min(b, end.minutes) - max(a, start.minutes))
    }

    /// The intersection of two windows, nil when they share no minute.
    public func intersection(_ other: TimeWindow) -> TimeWindow? {
        let s = max(start, other.start), e = min(end, other.end)
        return e > s ? TimeWindow(start: s, end: e) : nil
    }
}
