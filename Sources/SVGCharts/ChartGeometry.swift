import Foundation

// The geometry the charts lay out with: points, rectangles and text anchors, in SVG user units
// (px, y growing downwards). Plain values, so that a chart's layout can be computed, tested and
// compared without drawing anything.

/// A point in SVG user units (px; y grows downwards).
public struct ChartPoint: Sendable, Hashable {
    /// Distance from the left edge of the document.
    public var x: Double
    /// Distance from the top edge of the document.
    public var y: Double
    /// A point at (`x`, `y`); any values are accepted (layout code keeps them finite).
    public init(x: Double, y: Double) { (self.x, self.y) = (x, y) }
}

/// An axis-aligned rectangle in SVG user units (px; y grows downwards).
///
/// Used for plot areas, label boxes and collision tests. A negative width or height is kept as
/// given (drawing clamps it to 0); all queries are O(1).
public struct ChartRect: Sendable, Hashable {
    /// The top-left corner.
    public var x: Double, y: Double
    /// The size (not clamped: see above).
    public var width: Double, height: Double

    /// A rectangle with its top-left corner at (`x`, `y`).
    public init(x: Double, y: Double, width: Double, height: Double) {
        (self.x, self.y, self.width, self.height) = (x, y, width, height)
    }

    /// Left, right, top and bottom edges, and the centre.
    public var minX: Double { x }
    /// The right edge, `x + width` (left of `minX` when the width is negative).
    public var maxX: Double { x + width }
    /// The top edge (y grows downwards).
    public var minY: Double { y }
    /// The bottom edge, `y + height`.
    public var maxY: Double { y + height }
    /// The horizontal centre.
    public var midX: Double { x + width / 2 }
    /// The vertical centre.
    public var midY: Double { y + height / 2 }

    /// Whether the two rectangles share interior area (touching edges do not count).
    public func intersects(_ other: ChartRect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    /// Whether `other` lies entirely inside this rectangle (edges included).
    public func contains(_ other: ChartRect) -> Bool {
        other.minX >= minX - 1e-9 && other.maxX <= maxX + 1e-9
            && other.minY >= minY - 1e-9 && other.maxY <= maxY + 1e-9
    }

    /// Whether `point` lies inside the rectangle or on its edge.
    public func contains(_ point: ChartPoint) -> Bool {
        point.x >= minX && point.x <= maxX && point.y >= minY && point.y <= maxY
    }

    /// The rectangle grown by `amount` on every side (shrunk when negative).
    public func outset(_ amount: Double) -> ChartRect {
        ChartRect(x: x - amount, y: y - amount, width: width + 2 * amount, height: height + 2 * amount)
    }

    /// The point of the rectangle nearest to `point` (the point itself when inside).
    public func nearestPoint(to point: ChartPoint) -> ChartPoint {
        ChartPoint(x: min(max(point.x, minX), maxX), y: min(max(point.y, minY), maxY))
    }
}

/// Horizontal alignment of a text relative to its anchor point (SVG `text-anchor`).
public enum TextAnchor: String, Sendable {
    /// `start`: the text begins at the anchor; `middle`: it is centred on it; `end`: it ends at
    /// it (left-to-right text). The raw values are SVG's.
    case start, middle, end
}
