import Foundation

/// Shapes of data markers. Categories get both a colour and a shape, so they stay
/// distinguishable in grey-scale print and for readers with colour-vision deficiencies.
public enum MarkerShape: String, Sendable, CaseIterable {
    /// The shapes, in no particular order (`ChartPalette.markers` gives the order categories get
    /// them): circle, square, upward and downward triangles, diamond, plus, five-pointed star,
    /// hexagon.
    case circle, square, triangleUp, diamond, triangleDown, plus, star, hexagon

    /// The outline of the marker centred on `center` with nominal diameter `size`.
    public func path(center c: ChartPoint, size s: Double) -> SVGPath {
        func polygon(_ radius: Double, _ angles: [Double]) -> SVGPath {
            SVGPath.polyline(angles.map { a in
                let r = a * Double.pi / 180
                return ChartPoint(x: c.x + radius * cos(r), y: c.y + radius * sin(r))
            }, closed: true)
        }
        switch self {
        case .circle:
            // Two arcs are not needed by the charts (they use <circle>); a 24-gon is a fallback.
            return polygon(s / 2, stride(from: 0.0, to: 360, by: 15).map { $0 })
        case .square:
            let h = s * 0.43
            return SVGPath.polyline([
                ChartPoint(x: c.x - h, y: c.y - h), ChartPoint(x: c.x + h, y: c.y - h),
                ChartPoint(x: c.x + h, y: c.y + h), ChartPoint(x: c.x - h, y: c.y + h),
            ], closed: true)
        case .diamond:
            let r = s * 0.6
            return SVGPath.polyline([
                ChartPoint(x: c.x, y: c.y - r), ChartPoint(x: c.x + r * 0.8, y: c.y),
                ChartPoint(x: c.x, y: c.y + r), ChartPoint(x: c.x - r * 0.8, y: c.y),
            ], closed: true)
        case .triangleUp:
            return polygon(s * 0.62, [-90, 30, 150])
        case .triangleDown:
            return polygon(s * 0.62, [90, 210, 330])
        case .hexagon:
            return polygon(s * 0.55, [0, 60, 120, 180, 240, 300])
        case .star:
            let outer = s * 0.66, inner = outer * 0.45
            var points: [ChartPoint] = []
            for k in 0..<10 {
                let a = (-90 + Double(k) * 36) * Double.pi / 180
                let r = k % 2 == 0 ? outer : inner
                points.append(ChartPoint(x: c.x + r * cos(a), y: c.y + r * sin(a)))
            }
            return SVGPath.polyline(points, closed: true)
        case .plus:
            let a = s * 0.56, t = s * 0.2
            return SVGPath.polyline([
                ChartPoint(x: c.x - t, y: c.y - a), ChartPoint(x: c.x + t, y: c.y - a),
                ChartPoint(x: c.x + t, y: c.y - t), ChartPoint(x: c.x + a, y: c.y - t),
                ChartPoint(x: c.x + a, y: c.y + t), ChartPoint(x: c.x + t, y: c.y + t),
                ChartPoint(x: c.x + t, y: c.y + a), ChartPoint(x: c.x - t, y: c.y + a),
                ChartPoint(x: c.x - t, y: c.y + t), ChartPoint(x: c.x - a, y: c.y + t),
                ChartPoint(x: c.x - a, y: c.y - t), ChartPoint(x: c.x - t, y: c.y - t),
            ], closed: true)
        }
    }
}

/// Fill patterns laid over a colour (stacked bar segments, legend swatches), so adjacent
/// areas differ in texture as well as colour.
public enum FillPattern: String, Sendable, CaseIterable {
    /// `solid`: the colour alone; the others lay lines or dots over it — `diagonal` (/),
    /// `antidiagonal` (\), `horizontal`, `vertical`, `crosshatch` (both diagonals), `grid`
    /// (horizontal and vertical), `dots`.
    case solid, diagonal, dots, crosshatch, horizontal, antidiagonal, vertical, grid
}

