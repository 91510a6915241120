import Foundation

/// A column of a CSV row that the format does not define, kept as a note.
public struct ExtraField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
