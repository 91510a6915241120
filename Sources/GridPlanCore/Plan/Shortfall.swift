import Foundation

/// What the shortfall would take (plan.json `shortfall`, an extension of format §4): the worker-minutes,
/// per grid and date, that would have brought the plan's capacity-late tasks on time.
///
/// Measured, not guessed: the assignment is solved again with one stand-in helper per grid that has
/// capacity-late tasks (no special skills, the grid's usual shift, every working day of the horizon),
/// lateness first and then the fewest helper minutes; each helper's days are then routed, and the
/// minutes are those routes' working time (travel from and back to the start place included).
public struct Shortfall: Sendable, Hashable, Codable {
    /// The plan's tasks late for `capacity`, and their late task-days.
    public var lateTasks: Int
    public var lateTaskDays: Int
    /// Of those tasks, how many the helpers' days bring on time, and the late task-days that stay
    /// (the re-solved assignment's, counted over the same tasks).
    public var tasksOnTime: Int
    public var lateTaskDaysWithHelp: Int
    /// Helper working minutes in all (the sum of `needs`).
    public var minutes: Int
    /// Per grid and date, ascending: what the helper of that grid works.
    public var needs: [ShortfallNeed]
    /// Capacity-late tasks a helper without special skills cannot take (skills, pair visits), ascending.
    public var beyondHelpers: [String]

    public init(lateTasks: Int, lateTaskDays: Int, tasksOnTime: Int, lateTaskDaysWithHelp: Int, needs: [ShortfallNeed],
                beyondHelpers: [String]) {
        self.lateTasks = lateTasks
        self.lateTaskDays = lateTaskDays
        self.tasksOnTime = tasksOnTime
        self.lateTaskDaysWithHelp = lateTaskDaysWithHelp
        self.minutes = needs.reduce(0) { $0 + $1.minutes }
        self.needs = needs
        self.beyondHelpers = beyondHelpers
    }

    /// The grids that need help, ascending.
    public var grids: [String] { Array(Set(needs.map(\.grid))).sorted() }

    /// The dates that need help, ascending.
    public var dates: [CivilDate] { Array(Set(needs.map(\.date))).sorted() }

    enum CodingKeys: String, CodingKey {
        case lateTasks = "late_tasks"
        case lateTaskDays = "late_task_days"
        case tasksOnTime = "tasks_on_time"
        case lateTaskDaysWithHelp = "late_task_days_with_help"
        case minutes, needs
        case beyondHelpers = "beyond_helpers"
    }
}

/// One grid and date of the shortfall: the helper's working minutes, its visits, and the tasks they keep.
public struct ShortfallNeed: Sendable, Hashable, Codable {
    public var grid: String
    public var date: CivilDate
    public var minutes: Int
    /// Task ids of the helper's visits that day, ascending.
    public var tasks: [String]

    public init(grid: String, date: CivilDate, minutes: Int, tasks: [String]) {
        self.grid = grid
        self.date = date
        self.minutes = minutes
        self.tasks = tasks
    }
}
