/// A vertical line across a chart's plot at `value` on its horizontal axis, labelled above the
/// plot: a line chart's markers (e.g. rank reversals along a weight) and an interval chart's
/// reference lines (e.g. 0 V, sodium metal). Each chart draws it in its own style; a marker
/// outside the axis domain is not drawn (a finite one on an interval chart always is: that
/// axis covers it).
public struct ChartMarker: Sendable, Hashable {
    /// Where the line is, in the horizontal axis's data units.
    public var value: Double
    /// The text above the plot: cut with `…` beyond 220 px on a line chart; bold and centred
    /// on the line, kept inside the chart, on an interval chart.
    public var label: String

    /// A marker line at `value` labelled `label`.
    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}
