import Foundation

/// How big a generated district is and which random draw it is (see `ScenarioGenerator`).
public struct GeneratorOptions: Sendable, Hashable {
    /// Full-time grid workers; also the number of grids (one worker per grid). At least 1.
    public var workers: Int
    /// Special-population households per grid. At least 1.
    public var householdsPerGrid: Int
    /// Patrol points per grid. At least 0.
    public var patrolsPerGrid: Int
    /// The draw: the same options and seed give the same files, byte for byte.
    public var seed: UInt64
    /// Length of the horizon, 1 … 62.
    public var days: Int
    /// First day planned. History is made for the weeks before it.
    public var start: CivilDate

    /// Defaults: 8 patrol points per grid, seed 1, seven days from Monday 2026-11-23.
    public init(workers: Int, householdsPerGrid: Int, patrolsPerGrid: Int = 8, seed: UInt64 = 1, days: Int = 7,
                start: CivilDate = CivilDate(year: 2026, month: 11, day: 23)!) {
        self.workers = workers
        self.householdsPerGrid = householdsPerGrid
        self.patrolsPerGrid = patrolsPerGrid
        self.seed = seed
        self.days = days
        self.start = start
    }

    /// Problems with the options, each a short lower-case sentence naming the option; empty when valid.
    public var problems: [String] {
        var p: [String] = []
        if workers < 1 { p.append("--workers must be at least 1, got \(workers)") }
        if workers > 20_000 { p.append("--workers must be at most 20000, got \(workers)") }
        if householdsPerGrid < 1 { p.append("--households-per-grid must be at least 1, got \(householdsPerGrid)") }
        if householdsPerGrid > 5_000 {
            p.append("--households-per-grid must be at most 5000, got \(householdsPerGrid)")
        }
        if patrolsPerGrid < 0 { p.append("--patrols-per-grid must be at least 0, got \(patrolsPerGrid)") }
        if patrolsPerGrid > 500 { p.append("--patrols-per-grid must be at most 500, got \(patrolsPerGrid)") }
        if !(1...62).contains(days) { p.append("--days must be in 1...62, got \(days)") }
        return p
    }
}

/// Makes a district-size scenario for benchmarks and demonstrations: a district of streets
/// (街道), each of communities (社区) of 4–6 grids, one full-time worker per grid, and a part-time
/// evening helper in every other community.
///
/// What it models:
/// - Communities are about 1 km apart, grids about 300 m; households sit in buildings of their grid's
///   estate (小区-楼-单元-室); each community has an office where its workers start and end.
/// - Workers may cover only the other grids of their own community, so the independent parts of
///   the problem stay community-sized.
/// - Category mix: high-risk elderly (living alone, empty-nest, over 80; weekly) are two thirds,
///   the rest monthly groups; about 2 % are key persons with a severe mental disorder,
///   visited weekly by two workers with the `mental-health` skill.
/// - History: every task but a few new households has a last visit, drawn uniformly over the days
///   it could have been visited in the rhythm before the start, so due dates spread over the week.
///   With the defaults the week uses about 70–80 % of the workers' time (`LoadEstimate`).
///
/// The output depends only on the options: its own `SplitMix64`, no hash order, no clock.
public struct ScenarioGenerator: Sendable {
    /// What to generate.
    public let options: GeneratorOptions

    /// - Precondition: `options.problems` is empty.
    public init(options: GeneratorOptions) {
        precondition(options.problems.isEmpty, options.problems.joined(separator: "; "))
        self.options = options
    }

    /// The policy categories the generator uses (Chinese names), with their rules.
    public static let policies: [Policy] = [
        Policy(category: "独居老人", everyDays: 7, minGapDays: 3, durationMin: 25, priority: 5),
        Policy(category: "空巢老人", everyDays: 7, minGapDays: 3, durationMin: 20, priority: 4),
        Policy(category: "高龄老人", everyDays: 7, minGapDays: 3, durationMin: 25, priority: 4),
        Policy(category: "低保户", everyDays: 30, minGapDays: 15, durationMin: 20, priority: 3),
        Policy(category: "残疾人", everyDays: 30, minGapDays: 15, durationMin: 20, priority: 3),
        Policy(category: "特困人员", everyDays: 30, minGapDays: 15, durationMin: 25, priority: 4),
        Policy(category: "困境儿童", everyDays: 30, minGapDays: 15, durationMin: 25, priority: 4),
        Policy(category: "计生特殊家庭", everyDays: 30, minGapDays: 15, durationMin: 25, priority: 4),
        Policy(category: "社区矫正", everyDays: 30, minGapDays: 15, durationMin: 20, priority: 4,
               window: TimeWindow(9 * 60, 11 * 60 + 30)),
        Policy(category: "严重精神障碍", everyDays: 7, minGapDays: 3, durationMin: 30, priority: 8,
               skills: ["mental-health"], workersNeeded: 2),
    ]

