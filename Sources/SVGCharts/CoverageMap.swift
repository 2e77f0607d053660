import Foundation

/// Which descriptor values exist: candidates (rows) × properties (columns), each cell
/// measured, measured several times, imputed, or missing.
///
/// The four states differ without colour: solid dark, solid darker with the count in
/// white, hatched, and an empty outline. Each row ends with its count of properties having
/// a value, each column with its count of candidates.
///
/// ```swift
/// let map = CoverageMap(
///     title: "Descriptor coverage, SEI components",
///     rowLabels: ["NaF", "Na₂S"],
///     columnLabels: ["youngs_modulus", "band_gap", "ionic_conductivity"],
///     cells: [[.measured, .multiple(3), .missing], [.imputed, .measured, .missing]])
/// let svg = map.render()
/// ```
public struct CoverageMap: Sendable {
    /// The state of one cell.
    public enum Cell: Sendable, Hashable {
        /// One measured value: solid fill.
        case measured
        /// Several measurements (the count is printed when ≥ 2; a count of 1 is drawn as
        /// `measured`, a count ≤ 0 as `missing`).
        case multiple(Int)
        /// A value estimated, not measured: hatched.
        case imputed
        /// No value: an empty outline.
        case missing
    }

    /// The chart title, also the document's `<title>`.
    public var title: String
    /// Prepended to the generated `<desc>`.
    public var description: String?
    /// One label per row (candidate), top to bottom.
    public var rowLabels: [String]
    /// One label per column (property), left to right; drawn rotated above the columns.
    public var columnLabels: [String]
    /// `cells[row][column]`; absent cells count as missing.
    public var cells: [[Cell]]
    /// Side of a square cell, px.
    public var cellSize = 22.0
    /// Legend texts of the four states.
    public var measuredName = "Measured"
    /// Legend text of `multiple` cells.
    public var multipleName = "Several values (count)"
    /// Legend text of `imputed` cells.
    public var imputedName = "Imputed"
    /// Legend text of `missing` cells.
    public var missingName = "Missing"
    /// Longest row label before it is cut with `…` (full text stays as a tooltip).
    public var maxLabelWidth = 200.0
    /// Counts of values per row and column at the ends.
    public var showsCounts = true
    /// Width the map should keep within: its rotated column labels are set steeper (60°, then
    /// 90°) when at 45° they would reach further. The map is as wide as its content.
    public var maxWidth = Double.infinity

    static let measuredFill = "#2B6CB0"
    static let multipleFill = "#08306B"
    static let imputedInk = "#2B6CB0"

    /// A map of `cells[row][column]` with the default sizes and legend texts. Rows and columns
    /// follow the labels; cells beyond a short row are drawn as missing.
    public init(title: String, rowLabels: [String], columnLabels: [String], cells: [[Cell]]) {
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.cells = cells
    }

    private func cell(_ r: Int, _ c: Int) -> Cell {
        guard r < cells.count, c < cells[r].count else { return .missing }
        if case .multiple(let n) = cells[r][c] {
            if n <= 0 { return .missing }
            if n == 1 { return .measured }
        }
        return cells[r][c]
    }

