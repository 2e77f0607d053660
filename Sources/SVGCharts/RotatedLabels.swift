import Foundation

/// Column labels over a grid, set at an angle so that long labels need no cutting: 45°, or
/// 60° or 90° when at 45° they would reach past the room given (a chart laid out for a phone).
///
/// Each label starts just right of its anchor (a column's centre) at the grid's top edge and
/// rises to the right. Shared by the coverage map and the heat map.
///
/// - Complexity: O(n) in the number of labels.
struct RotatedLabels {
    /// Degrees from the horizontal (the text is drawn at −angle).
    let angle: Double
    /// The right-most x any label reaches.
    let reach: Double
    /// Height above the grid the labels take, in px.
    let height: Double
    let fontSize: Double

    /// Picks the shallowest angle at which every label stays left of `limit`.
    ///
    /// - Parameters:
    ///   - anchors: x of each label's column centre.
    ///   - widths: each label's text width at `fontSize` (bold widths for bold labels).
    init(anchors: [Double], widths: [Double], fontSize: Double, within limit: Double) {
        func reach(_ degrees: Double) -> Double {
            let cosine = cos(degrees * Double.pi / 180)
            return zip(anchors, widths).map { $0 + 0.3 * fontSize + $1 * cosine + fontSize * 0.5 }.max() ?? 0
        }
        angle = [45.0, 60.0].first { reach($0) <= limit } ?? 90
        self.reach = reach(angle)
        height = (widths.max() ?? 0) * sin(angle * Double.pi / 180) + fontSize + 6
        self.fontSize = fontSize
    }

    /// Draws `text` for the column centred at `anchor`, its baseline starting 6 px above `top`.
    func draw(_ text: ChartText, anchor: Double, top: Double, bold: Bool = false, into doc: inout SVGDocument) {
        doc.text(text, at: ChartPoint(x: anchor + 0.3 * fontSize, y: top - 6), size: fontSize, bold: bold, rotation: -angle)
    }
}
