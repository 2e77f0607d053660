import Foundation

// Where the parts of a heat map go (grid, labels, text columns, colour bar) and the colour bar
// itself, beside the grid or under it.

extension HeatmapChart {
    /// The computed geometry of a heat map.
    struct Layout {
        let width: Double
        let height: Double
        let grid: ChartRect
        let cellWidth: Double
        /// Column labels (and text-column titles) set at an angle; nil when horizontal.
        let rotated: RotatedLabels?
        /// Row labels as drawn (cut only beyond `maxLabelWidth`).
        let rowTexts: [ChartText]
        /// Left edge of each text column.
        let extraX: [Double]
        /// Baselines of the column title and of horizontal column labels.
        let columnTitleBaseline: Double, columnLabelBaseline: Double
        /// The colour bar: vertical beside the grid (`barBeside`), or horizontal under it.
        let bar: ChartRect, barBeside: Bool
        /// Where the colour bar's title starts (its baseline).
        let barTitleOrigin: ChartPoint
        /// Top-left corner of the missing-cell legend and its lines (when `missingName` is set).
        let missingOrigin: ChartPoint, missingLines: [ChartText]
    }

    private static let barTickSize = 11.0
    private static let barThickness = 14.0
    private static let missingTextWidth = 150.0

    /// The layout at `width`.
    ///
    /// - Complexity: O(r + c) plus the length of the labels.
    func layout() -> Layout {
        let m = ChartLayout.margin, ls = Self.labelSize
        let rowTexts = rowLabels.map { ChartText($0).truncated(toWidth: maxLabelWidth, fontSize: ls) }
        let rowLabelWidth = rowTexts.map { $0.width(fontSize: ls) }.max() ?? 0
        // Text columns are as wide as their texts and their title (a tilted title needs no width).
        func extraWidths(titled: Bool) -> [Double] {
            extraColumns.map { column in
                max(titled ? TextMetrics.width(column.title, fontSize: ls, bold: true) : 12, column.texts.map { TextMetrics.width($0, fontSize: ls) }.max() ?? 0) + 16
            }
        }

        // The colour bar block beside the grid: title, bar and tick labels, missing-cell legend.
        let barScale = ChartScale.linear(valueRange)
        let barLabelWidth = barScale.tickLabels(for: barScale.ticks(targetCount: 4)).map { $0.width(fontSize: Self.barTickSize) }.max() ?? 0
        let barTitleWidth = TextMetrics.width(colorBarTitle, fontSize: ls, bold: true)
        let missingLines = missingName.map { ChartText($0).wrapped(toWidth: Self.missingTextWidth, fontSize: ls) } ?? []
        let missingWidth = missingLines.isEmpty ? 0 : 20 + (missingLines.map { $0.width(fontSize: ls) }.max() ?? 0)
        let barBlock = 24 + max(barTitleWidth, Self.barThickness + 8 + barLabelWidth, missingWidth)

        // Cells fill what the labels, text columns and colour bar leave; the bar goes under the
        // grid when beside it the cells would be narrower than `minCellWidth`.
        let left = m + rowLabelWidth + 8
        let cols = Double(columnLabels.count)
        func fit(_ extraWidth: Double) -> (beside: Bool, cellWidth: Double) {
            let besideRoom = width - left - extraWidth - barBlock - m
            let beside = columnLabels.isEmpty || besideRoom / cols >= minCellWidth
            let available = beside ? besideRoom : width - left - extraWidth - m
            return (beside, cols > 0 ? min(max(available / cols, minCellWidth), maxCellWidth) : minCellWidth)
        }
        let labelWidths = columnLabels.map { TextMetrics.width($0, fontSize: ls) }
        // Horizontal labels are centred on their cells: neighbours must keep a gap, and the last
        // may reach half its width past the grid (into the gap before the text columns).
        func tilts(_ cellWidth: Double) -> Bool {
            labelWidths.indices.dropLast().contains { (labelWidths[$0] + labelWidths[$0 + 1]) / 2 + 6 > cellWidth }
                || (labelWidths.last ?? 0) / 2 > cellWidth / 2 + 10
        }
        var widths = extraWidths(titled: true)
        var (beside, cellWidth) = fit(widths.reduce(0, +))
        let tilted = tilts(cellWidth)
        if tilted {
            widths = extraWidths(titled: false)
            (beside, cellWidth) = fit(widths.reduce(0, +))
        }
        let extraWidth = widths.reduce(0, +)
        let gridWidth = cols * cellWidth
        var extraX: [Double] = []
        var x = left + gridWidth + 12
        for w in widths { extraX.append(x); x += w }

        // Horizontal extent: grid, text columns, bar block (beside) or bar row (under), tilted labels.
        var reach = left + gridWidth + extraWidth + (beside ? barBlock : 0)
        var rotated: RotatedLabels?
        if tilted {
            let anchors = columnLabels.indices.map { left + (Double($0) + 0.5) * cellWidth } + extraX.map { $0 - 0.3 * ls }
            let widths = labelWidths + extraColumns.map { TextMetrics.width($0.title, fontSize: ls, bold: true) }
            let labels = RotatedLabels(anchors: anchors, widths: widths, fontSize: ls, within: width - m)
            reach = max(reach, labels.reach)
            rotated = labels
        }
        // Under the grid: the bar row, and the missing-cell legend beside it or on a row of its own.
        let barRow = barTitleWidth + 10 + 160 + barLabelWidth / 2
        // (starting at the left margin, under the row labels).
        let missingBeside = missingWidth > 0 && m + barRow + 24 + missingWidth <= width - m
        let underBar = beside ? 0 : max(barRow + (missingBeside ? 24 + missingWidth : 0), missingWidth)
        let contentWidth = max(reach, m + underBar) + m
        let docWidth = max(contentWidth, min(width, TextMetrics.width(title, fontSize: ChartLayout.titleSize, bold: true) + 2 * m))

        // Vertical layout: title, header, grid, then the bar (under) if it does not fit beside.
        let headerTop = m + ChartLayout.titleHeight(title, width: docWidth)
        let columnTitleBaseline = headerTop + TextMetrics.ascent * 13
        let columnLabelBaseline = columnTitleBaseline + 13 * 0.45 + ls + 4
        let gridTop = rotated.map { headerTop + $0.height } ?? columnLabelBaseline + TextMetrics.descent * ls + 6
        let grid = ChartRect(x: left, y: gridTop, width: gridWidth, height: Double(rowLabels.count) * cellHeight)
        let bar: ChartRect, barTitle: ChartPoint, missingOrigin: ChartPoint, bottom: Double
        let missingHeight = Double(missingLines.count) * ls * TextMetrics.lineSpacing
        if beside {
            let bx = left + gridWidth + extraWidth + 24
            barTitle = ChartPoint(x: bx, y: grid.minY + TextMetrics.ascent * ls)
            bar = ChartRect(x: bx, y: grid.minY + ls + 8, width: Self.barThickness, height: min(max(grid.height - ls - 8, 80), 200))
            missingOrigin = ChartPoint(x: bx, y: bar.maxY + 16)
            bottom = max(grid.maxY, bar.maxY + 6 + (missingLines.isEmpty ? 0 : 10 + missingHeight))
        } else {
            barTitle = ChartPoint(x: m, y: grid.maxY + 16 + TextMetrics.ascent * ls)
            bar = ChartRect(x: m + barTitleWidth + 10, y: grid.maxY + 16, width: 160, height: 12)
            missingOrigin = missingBeside ? ChartPoint(x: bar.maxX + barLabelWidth / 2 + 24, y: grid.maxY + 14)
                : ChartPoint(x: m, y: bar.maxY + 6 + Self.barTickSize + 8)
            bottom = max(bar.maxY + 4 + Self.barTickSize, missingOrigin.y + missingHeight)
        }
        return Layout(width: docWidth, height: bottom + m + 4, grid: grid, cellWidth: cellWidth, rotated: rotated, rowTexts: rowTexts,
                      extraX: extraX, columnTitleBaseline: columnTitleBaseline, columnLabelBaseline: columnLabelBaseline,
                      bar: bar, barBeside: beside, barTitleOrigin: barTitle, missingOrigin: missingOrigin, missingLines: missingLines)
    }

