import Foundation

/// The names a table's columns may have: the format's own (`grid`) and the Chinese headers grid
/// heads write in their ledgers (`网格`, `所属网格`). Matching ignores case, spaces and the width of
/// brackets, so `时长（分钟）`, `时长(分钟)` and `Duration_Min` all match. Every alias is listed in
/// Docs/scenario-format.md.
public struct ColumnAliases: Sendable {
    /// Format name → the other names it may have, in the order the docs list them.
    public let names: [(field: String, aliases: [String])]
    private let lookup: [String: String]

    public init(_ names: [(field: String, aliases: [String])]) {
        self.names = names
        var lookup: [String: String] = [:]
        for (field, aliases) in names {
            for a in [field] + aliases where lookup[Self.key(a)] == nil { lookup[Self.key(a)] = field }
        }
        self.lookup = lookup
    }

    /// The format's name for a column header, or nil when the header is no field's name (a note).
    public func field(named header: String) -> String? {
        lookup[Self.key(header)]
    }

    /// The Chinese header a template writes for `field` (its first alias), or the field itself.
    public func chinese(_ field: String) -> String {
        names.first { $0.field == field }?.aliases.first ?? field
    }

    static func key(_ s: String) -> String {
        var out = ""
        for ch in s.lowercased() {
            switch ch {
            case " ", "\u{3000}", "\t", "\n", "\r": continue
            case "（": out.append("(")
            case "）": out.append(")")
            case "-": out.append("_")
            default: out.append(ch)
            }
        }
        return out
    }

    /// households (format §1).
    public static let households = ColumnAliases([
        ("id", ["编号", "住户编号", "户编号"]),
        ("name", ["姓名", "户主", "户主姓名", "住户姓名"]),
        ("address", ["地址", "住址", "详细地址"]),
        ("grid", ["网格", "所属网格", "网格编号"]),
        ("lat", ["纬度"]),
        ("lon", ["经度"]),
        ("categories", ["类别", "人员类别", "重点人群类别"]),
        ("preferred_worker", ["固定联系人", "包联网格员", "联系网格员"]),
        ("window", ["时段", "可访时段"]),
        ("weekdays", ["可访日", "可走访日"]),
        ("duration_min", ["时长(分钟)", "时长", "走访时长"]),
        ("last_visit", ["上次走访", "上次走访日期"]),
        ("phone", ["电话", "联系电话", "手机"]),
        ("notes", ["备注"]),
    ])

    /// patrols (format §1).
    public static let patrols = ColumnAliases([
        ("id", ["编号", "巡查点编号"]),
        ("name", ["名称", "巡查点", "巡查点名称"]),
        ("grid", ["网格", "所属网格", "网格编号"]),
        ("lat", ["纬度"]),
        ("lon", ["经度"]),
        ("every_days", ["周期(天)", "周期", "巡查周期(天)"]),
        ("min_gap_days", ["最短间隔(天)", "最短间隔"]),
        ("duration_min", ["时长(分钟)", "时长", "巡查时长"]),
        ("window", ["时段", "巡查时段"]),
        ("skills", ["技能", "所需技能"]),
        ("priority", ["优先级"]),
        ("last_visit", ["上次巡查", "上次巡查日期", "上次走访"]),
        ("notes", ["备注"]),
    ])

    /// history (format §1), and the results file of `gridplan record`.
    public static let history = ColumnAliases([
        ("task", ["任务", "编号", "任务编号"]),
        ("date", ["日期", "走访日期"]),
        ("worker", ["网格员", "走访人", "网格员编号"]),
        ("result", ["结果", "走访结果"]),
        ("campaign", ["专项", "专项行动"]),
    ])

    /// travel matrix (format §1).
    public static let matrix = ColumnAliases([
        ("from", ["起点"]),
        ("to", ["终点"]),
        ("minutes", ["用时(分钟)", "分钟", "时间(分钟)"]),
        ("km", ["距离(公里)", "公里", "距离"]),
    ])

    /// The results values `gridplan record` accepts in Chinese, beside the format's own.
    public static let results: [String: String] = [
        "已走访": "done", "完成": "done", "电话": "phone", "电话联系": "phone", "不在家": "not_home",
        "未遇": "not_home", "拒访": "refused", "拒绝": "refused", "搬离": "moved", "已搬走": "moved",
    ]
}
