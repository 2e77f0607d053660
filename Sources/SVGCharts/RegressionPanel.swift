import Foundation

/// A fitted relation: labelled data points, the fitted line or curve, its confidence band
/// and prediction band (translucent areas), and a residual plot underneath that shares the
/// x axis.
///
/// The curve and bands are given as samples (`x`, `fit`, lower/upper arrays of the same
/// length), so any model can be drawn. Residuals are taken from `residuals` when given;
/// otherwise each is y − ŷ with ŷ interpolated on the curve (linearly, in log x on a log x
/// axis; on a log y axis the residual is log₁₀ y − log₁₀ ŷ). Points beyond the curve's x
/// range get no residual.
///
/// ```swift
/// var panel = RegressionPanel(
///     title: "Nucleation overpotential against Na binding energy",
///     xAxis: .linear("Na binding energy (eV)"),
///     yAxis: .linear("Nucleation overpotential (mV)"),
///     observations: [.init(x: -1.2, y: 35, label: "Au"), .init(x: -0.6, y: 18, label: "Sn")],
///     curve: .init(x: [-1.5, -0.5], fit: [40, 12],
///                  confidence: (lower: [35, 9], upper: [45, 15]),
///                  prediction: (lower: [25, 2], upper: [55, 22])))
/// panel.annotation = ["η = 12 − 28 E_b", "R² = 0.87, n = 9"]
/// let svg = panel.render()
/// ```
public struct RegressionPanel: Sendable {
    /// One data point.
    public struct Observation: Sendable, Hashable {
        /// The point's x, in data units; a value the x axis cannot show leaves the point out.
        public var x: Double
        /// The point's y, in data units; a value the y axis cannot show leaves the point out.
        public var y: Double
        /// A name placed next to the point when there is room; nil for none.
        public var label: String?
        /// Drawn as a `highlightName` point (its own marker and colour, in the legend): points
        /// that were not fitted, such as an out-of-sample check.
        public var isHighlighted: Bool

        /// A point at (`x`, `y`), optionally named and highlighted.
        public init(x: Double, y: Double, label: String? = nil, isHighlighted: Bool = false) {
            self.x = x
            self.y = y
            self.label = label
            self.isHighlighted = isHighlighted
        }
    }

    /// The fitted curve sampled at `x` (ascending), with optional bands (arrays of the same
    /// length as `x`; bands of another length are ignored).
    /// Samples the axes cannot show are left out and the rest sorted by x; `x` and `fit` of
    /// different lengths are cut to the shorter.
    public struct Curve: Sendable, Hashable {
        /// Where the curve is sampled, in x data units.
        public var x: [Double]
        /// The fitted value at each `x`, in y data units.
        public var fit: [Double]
        /// Lower edge of the confidence band (for the mean) at each `x`; nil for no band.
        public var confidenceLower: [Double]?
        /// Upper edge of the confidence band at each `x`; nil for no band.
        public var confidenceUpper: [Double]?
        /// Lower edge of the prediction band (for a new observation) at each `x`; nil for no band.
        public var predictionLower: [Double]?
        /// Upper edge of the prediction band at each `x`; nil for no band.
        public var predictionUpper: [Double]?

        /// A curve sampled at `x`, with the bands given as (lower, upper) pairs of arrays.
        public init(x: [Double], fit: [Double], confidence: (lower: [Double], upper: [Double])? = nil,
                    prediction: (lower: [Double], upper: [Double])? = nil) {
            self.x = x
            self.fit = fit
            confidenceLower = confidence?.lower
            confidenceUpper = confidence?.upper
            predictionLower = prediction?.lower
            predictionUpper = prediction?.upper
        }
    }