    /// Share of households per category, in `policies` order.
    static let categoryWeights: [Double] = [0.52, 0.13, 0.10, 0.08, 0.07, 0.025, 0.03, 0.02, 0.01, 0.02]

    /// The patrol points every grid gets, in order, before repeating: name, every_days, min_gap_days,
    /// duration, window, priority, notes.
    static let patrolKinds: [(String, Int, Int?, Int, TimeWindow?, Int, String)] = [
        ("网格日常巡查（全网格步行一圈）", 1, nil, 40, nil, 5, "每天至少30分钟，发现问题随手拍上报"),
        ("消防通道", 1, nil, 10, nil, 5, "私家车占用拍照上报物业"),
        ("电动车集中充电棚", 2, 1, 10, nil, 6, "检查飞线充电、违规入户充电"),
        ("沿街商铺", 2, 1, 20, TimeWindow(9 * 60, 17 * 60), 4, "燃气使用、灭火器有效期、门前三包"),
        ("群租房", 7, 3, 15, nil, 5, "登记租客变动，检查隔断和消防器材"),
        ("地下车库", 5, 2, 10, nil, 3, "积水、消防栓、堆放杂物"),
        ("垃圾分类投放点", 2, 1, 5, nil, 3, "满溢、混投"),
        ("窨井盖与道路", 7, 3, 10, nil, 4, "井盖缺失、路面破损"),
        ("装修施工点", 3, 1, 10, nil, 4, "渣土堆放、动火作业"),
        ("老年活动室", 7, 3, 10, TimeWindow(8 * 60 + 30, 16 * 60 + 30), 2, "用电安全、取暖器使用"),
    ]

    /// Builds the scenario.
    ///
    /// - Complexity: O(workers × (households per grid + patrols per grid)).
    public func scenario() -> Scenario {
        var rng = SplitMix64(seed: options.seed ^ 0x6772_6964_706C_616E)  // "gridplan"
        let o = options
        let sizes = Self.communitySizes(grids: o.workers, rng: &rng)
        let horizon = Horizon(start: o.start, days: o.days)
        let origin = GeoPoint(lat: 31.2300, lon: 121.4500)
        let communitiesPerStreet = 8

        var places: [Place] = []
        var fullTime: [Worker] = []
        var helpers: [Worker] = []
        var households: [Household] = []
        var patrols: [Patrol] = []
        var history: [HistoryEntry] = []
        var gridNumber = 0
        var helperNumber = 0

        for (ci, size) in sizes.enumerated() {
            let street = ci / communitiesPerStreet
            let k = ci % communitiesPerStreet
            // Streets about 4 km apart on a 5-wide layout; communities 1 km apart on a 3-wide layout.
            let ce = Double(street % 5) * 4000 + Double(k % 3) * 1000
            let cn = -Double(street / 5) * 4000 - Double(k / 3) * 1000
            let communityID = String(format: "C%03d", ci + 1)
            let streetName = Self.streetName(street)
            let communityName = Self.communityName(ci)
            let office = Place(id: "\(communityID)-OFFICE", name: "\(streetName)\(communityName)党群服务中心",
                               location: Self.rounded(Self.offset(origin, east: ce, north: cn)))
            places.append(office)
            let gridIDs = (1...size).map { "\(communityID)-G\($0)" }
            let breakTime = ci % 2 == 0 ? TimeWindow(11 * 60 + 30, 13 * 60) : TimeWindow(12 * 60, 13 * 60 + 30)
            // Everybody but the second worker of a community holds the mental-health skill, so a
            // community of two or more has at least one pair for key persons.
            var skilled = 0
            var communityWorkers: [String] = []
            for (gi, gid) in gridIDs.enumerated() {
                gridNumber += 1
                let wid = String(format: "W%04d", gridNumber)
                var skills = ["elderly-care"]
                if gi != 1 { skills.insert("mental-health", at: 0); skilled += 1 }
                fullTime.append(Worker(
                    id: wid, name: Self.personName(&rng, age: .middle), grids: [gid],
                    mayCover: gridIDs.filter { $0 != gid }, start: office.id,
                    shift: TimeWindow(8 * 60 + 30, 17 * 60 + 30), breakTime: breakTime, skills: skills))
                communityWorkers.append(wid)
            }
            let hasHelper = ci % 2 == 0
            if hasHelper {
                helperNumber += 1
                helpers.append(Worker(
                    id: String(format: "PT%03d", helperNumber), name: Self.personName(&rng, age: .old),
                    grids: [gridIDs[0]], mayCover: Array(gridIDs.dropFirst()), start: office.id,
                    shift: TimeWindow(18 * 60, 21 * 60), weekdays: [.mon, .wed, .fri], maxVisitsPerDay: 5,
                    skills: ["elderly-care"]))
            }
            for (gi, gid) in gridIDs.enumerated() {
                let ge = ce + Double(gi % 3 - 1) * 300
                let gn = cn + (gi < 3 ? 150 : -150)
                let center = Self.offset(origin, east: ge, north: gn)
                let estate = Self.estateName(&rng)
                let worker = communityWorkers[gi]
                let grid = GridContext(id: gid, estate: estate, center: center, worker: worker,
                                       pairsPossible: skilled >= 2, helper: hasHelper ? helpers.last!.id : nil)
                appendHouseholds(grid: grid, rng: &rng, households: &households, history: &history)
                appendPatrols(grid: grid, rng: &rng, patrols: &patrols, history: &history)
            }
        }
        history.sort { ($0.date, $0.task) < ($1.date, $1.task) }
        return Scenario(
            name: "模拟区 \(o.workers)个网格 种子\(o.seed) \(o.start.iso)",
            horizon: horizon, places: places, policies: Self.policies, workers: fullTime + helpers,
            households: households, patrols: patrols, history: history,
            solver: SolverSettings(timeLimitSeconds: 300, mipGap: 0.02))
    }

