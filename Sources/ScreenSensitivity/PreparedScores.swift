import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics
/// Scores of one fixed decision matrix under many weight vectors (weight sweeps, Sobol'
/// samples, rank-against-weight charts). For TOPSIS and WSM the matrix is normalised once and
/// each weight vector costs O(n·m) without allocating a matrix, with the operations of
/// `TOPSIS.scores` / `WSM.scores` in their order, so the scores are bit-identical; any other
/// method is called as it is.
public struct PreparedScores: Sendable {
    private let matrix: DecisionMatrix
    private let method: any RankingMethod
    /// The fused kernel standing in for the method, or nil to call the method.
    private let kernel: FusedKernel?
    /// Normalised values, column-major.
    private let columns: [Double]
    /// Per column its maximum and minimum, [max₀, min₀, max₁, …].
    private let bounds: [Double]

    /// Prepares `matrix` for scoring under `method`: normalises it once for WSM and TOPSIS.
    ///
    /// - Throws: the normalisation's `DecisionError` for a column it cannot normalise.
    /// - Complexity: O(n·m) for n alternatives and m criteria.
    public init(matrix: DecisionMatrix, method: any RankingMethod) throws {
        self.matrix = matrix
        self.method = method
        let fused = FusedKernel.of(method)
        kernel = fused?.kernel
        if let normalization = fused?.normalization, matrix.rowCount > 0 {
            let n = matrix.rowCount, m = matrix.columnCount
            columns = try FusedKernel.normalizedColumns(matrix, normalization)
            var b = [Double](repeating: 0, count: 2 * m)
            ScoreKernels.columnBounds(columns, n: n, m: m, into: &b)
            bounds = b
        } else {
            columns = []
            bounds = []
        }
    }

    /// The method's scores of the matrix under `weights`, bit-identical to `method.scores`.
    ///
    /// - Throws: `Ranking.validateWeights`'s error for weights of the wrong count or sign; the
    ///   method's own error (for TOPSIS, an alternative that is both ideal and anti-ideal).
    /// - Complexity: O(n·m) for WSM and TOPSIS, without allocating a matrix; the method's cost
    ///   otherwise.
    public func scores(_ weights: [Double]) throws -> [Double] {
        guard let kernel else { return try method.scores(matrix, weights: weights) }
        try Ranking.validateWeights(weights, for: matrix)
        guard matrix.rowCount > 0 else { return [] }
        var s = [Double](repeating: 0, count: matrix.rowCount)
        if kernel.scores(columns, bounds: bounds, n: matrix.rowCount, m: matrix.columnCount, weights: weights, into: &s) != nil {
            return try method.scores(matrix, weights: weights)   // throws TOPSIS's own error
        }
        return s
    }
}
