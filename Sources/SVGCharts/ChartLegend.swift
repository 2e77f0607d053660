import Foundation

/// The small picture in front of a legend label.
public enum LegendSwatch: Sendable, Hashable {
    /// A data marker.
    case marker(MarkerShape, color: String)
    /// A line with dash pattern, optionally with a marker in its middle.
    case line(color: String, dash: [Double], width: Double, marker: MarkerShape?)
    /// A filled box with a texture.
    case fill(color: String, pattern: FillPattern)
    /// A translucent band, optionally with dashed edges.
    case band(color: String, opacity: Double, dashedEdges: Bool)
    /// A ring (highlighted point), joined by a step line when `joined`.
    case ring(color: String, joined: Bool)
    /// A flat shaded area with a border line (failing region of a limit).
    case shading(color: String)
    /// A box with an explicit fill value (colour or `url(#…)`), outline and optional text.
    case box(fill: String, stroke: String, text: String?, textColor: String)
    /// A bar ending in an arrowhead on the right (an interval open towards higher values).
    case arrow(color: String)
    /// A white box hatched in `color`, its outline dashed when `dashed`: an estimated or
    /// unknown value (see `SVGDocument.hatchedBox`).
    case hatched(color: String, dashed: Bool)

    /// What stands for an unknown value: grey hatching in a dashed outline.
    public static let unknown = LegendSwatch.hatched(color: ChartPalette.unknown, dashed: true)
}

/// One legend entry: a swatch and its label.
public struct LegendEntry: Sendable, Hashable {
    /// The label (plain text; wraps when too wide).
    public var label: String
    /// What the entry looks like in the chart.
    public var swatch: LegendSwatch

    /// An entry labelled `label` with `swatch`.
    public init(_ label: String, swatch: LegendSwatch) {
        self.label = label
        self.swatch = swatch
    }
}

/// Legend layout and drawing: a vertical list (beside a plot) or rows that wrap (above or
/// below a plot). A label wider than `maxLabelWidth` (or than the room the legend is given)
/// wraps onto further lines at spaces; no label is ever cut.
///
/// - Complexity: layout is O(n) in the total length of the labels.
public struct ChartLegend: Sendable {
    /// The entries, in order.
    public var entries: [LegendEntry]
    /// Bold text before the entries (first row of a flowing legend, top of a vertical one).
    public var title: String?
    /// Size of the labels in px.
    public var fontSize = 12.0
    /// Widest label line; longer labels wrap.
    public var maxLabelWidth = 260.0
    static let swatchWidth = 26.0
    static let swatchGap = 6.0
    static let rowHeight = 19.0
    static let columnGap = 18.0

    /// A legend of `entries`, with an optional title.
    public init(entries: [LegendEntry], title: String? = nil) {
        self.entries = entries
        self.title = title
    }

    /// Room for label text when a whole entry may be at most `maxWidth` wide.
    private func labelRoom(_ maxWidth: Double) -> Double {
        max(20, min(maxLabelWidth, maxWidth - ChartLegend.swatchWidth - ChartLegend.swatchGap))
    }

    private func lines(_ entry: LegendEntry, maxWidth: Double) -> [ChartText] {
        let wrapped = ChartText(entry.label).wrapped(toWidth: labelRoom(maxWidth), fontSize: fontSize)
        return wrapped.isEmpty ? [ChartText("")] : wrapped
    }

    private func entryWidth(_ entry: LegendEntry, maxWidth: Double) -> Double {
        ChartLegend.swatchWidth + ChartLegend.swatchGap + (lines(entry, maxWidth: maxWidth).map { $0.width(fontSize: fontSize) }.max() ?? 0)
    }

    private var lineStep: Double { fontSize * TextMetrics.lineSpacing }

    private func entryHeight(_ entry: LegendEntry, maxWidth: Double) -> Double {
        ChartLegend.rowHeight + Double(lines(entry, maxWidth: maxWidth).count - 1) * lineStep
    }

    private var titleHeight: Double { title == nil ? 0 : ChartLegend.rowHeight + 1 }

