import Foundation

/// A legend, with optional short lines under it (a fit's n and R²), placed beside the plot
/// when the chart is wide enough and below it otherwise.
///
/// Why: beside a plot a legend costs width; in a chart laid out for a phone (about 380 px)
/// it would leave the plot a sliver, so there it flows in rows under the x axis instead.
/// Scatter charts and regression panels share this rule, so both reflow the same way.
///
/// - Complexity: O(n) in the total length of the labels.
struct PlacedLegend {
    let legend: ChartLegend
    /// Lines under the legend (not wrapped: they may carry superscripts).
    let lines: [ChartText]
    let lineSize: Double
    /// Whether the legend sits right of the plot (else below the x axis).
    let beside: Bool
    /// Widest the legend block may be.
    let maxWidth: Double

    /// Charts at least this wide keep their legend beside the plot.
    static let besideFromWidth = 560.0

    init(_ legend: ChartLegend, lines: [ChartText] = [], lineSize: Double = 11, chartWidth: Double) {
        self.legend = legend
        self.lines = lines
        self.lineSize = lineSize
        beside = chartWidth >= Self.besideFromWidth
        maxWidth = beside ? chartWidth * 0.3 : chartWidth - 2 * ChartLayout.margin
    }

    private var isEmpty: Bool { legend.entries.isEmpty && lines.isEmpty }
    private var lineStep: Double { lineSize * 1.45 }

    private var legendSize: (width: Double, height: Double) {
        beside ? legend.verticalSize(maxWidth: maxWidth) : legend.flowSize(maxWidth: maxWidth)
    }

    /// The block's size: the legend, then the lines.
    var size: (width: Double, height: Double) {
        let l = legendSize
        let linesWidth = lines.map { $0.width(fontSize: lineSize) }.max() ?? 0
        let linesHeight = lines.isEmpty ? 0 : 14 + Double(lines.count) * lineStep - (l.height == 0 ? 14 : 0)
        return (max(l.width, linesWidth), l.height + linesHeight)
    }

    /// Width to keep free right of the plot.
    var reservedRight: Double { beside && !isEmpty ? size.width + 20 : 0 }
    /// Height to keep free under the x axis.
    var reservedBelow: Double { !beside && !isEmpty ? size.height + 8 : 0 }

    /// Draws the block: beside the plot with its top-left corner at `besideOrigin`, or below it
    /// at `belowOrigin`.
    func draw(into doc: inout SVGDocument, besideOrigin: ChartPoint, belowOrigin: ChartPoint) {
        guard !isEmpty else { return }
        let origin = beside ? besideOrigin : ChartPoint(x: belowOrigin.x, y: belowOrigin.y + 8)
        if beside {
            legend.drawVertical(into: &doc, at: origin, maxWidth: maxWidth)
        } else {
            legend.drawFlow(into: &doc, at: origin, maxWidth: maxWidth)
        }
        let l = legendSize
        for (k, text) in lines.enumerated() {
            let top = origin.y + l.height + (l.height == 0 ? 0 : 14)
            doc.text(text, at: ChartPoint(x: origin.x, y: top + Double(k) * lineStep + TextMetrics.ascent * lineSize),
                     size: lineSize, fill: ChartPalette.ink)
        }
    }
}
