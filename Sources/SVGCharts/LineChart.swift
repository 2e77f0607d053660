import Foundation

/// Several series against a common x axis, e.g. each candidate's rank against a swept
/// criterion weight, with vertical marker lines (e.g. the rank-reversal points).
///
/// Series `i` gets Okabe–Ito colour `i`, dash pattern `i` and marker shape `i` (markers at
/// both ends of the line), so the lines stay apart without colour. With `labelsLineEnds`
/// each series is named at its right end (names pushed apart so they never overlap); the
/// legend below the plot repeats the styles. For ranks, use `rankSweep(…)`: y inverted (rank
/// 1 on top), integer ticks, step lines.
///
/// ```swift
/// let chart = LineChart.rankSweep(
///     title: "Rank against the weight of Na⁺ conductivity",
///     xAxis: .linear("Weight of Na⁺ conductivity", domain: 0...1),
///     series: [
///         .init(name: "NaF", x: [0, 0.3, 0.6, 1], y: [1, 1, 2, 3]),
///         .init(name: "Na₃PS₄", x: [0, 0.3, 0.6, 1], y: [3, 2, 1, 1]),
///         .init(name: "Na₂S", x: [0, 0.3, 0.6, 1], y: [2, 3, 3, 2]),
///     ],
///     reversals: [.init(x: 0.45, label: "w = 0.45")])
/// let svg = chart.render()
/// ```
public struct LineChart: Sendable {
    /// One named line.
    public struct Series: Sendable, Hashable {
        /// The series' name, in the legend and at the line's right end.
        public var name: String
        /// Data points in data units, in drawing order.
        public var points: [ChartPoint]

        /// A series of `points` in data units. Points an axis cannot show (non-finite, or ≤ 0 on
        /// a log axis) are dropped when drawn, and the chart says how many.
        public init(name: String, points: [ChartPoint]) {
            self.name = name
            self.points = points
        }

        /// A series from parallel x and y arrays (the shorter length wins).
        public init(name: String, x: [Double], y: [Double]) {
            self.init(name: name, points: zip(x, y).map { ChartPoint(x: $0, y: $1) })
        }
    }

    /// A vertical line at `x` with a small label above the plot.
    public struct Marker: Sendable, Hashable {
        /// Where the line is, in x data units; a marker outside the x domain is not drawn.
        public var x: Double
        /// The text above the plot (cut with `…` beyond 220 px).
        public var label: String

        /// A marker line at `x` labelled `label`.
        public init(x: Double, label: String) {
            self.x = x
            self.label = label
        }
    }

    /// How a line joins its points.
    public enum Interpolation: Sendable, Hashable {
        /// Straight segments from point to point.
        case linear
        /// Each value holds until the next x.
        case stepAfter
        /// Values change halfway between neighbouring x (for sampled sweeps).
        case stepMid
    }

    /// The chart title, also the document's `<title>`.
    public var title: String
    /// Prepended to the generated `<desc>`.
    public var description: String?
    /// The x axis; without a fixed domain it spans exactly the data (lines run edge to edge).
    public var xAxis: ChartAxisSpec
    /// The y axis.
    public var yAxis: ChartAxisSpec
    /// The lines; series `i` gets colour, dash and marker `i`.
    public var series: [Series]
    /// Vertical marker lines (none by default).
    public var markers: [Marker] = []
    /// How every line joins its points (default straight segments).
    public var interpolation = Interpolation.linear
    /// Smaller y values on top (ranks).
    public var invertsY = false
    /// Ticks at every integer of the y range, domain padded by ½ (ranks). When every y is ≥ 1
    /// and the largest exceeds 30, a log y axis with ticks at 1, 2, 5, 10, 20, … instead.
    public var integerYTicks = false
    /// Name each series at its line's right end (names pushed apart so they never overlap).
    public var labelsLineEnds = true
    /// Draw the legend below the plot.
    public var showsLegend = true
    /// The document's width, px.
    public var width = 760.0
    /// The document's height, px; the plot gets what the title, legend, notes and axes leave.
    public var height = 480.0
    /// Stroke width of the lines, px.
    public var lineWidth = 2.0

