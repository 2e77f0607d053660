import Foundation

// The SVG builder the charts draw into: geometry types, number formatting, XML escaping and
// the drawing primitives. Everything here is deterministic: attributes are written in a
// fixed order, numbers with a fixed number of decimals, and no dictionary is ever iterated
// into the output, so the same drawing calls give byte-identical SVG.

// MARK: - Geometry

/// A point in SVG user units (px; y grows downwards).
public struct ChartPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle in SVG user units (px; y grows downwards).
public struct ChartRect: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var minX: Double { x }
    public var maxX: Double { x + width }
    public var minY: Double { y }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }

    /// Whether the two rectangles share interior area (touching edges do not count).
    public func intersects(_ other: ChartRect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    /// Whether `other` lies entirely inside this rectangle (edges included).
    public func contains(_ other: ChartRect) -> Bool {
        other.minX >= minX - 1e-9 && other.maxX <= maxX + 1e-9
            && other.minY >= minY - 1e-9 && other.maxY <= maxY + 1e-9
    }

    public func contains(_ point: ChartPoint) -> Bool {
        point.x >= minX && point.x <= maxX && point.y >= minY && point.y <= maxY
    }

    /// The rectangle grown by `amount` on every side (shrunk when negative).
    public func outset(_ amount: Double) -> ChartRect {
        ChartRect(x: x - amount, y: y - amount, width: width + 2 * amount, height: height + 2 * amount)
    }

    /// The point of the rectangle nearest to `point` (the point itself when inside).
    public func nearestPoint(to point: ChartPoint) -> ChartPoint {
        ChartPoint(x: min(max(point.x, minX), maxX), y: min(max(point.y, minY), maxY))
    }
}

/// Horizontal alignment of a text relative to its anchor point (SVG `text-anchor`).
public enum TextAnchor: String, Sendable {
    case start, middle, end
}

// MARK: - Numbers and escaping

/// Deterministic number formatting for SVG output and for labels.
///
/// Formatting never depends on the locale: values are rounded half away from zero to a fixed
/// number of decimals with integer arithmetic. Non-finite values format as `"0"` (coordinates
/// are never NaN in well-formed charts; the charts filter such data before drawing).
public enum SVGNumber {
    /// A coordinate: at most two decimals, trailing zeros removed, never `-0`.
    public static func coordinate(_ value: Double) -> String {
        fixed(value, decimals: 2, trimmingZeros: true)
    }

    /// `value` rounded to `decimals` decimals (0…9).
    ///
    /// - Parameters:
    ///   - trimmingZeros: drop trailing zeros of the fraction (and the point when none is left).
    ///   - minusSign: the sign written before negative numbers; labels use U+2212 (`−`).
    /// - Returns: e.g. `fixed(-0.004, decimals: 2)` is `"0.00"` (no negative zero),
    ///   `fixed(2.5, decimals: 2)` is `"2.50"`.
    public static func fixed(_ value: Double, decimals: Int, trimmingZeros: Bool = false, minusSign: String = "-") -> String {
        guard value.isFinite else { return "0" }
        let d = max(0, min(decimals, 9))
        var power: Int64 = 1
        for _ in 0..<d { power *= 10 }
        let scaled = min(max((value * Double(power)).rounded(.toNearestOrAwayFromZero), -9.0e18), 9.0e18)
        var n = Int64(scaled)
        let negative = n < 0
        if negative { n = -n }
        var text = String(n / power)
        if d > 0 {
            var fraction = String(n % power)
            fraction = String(repeating: "0", count: d - fraction.count) + fraction
            if trimmingZeros {
                while fraction.last == "0" { fraction.removeLast() }
            }
            if !fraction.isEmpty { text += "." + fraction }
        }
        return negative ? minusSign + text : text
    }
}

/// XML escaping for text content and attribute values.
public enum XMLEscape {
    /// `text` with `& < > " '` replaced by entities, and characters that XML 1.0 forbids
    /// (C0 controls other than tab, newline and carriage return; unpaired surrogates;
    /// U+FFFE/U+FFFF) replaced by U+FFFD, so any data string yields well-formed XML.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                let v = scalar.value
                let allowed = v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF)
                    || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000
                if allowed {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "\u{FFFD}"
                }
            }
        }
        return out
    }
}

// MARK: - Style

