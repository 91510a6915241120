import GridPlanCore

extension Plan {
    /// Late tasks per reason, the most first (ties in the format's order of reasons); reasons
    /// without a late task are left out.
    func lateCountsByReason() -> [(reason: LateReason, count: Int)] {
        let counts = LateReason.allCases.map { r in (reason: r, count: late.filter { $0.reason == r }.count) }
        return counts.enumerated().filter { $0.element.count > 0 }
            .sorted { ($1.element.count, $0.offset) < ($0.element.count, $1.offset) }
            .map(\.element)
    }
}
