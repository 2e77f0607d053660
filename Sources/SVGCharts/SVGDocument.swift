import Foundation

// The SVG builder the charts draw into: elements, groups, shapes, text and the finished
// document (definitions are in SVGDocument+Definitions.swift, geometry in ChartGeometry.swift,
// numbers and escaping in SVGNumber.swift, paint in SVGStyle.swift). Everything here is
// deterministic: attributes are written in a fixed order, numbers with a fixed number of
// decimals, and no dictionary is ever iterated into the output, so the same drawing calls give
// byte-identical SVG.

/// An SVG document under construction.
///
/// The output has a `viewBox` with sizes in px (so it scales when embedded), a `<title>` and
/// a `<desc>` for screen readers (`role="img"`, `aria-labelledby`), a white background, the
/// system font stack on the root element, and no scripts or stylesheets. Ids of definitions
/// (patterns, clip paths) carry `idPrefix`, derived from the title unless given, so several
/// charts can be inlined in one HTML page.
///
/// Every drawing call appends one line of markup: O(1) amortised plus the length of its text;
/// `render()` is linear in the size of the document.
///
/// ```swift
/// var doc = SVGDocument(width: 200, height: 100, title: "Demo", description: "A dot.")
/// doc.circle(center: ChartPoint(x: 100, y: 50), radius: 5, style: .filled("#0072B2"))
/// let svg = doc.render()
/// ```
public struct SVGDocument: Sendable {
    /// The font stack of every chart.
    public static let fontFamily = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"DejaVu Sans\", sans-serif"

    /// Width of the `viewBox` in px (the document scales to its container; see `render()`).
    public var width: Double
    /// Height of the `viewBox` in px.
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

    /// An empty document of `width` × `height` px.
    ///
    /// - Parameter idPrefix: the prefix of every definition id; nil derives one from a hash of
    ///   the title and description, which is stable across runs but collides when two charts
    ///   share both (the charts pass a hash of all their inputs instead).
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

    /// Closes the innermost group opened with `beginGroup(_:)`; extra calls are ignored.
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

    /// A rectangle (negative sizes drawn as 0), with rounded corners when `cornerRadius` > 0 and
    /// a `<title>` tooltip when given.
    public mutating func rect(_ r: ChartRect, style: SVGStyle, cornerRadius: Double = 0, tooltip: String? = nil) {
        var a: [(String, String)] = [
            ("x", SVGNumber.coordinate(r.x)), ("y", SVGNumber.coordinate(r.y)),
            ("width", SVGNumber.coordinate(max(0, r.width))), ("height", SVGNumber.coordinate(max(0, r.height))),
        ]
        if cornerRadius > 0 { a.append(("rx", SVGNumber.coordinate(cornerRadius))) }
        element("rect", a + style.attributes, content: tooltip.map { "<title>\(XMLEscape.escape($0))</title>" })
    }

    /// A straight line from `a` to `b`.
    public mutating func line(from a: ChartPoint, to b: ChartPoint, style: SVGStyle) {
        element("line", [
            ("x1", SVGNumber.coordinate(a.x)), ("y1", SVGNumber.coordinate(a.y)),
            ("x2", SVGNumber.coordinate(b.x)), ("y2", SVGNumber.coordinate(b.y)),
        ] + style.attributes)
    }

    /// A path; an empty path writes nothing. `extra` attributes follow the style's.
    public mutating func path(_ path: SVGPath, style: SVGStyle, extra: [(String, String)] = []) {
        guard !path.data.isEmpty else { return }
        element("path", [("d", path.data)] + style.attributes + extra)
    }

    /// An open line through `points`; fewer than two points write nothing.
    public mutating func polyline(_ points: [ChartPoint], style: SVGStyle) {
        guard points.count > 1 else { return }
        self.path(SVGPath.polyline(points), style: style)
    }

    /// A closed shape through `points`; fewer than three points write nothing.
    public mutating func polygon(_ points: [ChartPoint], style: SVGStyle) {
        guard points.count > 2 else { return }
        self.path(SVGPath.polyline(points, closed: true), style: style)
    }

    /// A circle, with a `<title>` tooltip when given.
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
