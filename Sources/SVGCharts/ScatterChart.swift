import Foundation

/// An Ashby-style property chart: one property against another, each axis linear or log,
/// points coloured and shaped by category, labelled without overlaps, with optional limit
/// lines (the failing side shaded) and an optional highlighted set (e.g. the Pareto front)
/// drawn with rings and joined by a step line.
///
/// Points that an axis cannot show — NaN, infinite, ≤ 0 on a log axis, or outside a fixed
/// domain — are left out, and a note under the chart says how many. Labels that find no
/// free place are left out too (counted in the `<desc>`).
///
/// ```swift
/// var chart = ScatterChart(
///     title: "Mechanical strength against Na⁺ conductivity",
///     xAxis: .log("Ionic conductivity σ (S cm^{-1})"),
///     yAxis: .log("Young's modulus E (GPa)"),
///     points: [
///         .init(x: 1e-8, y: 65, label: "NaF", category: "SEI inorganic", isHighlighted: true),
///         .init(x: 3e-4, y: 25, label: "Na₃PS₄", category: "SEI inorganic", isHighlighted: true),
///         .init(x: 2e-6, y: 3, label: "polymer", category: "SEI organic"),
///     ],
///     limits: [.init(.y, 5.2, failing: .below, label: "E < 5.2 GPa: fails")])
/// chart.highlightName = "Pareto front"
/// let svg = chart.render()
/// ```
public struct ScatterChart: Sendable {
    /// One data point.
    public struct Point: Sendable, Hashable {
        /// The point's x, in data units (left out when the x axis cannot show it).
        public var x: Double
        /// The point's y, in data units (left out when the y axis cannot show it).
        public var y: Double
        /// A name placed next to the point when there is room (`showsLabels`); nil for none.
        public var label: String?
        /// The point's category: its colour, marker and legend entry. `""` is listed as "Other";
        /// when every point has `""` there is no category legend.
        public var category: String
        /// Whether the point belongs to the highlighted set: ringed and joined by `highlightConnection`.
        public var isHighlighted: Bool

        /// A point at (`x`, `y`), by default unnamed, of category `""` and not highlighted.
        public init(x: Double, y: Double, label: String? = nil, category: String = "", isHighlighted: Bool = false) {
            self.x = x
            self.y = y
            self.label = label
            self.category = category
            self.isHighlighted = isHighlighted
        }
    }

    /// A hard limit on one property: a line at `value`, the failing side shaded.
    public struct Limit: Sendable, Hashable {
        /// The axis a limit constrains: `x` (a vertical line) or `y` (a horizontal line).
        public enum Axis: Sendable, Hashable { case x, y }
        /// The side of a limit that fails it: `below` (smaller values fail) or `above` (larger values fail).
        public enum Side: Sendable, Hashable { case below, above }

        /// Which axis the limit is on.
        public var axis: Axis
        /// Where the line is, in data units; a value the axis cannot show drops the limit.
        public var value: Double
        /// Which side of the line fails.
        public var failing: Side
        /// The text drawn along the line.
        public var label: String

        /// A limit at `value` on `axis`, failing on the `failing` side.
        public init(_ axis: Axis, _ value: Double, failing: Side, label: String) {
            self.axis = axis
            self.value = value
            self.failing = failing
            self.label = label
        }
    }

    /// How highlighted points are joined (they are sorted by x first).
    public enum HighlightConnection: Sendable, Hashable {
        /// Rings only, no line.
        case none
        /// Straight segments from point to point.
        case straight
        /// Down/up to the next point's y, then across: the attainment staircase of a Pareto
        /// front when x is maximised.
        case stepVerticalFirst
        /// Across to the next point's x, then down/up: the staircase when x is minimised.
        case stepHorizontalFirst
    }

