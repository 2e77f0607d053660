import Foundation

/// Horizontal bars, one per candidate, top to bottom in the order given (the ranking), each
/// split into the contributions of the criteria, with the total printed at the end of the bar.
/// With one criterion it is a plain bar chart (e.g. of a method's score, without a legend).
///
/// Positive contributions stack rightwards from zero, negative ones leftwards, each in
/// criterion order; the value axis always includes zero, so a bar's length is its total.
/// Criterion `i` is drawn in Okabe–Ito colour `i` with fill pattern `i`, so segments stay apart
/// in grey scale. A nil contribution is missing: nothing is drawn for it (it is not taken as 0
/// in the printed total either, which is the sum of the present contributions unless `total`
/// is given). A contribution flagged `unknown` (scored from a value nobody measured) is drawn
/// as a grey hatched, dashed outline, never as a coloured segment that would read as data, and
/// the legend says so.
///
/// Ranks: each bar prints its `rank` (1 + the number of bars ranked strictly better), so tied
/// bars share a number and, having equal totals, equal lengths; without ranks, bars are
/// numbered 1, 2, … in order.
///
/// ```swift
/// let chart = StackedBarChart(
///     title: "Weighted-sum ranking (SEI profile)",
///     criteria: ["Na⁺ conductivity", "Band gap", "Modulus", "Cost"],
///     bars: [
///         .init(label: "NaF", contributions: [0.12, 0.30, 0.18, 0.20], rank: 1),
///         .init(label: "Na₃N", contributions: [0.35, -0.05, 0.10, 0.15], rank: 2, unknown: [false, false, true, false]),
///     ],
///     valueTitle: "Contribution to the score")
/// let svg = chart.render()
/// ```
///
/// - Complexity: O(b·c) for b bars of c criteria.
public struct StackedBarChart: Sendable {
    /// One candidate's bar.
    public struct Bar: Sendable, Hashable {
        /// The bar's name, printed beside it: wrapped onto a second line when long, cut with `…` beyond that.
        public var label: String
        /// One value per criterion (same order as `criteria`); nil where it is missing.
        public var contributions: [Double?]
        /// The value printed at the end of the bar; nil prints the sum of the contributions.
        public var total: Double?
        /// The printed rank (ties share one); nil numbers the bars in order.
        public var rank: Int?
        /// Per criterion, whether the contribution comes from an unknown value (drawn hatched
        /// grey); shorter than `contributions` means false for the rest.
        public var unknown: [Bool]
        /// Muted text after the total (e.g. "2 of 6 values unknown"); nil for none.
        public var note: String?

        /// A bar of `contributions`, printed with `total` (or their sum) and `rank` (or its
        /// position), with the contributions flagged in `unknown` drawn as unknown.
        public init(label: String, contributions: [Double?], total: Double? = nil, rank: Int? = nil,
                    unknown: [Bool] = [], note: String? = nil) {
            self.label = label
            self.contributions = contributions
            self.total = total
            self.rank = rank
            self.unknown = unknown
            self.note = note
        }

        func isUnknown(_ j: Int) -> Bool { j < unknown.count && unknown[j] }
    }

    /// Shown above the chart (wrapped to its width) and written to `<title>`.
    public var title: String
    /// Prepended to the generated `<desc>`.
    public var description: String?
    /// Names of the segments, in stacking order (the legend's entries).
    public var criteria: [String]
    /// Bars top to bottom (rank 1 first).
    public var bars: [Bar]
    /// Title of the value axis (say what a bar's length is).
    public var valueTitle: ChartText
    /// Decimals of the totals printed at the bar ends.
    public var valueDecimals = 2
    /// Rank numbers before the labels.
    public var showsRanks = true
    /// A legend of the criteria; nil shows it when there are two or more.
    public var showsLegend: Bool?
    /// Legend text of contributions from unknown values (shown only when there are some).
    public var unknownName = "from an unknown value"
    /// Width of the chart in px; the height follows from the bars.
    public var width = 760.0
    /// Thickness of a bar and the space between bars, in px.
    public var barHeight = 20.0, barGap = 8.0
    /// Widest candidate label line (and at most 30 % of `width`): a longer label wraps onto a
    /// second line, and only what does not fit on two lines is cut with `…` (the full text stays
    /// as a tooltip).
    public var maxLabelWidth = 220.0

    /// A chart of `bars` over `criteria`, with `valueTitle` under the value axis.
    public init(title: String, criteria: [String], bars: [Bar], valueTitle: ChartText = "Contribution to the score") {
        self.title = title
        self.criteria = criteria
        self.bars = bars
        self.valueTitle = valueTitle
    }

