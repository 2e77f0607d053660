import Foundation

/// A heat map of rows × columns with values in a known range, e.g. SMAA rank acceptability
/// indices (candidates × ranks, values 0–1), with a colour bar and an optional extra text
/// column on the right (e.g. SMAA confidence factors).
///
/// Colours run from near white (low) to dark blue (high) on a single-hue ramp that is
/// monotone in lightness, so the map reads in grey scale. Values are printed in the cells
/// when the cell is large enough (text colour switches to white on dark cells); a value of
/// exactly 0 is left blank, and a positive value that rounds to 0 is printed as `<0.01`.
/// Missing cells (nil) are hatched.
///
/// ```swift
/// var chart = HeatmapChart(
///     title: "Rank acceptability (SMAA-2, 10 000 weight samples)",
///     rowLabels: ["NaF", "Na₂S", "Na₃N"],
///     columnLabels: ["1", "2", "3"],
///     values: [[0.62, 0.30, 0.08], [0.30, 0.50, 0.20], [0.08, 0.20, 0.72]])
/// chart.extraColumnTitle = "Confidence"
/// chart.extraColumn = ["0.91", "0.77", "1.00"]
/// let svg = chart.render()
/// ```
public struct HeatmapChart: Sendable {
    public var title: String
    /// Prepended to the generated `<desc>`.
    public var description: String?
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// `values[row][column]`; nil is missing. Values outside `valueRange` get the end colours.
    public var values: [[Double?]]
    /// Title over the column labels.
    public var columnTitle: ChartText = "Rank"
    /// Noun for the rows in the description.
    public var rowNoun = "candidate"
    public var valueRange: ClosedRange<Double> = 0...1
    public var valueDecimals = 2
    /// Print `.62` rather than `0.62` (the usual style for values that cannot exceed 1;
    /// it lets values fit narrower cells). nil: only when `valueRange` lies within −1…1.
    public var omitsLeadingZero: Bool?
    public var colorBarTitle = "Acceptability"
    /// Header and texts of the right-hand column (one text per row); nil for none.
    public var extraColumnTitle: String?
    public var extraColumn: [String]?
    /// Maximum width; cells shrink (to `minCellWidth`) or grow (to `maxCellWidth`) to fit.
    public var width = 760.0
    public var cellHeight = 26.0
    public var minCellWidth = 18.0
    public var maxCellWidth = 56.0
    public var maxLabelWidth = 220.0

    public init(title: String, rowLabels: [String], columnLabels: [String], values: [[Double?]]) {
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
    }

    private func value(_ r: Int, _ c: Int) -> Double? {
        guard r < values.count, c < values[r].count, let v = values[r][c], v.isFinite else { return nil }
        return v
    }

    private func fraction(_ v: Double) -> Double {
        let span = valueRange.upperBound - valueRange.lowerBound
        return span > 0 ? (v - valueRange.lowerBound) / span : 0
    }

    private func cellText(_ v: Double) -> String? {
        if v == 0 { return nil }
        var text = ChartFormat.number(v, decimals: valueDecimals)
        let zero = ChartFormat.number(0, decimals: valueDecimals)
        if text == zero {
            guard v > 0 else { return nil }
            text = "<" + ChartFormat.number(pow(10, -Double(valueDecimals)), decimals: valueDecimals)
        }
        let omit = omitsLeadingZero ?? (valueRange.lowerBound >= -1 && valueRange.upperBound <= 1)
        if omit {
            for prefix in ["0.", "\u{2212}0.", "<0."] where text.hasPrefix(prefix) {
                text = String(prefix.dropLast(2)) + "." + text.dropFirst(prefix.count)
                break
            }
        }
        return text
    }

