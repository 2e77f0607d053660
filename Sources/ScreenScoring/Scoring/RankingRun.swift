import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics
/// One ranking method applied to one decision matrix: scores, ranks (1 = best, ties share
/// the better rank), and where the method has them, normalised values and contributions.
public struct RankingRun: Sendable {
    public let methodName: String
    public let normalizationName: String
    public let higherIsBetter: Bool
    public let weights: [Double]
    public let scores: [Double]
    public let ranks: [Int]
    public let normalized: [[Double]]?
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