    /// The chart title, also the document's `<title>`.
    public var title: String
    /// Prepended to the generated `<desc>`.
    public var description: String?
    /// The horizontal axis (linear or log; a fixed domain leaves out points outside it).
    public var xAxis: ChartAxisSpec
    /// The vertical axis (linear or log; a fixed domain leaves out points outside it).
    public var yAxis: ChartAxisSpec
    /// The data points, drawn in order, the highlighted ones last (on top).
    public var points: [Point]
    /// Limit lines with their failing sides shaded; the axes stretch to show them.
    public var limits: [Limit]
    /// Legend order of the categories; nil takes them in order of first appearance.
    /// Categories of points missing from the list are appended.
    public var categories: [String]?
    /// Legend text of the highlighted set.
    public var highlightName = "Pareto front"
    /// How the highlighted points are joined (default: the staircase for a maximised x).
    public var highlightConnection = HighlightConnection.stepVerticalFirst
    /// Legend text of the shaded failing regions.
    public var failingName = "Fails a limit"
    /// Whether point labels are placed at all.
    public var showsLabels = true
    /// The document's width, px.
    public var width = 760.0
    /// The document's height, px.
    public var height = 520.0
    /// Nominal diameter of a marker, px.
    public var markerSize = 9.0
    /// Fill opacity of the markers (lower it for thousands of overlapping points).
    public var markerOpacity = 0.9
    /// A dark outline around each marker (off for dense charts, where outlines merge into ink).
    public var markerOutline = true
    /// A tooltip on every marker; when false only labelled points get one (smaller files at
    /// thousands of points).
    public var tooltipsOnAllPoints = true