    /// The chart title, also the document's `<title>`.
    public var title: String
    /// Prepended to the generated `<desc>`.
    public var description: String?
    /// The x axis, shared by the main plot and the residual plot.
    public var xAxis: ChartAxisSpec
    /// The main plot's y axis.
    public var yAxis: ChartAxisSpec
    /// The data points.
    public var observations: [Observation]
    /// The fitted curve and its bands; nil draws no curve (residuals then come only from `residuals`).
    public var curve: Curve?
    /// One residual per observation; nil computes them from the curve.
    public var residuals: [Double]?
    /// The residual plot's y-axis title.
    public var residualTitle: ChartText = "Residual"
    /// Legend name of the (not highlighted) points.
    public var observationName = "Data"
    /// Legend name of the fitted curve.
    public var fitName = "Fit"
    /// Legend name of the confidence band; its level is the caller's to state (default text: 95 %).
    public var confidenceName = "95 % confidence band"
    /// Legend name of the prediction band; its level is the caller's to state (default text: 95 %).
    public var predictionName = "95 % prediction band"
    /// Legend name of the highlighted observations (shown only when there are some).
    public var highlightName = "Not fitted"
    /// A dashed y = x line for reference, with this legend name (nil: none). For calibrations,
    /// where the identity is "no correction".
    public var identityName: String? = nil
    /// Short lines under the legend (model, R², n …).
    public var annotation: [String] = []
    /// The document's width, px.
    public var width = 760.0
    /// The document's height, px, shared by the main and residual plots.
    public var height = 580.0
    /// Share of the plotting height given to the residual plot.
    public var residualShare = 0.27

    static let fitColor = "#0072B2"
    static let pointColor = "#D55E00"
    static let highlightColor = "#009E73"
    static let identityColor = "#5A5A5A"

