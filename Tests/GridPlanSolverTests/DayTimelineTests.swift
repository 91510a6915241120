import Foundation
import XCTest
import GridPlanCore
@testable import GridPlanSolver

/// The planner's one reading of the rules of time in a day (format §5 rules 2–4).
final class DayTimelineTests: XCTestCase {
    typealias F = RoutingFixture
    /// 08:30–17:30 with a break 12:00–13:00.
    let day = DayTimeline(worker: RoutingFixture.worker("W1", breakTime: (12 * 60, 13 * 60)))

    func test_a_leg_that_cannot_finish_before_the_break_pauses_for_it() {
        // Leaves 11:50 for 20 minutes: 10 before the break, 10 after.
        XCTAssertEqual(day.arrival(depart: 11 * 60 + 50, travel: 20), 13 * 60 + 10)
        // Finishes exactly at the break's start, or leaves at its end: no pause.
        XCTAssertEqual(day.arrival(depart: 11 * 60 + 40, travel: 20), 12 * 60)
        XCTAssertEqual(day.arrival(depart: 13 * 60, travel: 20), 13 * 60 + 20)
        // Left inside the break: travels after it.
        XCTAssertEqual(day.arrival(depart: 12 * 60 + 30, travel: 20), 13 * 60 + 20)
        // A zero leg arrives when it leaves, even inside the break.
        XCTAssertEqual(day.arrival(depart: 12 * 60 + 30, travel: 0), 12 * 60 + 30)
    }

    func test_a_stop_waits_for_its_window_and_moves_after_the_break_it_would_overlap() {
        XCTAssertEqual(day.step(leave: 9 * 60, travel: 10, opens: 10 * 60, duration: 20), 10 * 60)
        XCTAssertEqual(day.step(leave: 11 * 60, travel: 10, opens: 0, duration: 60), 13 * 60)
        XCTAssertEqual(day.step(leave: 11 * 60, travel: 10, opens: 0, duration: 50), 11 * 60 + 10)
    }

    func test_the_latest_departure_still_arrives_in_time() {
        XCTAssertEqual(day.latestDeparture(notBefore: 8 * 60 + 30, travel: 15, arriveBy: 10 * 60), 9 * 60 + 45)
        // Reaching 13:05 with 15 minutes: leave by 11:50 (10 before the break, 5 after).
        XCTAssertEqual(day.latestDeparture(notBefore: 8 * 60 + 30, travel: 15, arriveBy: 13 * 60 + 5), 11 * 60 + 50)
        // Too late whenever it leaves: the earliest minute allowed.
        XCTAssertEqual(day.latestDeparture(notBefore: 9 * 60, travel: 30, arriveBy: 9 * 60 + 10), 9 * 60)
    }

    func test_the_forward_pass_fails_on_a_missed_window_or_a_late_return() {
        let stops = [DayTimeline.Stop(travel: 10, duration: 20, earliest: 8 * 60 + 30, latest: 17 * 60),
                     DayTimeline.Stop(travel: 10, duration: 20, earliest: 14 * 60, latest: 15 * 60)]
        XCTAssertEqual(day.earliestStarts(stops, home: 10), [8 * 60 + 40, 14 * 60])
        var missed = stops
        missed[1].latest = 9 * 60
        XCTAssertNil(day.earliestStarts(missed, home: 10))
        XCTAssertNil(day.earliestStarts(stops, home: 3 * 60 + 21))
        // A pinned stop must be reached by its minute.
        let pinned = [DayTimeline.Stop(travel: 30, duration: 20, earliest: 8 * 60 + 50, latest: 8 * 60 + 50, pinned: true)]
        XCTAssertNil(day.earliestStarts(pinned, home: 10))
    }

    func test_compaction_moves_stops_later_but_not_pinned_ones_nor_the_last() {
        let stops = [DayTimeline.Stop(travel: 10, duration: 20, earliest: 8 * 60 + 30, latest: 16 * 60),
                     DayTimeline.Stop(travel: 10, duration: 20, earliest: 8 * 60 + 30, latest: 16 * 60),
                     DayTimeline.Stop(travel: 10, duration: 20, earliest: 15 * 60, latest: 16 * 60)]
        let earliest = try! XCTUnwrap(day.earliestStarts(stops, home: 10))
        XCTAssertEqual(earliest, [8 * 60 + 40, 9 * 60 + 10, 15 * 60])
        XCTAssertEqual(day.compacted(stops, starts: earliest), [14 * 60, 14 * 60 + 30, 15 * 60])
        var pinned = stops
        pinned[0].pinned = true
        XCTAssertEqual(day.compacted(pinned, starts: earliest), [8 * 60 + 40, 14 * 60 + 30, 15 * 60])
        // Clear of the break: a stop that would overlap it (12:50–13:20) ends by its start instead, and
        // the leg to the next stop pauses for the break.
        let aroundBreak = [DayTimeline.Stop(travel: 10, duration: 30, earliest: 8 * 60 + 30, latest: 16 * 60),
                           DayTimeline.Stop(travel: 10, duration: 20, earliest: 13 * 60 + 30, latest: 16 * 60)]
        let first = try! XCTUnwrap(day.earliestStarts(aroundBreak, home: 10))
        XCTAssertEqual(first, [8 * 60 + 40, 13 * 60 + 30])
        XCTAssertEqual(day.compacted(aroundBreak, starts: first), [11 * 60 + 30, 13 * 60 + 30])
    }

    func test_a_timed_day_leaves_as_late_as_its_first_stop_allows() {
        let stops = [DayTimeline.Stop(travel: 10, duration: 20, earliest: 10 * 60, latest: 16 * 60),
                     DayTimeline.Stop(travel: 15, duration: 20, earliest: 8 * 60 + 30, latest: 16 * 60)]
        let t = day.timing(stops, starts: [10 * 60, 11 * 60], home: 10)
        XCTAssertEqual(t.depart, 9 * 60 + 50)
        XCTAssertEqual(t.arrivals, [10 * 60, 10 * 60 + 35])
        XCTAssertEqual(t.end, 11 * 60 + 30)
    }

    func test_a_day_route_states_its_legs_and_keeps_a_campaign_stop() {
        let hs = [F.household("H1", at: F.east(600)), F.household("H2", at: F.east(1200))]
        let s = F.scenario(workers: [F.worker("W1")], households: hs)
        let w = s.workers[0]
        let r = DayRoute(worker: w, errands: [
            DayRoute.Errand(task: "H1", kind: .visit, duration: 20, window: (8 * 60 + 30, 17 * 60 + 30)),
            DayRoute.Errand(task: "H2", kind: .campaign, duration: 5, window: (8 * 60 + 30, 17 * 60 + 30),
                            campaign: ["flu"]),
        ], travel: TravelModel(scenario: s))
        let starts = try! XCTUnwrap(r.earliestStarts())
        let route = r.route(on: F.monday, starts: starts)
        XCTAssertEqual(route.start.minutes, 8 * 60 + 30)
        XCTAssertEqual(route.stops.map(\.travelMin), [legMinutes(s, "OFFICE", "H1", worker: "W1"),
                                                      legMinutes(s, "H1", "H2", worker: "W1")])
        XCTAssertEqual(route.travelMin, route.stops.reduce(0) { $0 + $1.travelMin } + legMinutes(s, "H2", "OFFICE", worker: "W1"))
        XCTAssertEqual(route.serviceMin, 25)
        XCTAssertEqual(route.stops[1].campaign, ["flu"])
        XCTAssertEqual(route.end.minutes, route.stops[1].end.minutes + legMinutes(s, "H2", "OFFICE", worker: "W1"))
    }
}