    /// The SVG document.
    public func render() -> String {
        let m = ChartLayout.margin
        let labelSize = 12.0, valueSize = 10.5
        let rows = rowLabels.count, cols = columnLabels.count
        let rowTexts = rowLabels.map { ChartText($0).truncated(toWidth: maxLabelWidth, fontSize: labelSize) }
        let rowLabelWidth = rowTexts.map { $0.width(fontSize: labelSize) }.max() ?? 0

        // Extra column.
        let extras = (extraColumn ?? []).map { ChartText($0).truncated(toWidth: 160, fontSize: labelSize) }
        let hasExtra = extraColumn != nil
        let extraWidth = hasExtra
            ? max(extraColumnTitle.map { TextMetrics.width($0, fontSize: labelSize, bold: true) } ?? 0,
                  extras.map { $0.width(fontSize: labelSize) }.max() ?? 0) + 16
            : 0

        // Colour bar.
        let barScale = ChartScale.linear(valueRange)
        let barTicks = barScale.ticks(targetCount: 4)
        let barLabels = barScale.tickLabels(for: barTicks)
        let barLabelWidth = barLabels.map { $0.width(fontSize: 11) }.max() ?? 0
        let barTitleWidth = TextMetrics.width(colorBarTitle, fontSize: labelSize, bold: true)
        let barBlock = 24 + max(barTitleWidth, 14 + 8 + barLabelWidth)

        let left = m + rowLabelWidth + 8
        let available = width - left - extraWidth - barBlock - m
        let cellWidth = cols > 0 ? min(max(available / Double(cols), minCellWidth), maxCellWidth) : minCellWidth
        let titleH = ChartLayout.titleHeight(title)
        let headerTop = m + titleH
        let columnTitleBaseline = headerTop + TextMetrics.ascent * 13
        let columnLabelBaseline = columnTitleBaseline + 13 * 0.45 + 12 * 1.0 + 4
        let grid = ChartRect(x: left, y: columnLabelBaseline + TextMetrics.descent * labelSize + 6,
                             width: Double(cols) * cellWidth, height: Double(rows) * cellHeight)
        let barHeight = min(max(grid.height, 80), 200)
        let totalWidth = grid.maxX + extraWidth + barBlock + m
        let totalHeight = max(grid.maxY, grid.minY + barHeight) + m + 4

        var doc = SVGDocument(width: totalWidth, height: totalHeight, title: title, description: ChartLayout.description(description, summary()),
                              idPrefix: ChartLayout.idPrefix(for: self))
        ChartLayout.drawTitle(title, into: &doc)

        // Column title and labels (thinned when crowded).
        doc.text(columnTitle, at: ChartPoint(x: grid.midX, y: columnTitleBaseline), size: 13, anchor: .middle)
        let columnTexts = columnLabels.map { ChartText($0) }
        let widest = columnTexts.map { $0.width(fontSize: labelSize) }.max() ?? 0
        let stride = max(1, Int(((widest + 6) / cellWidth).rounded(.up)))
        for c in Swift.stride(from: 0, to: cols, by: stride) {
            doc.text(columnTexts[c], at: ChartPoint(x: grid.minX + (Double(c) + 0.5) * cellWidth, y: columnLabelBaseline), size: labelSize, anchor: .middle)
        }

        // Cells.
        let missingFill = doc.patternFill(.diagonal, color: "#FFFFFF", ink: "#C4C4C4")
        for r in 0..<rows {
            let y = grid.minY + Double(r) * cellHeight
            doc.text(rowTexts[r], at: ChartPoint(x: left - 8, y: y + cellHeight / 2 + 0.36 * labelSize), size: labelSize, anchor: .end,
                     tooltip: rowTexts[r].plainText == rowLabels[r] ? nil : rowLabels[r])
            doc.beginGroup([("aria-label", rowLabels[r])])
            for c in 0..<cols {
                let cell = ChartRect(x: grid.minX + Double(c) * cellWidth, y: y, width: cellWidth, height: cellHeight)
                guard let v = value(r, c) else {
                    doc.rect(cell, style: SVGStyle(fill: missingFill, stroke: "#FFFFFF", strokeWidth: 1), tooltip: "\(rowLabels[r]), \(columnLabels[c]): missing")
                    continue
                }
                let color = ChartPalette.sequential(fraction(v))
                doc.rect(cell, style: SVGStyle(fill: color, stroke: "#FFFFFF", strokeWidth: 1),
                         tooltip: "\(rowLabels[r]), \(columnTitle.plainText) \(columnLabels[c]): \(ChartFormat.number(v, decimals: valueDecimals + 1))")
                if let text = cellText(v), TextMetrics.width(text, fontSize: valueSize) + 4 <= cellWidth, cellHeight >= valueSize + 3 {
                    doc.text(ChartText(text), at: ChartPoint(x: cell.midX, y: cell.midY + 0.36 * valueSize), size: valueSize, anchor: .middle,
                             fill: ChartPalette.textColor(on: color))
                }
            }
            doc.endGroup()
        }
        doc.rect(grid, style: .stroked("#BDBDBD", width: 0.8))

        // Extra column.
        if hasExtra {
            let x = grid.maxX + 12
            if let head = extraColumnTitle {
                doc.text(ChartText(head), at: ChartPoint(x: x, y: columnLabelBaseline), size: labelSize, bold: true)
            }
            for (r, text) in extras.prefix(rows).enumerated() {
                doc.text(text, at: ChartPoint(x: x, y: grid.minY + (Double(r) + 0.5) * cellHeight + 0.36 * labelSize), size: labelSize)
            }
        }

        // Colour bar: high values at the top.
        let bx = grid.maxX + extraWidth + 24
        let bar = ChartRect(x: bx, y: grid.minY, width: 14, height: barHeight)
        doc.text(ChartText(colorBarTitle), at: ChartPoint(x: bx, y: columnLabelBaseline), size: labelSize, bold: true)
        let steps = 48
        doc.beginGroup([("aria-hidden", "true")])
        for k in 0..<steps {
            let t0 = Double(k) / Double(steps)
            let h = bar.height / Double(steps)
            doc.rect(ChartRect(x: bar.minX, y: bar.maxY - Double(k + 1) * h, width: bar.width, height: h + 0.3),
                     style: .filled(ChartPalette.sequential(t0 + 0.5 / Double(steps))))
        }
        doc.rect(bar, style: .stroked(ChartPalette.axis, width: 0.8))
        let barAxis = barScale.withRange(bar.maxY, bar.minY)
        for (v, label) in zip(barTicks, barLabels) {
            let y = barAxis(v)
            doc.line(from: ChartPoint(x: bar.maxX, y: y), to: ChartPoint(x: bar.maxX + 4, y: y), style: .stroked(ChartPalette.axis, width: 1))
            doc.text(label, at: ChartPoint(x: bar.maxX + 7, y: y + 0.36 * 11), size: 11)
        }
        doc.endGroup()
        return doc.render()
    }

