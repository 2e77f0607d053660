import Foundation

// Definitions of an SVG document (`<defs>`): clip paths and fill patterns, each defined once per
// document under an id with the document's prefix, so that several charts inlined in one HTML page
// never share or override each other's definitions.

extension SVGDocument {
    /// A clip path of `rect`; returns the value for a `clip-path` attribute.
    ///
    /// Defined once per `name`: a second call with the same name returns the same reference and
    /// keeps the first rectangle.
    public mutating func clipPath(_ rect: ChartRect, name: String) -> String {
        let identifier = id(name)
        define(id: identifier, markup: "<clipPath id=\"\(XMLEscape.escape(identifier))\"><rect x=\"\(SVGNumber.coordinate(rect.x))\" y=\"\(SVGNumber.coordinate(rect.y))\" width=\"\(SVGNumber.coordinate(rect.width))\" height=\"\(SVGNumber.coordinate(rect.height))\"/></clipPath>")
        return "url(#\(identifier))"
    }

    /// A fill of `color` overlaid with `pattern` (lines in a contrasting ink, so the pattern
    /// shows on light and dark colours); returns the value for a `fill` attribute.
    /// `.solid` returns the colour itself.
    ///
    /// Each (pattern, colour, ink) triple is defined once per document, so drawing a thousand
    /// segments of one criterion adds one `<pattern>`. The motif tiles every 8 px in user space.
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
}
