import Foundation
import GridPlanCore

/// A worker's day or days as terminal text (what `gridplan show` prints): the route in order with
/// times, names, addresses, phones and notes. The library renders; the command prints.
public enum WorkerDayListing {
    /// Why a listing cannot be made.
    public enum ListingError: Error, CustomStringConvertible, Equatable {
        case unknownWorker(String, known: [String])
        case dateOutsideHorizon(CivilDate, start: CivilDate, end: CivilDate)

        public var description: String {
            switch self {
            case let .unknownWorker(w, known):
                return "no worker '\(w)' in the plan or its scenario (workers: \(known.joined(separator: ", ")))"
            case let .dateOutsideHorizon(d, s, e):
                return "date \(d.iso) is outside the plan's horizon \(s.iso) – \(e.iso)"
            }
        }
    }

    /// The listing for `worker` on `date`, or on every day of the horizon when `date` is nil.
    /// - Parameters:
    ///   - worker: a worker id (or a worker's exact name).
    ///   - colour: ANSI colours for a terminal; plain text otherwise.
    /// - Throws: `ListingError` for an unknown worker or a date outside the horizon.
    public static func render(plan: Plan, scenario: ResolvedScenario, worker: String, date: CivilDate? = nil,
                              colour: Bool = false) throws -> String {
        let c = ReportContext(plan: plan, scenario: scenario)
        let t = c.strings
        guard let w = c.workers.first(where: { $0.id == worker }) ?? c.workers.first(where: { $0.name == worker }) else {
            throw ListingError.unknownWorker(worker, known: c.workers.map(\.id))
        }
        if let d = date, !scenario.horizon.contains(d) {
            throw ListingError.dateOutsideHorizon(d, start: scenario.horizon.start, end: scenario.horizon.end)
        }
        func style(_ code: String, _ s: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        let e = Escape.terminal
        var out = style("1", "\(e(c.workerLabel(w.id))) · \(e(scenario.name))") + "\n"
        let routes = c.routes(of: w.id).filter { date == nil || $0.date == date }
        if routes.isEmpty {
            if let d = date {
                let off = !c.isWorkingDay(d, for: w)
                out += "\n" + t.day(d) + (off ? " · \(t[.offDay])" : "") + "\n" + t[.noStopsThatDay] + "\n"
            } else {
                out += "\n" + t[.noRoutes] + "\n"
            }
            return out
        }
        for r in routes {
            let n = c.counts(r)
            out += "\n" + style("1;4", "\(t.day(r.date)) \(r.date.iso)") + "\n"
            out += "\(t[.leaves]) \(r.start.hhmm) \(e(c.placeName(w.start))) · \(t[.returns]) \(r.end.hhmm) \(e(c.placeName(w.end)))"
            out += " · \(t.stops(n.stops)) · \(t.hours(minutes: c.workingMinutes(r)))"
            out += " · \(t[.travel]) \(Format.decimal(r.travelKm, places: 1)) \(t[.km])\n"
            for d in c.details(of: r) {
                let s = d.stop
                let name = d.name.isEmpty ? s.task : d.name
                out += "\n" + style("1", String(format: "%2d. ", d.order) + "\(s.start.hhmm)–\(s.end.hhmm)")
                out += " " + style(s.kind == .patrol ? "33" : "36", t.kind(s.kind)) + " " + style("1", e(name))
                out += " (\(e(s.task)))"
                if !d.categories.isEmpty { out += " [\(e(d.categories.joined(separator: t.listSeparator)))]" }
                if let note = c.campaignNote(s) { out += " " + style("35", e(note)) }
                out += "\n"
                let indent = "    "
                out += indent + style("2", "\(t[.arrive]) \(s.arrive.hhmm) · \(t[.travel]) \(s.travelMin) \(t[.minutes])") + "\n"
                if !d.address.isEmpty { out += indent + "\(t[.address]): \(e(d.address))\n" }
                if !d.phone.isEmpty { out += indent + "\(t[.phone]): \(e(d.phone))\n" }
                if !s.with.isEmpty {
                    out += indent + "\(t[.with]): \(e(s.with.map { c.workerLabel($0) }.joined(separator: t.listSeparator)))\n"
                }
                out += indent + "\(t[.lastVisit]): \(e(DailyHTML.lastVisitText(c, task: s.task, before: r.date)))\n"
                if !d.notes.isEmpty { out += indent + "\(s.kind == .patrol ? t[.checkHere] : t[.notes]): \(e(d.notes))\n" }
                for f in d.extra where !f.value.isEmpty { out += indent + "\(e(f.name)): \(e(f.value))\n" }
            }
        }
        return out
    }

    /// `render(plan:scenario:worker:date:colour:)` for a scenario not resolved yet (it is resolved for this call).
    public static func render(plan: Plan, scenario: Scenario, worker: String, date: CivilDate? = nil,
                              colour: Bool = false) throws -> String {
        try render(plan: plan, scenario: ResolvedScenario(scenario), worker: worker, date: date, colour: colour)
    }
}
