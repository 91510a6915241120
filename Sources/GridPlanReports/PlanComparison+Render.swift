import Foundation
import GridPlanCore

extension PlanComparison {
    /// Column keys for the plans: `A`, `B`, `C`, … (names can be long; a legend maps them).
    var keys: [String] {
        names.indices.map { i in
            i < 26 ? String(Character(Unicode.Scalar(UInt8(65 + i)))) : "P\(i + 1)"
        }
    }

    private var strings: Strings { Strings(locale) }

    /// A figure as shown: percentages for ratios, one decimal for km and seconds, integers otherwise.
    func format(_ m: Metric, _ v: Double) -> String {
        switch m {
        case .gap: return Format.percent(v, places: 2)
        case _ where m.isRatio: return Format.percent(v, places: 1)
        case .travelKm, .solveSeconds: return Format.decimal(v, places: 1)
        default: return Format.decimal(v, places: 0)
        }
    }

    /// A delta as shown: percentage points for ratios.
    func formatDelta(_ m: Metric, _ d: Double) -> String {
        switch m {
        case .gap: return Format.signed(d * 100, places: 2, suffix: " pp")
        case _ where m.isRatio: return Format.signed(d * 100, places: 1, suffix: " pp")
        case .travelKm, .solveSeconds: return Format.signed(d, places: 1)
        default: return Format.signed(d, places: 0)
        }
    }

    /// +1 better, −1 worse, 0 neutral or no change (the solve time is never judged: it is not the plan's merit).
    func judgement(_ m: Metric, _ d: Double) -> Int {
        guard m != .solveSeconds, abs(d) > 1e-9 else { return 0 }
        return m.preferredDirection * (d > 0 ? 1 : -1)
    }