    private func value(_ bar: Bar, _ j: Int) -> Double? {
        guard j < bar.contributions.count, let v = bar.contributions[j], v.isFinite else { return nil }
        return v
    }

    private func total(_ bar: Bar) -> Double {
        if let t = bar.total { return t }
        return criteria.indices.compactMap { value(bar, $0) }.reduce(0, +)
    }

    /// The printed rank of each bar: its own, or its position.
    func ranks() -> [Int] { bars.enumerated().map { $1.rank ?? $0 + 1 } }

    private var hasUnknown: Bool { bars.contains { bar in criteria.indices.contains { bar.isUnknown($0) && value(bar, $0) != nil } } }

    /// The SVG document.
    public func render() -> String {
        let m = ChartLayout.margin
        let labelSize = 12.0
        let ranks = ranks().map { "\($0)" }
        let rankWidth = showsRanks ? (ranks.map { TextMetrics.width($0, fontSize: labelSize) }.max() ?? 0) + 8 : 0
        // Labels take at most 30 % of the chart (a phone's chart keeps room for its bars): a
        // longer one wraps onto a second line within its row, and is cut only beyond that.
        let room = min(maxLabelWidth, width * 0.3)
        let labels = bars.map { bar -> [ChartText] in
            let lines = ChartText(bar.label).wrapped(toWidth: room, fontSize: labelSize)
            guard lines.count > 2 else { return lines }
            let rest = lines.dropFirst().map(\.plainText).joined(separator: " ")
            return [lines[0], ChartText(rest).truncated(toWidth: room, fontSize: labelSize)]
        }
        let labelWidth = labels.flatMap { $0 }.map { $0.width(fontSize: labelSize) }.max() ?? 0
        let totals = bars.map(total)
        let totalTexts = totals.map { ChartFormat.number($0, decimals: valueDecimals) }
        let endWidths = zip(bars, totalTexts).map { bar, text in
            TextMetrics.width(text, fontSize: labelSize, bold: true) + (bar.note.map { 6 + TextMetrics.width($0, fontSize: 11) } ?? 0)
        }

        // Legend under the title.
        var entries = (showsLegend ?? (criteria.count > 1)) ? criteria.enumerated().map { j, name in
            LegendEntry(name, swatch: .fill(color: ChartPalette.color(j), pattern: ChartPalette.pattern(j)))
        } : []
        if hasUnknown { entries.append(LegendEntry(unknownName, swatch: .unknown)) }
        let legend = ChartLegend(entries: entries)
        let titleH = ChartLayout.titleHeight(title, width: width)
        let legendSize = legend.flowSize(maxWidth: width - 2 * m)
        let top = m + titleH + legendSize.height + (legend.entries.isEmpty ? 0 : 10)

        // Value scale over the stacked ends.
        var ends: [Double] = [0]
        for bar in bars {
            let present = criteria.indices.compactMap { value(bar, $0) }
            ends.append(present.filter { $0 > 0 }.reduce(0, +))
            ends.append(present.filter { $0 < 0 }.reduce(0, +))
        }
        var scale = (try? ChartScale.nice(.linear, covering: ends, includeZero: true)) ?? ChartScale.linear(0...1)
        let left = m + rankWidth + labelWidth + 10
        // Each bar's end text must fit: scale(end) + 5 + its width ≤ width − m, with the scale
        // running from `left` to `right`, so every bar bounds `right` by its share of the domain.
        let provisional = scale.withRange(0, 1)
        var right = width - m - 8
        for (bar, w) in zip(bars, endWidths) {
            let f = provisional(criteria.indices.compactMap { value(bar, $0) }.filter { $0 > 0 }.reduce(0, +))
            if f > 0 { right = min(right, left + (width - m - 5 - w - left) / f) }
        }
        let plotHeight = Double(bars.count) * (barHeight + barGap) + barGap
        let plot = ChartRect(x: left, y: top, width: max(40, right - left), height: plotHeight)
        scale = scale.withRange(plot.minX, plot.maxX)
        var axis = ChartAxis(scale: scale, edge: .bottom, title: valueTitle)
        axis.showsMinorTicks = false
        let height = plot.maxY + axis.extent() + m

        var doc = ChartLayout.document(width: width, height: height, title: title,
                                       description: ChartLayout.description(description, summary(totals)), identity: self)
        legend.drawFlow(into: &doc, at: ChartPoint(x: m, y: m + titleH), maxWidth: width - 2 * m)
        axis.drawGrid(into: &doc, plot: plot)

        let x0 = scale(0)
        for (i, bar) in bars.enumerated() {
            let y = plot.minY + barGap + Double(i) * (barHeight + barGap)
            let mid = y + barHeight / 2
            if showsRanks {
                doc.text(ChartText(ranks[i]), at: ChartPoint(x: m + rankWidth - 8, y: mid + 0.36 * labelSize), size: labelSize, anchor: .end, fill: ChartPalette.muted)
            }
            let step = labelSize * 1.1
            for (k, line) in labels[i].enumerated() {
                let y = mid + 0.36 * labelSize + (Double(k) - Double(labels[i].count - 1) / 2) * step
                doc.text(line, at: ChartPoint(x: left - 8, y: y), size: labelSize, anchor: .end,
                         tooltip: labels[i].count == 1 && line.plainText == bar.label ? nil : bar.label)
            }
            var positiveEnd = 0.0, negativeEnd = 0.0
            doc.beginGroup([("aria-label", bar.label)])
            for j in criteria.indices {
                guard let v = value(bar, j), v != 0 else { continue }
                let start = v > 0 ? positiveEnd : negativeEnd
                let end = start + v
                if v > 0 { positiveEnd = end } else { negativeEnd = end }
                let xa = scale(min(start, end)), xb = scale(max(start, end))
                let segment = ChartRect(x: xa, y: y, width: xb - xa, height: barHeight)
                let tip = "\(bar.label) — \(criteria[j]): \(ChartFormat.number(v, decimals: valueDecimals + 1))"
                if bar.isUnknown(j) {
                    doc.hatchedBox(segment.outset(-0.6), color: ChartPalette.unknown, dashed: true, tooltip: tip + " (\(unknownName))")
                } else {
                    let fill = doc.patternFill(ChartPalette.pattern(j), color: ChartPalette.color(j))
                    doc.rect(segment, style: SVGStyle(fill: fill, stroke: "#FFFFFF", strokeWidth: 0.8), tooltip: tip)
                }
            }
            doc.endGroup()
            let endX = max(scale(positiveEnd), x0) + 5
            doc.text(ChartText(totalTexts[i]), at: ChartPoint(x: endX, y: mid + 0.36 * labelSize), size: labelSize, bold: true)
            if let note = bar.note {
                doc.text(ChartText(note), at: ChartPoint(x: endX + TextMetrics.width(totalTexts[i], fontSize: labelSize, bold: true) + 6, y: mid + 0.36 * labelSize),
                         size: 11, fill: ChartPalette.muted)
            }
        }
        // Zero line and value axis.
        doc.line(from: ChartPoint(x: x0, y: plot.minY), to: ChartPoint(x: x0, y: plot.maxY), style: .stroked(ChartPalette.ink, width: 1.2))
        doc.line(from: ChartPoint(x: plot.minX, y: plot.maxY), to: ChartPoint(x: plot.maxX, y: plot.maxY), style: .stroked(ChartPalette.axis, width: 1))
        axis.draw(into: &doc, plot: plot)
        return doc.render()
    }