/// Paint attributes of one SVG shape, written as presentation attributes (no CSS, so that
/// several charts inlined in one HTML page never restyle each other).
public struct SVGStyle: Sendable, Hashable {
    /// A colour (`#RRGGBB`), `url(#id)` or `nil` for `none`.
    public var fill: String?
    public var fillOpacity: Double?
    public var stroke: String?
    public var strokeWidth: Double?
    public var strokeOpacity: Double?
    /// Dash pattern in px; empty for a solid line.
    public var dash: [Double]
    public var lineCap: String?
    public var lineJoin: String?
    public var opacity: Double?

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
public struct SVGPath: Sendable, Hashable {
    public private(set) var data: String = ""

    public init() {}

    public mutating func move(to p: ChartPoint) { append("M", p) }
    public mutating func line(to p: ChartPoint) { append("L", p) }
    public mutating func horizontal(to x: Double) { data += (data.isEmpty ? "" : " ") + "H" + SVGNumber.coordinate(x) }
    public mutating func vertical(to y: Double) { data += (data.isEmpty ? "" : " ") + "V" + SVGNumber.coordinate(y) }
    public mutating func close() { data += (data.isEmpty ? "" : " ") + "Z" }

    /// A polyline through `points` (optionally closed).
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

// MARK: - Document

/// An SVG document under construction.
///
/// The output has a `viewBox` with sizes in px (so it scales when embedded), a `<title>` and
/// a `<desc>` for screen readers (`role="img"`, `aria-labelledby`), a white background, the
/// system font stack on the root element, and no scripts or stylesheets. Ids of definitions
/// (patterns, clip paths) carry `idPrefix`, derived from the title unless given, so several
/// charts can be inlined in one HTML page.
///
/// ```swift
/// var doc = SVGDocument(width: 200, height: 100, title: "Demo", description: "A dot.")
/// doc.circle(center: ChartPoint(x: 100, y: 50), radius: 5, style: .filled("#0072B2"))
/// let svg = doc.render()
/// ```
public struct SVGDocument: Sendable {
    /// The font stack of every chart.
    public static let fontFamily = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"DejaVu Sans\", sans-serif"

    public var width: Double
    public var height: Double
    /// Written to `<title>` (escaped).
    public var title: String
    /// Written to `<desc>` (escaped).
    public var description: String
    /// Prefix of every id in the document.
    public let idPrefix: String

    private var defs: [String] = []
    private var definedIDs: Set<String> = []
    private var body: [String] = []
    private var depth = 1

    public init(width: Double, height: Double, title: String, description: String, idPrefix: String? = nil) {
        self.width = width
        self.height = height
        self.title = title
        self.description = description
        self.idPrefix = idPrefix ?? "chart-" + SVGDocument.fnv1a(title + "\u{1F}" + description) + "-"
    }

    /// A document-unique id for a local name.
    public func id(_ local: String) -> String { idPrefix + local }

    /// FNV-1a (32 bit) of the UTF-8 bytes, as 8 lowercase hex digits: a stable short hash.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    // MARK: Raw elements

    /// Writes one element. Attribute values are escaped here; `content` is raw markup.
    public mutating func element(_ name: String, _ attributes: [(String, String)], content: String? = nil) {
        let attrs = SVGDocument.attributeString(attributes)
        let indent = String(repeating: "  ", count: depth)
        if let content {
            body.append("\(indent)<\(name)\(attrs)>\(content)</\(name)>")
        } else {
            body.append("\(indent)<\(name)\(attrs)/>")
        }
    }

    /// Opens a group; close it with `endGroup()`.
    public mutating func beginGroup(_ attributes: [(String, String)] = []) {
        let indent = String(repeating: "  ", count: depth)
        body.append("\(indent)<g\(SVGDocument.attributeString(attributes))>")
        depth += 1
    }

    public mutating func endGroup() {
        depth = max(1, depth - 1)
        body.append(String(repeating: "  ", count: depth) + "</g>")
    }

    /// Adds a definition (pattern, clip path) once; later calls with the same id are ignored.
    public mutating func define(id: String, markup: String) {
        guard !definedIDs.contains(id) else { return }
        definedIDs.insert(id)
        defs.append("    " + markup)
    }

    static func attributeString(_ attributes: [(String, String)]) -> String {
        var s = ""
        for (key, value) in attributes {
            s += " \(key)=\"\(XMLEscape.escape(value))\""
        }
        return s
    }

    // MARK: Shapes

