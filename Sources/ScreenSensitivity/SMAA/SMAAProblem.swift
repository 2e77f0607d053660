import ScreenCore
import ScreenDecision

/// A validated SMAA problem: names, types, the value and weight samplers, the method and how
/// its scores are computed, and the run's sizes (n alternatives, m criteria, s samples).
///
/// Why a type of its own: every check happens once, here, before any thread starts, so a
/// worker never meets an input it has to refuse except a sample the method itself rejects.
struct SMAAProblem: Sendable {
    /// Unique names (n of them), criteria (m) and their benefit or cost types.
    let alternatives: [String], criteria: [String], types: [CriterionType]
    let n: Int, m: Int
    /// The method, the direction of its scores, and how SMAA computes them.
    let method: any RankingMethod
    let higherIsBetter: Bool
    let scoring: SMAAScoring
    /// The validated value and weight models.
    let values: ValueSampler
    let weights: WeightSampler
    /// s samples from `seed`; ranks 1…topK reported.
    let samples: Int, seed: UInt64, topK: Int
    /// Rank histogram: `bins` bins of `width` ranks.
    let width: Int, bins: Int
    /// Whether pairwise winning indices are counted.
    let pairwise: Bool

    /// Checks the inputs and prepares the samplers; see `SMAA.run` for the parameters.
    ///
    /// - Throws: `SMAAError.invalidInput` for empty or duplicate names, a wrong number of types,
    ///   s outside 1…2³²−1, topK outside 1…n, or pairwise indices above
    ///   `SMAA.maximumPairwiseAlternatives`; the samplers' errors; the method's own error when
    ///   it cannot score a deterministic matrix with equal weights.
    /// - Complexity: O(n·m) plus the method's scoring of a deterministic matrix once.
    init(alternatives: [String], criteria: [String], types: [CriterionType], values: ValueModel,
         weights: WeightModel, method: any RankingMethod, samples: Int, seed: UInt64,
         topK: Int?, pairwise: Bool?) throws {
        let n = alternatives.count, m = criteria.count
        guard n > 0 else { throw SMAAError.invalidInput("no alternatives") }
        guard m > 0 else { throw SMAAError.invalidInput("no criteria") }
        guard n <= SMAARanker.maximumCount else {
            throw SMAAError.invalidInput("too many alternatives (\(n)); at most \(SMAARanker.maximumCount)")
        }
        var seen = Set<String>()
        for a in alternatives where !seen.insert(a).inserted {
            throw SMAAError.invalidInput("alternative '\(a)' appears twice; SMAA results are reported by name")
        }
        guard types.count == m else { throw SMAAError.invalidInput("\(types.count) criterion types for \(m) criteria") }
        guard samples >= 1, samples <= Int(UInt32.max) else {
            throw SMAAError.invalidInput("the number of samples must be in 1…\(UInt32.max), got \(samples)")
        }
        let k = topK ?? min(n, 10)
        guard k >= 1, k <= n else { throw SMAAError.invalidInput("topK must be in 1…\(n) (the number of alternatives), got \(k)") }
        let wantPairwise = pairwise ?? (n <= 500)
        if wantPairwise && n > SMAA.maximumPairwiseAlternatives {
            throw SMAAError.invalidInput("pairwise winning indices for \(n) alternatives need \(n)² counters per thread; they are limited to \(SMAA.maximumPairwiseAlternatives) alternatives")
        }
        self.alternatives = alternatives
        self.criteria = criteria
        self.types = types
        self.n = n
        self.m = m
        self.method = method
        self.higherIsBetter = type(of: method).higherIsBetter
        self.samples = samples
        self.seed = seed
        self.topK = k
        self.pairwise = wantPairwise
        width = (n + SMAA.maximumHistogramBins - 1) / SMAA.maximumHistogramBins
        bins = (n + width - 1) / width
        self.weights = try weights.sampler(criteria: criteria, seed: seed)
        self.values = try ValueSampler(model: values, alternatives: alternatives, criteria: criteria)

        // Fixed values: build once, and let the method reject the matrix up front with its own
        // error (equal weights stand in for any weight vector).
        var fixedMatrix: DecisionMatrix?
        if let columns = self.values.fixedColumns {
            let rows = (0..<n).map { i in (0..<m).map { j in columns[j * n + i] } }
            let matrix = try DecisionMatrix(alternatives: alternatives, criteria: criteria, values: rows, types: types)
            _ = try method.scores(matrix, weights: [Double](repeating: 1 / Double(m), count: m))
            fixedMatrix = matrix
        }
        scoring = try SMAAScoring(method: method, fixedMatrix: fixedMatrix)
    }
}