    /// Draws the colour bar (high values at the top, or at the right when under the grid), its
    /// ticks and title, and the missing-cell legend.
    func drawColorBar(_ l: Layout, into doc: inout SVGDocument) {
        let barScale = ChartScale.linear(valueRange)
        let ticks = barScale.ticks(targetCount: 4)
        let labels = barScale.tickLabels(for: ticks)
        let bar = l.bar, size = Self.barTickSize
        doc.text(ChartText(colorBarTitle), at: l.barTitleOrigin, size: Self.labelSize, bold: true)
        doc.beginGroup([("aria-hidden", "true")])
        let steps = 48
        for k in 0..<steps {
            let color = ChartPalette.sequential((Double(k) + 0.5) / Double(steps))
            if l.barBeside {
                let h = bar.height / Double(steps)
                doc.rect(ChartRect(x: bar.minX, y: bar.maxY - Double(k + 1) * h, width: bar.width, height: h + 0.3), style: .filled(color))
            } else {
                let w = bar.width / Double(steps)
                doc.rect(ChartRect(x: bar.minX + Double(k) * w, y: bar.minY, width: w + 0.3, height: bar.height), style: .filled(color))
            }
        }
        doc.rect(bar, style: .stroked(ChartPalette.axis, width: 0.8))
        let axis = l.barBeside ? barScale.withRange(bar.maxY, bar.minY) : barScale.withRange(bar.minX, bar.maxX)
        for (v, label) in zip(ticks, labels) {
            let p = axis(v)
            if l.barBeside {
                doc.line(from: ChartPoint(x: bar.maxX, y: p), to: ChartPoint(x: bar.maxX + 4, y: p), style: .stroked(ChartPalette.axis, width: 1))
                doc.text(label, at: ChartPoint(x: bar.maxX + 7, y: p + 0.36 * size), size: size)
            } else {
                doc.line(from: ChartPoint(x: p, y: bar.maxY), to: ChartPoint(x: p, y: bar.maxY + 3), style: .stroked(ChartPalette.axis, width: 1))
                doc.text(label, at: ChartPoint(x: p, y: bar.maxY + 3 + TextMetrics.ascent * size), size: size, anchor: .middle)
            }
        }
        doc.endGroup()
        guard !l.missingLines.isEmpty else { return }
        let swatch = ChartRect(x: l.missingOrigin.x, y: l.missingOrigin.y, width: 14, height: 14)
        doc.hatchedBox(swatch, color: ChartPalette.unknown, dashed: true, spacing: 4)
        for (k, line) in l.missingLines.enumerated() {
            doc.text(line, at: ChartPoint(x: swatch.maxX + 6, y: swatch.minY + 11 + Double(k) * Self.labelSize * TextMetrics.lineSpacing), size: Self.labelSize)
        }
    }
}
