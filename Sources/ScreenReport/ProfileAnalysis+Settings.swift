import ScreenDecision
import ScreenSensitivity

extension ProfileAnalysis.Settings {
    /// SMAA-2 as a report runs it, so that the report and the benchmark that times its stages run
    /// the same analysis: weights uniform on the simplex, `samples` draws from `seed`; pairwise
    /// winning indices only up to `smaaPairwiseLimit` ranked candidates, and above that limit
    /// the confidence pass only for the `smaaConfidenceCandidates` candidates most often first.
    ///
    /// - Parameters:
    ///   - matrix: the weighted criteria's decision matrix (`ScreeningResult.weightedMatrix()`).
    ///   - values: the values to rank, fixed or sampled (`ScreeningResult.weightedValueModel`).
    ///   - method: the profile's ranking method.
    ///   - confidenceSamples: value samples per candidate in the confidence pass; nil (the report)
    ///     takes `samples`, 1 leaves little more than the main pass (the benchmark times it so).
    /// - Throws: the errors of `SMAA.run` (e.g. fewer than two candidates or criteria).
    /// - Complexity: that of `SMAA.run`; O(s · n²) more for the pairwise indices when they are computed.
    public func smaa(matrix: DecisionMatrix, values: ValueModel, method: any RankingMethod,
                     confidenceSamples: Int? = nil) throws -> SMAAResult {
        let pairwise = matrix.rowCount <= smaaPairwiseLimit
        return try SMAA.run(alternatives: matrix.alternatives, criteria: matrix.criteria, types: matrix.types, values: values,
                            weights: .uniform, method: method, samples: samples, seed: seed,
                            pairwise: pairwise, confidenceSamples: confidenceSamples,
                            confidenceCandidates: pairwise ? nil : smaaConfidenceCandidates)
    }

    /// The Sobol' setup of a report: `sobolSamples` base samples, `seed`, the `sobolCandidates`
    /// leading candidates, every core, and `RankingSobol.Setup`'s spread and bootstrap; one
    /// place for the report and the benchmark that times it.
    public var sobolSetup: RankingSobol.Setup {
        var setup = RankingSobol.Setup()
        setup.baseSamples = sobolSamples
        setup.seed = seed
        setup.candidates = sobolCandidates
        setup.threads = nil
        return setup
    }
}
