import Foundation

/// Everything gridplan needs to plan a period: who works when, what must be visited, and how
/// the planner trades goals off. Built by `ScenarioLoader` from a YAML file (and its CSV files)
/// or in code; see `Docs/scenario-format.md` and the format spec §1.
public struct Scenario: Sendable {
    /// Free text shown on every report.
    public var name: String
    /// Language of reports.
    public var locale: ReportLocale
    public var horizon: Horizon
    public var travel: TravelSettings
    public var places: [Place]
    public var policies: [Policy]
    public var workers: [Worker]
    public var households: [Household]
    public var patrols: [Patrol]
    /// What was done before the horizon (history CSV, in file order).
    public var history: [HistoryEntry]
    public var weights: Weights
    public var solver: SolverSettings
    /// One-off visits on top of the rhythms (optional extension).
    public var campaigns: [Campaign]
    /// Campaign-only visits made before the horizon (extension: the campaign ledger beside the history
    /// file, `visits-campaigns.csv`): each delivers the campaigns its `campaigns` name, but is no visit
    /// of the household's rhythm (not a last visit, no gap rule).
    public var campaignVisits: [HistoryEntry] = []
    /// Where the scenario came from, when it was loaded from a file.
    public var source: ScenarioSource?

    public init(
        name: String, locale: ReportLocale = .zhHans, horizon: Horizon, travel: TravelSettings = TravelSettings(),
        places: [Place] = [], policies: [Policy] = [], workers: [Worker] = [], households: [Household] = [],
        patrols: [Patrol] = [], history: [HistoryEntry] = [], weights: Weights = Weights(),
        solver: SolverSettings = SolverSettings(), campaigns: [Campaign] = [], source: ScenarioSource? = nil
    ) {
        self.name = name
        self.locale = locale
        self.horizon = horizon
        self.travel = travel
        self.places = places
        self.policies = policies
        self.workers = workers
        self.households = households
        self.patrols = patrols
        self.history = history
        self.weights = weights
        self.solver = solver
        self.campaigns = campaigns
        self.source = source
    }
}