    /// The SVG document.
    public func render() -> String {
        let m = ChartLayout.margin
        let labelSize = 12.0, headSize = 11.5
        let rows = rowLabels.count, cols = columnLabels.count
        let rowTexts = rowLabels.map { ChartText($0).truncated(toWidth: maxLabelWidth, fontSize: labelSize) }
        let rowLabelWidth = rowTexts.map { $0.width(fontSize: labelSize) }.max() ?? 0
        // Column labels are never cut: set at 45°, or steeper when they would reach past
        // `maxWidth`; the header grows to the longest.
        let colTexts = columnLabels.map { ChartText($0) }
        let left = m + rowLabelWidth + 8
        let countWidth = showsCounts ? TextMetrics.width("\(cols)/\(cols)", fontSize: 10.5) + 10 : 0
        let heads = RotatedLabels(anchors: (0..<cols).map { left + (Double($0) + 0.5) * cellSize }, widths: colTexts.map { $0.width(fontSize: headSize) },
                                  fontSize: headSize, within: maxWidth - m)
        let headerHeight = heads.height
        let contentWidth = max(heads.reach, left + Double(cols) * cellSize + countWidth) + m

        let legend = ChartLegend(entries: legendEntries())
        let legendMax = max(contentWidth - 2 * m, 300)
        let legendSize = legend.flowSize(maxWidth: legendMax)
        // Wide enough for the legend and for a short title on one line; a longer title wraps.
        let titleWidth = min(TextMetrics.width(title, fontSize: ChartLayout.titleSize, bold: true), 420, maxWidth - 2 * m)
        let width = max(contentWidth, legendSize.width + 2 * m, titleWidth + 2 * m)
        let top = m + ChartLayout.titleHeight(title, width: width) + headerHeight
        let grid = ChartRect(x: left, y: top, width: Double(cols) * cellSize, height: Double(rows) * cellSize)
        let countsHeight = showsCounts ? 16.0 : 0
        let height = grid.maxY + countsHeight + 12 + legendSize.height + m

        var doc = ChartLayout.document(width: width, height: height, title: title,
                                       description: ChartLayout.description(description, summary()), identity: self)

        for c in 0..<cols { heads.draw(colTexts[c], anchor: grid.minX + (Double(c) + 0.5) * cellSize, top: grid.minY, into: &doc) }

        var rowCounts = [Int](repeating: 0, count: rows)
        var colCounts = [Int](repeating: 0, count: cols)
        for r in 0..<rows {
            let y = grid.minY + Double(r) * cellSize
            if r % 2 == 1 {
                doc.rect(ChartRect(x: m, y: y, width: grid.maxX - m, height: cellSize), style: .filled("#F4F4F4"))
            }
            doc.text(rowTexts[r], at: ChartPoint(x: left - 8, y: y + cellSize / 2 + 0.36 * labelSize), size: labelSize, anchor: .end,
                     tooltip: rowTexts[r].plainText == rowLabels[r] ? nil : rowLabels[r])
            doc.beginGroup([("aria-label", rowLabels[r])])
            for c in 0..<cols {
                let box = ChartRect(x: grid.minX + Double(c) * cellSize + 1.5, y: y + 1.5, width: cellSize - 3, height: cellSize - 3)
                let state = cell(r, c)
                let tip = "\(rowLabels[r]), \(columnLabels[c]): "
                switch state {
                case .measured:
                    doc.rect(box, style: .filled(CoverageMap.measuredFill), tooltip: tip + "measured")
                case .multiple(let n):
                    doc.rect(box, style: .filled(CoverageMap.multipleFill), tooltip: tip + "\(n) values")
                    let size = n < 10 ? 10.5 : 10
                    doc.text(ChartText("\(n)"), at: ChartPoint(x: box.midX, y: box.midY + 0.36 * size), size: size, anchor: .middle, fill: "#FFFFFF", bold: true)
                case .imputed:
                    doc.hatchedBox(box.outset(-0.5), color: CoverageMap.imputedInk, spacing: 4, tooltip: tip + "imputed")
                case .missing:
                    doc.rect(box.outset(-0.5), style: SVGStyle(fill: "#FFFFFF", stroke: "#B3B3B3", strokeWidth: 1), tooltip: tip + "missing")
                }
                if state != .missing {
                    rowCounts[r] += 1
                    colCounts[c] += 1
                }
            }
            doc.endGroup()
            if showsCounts {
                doc.text(ChartText("\(rowCounts[r])/\(cols)"), at: ChartPoint(x: grid.maxX + 6, y: y + cellSize / 2 + 0.36 * 10.5), size: 10.5, fill: ChartPalette.muted)
            }
        }
        if showsCounts {
            for c in 0..<cols {
                doc.text(ChartText("\(colCounts[c])"), at: ChartPoint(x: grid.minX + (Double(c) + 0.5) * cellSize, y: grid.maxY + 4 + TextMetrics.ascent * 10.5),
                         size: 10.5, anchor: .middle, fill: ChartPalette.muted)
            }
        }

        legend.drawFlow(into: &doc, at: ChartPoint(x: m, y: grid.maxY + countsHeight + 12), maxWidth: legendMax)
        return doc.render()
    }

    private func legendEntries() -> [LegendEntry] {
        [
            LegendEntry(measuredName, swatch: .box(fill: CoverageMap.measuredFill, stroke: CoverageMap.measuredFill, text: nil, textColor: "#FFFFFF")),
            LegendEntry(multipleName, swatch: .box(fill: CoverageMap.multipleFill, stroke: CoverageMap.multipleFill, text: "3", textColor: "#FFFFFF")),
            LegendEntry(imputedName, swatch: .hatched(color: CoverageMap.imputedInk, dashed: false)),
            LegendEntry(missingName, swatch: .box(fill: "#FFFFFF", stroke: "#B3B3B3", text: nil, textColor: ChartPalette.ink)),
        ]
    }

    private func summary() -> String {
        var measured = 0, multiple = 0, imputed = 0, missing = 0
        for r in rowLabels.indices {
            for c in columnLabels.indices {
                switch cell(r, c) {
                case .measured: measured += 1
                case .multiple: multiple += 1
                case .imputed: imputed += 1
                case .missing: missing += 1
                }
            }
        }
        var s = "Coverage map of \(ChartLayout.count(rowLabels.count, "candidate")) (rows) by \(ChartLayout.count(columnLabels.count, "property", "properties")) (columns): "
        s += "\(measured) measured, \(multiple) with several values, \(imputed) imputed, \(missing) missing."
        let empty = columnLabels.indices.filter { c in rowLabels.indices.allSatisfy { cell($0, c) == .missing } }.map { columnLabels[$0] }
        if !empty.isEmpty { s += " No values at all for " + ChartLayout.list(empty) + "." }
        return s
    }
}