    /// The comment at the top of the generated `scenario.yaml`: what it is and the command that makes it again.
    public var headerComment: [String] {
        let o = options
        return [
            "生成的模拟区县场景（用于性能测试和演示），人名、地址、电话均为虚构。",
            "A generated district scenario for benchmarks and demonstrations; names, addresses and phones are fictional.",
            "Made by: gridplan generate --workers \(o.workers) --households-per-grid \(o.householdsPerGrid) "
                + "--patrols-per-grid \(o.patrolsPerGrid) --seed \(o.seed) --days \(o.days) --start \(o.start.iso)",
        ]
    }

    /// The generated scenario as files (`scenario.yaml`, `households.csv`, `patrols.csv`, `visits.csv`).
    public func files() -> ScenarioFileSet {
        ScenarioWriter(headerComment: headerComment).files(for: scenario())
    }

    // MARK: - Parts

    struct GridContext {
        var id: String
        var estate: String
        var center: GeoPoint
        var worker: String
        var pairsPossible: Bool
        /// The community's evening helper, who takes the households with an evening window.
        var helper: String?
    }

    func appendHouseholds(grid: GridContext, rng: inout SplitMix64, households: inout [Household],
                          history: inout [HistoryEntry]) {
        let buildings = (0..<20).map { b in
            Self.offset(grid.center, east: Double(b % 5 - 2) * 60 + rng.uniform(-8, 8),
                        north: Double(b / 5) * 60 - 90 + rng.uniform(-8, 8))
        }
        var weights = Self.categoryWeights
        if !grid.pairsPossible { weights[9] = 0 }
        for n in 1...options.householdsPerGrid {
            let ci = rng.index(weightedBy: weights)
            var categories = [Self.policies[ci].category]
            // A few carry a second, monthly category as well (an elder with a disability, a poor family with one).
            if (ci == 0 || ci == 3), rng.unit() < 0.08 { categories.append("残疾人") }
            let b = rng.integer(below: buildings.count)
            let unit = rng.integer(in: 1...3)
            let room = rng.integer(in: 1...18) * 100 + rng.integer(in: 1...4)
            let loc = Self.offset(buildings[b], east: Double(unit - 2) * 15 + rng.uniform(-3, 3),
                                  north: rng.uniform(-5, 5))
            let age: PersonAge = ci <= 2 || ci == 7 ? .old : (ci == 6 ? .child : .middle)
            let policy = Self.policies[ci]
            var h = Household(
                id: "\(grid.id)-H\(String(format: "%03d", n))", name: Self.personName(&rng, age: age),
                address: "\(grid.estate) \(b + 1)号楼 \(unit)单元 \(room)室", grid: grid.id, location: Self.rounded(loc),
                categories: categories, phone: Self.phone(&rng), notes: rng.pick(Self.notes[ci]))
            // Working families in communities with an evening helper are seen after work.
            if grid.helper != nil, policy.everyDays >= 30, policy.window == nil, rng.unit() < 0.06 {
                h.window = TimeWindow(18 * 60 + 30, 20 * 60 + 30)
                h.notes = "双职工，白天上班，晚上在家"
            }
            let everyDays = categories.compactMap { c in Self.policies.first { $0.category == c }?.everyDays }.min()!
            if rng.unit() < 0.005 {
                // Newly registered: no history, a first assessment visit due on the first working day.
                h.durationMin = 45
                h.notes = "新纳入，首次入户评估"
            } else {
                let worker = h.window == nil ? grid.worker : (grid.helper ?? grid.worker)
                appendHistory(task: h.id, everyDays: everyDays, worker: worker, visits: everyDays >= 14 ? 2 : 1,
                              rng: &rng, history: &history)
            }
            households.append(h)
        }
    }

