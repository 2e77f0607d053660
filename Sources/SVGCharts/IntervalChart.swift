import Foundation

/// Horizontal interval bars: one row per labelled interval, top to bottom in the order given,
/// each drawn from its low to its high value on a shared linear value axis, with the two values
/// printed after the bar. An interval without a high end is open: its bar runs to the right end
/// of the axis and ends in an arrowhead (the legend says what that means). Vertical reference
/// lines (e.g. 0 V, "Na metal") are drawn across all rows with their label above the plot.
///
/// The chart knows nothing of what the intervals are; the caller names the axis, the legend
/// entries and the reference lines. Typical use: electrochemical stability windows against a
/// metal (Richards et al., Chem. Mater. 2016; Zhu, He & Mo, ACS Appl. Mater. Interfaces 2015).
///
/// Geometry: the axis covers every finite value and reference value, rounded outwards to nice
/// ticks; when an interval is open, the axis is extended so that the open bar keeps at least
/// `openExtension` of the data span (and room for its arrowhead) beyond its low end. Intervals
/// with a non-finite low end, or a high end below the low end, are left out and counted in the
/// description. Labels longer than `maxLabelWidth` are cut with `…` (full text as a tooltip);
/// the label column is as wide as the longest label, so labels within that width are never cut.
///
/// ```swift
/// var chart = IntervalChart(title: "Stability windows", valueTitle: "Voltage vs Na/Na^{+} (V)",
///                           intervals: [.init(label: "NaF", low: 0, high: 5.92),
///                                       .init(label: "Al2O3", low: 0.2, high: nil)])
/// chart.references = [.init(value: 0, label: "Na metal")]
/// let svg = chart.render()
/// ```
///
/// - Complexity: O(n) in the number of intervals.
public struct IntervalChart: Sendable {
    /// One row: a labelled interval from `low` to `high`, or open above `low`.
    public struct Interval: Sendable, Hashable {
        /// The row's name, right-aligned before the bar (cut with `…` beyond `maxLabelWidth`).
        public var label: String
        /// Printed before the label in muted text (e.g. the rank); nil for none.
        public var tag: String?
        /// The interval's lower end, in axis units; a non-finite value leaves the row out.
        public var low: Double
        /// nil: open towards higher values.
        public var high: Double?

        /// An interval `low`…`high` (nil `high`: open) named `label`; checked when drawn, not here.
        public init(label: String, tag: String? = nil, low: Double, high: Double?) {
            self.label = label
            self.tag = tag
            self.low = low
            self.high = high
        }

        var isDrawable: Bool { low.isFinite && (high.map { $0.isFinite && $0 >= low } ?? true) }
    }

    /// A vertical line at `value` across the plot, labelled above it.
    public struct Reference: Sendable, Hashable {
        /// Where the line is, in axis units; it is drawn only when inside the axis domain (a
        /// finite value always is: the axis covers it).
        public var value: Double
        /// The text above the line, bold, centred on it but kept inside the chart.
        public var label: String
        /// A reference line at `value` labelled `label`.
        public init(value: Double, label: String) {
            self.value = value
            self.label = label
        }
    }

    /// Where everything goes, for drawing and for tests.
    public struct Layout: Sendable {
        /// The document's width, px.
        public let width: Double
        /// The document's height, px: down to the axis title and the bottom margin.
        public let height: Double
        /// The plot rectangle: one band of `barHeight + barGap` per drawn interval.
        public let plot: ChartRect
        /// Value → x.
        public let scale: ChartScale
        /// The drawn intervals (drawable ones, in order) and their bars; an open bar's rectangle
        /// ends where its arrowhead begins, and the arrowhead's tip is at `plot.maxX`.
        public let intervals: [Interval]
        /// One bar per drawn interval (width ≥ 0; a zero-width bar is drawn 2 px wide).
        public let bars: [ChartRect]
        /// Row labels as drawn (possibly cut), with the x at which they end.
        public let labels: [ChartText]
        /// The x at which the row labels end (they are right-aligned there), px.
        public let labelRight: Double
        /// The y of the legend's top edge, under the title, px.
        public let legendTop: Double
        /// The baseline of the reference lines' labels, just above the plot, px.
        public let referenceLabelBaseline: Double
        /// The value axis at the bottom of the plot (no minor ticks).
        public let axis: ChartAxis
    }