    /// Size of the vertical list whose labels wrap at `maxWidth` (the entry's full width).
    public func verticalSize(maxWidth: Double = .infinity) -> (width: Double, height: Double) {
        guard !entries.isEmpty else { return (0, 0) }
        let titleWidth = title.map { TextMetrics.width($0, fontSize: fontSize, bold: true) } ?? 0
        let w = max(titleWidth, entries.map { entryWidth($0, maxWidth: maxWidth) }.max() ?? 0)
        return (w, titleHeight + entries.map { entryHeight($0, maxWidth: maxWidth) }.reduce(0, +))
    }

    /// Draws the vertical list with its top-left corner at `origin`, labels wrapped as in
    /// `verticalSize(maxWidth:)`.
    public func drawVertical(into doc: inout SVGDocument, at origin: ChartPoint, maxWidth: Double = .infinity) {
        guard !entries.isEmpty else { return }
        doc.beginGroup([("aria-label", "Legend")])
        var y = origin.y
        if let title {
            doc.text(ChartText(title), at: ChartPoint(x: origin.x, y: y + 13), size: fontSize, bold: true)
            y += titleHeight
        }
        for entry in entries {
            drawEntry(entry, into: &doc, x: origin.x, rowTop: y, maxWidth: maxWidth)
            y += entryHeight(entry, maxWidth: maxWidth)
        }
        doc.endGroup()
    }

