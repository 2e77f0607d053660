import ScreenCore
import ScreenNumerics
/// Weighted Sum Model: the score is the weighted sum of the normalised values,
/// `Σⱼ wⱼ rᵢⱼ` (Fishburn 1967; pymcdm `WSM`).
///
/// Why use it: the simplest compensatory model, and additive, so every criterion's share of a
/// score can be shown.
public struct WSM: AdditiveRankingMethod {
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

    /// `wⱼ rᵢⱼ`; each row sums to the alternative's score `Σⱼ wⱼ rᵢⱼ`.
    /// - Throws: the weights' and the normalisation's errors (`DecisionError`).
    /// - Complexity: O(m·n) for m alternatives and n criteria.
    public func terms(_ matrix: DecisionMatrix, weights: [Double]) throws -> [[Double]] {
        try Ranking.validateWeights(weights, for: matrix)
        return try normalization.normalize(matrix).map { row in zip(row, weights).map { $0 * $1 } }
    }
}