/// Colours, marker shapes, dash patterns and fill patterns of the charts.
///
/// Categorical colours are the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal
/// Design"), safe for the common colour-vision deficiencies, ordered so that neighbours
/// differ in lightness. Category `i` gets colour `i`, marker `i`, dash `i` and pattern `i`
/// (each list cycles; markers and patterns shift by one on every pass through the eight
/// colours, so no two of the first 64 categories look alike), so the category survives
/// grey-scale printing through the shape.
/// The sequential ramp is single-hue (ColorBrewer "Blues", Brewer 2003), monotone in
/// lightness from near white to dark blue, so it reads in grey scale too.
public enum ChartPalette {
    /// Okabe–Ito colours: blue, orange, bluish green, vermillion, reddish purple, sky blue,
    /// yellow, black.
    public static let categorical: [String] = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
    /// Marker shapes in the order categories get them: the most distinct first.
    public static let markers: [MarkerShape] = [.circle, .square, .triangleUp, .diamond, .triangleDown, .hexagon, .star, .plus]
    /// Dash patterns in px (empty: solid).
    public static let dashes: [[Double]] = [[], [7, 3], [2, 2.5], [10, 3, 2, 3], [5, 2, 1.5, 2, 1.5, 2]]
    /// Fill patterns in the order categories get them, solid first.
    public static let patterns: [FillPattern] = [.solid, .diagonal, .dots, .crosshatch, .horizontal, .antidiagonal, .vertical, .grid]

    /// Text and strong lines.
    public static let ink = "#1A1A1A"
    /// Axis lines, ticks and frames.
    public static let axis = "#4D4D4D"
    /// Secondary text (notes, tick labels of minor importance).
    public static let muted = "#595959"
    /// Grid lines.
    public static let grid = "#E3E3E3"
    /// Shading of failing regions.
    public static let shade = "#EBEBEB"
    /// Hatching and outlines of what stands for an unknown value (grey, so that it never reads
    /// as one of the categorical colours, i.e. as data).
    public static let unknown = "#8C8C8C"

    /// The colour of category `index` (cycles through the eight; a negative index wraps too).
    public static func color(_ index: Int) -> String { categorical[wrap(index, categorical.count)] }
    /// The marker of category `index`, shifted by one on every pass through the colours.
    public static func marker(_ index: Int) -> MarkerShape { markers[wrap(index + pass(index), markers.count)] }
    /// The dash pattern of category `index` in px (empty: solid), cycling through five.
    public static func dash(_ index: Int) -> [Double] { dashes[wrap(index, dashes.count)] }
    /// The fill pattern of category `index`, shifted by one on every pass through the colours.
    public static func pattern(_ index: Int) -> FillPattern { patterns[wrap(index + pass(index), patterns.count)] }

    /// How many times `index` has gone round the colours.
    private static func pass(_ index: Int) -> Int { index >= 0 ? index / categorical.count : 0 }

    /// ColorBrewer Blues, 9 classes, light to dark.
    public static let sequentialStops: [String] = ["#F7FBFF", "#DEEBF7", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#08519C", "#08306B"]

    /// The sequential colour at `t` in 0…1 (clamped; NaN gives the lightest colour),
    /// interpolated linearly between the stops in sRGB.
    public static func sequential(_ t: Double) -> String {
        let u = t.isFinite ? min(max(t, 0), 1) : 0
        let position = u * Double(sequentialStops.count - 1)
        let i = min(Int(position), sequentialStops.count - 2)
        let f = position - Double(i)
        let a = rgb(sequentialStops[i]), b = rgb(sequentialStops[i + 1])
        return hex((a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f))
    }

    /// Grey value (0 black … 1 white) that a CSS `grayscale(1)` filter gives the colour.
    public static func luminance(_ color: String) -> Double {
        let c = rgb(color)
        return (0.2126 * c.0 + 0.7152 * c.1 + 0.0722 * c.2) / 255
    }

    /// Ink or white, whichever reads better on `background`.
    public static func textColor(on background: String) -> String {
        luminance(background) > 0.6 ? ink : "#FFFFFF"
    }

    static func wrap(_ i: Int, _ n: Int) -> Int { ((i % n) + n) % n }

    static func rgb(_ color: String) -> (Double, Double, Double) {
        let digits = color.hasPrefix("#") ? String(color.dropFirst()) : color
        guard digits.count == 6, let v = UInt32(digits, radix: 16) else { return (0, 0, 0) }
        return (Double((v >> 16) & 0xFF), Double((v >> 8) & 0xFF), Double(v & 0xFF))
    }

    static func hex(_ c: (Double, Double, Double)) -> String {
        func part(_ x: Double) -> String {
            let v = Int(min(max(x, 0), 255).rounded())
            let s = String(v, radix: 16, uppercase: true)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + part(c.0) + part(c.1) + part(c.2)
    }
}
