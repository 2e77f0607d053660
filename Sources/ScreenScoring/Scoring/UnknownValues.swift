import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics
/// How a profile criterion with `missing: unknown` scores a candidate without a value.
///
/// An unknown value is a range of plausible values, not a number: the profile's `plausible:`
/// range (with its basis) when it states one, else the range of the values observed among the
/// candidates being ranked (when they differ), else the range of the property over the whole
/// database. A censored measurement of the candidate ("< 15 mV", "≥ 2 eV") cuts the range at
/// its bound. The single ranking takes the end of the range that scores worst — so an unknown
/// value never scores better than a measured one, and a criterion whose measured values are all
/// alike still separates them from the unknowns when the range is wider —; SMAA samples the range
/// uniformly (`CriterionValue.Spread.uniform`), so the uncertainty analysis shows what the
/// unknowns could do to the ranking.
enum UnknownValues {
    /// A plausible range and where it comes from, in words.
    struct Range: Equatable {
        let low: Double
        let high: Double
        let origin: String
    }

    /// The range for `criterion`: its plausible range (widened to cover `observed`), else
    /// `observed` (the values of the candidates in the ranking) when they differ, else `database()`
    /// (the property's range over the database, asked only when needed); nil when none has two
    /// different values.
    static func range(_ criterion: Criterion, observed: [Double], database: () throws -> (low: Double, high: Double, count: Int)?) rethrows -> Range? {
        if let p = criterion.plausible {
            // Widened to the values observed, so that an unknown never scores better than a measurement.
            let low = min(p.low, observed.min() ?? p.low), high = max(p.high, observed.max() ?? p.high)
            let widened = low < p.low || high > p.high ? ", widened to the observed \(formatForDisplay(low))–\(formatForDisplay(high))" : ""
            return Range(low: low, high: high, origin: "the profile's plausible range (\(p.basis))\(widened)")
        }
        if let lo = observed.min(), let hi = observed.max(), lo < hi {
            return Range(low: lo, high: hi, origin: "the range of the \(observed.count) values in this ranking")
        }
        if let d = try database(), d.low < d.high {
            return Range(low: d.low, high: d.high, origin: "the range of the database's \(d.count) values of \(criterion.source.name)")
        }
        return nil
    }

    /// A censored measurement: the value lies below (`isUpper`) or above the bound.
    struct Bound: Equatable {
        let value: Double
        let isUpper: Bool
        let source: String
    }

    /// The unknown value of one candidate: the worst end of `range` (cut at `bound` when the
    /// candidate has a censored measurement), with the range as its SMAA spread.
    public static func value(_ criterion: Criterion, range: Range, bound: Bound? = nil) -> CriterionValue {
        var low = range.low, high = range.high
        var origin = range.origin
        if let b = bound {
            if b.isUpper { high = min(high, b.value); low = min(low, high) } else { low = max(low, b.value); high = max(high, low) }
            origin += "; cut at the measured bound \(b.isUpper ? "<" : ">") \(formatForDisplay(b.value)) (\(b.source))"
        }
        let worst = worstEnd(criterion, low: low, high: high)
        return CriterionValue(raw: worst, provenance: .unknown(low: low, high: high, origin: origin),
                              spread: high > low ? .uniform(low: low, high: high) : .fixed)
    }

    /// The point of [low, high] whose matrix value is worst for the criterion: an end of the range
    /// (every transform and desirability window is monotone or single-peaked over it), or 0 for an
    /// `abs` transform whose range straddles 0.
    static func worstEnd(_ criterion: Criterion, low: Double, high: Double) -> Double {
        var points = [low, high]
        if criterion.transform == .abs, low < 0, high > 0 { points.append(0) }
        let scored = points.compactMap { x in criterion.matrixValue(x).map { (x, $0) } }
        guard let first = scored.first else { return low }
        let higherIsBetter = criterion.criterionType == .max
        return scored.dropFirst().reduce(first) { best, next in
            (higherIsBetter ? next.1 < best.1 : next.1 > best.1) ? next : best
        }.0
    }
}
