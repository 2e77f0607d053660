import Foundation

/// What a chart needs to know to build one of its axes: title (with unit), linear or log,
/// and optionally a fixed domain.
///
/// ```swift
/// let x = ChartAxisSpec.log("Ionic conductivity σ (S cm^{-1})")
/// let y = ChartAxisSpec.linear("Young's modulus E (GPa)", includesZero: true)
/// ```
public struct ChartAxisSpec: Sendable {
    /// Axis title, with the unit in parentheses by convention; `^{…}` and `_{…}` markup in
    /// string literals becomes superscripts and subscripts.
    public var title: ChartText
    /// Linear or base-10 logarithmic.
    public var kind: ChartScale.Kind
    /// A fixed domain; nil rounds the data range outwards to nice values.
    public var domain: ClosedRange<Double>?
    /// A linear axis always shows 0.
    public var includesZero: Bool
    /// How a log domain is rounded when `domain` is nil.
    public var logRounding: ChartScale.LogRounding

    /// An axis titled `title`; by default linear, fitted to the data, without forcing 0, and a
    /// log domain rounded to 1-2-5 values.
    public init(_ title: ChartText, kind: ChartScale.Kind = .linear, domain: ClosedRange<Double>? = nil,
                includesZero: Bool = false, logRounding: ChartScale.LogRounding = .oneTwoFive) {
        self.title = title
        self.kind = kind
        self.domain = domain
        self.includesZero = includesZero
        self.logRounding = logRounding
    }

    /// A linear axis; `includesZero` for quantities whose zero matters (bar lengths, counts).
    public static func linear(_ title: ChartText, domain: ClosedRange<Double>? = nil, includesZero: Bool = false) -> ChartAxisSpec {
        ChartAxisSpec(title, kind: .linear, domain: domain, includesZero: includesZero)
    }

    /// A base-10 log axis, for data spanning orders of magnitude; values ≤ 0 cannot be drawn on it.
    public static func log(_ title: ChartText, domain: ClosedRange<Double>? = nil, rounding: ChartScale.LogRounding = .oneTwoFive) -> ChartAxisSpec {
        ChartAxisSpec(title, kind: .log10, domain: domain, logRounding: rounding)
    }

    /// Whether `value` can be drawn on this axis at all (finite; positive on a log axis).
    func accepts(_ value: Double) -> Bool {
        value.isFinite && (kind == .linear || value > 0)
    }

    /// The scale for `values` (values the axis cannot show are ignored). A fixed domain that
    /// is invalid for the kind (≤ 0 on a log axis) is ignored too.
    func scale(covering values: [Double], padding: Double = 0.03) -> ChartScale {
        if let domain, let fixed = try? ChartScale(kind, domain: domain) { return fixed }
        let usable = values.filter(accepts)
        return (try? ChartScale.nice(kind, covering: usable, includeZero: includesZero, logRounding: logRounding, padding: padding))
            ?? ChartScale.linear(0...1)
    }
}

/// One axis of a chart: tick marks, tick labels, grid lines and title along one edge of the
/// plot rectangle.
///
/// Tick labels are thinned when crowded (every 2nd, 3rd, … label is kept, always including
/// the one at 0 when there is one); the ticks themselves all stay.
///
/// ```swift
/// var axis = ChartAxis(scale: x, edge: .bottom, title: "Young's modulus E (GPa)")
/// axis.drawGrid(into: &doc, plot: plot)   // behind the data
/// axis.draw(into: &doc, plot: plot)       // ticks, labels, title
/// ```
public struct ChartAxis: Sendable {
    /// The side of the plot rectangle the axis runs along; labels and title go outside it.
    public enum Edge: Sendable {
        /// `bottom` and `top` are horizontal (x) axes, `left` and `right` vertical (y) axes; the
        /// right axis's title reads bottom to top like the left one's.
        case bottom, left, top, right
    }

    /// The map from data values to pixels along the edge (its range in the document's px).
    public var scale: ChartScale
    /// Which side of the plot the axis is drawn on.
    public var edge: Edge
    /// The axis title (with unit); nil or empty draws none and takes no space.
    public var title: ChartText?
    /// Major tick values; nil uses `scale.ticks()`.
    public var tickValues: [Double]?
    /// Labels for `tickValues` (same count); nil uses `scale.tickLabels(for:)`.
    public var tickLabels: [ChartText]?
    /// Minor tick values; nil uses `scale.minorTicks()`.
    public var minorTickValues: [Double]?
    /// Whether tick labels are drawn (and take space in `extent()`).
    public var showsTickLabels = true
    /// Whether `drawGrid` draws grid lines at the major ticks.
    public var showsGrid = true
    /// Whether minor tick marks are drawn.
    public var showsMinorTicks = true
    /// Font size of the tick labels, px.
    public var tickFontSize = 12.0
    /// Font size of the title, px (set smaller, down to 10 px, when the title is longer than the axis).
    public var titleFontSize = 13.0
    /// About how many major ticks the scale's automatic ticks aim for.
    public var targetTickCount = 6

