import Foundation
import GridPlanCore

/// The files `gridplan init DIR --xlsx` writes: the starter scenario of `StarterScenario`, with its
/// households, patrol points and history in one workbook `台账.xlsx` (sheets 住户, 巡查点, 走访记录,
/// and an empty 走访结果 for `gridplan record --results`) under Chinese headers, one example row
/// each, and drop-down lists of the starter scenario's categories, grids, workers and results.
/// `visits.csv` stays, with its header only: the history `gridplan record` appends to.
public enum StarterWorkbook {
    /// The workbook's file name.
    public static let fileName = "台账.xlsx"

    /// The starter files for a week beginning on `start`.
    public static func files(start: CivilDate) throws -> ScenarioFileSet {
        let csvSet = StarterScenario.files(start: start)
        let scenario = try starterScenario(csvSet)
        var files: [ScenarioFileSet.File] = []
        for f in csvSet.files {
            switch f.name {
            case "scenario.yaml":
                files.append(ScenarioFileSet.File(name: f.name, text: yaml(String(decoding: f.contents, as: UTF8.self))))
                files.append(ScenarioFileSet.File(name: fileName, contents: try workbook(scenario, start: start)))
            case "households.csv", "patrols.csv":
                continue
            case "visits.csv":
                files.append(ScenarioFileSet.File(name: f.name, contents: Data([0xEF, 0xBB, 0xBF] + Array("task,date,worker,result\r\n".utf8))))
            default:
                files.append(f)
            }
        }
        return ScenarioFileSet(files: files)
    }

    /// The starter YAML pointing into the workbook.
    static func yaml(_ text: String) -> String {
        text.replacingOccurrences(of: StarterScenario.tableSources, with: """
            # 重点人群户：台账.xlsx 的“住户”页（第一行是列名，可用中文列名）
            # special households: sheet 住户 of 台账.xlsx (column names in its first row, Chinese or English)
            households: {file: \(fileName), sheet: 住户}
            # 巡查点 / patrol points, each on its own schedule: sheet 巡查点
            patrols: {file: \(fileName), sheet: 巡查点}
            # 以往走访记录（任务,日期,网格员,结果）：台账.xlsx 的“走访记录”页，再加 gridplan record 追加的 visits.csv
            # visits before the first day: sheet 走访记录, then visits.csv, which gridplan record appends to
            history: [{file: \(fileName), sheet: 走访记录}, visits.csv]
            """)
    }

    /// The CSV starter scenario, loaded, for its categories, grids and workers.
    static func starterScenario(_ set: ScenarioFileSet) throws -> Scenario {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridplan-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try set.write(to: folder, overwrite: true)
        let loaded = ScenarioLoader.load(path: folder.appendingPathComponent("scenario.yaml").path)
        guard let s = loaded.scenario else {
            throw WorkbookError(description: "the starter scenario does not load: \(loaded.errors.map(\.description))")
        }
        return s
    }

