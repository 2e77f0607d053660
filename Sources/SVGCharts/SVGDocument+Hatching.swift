import Foundation

// Hatching drawn as lines rather than as an SVG `<pattern>`: Chromium prints every use of a
// pattern as its own tiling image, which made a report with a few hundred hatched cells a
// PDF of several megabytes; one path of short segments per box prints as vectors.

extension SVGDocument {
    /// A white box with diagonal hatching in `color` and an outline (dashed when `dashed`):
    /// what a chart draws for a value that is unknown or estimated, as opposed to a colour,
    /// which reads as data.
    ///
    /// - Parameters:
    ///   - spacing: distance between hatch lines along each axis, in px (at least 2).
    ///   - tooltip: a `<title>` on the box.
    /// - Complexity: O((w + h) / spacing) segments.
    public mutating func hatchedBox(_ r: ChartRect, color: String, dashed: Bool = false, spacing: Double = 6,
                                    fill: String = "#FFFFFF", tooltip: String? = nil) {
        beginGroup()
        rect(r, style: SVGStyle(fill: fill, stroke: color, strokeWidth: 1, dash: dashed ? [3, 2] : []), tooltip: tooltip)
        path(SVGDocument.hatchPath(r.outset(-1), spacing: spacing), style: SVGStyle(stroke: color, strokeWidth: 0.9, strokeOpacity: 0.8, lineCap: "butt"))
        endGroup()
    }

    /// Segments of the lines x + y = c (rising to the right), c every `spacing` px, cut to `r`.
    static func hatchPath(_ r: ChartRect, spacing: Double) -> SVGPath {
        var path = SVGPath()
        guard r.width > 0, r.height > 0 else { return path }
        let step = max(2, spacing)
        var c = r.minX + r.minY + step / 2
        while c < r.maxX + r.maxY {
            let x1 = max(r.minX, c - r.maxY), x2 = min(r.maxX, c - r.minY)
            if x2 > x1 {
                path.move(to: ChartPoint(x: x1, y: c - x1))
                path.line(to: ChartPoint(x: x2, y: c - x2))
            }
            c += step
        }
        return path
    }
}
