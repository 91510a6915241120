import Foundation

extension Plan {
    /// Rounds reported decimals to `places` so the JSON is stable and readable: stop and route km to 6
    /// places (so a route's km is the sum of its legs'), the KPI `travel_km` to 0.001, ratios to 0.0001.
    public static func round(_ x: Double, places: Int) -> Double {
        let f = pow(10.0, Double(places))
        return (x * f).rounded() / f
    }

    /// The plan as pretty-printed JSON with sorted keys: byte-identical for equal plans.
    public func jsonData() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var d = try e.encode(self)
        d.append(0x0A)
        return d
    }

    /// Reads a plan from JSON.
    public static func decode(from data: Data) throws -> Plan {
        try JSONDecoder().decode(Plan.self, from: data)
    }
}
