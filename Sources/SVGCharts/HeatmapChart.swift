import Foundation

/// A heat map of rows × columns with values in a known range, e.g. SMAA rank acceptability
/// indices (candidates × ranks, values 0–1), with a colour bar and optional text columns on the
/// right (e.g. mean ranks and SMAA confidence factors).
///
/// Colours run from near white (low) to dark blue (high) on a single-hue ramp that is
/// monotone in lightness, so the map reads in grey scale. Values are printed in the cells
/// when the cell is large enough (text colour switches to white on dark cells); a value of
/// exactly 0 is left blank (unless `blanksZero` is false), and a positive value that rounds to 0 is printed as `<0.01`.
/// Missing cells (nil) are hatched grey with `missingText` in them and, when `missingName` is
/// set, a legend line under the colour bar: an unknown is drawn as unknown, never as a colour.
///
/// Layout: cells shrink (to `minCellWidth`) or grow (to `maxCellWidth`) to fill `width`; when
/// the colour bar does not fit beside the grid it goes under it; column labels that do not fit
/// their cells are set at 45° (with the text columns' titles) instead of being thinned or cut.
/// The document is as wide as its content (at least as wide as the title on one line, up to
/// `width`, beyond which the title wraps).
///
/// ```swift
/// var chart = HeatmapChart(
///     title: "Rank acceptability (SMAA-2, 10 000 weight samples)",
///     rowLabels: ["NaF", "Na₂S", "Na₃N"],
///     columnLabels: ["1", "2", "3"],
///     values: [[0.62, 0.30, 0.08], [0.30, 0.50, 0.20], [0.08, 0.20, 0.72]])
/// chart.extraColumns = [.init(title: "Confidence", texts: ["0.91", "0.77", "1.00"])]
/// let svg = chart.render()
/// ```
///
/// - Complexity: O(r·c) for r rows and c columns.
public struct HeatmapChart: Sendable {
    /// A column of texts right of the grid, one per row.
    public struct TextColumn: Sendable, Hashable {
        /// Bold header (set at an angle with the column labels when they are).
        public var title: String
        /// One text per row (missing texts are blank; extra ones ignored).
        public var texts: [String]
        /// A column titled `title` with `texts`.
        public init(title: String, texts: [String]) { (self.title, self.texts) = (title, texts) }
    }

    /// Shown above the chart (wrapped to its width) and written to `<title>`.
    public var title: String
    /// Prepended to the generated `<desc>`.
    public var description: String?
    /// One label per row, left of the grid (cut with `…` only beyond `maxLabelWidth`).
    public var rowLabels: [String]
    /// One label per column, above the grid (never cut: set at an angle when long).
    public var columnLabels: [String]
    /// `values[row][column]`; nil is missing. Values outside `valueRange` get the end colours.
    public var values: [[Double?]]
    /// Title over the column labels (not drawn when the labels are set at 45°).
    public var columnTitle: ChartText = "Rank"
    /// Noun for the rows in the description.
    public var rowNoun = "candidate"
    /// The values of the lightest and the darkest colour (and of the colour bar's ends).
    public var valueRange: ClosedRange<Double> = 0...1
    /// Decimals of the values printed in the cells (tooltips have one more).
    public var valueDecimals = 2
    /// Print `.62` rather than `0.62` (the usual style for values that cannot exceed 1;
    /// it lets values fit narrower cells). nil: only when `valueRange` lies within −1…1.
    public var omitsLeadingZero: Bool?
    /// Title over the colour bar: what the colours measure (the default suits shares in 0…1).
    public var colorBarTitle = "Acceptability"
    /// Leave cells of exactly 0 blank (a share of samples that never occurred); false prints
    /// them (a normalised value of 0 is the worst, not nothing).
    public var blanksZero = true
    /// Text printed in missing cells (e.g. "?"); nil leaves them blank.
    public var missingText: String?
    /// Legend text of the hatched missing cells, under the colour bar; nil for none.
    public var missingName: String?
    /// Text columns right of the grid.
    public var extraColumns: [TextColumn] = []
    /// Maximum width; cells shrink (to `minCellWidth`) or grow (to `maxCellWidth`) to fit.
    public var width = 760.0
    /// Height of a row in px.
    public var cellHeight = 26.0
    /// Narrowest and widest a column may be, in px.
    public var minCellWidth = 18.0, maxCellWidth = 56.0
    /// Widest row label before it is cut with `…` (the full text stays as a tooltip).
    public var maxLabelWidth = 220.0

    static let labelSize = 12.0
    static let valueSize = 10.5

    /// A heat map of `values` with the given row and column labels.
    public init(title: String, rowLabels: [String], columnLabels: [String], values: [[Double?]]) {
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
    }