    /// A panel of `observations` and, when given, the fitted `curve`, with the default names and sizes.
    public init(title: String, xAxis: ChartAxisSpec, yAxis: ChartAxisSpec, observations: [Observation], curve: Curve? = nil) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.observations = observations
        self.curve = curve
    }

    private func band(_ lower: [Double]?, _ upper: [Double]?, count: Int) -> (lower: [Double], upper: [Double])? {
        guard let lower, let upper, lower.count == count, upper.count == count else { return nil }
        return (lower, upper)
    }

    /// Curve samples the axes can show, sorted by x.
    private func curveSamples() -> [(x: Double, fit: Double, cl: Double?, cu: Double?, pl: Double?, pu: Double?)] {
        guard let curve else { return [] }
        let n = min(curve.x.count, curve.fit.count)
        let conf = band(curve.confidenceLower, curve.confidenceUpper, count: curve.x.count)
        let pred = band(curve.predictionLower, curve.predictionUpper, count: curve.x.count)
        var out: [(x: Double, fit: Double, cl: Double?, cu: Double?, pl: Double?, pu: Double?)] = []
        for i in 0..<n where xAxis.accepts(curve.x[i]) && yAxis.accepts(curve.fit[i]) {
            func ok(_ v: Double?) -> Double? { v.flatMap { yAxis.accepts($0) ? $0 : nil } }
            out.append((curve.x[i], curve.fit[i], ok(conf?.lower[i]), ok(conf?.upper[i]), ok(pred?.lower[i]), ok(pred?.upper[i])))
        }
        return out.sorted { $0.x < $1.x }
    }

    private func residualValues(_ samples: [(x: Double, fit: Double, cl: Double?, cu: Double?, pl: Double?, pu: Double?)]) -> [Double?] {
        if let residuals {
            return observations.indices.map { $0 < residuals.count && residuals[$0].isFinite ? residuals[$0] : nil }
        }
        let logX = xAxis.kind == .log10, logY = yAxis.kind == .log10
        func tx(_ v: Double) -> Double { logX ? log10(v) : v }
        return observations.map { o -> Double? in
            guard xAxis.accepts(o.x), yAxis.accepts(o.y), samples.count > 1 else { return nil }
            let x = tx(o.x)
            guard let k = samples.indices.dropFirst().first(where: { tx(samples[$0].x) >= x }), tx(samples[0].x) <= x else { return nil }
            let x0 = tx(samples[k - 1].x), x1 = tx(samples[k].x)
            let f = x1 > x0 ? (x - x0) / (x1 - x0) : 0
            let yHat = logY
                ? pow(10, log10(samples[k - 1].fit) + f * (log10(samples[k].fit) - log10(samples[k - 1].fit)))
                : samples[k - 1].fit + f * (samples[k].fit - samples[k - 1].fit)
            return logY ? log10(o.y) - log10(yHat) : o.y - yHat
        }
    }

    /// What the SVG ids are hashed from: the panel's description without the highlight and
    /// y = x fields while they are unused, so that panels drawn before those fields existed keep
    /// their ids and unchanged reports stay byte-identical.
    var identity: String {
        var text = String(describing: self)
        if !observations.contains(where: \.isHighlighted) { text = text.replacingOccurrences(of: ", isHighlighted: false)", with: ")") }
        let extras = ", highlightName: \(String(reflecting: highlightName)), identityName: \(String(describing: identityName))"
        if identityName == nil && !observations.contains(where: \.isHighlighted) { text = text.replacingOccurrences(of: extras, with: "") }
        return text
    }

    /// The SVG document.
    public func render() -> String {
        let m = ChartLayout.margin
        let samples = curveSamples()
        let shown = observations.indices.filter { xAxis.accepts(observations[$0].x) && yAxis.accepts(observations[$0].y) }
        let dropped = observations.count - shown.count
        let res = residualValues(samples)

        let xs = shown.map { observations[$0].x } + samples.map(\.x)
        var ys = shown.map { observations[$0].y } + samples.map(\.fit)
        ys += samples.flatMap { [$0.cl, $0.cu, $0.pl, $0.pu].compactMap { $0 } }
        var xScale = xAxis.scale(covering: xs, padding: 0.02)
        var yScale = yAxis.scale(covering: ys, padding: 0.02)
        let residualMax = res.compactMap { $0.map(abs) }.max() ?? 1
        var rScale = (try? ChartScale.nice(.linear, covering: [-residualMax, residualMax], targetTickCount: 4)) ?? ChartScale.linear(-1...1)

        // Legend and annotation on the right.
        var entries = [LegendEntry(observationName, swatch: .marker(.circle, color: RegressionPanel.pointColor))]
        if !samples.isEmpty { entries.append(LegendEntry(fitName, swatch: .line(color: RegressionPanel.fitColor, dash: [], width: 2, marker: nil))) }
        if samples.contains(where: { $0.cl != nil }) { entries.append(LegendEntry(confidenceName, swatch: .band(color: RegressionPanel.fitColor, opacity: 0.3, dashedEdges: false))) }
        if samples.contains(where: { $0.pl != nil }) { entries.append(LegendEntry(predictionName, swatch: .band(color: RegressionPanel.fitColor, opacity: 0.12, dashedEdges: true))) }
        if shown.contains(where: { observations[$0].isHighlighted }) { entries.append(LegendEntry(highlightName, swatch: .marker(.diamond, color: RegressionPanel.highlightColor))) }
        if let identityName { entries.append(LegendEntry(identityName, swatch: .line(color: RegressionPanel.identityColor, dash: [6, 3], width: 1.2, marker: nil))) }
        let legend = PlacedLegend(ChartLegend(entries: entries), lines: annotation.map { ChartText(markup: $0) }, chartWidth: width)

        var yAx = ChartAxis(scale: yScale, edge: .left, title: yAxis.title)
        var rAx = ChartAxis(scale: rScale, edge: .left, title: residualTitle)
        rAx.showsMinorTicks = false
        var xTop = ChartAxis(scale: xScale, edge: .bottom, title: nil)
        xTop.showsTickLabels = false
        var xBottom = ChartAxis(scale: xScale, edge: .bottom, title: xAxis.title)
        let notes = dropped > 0 ? ["\(ChartLayout.count(dropped, "observation")) not shown (missing, or not positive on a log axis)."] : []

        let left = m + max(yAx.extent(), rAx.extent())
        let right = width - m - max(legend.reservedRight, 8)
        let top = m + ChartLayout.titleHeight(title, width: width) + 6
        let bottom = height - m - ChartLayout.notesHeight(notes, maxWidth: width - 2 * m) - legend.reservedBelow - xBottom.extent()
        let gap = xTop.extent() + 8
        let available = max(120, bottom - top - gap)
        let residualHeight = available * residualShare
        let main = ChartRect(x: left, y: top, width: max(60, right - left), height: available - residualHeight)
        let lower = ChartRect(x: left, y: main.maxY + gap, width: main.width, height: residualHeight)

        xScale = xScale.withRange(main.minX, main.maxX)
        yScale = yScale.withRange(main.maxY, main.minY)
        rScale = rScale.withRange(lower.maxY, lower.minY)
        yAx.scale = yScale
        rAx.scale = rScale
        xTop.scale = xScale
        xBottom.scale = xScale

        var doc = ChartLayout.document(width: width, height: height, title: title,
                                       description: "", identity: identity)

        // Main panel.
        xTop.drawGrid(into: &doc, plot: main)
        yAx.drawGrid(into: &doc, plot: main)
        let clip = doc.clipPath(main, name: "main")
        doc.beginGroup([("clip-path", clip)])
        func area(_ lowerKey: (Int) -> Double?, _ upperKey: (Int) -> Double?) -> (polygon: [ChartPoint], upper: [ChartPoint], lower: [ChartPoint])? {
            let idx = samples.indices.filter { lowerKey($0) != nil && upperKey($0) != nil }
            guard idx.count > 1 else { return nil }
            // `idx` holds only samples whose lower and upper values are both non-nil.
            let up = idx.map { ChartPoint(x: xScale(samples[$0].x), y: yScale(upperKey($0)!)) }
            let lo = idx.map { ChartPoint(x: xScale(samples[$0].x), y: yScale(lowerKey($0)!)) }
            return (up + lo.reversed(), up, lo)
        }
        if let p = area({ samples[$0].pl }, { samples[$0].pu }) {
            doc.polygon(p.polygon, style: SVGStyle(fill: RegressionPanel.fitColor, fillOpacity: 0.12))
            doc.polyline(p.upper, style: .stroked(RegressionPanel.fitColor, width: 1, dash: [4, 2], opacity: 0.8))
            doc.polyline(p.lower, style: .stroked(RegressionPanel.fitColor, width: 1, dash: [4, 2], opacity: 0.8))
        }
        if let c = area({ samples[$0].cl }, { samples[$0].cu }) {
            doc.polygon(c.polygon, style: SVGStyle(fill: RegressionPanel.fitColor, fillOpacity: 0.3))
        }
        if identityName != nil {
            // y = x over the x range shown; the clip path cuts it at the plot's edges.
            let lo = xScale.domain.lowerBound, hi = xScale.domain.upperBound
            doc.line(from: ChartPoint(x: xScale(lo), y: yScale(lo)), to: ChartPoint(x: xScale(hi), y: yScale(hi)),
                     style: .stroked(RegressionPanel.identityColor, width: 1.2, dash: [6, 3]))
        }
        if samples.count > 1 {
            doc.polyline(samples.map { ChartPoint(x: xScale($0.x), y: yScale($0.fit)) },
                         style: SVGStyle(stroke: RegressionPanel.fitColor, strokeWidth: 2, lineJoin: "round"))
        }
        let positions = shown.map { ChartPoint(x: xScale(observations[$0].x), y: yScale(observations[$0].y)) }
        let pointStyle = SVGStyle(fill: RegressionPanel.pointColor, fillOpacity: 0.95, stroke: ChartPalette.ink, strokeWidth: 0.8)
        let highlightStyle = SVGStyle(fill: RegressionPanel.highlightColor, fillOpacity: 0.95, stroke: ChartPalette.ink, strokeWidth: 0.8)
        // Highlighted points last, so that the fitted ones never hide them.
        for (k, i) in shown.enumerated() where !observations[i].isHighlighted {
            let o = observations[i]
            doc.circle(center: positions[k], radius: 4, style: pointStyle,
                       tooltip: "\(o.label.map { $0 + ": " } ?? "")x = \(ChartLayout.value(o.x)), y = \(ChartLayout.value(o.y))")
        }
        for (k, i) in shown.enumerated() where observations[i].isHighlighted {
            let o = observations[i]
            doc.marker(.diamond, at: positions[k], size: 11, style: highlightStyle,
                       tooltip: "\(o.label.map { $0 + ": " } ?? "")x = \(ChartLayout.value(o.x)), y = \(ChartLayout.value(o.y))")
        }
        doc.endGroup()

        // Point labels.
        let labelSize = ChartLayout.labelSize
        let labelled = shown.indices.filter { !(observations[shown[$0]].label ?? "").isEmpty }
        // `labelled` holds only observations with a non-empty label.
        let texts = labelled.map { ChartText(observations[shown[$0]].label!).truncated(toWidth: 160, fontSize: labelSize) }
        let requests = zip(labelled, texts).map { k, t in
            LabelPlacer.Request(anchor: positions[k], width: t.width(fontSize: labelSize) + 2,
                                height: labelSize * (TextMetrics.ascent + TextMetrics.descent) + 2, clearance: 5)
        }
        let unlabelled = shown.indices.filter { (observations[shown[$0]].label ?? "").isEmpty }.map {
            ChartRect(x: positions[$0].x - 4, y: positions[$0].y - 4, width: 8, height: 8)
        }
        // Labels keep off the fitted curve: small boxes every few px along it are obstacles.
        var curveObstacles: [ChartRect] = []
        let curvePoints = samples.map { ChartPoint(x: xScale($0.x), y: yScale($0.fit)) }
        for (a, b) in zip(curvePoints, curvePoints.dropFirst()) {
            let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            let n = max(1, Int((length / 4).rounded(.up)))
            for k in 0...n {
                let t = Double(k) / Double(n)
                let p = ChartPoint(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y))
                if main.contains(p) { curveObstacles.append(ChartRect(x: p.x - 1.5, y: p.y - 1.5, width: 3, height: 3)) }
            }
        }
        let placements = LabelPlacer(bounds: main.outset(-2), obstacles: unlabelled + curveObstacles).place(requests)
        var skipped = 0
        doc.beginGroup([("aria-hidden", "true")])
        for (j, placement) in placements.enumerated() {
            guard let placement else { skipped += 1; continue }
            if let a = placement.leaderStart, let b = placement.leaderEnd {
                doc.line(from: a, to: b, style: .stroked(ChartPalette.muted, width: 0.8))
            }
            doc.text(texts[j], at: ChartPoint(x: placement.box.minX + 1, y: placement.box.minY + 1 + TextMetrics.ascent * labelSize), size: labelSize, halo: true)
        }
        doc.endGroup()
        ChartAxis.drawFrame(into: &doc, plot: main)
        xTop.draw(into: &doc, plot: main)
        yAx.draw(into: &doc, plot: main)

        // Residual panel.
        xBottom.drawGrid(into: &doc, plot: lower)
        rAx.drawGrid(into: &doc, plot: lower)
        let zero = rScale(0)
        doc.line(from: ChartPoint(x: lower.minX, y: zero), to: ChartPoint(x: lower.maxX, y: zero), style: .stroked(RegressionPanel.fitColor, width: 1.5))
        for (k, i) in shown.enumerated() {
            guard let r = res[i] else { continue }
            let p = ChartPoint(x: positions[k].x, y: rScale(r))
            doc.line(from: ChartPoint(x: p.x, y: zero), to: p, style: .stroked("#8C8C8C", width: 1))
            doc.circle(center: p, radius: 3.5, style: observations[i].isHighlighted ? highlightStyle : pointStyle,
                       tooltip: "\(observations[i].label.map { $0 + ": " } ?? "")residual \(ChartLayout.value(r))")
        }
        ChartAxis.drawFrame(into: &doc, plot: lower)
        xBottom.draw(into: &doc, plot: lower)
        rAx.draw(into: &doc, plot: lower)

        legend.draw(into: &doc, besideOrigin: ChartPoint(x: main.maxX + 20, y: main.minY), belowOrigin: ChartPoint(x: m, y: lower.maxY + xBottom.extent()))
        ChartLayout.drawNotes(notes, into: &doc, x: m, top: lower.maxY + xBottom.extent() + legend.reservedBelow, maxWidth: width - 2 * m)

        var s = "Regression plot of \(ChartLayout.count(shown.count, "observation")): \(yAxis.title.plainText) against \(xAxis.title.plainText)"
        if !samples.isEmpty { s += ", with the fitted curve" }
        if entries.count > 2 { s += " and " + ChartLayout.list(entries.dropFirst(2).map(\.label)) }
        s += ". A residual plot below shares the x axis."
        if !annotation.isEmpty { s += " " + annotation.map { ChartText(markup: $0).plainText }.joined(separator: "; ") + "." }
        let largest = shown.compactMap { i in res[i].map { (i, $0) } }.max { abs($0.1) < abs($1.1) }
        if let largest {
            s += " Largest residual: \(observations[largest.0].label ?? "point \(largest.0 + 1)") (\(ChartLayout.value(largest.1)))."
        }
        for note in notes { s += " " + note }
        if skipped > 0 { s += " \(ChartLayout.count(skipped, "point label")) left out for lack of space." }
        doc.description = ChartLayout.description(description, s)
        return doc.render()
    }
}