    public mutating func rect(_ r: ChartRect, style: SVGStyle, cornerRadius: Double = 0, tooltip: String? = nil) {
        var a: [(String, String)] = [
            ("x", SVGNumber.coordinate(r.x)), ("y", SVGNumber.coordinate(r.y)),
            ("width", SVGNumber.coordinate(max(0, r.width))), ("height", SVGNumber.coordinate(max(0, r.height))),
        ]
        if cornerRadius > 0 { a.append(("rx", SVGNumber.coordinate(cornerRadius))) }
        element("rect", a + style.attributes, content: tooltip.map { "<title>\(XMLEscape.escape($0))</title>" })
    }

    public mutating func line(from a: ChartPoint, to b: ChartPoint, style: SVGStyle) {
        element("line", [
            ("x1", SVGNumber.coordinate(a.x)), ("y1", SVGNumber.coordinate(a.y)),
            ("x2", SVGNumber.coordinate(b.x)), ("y2", SVGNumber.coordinate(b.y)),
        ] + style.attributes)
    }

    public mutating func path(_ path: SVGPath, style: SVGStyle, extra: [(String, String)] = []) {
        guard !path.data.isEmpty else { return }
        element("path", [("d", path.data)] + style.attributes + extra)
    }

    public mutating func polyline(_ points: [ChartPoint], style: SVGStyle) {
        guard points.count > 1 else { return }
        self.path(SVGPath.polyline(points), style: style)
    }

    public mutating func polygon(_ points: [ChartPoint], style: SVGStyle) {
        guard points.count > 2 else { return }
        self.path(SVGPath.polyline(points, closed: true), style: style)
    }

    public mutating func circle(center: ChartPoint, radius: Double, style: SVGStyle, tooltip: String? = nil) {
        element("circle", [
            ("cx", SVGNumber.coordinate(center.x)), ("cy", SVGNumber.coordinate(center.y)),
            ("r", SVGNumber.coordinate(radius)),
        ] + style.attributes, content: tooltip.map { "<title>\(XMLEscape.escape($0))</title>" })
    }

    /// A data marker of `shape`, centred on `center`; `size` is the nominal diameter in px
    /// (shapes are scaled to look about equally heavy).
    public mutating func marker(_ shape: MarkerShape, at center: ChartPoint, size: Double, style: SVGStyle, tooltip: String? = nil) {
        if shape == .circle {
            circle(center: center, radius: size / 2, style: style, tooltip: tooltip)
        } else {
            element("path", [("d", shape.path(center: center, size: size).data)] + style.attributes,
                    content: tooltip.map { "<title>\(XMLEscape.escape($0))</title>" })
        }
    }

    // MARK: Text

    /// Writes `text` with its baseline at `point.y`.
    ///
    /// Superscripts and subscripts become `<tspan>`s shifted with `dy` in px (not
    /// `baseline-shift`, which some renderers ignore). `halo` paints a white outline under the
    /// glyphs so labels stay readable over lines and shading. `rotation` is in degrees,
    /// about the anchor point. Every character is escaped: data text never becomes markup.
    public mutating func text(_ text: ChartText, at point: ChartPoint, size: Double = 12,
                              anchor: TextAnchor = .start, fill: String = ChartPalette.ink,
                              bold: Bool = false, italic: Bool = false, rotation: Double = 0,
                              halo: Bool = false, tooltip: String? = nil) {
        guard !text.isEmpty else { return }
        var a: [(String, String)] = [
            ("x", SVGNumber.coordinate(point.x)), ("y", SVGNumber.coordinate(point.y)),
            ("font-size", SVGNumber.coordinate(size)),
        ]
        if anchor != .start { a.append(("text-anchor", anchor.rawValue)) }
        a.append(("fill", fill))
        if bold { a.append(("font-weight", "bold")) }
        if italic { a.append(("font-style", "italic")) }
        if halo {
            a.append(("stroke", "#FFFFFF"))
            a.append(("stroke-width", "3"))
            a.append(("stroke-linejoin", "round"))
            a.append(("paint-order", "stroke"))
        }
        if rotation != 0 {
            a.append(("transform", "rotate(\(SVGNumber.coordinate(rotation)) \(SVGNumber.coordinate(point.x)) \(SVGNumber.coordinate(point.y)))"))
        }
        var content = text.svgContent(fontSize: size)
        if let tooltip { content += "<title>\(XMLEscape.escape(tooltip))</title>" }
        element("text", a, content: content)
    }

