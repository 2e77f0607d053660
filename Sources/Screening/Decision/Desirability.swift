import Foundation

/// A two-sided desirability window (Derringer & Suich 1980) for "moderate is best"
/// criteria such as Na affinity: too weak a binding gives no nucleation sites, too strong
/// makes stripping hard (review, sections 1 and 4.3). Desirability is 1 inside the ideal
/// range, 0 outside the zero bounds, and falls linearly (or with `shape` as exponent) between.
public struct DesirabilityWindow: Sendable, Equatable {
    public let zeroLow: Double
    public let idealLow: Double
    public let idealHigh: Double
    public let zeroHigh: Double
    /// Exponent of the ramps: 1 linear, > 1 stricter, < 1 more lenient.
    public let shape: Double

    /// - Throws: `DecisionError.parameter` when the window is empty or the bounds are out of order.
    public init(zeroLow: Double, idealLow: Double, idealHigh: Double, zeroHigh: Double, shape: Double = 1) throws {
        guard [zeroLow, idealLow, idealHigh, zeroHigh, shape].allSatisfy(\.isFinite) else {
            throw DecisionError.parameter("desirability window bounds must be finite numbers")
        }
        guard idealLow <= idealHigh else {
            throw DecisionError.parameter("empty ideal range: \(formatForDisplay(idealLow)) is above \(formatForDisplay(idealHigh))")
        }
        guard zeroLow < idealLow || zeroLow == idealLow, idealHigh < zeroHigh || idealHigh == zeroHigh, zeroLow < zeroHigh else {
            throw DecisionError.parameter("the zero-desirability bounds \(formatForDisplay(zeroLow)) … \(formatForDisplay(zeroHigh)) must enclose the ideal range \(formatForDisplay(idealLow)) … \(formatForDisplay(idealHigh))")
        }
        guard shape > 0 else { throw DecisionError.parameter("desirability shape must be > 0") }
        self.zeroLow = zeroLow
        self.idealLow = idealLow
        self.idealHigh = idealHigh
        self.zeroHigh = zeroHigh
        self.shape = shape
    }

    public func desirability(_ x: Double) -> Double {
        if x >= idealLow && x <= idealHigh { return 1 }
        if x <= zeroLow || x >= zeroHigh { return 0 }
        let d = x < idealLow ? (x - zeroLow) / (idealLow - zeroLow) : (zeroHigh - x) / (zeroHigh - idealHigh)
        return shape == 1 ? d : Foundation.pow(d, shape)
    }
}