    func appendPatrols(grid: GridContext, rng: inout SplitMix64, patrols: inout [Patrol],
                       history: inout [HistoryEntry]) {
        guard options.patrolsPerGrid > 0 else { return }
        for n in 1...options.patrolsPerGrid {
            let kind = Self.patrolKinds[(n - 1) % Self.patrolKinds.count]
            let round = (n - 1) / Self.patrolKinds.count
            let loc = Self.offset(grid.center, east: rng.uniform(-140, 140), north: rng.uniform(-120, 120))
            let name = "\(grid.estate) \(kind.0)" + (round > 0 ? "（\(round + 1)）" : "")
            let p = Patrol(id: "\(grid.id)-P\(String(format: "%02d", n))", name: name, grid: grid.id,
                           location: Self.rounded(loc),
                           everyDays: kind.1, minGapDays: kind.2, durationMin: kind.3, window: kind.4,
                           priority: kind.5, notes: kind.6)
            appendHistory(task: p.id, everyDays: p.everyDays, worker: grid.worker, visits: 1, rng: &rng,
                          history: &history)
            patrols.append(p)
        }
    }

    /// Adds `visits` counted visits ending with a last visit drawn uniformly from the weekdays in
    /// `[start − everyDays, start − 1]` (or the latest weekday before), every `everyDays` apart.
    func appendHistory(task: String, everyDays: Int, worker: String, visits: Int, rng: inout SplitMix64,
                       history: inout [HistoryEntry]) {
        let start = options.start
        let candidates = (1...everyDays).map { start.adding(days: -$0) }.filter { Self.isWeekday($0) }
        var last: CivilDate
        if candidates.isEmpty {
            last = start.adding(days: -everyDays - 1)
            while !Self.isWeekday(last) { last = last.adding(days: -1) }
        } else {
            last = rng.pick(candidates)
        }
        var date = last
        for i in 0..<visits {
            if i > 0 {
                date = date.adding(days: -everyDays)
                while !Self.isWeekday(date) { date = date.adding(days: -1) }
            }
            history.append(HistoryEntry(task: task, date: date, worker: worker, result: "done"))
        }
    }

    static func isWeekday(_ d: CivilDate) -> Bool { d.weekday < .sat }

    /// Community sizes of 4–6 grids summing to `grids`; fewer than 4 only when `grids` < 4.
    static func communitySizes(grids: Int, rng: inout SplitMix64) -> [Int] {
        var sizes: [Int] = []
        var left = grids
        while left > 0 {
            if left <= 6 { sizes.append(left); break }
            var s = rng.integer(in: 4...6)
            if left - s < 4 { s = left - 4 }   // leave at least 4 for the last community
            if s < 4 { s = 4 }
            if s > 6 { s = 6 }
            sizes.append(s)
            left -= s
        }
        // A remainder below 4 (only possible for 7 grids) joins the previous community.
        if sizes.count >= 2, sizes.last! < 4 {
            let r = sizes.removeLast()
            sizes[sizes.count - 1] += r
        }
        return sizes
    }

    // MARK: - Names and places