    // MARK: Definitions

    /// A clip path of `rect`; returns the value for a `clip-path` attribute.
    public mutating func clipPath(_ rect: ChartRect, name: String) -> String {
        let identifier = id(name)
        define(id: identifier, markup: "<clipPath id=\"\(XMLEscape.escape(identifier))\"><rect x=\"\(SVGNumber.coordinate(rect.x))\" y=\"\(SVGNumber.coordinate(rect.y))\" width=\"\(SVGNumber.coordinate(rect.width))\" height=\"\(SVGNumber.coordinate(rect.height))\"/></clipPath>")
        return "url(#\(identifier))"
    }

    /// A fill of `color` overlaid with `pattern` (lines in a contrasting ink, so the pattern
    /// shows on light and dark colours); returns the value for a `fill` attribute.
    /// `.solid` returns the colour itself.
    public mutating func patternFill(_ pattern: FillPattern, color: String, ink: String? = nil) -> String {
        guard pattern != .solid else { return color }
        let lineColor = ink ?? (ChartPalette.luminance(color) > 0.55 ? "#1A1A1A" : "#FFFFFF")
        let lineOpacity = ink == nil ? (ChartPalette.luminance(color) > 0.55 ? "0.55" : "0.75") : "1"
        let key = "pat-\(pattern.rawValue)-\(color.replacingOccurrences(of: "#", with: ""))-\(lineColor.replacingOccurrences(of: "#", with: ""))"
        let identifier = id(key)
        let s = 8.0
        let stroke = "stroke=\"\(lineColor)\" stroke-opacity=\"\(lineOpacity)\" stroke-width=\"1.3\" fill=\"none\""
        let motif: String
        switch pattern {
        case .solid: motif = ""
        case .diagonal: motif = "<path d=\"M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6\" \(stroke)/>"
        case .antidiagonal: motif = "<path d=\"M-2,6 L2,10 M0,0 L8,8 M6,-2 L10,2\" \(stroke)/>"
        case .horizontal: motif = "<path d=\"M0,4 H8\" \(stroke)/>"
        case .vertical: motif = "<path d=\"M4,0 V8\" \(stroke)/>"
        case .crosshatch: motif = "<path d=\"M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6 M-2,6 L2,10 M0,0 L8,8 M6,-2 L10,2\" \(stroke)/>"
        case .grid: motif = "<path d=\"M0,4 H8 M4,0 V8\" \(stroke)/>"
        case .dots: motif = "<circle cx=\"2\" cy=\"2\" r=\"1.2\" fill=\"\(lineColor)\" fill-opacity=\"\(lineOpacity)\"/><circle cx=\"6\" cy=\"6\" r=\"1.2\" fill=\"\(lineColor)\" fill-opacity=\"\(lineOpacity)\"/>"
        }
        define(id: identifier, markup: "<pattern id=\"\(XMLEscape.escape(identifier))\" patternUnits=\"userSpaceOnUse\" width=\"\(Int(s))\" height=\"\(Int(s))\"><rect width=\"\(Int(s))\" height=\"\(Int(s))\" fill=\"\(color)\"/>\(motif)</pattern>")
        return "url(#\(identifier))"
    }

    // MARK: Output

    /// The complete SVG document (ends with a newline).
    public func render() -> String {
        let w = SVGNumber.coordinate(width), h = SVGNumber.coordinate(height)
        let titleID = id("title"), descID = id("desc")
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
        out += " role=\"img\" aria-labelledby=\"\(XMLEscape.escape(titleID)) \(XMLEscape.escape(descID))\""
        out += " font-family=\"\(XMLEscape.escape(SVGDocument.fontFamily))\" font-size=\"12\""
        out += " style=\"max-width:100%;height:auto\">\n"
        out += "  <title id=\"\(XMLEscape.escape(titleID))\">\(XMLEscape.escape(title))</title>\n"
        out += "  <desc id=\"\(XMLEscape.escape(descID))\">\(XMLEscape.escape(description))</desc>\n"
        if !defs.isEmpty {
            out += "  <defs>\n" + defs.joined(separator: "\n") + "\n  </defs>\n"
        }
        out += "  <rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#FFFFFF\"/>\n"
        out += body.joined(separator: "\n")
        if !body.isEmpty { out += "\n" }
        out += "</svg>\n"
        return out
    }
}