    private var workerNames: [String: String] {
        Dictionary(workers.map { ($0.worker, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// `11/23 潘靚雨, 11/27 潘靚雨+李四`, or `—`.
    func describe(_ slots: [VisitSlot]) -> String {
        guard !slots.isEmpty else { return strings[.absent] }
        let n = workerNames
        return slots.map { s in
            let c = s.date.components
            return "\(c.month)/\(c.day) " + s.workers.map { n[$0] ?? $0 }.joined(separator: "+")
        }.joined(separator: ", ")
    }

    private func signedInt(_ x: Int?) -> String {
        guard let x else { return "" }
        return Format.signed(Double(x), places: 0)
    }

    // MARK: Text

    /// The comparison as plain-text tables for a terminal.
    /// - Parameter colour: ANSI colours (better green, worse red); only when writing to a terminal.
    public func text(colour: Bool = false) -> String {
        let t = strings, k = keys
        var out = "\(t[.comparisonTitle])\n"
        for (i, n) in names.enumerated() {
            out += "  \(k[i]): \(Escape.terminal(n)) · \(Escape.terminal(scenarioNames[i])) [\(Escape.terminal(solverStatus[i]))]"
            out += i == 0 ? " (\(t[.baseline]))\n" : "\n"
        }
        out += "\n"
        var kpi = TextTable(header: [t[.metric]] + k + k.dropFirst().map { "\($0)−\(k[0])" },
                            alignments: [.left] + Array(repeating: .right, count: 2 * names.count - 1))
        for row in metrics {
            var cells = [t[row.metric.label]] + row.values.map { format(row.metric, $0) }
            var styles: [String?] = Array(repeating: nil, count: 1 + row.values.count)
            for d in row.deltas.dropFirst() {
                cells.append(d.map { formatDelta(row.metric, $0) } ?? "")
                let j = d.map { judgement(row.metric, $0) } ?? 0
                styles.append(j > 0 ? "32" : j < 0 ? "31" : nil)
            }
            kpi.append(cells, styles: styles)
        }
        out += kpi.render(colour: colour)
        for line in summaryLines() { out += line + "\n" }

        if !lateByReason.isEmpty {
            out += "\n\(t[.lateByReason])\n"
            var late = TextTable(header: [t[.reason]] + k + k.dropFirst().map { "\($0)−\(k[0])" },
                                 alignments: [.left] + Array(repeating: .right, count: 2 * names.count - 1))
            for row in lateByReason {
                var styles: [String?] = Array(repeating: nil, count: 1 + row.counts.count)
                for d in row.deltas.dropFirst() { styles.append(d.map { $0 < 0 ? "32" : $0 > 0 ? "31" : nil } ?? nil) }
                late.append([t.reason(row.reason)] + row.counts.map(String.init) + row.deltas.dropFirst().map(signedInt),
                            styles: styles)
            }
            out += late.render(colour: colour)
        }

        out += "\n\(t[.workerLoad]) (\(t[.minutesShort]) / \(t[.stopsShort]))\n"
        var load = TextTable(header: [t[.worker]] + k + k.dropFirst().map { "\($0)−\(k[0])" },
                             alignments: [.left] + Array(repeating: .right, count: 2 * names.count - 1))
        for w in workers {
            var cells = ["\(Escape.terminal(w.name)) (\(Escape.terminal(w.worker)))"]
            for i in names.indices {
                if let m = w.minutes[i], let s = w.stops[i] { cells.append("\(m) / \(s)") } else { cells.append(t[.absent]) }
            }
            for i in names.indices.dropFirst() {
                cells.append(w.minutesDelta[i] == nil ? "" : "\(signedInt(w.minutesDelta[i])) / \(signedInt(w.stopsDelta[i]))")
            }
            load.append(cells)
        }
        out += load.render(colour: colour)

        out += "\n\(t[.changedHouseholds]) (\(households.count))\n"
        if households.isEmpty {
            out += "\(t[.noChanges])\n"
        } else {
            out += changeCounts().joined(separator: "; ") + "\n"
            var table = TextTable(header: [t[.task], t[.name]] + k, alignments: Array(repeating: .left, count: 2 + names.count))
            for h in households.prefix(maxTextRows) {
                table.append([Escape.terminal(h.task), Escape.terminal(h.name)] + h.visits.map { Escape.terminal(describe($0)) })
            }
            out += table.render(colour: colour)
            if households.count > maxTextRows { out += t.moreRows(households.count - maxTextRows) + "\n" }
        }
        return out
    }

    /// Lines under the figures: each plan's households kept on the same worker and day, and each
    /// plan's shortfall sentence.
    func summaryLines() -> [String] {
        let t = strings, k = keys
        var lines: [String] = []
        for i in names.indices { if let s = stability[i] { lines.append("\(k[i]): \(t[.stableHouseholds]) \(Format.percent(s, places: 1))") } }
        for i in names.indices {
            if let s = shortfalls[i] { lines.append("\(k[i]): \(ReportContext.shortfallSentence(s, strings: t))") }
        }
        return lines
    }

    /// Households listed in the terminal before the rest is left to `--html` and `--json`.
    var maxTextRows: Int { 40 }

    /// Per compared plan: `B: 换人 120 · 改日 200`.
    func changeCounts() -> [String] {
        let t = strings, k = keys
        return names.indices.dropFirst().map { i in
            let w = households.filter { $0.changedWorker[i] }.count, d = households.filter { $0.changedDay[i] }.count
            return "\(k[i]): \(t[.otherWorker]) \(w) · \(t[.otherDay]) \(d)"
        }
    }

    // MARK: HTML

    /// The comparison as one printable HTML page (A4 landscape, no remote resources).
    public func html() -> String {
        let t = strings, k = keys
        let css = """
            @page{size:A4 landscape;margin:10mm}
            .better{color:#0a6b2d;font-weight:600}
            .worse{color:#a31515;font-weight:600}
            .legend{margin:0 0 8px;padding-left:1.2em}
            td.slots{font-size:.9em}
            td.changed{background:#fff3cd}
            @media print{td.changed{background:#fff3cd !important;-webkit-print-color-adjust:exact;print-color-adjust:exact}
              .households{font-size:8pt;line-height:1.15}
              .households td,.households th{padding:1px 4px}
              .households tr{break-inside:avoid;page-break-inside:avoid}}
            """
        var b = "<h1>\(Escape.html(t[.comparisonTitle]))</h1>\n<ol class=\"legend\" type=\"A\">"
        for (i, n) in names.enumerated() {
            b += "<li><strong>\(Escape.html(n))</strong> · \(Escape.html(scenarioNames[i])) · \(Escape.html(t.solverStatus(solverStatus[i])))"
            if i == 0 { b += " (\(Escape.html(t[.baseline])))" }
            b += "</li>"
        }
        b += "</ol>\n<section><h2>\(Escape.html(t[.kpis]))</h2><table><thead><tr><th>\(Escape.html(t[.metric]))</th>"
        for key in k { b += "<th class=\"num\">\(key)</th>" }
        for key in k.dropFirst() { b += "<th class=\"num\">\(key)−\(k[0])</th>" }
        b += "</tr></thead><tbody>\n"
        for row in metrics {
            b += "<tr><th>\(Escape.html(t[row.metric.label]))</th>"
            for v in row.values { b += "<td class=\"num\">\(Escape.html(format(row.metric, v)))</td>" }
            for d in row.deltas.dropFirst() {
                let j = d.map { judgement(row.metric, $0) } ?? 0
                let cls = j > 0 ? "num better" : j < 0 ? "num worse" : "num"
                b += "<td class=\"\(cls)\">\(Escape.html(d.map { formatDelta(row.metric, $0) } ?? ""))</td>"
            }
            b += "</tr>\n"
        }
        b += "</tbody></table>"
        for line in summaryLines() { b += "<p>\(Escape.html(line))</p>" }
        b += "</section>\n"

        if !lateByReason.isEmpty {
            b += "<section><h2>\(Escape.html(t[.lateByReason]))</h2><table><thead><tr><th>\(Escape.html(t[.reason]))</th>"
            for key in k { b += "<th class=\"num\">\(key)</th>" }
            for key in k.dropFirst() { b += "<th class=\"num\">\(key)−\(k[0])</th>" }
            b += "</tr></thead><tbody>\n"
            for row in lateByReason {
                b += "<tr><th>\(Escape.html(t.reason(row.reason)))</th>"
                for n in row.counts { b += "<td class=\"num\">\(n)</td>" }
                for d in row.deltas.dropFirst() {
                    let cls = (d ?? 0) < 0 ? "num better" : (d ?? 0) > 0 ? "num worse" : "num"
                    b += "<td class=\"\(cls)\">\(Escape.html(signedInt(d)))</td>"
                }
                b += "</tr>\n"
            }
            b += "</tbody></table></section>\n"
        }

        b += "<section><h2>\(Escape.html(t[.workerLoad]))</h2><table><thead><tr><th>\(Escape.html(t[.worker]))</th>"
        for key in k { b += "<th class=\"num\">\(key) \(Escape.html(t[.minutesShort]))</th><th class=\"num\">\(key) \(Escape.html(t[.stopsShort]))</th>" }
        for key in k.dropFirst() { b += "<th class=\"num\">\(key)−\(k[0]) \(Escape.html(t[.minutesShort]))</th><th class=\"num\">\(key)−\(k[0]) \(Escape.html(t[.stopsShort]))</th>" }
        b += "</tr></thead><tbody>\n"
        for w in workers {
            b += "<tr><th>\(Escape.html(w.name)) <span class=\"muted\">\(Escape.html(w.worker))</span></th>"
            for i in names.indices {
                b += "<td class=\"num\">\(w.minutes[i].map(String.init) ?? Escape.html(t[.absent]))</td>"
                b += "<td class=\"num\">\(w.stops[i].map(String.init) ?? Escape.html(t[.absent]))</td>"
            }
            for i in names.indices.dropFirst() {
                b += "<td class=\"num\">\(signedInt(w.minutesDelta[i]))</td><td class=\"num\">\(signedInt(w.stopsDelta[i]))</td>"
            }
            b += "</tr>\n"
        }
        b += "</tbody></table></section>\n"

        b += "<section><h2>\(Escape.html(t[.changedHouseholds])) (\(households.count))</h2>"
        if households.isEmpty {
            b += "<p>\(Escape.html(t[.noChanges]))</p>"
        } else {
            b += "<p>\(Escape.html(changeCounts().joined(separator: "; ")))</p>"
            // Compact in print (one line a household, the header on every sheet): a cold snap changes
            // most households, and the usual rows ran to ten A4 sheets.
            b += "<table class=\"households\"><thead><tr><th>\(Escape.html(t[.task]))</th><th>\(Escape.html(t[.name]))</th>"
            for key in k { b += "<th>\(key)</th>" }
            b += "</tr></thead><tbody>\n"
            for h in households {
                b += "<tr><td>\(Escape.html(h.task))</td><td>\(Escape.html(h.name))</td>"
                for (i, v) in h.visits.enumerated() {
                    let changed = h.changedWorker[i] || h.changedDay[i]
                    b += "<td class=\"slots\(changed ? " changed" : "")\">\(Escape.html(describe(v)))</td>"
                }
                b += "</tr>\n"
            }
            b += "</tbody></table>"
        }
        b += "</section>"
        return HTMLPage.document(lang: t.htmlLang, title: t[.comparisonTitle], css: css, body: b)
    }

    // MARK: JSON

    private struct JSONForm: Encodable {
        struct PlanRef: Encodable {
            var key: String
            var name: String
            var scenario: String
            var status: String
        }

        var format = "gridplan-compare/1"
        var plans: [PlanRef]
        var kpis: [MetricRow]
        var lateByReason: [LateReasonRow]
        var workers: [WorkerLoad]
        var households: [HouseholdChange]
        var stability: [Double?]
        var shortfalls: [Shortfall?]

        enum CodingKeys: String, CodingKey {
            case format, plans, kpis, workers, households, stability, shortfalls
            case lateByReason = "late_by_reason"
        }
    }

    /// The comparison as pretty-printed JSON with sorted keys (`format: gridplan-compare/1`):
    /// `plans`, `kpis` (values and deltas vs the first plan), `late_by_reason`, `workers`, `households`.
    public func jsonData() throws -> Data {
        let form = JSONForm(
            plans: names.indices.map { JSONForm.PlanRef(key: keys[$0], name: names[$0], scenario: scenarioNames[$0], status: solverStatus[$0]) },
            kpis: metrics, lateByReason: lateByReason, workers: workers, households: households, stability: stability,
            shortfalls: shortfalls)
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var d = try e.encode(form)
        d.append(0x0A)
        return d
    }
}