    /// Entry indices per row when the legend flows in rows no wider than `maxWidth`.
    public func rows(maxWidth: Double) -> [[Int]] {
        var rows: [[Int]] = []
        var current: [Int] = []
        var width = 0.0
        for (i, entry) in entries.enumerated() {
            let w = entryWidth(entry, maxWidth: maxWidth)
            let needed = current.isEmpty ? w : width + ChartLegend.columnGap + w
            if !current.isEmpty && needed > maxWidth {
                rows.append(current)
                current = [i]
                width = w
            } else {
                current.append(i)
                width = needed
            }
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    /// Width taken by a title at the start of the first row of a flowing legend.
    private var flowTitleWidth: Double {
        title.map { TextMetrics.width($0, fontSize: fontSize, bold: true) + ChartLegend.columnGap } ?? 0
    }

    private func rowHeights(_ rows: [[Int]], maxWidth: Double) -> [Double] {
        rows.map { row in row.map { entryHeight(entries[$0], maxWidth: maxWidth) }.max() ?? ChartLegend.rowHeight }
    }

    /// Size of the flowing legend.
    public func flowSize(maxWidth: Double) -> (width: Double, height: Double) {
        let available = maxWidth - flowTitleWidth
        let r = rows(maxWidth: available)
        guard !r.isEmpty else { return (0, 0) }
        let widths = r.map { row in row.map { entryWidth(entries[$0], maxWidth: available) }.reduce(0, +) + Double(row.count - 1) * ChartLegend.columnGap }
        return ((widths.max() ?? 0) + flowTitleWidth, rowHeights(r, maxWidth: available).reduce(0, +))
    }

    /// Draws the flowing legend with its top-left corner at `origin`. A title, if any, sits at
    /// the start of the first row.
    public func drawFlow(into doc: inout SVGDocument, at origin: ChartPoint, maxWidth: Double) {
        guard !entries.isEmpty else { return }
        doc.beginGroup([("aria-label", "Legend")])
        if let title {
            doc.text(ChartText(title), at: ChartPoint(x: origin.x, y: origin.y + 13), size: fontSize, bold: true)
        }
        let x0 = origin.x + flowTitleWidth, available = maxWidth - flowTitleWidth
        let r = rows(maxWidth: available)
        var rowTop = origin.y
        for (row, height) in zip(r, rowHeights(r, maxWidth: available)) {
            var x = x0
            for i in row {
                drawEntry(entries[i], into: &doc, x: x, rowTop: rowTop, maxWidth: available)
                x += entryWidth(entries[i], maxWidth: available) + ChartLegend.columnGap
            }
            rowTop += height
        }
        doc.endGroup()
    }

    private func drawEntry(_ entry: LegendEntry, into doc: inout SVGDocument, x: Double, rowTop: Double, maxWidth: Double) {
        let box = ChartRect(x: x, y: rowTop + 3, width: ChartLegend.swatchWidth, height: ChartLegend.rowHeight - 6)
        ChartLegend.drawSwatch(entry.swatch, in: box, into: &doc)
        for (k, line) in lines(entry, maxWidth: maxWidth).enumerated() {
            doc.text(line, at: ChartPoint(x: x + ChartLegend.swatchWidth + ChartLegend.swatchGap,
                                          y: rowTop + ChartLegend.rowHeight / 2 + 0.36 * fontSize + Double(k) * lineStep),
                     size: fontSize)
        }
    }

    /// Draws `swatch` inside `box`.
    public static func drawSwatch(_ swatch: LegendSwatch, in box: ChartRect, into doc: inout SVGDocument) {
        let mid = ChartPoint(x: box.midX, y: box.midY)
        switch swatch {
        case .marker(let shape, let color):
            doc.marker(shape, at: mid, size: 9, style: SVGStyle(fill: color, stroke: ChartPalette.ink, strokeWidth: 0.8))
        case .line(let color, let dash, let width, let marker):
            doc.line(from: ChartPoint(x: box.minX, y: mid.y), to: ChartPoint(x: box.maxX, y: mid.y),
                     style: SVGStyle(stroke: color, strokeWidth: width, dash: dash))
            if let marker {
                doc.marker(marker, at: mid, size: 8, style: SVGStyle(fill: color, stroke: ChartPalette.ink, strokeWidth: 0.7))
            }
        case .fill(let color, let pattern):
            let fill = doc.patternFill(pattern, color: color)
            doc.rect(box.outset(-1), style: SVGStyle(fill: fill, stroke: ChartPalette.ink, strokeWidth: 0.6))
        case .band(let color, let opacity, let dashed):
            doc.rect(box.outset(-1), style: SVGStyle(fill: color, fillOpacity: opacity))
            let edge = SVGStyle(stroke: color, strokeWidth: 1, dash: dashed ? [4, 2] : [])
            doc.line(from: ChartPoint(x: box.minX + 1, y: box.minY + 1), to: ChartPoint(x: box.maxX - 1, y: box.minY + 1), style: edge)
            doc.line(from: ChartPoint(x: box.minX + 1, y: box.maxY - 1), to: ChartPoint(x: box.maxX - 1, y: box.maxY - 1), style: edge)
        case .ring(let color, let joined):
            if joined {
                doc.polyline([ChartPoint(x: box.minX, y: box.maxY - 1), ChartPoint(x: mid.x, y: box.maxY - 1),
                              ChartPoint(x: mid.x, y: box.minY + 1), ChartPoint(x: box.maxX, y: box.minY + 1)], style: .stroked(color, width: 1.4))
            }
            doc.circle(center: mid, radius: 5.5, style: SVGStyle(fill: "#FFFFFF", stroke: color, strokeWidth: 1.6))
        case .shading(let color):
            doc.rect(box.outset(-1), style: SVGStyle(fill: color, stroke: ChartPalette.muted, strokeWidth: 0.8, dash: [3, 2]))
        case .arrow(let color):
            let style = SVGStyle(fill: color, stroke: ChartPalette.ink, strokeWidth: 0.6)
            let head = 8.0, bar = box.outset(-2)
            doc.rect(ChartRect(x: box.minX + 1, y: bar.minY + 1, width: box.width - 1 - head, height: bar.height - 2), style: style)
            doc.polygon([ChartPoint(x: box.maxX - head, y: box.minY), ChartPoint(x: box.maxX, y: mid.y), ChartPoint(x: box.maxX - head, y: box.maxY)], style: style)
        case .hatched(let color, let dashed):
            let square = ChartRect(x: box.minX + (box.width - box.height) / 2, y: box.minY, width: box.height, height: box.height)
            doc.hatchedBox(square, color: color, dashed: dashed, spacing: 4)
        case .box(let fill, let stroke, let text, let textColor):
            let square = ChartRect(x: box.minX + (box.width - box.height) / 2, y: box.minY, width: box.height, height: box.height)
            doc.rect(square, style: SVGStyle(fill: fill, stroke: stroke, strokeWidth: 1))
            if let text {
                doc.text(ChartText(text), at: ChartPoint(x: square.midX, y: square.midY + 0.36 * 10), size: 10, anchor: .middle, fill: textColor, bold: true)
            }
        }
    }
}
