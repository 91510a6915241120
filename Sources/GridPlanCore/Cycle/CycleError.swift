import Foundation

/// What can go wrong in the weekly cycle's file handling (record, next, replan).
public enum CycleError: Error, CustomStringConvertible, Equatable {
    /// A file exists but cannot be read as the command needs it.
    case unreadable(path: String, why: String)
    /// A file cannot be written; what was there is unchanged.
    case cannotWrite(path: String, why: String)

    /// `PATH: error: …`, as the command prints it.
    public var description: String {
        switch self {
        case .unreadable(let p, let why): return "\(p): error: cannot read: \(why)"
        case .cannotWrite(let p, let why): return "\(p): error: cannot write: \(why)"
        }
    }
}