    /// Length of a major tick mark outside the plot, px.
    public static let majorTickLength = 5.0
    /// Length of a minor tick mark outside the plot, px.
    public static let minorTickLength = 3.0
    static let labelGap = 3.0
    static let titleGap = 7.0

    /// An axis with the scale's own ticks and labels, grid, minor ticks and the default font sizes.
    public init(scale: ChartScale, edge: Edge, title: ChartText? = nil) {
        self.scale = scale
        self.edge = edge
        self.title = title
    }

    var isHorizontal: Bool { edge == .bottom || edge == .top }

    /// Major ticks inside the domain with their labels. Given `tickLabels` of the wrong count are
    /// ignored (the scale's labels are used); ticks outside the domain are dropped.
    /// - Complexity: O(t) for t ticks.
    public func ticks() -> [(value: Double, label: ChartText)] {
        let values = tickValues ?? scale.ticks(targetCount: targetTickCount)
        let labels: [ChartText]
        if let tickLabels, tickLabels.count == values.count {
            labels = tickLabels
        } else {
            labels = scale.tickLabels(for: values)
        }
        return zip(values, labels).filter { scale.contains($0.0) }.map { (value: $0.0, label: $0.1) }
    }

    /// Minor tick values inside the domain: the given `minorTickValues`, else the scale's minor
    /// ticks — none when `tickValues` are given without minor ones (they might not line up), and
    /// none when `showsMinorTicks` is false.
    public func minorTicks() -> [Double] {
        guard showsMinorTicks else { return [] }
        return (minorTickValues ?? (tickValues == nil ? scale.minorTicks(targetCount: targetTickCount) : [])).filter { scale.contains($0) }
    }

    private var labelsHaveSuperscript: Bool { ticks().contains { $0.label.hasSuperscript } }

    /// Height of one tick label line (including room for superscripts).
    var labelHeight: Double {
        tickFontSize * (TextMetrics.ascent + TextMetrics.descent + (labelsHaveSuperscript ? 0.22 : 0))
    }

    var maxLabelWidth: Double {
        ticks().map { $0.label.width(fontSize: tickFontSize) }.max() ?? 0
    }

    private var titleThickness: Double {
        guard let title, !title.isEmpty else { return 0 }
        return titleFontSize * (TextMetrics.ascent + TextMetrics.descent + (title.hasSuperscript ? 0.22 : 0))
    }

    /// Space the axis needs outside the plot edge (ticks, labels and title), in px.
    public func extent() -> Double {
        var e = ChartAxis.majorTickLength + ChartAxis.labelGap
        if showsTickLabels { e += isHorizontal ? labelHeight : maxLabelWidth }
        if titleThickness > 0 { e += ChartAxis.titleGap + titleThickness }
        return e
    }

    /// Indices (into `ticks()`) of the labels drawn: every k-th label for the smallest k at
    /// which neighbouring labels keep a gap, anchored at the tick at 0 (or 1 on log axes)
    /// when present (else at the first tick). With one tick or none every tick is kept; when no
    /// stride fits, only the anchor.
    /// - Complexity: O(t²) for t ticks in the worst case (each stride is tried in turn).
    public func visibleLabelIndices() -> [Int] {
        let t = ticks()
        guard t.count > 1 else { return Array(t.indices) }
        let positions = t.map { scale($0.value) }
        let extents = t.map { isHorizontal ? $0.label.width(fontSize: tickFontSize) : tickFontSize * 1.05 }
        let gap = isHorizontal ? 8.0 : 3.0
        let anchorValue = scale.kind == .log10 ? 1.0 : 0.0
        let anchor = t.firstIndex { abs($0.value - anchorValue) < 1e-12 } ?? 0
        for stride in 1...t.count {
            let indices = Array(Swift.stride(from: anchor % stride, to: t.count, by: stride))
            var fits = true
            for (a, b) in zip(indices, indices.dropFirst()) where abs(positions[b] - positions[a]) < (extents[a] + extents[b]) / 2 + gap {
                fits = false
                break
            }
            if fits { return indices }
        }
        return [anchor]
    }

    /// Horizontal space tick labels stick out beyond the plot's left and right edges
    /// (horizontal axes only), so charts can keep them inside the document.
    func horizontalOverhang(plot: ChartRect) -> (left: Double, right: Double) {
        guard isHorizontal, showsTickLabels else { return (0, 0) }
        let t = ticks()
        var left = 0.0, right = 0.0
        for i in visibleLabelIndices() {
            let x = scale(t[i].value), w = t[i].label.width(fontSize: tickFontSize)
            left = max(left, plot.minX - (x - w / 2))
            right = max(right, x + w / 2 - plot.maxX)
        }
        return (left, right)
    }

