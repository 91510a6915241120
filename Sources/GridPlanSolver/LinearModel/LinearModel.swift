import Foundation

/// A handle to a variable (column) of a `LinearModel`: the only way to refer to one, so no code
/// computes column offsets by hand.
public struct VariableHandle: Hashable, Sendable, Comparable {
    /// 0-based position in the model (GLPK's column index is `index + 1`).
    public let index: Int

    public static func < (a: VariableHandle, b: VariableHandle) -> Bool { a.index < b.index }
}

/// A handle to a row (constraint) of a `LinearModel`.
public struct RowHandle: Hashable, Sendable {
    /// 0-based position in the model (GLPK's row index is `index + 1`).
    public let index: Int
}

/// What values a variable may take.
public enum VariableKind: Sendable, Hashable {
    /// 0 or 1.
    case binary
    /// Any integer within the bounds.
    case integer
    /// Any real within the bounds.
    case continuous
}

/// How a row's left-hand side compares with its right-hand side.
public enum RowSense: Sendable, Hashable {
    case lessOrEqual
    case greaterOrEqual
    case equal

    var symbol: String {
        switch self {
        case .lessOrEqual: return "<="
        case .greaterOrEqual: return ">="
        case .equal: return "="
        }
    }
}

/// What is wrong with a model, found in Swift before GLPK sees it (GLPK would `abort()` instead).
public struct LinearModelError: Error, Sendable, CustomStringConvertible, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A mixed-integer linear model to minimise: named variables with bounds and objective coefficients,
/// and named rows `Σ coef × var (≤ | ≥ | =) rhs`.
///
/// Names are sanitised on the way in (ASCII without spaces or control characters, at most 255
/// bytes) so that GLPK and the LP file writer accept them; `validate()` checks every number before a
/// backend is allowed to see the model.
public struct LinearModel: Sendable {
    struct Variable: Sendable {
        var name: String
        var kind: VariableKind
        var lower: Double
        var upper: Double
        var cost: Double
    }

    struct Row: Sendable {
        var name: String
        var sense: RowSense
        var rhs: Double
        var columns: [Int]
        var coefficients: [Double]
    }

    /// The model's name (sanitised).
    public private(set) var name: String
    /// A constant added to the objective (not passed to GLPK; added back to every reported value).
    public var objectiveConstant: Double = 0
    private(set) var variables: [Variable] = []
    private(set) var rows: [Row] = []

    public init(name: String) { self.name = LinearModel.sanitise(name) }

    /// Number of variables (columns).
    public var variableCount: Int { variables.count }
    /// Number of rows.
    public var rowCount: Int { rows.count }

    /// Adds a variable and returns its handle.
    ///
    /// - Parameters:
    ///   - name: a readable name such as `x[H0007,2026-11-23,W01]`; sanitised.
    ///   - kind: binary variables always get bounds 0…1.
    ///   - lower: lower bound, may be `-.infinity`.
    ///   - upper: upper bound, may be `.infinity`.
    ///   - cost: objective coefficient (the model is minimised).
    @discardableResult
    public mutating func addVariable(_ name: String, kind: VariableKind, lower: Double = 0, upper: Double = .infinity,
                                     cost: Double = 0) -> VariableHandle {
        let isBinary = kind == .binary
        variables.append(Variable(name: LinearModel.sanitise(name), kind: kind, lower: isBinary ? 0 : lower,
                                  upper: isBinary ? 1 : upper, cost: cost))
        return VariableHandle(index: variables.count - 1)
    }

