import Foundation

/// A calendar day with no time of day and no time zone: what a roster means by "a date".
///
/// Stored as the number of days since 1970-01-01 (proleptic Gregorian), so arithmetic and
/// comparison are integer operations and nothing depends on the machine's time zone.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// Creates a date from its year, month (1–12) and day (1–31); nil when the day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else {
            return nil
        }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        dayNumber = era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD` (exactly ten characters); nil for anything else or a day that does not exist.
    public init?(iso text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard t.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let c = components
        return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
    }

    public var description: String { iso }

    /// The day of the week (1970-01-01 was a Thursday).
    public var weekday: Weekday {
        let r = ((dayNumber % 7) + 7) % 7  // 0 = Thursday
        return Weekday(rawValue: (r + 3) % 7 + 1)!
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: CivilDate) -> Int { other.dayNumber - dayNumber }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension CivilDate: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = CivilDate(iso: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a date YYYY-MM-DD, got '\(s)'")
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

/// A day of the week, Monday = 1 … Sunday = 7 (ISO 8601).
public enum Weekday: Int, CaseIterable, Comparable, Sendable, Codable {
    case mon = 1, tue, wed, thu, fri, sat, sun

    /// The three-letter name used in scenarios: `mon` … `sun`.
    public var name: String { ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue - 1] }

    /// Accepts `mon`…`sun`, full English names, and 周一…周日 / 星期一…星期日; case-insensitive.
    public init?(name raw: String) {
        let s = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard let d = Weekday.names[s] else { return nil }
        self = d
    }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }

    private static let names: [String: Weekday] = [
        "mon": .mon, "monday": .mon, "周一": .mon, "星期一": .mon,
        "tue": .tue, "tuesday": .tue, "周二": .tue, "星期二": .tue,
        "wed": .wed, "wednesday": .wed, "周三": .wed, "星期三": .wed,
        "thu": .thu, "thursday": .thu, "周四": .thu, "星期四": .thu,
        "fri": .fri, "friday": .fri, "周五": .fri, "星期五": .fri,
        "sat": .sat, "saturday": .sat, "周六": .sat, "星期六": .sat,
        "sun": .sun, "sunday": .sun, "周日": .sun, "星期日": .sun, "周天": .sun, "星期天": .sun,
    ]

    /// Monday to Friday.
    public static let workweek: [Weekday] = [.mon, .tue, .wed, .thu, .fri]
}
