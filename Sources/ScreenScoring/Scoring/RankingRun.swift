import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics
/// One ranking method applied to one decision matrix: scores, ranks (1 = best, ties share
/// the better rank), and where the method has them, normalised values and contributions.
public struct RankingRun: Sendable {
    /// The method's name as the method reports it.
    public let methodName: String
    /// The normalisation used (the method's default when none was given).
    public let normalizationName: String
    /// Whether higher scores are better for this method.
    public let higherIsBetter: Bool
    /// The weights used, normalised to sum 1.
    public let weights: [Double]
    /// One score per alternative, in the matrix's order.
    public let scores: [Double]
    /// One rank per alternative (`Ranking.ranks`: 1 = best, ties share the better rank).
    public let ranks: [Int]
    /// The normalised matrix; nil when the method does not normalise.
    public let normalized: [[Double]]?
    /// Per alternative and criterion, the contribution to the score; nil for non-additive methods.
    public let contributions: [[Double]]?

    /// - Parameters:
    ///   - normalization: a normalisation name, or nil for the method's default.
    ///   - parameters: numeric method parameters (`v`, `lambda`, …).
    public init(method: String, normalization: String?, parameters: [String: RankingParameter] = [:],
                matrix: DecisionMatrix, weights: [Double]) throws {
        let ranking = try RankingMethods.make(name: method, normalization: try normalization.map(Normalization.named),
                                              parameters: parameters)
        let w = try Ranking.normalizedWeights(weights, for: matrix)
        methodName = type(of: ranking).name
        normalizationName = ranking.normalization.rawValue
        higherIsBetter = type(of: ranking).higherIsBetter
        self.weights = w
        scores = try ranking.scores(matrix, weights: w)
        ranks = Ranking.ranks(scores, higherIsBetter: higherIsBetter)
        normalized = ranking.normalization == .none ? nil : try ranking.normalization.normalize(matrix)
        contributions = try ranking.contributions(matrix, weights: w)
    }
}
