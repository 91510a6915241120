import Foundation

/// A rough weekly load of a scenario against its workers' time, to size generated scenarios and
/// to tell a user whether a week can be kept on time at all. Not a plan: it assumes every task is
/// visited as late as its rhythm allows (the fewest visits), and estimates travel from distances
/// to grid centres.
public struct LoadEstimate: Sendable, Hashable {
    /// Fewest visits (patrols included) that keep every task on time; a pair visit counts once.
    public var visits: Int
    /// Minutes on site, a pair visit counted for each of its workers.
    public var serviceMinutes: Int
    /// Estimated travel minutes: a leg per stop worker plus the way to and from the grid each worker-day.
    public var travelMinutes: Int
    /// Minutes the workers are available: shift less break over their working days.
    public var capacityMinutes: Int
    /// Tasks whose first due date is on or before the first working day.
    public var dueOnFirstDay: Int

    /// `(service + travel) / capacity`; 0 without capacity.
    public var utilisation: Double {
        capacityMinutes > 0 ? Double(serviceMinutes + travelMinutes) / Double(capacityMinutes) : 0
    }

    /// Estimates the load of `scenario`.
    ///
    /// - Complexity: O(tasks × working days + workers × days).
    public init(scenario: Scenario) {
        let calendar = WorkingCalendar(horizon: scenario.horizon)
        let workdays = calendar.workingDays
        capacityMinutes = scenario.workers.reduce(0) {
            $0 + calendar.workingDays(for: $1).count * $1.availableMinutesPerDay
        }
        // Grid centres, and the distance from a grid centre to its responsible worker's start place.
        var sums: [String: (lat: Double, lon: Double, n: Double)] = [:]
        for h in scenario.households {
            let s = sums[h.grid] ?? (0, 0, 0)
            sums[h.grid] = (s.lat + h.location.lat, s.lon + h.location.lon, s.n + 1)
        }
        let centres = sums.mapValues { GeoPoint(lat: $0.lat / $0.n, lon: $0.lon / $0.n) }
        let speed = scenario.travel.speedKmh
        let detour = scenario.travel.detourFactor
        func minutes(_ a: GeoPoint, _ b: GeoPoint) -> Int {
            TravelModel.minutes(km: TravelModel.greatCircleKm(a, b) * detour, speedKmh: speed)
        }
        var visits = 0, service = 0, travel = 0, dueFirst = 0
        for job in scenario.jobs() {
            let rule = job.dueRule
            if let first = workdays.first, rule.firstDue(in: calendar) <= first { dueFirst += 1 }
            let n = Self.fewestVisits(rule: rule, allowed: job.allows(weekdayOf:), workdays: workdays)
            visits += n
            service += n * job.durationMin * job.workersNeeded
            // Half the distance to the grid centre approximates a leg of a good route through the grid.
            let leg = centres[job.grid].map { max(1, minutes(job.location, $0) / 2) } ?? 3
            travel += n * job.workersNeeded * leg
        }
        let places = Dictionary(scenario.places.map { ($0.id, $0.location) }, uniquingKeysWith: { a, _ in a })
        for w in scenario.workers {
            guard let home = places[w.start], let grid = w.grids.first, let c = centres[grid] else { continue }
            travel += calendar.workingDays(for: w).count * 2 * minutes(home, c)
        }
        self.visits = visits
        serviceMinutes = service
        travelMinutes = travel
        dueOnFirstDay = dueFirst
    }

    /// Visits on the last allowed working day before the task would be late, keeping the gap rule.
    static func fewestVisits(rule: DueRule, allowed: (CivilDate) -> Bool, workdays: [CivilDate]) -> Int {
        var previous = rule.lastVisit
        var count = 0
        for (i, t) in workdays.enumerated() {
            if let p = previous, p.days(to: t) < rule.everyDays { continue }
            let candidates = workdays[...i].filter { d in
                allowed(d) && (previous.map { $0.days(to: d) >= rule.minGapDays } ?? true)
            }
            guard let d = candidates.last else { continue }
            previous = d
            count += 1
        }
        return count
    }
}
