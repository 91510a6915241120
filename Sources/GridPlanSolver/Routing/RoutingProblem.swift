import Foundation

/// Travel between the nodes of a routing problem at one speed: minutes (time units) and distance, as
/// dense row-major `nodeCount × nodeCount` matrices (`time[a * nodeCount + b]` is the leg a → b).
public struct TravelProfile: Sendable {
    public let nodeCount: Int
    /// Travel time of each leg in the problem's time unit (minutes for gridplan).
    public var time: [Double]
    /// Length of each leg (km for gridplan, Euclidean units for the benchmarks).
    public var distance: [Double]

    /// - Precondition: both matrices hold `nodeCount²` entries.
    public init(nodeCount: Int, time: [Double], distance: [Double]) {
        precondition(time.count == nodeCount * nodeCount && distance.count == nodeCount * nodeCount,
                     "travel matrices must be nodeCount × nodeCount")
        self.nodeCount = nodeCount
        self.time = time
        self.distance = distance
    }
}

/// What the search minimises besides the penalties of unserved jobs.
public enum RoutingObjective: String, Sendable {
    /// Total distance of all routes (the benchmarks).
    case distance
    /// Total travel time of all routes (gridplan).
    case travelTime
}

/// How a job's time window bounds its service.
public enum WindowSemantics: Sendable {
    /// Service must start by the window's end (Solomon's `due`).
    case startByDue
    /// Service must end by the window's end (gridplan: the whole stop lies in the window).
    case endByWindowEnd
}

/// One route that may be driven: a vehicle (or worker) on a day, from a start node to an end node.
public struct RouteSlot: Sendable {
    /// Vehicle or worker index, for reporting.
    public var vehicle: Int
    /// Day index (0-based); jobs' patterns name days.
    public var day: Int
    public var startNode: Int
    public var endNode: Int
    /// Earliest time the route may leave its start node.
    public var earliestStart: Double
    /// Latest time the route may reach its end node.
    public var latestEnd: Double
    /// An interval in which nothing happens: no travel, no service. Travel may be split around it.
    public var breakInterval: (start: Double, end: Double)?
    /// Index into the problem's travel profiles (e.g. one per worker speed).
    public var profile: Int
    /// Maximum summed demand.
    public var capacity: Double
    /// Maximum travel + service time (waiting not counted), as in Cordeau's PVRP.
    public var maxDuration: Double
    /// Maximum number of stops of jobs with `countsAsVisit`.
    public var maxVisits: Int

    public init(vehicle: Int, day: Int, startNode: Int, endNode: Int, earliestStart: Double, latestEnd: Double,
                breakInterval: (start: Double, end: Double)? = nil, profile: Int = 0,
                capacity: Double = .infinity, maxDuration: Double = .infinity, maxVisits: Int = .max) {
        self.vehicle = vehicle
        self.day = day
        self.startNode = startNode
        self.endNode = endNode
        self.earliestStart = earliestStart
        self.latestEnd = latestEnd
        self.breakInterval = breakInterval
        self.profile = profile
        self.capacity = capacity
        self.maxDuration = maxDuration
        self.maxVisits = maxVisits
    }
}

/// A customer, household or patrol point to serve on the days of one of its patterns.
public struct RoutingJob: Sendable {
    public var node: Int
    public var serviceTime: Double
    public var demand: Double
    /// Earliest service start.
    public var earliestStart: Double
    /// Latest service start (already derived from the window and its semantics).
    public var latestStart: Double
    /// Whether a stop counts against `RouteSlot.maxVisits`.
    public var countsAsVisit: Bool
    /// Allowed day patterns: the job is served once on each day of exactly one pattern.
    public var patterns: [[Int]]
    /// Extra cost of serving the job in each slot, `.infinity` where not allowed; nil = every slot at no cost.
    public var slotCost: [Double]?
    /// Cost of leaving the job unserved.
    public var unservedPenalty: Double
    /// A fixed job is never removed by the search once placed (pinned pair visits).
    public var fixed: Bool

    /// - Parameters:
    ///   - window: earliest start and window end; the latest start is derived with `semantics`.
    public init(node: Int, serviceTime: Double, demand: Double = 0, window: (Double, Double) = (0, .infinity),
                semantics: WindowSemantics = .startByDue, countsAsVisit: Bool = true, patterns: [[Int]] = [[0]],
                slotCost: [Double]? = nil, unservedPenalty: Double = 1e7, fixed: Bool = false) {
        self.node = node
        self.serviceTime = serviceTime
        self.demand = demand
        earliestStart = window.0
        latestStart = semantics == .startByDue ? window.1 : window.1 - serviceTime
        self.countsAsVisit = countsAsVisit
        self.patterns = patterns
        self.slotCost = slotCost
        self.unservedPenalty = unservedPenalty
        self.fixed = fixed
    }
}

/// A rich vehicle-routing problem: periodic (day patterns), capacitated, with time windows, breaks,
/// duration and visit limits, and per-slot costs. Both gridplan's week routing and the public
/// benchmarks are mapped onto it and solved by `RoutingSearch`.
public struct RoutingProblem: Sendable {
    public var profiles: [TravelProfile]
    public var slots: [RouteSlot]
    public var jobs: [RoutingJob]
    public var objective: RoutingObjective

    /// - Precondition: every node, profile, day and slot-cost vector is in range.
    public init(profiles: [TravelProfile], slots: [RouteSlot], jobs: [RoutingJob], objective: RoutingObjective) {
        precondition(!profiles.isEmpty, "a routing problem needs a travel profile")
        let n = profiles[0].nodeCount
        for p in profiles { precondition(p.nodeCount == n, "all travel profiles must cover the same nodes") }
        for s in slots {
            precondition(s.profile < profiles.count && s.startNode < n && s.endNode < n, "slot out of range")
        }
        for j in jobs {
            precondition(j.node < n, "job node out of range")
            precondition(j.slotCost == nil || j.slotCost!.count == slots.count, "slotCost must have one entry per slot")
        }
        self.profiles = profiles
        self.slots = slots
        self.jobs = jobs
        self.objective = objective
    }
}

/// One route of a solution: the slot and its jobs in visiting order, with their service start times.
public struct SolvedRoute: Sendable {
    public var slot: Int
    public var jobs: [Int]
    /// Service start of each job.
    public var serviceStarts: [Double]
}

/// The outcome of `RoutingSearch.solve`.
public struct RoutingSolution: Sendable {
    /// Non-empty routes only, in slot order.
    public var routes: [SolvedRoute]
    /// Chosen pattern per job, nil when unserved.
    public var patternOfJob: [Int?]
    /// Jobs left unserved.
    public var unserved: [Int]
    /// Objective (distance or travel time) plus slot costs, without unserved penalties.
    public var routingCost: Double
    /// Search iterations run.
    public var iterations: Int
}
