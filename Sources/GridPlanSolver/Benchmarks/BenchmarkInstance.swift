import Foundation

/// A customer of a benchmark instance (node 0 is the depot).
public struct BenchmarkCustomer: Sendable, Hashable {
    public var id: Int
    public var x: Double
    public var y: Double
    public var service: Double
    public var demand: Double
    /// Solomon: earliest service start and latest service start (`due`). PVRP: 0 and infinity.
    public var ready: Double
    public var due: Double
    /// PVRP: allowed visit-day patterns as sorted 0-based day lists. Solomon: `[[0]]`.
    public var patterns: [[Int]]
}

/// Which literature set an instance belongs to.
public enum BenchmarkKind: String, Sendable, Codable {
    /// Cordeau, Gendreau & Laporte (1997) periodic VRP.
    case pvrp
    /// Solomon (1987) VRP with time windows.
    case solomon
}

/// A public benchmark instance read from its literature file.
public struct BenchmarkInstance: Sendable {
    public var name: String
    public var kind: BenchmarkKind
    /// Vehicles available (PVRP: on each day; Solomon: in all).
    public var vehicles: Int
    /// Days of the period (Solomon: 1).
    public var days: Int
    /// Capacity per day (Solomon: one entry).
    public var capacity: [Double]
    /// Maximum route duration per day, travel plus service; infinity when unlimited.
    public var maxDuration: [Double]
    /// The depot first (index 0), then the customers in file order.
    public var nodes: [BenchmarkCustomer]
    /// What the reader accepted although the file is not quite consistent (e.g. a frequency that disagrees
    /// with the patterns); one line per kind of problem, already naming file and line.
    public var warnings: [String] = []

    /// Euclidean distance between nodes `a` and `b` (unrounded).
    public func distance(_ a: Int, _ b: Int) -> Double {
        let dx = nodes[a].x - nodes[b].x, dy = nodes[a].y - nodes[b].y
        return (dx * dx + dy * dy).squareRoot()
    }
}

/// Why a benchmark file could not be read.
public struct BenchmarkFormatError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): error: \(message)" }
}

extension BenchmarkInstance {
    /// Reads a Cordeau PVRP or a Solomon VRPTW file, telling them apart by content (Solomon files have
    /// `VEHICLE` and `CUSTOMER` sections; Cordeau files start with four integers `type m n t`).
    public static func read(contentsOf path: String) throws -> BenchmarkInstance {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw BenchmarkFormatError(file: path, line: 0, message: "cannot read the file")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(text, name: name, file: path)
    }

    /// Parses the text of a benchmark file; see `read(contentsOf:)`.
    public static func parse(_ text: String, name: String, file: String = "<text>") throws -> BenchmarkInstance {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let upper = text.uppercased()
        if upper.contains("VEHICLE") && upper.contains("CUSTOMER") { return try parseSolomon(lines, name: name, file: file) }
        return try parseCordeau(lines, name: name, file: file)
    }

    static func numbers(_ line: String) -> [Double]? {
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        var result: [Double] = []
        for p in parts { guard let v = Double(p) else { return nil }; result.append(v) }
        return result
    }

