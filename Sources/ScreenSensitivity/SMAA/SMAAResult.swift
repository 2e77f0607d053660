import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics
/// What an SMAA-2 run found, per alternative (arrays in the order of `alternatives`).
///
/// How ties count: an alternative's rank in a sample is its rank as `Ranking.ranks` gives it —
/// tied scores share the better rank, so two alternatives tied for first both count at rank 1
/// (in acceptability, central weights and confidence) and nobody counts at rank 2 in that
/// sample. Σᵢ bᵢʳ is therefore 1 for every rank only when no sample has ties (`tiedSamples`
/// says how many had one). A pairwise winning index counts strict wins only, so
/// cᵢₖ + cₖᵢ = 1 − (share of samples where i and k tie).
public struct SMAAResult: Sendable, Equatable {
    /// The alternatives' names; every per-alternative array is in this order.
    public let alternatives: [String]
    /// The criteria's names, the order of the central weights.
    public let criteria: [String]
    /// The ranking method's name.
    public let method: String
    /// Number of (weight, value) samples of the main pass.
    public let samples: Int
    /// Number of value samples per alternative in the confidence pass (1 for deterministic values).
    public let confidenceSamples: Int
    /// The seed the run's generator started from.
    public let seed: UInt64
    /// Threads the run used (results do not depend on it).
    public let threads: Int
    /// Ranks 1…topK are reported in `rankAcceptability`.
    public let topK: Int

    /// bᵢʳ: `rankAcceptability[i][r − 1]` is the share of samples in which alternative i has
    /// rank r, for r = 1…topK (every rank when n ≤ topK).
    public let rankAcceptability: [[Double]]
    /// The mean of alternative i's rank over the samples (exact).
    public let meanRank: [Double]
    /// Median (50 %), 5 % and 95 % rank: the smallest rank r whose cumulative share reaches
    /// the level (the lower quantile). Exact when `rankResolution` is 1; otherwise read from
    /// a histogram of bins `rankResolution` ranks wide, interpolated linearly inside the bin,
    /// so the value is within one bin width of the exact one.
    public let medianRank: [Double]
    /// The 5 % rank of each alternative (the lower quantile, as `medianRank`).
    public let rankPercentile5: [Double]
    /// The 95 % rank of each alternative (the lower quantile, as `medianRank`).
    public let rankPercentile95: [Double]
    /// Width of the rank histogram's bins: 1 (exact) for n ≤ 256, ⌈n/256⌉ otherwise.
    public let rankResolution: Int
    /// wᵢᶜ: the mean weight vector of the samples in which i ranks first; nil if it never does.
    public let centralWeights: [[Double]?]
    /// pᵢᶜ: the share of value samples in which i ranks first with the weights fixed at wᵢᶜ
    /// (1 or 0 for deterministic values); nil where there is no central weight vector.
    public let confidenceFactors: [Double?]
    /// cᵢₖ: `pairwiseWinning[i][k]` is the share of samples in which i ranks strictly better
    /// than k; nil when the run did not compute it.
    public let pairwiseWinning: [[Double]]?
    /// Samples in which at least two alternatives tied somewhere in the ranking.
    public let tiedSamples: Int
    /// Share of base weight draws the constraints accepted over the run (1 without
    /// constraints, nil for given weight samples).
    public let weightAcceptanceRate: Double?
    /// Remarks a reader of the results should see (clamped values, acceptance rate).
    public let notes: [String]

    /// Position of an alternative by name.
    /// - Complexity: O(n).
    public func index(of alternative: String) -> Int? { alternatives.firstIndex(of: alternative) }

    /// bᵢ¹, the first-rank acceptability of every alternative.
    public var firstRankAcceptability: [Double] { rankAcceptability.map { $0[0] } }

    /// Alternatives ordered by first-rank acceptability, then by mean rank, then by name:
    /// the order a report lists them in.
    /// - Complexity: O(n log n).
    public var orderByAcceptability: [Int] {
        alternatives.indices.sorted { a, b in
            let x = rankAcceptability[a][0], y = rankAcceptability[b][0]
            if x != y { return x > y }
            if meanRank[a] != meanRank[b] { return meanRank[a] < meanRank[b] }
            return alternatives[a] < alternatives[b]
        }
    }
}