    /// Grid lines at the major ticks, across the plot.
    public func drawGrid(into doc: inout SVGDocument, plot: ChartRect) {
        guard showsGrid else { return }
        let style = SVGStyle.stroked(ChartPalette.grid, width: 1)
        for tick in ticks() {
            let p = scale(tick.value)
            if isHorizontal {
                doc.line(from: ChartPoint(x: p, y: plot.minY), to: ChartPoint(x: p, y: plot.maxY), style: style)
            } else {
                doc.line(from: ChartPoint(x: plot.minX, y: p), to: ChartPoint(x: plot.maxX, y: p), style: style)
            }
        }
    }

    /// Tick marks, tick labels and the title.
    public func draw(into doc: inout SVGDocument, plot: ChartRect) {
        let tickStyle = SVGStyle.stroked(ChartPalette.axis, width: 1)
        let t = ticks()
        func tickMark(_ p: Double, length: Double) {
            switch edge {
            case .bottom: doc.line(from: ChartPoint(x: p, y: plot.maxY), to: ChartPoint(x: p, y: plot.maxY + length), style: tickStyle)
            case .top: doc.line(from: ChartPoint(x: p, y: plot.minY), to: ChartPoint(x: p, y: plot.minY - length), style: tickStyle)
            case .left: doc.line(from: ChartPoint(x: plot.minX, y: p), to: ChartPoint(x: plot.minX - length, y: p), style: tickStyle)
            case .right: doc.line(from: ChartPoint(x: plot.maxX, y: p), to: ChartPoint(x: plot.maxX + length, y: p), style: tickStyle)
            }
        }
        doc.beginGroup([("aria-hidden", "true")])
        for v in minorTicks() { tickMark(scale(v), length: ChartAxis.minorTickLength) }
        for tick in t { tickMark(scale(tick.value), length: ChartAxis.majorTickLength) }

        let off = ChartAxis.majorTickLength + ChartAxis.labelGap
        let size = tickFontSize
        let supExtra = labelsHaveSuperscript ? 0.22 * size : 0
        if showsTickLabels {
            for i in visibleLabelIndices() {
                let p = scale(t[i].value)
                let label = t[i].label
                switch edge {
                case .bottom:
                    doc.text(label, at: ChartPoint(x: p, y: plot.maxY + off + supExtra + TextMetrics.ascent * size), size: size, anchor: .middle, fill: ChartPalette.ink)
                case .top:
                    doc.text(label, at: ChartPoint(x: p, y: plot.minY - off - TextMetrics.descent * size), size: size, anchor: .middle, fill: ChartPalette.ink)
                case .left:
                    doc.text(label, at: ChartPoint(x: plot.minX - off, y: p + 0.36 * size), size: size, anchor: .end, fill: ChartPalette.ink)
                case .right:
                    doc.text(label, at: ChartPoint(x: plot.maxX + off, y: p + 0.36 * size), size: size, anchor: .start, fill: ChartPalette.ink)
                }
            }
        }
        doc.endGroup()

        guard let title, !title.isEmpty else { return }
        // A title longer than the axis is set smaller (down to 10 px, still readable on a phone) rather than running past
        // the plot into the chart title or legend.
        let length = (isHorizontal ? plot.width : plot.height) + 10
        let natural = title.width(fontSize: titleFontSize)
        let ts = natural > length ? max(10, titleFontSize * length / natural) : titleFontSize
        let labelSpace = showsTickLabels ? (isHorizontal ? labelHeight : maxLabelWidth) : 0
        let titleSup = title.hasSuperscript ? 0.22 * ts : 0
        let base = off + labelSpace + ChartAxis.titleGap
        switch edge {
        case .bottom:
            doc.text(title, at: ChartPoint(x: plot.midX, y: plot.maxY + base + titleSup + TextMetrics.ascent * ts), size: ts, anchor: .middle)
        case .top:
            doc.text(title, at: ChartPoint(x: plot.midX, y: plot.minY - base - TextMetrics.descent * ts), size: ts, anchor: .middle)
        case .left:
            doc.text(title, at: ChartPoint(x: plot.minX - base - TextMetrics.descent * ts, y: plot.midY), size: ts, anchor: .middle, rotation: -90)
        case .right:
            doc.text(title, at: ChartPoint(x: plot.maxX + base + titleSup + TextMetrics.ascent * ts, y: plot.midY), size: ts, anchor: .middle, rotation: -90)
        }
    }

    /// The plot frame.
    public static func drawFrame(into doc: inout SVGDocument, plot: ChartRect) {
        doc.rect(plot, style: SVGStyle.stroked(ChartPalette.axis, width: 1))
    }
}
