import Foundation

/// Why a plan file could not be read: a short, lower-case message naming the problem.
public struct PlanFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// e.g. `no such file`, `not a gridplan plan: missing field 'kpis'`.
    public var message: String

    public init(message: String) { self.message = message }

    public var description: String { message }
}

/// Reading plan.json for tools that check or show a plan written earlier.
public enum PlanFile {
    /// Reads and decodes the plan at `path`, or says in one line why it is not a readable plan:
    /// a missing file, a folder, text that is not JSON, a missing or malformed field (named by its
    /// path, e.g. `routes[3].stops[0].start`), or another `format` than `gridplan-plan/1`.
    public static func read(path: String) -> Result<Plan, PlanFileError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(PlanFileError(message: "no such file"))
        }
        if isDirectory.boolValue { return .failure(PlanFileError(message: "is a folder, not a plan.json")) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(PlanFileError(message: "cannot read the file"))
        }
        return decode(data)
    }

    /// Decodes plan.json bytes; see `read(path:)`.
    public static func decode(_ data: Data) -> Result<Plan, PlanFileError> {
        if (try? JSONSerialization.jsonObject(with: data)) == nil {
            return .failure(PlanFileError(message: "not JSON: a plan is the plan.json written by 'gridplan plan'"))
        }
        let plan: Plan
        do {
            plan = try Plan.decode(from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            return .failure(PlanFileError(message: "not a gridplan plan: missing field '\(fieldPath(context.codingPath + [key]))'"))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
                let DecodingError.dataCorrupted(context) {
            return .failure(PlanFileError(message:
                "not a gridplan plan: field '\(fieldPath(context.codingPath))': \(wording(context.debugDescription))"))
        } catch {
            return .failure(PlanFileError(message: "not a gridplan plan: \(error)"))
        }
        guard plan.format == Plan.formatName else {
            return .failure(PlanFileError(message: "format '\(plan.format)' is not \(Plan.formatName)"))
        }
        return .success(plan)
    }

    /// Foundation's "Cannot initialize LateReason from invalid String value x" as a user reads it:
    /// `'x' is not one of …` with the values the format allows; other descriptions as they are.
    static func wording(_ description: String) -> String {
        let marker = " from invalid String value "
        guard description.hasPrefix("Cannot initialize "), let r = description.range(of: marker) else { return description }
        let type = String(description[description.index(description.startIndex, offsetBy: 18)..<r.lowerBound])
        let value = String(description[r.upperBound...])
        let allowed: [String]
        switch type {
        case "LateReason": allowed = LateReason.allCases.map(\.rawValue)
        case "JobKind": allowed = JobKind.allCases.map(\.rawValue)
        default: return "'\(value)' is not a valid value"
        }
        return "'\(value)' is not one of " + allowed.joined(separator: ", ")
    }

    /// `routes[3].stops[0].start` for a coding path.
    static func fieldPath(_ keys: [CodingKey]) -> String {
        var s = ""
        for k in keys {
            if let i = k.intValue { s += "[\(i)]" } else { s += s.isEmpty ? k.stringValue : "." + k.stringValue }
        }
        return s.isEmpty ? "(top level)" : s
    }
}