    static func workbook(_ s: Scenario, start: CivilDate) throws -> Data {
        let book = try Workbook(title: s.name, created: start)
        let rowsWithLists = 1000
        let categories = s.policies.map(\.category)
        var grids: [String] = []
        for g in s.workers.flatMap({ $0.grids + $0.mayCover }) + s.households.map(\.grid) + s.patrols.map(\.grid)
            where !grids.contains(g) { grids.append(g) }
        let workers = s.workers.map(\.id)
        let results = VisitResult.allCases.map(\.rawValue)

        let households = book.addSheet("住户")
        let hColumns = ScenarioWriter.householdColumns
        households.table(header: hColumns.map { (ColumnAliases.households.chinese($0), width(of: $0)) }, rows: 1)
        if let h = s.households.first {
            let values: [String: String] = [
                "id": h.id, "name": h.name, "address": h.address, "grid": h.grid,
                "categories": h.categories.joined(separator: "；"), "preferred_worker": h.preferredWorker ?? "",
                "window": h.window.map { "\($0.start.hhmm)-\($0.end.hhmm)" } ?? "", "phone": h.phone, "notes": h.notes,
            ]
            for (i, c) in hColumns.enumerated() {
                switch c {
                case "lat": households.number(1, i, h.location.lat)
                case "lon": households.number(1, i, h.location.lon)
                case "duration_min": if let d = h.durationMin { households.number(1, i, Double(d)) }
                case "last_visit": if let d = h.lastVisit { households.date(1, i, d) }
                default: households.text(1, i, values[c] ?? "")
                }
            }
        }
        dropDowns(households, hColumns, rows: rowsWithLists, lists: [
            "grid": grids, "categories": categories, "preferred_worker": workers,
        ])
        dateColumns(households, hColumns, book: book)

        let patrols = book.addSheet("巡查点")
        let pColumns = ScenarioWriter.patrolColumns
        patrols.table(header: pColumns.map { (ColumnAliases.patrols.chinese($0), width(of: $0)) }, rows: 1)
        if let p = s.patrols.first {
            for (i, c) in pColumns.enumerated() {
                switch c {
                case "id": patrols.text(1, i, p.id)
                case "name": patrols.text(1, i, p.name)
                case "grid": patrols.text(1, i, p.grid)
                case "lat": patrols.number(1, i, p.location.lat)
                case "lon": patrols.number(1, i, p.location.lon)
                case "every_days": patrols.number(1, i, Double(p.everyDays))
                case "min_gap_days": if let g = p.minGapDays { patrols.number(1, i, Double(g)) }
                case "duration_min": patrols.number(1, i, Double(p.durationMin))
                case "window": patrols.text(1, i, p.window.map { "\($0.start.hhmm)-\($0.end.hhmm)" } ?? "")
                case "skills": patrols.text(1, i, p.skills.joined(separator: ";"))
                case "priority": patrols.number(1, i, Double(p.priority))
                case "last_visit": if let d = p.lastVisit { patrols.date(1, i, d) }
                case "notes": patrols.text(1, i, p.notes)
                default: break
                }
            }
        }
        dropDowns(patrols, pColumns, rows: rowsWithLists, lists: ["grid": grids])
        dateColumns(patrols, pColumns, book: book)

        let historyColumns = ["task", "date", "worker", "result"]
        for (name, entries) in [("走访记录", s.history), ("走访结果", [])] {
            let sheet = book.addSheet(name)
            sheet.table(header: historyColumns.map { (ColumnAliases.history.chinese($0), width(of: $0)) },
                        rows: max(entries.count, 1))
            for (r, e) in entries.enumerated() {
                sheet.text(r + 1, 0, e.task)
                sheet.date(r + 1, 1, e.date)
                sheet.text(r + 1, 2, e.worker)
                sheet.text(r + 1, 3, e.result ?? "done")
            }
            dropDowns(sheet, historyColumns, rows: rowsWithLists, lists: ["worker": workers, "result": results])
            dateColumns(sheet, historyColumns, book: book)
        }
        return try book.finish()
    }

    static func width(of column: String) -> Double {
        switch column {
        case "address", "notes": return 30
        case "name", "categories": return 14
        case "lat", "lon", "last_visit", "date", "window": return 12
        default: return 10
        }
    }

    static func dropDowns(_ sheet: Workbook.Sheet, _ columns: [String], rows: Int, lists: [String: [String]]) {
        for (i, c) in columns.enumerated() {
            guard let values = lists[c] else { continue }
            sheet.dropDown(col: i, first: 1, last: rows, values: values, source: nil)
        }
    }

    static func dateColumns(_ sheet: Workbook.Sheet, _ columns: [String], book: Workbook) {
        for (i, c) in columns.enumerated() where c == "last_visit" || c == "date" {
            sheet.columnFormat(i, width: width(of: c), book.dateFormat)
        }
    }
}