    static func parseCordeau(_ lines: [String], name: String, file: String) throws -> BenchmarkInstance {
        var rows: [(line: Int, values: [Double])] = []
        for (i, l) in lines.enumerated() where !l.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let v = numbers(l) else { throw BenchmarkFormatError(file: file, line: i + 1, message: "expected numbers") }
            rows.append((i + 1, v))
        }
        guard let head = rows.first, head.values.count >= 4 else {
            throw BenchmarkFormatError(file: file, line: 1, message: "expected 'type m n t' on the first line")
        }
        let type = Int(head.values[0]), m = Int(head.values[1]), n = Int(head.values[2]), t = Int(head.values[3])
        guard type == 1 || type == 5 else {
            throw BenchmarkFormatError(file: file, line: 1, message: "problem type \(type) is not a PVRP (1) or PVRPTW (5)")
        }
        guard m > 0, n > 0, t > 0, rows.count >= 1 + t + n + 1 else {
            throw BenchmarkFormatError(file: file, line: 1, message: "expected \(t) day lines and \(n + 1) node lines")
        }
        var capacity: [Double] = [], duration: [Double] = []
        for d in 0..<t {
            let r = rows[1 + d]
            guard r.values.count >= 2 else { throw BenchmarkFormatError(file: file, line: r.line, message: "expected 'D Q'") }
            duration.append(r.values[0] > 0 ? r.values[0] : .infinity)
            capacity.append(r.values[1])
        }
        var nodes: [BenchmarkCustomer] = []
        // Customers whose frequency field disagrees with their patterns (p11's customer 131 lists f = 0 with
        // five 1-day patterns): the patterns decide, and the file gets one warning.
        var frequencyMismatch: [(line: Int, customer: Int, f: Int, days: Int)] = []
        for k in 0...n {
            let r = rows[1 + t + k]
            let v = r.values
            guard v.count >= 7, Int(v[0]) == k else {
                throw BenchmarkFormatError(file: file, line: r.line, message: "expected node \(k): 'i x y d q f a patterns…'")
            }
            let a = Int(v[6])
            guard a >= 0, v.count >= 7 + a else {
                throw BenchmarkFormatError(file: file, line: r.line, message: "node \(k) lists \(v.count - 7) of \(a) patterns")
            }
            var patterns: [[Int]] = []
            for p in 0..<a {
                let code = Int(v[7 + p])
                guard code > 0, code < 1 << t else {
                    throw BenchmarkFormatError(file: file, line: r.line,
                                               message: "node \(k): pattern code \(code) names no day of a \(t)-day period")
                }
                patterns.append((0..<t).filter { day in (code >> (t - 1 - day)) & 1 == 1 })
            }
            // Time-window files (type 5, PVRPTW) end each line with `e l`: earliest and latest service start.
            var ready = 0.0, due = Double.infinity
            if v.count >= 7 + a + 2 {
                ready = v[7 + a]
                due = v[8 + a]
            }
            if k > 0 {
                guard let first = patterns.first else {
                    throw BenchmarkFormatError(file: file, line: r.line, message: "customer \(k) lists no visit pattern")
                }
                for p in patterns where p.count != first.count {
                    throw BenchmarkFormatError(file: file, line: r.line,
                                               message: "customer \(k): its patterns have \(first.count) and \(p.count) days")
                }
                let f = Int(v[5])
                if first.count != f { frequencyMismatch.append((r.line, k, f, first.count)) }
            }
            nodes.append(BenchmarkCustomer(id: k, x: v[1], y: v[2], service: v[3], demand: v[4], ready: ready, due: due,
                                           patterns: patterns))
        }
        var warnings: [String] = []
        if let m0 = frequencyMismatch.first {
            let more = frequencyMismatch.count > 1 ? " (and \(frequencyMismatch.count - 1) more customers)" : ""
            warnings.append("\(file):\(m0.line): warning: customer \(m0.customer) lists frequency \(m0.f) but its patterns "
                            + "have \(m0.days) day\(m0.days == 1 ? "" : "s") each; the patterns are used\(more)")
        }
        return BenchmarkInstance(name: name, kind: .pvrp, vehicles: m, days: t, capacity: capacity, maxDuration: duration,
                                 nodes: nodes, warnings: warnings)
    }

    static func parseSolomon(_ lines: [String], name fileName: String, file: String) throws -> BenchmarkInstance {
        var vehicles = 0, capacity = 0.0
        var nodes: [BenchmarkCustomer] = []
        var section = ""
        var name = fileName
        for (i, raw) in lines.enumerated() {
            let l = raw.trimmingCharacters(in: .whitespaces)
            if l.isEmpty { continue }
            let u = l.uppercased()
            if u.hasPrefix("VEHICLE") { section = "vehicle"; continue }
            if u.hasPrefix("CUSTOMER") { section = "customer"; continue }
            if u.hasPrefix("NUMBER") || u.hasPrefix("CUST") { continue }
            guard let v = numbers(l) else {
                if section.isEmpty { name = l; continue }
                throw BenchmarkFormatError(file: file, line: i + 1, message: "expected numbers")
            }
            switch section {
            case "vehicle":
                guard v.count >= 2 else { throw BenchmarkFormatError(file: file, line: i + 1, message: "expected 'NUMBER CAPACITY'") }
                vehicles = Int(v[0]); capacity = v[1]
            case "customer":
                guard v.count >= 7, Int(v[0]) == nodes.count else {
                    throw BenchmarkFormatError(file: file, line: i + 1, message: "expected customer \(nodes.count): 'id x y demand ready due service'")
                }
                nodes.append(BenchmarkCustomer(id: Int(v[0]), x: v[1], y: v[2], service: v[6], demand: v[3], ready: v[4],
                                               due: v[5], patterns: [[0]]))
            default:
                throw BenchmarkFormatError(file: file, line: i + 1, message: "numbers before the VEHICLE section")
            }
        }
        guard vehicles > 0, nodes.count >= 2 else {
            throw BenchmarkFormatError(file: file, line: lines.count, message: "missing vehicles or customers")
        }
        return BenchmarkInstance(name: name, kind: .solomon, vehicles: vehicles, days: 1, capacity: [capacity],
                                 maxDuration: [.infinity], nodes: nodes)
    }
}
