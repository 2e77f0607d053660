import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics
extension ScreeningResult {
    /// Indices (into `criteria`) of the criteria with a weight: criteria with weight 0 are hard
    /// limits only and take no part in fronts, comparisons or sensitivity analyses.
    public var weightedCriteria: [Int] { weights.indices.filter { weights[$0] > 0 } }

    /// The ranking method this result was ranked with (name, normalisation, the profile's parameters).
    public func rankingMethod() throws -> any RankingMethod {
        try RankingMethods.make(name: method, normalization: try Normalization.named(normalization),
                                parameters: profile.parameters.mapValues { .number($0) })
    }

    /// The decision matrix restricted to the weighted criteria, with their weights.
    public func weightedMatrix() throws -> (matrix: DecisionMatrix, weights: [Double]) {
        let keep = weightedCriteria
        let m = try DecisionMatrix(alternatives: matrix.alternatives, criteria: keep.map { matrix.criteria[$0] },
                                   values: matrix.values.map { row in keep.map { row[$0] } }, types: keep.map { matrix.types[$0] })
        return (m, keep.map { weights[$0] })
    }
}