    private func summary(_ totals: [Double]) -> String {
        var s = "Horizontal \(criteria.count > 1 ? "stacked " : "")bar chart of \(ChartLayout.count(bars.count, "candidate")) in ranked order, top to bottom"
        if criteria.count > 1 {
            s += "; each bar is split into the contributions of \(ChartLayout.count(criteria.count, "criterion", "criteria")) (\(ChartLayout.list(criteria)))"
        } else if let only = criteria.first {
            s += "; bar length is the \(only)"
        }
        s += "."
        if let first = bars.first, let last = bars.last, bars.count > 1 {
            s += " First: \(first.label) (total \(ChartLayout.value(totals[0]))); last: \(last.label) (total \(ChartLayout.value(totals[totals.count - 1])))."
        }
        let ranks = ranks()
        let tied = Dictionary(grouping: bars.indices, by: { ranks[$0] }).filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
        if !tied.isEmpty {
            s += " Tied: " + tied.map { rank, members in "\(ChartLayout.list(members.map { bars[$0].label })) (rank \(rank))" }.joined(separator: "; ") + "."
        }
        let negatives = bars.reduce(0) { n, bar in n + criteria.indices.filter { (value(bar, $0) ?? 0) < 0 }.count }
        if negatives > 0 { s += " \(ChartLayout.count(negatives, "contribution is", "contributions are")) negative, drawn left of zero." }
        let unknown = bars.reduce(0) { n, bar in n + criteria.indices.filter { bar.isUnknown($0) && value(bar, $0) != nil }.count }
        if unknown > 0 { s += " \(ChartLayout.count(unknown, "contribution comes", "contributions come")) from unknown values (hatched grey)." }
        let missing = bars.reduce(0) { n, bar in n + criteria.indices.filter { value(bar, $0) == nil }.count }
        if missing > 0 { s += " \(ChartLayout.count(missing, "contribution is", "contributions are")) missing and not drawn." }
        return s
    }
}