    private func summary() -> String {
        var s = "Heat map of \(ChartLayout.count(rowLabels.count, rowNoun)) (rows) by \(columnLabels.count) columns (\(columnTitle.plainText)); darker cells mean higher values (\(ChartFormat.number(valueRange.lowerBound, decimals: 1)) to \(ChartFormat.number(valueRange.upperBound, decimals: 1)))."
        var parts: [String] = []
        for r in rowLabels.indices {
            var best: (Int, Double)?
            for c in columnLabels.indices {
                if let v = value(r, c), v > (best?.1 ?? -Double.infinity) { best = (c, v) }
            }
            if let best {
                parts.append("\(rowLabels[r]): highest in \(columnTitle.plainText.lowercased()) \(columnLabels[best.0]) (\(ChartFormat.number(best.1, decimals: valueDecimals)))")
            }
        }
        if !parts.isEmpty { s += " " + parts.joined(separator: "; ") + "." }
        if let extraColumnTitle, let extraColumn {
            s += " \(extraColumnTitle): " + zip(rowLabels, extraColumn).map { "\($0) \($1)" }.joined(separator: ", ") + "."
        }
        let missing = rowLabels.indices.reduce(0) { n, r in n + columnLabels.indices.filter { value(r, $0) == nil }.count }
        if missing > 0 { s += " \(ChartLayout.count(missing, "cell is", "cells are")) missing (hatched)." }
        return s
    }
}