    /// Adds a row `Σ terms (sense) rhs` and returns its handle. Zero coefficients are dropped;
    /// repeated variables are kept and reported by `validate()`.
    @discardableResult
    public mutating func addRow(_ name: String, _ terms: [(VariableHandle, Double)], _ sense: RowSense,
                                _ rhs: Double) -> RowHandle {
        var cols: [Int] = [], coefs: [Double] = []
        cols.reserveCapacity(terms.count)
        coefs.reserveCapacity(terms.count)
        for (v, c) in terms where c != 0 {
            cols.append(v.index)
            coefs.append(c)
        }
        rows.append(Row(name: LinearModel.sanitise(name), sense: sense, rhs: rhs, columns: cols, coefficients: coefs))
        return RowHandle(index: rows.count - 1)
    }

    /// The (sanitised) name of a variable.
    public func name(of v: VariableHandle) -> String { variables[v.index].name }
    /// The (sanitised) name of a row.
    public func name(of r: RowHandle) -> String { rows[r.index].name }
    /// A variable's objective coefficient.
    public func cost(of v: VariableHandle) -> Double { variables[v.index].cost }

    /// The sub-problem in which the given columns are fixed at values, with those columns taken out:
    /// each row's right-hand side carries their contribution, the objective's constant their cost,
    /// and rows left without a column are dropped. The same sub-problem as the whole model with
    /// those columns' bounds set to their values, over only the free columns, so GLPK's LP is as small
    /// as the neighbourhood.
    /// - Returns: the model, and for each of its columns the index of the column it stands for.
    public func reduced(fixing values: [(VariableHandle, Double)]) -> (model: LinearModel, columns: [Int]) {
        var fixedValue = [Double?](repeating: nil, count: variables.count)
        for (v, x) in values { fixedValue[v.index] = x }
        var m = LinearModel(name: name)
        m.objectiveConstant = objectiveConstant
        var newIndex = [Int](repeating: -1, count: variables.count)
        var columns: [Int] = []
        for (i, v) in variables.enumerated() {
            if let x = fixedValue[i] {
                m.objectiveConstant += v.cost * x
            } else {
                newIndex[i] = m.variables.count
                columns.append(i)
                m.variables.append(v)
            }
        }
        for r in rows {
            var rhs = r.rhs
            var cols: [Int] = [], coefs: [Double] = []
            for (c, a) in zip(r.columns, r.coefficients) {
                if let x = fixedValue[c] { rhs -= a * x } else { cols.append(newIndex[c]); coefs.append(a) }
            }
            guard !cols.isEmpty else { continue }
            m.rows.append(Row(name: r.name, sense: r.sense, rhs: rhs, columns: cols, coefficients: coefs))
        }
        return (m, columns)
    }

    /// Whether a column is binary or integer.
    public func isInteger(_ v: VariableHandle) -> Bool { variables[v.index].kind != .continuous }

    /// Replaces the objective: every variable's cost becomes 0 except those given (a later stage's goal).
    public mutating func setCosts(_ terms: [(VariableHandle, Double)]) {
        for i in variables.indices { variables[i].cost = 0 }
        for (v, c) in terms { variables[v.index].cost += c }
        objectiveConstant = 0
    }

    /// Checks every number and name; throws the first problem found, naming the row or variable.
    ///
    /// - Complexity: O(variables + non-zeros).
    public func validate() throws {
        if rows.count >= Int(Int32.max) || variables.count >= Int(Int32.max) {
            throw LinearModelError("model '\(name)' is too large for GLPK")
        }
        guard objectiveConstant.isFinite else { throw LinearModelError("objective constant is not finite") }
        for v in variables {
            try LinearModel.checkName(v.name, what: "variable")
            if v.lower.isNaN || v.upper.isNaN { throw LinearModelError("variable '\(v.name)': bound is NaN") }
            if v.lower == .infinity || v.upper == -.infinity {
                throw LinearModelError("variable '\(v.name)': bounds \(v.lower)…\(v.upper) admit no value")
            }
            if v.lower > v.upper { throw LinearModelError("variable '\(v.name)': lower bound \(v.lower) > upper bound \(v.upper)") }
            if !v.cost.isFinite { throw LinearModelError("variable '\(v.name)': objective coefficient \(v.cost) is not finite") }
        }
        var seen = [Int](repeating: -1, count: variables.count)
        for (ri, r) in rows.enumerated() {
            try LinearModel.checkName(r.name, what: "row")
            if !r.rhs.isFinite { throw LinearModelError("row '\(r.name)': right-hand side \(r.rhs) is not finite") }
            for (c, a) in zip(r.columns, r.coefficients) {
                guard c >= 0, c < variables.count else {
                    throw LinearModelError("row '\(r.name)': refers to a variable of another model")
                }
                if !a.isFinite { throw LinearModelError("row '\(r.name)': coefficient of '\(variables[c].name)' is not finite") }
                if seen[c] == ri { throw LinearModelError("row '\(r.name)': variable '\(variables[c].name)' appears twice") }
                seen[c] = ri
            }
        }
    }

