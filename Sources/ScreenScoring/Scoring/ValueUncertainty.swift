import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics
/// Samples of a screening's decision matrix that reflect the data's uncertainty: a
/// measurement's ± as a normal (± read as one standard deviation), a stated range as a
/// uniform, several measurements as an equally likely choice among them, an imputed value's
/// prediction standard error as a normal. Values without stated uncertainty stay fixed. Each
/// sampled value passes through the criterion's transform or desirability, so the samples are
/// matrices the ranking methods read directly.
public enum ValueUncertainty {
    /// True when at least one cell of the matrix is uncertain.
    public static func isUncertain(_ result: ScreeningResult) -> Bool {
        result.rows.contains { $0.values.contains { $0.spread != .fixed } }
    }

    /// `count` matrices `[sample][alternative][criterion]` in the order of `result.matrix`.
    /// A draw outside the property's physical bounds, or where the transform is undefined, is
    /// drawn again (up to 100 times, then the combined value is used).
    /// - Complexity: O(count · n · m) time and memory.
    public static func samples(_ result: ScreeningResult, count: Int, seed: UInt64) -> [[[Double]]] {
        let rng = RandomGenerator(seed: seed)
        let rows = orderedRows(result)
        let bounds = physicalBounds(result)
        return (0..<count).map { _ in
            rows.map { row in
                result.criteria.indices.map { j in
                    row.values[j].spread == .fixed ? row.matrixValues[j]
                        : draw(row, j, criterion: result.criteria[j], bounds: bounds[j], rng: rng)
                }
            }
        }
    }

    /// The rows in the order of `result.matrix`.
    public static func orderedRows(_ result: ScreeningResult) -> [ScreeningResult.Row] {
        let rowOf = Dictionary(uniqueKeysWithValues: result.rows.map { ($0.candidate.id, $0) })
        // The matrix's alternatives are the ids of `result.rows`, one each.
        return result.matrix.alternatives.map { rowOf[$0]! }
    }

    /// Each criterion's physical bounds (performance columns are non-negative).
    public static func physicalBounds(_ result: ScreeningResult) -> [ClosedRange<Double>?] {
        result.criteria.map { c -> ClosedRange<Double>? in
            if case .property(let p) = c.source { return PropertyCatalogue.property(named: p)?.bounds }
            return 0...Double.greatestFiniteMagnitude
        }
    }

    /// One draw of an uncertain cell, as a matrix value: redrawn while outside `bounds` or
    /// where the transform is undefined, up to 100 times, then the combined value.
    static func draw(_ row: ScreeningResult.Row, _ j: Int, criterion: Criterion, bounds: ClosedRange<Double>?,
                     rng: RandomGenerator) -> Double {
        draw(row.values[j].raw, row.values[j].spread, fallback: row.matrixValues[j], criterion: criterion, bounds: bounds, rng: rng)
    }

    /// The same draw from the cell's parts: its combined value `raw`, its `spread`, and the matrix
    /// value used when no draw is accepted (`fallback`). For loops over millions of draws, which
    /// should not copy a whole row per draw.
    @inline(__always)
    public static func draw(_ raw: Double, _ spread: CriterionValue.Spread, fallback: Double, criterion: Criterion,
                     bounds: ClosedRange<Double>?, rng: RandomGenerator) -> Double {
        draw(raw, spread, fallback: fallback, scale: criterion.matrixScale, bounds: bounds, rng: rng)
    }

    /// The same draw with the criterion's `matrixScale` (what the draw reads of the criterion), for
    /// loops that should not copy a criterion per draw.
    @inline(__always)
    public static func draw(_ raw: Double, _ spread: CriterionValue.Spread, fallback: Double, scale: Criterion.MatrixScale,
                     bounds: ClosedRange<Double>?, rng: RandomGenerator) -> Double {
        for _ in 0..<100 {
            let x: Double
            switch spread {
            case .fixed: return fallback
            case .normal(let sd): x = raw + rng.gaussian(sigma: sd)
            case .uniform(let lo, let hi): x = lo + (hi - lo) * rng.uniform()
            case .empirical(let values): x = values[min(values.count - 1, Int(rng.uniform() * Double(values.count)))]
            }
            if let b = bounds, !b.contains(x) { continue }
            if let m = scale.value(x) { return m }
        }
        return fallback
    }
}
