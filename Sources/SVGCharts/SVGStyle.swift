import Foundation

// How a shape is painted (`SVGStyle`) and the outline of a path (`SVGPath`), both written with
// the deterministic number formatting of `SVGNumber`.

/// Paint attributes of one SVG shape, written as presentation attributes (no CSS, so that
/// several charts inlined in one HTML page never restyle each other).
public struct SVGStyle: Sendable, Hashable {
    /// A colour (`#RRGGBB`), `url(#id)` or `nil` for `none`.
    public var fill: String?
    /// 0…1; nil leaves the attribute out (opaque).
    public var fillOpacity: Double?
    /// Outline colour; nil for no outline.
    public var stroke: String?
    /// Outline width in px; nil leaves the renderer's default (1).
    public var strokeWidth: Double?
    /// 0…1; nil leaves the attribute out (opaque).
    public var strokeOpacity: Double?
    /// Dash pattern in px; empty for a solid line.
    public var dash: [Double]
    /// `stroke-linecap` (`butt`, `round`, `square`); nil for the default.
    public var lineCap: String?
    /// `stroke-linejoin` (`miter`, `round`, `bevel`); nil for the default.
    public var lineJoin: String?
    /// Opacity of the whole shape, 0…1; nil for opaque.
    public var opacity: Double?

    /// A style with every attribute given; attributes left nil are not written.
    public init(fill: String? = nil, fillOpacity: Double? = nil, stroke: String? = nil,
                strokeWidth: Double? = nil, strokeOpacity: Double? = nil, dash: [Double] = [],
                lineCap: String? = nil, lineJoin: String? = nil, opacity: Double? = nil) {
        self.fill = fill
        self.fillOpacity = fillOpacity
        self.stroke = stroke
        self.strokeWidth = strokeWidth
        self.strokeOpacity = strokeOpacity
        self.dash = dash
        self.lineCap = lineCap
        self.lineJoin = lineJoin
        self.opacity = opacity
    }

    /// A filled shape without outline.
    public static func filled(_ color: String, opacity: Double? = nil) -> SVGStyle {
        SVGStyle(fill: color, fillOpacity: opacity)
    }

    /// An unfilled line.
    public static func stroked(_ color: String, width: Double = 1, dash: [Double] = [], opacity: Double? = nil) -> SVGStyle {
        SVGStyle(stroke: color, strokeWidth: width, strokeOpacity: opacity, dash: dash)
    }

    /// The presentation attributes in a fixed order (`fill` always first), so that equal
    /// styles give equal markup.
    var attributes: [(String, String)] {
        var a: [(String, String)] = [("fill", fill ?? "none")]
        if let fillOpacity { a.append(("fill-opacity", SVGNumber.fixed(fillOpacity, decimals: 3, trimmingZeros: true))) }
        if let stroke { a.append(("stroke", stroke)) }
        if let strokeWidth { a.append(("stroke-width", SVGNumber.coordinate(strokeWidth))) }
        if let strokeOpacity { a.append(("stroke-opacity", SVGNumber.fixed(strokeOpacity, decimals: 3, trimmingZeros: true))) }
        if !dash.isEmpty { a.append(("stroke-dasharray", dash.map(SVGNumber.coordinate).joined(separator: " "))) }
        if let lineCap { a.append(("stroke-linecap", lineCap)) }
        if let lineJoin { a.append(("stroke-linejoin", lineJoin)) }
        if let opacity { a.append(("opacity", SVGNumber.fixed(opacity, decimals: 3, trimmingZeros: true))) }
        return a
    }
}

// MARK: - Path data

/// A builder of SVG path data (`d` attribute) with deterministic number formatting.
///
/// Commands are absolute (`M`, `L`, `H`, `V`, `Z`), separated by one space; each append is
/// O(1) amortised. An empty path draws nothing (`SVGDocument.path` skips it).
public struct SVGPath: Sendable, Hashable {
    /// The `d` attribute value built so far.
    public private(set) var data: String = ""

    /// An empty path.
    public init() {}

    /// Starts a new subpath at `p`.
    public mutating func move(to p: ChartPoint) { append("M", p) }
    /// A straight line to `p`.
    public mutating func line(to p: ChartPoint) { append("L", p) }
    /// A horizontal line to `x` (the current y kept).
    public mutating func horizontal(to x: Double) { data += (data.isEmpty ? "" : " ") + "H" + SVGNumber.coordinate(x) }
    /// A vertical line to `y` (the current x kept).
    public mutating func vertical(to y: Double) { data += (data.isEmpty ? "" : " ") + "V" + SVGNumber.coordinate(y) }
    /// Closes the current subpath back to its start.
    public mutating func close() { data += (data.isEmpty ? "" : " ") + "Z" }

    /// A polyline through `points` (optionally closed); an empty list gives an empty path.
    public static func polyline(_ points: [ChartPoint], closed: Bool = false) -> SVGPath {
        var path = SVGPath()
        for (i, p) in points.enumerated() {
            if i == 0 { path.move(to: p) } else { path.line(to: p) }
        }
        if closed && !points.isEmpty { path.close() }
        return path
    }

    private mutating func append(_ command: String, _ p: ChartPoint) {
        data += (data.isEmpty ? "" : " ") + command + SVGNumber.coordinate(p.x) + "," + SVGNumber.coordinate(p.y)
    }
}
