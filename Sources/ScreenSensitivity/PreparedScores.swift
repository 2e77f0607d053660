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
    private enum Kind { case topsis, wsm, method }
    private let kind: Kind
    private let matrix: DecisionMatrix
    private let method: any RankingMethod
    /// Normalised values, column-major.
    private let columns: [Double]
    /// Per column its maximum and minimum, [max₀, min₀, max₁, …].
    private let bounds: [Double]

    public init(matrix: DecisionMatrix, method: any RankingMethod) throws {
        self.matrix = matrix
        self.method = method
        let normalization: Normalization?
        if let t = method as? TOPSIS { kind = .topsis; normalization = t.normalization }
        else if let w = method as? WSM { kind = .wsm; normalization = w.normalization }
        else { kind = .method; normalization = nil }
        if let normalization, matrix.rowCount > 0 {
            let n = matrix.rowCount, m = matrix.columnCount
            let c = try SMAAWorker.normalizedColumns(matrix, normalization)
            columns = c
            var b = [Double](repeating: 0, count: 2 * m)
            c.withUnsafeBufferPointer { cp in b.withUnsafeMutableBufferPointer { SMAAWorker.columnBounds(cp.baseAddress!, n: n, m: m, into: $0.baseAddress!) } }
            bounds = b
        } else {
            columns = []
            bounds = []
        }
    }

    public func scores(_ weights: [Double]) throws -> [Double] {
        let n = matrix.rowCount, m = matrix.columnCount
        switch kind {
        case .method:
            return try method.scores(matrix, weights: weights)
        case .topsis, .wsm:
            try Ranking.validateWeights(weights, for: matrix)
            var s = [Double](repeating: 0, count: n)
            var failed: Int? = nil
            columns.withUnsafeBufferPointer { c in
                weights.withUnsafeBufferPointer { w in
                    s.withUnsafeMutableBufferPointer { out in
                        if kind == .topsis {
                            failed = bounds.withUnsafeBufferPointer { b in
                                SMAAWorker.topsis(c.baseAddress!, n: n, m: m, weights: w, columnBounds: b.baseAddress!, into: out.baseAddress!)
                            }
                        } else {
                            SMAAWorker.weightedSum(c.baseAddress!, n: n, m: m, weights: w, into: out.baseAddress!)
                        }
                    }
                }
            }
            if failed != nil { return try method.scores(matrix, weights: weights) }   // throws TOPSIS's own error
            return s
        }
    }
}
