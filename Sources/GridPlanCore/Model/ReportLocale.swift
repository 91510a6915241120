import Foundation

public enum ReportLocale: String, Sendable, Codable, CaseIterable {
    case zhHans = "zh-Hans"
    case en
}
