import ScreenCore
import ScreenNumerics
/// Technique for Order of Preference by Similarity to Ideal Solution (Hwang & Yoon 1981;
/// pymcdm `TOPSIS`): the relative closeness `D⁻/(D⁺ + D⁻)` of each alternative, where `D⁺` and
/// `D⁻` are Euclidean distances of its weighted normalised row from the best and worst
/// value of every column.
///
/// Because the normalisations orient cost criteria (best = largest), the ideal is the column
/// maximum for every criterion, as in pymcdm.
public struct TOPSIS: RankingMethod {
    /// The method's name in profiles and on the command line.
    public static let name = "topsis"
    /// The relative closeness: higher is better.
    public static let higherIsBetter = true
    /// pymcdm's default is min–max normalisation. `.vector` gives the textbook TOPSIS and
    /// scikit-criteria's (with its `VectorScaler`).
    public let normalization: Normalization

    /// TOPSIS with min–max normalisation (pymcdm's default) unless told otherwise.
    public init(normalization: Normalization = .minmax) {
        self.normalization = normalization
    }

    /// The relative closeness `D⁻/(D⁺ + D⁻)` per alternative, in [0, 1], in row order.
    ///
    /// - Throws: `DecisionError.invalidColumn` (besides the normalisation's errors) when every
    ///   alternative coincides with both the ideal and the anti-ideal, so `D⁺ + D⁻ = 0`.
    /// - Complexity: O(m·n) for m alternatives and n criteria.
    public func scores(_ matrix: DecisionMatrix, weights: [Double]) throws -> [Double] {
        try Ranking.validateWeights(weights, for: matrix)
        let weighted = try normalization.normalize(matrix).map { zip($0, weights).map { $0 * $1 } }
        let n = matrix.columnCount
        // Each column has one value per alternative, and a DecisionMatrix has at least one.
        let ideal = (0..<n).map { j in weighted.map { $0[j] }.max()! }
        let antiIdeal = (0..<n).map { j in weighted.map { $0[j] }.min()! }
        return try weighted.enumerated().map { i, row in
            let toIdeal = zip(row, ideal).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            let toAntiIdeal = zip(row, antiIdeal).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            guard toIdeal + toAntiIdeal > 0 else {
                throw DecisionError.invalidColumn(
                    criterion: matrix.criteria.joined(separator: ", "),
                    reason: "topsis: \(matrix.alternatives[i]) is both the ideal and the anti-ideal (no weighted criterion separates the alternatives), so its closeness 0/0 is undefined")
            }
            return toAntiIdeal / (toIdeal + toAntiIdeal)
        }
    }
}
