import Foundation
import ScreenCore
import ScreenNumerics

/// A two-sided desirability window (Derringer & Suich 1980) for "moderate is best"
/// criteria such as Na affinity: too weak a binding gives no nucleation sites, too strong
/// makes stripping hard (review, sections 1 and 4.3). Desirability is 1 inside the ideal
/// range, 0 outside the zero bounds, and falls linearly (or with `shape` as exponent) between.
///
/// One-sided windows (`atLeast`, `atMost`) are the saturating criteria: "more is better, up to a
/// point" — a band gap beyond a few eV adds no electronic insulation that matters, a shear modulus
/// beyond the dendrite-suppression threshold adds no safety that the model can claim. Full credit
/// at and beyond the full-credit point, none at and beyond the zero point, a ramp between; the open
/// side's bounds are infinite.
public struct DesirabilityWindow: Sendable, Equatable {
    /// At and below this value the desirability is 0 (−∞ for an `atMost` window).
    public let zeroLow: Double
    /// From this value to `idealHigh` the desirability is 1 (−∞ for an `atMost` window).
    public let idealLow: Double
    /// Upper end of the ideal range (+∞ for an `atLeast` window).
    public let idealHigh: Double
    /// At and above this value the desirability is 0 (+∞ for an `atLeast` window).
    public let zeroHigh: Double
    /// Exponent of the ramps: 1 linear, > 1 stricter, < 1 more lenient.
    public let shape: Double

    /// A window zeroLow ≤ idealLow ≤ idealHigh ≤ zeroHigh (zeroLow < zeroHigh); one side may be
    /// open (both of its bounds infinite), never both.
    ///
    /// - Throws: `DecisionError.parameter` when the window is empty or the bounds are out of order.
    public init(zeroLow: Double, idealLow: Double, idealHigh: Double, zeroHigh: Double, shape: Double = 1) throws {
        // Finite bounds, except a whole open side (−∞, −∞ below or +∞, +∞ above; not both).
        let openBelow = zeroLow == -.infinity && idealLow == -.infinity
        let openAbove = idealHigh == .infinity && zeroHigh == .infinity
        guard !(openBelow && openAbove), shape.isFinite,
              openBelow || (zeroLow.isFinite && idealLow.isFinite), openAbove || (idealHigh.isFinite && zeroHigh.isFinite) else {
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

    /// Saturating "at least": 0 at and below `zero`, 1 at and above `full`, a ramp between.
    /// - Throws: `DecisionError.parameter` unless `zero < full`, both finite (never reordered).
    public static func atLeast(zero: Double, full: Double, shape: Double = 1) throws -> DesirabilityWindow {
        guard zero.isFinite, full.isFinite, zero < full else {
            throw DecisionError.parameter("at_least needs zero < full (zero \(formatForDisplay(zero)), full \(formatForDisplay(full)))")
        }
        return try DesirabilityWindow(zeroLow: zero, idealLow: full, idealHigh: .infinity, zeroHigh: .infinity, shape: shape)
    }

    /// Saturating "at most": 1 at and below `full`, 0 at and above `zero`, a ramp between.
    /// - Throws: `DecisionError.parameter` unless `full < zero`, both finite (never reordered).
    public static func atMost(full: Double, zero: Double, shape: Double = 1) throws -> DesirabilityWindow {
        guard zero.isFinite, full.isFinite, full < zero else {
            throw DecisionError.parameter("at_most needs full < zero (full \(formatForDisplay(full)), zero \(formatForDisplay(zero)))")
        }
        return try DesirabilityWindow(zeroLow: -.infinity, idealLow: -.infinity, idealHigh: full, zeroHigh: zero, shape: shape)
    }

    /// Which kind of window this is.
    public enum Kind: Sendable { case twoSided, atLeast, atMost }
    /// `atLeast` when the upper side is open, `atMost` when the lower side is, else `twoSided`.
    public var kind: Kind {
        if zeroHigh == .infinity { return .atLeast }
        if zeroLow == -.infinity { return .atMost }
        return .twoSided
    }

    /// A value with no desirability at all (what the `worst` fill uses): below the lower zero
    /// bound, or above the upper one for an `atMost` window.
    public var worstValue: Double { zeroLow.isFinite ? zeroLow - 1 : zeroHigh + 1 }

    /// The desirability of `x`, in [0, 1]: 1 in the ideal range (bounds included), 0 at and
    /// beyond a zero bound, `d^shape` on a ramp where d is the linear fraction of the way from
    /// the zero bound to the ideal range. A NaN `x` gives NaN (callers never pass one).
    /// - Complexity: O(1).
    public func desirability(_ x: Double) -> Double {
        if x >= idealLow && x <= idealHigh { return 1 }
        if x <= zeroLow || x >= zeroHigh { return 0 }
        let d = x < idealLow ? (x - zeroLow) / (idealLow - zeroLow) : (zeroHigh - x) / (zeroHigh - idealHigh)
        return shape == 1 ? d : Foundation.pow(d, shape)
    }
}
