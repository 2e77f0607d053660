import ScreenCore
import ScreenNumerics
/// Weighted Aggregated Sum Product Assessment: `λ·WSM + (1 − λ)·WPM` on the same normalised
/// matrix (Zavadskas et al. 2012; pymcdm `WASPAS`).
///
/// Why use it: λ moves between full compensation (λ = 1) and the product's penalty on weak
/// criteria (λ = 0).
public struct WASPAS: RankingMethod {
    /// The method's name in profiles and on the command line.
    public static let name = "waspas"
    /// The joint criterion: higher is better.
    public static let higherIsBetter = true
    /// pymcdm's default is linear normalisation.
    public let normalization: Normalization
    /// Share of the weighted sum, in [0, 1]; pymcdm's default (its `l`) is 0.5.
    public let lambda: Double

    /// WASPAS with linear normalisation and λ = 0.5 (pymcdm's defaults) unless told otherwise.
    /// - Throws: `DecisionError.parameter` when `lambda` is outside [0, 1].
    public init(normalization: Normalization = .linear, lambda: Double = 0.5) throws {
        try DecisionError.requireUnitInterval(lambda, "waspas: lambda")
        self.normalization = normalization
        self.lambda = lambda
    }

    /// `λ·Σⱼ wⱼrᵢⱼ + (1 − λ)·Πⱼ rᵢⱼ^wⱼ` per alternative, in row order.
    ///
    /// - Throws: as WPM when λ < 1 and the normalisation gives a negative value. With λ = 1
    ///   the product is not computed (pymcdm would return NaN from `0 · NaN`).
    /// - Complexity: O(m·n) for m alternatives and n criteria.
    public func scores(_ matrix: DecisionMatrix, weights: [Double]) throws -> [Double] {
        try Ranking.validateWeights(weights, for: matrix)
        let rows = try normalization.normalize(matrix)
        let sums = rows.map { zip($0, weights).reduce(0) { $0 + $1.0 * $1.1 } }
        guard lambda < 1 else { return sums }
        let products = try WPM.products(rows, weights: weights, matrix: matrix, normalization: normalization)
        return zip(sums, products).map { lambda * $0 + (1 - lambda) * $1 }
    }
}
