import Foundation
import GridPlanCore

/// A small inline SVG sketch of one day's route: no tiles, no fetch. Latitude and longitude are
/// projected equirectangularly (longitude scaled by the cosine of the mean latitude, so a grid's
/// few hundred metres keep their shape), fitted into the box with one scale for both axes.
enum RouteMap {
    /// One numbered point of the route.
    struct Point {
        var number: Int
        var location: GeoPoint
        var title: String
        var isPatrol: Bool
    }

    /// The SVG markup, or nil when no point has coordinates.
    /// - Parameters:
    ///   - start: the place the day starts from (drawn as a square), if known.
    ///   - end: the place the day ends at, when different from `start`.
    ///   - startMark: the one-character mark in the start square.
    static func svg(points: [Point], start: (GeoPoint, String)?, end: (GeoPoint, String)?, startMark: String,
                    caption: String, width: Double = 300, height: Double = 220) -> String? {
        var all = points.map(\.location)
        if let s = start { all.append(s.0) }
        if let e = end { all.append(e.0) }
        guard !all.isEmpty else { return nil }
        let pad = 20.0
        let meanLat = all.map(\.lat).reduce(0, +) / Double(all.count)
        let k = cos(meanLat * Double.pi / 180)
        func raw(_ p: GeoPoint) -> (Double, Double) { (p.lon * k, -p.lat) }
        let xs = all.map { raw($0).0 }, ys = all.map { raw($0).1 }
        let minX = xs.min()!, maxX = xs.max()!, minY = ys.min()!, maxY = ys.max()!
        let spanX = maxX - minX, spanY = maxY - minY
        let scale: Double
        if spanX <= 0 && spanY <= 0 {
            scale = 0
        } else {
            scale = min(spanX > 0 ? (width - 2 * pad) / spanX : .infinity, spanY > 0 ? (height - 2 * pad) / spanY : .infinity)
        }
        let offX = (width - spanX * scale) / 2, offY = (height - spanY * scale) / 2
        func xy(_ p: GeoPoint) -> (Double, Double) {
            let (x, y) = raw(p)
            return (offX + (x - minX) * scale, offY + (y - minY) * scale)
        }
        func n(_ v: Double) -> String { Format.decimal(v, places: 1) }

        // Inline SVG in HTML needs no namespace attribute (and so holds no URL at all).
        var s = "<svg class=\"map\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\">"
        s += "<title>\(Escape.html(caption))</title>"
        s += "<rect x=\"1\" y=\"1\" width=\"\(n(width - 2))\" height=\"\(n(height - 2))\" fill=\"#fff\" stroke=\"#999\"/>"

        // The path: start → stops → end.
        var path: [(Double, Double)] = []
        if let st = start { path.append(xy(st.0)) }
        path += points.map { xy($0.location) }
        let home = end ?? start
        if path.count > 1 || home != nil {
            let outbound = path.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
            if path.count > 1 {
                s += "<polyline points=\"\(outbound)\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.6\" stroke-linejoin=\"round\"/>"
            }
            if let h = home, let last = path.last, !points.isEmpty {
                let (hx, hy) = xy(h.0)
                s += "<line x1=\"\(n(last.0))\" y1=\"\(n(last.1))\" x2=\"\(n(hx))\" y2=\"\(n(hy))\" stroke=\"#1f5fa8\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/>"
            }
        }

        // Scale bar: the largest of 50 m … 5 km that takes at most a third of the width.
        if scale > 0 {
            let pxPerKm = scale / (TravelModel.earthRadiusKm * Double.pi / 180)
            if let km = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50].last(where: { $0 * pxPerKm <= width / 3 }) {
                let len = km * pxPerKm, x0 = 8.0, y0 = height - 8
                s += "<g class=\"scale\"><path d=\"M\(n(x0)) \(n(y0 - 4))V\(n(y0))H\(n(x0 + len))V\(n(y0 - 4))\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.2\"/>"
                let label = km < 1 ? "\(Int((km * 1000).rounded())) m" : "\(Format.decimal(km, places: 0)) km"
                s += "<text x=\"\(n(x0 + len + 4))\" y=\"\(n(y0))\" font-size=\"9\" fill=\"#333\">\(label)</text></g>"
            }
        }

        // Start (and a different end) place: a square with a mark.
        for (place, mark) in [(start, startMark), (end, startMark)] {
            guard let p = place else { continue }
            let (x, y) = xy(p.0)
            s += "<g><title>\(Escape.html(p.1))</title>"
            s += "<rect x=\"\(n(x - 8))\" y=\"\(n(y - 8))\" width=\"16\" height=\"16\" fill=\"#222\"/>"
            s += "<text x=\"\(n(x))\" y=\"\(n(y + 4))\" text-anchor=\"middle\" font-size=\"11\" fill=\"#fff\">\(Escape.html(mark))</text></g>"
        }

        // Stops: numbered circles; a point sharing a spot with an earlier one is nudged so both numbers show.
        var used: [(Double, Double)] = []
        for p in points {
            var (x, y) = xy(p.location)
            let same = used.filter { abs($0.0 - x) < 6 && abs($0.1 - y) < 6 }.count
            if same > 0 {
                let a = Double(same) * 1.1
                x += cos(a) * 13
                y += sin(a) * 13
            }
            used.append((x, y))
            let fill = p.isPatrol ? "#b35c00" : "#1f5fa8"
            s += "<g><title>\(p.number). \(Escape.html(p.title))</title>"
            s += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"8\" fill=\"\(fill)\" stroke=\"#fff\" stroke-width=\"1\"/>"
            s += "<text x=\"\(n(x))\" y=\"\(n(y + 3.5))\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"700\" fill=\"#fff\">\(p.number)</text></g>"
        }
        s += "</svg>"
        return s
    }
}