    func value(_ r: Int, _ c: Int) -> Double? {
        guard r < values.count, c < values[r].count, let v = values[r][c], v.isFinite else { return nil }
        return v
    }

    private func fraction(_ v: Double) -> Double {
        let span = valueRange.upperBound - valueRange.lowerBound
        return span > 0 ? (v - valueRange.lowerBound) / span : 0
    }

    /// The text printed in a cell of value `v` (nil: none).
    func cellText(_ v: Double) -> String? {
        if v == 0 && blanksZero { return nil }
        var text = ChartFormat.number(v, decimals: valueDecimals)
        let zero = ChartFormat.number(0, decimals: valueDecimals)
        if text == zero && v != 0 {
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
        let l = layout()
        let labelSize = Self.labelSize, valueSize = Self.valueSize
        var doc = ChartLayout.document(width: l.width, height: l.height, title: title,
                                       description: ChartLayout.description(description, summary()), identity: self)
        let grid = l.grid, cellWidth = l.cellWidth

        // Column labels: horizontal under the column title, or at 45° (with the text columns' titles).
        if let heads = l.rotated {
            for c in columnLabels.indices {
                heads.draw(ChartText(columnLabels[c]), anchor: grid.minX + (Double(c) + 0.5) * cellWidth, top: grid.minY, into: &doc)
            }
            for (k, column) in extraColumns.enumerated() {
                heads.draw(ChartText(column.title), anchor: l.extraX[k] - 0.3 * labelSize, top: grid.minY, bold: true, into: &doc)
            }
        } else {
            doc.text(columnTitle, at: ChartPoint(x: grid.midX, y: l.columnTitleBaseline), size: 13, anchor: .middle)
            for c in columnLabels.indices {
                doc.text(ChartText(columnLabels[c]), at: ChartPoint(x: grid.minX + (Double(c) + 0.5) * cellWidth, y: l.columnLabelBaseline), size: labelSize, anchor: .middle)
            }
            for (k, column) in extraColumns.enumerated() {
                doc.text(ChartText(column.title), at: ChartPoint(x: l.extraX[k], y: l.columnLabelBaseline), size: labelSize, bold: true)
            }
        }

        // Cells.
        for r in rowLabels.indices {
            let y = grid.minY + Double(r) * cellHeight
            doc.text(l.rowTexts[r], at: ChartPoint(x: grid.minX - 8, y: y + cellHeight / 2 + 0.36 * labelSize), size: labelSize, anchor: .end,
                     tooltip: l.rowTexts[r].plainText == rowLabels[r] ? nil : rowLabels[r])
            doc.beginGroup([("aria-label", rowLabels[r])])
            for c in columnLabels.indices {
                let cell = ChartRect(x: grid.minX + Double(c) * cellWidth, y: y, width: cellWidth, height: cellHeight)
                let text: String?, ink: String
                if let v = value(r, c) {
                    let color = ChartPalette.sequential(fraction(v))
                    doc.rect(cell, style: SVGStyle(fill: color, stroke: "#FFFFFF", strokeWidth: 1),
                             tooltip: "\(rowLabels[r]), \(columnTitle.plainText) \(columnLabels[c]): \(ChartFormat.number(v, decimals: valueDecimals + 1))")
                    (text, ink) = (cellText(v), ChartPalette.textColor(on: color))
                } else {
                    doc.hatchedBox(cell.outset(-1.5), color: ChartPalette.unknown, dashed: true, spacing: 7,
                                   tooltip: "\(rowLabels[r]), \(columnLabels[c]): \(missingName ?? "missing")")
                    (text, ink) = (missingText, ChartPalette.ink)
                }
                if let text, TextMetrics.width(text, fontSize: valueSize) + 4 <= cellWidth, cellHeight >= valueSize + 3 {
                    doc.text(ChartText(text), at: ChartPoint(x: cell.midX, y: cell.midY + 0.36 * valueSize), size: valueSize, anchor: .middle, fill: ink)
                }
            }
            doc.endGroup()
            for (k, column) in extraColumns.enumerated() where r < column.texts.count {
                doc.text(ChartText(column.texts[r]), at: ChartPoint(x: l.extraX[k], y: y + cellHeight / 2 + 0.36 * labelSize), size: labelSize)
            }
        }
        doc.rect(grid, style: .stroked("#BDBDBD", width: 0.8))
        drawColorBar(l, into: &doc)
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
        for column in extraColumns {
            s += " \(column.title): " + zip(rowLabels, column.texts).map { "\($0) \($1)" }.joined(separator: ", ") + "."
        }
        let missing = rowLabels.indices.reduce(0) { n, r in n + columnLabels.indices.filter { value(r, $0) == nil }.count }
        if missing > 0 { s += " \(ChartLayout.count(missing, "cell is", "cells are")) \(missingName ?? "missing") (hatched)." }
        return s
    }
}