    enum PersonAge { case old, middle, child }

    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕蒋钱陆施顾金范俞")
    static let oldGiven = ["桂英", "秀兰", "玉珍", "凤英", "秀珍", "美华", "兰芳", "建国", "国华", "德明", "根宝", "志强",
                           "福生", "金娣", "杏珍", "宝根", "月英", "素芬", "荣华", "水根", "雅琴", "兴隆", "善福", "惠芳"]
    static let middleGiven = ["伟", "敏", "静", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平",
                              "刚", "丽", "海燕", "建华", "晓东", "红梅", "卫东", "志刚", "春燕", "立新", "文斌", "佳怡"]
    static let childGiven = ["子涵", "梓轩", "欣怡", "浩然", "雨桐", "一诺", "宇航", "思彤", "俊熙", "可馨"]

    static func personName(_ rng: inout SplitMix64, age: PersonAge) -> String {
        let given: [String]
        switch age {
        case .old: given = oldGiven
        case .middle: given = middleGiven
        case .child: given = childGiven
        }
        return String(rng.pick(surnames)) + rng.pick(given)
    }

    static func phone(_ rng: inout SplitMix64) -> String {
        let prefixes = ["138", "139", "135", "136", "137", "150", "151", "158", "159", "186", "187", "189", "133"]
        return rng.pick(prefixes) + "****" + String(format: "%04d", rng.integer(below: 10_000))
    }

    static let estateFirst = ["金桥", "阳光", "幸福", "和平", "康乐", "锦绣", "翠湖", "丽园", "新华", "东苑", "枫林", "桂花",
                              "紫荆", "春晖", "安居", "碧水", "梅园", "华苑", "景苑", "长风"]
    static let estateSecond = ["花园", "新村", "小区", "苑", "公寓", "家园"]

    static func estateName(_ rng: inout SplitMix64) -> String { rng.pick(estateFirst) + rng.pick(estateSecond) }

    static let streetNames = ["长寿路", "曹杨新村", "甘泉路", "石泉路", "宜川路", "万里", "真如镇", "长征镇", "桃浦镇", "长风新村"]
    static let communityNames = ["兰溪", "枣阳", "梅岭", "杏山", "桂巷", "金沙", "秋月", "松柏", "樱花", "海棠",
                                 "玉兰", "石榴", "银杏", "香樟", "芙蓉", "凌霄"]

    static func streetName(_ i: Int) -> String {
        let base = streetNames[i % streetNames.count]
        let suffix = base.hasSuffix("镇") ? "" : "街道"
        return base + suffix + (i >= streetNames.count ? "\(i / streetNames.count + 1)" : "")
    }

    static func communityName(_ i: Int) -> String {
        let base = communityNames[i % communityNames.count]
        return base + (i >= communityNames.count ? "\(i / communityNames.count + 1)" : "") + "社区"
    }

    /// Notes per category, in `policies` order.
    static let notes: [[String]] = [
        ["子女在外地，每周电话联系", "有高血压，查看药品是否按时服用", "行动不便，敲门后多等一会儿", "听力较差，需大声说话",
         "已安装燃气报警器和一键呼叫", "冬天用电热毯，提醒用电安全"],
        ["老两口同住，儿子在国外", "老伴卧床，了解照护情况"],
        ["九十岁，由保姆照顾", "高龄津贴已发放，核对银行卡"],
        ["复核家庭收入情况", "孩子读初中，申请教育救助中"],
        ["肢体二级，轮椅出行", "申请无障碍改造，跟进进度"],
        ["分散供养，核对护理补贴"],
        ["父母离异，随祖母生活"],
        ["失独家庭，避免提及子女话题"],
        ["配合司法所，核实去向"],
        ["监护人为母亲，核实服药情况，两人联合走访"],
    ]

    /// Six decimals (about 0.1 m), as the files hold them, so a scenario read back equals the one generated.
    static func rounded(_ p: GeoPoint) -> GeoPoint {
        GeoPoint(lat: (p.lat * 1e6).rounded() / 1e6, lon: (p.lon * 1e6).rounded() / 1e6)
    }

    /// The point `east` and `north` metres from `p` (flat-earth offset; fine at grid scale).
    static func offset(_ p: GeoPoint, east: Double, north: Double) -> GeoPoint {
        GeoPoint(lat: p.lat + north / 111_195.0, lon: p.lon + east / (111_195.0 * cos(p.lat * .pi / 180)))
    }
}
