import ScreenCore
import ScreenNumerics
/// Multi-Objective Optimization on the basis of Ratio Analysis, ratio system (Brauers &
/// Zavadskas 2006; pymcdm `MOORA`): values divided by their column's Euclidean norm,
/// weighted, benefit criteria added and cost criteria subtracted,
/// `yᵢ = Σ_benefit wⱼ rᵢⱼ − Σ_cost wⱼ rᵢⱼ`.
///
/// Why: the vector ratio keeps every criterion dimensionless without choosing a best or
/// worst reference value, and the score is additive.
public struct MOORA: AdditiveRankingMethod {
    /// The method's name in profiles and on the command line.
    public static let name = "moora"
    /// The ratio-system score: higher is better.
    public static let higherIsBetter = true
    /// pymcdm's MOORA takes no normalisation parameter; it always uses `x/‖x‖` without a
    /// cost variant (the sign handles cost criteria).
    public var normalization: Normalization { .none }

    /// MOORA has no parameters.
    public init() {}

    /// `±wⱼ rᵢⱼ` (negative for cost criteria); each row sums to the ratio-system score `yᵢ`
    /// (negative when costs dominate). pymcdm refuses a matrix with only benefit criteria;
    /// nothing in the ratio system needs a cost criterion, so it is accepted here.
    /// - Throws: `DecisionError.invalidColumn` for an all-zero column (zero norm), or the
    ///   weights' errors.
    /// - Complexity: O(m·n) for m alternatives and n criteria.
    public func terms(_ matrix: DecisionMatrix, weights: [Double]) throws -> [[Double]] {
        try Ranking.validateWeights(weights, for: matrix)
        let norms = try (0..<matrix.columnCount).map { j in
            let norm = matrix.column(j).reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else {
                throw DecisionError.invalidColumn(criterion: matrix.criteria[j], reason: "moora divides by the column's norm, and every value is zero")
            }
            return norm
        }
        return matrix.values.map { row in
            (0..<row.count).map { j in matrix.types[j].sign * (row[j] / norms[j] * weights[j]) }
        }
    }
}
