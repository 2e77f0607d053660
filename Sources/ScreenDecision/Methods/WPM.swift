import Foundation
import ScreenCore
import ScreenNumerics

/// Weighted Product Model: the score is the product of the normalised values raised to the
/// weights, `Πⱼ rᵢⱼ^wⱼ` (Fishburn 1967; pymcdm `WPM`).
///
/// Why use it: a poor value on one criterion is hard to compensate, unlike in WSM.
public struct WPM: RankingMethod {
    /// The method's name in profiles and on the command line.
    public static let name = "wpm"
    /// The weighted product: higher is better.
    public static let higherIsBetter = true
    /// pymcdm's default is sum normalisation.
    public let normalization: Normalization

    /// WPM with sum normalisation (pymcdm's default) unless told otherwise.
    public init(normalization: Normalization = .sum) {
        self.normalization = normalization
    }

    /// `Πⱼ rᵢⱼ^wⱼ` per alternative, in row order (0 when a value with a positive weight normalises to 0).
    ///
    /// - Throws: `DecisionError.invalidColumn` when the normalisation gives a negative value
    ///   (a fractional power of it is undefined; pymcdm returns NaN), besides the
    ///   normalisation's own errors.
    /// - Complexity: O(m·n) for m alternatives and n criteria.
    public func scores(_ matrix: DecisionMatrix, weights: [Double]) throws -> [Double] {
        try Ranking.validateWeights(weights, for: matrix)
        let rows = try normalization.normalize(matrix)
        return try Self.products(rows, weights: weights, matrix: matrix, normalization: normalization)
    }

    /// `Πⱼ rᵢⱼ^wⱼ` for normalised rows, shared with WASPAS. `0⁰` is 1, as in numpy.
    static func products(_ rows: [[Double]], weights: [Double], matrix: DecisionMatrix, normalization: Normalization) throws -> [Double] {
        for row in rows {
            for (j, r) in row.enumerated() where r < 0 {
                throw DecisionError.invalidColumn(
                    criterion: matrix.criteria[j],
                    reason: "\(normalization.rawValue) normalisation gives a negative value (\(r)); a weighted product raises values to fractional powers and needs them ≥ 0")
            }
        }
        return rows.map { row in zip(row, weights).reduce(1) { $0 * pow($1.0, $1.1) } }
    }
}
