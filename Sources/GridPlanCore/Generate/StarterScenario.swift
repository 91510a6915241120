import Foundation

/// The files `gridplan init` writes for a grid head starting from nothing: a `scenario.yaml` in
/// which every field is explained in Chinese and English, and CSV templates (`households.csv`,
/// `patrols.csv`, `visits.csv`, `travel.csv`) with the right headers and one example row each.
///
/// The example is a valid scenario: one worker, one grid, one household, one patrol point.
public enum StarterScenario {
    /// The starter files for a week beginning on `start`; the example history lies in the week before.
    public static func files(start: CivilDate) -> ScenarioFileSet {
        let lastWeek = start.adding(days: -7)
        let lastFriday = start.adding(days: -3)
        let bom = Data([0xEF, 0xBB, 0xBF])
        func csv(_ name: String, _ header: [String], _ row: [String]) -> ScenarioFileSet.File {
            var data = bom
            data.append(ScenarioWriter.csv(header: header, rows: [row]))
            return ScenarioFileSet.File(name: name, contents: data)
        }
        return ScenarioFileSet(files: [
            ScenarioFileSet.File(name: "scenario.yaml", text: yaml(start: start)),
            csv("households.csv", ScenarioWriter.householdColumns,
                ["H001", "张桂英", "幸福小区 3号楼 2单元 502室", "G01", "31.248900", "121.406100", "独居老人", "W01",
                 "09:00-11:30", "", "", "", "138****0000", "子女在外地，每周电话联系"]),
            csv("patrols.csv", ScenarioWriter.patrolColumns,
                ["P001", "3号楼北侧消防通道", "G01", "31.249300", "121.405800", "1", "", "10", "", "", "5",
                 lastFriday.iso, "私家车占用拍照上报"]),
            csv("visits.csv", ["task", "date", "worker", "result"], ["H001", lastWeek.iso, "W01", "done"]),
            csv("travel.csv", ["from", "to", "minutes", "km"], ["OFFICE", "H001", "6", "0.4"]),
        ])
    }

    static func yaml(start: CivilDate) -> String {
        """
        # gridplan 场景文件 / gridplan scenario file
        # 格式说明见 Docs/scenario-format.md。检查：gridplan validate scenario.yaml
        # The format is described in Docs/scenario-format.md. Check it with: gridplan validate scenario.yaml
        # 以 # 开头的是注释。Lines starting with # are comments.

        # 名称，显示在每份报表上 / free text shown on every report
        name: 幸福小区 第一网格 \(start.iso) 起一周
        # 报表语言：zh-Hans（中文，默认）或 en / language of reports: zh-Hans (default) or en
        locale: zh-Hans

        # 计划期 / the period planned
        horizon:
          # 第一天（年-月-日）/ first day planned (YYYY-MM-DD)
          start: \(start.iso)
          # 天数 1–62 / number of days, 1 to 62
          days: 7
          # 正常工作日 / regular working weekdays (mon tue wed thu fri sat sun)
          weekdays: [mon, tue, wed, thu, fri]
          # 法定节假日：工作日但放假，如 [2026-10-01, 2026-10-02] / public holidays on working weekdays
          holidays: []
          # 调休上班日：周末但上班，如 [2026-10-10] / make-up working days (调休) on weekends
          extra_workdays: []

        # 路程 / travel between points
        travel:
          # 默认速度，公里/小时（步行约4.5，电动车约15）/ default speed in km/h (walking 4.5, e-bike 15)
          speed_kmh: 4.5
          # 绕行系数：直线距离 × 此值 = 实际路程 / straight-line distance × this = route distance
          detour_factor: 1.3
          # 可选：实测路程表 travel.csv（from,to,minutes[,km]），优先于坐标
          # optional: measured times in travel.csv (from,to,minutes[,km]); they override coordinates
          matrix: travel.csv

        # 地点：出发和返回的地方，如居委会 / named start and end points, such as the office
        places:
          - {id: OFFICE, name: 幸福小区居委会, lat: 31.248500, lon: 121.405600}

        # 各类人群的走访要求 / what each household category requires
        policies:
          - category: 独居老人        # 类别名，与 households.csv 的 categories 列一致 / category name used in households.csv
            every_days: 7            # 两次走访最多相隔几天 / at most this many days from one visit to the next
            min_gap_days: 3          # 两次走访至少相隔几天（默认 every_days 的一半）/ at least this many days between visits
            duration_min: 20         # 每次入户分钟数 / minutes on site
            priority: 5              # 优先级 1–10，越大越不能迟（默认3）/ priority 1-10, weighs lateness (default 3)
            skills: []               # 走访人员须具备的技能，如 [mental-health] / skills a visiting worker must have
            workers_needed: 1        # 2 = 两人联合走访 / 2 = a pair visit: two workers together
            # window: ["09:00", "11:30"]   # 可选：只能在此时段走访 / optional: time of day the visit may take place in

        # 网格员 / grid workers
        workers:
          - id: W01                  # 编号，所有编号不能重复 / id, unique across places, households, patrols and workers
            name: 李晓燕             # 姓名 / name
            grids: [G01]             # 负责的网格 / grids this worker is responsible for
            may_cover: []            # 可以帮忙的网格（次选）/ grids this worker may help in (less preferred)
            start: OFFICE            # 每天从哪里出发（places 的 id）/ place id the day starts from
            end: OFFICE              # 每天回到哪里（默认同 start）/ place id the day ends at (default: start)
            shift: ["08:30", "17:30"]   # 上班时间 / working hours
            break: ["11:30", "13:00"]   # 午休，不走访也不走路 / break: no travel and no visit in it
            # weekdays: [tue, thu]   # 可选：兼职人员自己的工作日 / optional: the worker's own weekdays (part-time)
            days_off: []             # 请假日期，如 [\(start.adding(days: 3).iso)] / leave dates
            max_visits_per_day: 8    # 可选：每天最多入户几次 / optional: cap on household visits per day
            skills: [elderly-care]   # 技能 / skills
            # speed_kmh: 15          # 可选：骑电动车 / optional: this worker's own speed (e-bike)

        \(tableSources)

        # 可选：目标之间如何取舍（数值越大越重要）/ optional: how the planner trades goals off
        weights:
          lateness: 1000             # 逾期 / late task-days
          continuity: 10             # 尽量由同一网格员走访 / visits by the household's own worker
          balance: 5                 # 工作量均衡 / balanced utilisation across workers
          travel: 1                  # 少走路 / less travel
          level: 4                   # 每天工作量均匀 / even days for each worker (per minute of spread beyond the tolerance)
          level_tolerance_min: 90    # 最忙与最闲工作日相差不超过此分钟数不计 / minutes of spread that cost nothing
          regularity: 60             # 固定走访日 / the household's usual weekday

        # 可选：求解器 / optional: solver settings
        solver:
          time_limit_s: 30           # 最长计算秒数 / time limit in seconds
          mip_gap: 0.01              # 可接受的最优性差距 / relative gap at which the solver may stop

        """
    }

    /// The starter YAML's lines naming the table files (CSV); `init --xlsx` replaces them with sheets of
    /// its workbook.
    public static let tableSources = """
        # 重点人群户：表格文件（列见第一行），也可以直接写在这里
        # special households: a CSV file (columns in its first row), or an inline list of the same fields
        households: households.csv
        # 巡查点 / patrol points, each on its own schedule
        patrols: patrols.csv
        # 以往走访记录 task,date,worker[,result]：决定下次何时到期
        # visits before the first day (task,date,worker[,result]): they set when each task is next due
        history: visits.csv
        """
}