    /// A chart of `series` with straight lines, no markers, a legend and line-end names.
    public init(title: String, xAxis: ChartAxisSpec, yAxis: ChartAxisSpec, series: [Series]) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
    }

    /// A rank chart: y is "Rank", inverted with integer ticks, lines step halfway between
    /// samples, and `reversals` are drawn as marker lines.
    public static func rankSweep(title: String, xAxis: ChartAxisSpec, series: [Series], reversals: [Marker] = [],
                                 yTitle: ChartText = "Rank") -> LineChart {
        var chart = LineChart(title: title, xAxis: xAxis, yAxis: .linear(yTitle), series: series)
        chart.invertsY = true
        chart.integerYTicks = true
        chart.interpolation = .stepMid
        chart.markers = reversals
        return chart
    }

    /// The SVG document.
    public func render() -> String {
        let m = ChartLayout.margin
        let data = series.map { s in s.points.filter { xAxis.accepts($0.x) && yAxis.accepts($0.y) } }
        let dropped = zip(series, data).reduce(0) { $0 + $1.0.points.count - $1.1.count }
        let allX = data.flatMap { $0.map(\.x) } + markers.map(\.x)
        let allY = data.flatMap { $0.map(\.y) }
        // Lines run edge to edge: without a fixed domain the x axis spans exactly the data.
        var xScale: ChartScale
        if xAxis.domain == nil, let lo = allX.filter(xAxis.accepts).min(), let hi = allX.filter(xAxis.accepts).max(), hi > lo,
           let exact = try? ChartScale(xAxis.kind, domain: lo...hi) {
            xScale = exact
        } else {
            xScale = xAxis.scale(covering: allX, padding: 0)
        }
        var yScale: ChartScale
        var yTicks: [Double]?
        if integerYTicks, let lo = allY.min(), let hi = allY.max(), lo >= 1, hi > 30,
           let log = try? ChartScale(.log10, domain: (lo.rounded(.down) * 0.85)...(hi.rounded(.up) * 1.15)) {
            // Many positive integers (ranks among thousands): a log scale keeps the leading
            // positions apart, with ticks at 1, 2, 5, 10, 20, 50, … (one gridline per rank
            // would be thousands of lines).
            yScale = log
            var ticks: [Double] = []
            var decade = 1.0
            while decade <= hi.rounded(.up) {
                for f in [1.0, 2.0, 5.0] where decade * f >= lo.rounded(.down) && decade * f <= hi.rounded(.up) { ticks.append(decade * f) }
                decade *= 10
            }
            yTicks = ticks
        } else if integerYTicks, let lo = allY.min(), let hi = allY.max() {
            let a = lo.rounded(.down), b = hi.rounded(.up)
            yScale = ChartScale.linear((a - 0.5)...(b + 0.5))
            yTicks = stride(from: a, through: b, by: 1).map { $0 }
        } else {
            yScale = yAxis.scale(covering: allY, padding: 0.02)
        }

        // Marker labels in rows above the plot.
        let markerSize = 10.5
        let sortedMarkers = markers.filter { xScale.contains($0.x) }.sorted { $0.x < $1.x }
        let markerTexts = sortedMarkers.map { ChartText($0.label).truncated(toWidth: 220, fontSize: markerSize) }

        // Legend and line-end labels.
        let legend = ChartLegend(entries: series.enumerated().map { i, s in
            LegendEntry(s.name, swatch: .line(color: ChartPalette.color(i), dash: ChartPalette.dash(i), width: lineWidth, marker: ChartPalette.marker(i)))
        })
        let endSize = 11.0
        let endTexts = series.map { ChartText($0.name).truncated(toWidth: 150, fontSize: endSize) }
        let endWidth = labelsLineEnds ? (endTexts.map { $0.width(fontSize: endSize) }.max() ?? 0) + 18 : 0

        var yAx = ChartAxis(scale: yScale, edge: .left, title: yAxis.title)
        if let yTicks {
            yAx.tickValues = yTicks
            yAx.tickLabels = yTicks.map { ChartText(ChartFormat.number($0, decimals: 0)) }
            yAx.showsMinorTicks = false
        }
        var xAx = ChartAxis(scale: xScale, edge: .bottom, title: xAxis.title)
        let notes = dropped > 0 ? ["\(ChartLayout.count(dropped, "point")) not shown (missing, or not positive on a log axis)."] : []

        let left = m + yAx.extent()
        let right = width - m - max(endWidth, 8)
        let legendWidth = width - 2 * m
        let legendSize = showsLegend ? legend.flowSize(maxWidth: legendWidth) : (width: 0.0, height: 0.0)
        let titleH = ChartLayout.titleHeight(title, width: width)

        // Assign marker labels to rows (first row where they do not overlap).
        let provisional = xScale.withRange(left, right)
        var rowOf: [Int] = []
        var rowEnds: [Double] = []
        for (k, marker) in sortedMarkers.enumerated() {
            let w = markerTexts[k].width(fontSize: markerSize)
            let x = provisional(marker.x)
            let a = x - w / 2 - 3
            if let r = rowEnds.firstIndex(where: { $0 <= a }) {
                rowOf.append(r)
                rowEnds[r] = x + w / 2 + 3
            } else {
                rowOf.append(rowEnds.count)
                rowEnds.append(x + w / 2 + 3)
            }
        }
        let rowHeight = markerSize * 1.3
        let markerBand = rowEnds.isEmpty ? 0 : Double(rowEnds.count) * rowHeight + 4
        let top = m + titleH + markerBand + 4
        let bottom = height - m - legendSize.height - (showsLegend && !series.isEmpty ? 10 : 0) - ChartLayout.notesHeight(notes, maxWidth: width - 2 * m) - xAx.extent()
        var plot = ChartRect(x: left, y: top, width: max(60, right - left), height: max(60, bottom - top))
        xAx.scale = xScale.withRange(plot.minX, plot.maxX)
        let overhang = xAx.horizontalOverhang(plot: plot)
        if overhang.right > width - plot.maxX - 4 { plot.width -= overhang.right - (width - plot.maxX - 4) }
        xScale = xScale.withRange(plot.minX, plot.maxX)
        yScale = invertsY ? yScale.withRange(plot.minY, plot.maxY) : yScale.withRange(plot.maxY, plot.minY)
        xAx.scale = xScale
        yAx.scale = yScale

        var doc = ChartLayout.document(width: width, height: height, title: title,
                                       description: "", identity: self)
        xAx.drawGrid(into: &doc, plot: plot)
        yAx.drawGrid(into: &doc, plot: plot)

        // Marker lines and labels.
        for (k, marker) in sortedMarkers.enumerated() {
            let x = xScale(marker.x)
            let baseline = plot.minY - 6 - Double(rowOf[k]) * rowHeight - TextMetrics.descent * markerSize
            doc.line(from: ChartPoint(x: x, y: baseline + 3), to: ChartPoint(x: x, y: plot.minY), style: .stroked("#9A9A9A", width: 0.8))
            doc.line(from: ChartPoint(x: x, y: plot.minY), to: ChartPoint(x: x, y: plot.maxY), style: .stroked(ChartPalette.muted, width: 1, dash: [4, 3]))
        }
        for (k, marker) in sortedMarkers.enumerated() {
            let x = xScale(marker.x)
            let baseline = plot.minY - 6 - Double(rowOf[k]) * rowHeight - TextMetrics.descent * markerSize
            doc.text(markerTexts[k], at: ChartPoint(x: x, y: baseline), size: markerSize, anchor: .middle, fill: ChartPalette.ink, halo: true,
                     tooltip: markerTexts[k].plainText == marker.label ? nil : marker.label)
        }

        // Series.
        let clip = doc.clipPath(plot.outset(6), name: "plot")
        doc.beginGroup([("clip-path", clip)])
        for (i, points) in data.enumerated() where !points.isEmpty {
            let px = points.map { ChartPoint(x: xScale($0.x), y: yScale($0.y)) }
            var path = SVGPath()
            path.move(to: px[0])
            for k in 1..<max(1, px.count) {
                switch interpolation {
                case .linear: path.line(to: px[k])
                case .stepAfter: path.horizontal(to: px[k].x); path.vertical(to: px[k].y)
                case .stepMid:
                    let mid = (px[k - 1].x + px[k].x) / 2
                    path.horizontal(to: mid); path.vertical(to: px[k].y); path.horizontal(to: px[k].x)
                }
            }
            doc.beginGroup([("aria-label", series[i].name)])
            doc.path(path, style: SVGStyle(stroke: ChartPalette.color(i), strokeWidth: lineWidth, dash: ChartPalette.dash(i), lineCap: "butt", lineJoin: "round"))
            let style = SVGStyle(fill: ChartPalette.color(i), stroke: ChartPalette.ink, strokeWidth: 0.7)
            doc.marker(ChartPalette.marker(i), at: px[0], size: 8, style: style, tooltip: "\(series[i].name): \(ChartLayout.value(points[0].x)), \(ChartLayout.value(points[0].y))")
            if px.count > 1 {
                doc.marker(ChartPalette.marker(i), at: px[px.count - 1], size: 8, style: style,
                           tooltip: "\(series[i].name): \(ChartLayout.value(points[points.count - 1].x)), \(ChartLayout.value(points[points.count - 1].y))")
            }
            doc.endGroup()
        }
        doc.endGroup()

        ChartAxis.drawFrame(into: &doc, plot: plot)
        xAx.draw(into: &doc, plot: plot)
        yAx.draw(into: &doc, plot: plot)

        // Line-end labels, pushed apart.
        if labelsLineEnds {
            let ends = data.indices.filter { !data[$0].isEmpty }
            let wishes = ends.map { yScale(data[$0][data[$0].count - 1].y) }
            let placed = LabelPlacer.spread(wishes, spacing: endSize * 1.15, lower: plot.minY + 4, upper: plot.maxY - 4)
            for (k, i) in ends.enumerated() {
                let y = placed[k]
                if abs(y - wishes[k]) > 0.5 {
                    doc.polyline([ChartPoint(x: plot.maxX + 1, y: wishes[k]), ChartPoint(x: plot.maxX + 5, y: wishes[k]), ChartPoint(x: plot.maxX + 10, y: y)],
                                 style: .stroked("#9A9A9A", width: 0.8))
                }
                doc.text(endTexts[i], at: ChartPoint(x: plot.maxX + 12, y: y + 0.36 * endSize), size: endSize,
                         tooltip: endTexts[i].plainText == series[i].name ? nil : series[i].name)
            }
        }
        if showsLegend {
            legend.drawFlow(into: &doc, at: ChartPoint(x: m, y: plot.maxY + xAx.extent() + 8), maxWidth: legendWidth)
        }
        ChartLayout.drawNotes(notes, into: &doc, x: m, top: plot.maxY + xAx.extent() + (showsLegend ? legendSize.height + 8 : 0), maxWidth: width - 2 * m)
        doc.description = ChartLayout.description(description, summary(data))
        return doc.render()
    }

    private func summary(_ data: [[ChartPoint]]) -> String {
        var s = "Line chart of \(ChartLayout.count(series.count, "series", "series")): \(xAxis.title.plainText) across, \(yAxis.title.plainText) up"
        s += invertsY ? " (inverted: smallest value on top)." : "."
        let parts = zip(series, data).compactMap { s, points -> String? in
            guard let first = points.first, let last = points.last else { return nil }
            return "\(s.name) from \(ChartLayout.value(first.y)) to \(ChartLayout.value(last.y))"
        }
        if !parts.isEmpty { s += " " + parts.joined(separator: "; ") + "." }
        if !markers.isEmpty {
            s += " Marked: " + markers.map { "\($0.label) at \(ChartLayout.value($0.x))" }.joined(separator: ", ") + "."
        }
        return s
    }
}