    /// The chart title, also the document's `<title>`.
    public var title: String
    /// Prepended to the generated `<desc>`.
    public var description: String?
    /// The value axis's title, with its unit.
    public var valueTitle: ChartText
    /// The rows, top to bottom in this order; undrawable ones are left out and counted.
    public var intervals: [Interval]
    /// Vertical reference lines across every row (none by default).
    public var references: [Reference] = []
    /// Legend text of a closed bar.
    public var closedLegend = "interval from low to high"
    /// Legend text of an open bar (shown only when one is drawn).
    public var openLegend = "no upper end"
    /// Unit appended to the printed values (e.g. "V"); empty for none.
    public var valueUnit = ""
    /// Decimals of the values printed after the bars.
    public var valueDecimals = 2
    /// Narrower than the other charts: it has few columns of text, and stays legible when a phone scales it down.
    public var width = 640.0
    /// Height of one bar, px.
    public var barHeight = 16.0
    /// Space between bars (and above the first and below the last), px.
    public var barGap = 9.0
    /// Longest row label, px, before it is cut with `…` (the full text stays as a tooltip).
    public var maxLabelWidth = 260.0
    /// The least share of the data span an open bar keeps beyond its low end.
    public var openExtension = 0.12
    /// Fill of every bar and arrowhead (one series: one colour).
    public var color = ChartPalette.color(0)

    static let labelSize = 12.0
    static let arrowLength = 11.0

    /// A chart of `intervals` with no reference lines and the default sizes and legend texts.
    public init(title: String, valueTitle: ChartText, intervals: [Interval]) {
        self.title = title
        self.valueTitle = valueTitle
        self.intervals = intervals
    }

    /// The text printed after a bar: "0.81 – 4.17 V", or "≥ 0.81 V" when open.
    public func valueText(_ interval: Interval) -> String {
        let unit = valueUnit.isEmpty ? "" : " " + valueUnit
        let low = ChartFormat.number(interval.low, decimals: valueDecimals)
        guard let high = interval.high else { return "\u{2265} " + low + unit }
        return low + " \u{2013} " + ChartFormat.number(high, decimals: valueDecimals) + unit
    }

    private var legend: ChartLegend {
        var entries = [LegendEntry(closedLegend, swatch: .fill(color: color, pattern: .solid))]
        if intervals.contains(where: { $0.isDrawable && $0.high == nil }) {
            entries.append(LegendEntry(openLegend, swatch: .arrow(color: color)))
        }
        var legend = ChartLegend(entries: entries)
        legend.maxLabelWidth = width - 2 * ChartLayout.margin - ChartLegend.swatchWidth - ChartLegend.swatchGap
        return legend
    }

    /// The layout of the drawable intervals. With none, the plot has no rows and the axis
    /// covers the reference values (or 0…1).
    /// - Complexity: O(n) for n intervals.
    public func layout() -> Layout {
        let m = ChartLayout.margin, size = Self.labelSize
        let shown = intervals.filter(\.isDrawable)
        let tags = shown.map { $0.tag.map { ChartText($0) } }
        let tagWidth = (tags.compactMap { $0?.width(fontSize: size) }.max()).map { $0 + 8 } ?? 0
        let labels = shown.map { ChartText($0.label).truncated(toWidth: maxLabelWidth, fontSize: size) }
        let labelWidth = labels.map { $0.width(fontSize: size) }.max() ?? 0
        let valueWidth = shown.map { TextMetrics.width(valueText($0), fontSize: size) }.max() ?? 0

        let titleH = ChartLayout.titleHeight(title, width: width)
        let legendTop = m + titleH
        let legendH = legend.flowSize(maxWidth: width - 2 * m).height
        let referenceBand = references.isEmpty ? 4.0 : size * 1.3 + 4
        let top = legendTop + legendH + 6 + referenceBand

        let left = m + tagWidth + labelWidth + 10
        let right = width - m - valueWidth - 8
        let plotWidth = max(60, right - left)

        var values = shown.flatMap { [$0.low] + ($0.high.map { [$0] } ?? []) } + references.map(\.value).filter(\.isFinite)
        if shown.contains(where: { $0.high == nil }) {
            // Room for an open bar beyond its low end: a share of the span, and the arrowhead.
            let span = max((values.max() ?? 1) - (values.min() ?? 0), 1)
            let reach = max(openExtension * span, span * (Self.arrowLength * 2) / plotWidth)
            values += shown.filter { $0.high == nil }.map { $0.low + reach }
        }
        let plotHeight = Double(shown.count) * (barHeight + barGap) + barGap
        let plot = ChartRect(x: left, y: top, width: plotWidth, height: plotHeight)
        var scale = (try? ChartScale.nice(.linear, covering: values)) ?? ChartScale.linear(0...1)
        scale = scale.withRange(plot.minX, plot.maxX)
        var axis = ChartAxis(scale: scale, edge: .bottom, title: valueTitle)
        axis.showsMinorTicks = false

        let bars = shown.enumerated().map { i, interval -> ChartRect in
            let y = plot.minY + barGap + Double(i) * (barHeight + barGap)
            let x0 = scale(interval.low)
            let x1 = interval.high.map { scale($0) } ?? plot.maxX - Self.arrowLength
            return ChartRect(x: x0, y: y, width: max(0, x1 - x0), height: barHeight)
        }
        let height = plot.maxY + axis.extent() + m
        return Layout(width: width, height: height, plot: plot, scale: scale, intervals: shown, bars: bars, labels: labels,
                      labelRight: left - 8, legendTop: legendTop, referenceLabelBaseline: top - 5, axis: axis)
    }