    /// The objective value of a full assignment of values (constant included).
    public func objective(of x: [Double]) -> Double {
        var s = objectiveConstant
        for (i, v) in variables.enumerated() { s += v.cost * x[i] }
        return s
    }

    /// Every rule a full assignment of values breaks (bounds, integrality, rows), as readable lines;
    /// empty when the values are feasible. GLPK accepts infeasible starting solutions silently, so
    /// starts are checked here first.
    ///
    /// - Parameter tolerance: absolute slack allowed on bounds and rows.
    /// - Complexity: O(variables + non-zeros).
    public func violations(of x: [Double], tolerance: Double = 1e-6) -> [String] {
        guard x.count == variables.count else {
            return ["expected \(variables.count) values, got \(x.count)"]
        }
        var out: [String] = []
        for (i, v) in variables.enumerated() {
            let xi = x[i]
            if !xi.isFinite { out.append("\(v.name) = \(xi) is not finite"); continue }
            if xi < v.lower - tolerance || xi > v.upper + tolerance {
                out.append("\(v.name) = \(xi) outside \(v.lower)…\(v.upper)")
            }
            if v.kind != .continuous, abs(xi - xi.rounded()) > tolerance { out.append("\(v.name) = \(xi) is not integral") }
        }
        for r in rows {
            var lhs = 0.0
            for (c, a) in zip(r.columns, r.coefficients) { lhs += a * x[c] }
            let ok: Bool
            switch r.sense {
            case .lessOrEqual: ok = lhs <= r.rhs + tolerance
            case .greaterOrEqual: ok = lhs >= r.rhs - tolerance
            case .equal: ok = abs(lhs - r.rhs) <= tolerance
            }
            if !ok { out.append("\(r.name): \(lhs) \(r.sense.symbol) \(r.rhs) does not hold") }
        }
        return out
    }

    /// Replaces what GLPK or the LP format cannot take: control characters, spaces and non-ASCII
    /// characters (written as `uXXXX`); cut to 255 bytes; an empty name becomes `_`.
    public static func sanitise(_ raw: String) -> String {
        var s = ""
        s.reserveCapacity(raw.utf8.count)
        for u in raw.unicodeScalars {
            if u.isASCII, u.value > 32, u.value < 127 {
                s.unicodeScalars.append(u)
            } else if u.value <= 32 || u.value == 127 {
                s.append("_")
            } else {
                s += "u" + String(u.value, radix: 16, uppercase: true)
            }
        }
        if s.isEmpty { s = "_" }
        if s.utf8.count > 255 { s = String(s.prefix(255)) }
        return s
    }

    static func checkName(_ n: String, what: String) throws {
        if n.isEmpty || n.utf8.count > 255 { throw LinearModelError("\(what) name '\(n.prefix(40))…' must be 1…255 bytes") }
        if n.unicodeScalars.contains(where: { !$0.isASCII || $0.value <= 32 || $0.value == 127 }) {
            throw LinearModelError("\(what) name '\(n)' holds a control or non-ASCII character")
        }
    }
}
