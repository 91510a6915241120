import Foundation

/// A worker who cannot work on some days of a re-planned period (illness, an urgent meeting).
public struct Absence: Sendable, Hashable, Codable {
    /// The worker's id.
    public var worker: String
    /// First day of absence.
    public var from: CivilDate
    /// Last day of absence (inclusive).
    public var through: CivilDate

    public init(worker: String, from: CivilDate, through: CivilDate) {
        self.worker = worker
        self.from = from
        self.through = through
    }

    /// The part of the absence from `date` on through `last`, nil when none of it is.
    public func clipped(from date: CivilDate, through last: CivilDate) -> Absence? {
        let a = max(from, date), b = min(through, last)
        return a <= b ? Absence(worker: worker, from: a, through: b) : nil
    }

    /// The dates of the absence, in order.
    public var dates: [CivilDate] {
        guard from <= through else { return [] }
        return (0...from.days(to: through)).map { from.adding(days: $0) }
    }

    /// Parses `W02` (absent from `defaultFrom` through `defaultThrough`), `W02:2026-02-25` (one day)
    /// or `W02:2026-02-25..2026-02-27`; nil with a reason when malformed.
    public static func parse(_ text: String, defaultFrom: CivilDate, defaultThrough: CivilDate)
        -> Result<Absence, CycleInputError> {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let worker = parts[0].trimmingCharacters(in: .whitespaces)
        guard !worker.isEmpty else { return .failure(CycleInputError("--absent '\(text)': no worker id")) }
        guard parts.count == 2 else { return .success(Absence(worker: worker, from: defaultFrom, through: defaultThrough)) }
        let range = parts[1].components(separatedBy: "..")
        guard range.count <= 2, let a = CivilDate(iso: range[0]) else {
            return .failure(CycleInputError("--absent '\(text)': expected W, W:DATE or W:DATE..DATE with dates YYYY-MM-DD"))
        }
        guard range.count == 2 else { return .success(Absence(worker: worker, from: a, through: a)) }
        guard let b = CivilDate(iso: range[1]) else {
            return .failure(CycleInputError("--absent '\(text)': '\(range[1])' is not a date YYYY-MM-DD"))
        }
        guard a <= b else { return .failure(CycleInputError("--absent '\(text)': the range ends before it starts")) }
        return .success(Absence(worker: worker, from: a, through: b))
    }
}

/// What happened mid-period: absent workers and households that must be visited at once.
public struct Disruption: Sendable, Hashable {
    /// Workers who cannot work on some of the re-planned days.
    public var absences: [Absence]
    /// Task ids to visit on the re-plan date or the next working day, before anything else.
    public var urgent: [String]

    public init(absences: [Absence] = [], urgent: [String] = []) {
        self.absences = absences
        self.urgent = urgent
    }
}

/// A mistake in a command's input (a flag's value, a date out of range) with a message for the user.
public struct CycleInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, for the user (`--absent: unknown worker 'W09'`).
    public var message: String
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