    /// The SVG document.
    public func render() -> String {
        let l = layout(), m = ChartLayout.margin, size = Self.labelSize
        var doc = ChartLayout.document(width: l.width, height: l.height, title: title,
                                       description: ChartLayout.description(description, summary(l)), identity: self)
        legend.drawFlow(into: &doc, at: ChartPoint(x: m, y: l.legendTop), maxWidth: l.width - 2 * m)
        l.axis.drawGrid(into: &doc, plot: l.plot)

        for (i, interval) in l.intervals.enumerated() {
            let bar = l.bars[i]
            let mid = bar.midY + 0.36 * size
            if let tag = interval.tag {
                doc.text(ChartText(tag), at: ChartPoint(x: m, y: mid), size: size, fill: ChartPalette.muted)
            }
            doc.text(l.labels[i], at: ChartPoint(x: l.labelRight, y: mid), size: size, anchor: .end,
                     tooltip: l.labels[i].plainText == interval.label ? nil : interval.label)
            let tooltip = "\(interval.label): \(valueText(interval))"
            doc.beginGroup([("aria-label", interval.label)])
            // A zero-width interval (a single value) still shows as a thin bar.
            let drawn = bar.width < 2 ? ChartRect(x: bar.midX - 1, y: bar.y, width: 2, height: bar.height) : bar
            doc.rect(drawn, style: SVGStyle(fill: color, stroke: ChartPalette.ink, strokeWidth: 0.6), tooltip: tooltip)
            var end = bar.maxX
            if interval.high == nil {
                let tip = l.plot.maxX
                doc.polygon([ChartPoint(x: bar.maxX, y: bar.minY - 3), ChartPoint(x: tip, y: bar.midY), ChartPoint(x: bar.maxX, y: bar.maxY + 3)],
                            style: SVGStyle(fill: color, stroke: ChartPalette.ink, strokeWidth: 0.6))
                end = tip
            }
            doc.endGroup()
            doc.text(ChartText(valueText(interval)), at: ChartPoint(x: max(end, drawn.maxX) + 5, y: mid), size: size)
        }

        for reference in references where l.scale.contains(reference.value) {
            let x = l.scale(reference.value)
            doc.line(from: ChartPoint(x: x, y: l.plot.minY - 2), to: ChartPoint(x: x, y: l.plot.maxY),
                     style: .stroked(ChartPalette.ink, width: 1.4, dash: [5, 3]))
            // Centred on the line, but kept inside the chart.
            let text = ChartText(reference.label)
            let w = text.width(fontSize: size, bold: true)
            let cx = min(max(x, m + w / 2), l.width - m - w / 2)
            doc.text(text, at: ChartPoint(x: cx, y: l.referenceLabelBaseline), size: size, anchor: .middle, bold: true)
        }
        doc.line(from: ChartPoint(x: l.plot.minX, y: l.plot.maxY), to: ChartPoint(x: l.plot.maxX, y: l.plot.maxY),
                 style: .stroked(ChartPalette.axis, width: 1))
        l.axis.draw(into: &doc, plot: l.plot)
        return doc.render()
    }

    private func summary(_ l: Layout) -> String {
        var s = "Horizontal interval chart of \(ChartLayout.count(l.intervals.count, "row")), top to bottom in the order given, on an axis of \(valueTitle.plainText)."
        let open = l.intervals.filter { $0.high == nil }.count
        if open > 0 { s += " \(ChartLayout.count(open, "interval has", "intervals have")) no upper end (\(openLegend)), drawn as an arrow to the right end of the axis." }
        if !references.isEmpty {
            s += " Reference lines: " + references.map { "\($0.label) at \(ChartLayout.value($0.value))" }.joined(separator: ", ") + "."
        }
        s += " " + l.intervals.prefix(5).map { "\($0.label) \(valueText($0))" }.joined(separator: "; ") + (l.intervals.count > 5 ? "; …" : "") + "."
        let dropped = intervals.count - l.intervals.count
        if dropped > 0 { s += " \(ChartLayout.count(dropped, "interval", "intervals")) without a finite low end (or with a high end below it) not drawn." }
        return s
    }
}
