import ScreenCore
import ScreenNumerics
/// Weighted Sum Model: the score is the weighted sum of the normalised values,
/// `Σⱼ wⱼ rᵢⱼ` (Fishburn 1967; pymcdm `WSM`).
///
/// Why use it: the simplest compensatory model, and additive, so every criterion's share of a
/// score can be shown.
public struct WSM: RankingMethod {
    /// The method's name in profiles and on the command line.
    public static let name = "wsm"
    /// The weighted sum: higher is better.
    public static let higherIsBetter = true
    /// pymcdm's default is sum normalisation.
    public let normalization: Normalization

    /// WSM with sum normalisation (pymcdm's default) unless told otherwise.
    public init(normalization: Normalization = .sum) {
        self.normalization = normalization
    }

    /// `Σⱼ wⱼ rᵢⱼ` per alternative, in row order.
    /// - Throws: the weights' and the normalisation's errors (`DecisionError`).
    /// - Complexity: O(m·n) for m alternatives and n criteria.
    public func scores(_ matrix: DecisionMatrix, weights: [Double]) throws -> [Double] {
        try weightedValues(matrix, weights: weights).map { $0.reduce(0, +) }
    }

    /// `wⱼ rᵢⱼ`; each row sums to the alternative's score.
    /// - Complexity: O(m·n).
    public func contributions(_ matrix: DecisionMatrix, weights: [Double]) throws -> [[Double]]? {
        try weightedValues(matrix, weights: weights)
    }

    private func weightedValues(_ matrix: DecisionMatrix, weights: [Double]) throws -> [[Double]] {
        try Ranking.validateWeights(weights, for: matrix)
        return try normalization.normalize(matrix).map { row in zip(row, weights).map { $0 * $1 } }
    }
}
