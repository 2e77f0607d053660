import ScreenCore
import ScreenNumerics
/// A multi-criteria ranking method: one score per alternative from a decision matrix and
/// criterion weights.
///
/// Weights: a method receives weights that already sum to 1 — callers pass user weights
/// through `Ranking.normalizedWeights(_:for:)` first. Methods check the count, finiteness and
/// sign of the weights themselves but never rescale them, so that a method's scores equal
/// pymcdm's for the same weight vector.
public protocol RankingMethod: Sendable {
    /// The method's name as the factory and the reports spell it, e.g. `"topsis"`.
    static var name: String { get }
    /// The normalisation in use (the default is pymcdm 1.4's default for this method; `.none`
    /// for methods that read raw values).
    var normalization: Normalization { get }
    /// True when a higher score is better (false for VIKOR's Q and SPOTIS).
    static var higherIsBetter: Bool { get }
    /// One score per alternative, in the matrix's row order.
    func scores(_ matrix: DecisionMatrix, weights: [Double]) throws -> [Double]
    /// Per-criterion contributions `[alternative][criterion]` for additive methods, whose
    /// score is the sum of its row; nil where the score is not a sum over criteria.
    func contributions(_ matrix: DecisionMatrix, weights: [Double]) throws -> [[Double]]?
}

extension RankingMethod {
    /// nil: a score that is not a sum over criteria has no per-criterion contributions.
    /// Additive methods get theirs from `AdditiveRankingMethod`.
    public func contributions(_ matrix: DecisionMatrix, weights: [Double]) throws -> [[Double]]? { nil }

    /// Ranks of the alternatives (1 = best; ties share the better rank).
    /// - Complexity: the method's `scores` plus O(m log m) for m alternatives.
    public func ranks(_ matrix: DecisionMatrix, weights: [Double]) throws -> [Int] {
        Ranking.ranks(try scores(matrix, weights: weights), higherIsBetter: Self.higherIsBetter)
    }
}

/// A ranking method whose score is the sum over criteria of one term per criterion (WSM,
/// MOORA, SPOTIS): it states the terms, and its scores and contributions are their row sums
/// and the terms themselves, so the two can never disagree.
public protocol AdditiveRankingMethod: RankingMethod {
    /// The weighted per-criterion terms `[alternative][criterion]`; each row sums to the
    /// alternative's score. Checks the weights (`Ranking.validateWeights`) itself.
    func terms(_ matrix: DecisionMatrix, weights: [Double]) throws -> [[Double]]
}

extension AdditiveRankingMethod {
    /// The row sums of `terms`, in row order.
    /// - Complexity: `terms` plus O(m·n) for m alternatives and n criteria.
    public func scores(_ matrix: DecisionMatrix, weights: [Double]) throws -> [Double] {
        try terms(matrix, weights: weights).map { $0.reduce(0, +) }
    }

    /// The terms: each row sums to the alternative's score.
    /// - Complexity: that of `terms`.
    public func contributions(_ matrix: DecisionMatrix, weights: [Double]) throws -> [[Double]]? {
        try terms(matrix, weights: weights)
    }
}

/// Turning scores into ranks, and the weight contract of every `RankingMethod`.
public enum Ranking {
    /// Ranks for `scores`: 1 is the best, and tied scores share the better rank, so the next
    /// distinct score skips (`[3, 5, 5, 1]`, higher better → `[3, 1, 1, 4]`).
    ///
    /// Differs from pymcdm's `rankdata`, which gives ties their average rank as a float
    /// (`[3, 1.5, 1.5, 4]`): a shortlist "top 3" should never exclude a candidate that ties
    /// with the third. Without ties both agree. Ties are exact equality, as in pymcdm;
    /// identical inputs give bit-identical scores in every method here. A NaN score (which
    /// no method returns) ranks after every number.
    ///
    /// - Complexity: O(n log n).
    public static func ranks(_ scores: [Double], higherIsBetter: Bool) -> [Int] {
        func better(_ a: Double, _ b: Double) -> Bool {
            if a.isNaN { return false }
            if b.isNaN { return true }
            return higherIsBetter ? a > b : a < b
        }
        let order = scores.indices.sorted { better(scores[$0], scores[$1]) }
        var result = [Int](repeating: 0, count: scores.count)
        for (position, index) in order.enumerated() {
            if position > 0 {
                let previous = order[position - 1]
                if !better(scores[previous], scores[index]) {
                    result[index] = result[previous]
                    continue
                }
            }
            result[index] = position + 1
        }
        return result
    }

    /// Checks the weights a method receives: one per criterion, finite, ≥ 0, not all zero.
    ///
    /// - Throws: `DecisionError.weights` naming the offending criterion.
    /// - Complexity: O(n).
    public static func validateWeights(_ weights: [Double], for matrix: DecisionMatrix) throws {
        guard weights.count == matrix.columnCount else {
            throw DecisionError.weights("\(weights.count) weights for \(matrix.columnCount) criteria (\(matrix.criteria.joined(separator: ", ")))")
        }
        for (j, w) in weights.enumerated() {
            guard w.isFinite else { throw DecisionError.weights("the weight of \(matrix.criteria[j]) is not a finite number") }
            guard w >= 0 else { throw DecisionError.weights("the weight of \(matrix.criteria[j]) is negative (\(w))") }
        }
        guard weights.contains(where: { $0 > 0 }) else { throw DecisionError.weights("every weight is zero") }
    }

    /// The weights validated and rescaled to sum to 1 — what callers hand to a method.
    ///
    /// - Throws: `DecisionError.weights` as `validateWeights(_:for:)`.
    /// - Complexity: O(n).
    public static func normalizedWeights(_ weights: [Double], for matrix: DecisionMatrix) throws -> [Double] {
        try validateWeights(weights, for: matrix)
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }
}
