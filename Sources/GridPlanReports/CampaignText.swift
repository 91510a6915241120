import Foundation
import GridPlanCore

/// Campaign visits in the reports (Docs/scenario-format.md, `campaigns`): the label of a
/// campaign-only stop, what a stop delivers, the key figure, and the list of campaign visits the plan
/// does not make by their deadline, in both report languages.
extension ReportContext {
    /// `专项走访` / `campaign`: the kind of a campaign-only stop.
    static func campaignKind(_ t: Strings) -> String { t.locale == .en ? "campaign" : "专项走访" }

    /// What a stop delivers, for the daily list and the roster's routes: `春节慰问（专项，不计常规走访）`
    /// on a campaign-only stop, `含 春节慰问` on a visit that carries a campaign; nil otherwise.
    func campaignNote(_ s: Stop) -> String? {
        guard let names = s.campaign, !names.isEmpty else { return nil }
        let list = names.joined(separator: strings.listSeparator)
        if strings.locale == .en {
            return s.isCampaignOnly ? "\(list) (campaign only, not a regular visit)" : "with \(list)"
        }
        return s.isCampaignOnly ? "\(list)（专项走访，不计常规走访）" : "含 \(list)"
    }

    /// Campaign-only stops of a route.
    func campaignStops(_ route: Route) -> Int { route.stops.filter(\.isCampaignOnly).count }

    /// `专项走访按期 15 / 15` / `Campaign visits kept 15 / 15`, when the plan owes campaign visits.
    func campaignFigure() -> (String, String)? {
        guard let owed = plan.kpis.campaignVisitsOwed, let kept = plan.kpis.campaignVisitsKept else { return nil }
        return (strings.locale == .en ? "Campaign visits kept" : "专项走访按期完成", "\(kept) / \(owed)")
    }

    /// `未按期的专项走访` / `Campaign visits missed`.
    var missedCampaignsTitle: String { strings.locale == .en ? "Campaign visits missed" : "未按期的专项走访" }

    /// Why a campaign visit is missed, in the report's language, from the reason code and its parameters.
    func missedCampaignText(_ m: MissedCampaign) -> String {
        let en = strings.locale == .en
        let by = strings.day(m.deadline)
        switch m.reason {
        case .capacity:
            let who = (m.workers ?? []).map { workerLabel($0) }.joined(separator: strings.listSeparator)
            let days = (m.dates ?? []).map { strings.shortDay($0) }.joined(separator: strings.listSeparator)
            return en ? "the eligible workers' days up to \(by) were full: \(who) (\(days))"
                : "截至\(by)，可走访的网格员当天已排满：\(who)（\(days)）"
        case .noEligibleWorker:
            return en ? "nobody who covers the household's grid has what the visit needs (\(m.detail))"
                : "负责或协管该网格的网格员中没有符合条件的人（\(m.detail)）"
        case .windowOutsideShift:
            return en ? "the household's visiting window does not fit any eligible worker's shift"
                : "住户可走访时段与网格员的工作时间不重合"
        case .noWorkingDay:
            return en ? "no eligible worker works on a day the household can be visited up to \(by)"
                : "截至\(by)，没有符合条件的网格员在住户可走访的日子上班"
        case .minGap, .other:
            return en ? "no timed route could take it up to \(by)" : "截至\(by)，路线排不下"
        }
    }

    /// The missed campaign visits as an HTML section ("" when the plan owes none with a deadline in it).
    func missedCampaignsHTML() -> String {
        guard let missed = plan.missedCampaigns else { return "" }
        let t = strings
        let en = t.locale == .en
        var b = "<section><h2>\(Escape.html(missedCampaignsTitle)) (\(missed.count))</h2>\n"
        if missed.isEmpty {
            let n = plan.kpis.campaignVisitsOwed ?? 0
            b += "<p>\(Escape.html(en ? "All \(n) campaign visits are planned by their deadlines." : "全部 \(n) 户专项走访均在截止日期前安排。"))</p>"
            return b + "</section>\n"
        }
        b += "<table class=\"late\"><thead><tr>"
        let heads = [t[.task], t[.name], t[.grid], en ? "Campaign" : "专项", en ? "Deadline" : "截止日期", t[.reason], t[.detail]]
        for h in heads { b += "<th>\(Escape.html(h))</th>" }
        b += "</tr></thead>\n<tbody>\n"
        for m in missed {
            b += "<tr><td class=\"n\">\(Escape.html(m.household))</td><td>\(Escape.html(taskName(m.household)))</td>"
            b += "<td>\(Escape.html(job(m.household)?.grid ?? ""))</td><td>\(Escape.html(m.campaign))</td>"
            b += "<td class=\"n\">\(m.deadline.iso)</td><td>\(Escape.html(t.reason(m.reason)))</td>"
            b += "<td>\(Escape.html(missedCampaignText(m)))</td></tr>\n"
        }
        return b + "</tbody></table></section>\n"
    }

    /// The missed campaign visits as a Markdown section ("" when the plan owes none with a deadline in it).
    func missedCampaignsMarkdown() -> String {
        guard let missed = plan.missedCampaigns else { return "" }
        let e = Escape.markdown
        var s = "\n## \(e(missedCampaignsTitle)) (\(missed.count))\n\n"
        if missed.isEmpty {
            let n = plan.kpis.campaignVisitsOwed ?? 0
            return s + e(strings.locale == .en ? "All \(n) campaign visits are planned by their deadlines." : "全部 \(n) 户专项走访均在截止日期前安排。") + "\n"
        }
        for m in missed {
            s += "- \(e(m.household)) \(e(taskName(m.household))): \(e(m.campaign)), \(e(strings.locale == .en ? "deadline" : "截止")) "
                + "\(m.deadline.iso); \(e(strings.reason(m.reason))) — \(e(missedCampaignText(m)))\n"
        }
        return s
    }
}