    /// A chart of `points` with optional `limits` and the default styling.
    public init(title: String, xAxis: ChartAxisSpec, yAxis: ChartAxisSpec, points: [Point], limits: [Limit] = []) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.points = points
        self.limits = limits
    }

    /// The SVG document.
    public func render() -> String {
        let m = ChartLayout.margin
        // Points the axes can show.
        var shown: [Point] = []
        var unusable = 0
        for p in points {
            if xAxis.accepts(p.x) && yAxis.accepts(p.y) { shown.append(p) } else { unusable += 1 }
        }
        let xLimits = limits.filter { $0.axis == .x && xAxis.accepts($0.value) }
        let yLimits = limits.filter { $0.axis == .y && yAxis.accepts($0.value) }
        var xScale = xAxis.scale(covering: shown.map(\.x) + xLimits.map(\.value), padding: 0.02)
        var yScale = yAxis.scale(covering: shown.map(\.y) + yLimits.map(\.value), padding: 0.02)
        let inDomain = shown.filter { xScale.contains($0.x) && yScale.contains($0.y) }
        let outside = shown.count - inDomain.count
        shown = inDomain

        // Categories and legend.
        var cats = ChartLayout.uniqueInOrder(categories ?? [])
        for c in ChartLayout.uniqueInOrder(shown.map(\.category)) where !cats.contains(c) { cats.append(c) }
        let catIndex = Dictionary(uniqueKeysWithValues: cats.enumerated().map { ($1, $0) })
        var entries: [LegendEntry] = []
        if !(cats.count == 1 && cats[0].isEmpty) {
            for (i, c) in cats.enumerated() {
                entries.append(LegendEntry(c.isEmpty ? "Other" : c, swatch: .marker(ChartPalette.marker(i), color: ChartPalette.color(i))))
            }
        }
        let highlighted = shown.filter(\.isHighlighted)
        if !highlighted.isEmpty { entries.append(LegendEntry(highlightName, swatch: .ring(color: ChartPalette.ink, joined: highlightConnection != .none))) }
        if !(xLimits.isEmpty && yLimits.isEmpty) { entries.append(LegendEntry(failingName, swatch: .shading(color: ChartPalette.shade))) }
        let legend = PlacedLegend(ChartLegend(entries: entries), chartWidth: width)

        var notes: [String] = []
        if unusable > 0 {
            let why = (xAxis.kind == .log10 || yAxis.kind == .log10) ? "missing, or not positive on a log axis" : "missing or not finite"
            notes.append("\(ChartLayout.count(unusable, "point")) not shown (\(why)).")
        }
        if outside > 0 { notes.append("\(ChartLayout.count(outside, "point")) outside the axis range not shown.") }

        // Layout.
        let titleH = ChartLayout.titleHeight(title, width: width)
        let top = m + titleH + 6
        var yAx = ChartAxis(scale: yScale, edge: .left, title: yAxis.title)
        var xAx = ChartAxis(scale: xScale, edge: .bottom, title: xAxis.title)
        let left = m + yAx.extent()
        let legendSpace = legend.reservedRight
        let bottom = height - m - ChartLayout.notesHeight(notes, maxWidth: width - 2 * m) - legend.reservedBelow - xAx.extent()
        var plot = ChartRect(x: left, y: top, width: max(60, width - m - legendSpace - left), height: max(60, bottom - top))
        xAx.scale = xScale.withRange(plot.minX, plot.maxX)
        let overhang = xAx.horizontalOverhang(plot: plot)
        if legendSpace == 0 && overhang.right > m - 2 { plot.width -= overhang.right - m + 2 }
        xScale = xScale.withRange(plot.minX, plot.maxX)
        yScale = yScale.withRange(plot.maxY, plot.minY)
        xAx.scale = xScale
        yAx.scale = yScale

        var doc = ChartLayout.document(width: width, height: height, title: title,
                                       description: "", identity: self)
        // Markers on the frame stay whole; anything further out is cut.
        let clip = doc.clipPath(plot.outset(markerSize), name: "plot")

        // Failing regions, then grid.
        for limit in xLimits {
            let p = min(max(xScale(limit.value), plot.minX), plot.maxX)
            let r = limit.failing == .below
                ? ChartRect(x: plot.minX, y: plot.minY, width: p - plot.minX, height: plot.height)
                : ChartRect(x: p, y: plot.minY, width: plot.maxX - p, height: plot.height)
            doc.rect(r, style: .filled(ChartPalette.shade))
        }
        for limit in yLimits {
            let p = min(max(yScale(limit.value), plot.minY), plot.maxY)
            let r = limit.failing == .below
                ? ChartRect(x: plot.minX, y: p, width: plot.width, height: plot.maxY - p)
                : ChartRect(x: plot.minX, y: plot.minY, width: plot.width, height: p - plot.minY)
            doc.rect(r, style: .filled(ChartPalette.shade))
        }
        xAx.drawGrid(into: &doc, plot: plot)
        yAx.drawGrid(into: &doc, plot: plot)

        let positions = shown.map { ChartPoint(x: xScale($0.x), y: yScale($0.y)) }

        // Limit lines and their labels (placed where they cover the fewest markers).
        let limitSize = 11.0
        var limitLabels: [(text: ChartText, box: ChartRect, anchor: TextAnchor, baseline: ChartPoint)] = []
        func markersUnder(_ box: ChartRect) -> Int {
            positions.filter { box.outset(markerSize / 2).contains($0) }.count
        }
        func chooseLabel(_ text: ChartText, _ options: [(ChartPoint, TextAnchor)]) {
            let w = text.width(fontSize: limitSize), h = limitSize * 1.1
            let boxes = options.map { o -> ChartRect in
                let x = o.1 == .start ? o.0.x : (o.1 == .end ? o.0.x - w : o.0.x - w / 2)
                return ChartRect(x: x - 2, y: o.0.y - TextMetrics.ascent * limitSize - 1, width: w + 4, height: h + 2)
            }
            var best = 0
            var bestScore = Int.max
            for (i, b) in boxes.enumerated() {
                let taken = limitLabels.contains { $0.box.intersects(b) } ? 1000 : 0
                let outsidePlot = plot.contains(b) ? 0 : 500
                let score = markersUnder(b) + taken + outsidePlot
                if score < bestScore { bestScore = score; best = i }
            }
            limitLabels.append((text, boxes[best], options[best].1, options[best].0))
        }
        for limit in xLimits {
            let p = xScale(limit.value)
            let text = ChartText(limit.label)
            let w = text.width(fontSize: limitSize)
            let inside = limit.failing == .below ? p - plot.minX : plot.maxX - p
            let sideAnchor: TextAnchor = limit.failing == .below ? .end : .start
            let dx = limit.failing == .below ? -5.0 : 5.0
            let anchor: TextAnchor = inside >= w + 10 ? sideAnchor : (sideAnchor == .end ? .start : .end)
            let x = inside >= w + 10 ? p + dx : p - dx
            chooseLabel(text, [(ChartPoint(x: x, y: plot.minY + 5 + TextMetrics.ascent * limitSize), anchor),
                               (ChartPoint(x: x, y: plot.maxY - 6 - TextMetrics.descent * limitSize), anchor)])
        }
        for limit in yLimits {
            let p = yScale(limit.value)
            let inside = limit.failing == .below ? plot.maxY - p : p - plot.minY
            let fitsInside = inside >= limitSize * 1.4
            let belowLine = (limit.failing == .below) == fitsInside
            let y = belowLine ? p + 4 + TextMetrics.ascent * limitSize : p - 4 - TextMetrics.descent * limitSize
            let text = ChartText(limit.label)
            chooseLabel(text, [(ChartPoint(x: plot.maxX - 6, y: y), .end), (ChartPoint(x: plot.minX + 6, y: y), .start)])
        }

        doc.beginGroup([("clip-path", clip)])
        for limit in xLimits {
            let p = xScale(limit.value)
            doc.line(from: ChartPoint(x: p, y: plot.minY), to: ChartPoint(x: p, y: plot.maxY), style: .stroked(ChartPalette.ink, width: 1.2, dash: [6, 3]))
        }
        for limit in yLimits {
            let p = yScale(limit.value)
            doc.line(from: ChartPoint(x: plot.minX, y: p), to: ChartPoint(x: plot.maxX, y: p), style: .stroked(ChartPalette.ink, width: 1.2, dash: [6, 3]))
        }

        // Highlighted set: connecting line under the markers.
        let front = shown.indices.filter { shown[$0].isHighlighted }
            .sorted { positions[$0].x != positions[$1].x ? positions[$0].x < positions[$1].x : positions[$0].y < positions[$1].y }
        // Axis-aligned lines (limits, step segments) are obstacles for the point labels.
        var lineObstacles: [ChartRect] = []
        func segment(_ a: ChartPoint, _ b: ChartPoint) {
            lineObstacles.append(ChartRect(x: min(a.x, b.x) - 1, y: min(a.y, b.y) - 1, width: abs(a.x - b.x) + 2, height: abs(a.y - b.y) + 2))
        }
        for limit in xLimits { segment(ChartPoint(x: xScale(limit.value), y: plot.minY), ChartPoint(x: xScale(limit.value), y: plot.maxY)) }
        for limit in yLimits { segment(ChartPoint(x: plot.minX, y: yScale(limit.value)), ChartPoint(x: plot.maxX, y: yScale(limit.value))) }
        if front.count > 1 && highlightConnection != .none {
            var path = SVGPath()
            for (k, i) in front.enumerated() {
                let p = positions[i]
                if k == 0 { path.move(to: p); continue }
                let prev = positions[front[k - 1]]
                switch highlightConnection {
                case .stepVerticalFirst:
                    path.vertical(to: p.y); path.horizontal(to: p.x)
                    segment(prev, ChartPoint(x: prev.x, y: p.y)); segment(ChartPoint(x: prev.x, y: p.y), p)
                case .stepHorizontalFirst:
                    path.horizontal(to: p.x); path.vertical(to: p.y)
                    segment(prev, ChartPoint(x: p.x, y: prev.y)); segment(ChartPoint(x: p.x, y: prev.y), p)
                case .straight, .none:
                    path.line(to: p)
                }
            }
            doc.path(path, style: SVGStyle(stroke: ChartPalette.ink, strokeWidth: 1.4, lineJoin: "round"))
        }

        // Markers: highlighted ones last so they sit on top.
        let order = shown.indices.filter { !shown[$0].isHighlighted } + front
        for i in order {
            let p = shown[i]
            let c = catIndex[p.category] ?? 0
            let tip = tooltipsOnAllPoints || p.label != nil
                ? "\(p.label.map { $0 + " " } ?? "")(\(p.category.isEmpty ? "point" : p.category)): x = \(ChartLayout.value(p.x)), y = \(ChartLayout.value(p.y))" : nil
            let style = markerOutline || p.isHighlighted
                ? SVGStyle(fill: ChartPalette.color(c), fillOpacity: markerOpacity, stroke: ChartPalette.ink, strokeWidth: 0.8)
                : SVGStyle(fill: ChartPalette.color(c), fillOpacity: markerOpacity)
            doc.marker(ChartPalette.marker(c), at: positions[i], size: markerSize, style: style, tooltip: tip)
        }
        for i in front {
            doc.circle(center: positions[i], radius: markerSize / 2 + 3.5, style: SVGStyle(stroke: ChartPalette.ink, strokeWidth: 1.5))
        }
        doc.endGroup()

        // Point labels.
        let labelSize = ChartLayout.labelSize
        var skipped = 0
        if showsLabels {
            let labelled = (front + shown.indices.filter { !shown[$0].isHighlighted })
                .filter { !(shown[$0].label ?? "").isEmpty }
            // `labelled` holds only points with a non-empty label.
            let texts = labelled.map { ChartText(shown[$0].label!).truncated(toWidth: 160, fontSize: labelSize) }
            let requests = zip(labelled, texts).map { i, t in
                LabelPlacer.Request(anchor: positions[i], width: t.width(fontSize: labelSize) + 2,
                                    height: labelSize * (TextMetrics.ascent + TextMetrics.descent) + 2,
                                    clearance: shown[i].isHighlighted ? markerSize / 2 + 5 : markerSize / 2 + 1)
            }
            // Unlabelled markers are obstacles too.
            let unlabelled = shown.indices.filter { (shown[$0].label ?? "").isEmpty }.map { i in
                ChartRect(x: positions[i].x - markerSize / 2, y: positions[i].y - markerSize / 2, width: markerSize, height: markerSize)
            }
            let placer = LabelPlacer(bounds: plot.outset(-2), obstacles: limitLabels.map(\.box) + unlabelled + lineObstacles)
            let placements = placer.place(requests)
            doc.beginGroup([("aria-hidden", "true")])
            for (k, placement) in placements.enumerated() {
                guard let placement else { skipped += 1; continue }
                if let a = placement.leaderStart, let b = placement.leaderEnd {
                    doc.line(from: a, to: b, style: .stroked(ChartPalette.muted, width: 0.8))
                }
                let i = labelled[k]
                doc.text(texts[k], at: ChartPoint(x: placement.box.minX + 1, y: placement.box.minY + 1 + TextMetrics.ascent * labelSize),
                         size: labelSize, halo: true, tooltip: texts[k].plainText == shown[i].label ? nil : shown[i].label)
            }
            doc.endGroup()
        }

        for label in limitLabels {
            doc.text(label.text, at: label.baseline, size: limitSize, anchor: label.anchor, fill: ChartPalette.ink, italic: true, halo: true)
        }

        ChartAxis.drawFrame(into: &doc, plot: plot)
        xAx.draw(into: &doc, plot: plot)
        yAx.draw(into: &doc, plot: plot)
        legend.draw(into: &doc, besideOrigin: ChartPoint(x: plot.maxX + 20, y: plot.minY), belowOrigin: ChartPoint(x: m, y: plot.maxY + xAx.extent()))
        ChartLayout.drawNotes(notes, into: &doc, x: m, top: plot.maxY + xAx.extent() + legend.reservedBelow, maxWidth: width - 2 * m)

        doc.description = ChartLayout.description(description, summary(shown: shown, categories: cats, front: front.map { shown[$0] }, notes: notes, skipped: skipped))
        return doc.render()
    }

    private func summary(shown: [Point], categories: [String], front: [Point], notes: [String], skipped: Int) -> String {
        func axisText(_ a: ChartAxisSpec) -> String { a.title.plainText + (a.kind == .log10 ? " (log scale)" : "") }
        var s = "Scatter chart of \(ChartLayout.count(shown.count, "point")): \(axisText(xAxis)) across, \(axisText(yAxis)) up."
        let named = categories.filter { !$0.isEmpty }
        if !named.isEmpty {
            let counts = categories.map { c in "\(c.isEmpty ? "Other" : c) (\(shown.filter { $0.category == c }.count))" }
            s += " Categories: \(ChartLayout.list(counts))."
        }
        if !front.isEmpty {
            let names = front.map { $0.label ?? "unlabelled point" }
            s += " \(highlightName): \(ChartLayout.list(names))."
        }
        for limit in limits { s += " Limit: \(limit.label) (shaded)." }
        for note in notes { s += " " + note }
        if skipped > 0 { s += " \(ChartLayout.count(skipped, "point label")) left out for lack of space." }
        return s
    }
}
