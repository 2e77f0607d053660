import ScreenCore
import ScreenNumerics
/// Evaluation based on Distance from Average Solution (Keshavarz Ghorabaee et al. 2015;
/// pymcdm `EDAS`).
///
/// With `AVⱼ` the column mean, the positive and negative distances from the average,
/// `PDAᵢⱼ = max(0, ±(xᵢⱼ − AVⱼ)/AVⱼ)` and `NDAᵢⱼ = max(0, ∓(xᵢⱼ − AVⱼ)/AVⱼ)` (signs by
/// criterion type), are weighted and summed to `SPᵢ`, `SNᵢ`; the appraisal score is
/// `(SPᵢ/max SP + 1 − SNᵢ/max SN)/2`, in [0, 1].
///
/// Why: distances from the average rather than from extremes make it less sensitive to a
/// single outlying candidate.
public struct EDAS: RankingMethod {
    /// The method's name in profiles and on the command line.
    public static let name = "edas"
    /// The appraisal score: higher is better.
    public static let higherIsBetter = true
    /// pymcdm's EDAS takes no normalisation: distances are relative to the mean.
    public var normalization: Normalization { .none }

    /// EDAS has no parameters.
    public init() {}

    /// The appraisal score per alternative, in [0, 1], in row order.
    ///
    /// - Throws: `DecisionError.invalidColumn` when a column mean is ≤ 0 (pymcdm divides by
    ///   it regardless; a zero mean divides by zero and a negative one swaps "above" and
    ///   "below" average), `DecisionError.weights` when no weighted criterion separates the
    ///   alternatives (max SP or max SN is zero).
    /// - Complexity: O(m·n) for m alternatives and n criteria.
    public func scores(_ matrix: DecisionMatrix, weights: [Double]) throws -> [Double] {
        try Ranking.validateWeights(weights, for: matrix)
        let m = matrix.rowCount
        var sp = [Double](repeating: 0, count: m), sn = [Double](repeating: 0, count: m)
        for j in 0..<matrix.columnCount {
            let column = matrix.column(j)
            let mean = column.reduce(0, +) / Double(m)
            guard mean > 0 else {
                throw DecisionError.invalidColumn(criterion: matrix.criteria[j], reason: "edas measures distances relative to the column mean, which must be > 0 (it is \(mean))")
            }
            for i in 0..<m {
                let above = (column[i] - mean) / mean, below = (mean - column[i]) / mean
                let (positive, negative) = matrix.types[j] == .max ? (above, below) : (below, above)
                sp[i] += weights[j] * Swift.max(positive, 0)
                sn[i] += weights[j] * Swift.max(negative, 0)
            }
        }
        // `sp` and `sn` have one entry per alternative, and a DecisionMatrix has at least one.
        let spMax = sp.max()!, snMax = sn.max()!
        guard spMax > 0, snMax > 0 else {
            throw DecisionError.weights("edas: every alternative is at the average on every weighted criterion, so SP/max SP and SN/max SN are 0/0")
        }
        return zip(sp, sn).map { (($0 / spMax) + (1 - $1 / snMax)) / 2 }
    }
}
