import Dispatch
import Foundation
import ScreenCore
import ScreenDecision

/// Stochastic multicriteria acceptability analysis, SMAA-2 (Lahdelma & Salminen 2001,
/// "SMAA-2: Stochastic multicriteria acceptability analysis for group decision making",
/// Operations Research 49(3)).
///
/// Why: a ranking with one weight vector hides how much it depends on that vector. SMAA-2
/// samples the weights (and the uncertain criterion values), ranks the alternatives in every
/// sample, and reports for each alternative how often it takes each rank (rank acceptability
/// bᵢʳ), the typical weights that make it best (central weight vector wᵢᶜ), how reliably it
/// wins at those weights given the uncertainty of the data (confidence factor pᵢᶜ), and how
/// often it beats each other alternative (pairwise winning index cᵢₖ). A candidate with a high
/// b¹ over the whole weight simplex is a robust choice; one that wins only in a thin corner
/// is not.
///
/// How it runs (n alternatives, m criteria, s samples):
/// - **Determinism.** Samples are split into blocks of `blockSize`; block b draws everything
///   (weights, then values, sample by sample) from `RandomGenerator(seed: seed).derived(stream: b)`,
///   one generator per block, never shared. Counts are integers (exact in any order) and the
///   floating-point sums of the central weights are summed per block and merged in block order,
///   so the result is identical for any number of threads.
/// - **Memory.** Per thread, O(n·topK) counters for the rank acceptabilities, the rank bins of
///   one block (n·`blockSize` bytes) and the ranker's buffers: about n·(4·topK + 9·m + 340)
///   bytes; for the run, one rank histogram of 4·n·bins bytes (bins ≤ 256), which the threads
///   fill together (`RankHistogram`). For 10,000 alternatives about 4 MB per thread and 10 MB
///   for the histogram; for 100,000, 40 MB per thread and 100 MB. Plus 4n² bytes per thread
///   only for pairwise winning indices. Never O(n·s).
/// - **Speed.** For WSM and TOPSIS the values are normalised once when they are deterministic
///   (per sample otherwise), and each sample's scores come from a fused kernel over contiguous
///   column-major columns (`ScoreKernels`), ranked by `SMAARanker`'s bucket counting into
///   reused buffers, with no allocation per sample. Any other method goes through
///   `method.scores` per sample (same ranks, slower). `screen-bench` measures 10,000
///   candidates × 6 criteria × 10,000 samples in about 0.8 s on 2 cores.
/// - **Ties.** See `SMAAResult`: tied scores share the better rank, as in `Ranking.ranks`.
///
/// The work is split by job: `SMAAProblem` validates the inputs, `SMAAWorker` runs blocks of
/// samples on one thread (`SMAAScorer` scores a sample, `SMAARanker` ranks it, `SMAACounters`
/// counts it), `SMAAProblem.run` merges the threads' counts into an `SMAATally`, which turns
/// them into the `SMAAResult`, and `SMAAProblem.confidence` runs the confidence pass.
public enum SMAA {
    /// Samples per block: the unit of random streams and of work distribution.
    public static let blockSize = 256
    /// The rank histogram has at most this many bins per alternative.
    public static let maximumHistogramBins = 256
    /// Pairwise winning counters cost n² per thread; above this many alternatives they are refused.
    public static let maximumPairwiseAlternatives = 5_000
    /// Streams of the confidence pass start here (block streams of the main pass count from 0).
    static let confidenceStreamBase: UInt64 = 1 << 40

    /// Runs SMAA-2.
    ///
    /// - Parameters:
    ///   - alternatives: unique names, one per row (n ≥ 1).
    ///   - criteria: unique names, one per column (m ≥ 1).
    ///   - types: benefit or cost, one per criterion.
    ///   - values: the decision matrix, deterministic or sampled; every value finite (a NaN
    ///     or an infinity is refused with `SMAAError.invalidValues`).
    ///   - weights: the weight model (uniform, Dirichlet, constrained, given).
    ///   - method: any ranking method; `WSM` and `TOPSIS` take the fused fast path.
    ///   - samples: number of samples s (1…2³²−1).
    ///   - seed: the seed of every random draw.
    ///   - threads: worker threads (default: the active processor count); does not change results.
    ///   - topK: ranks reported in `rankAcceptability` (default min(n, 10)).
    ///   - pairwise: compute pairwise winning indices (default n ≤ 500).
    ///   - confidenceSamples: value samples per alternative in the confidence pass (default
    ///     s; ignored for deterministic values, where one evaluation decides).
    ///   - confidenceCandidates: run the confidence pass only for this many of the alternatives
    ///     that ever rank first, those ranking first most often (ties: lower index); the others'
    ///     confidence factor is nil and a note says so. Default: all of them. The factors
    ///     computed are the same whatever the limit (the value samples are shared).
    /// - Returns: the rank statistics; tied scores share the better rank (see `SMAAResult`),
    ///   and a method score that is NaN ranks after every number, as in `Ranking.ranks`.
    /// - Throws: `SMAAError` for invalid settings, models or infeasible constraints (no
    ///   alternatives or criteria, duplicate names, s = 0, threads < 1);
    ///   `DecisionError` when the method cannot rank the deterministic matrix at all (e.g. sum
    ///   normalisation of a column with a zero); `SMAAError.method` when it refuses a sample.
    /// - Complexity: O(s · (m + n + cost of scoring)) time — O(s · n·m) for WSM and TOPSIS —
    ///   plus O(s · n²) with `pairwise`, plus the confidence pass: O(w · confidenceSamples ·
    ///   cost of scoring) for the w alternatives that ever rank first.
    public static func run(alternatives: [String], criteria: [String], types: [CriterionType],
                           values: ValueModel, weights: WeightModel, method: any RankingMethod,
                           samples: Int, seed: UInt64, threads: Int? = nil, topK: Int? = nil,
                           pairwise: Bool? = nil, confidenceSamples: Int? = nil, confidenceCandidates: Int? = nil) throws -> SMAAResult {
        let problem = try SMAAProblem(alternatives: alternatives, criteria: criteria, types: types, values: values,
                                      weights: weights, method: method, samples: samples, seed: seed,
                                      topK: topK, pairwise: pairwise)
        let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
        guard threadCount >= 1 else { throw SMAAError.invalidInput("threads must be ≥ 1, got \(threadCount)") }
        let confidenceCount = problem.values.isDeterministic ? 1 : (confidenceSamples ?? samples)
        guard confidenceCount >= 1 else { throw SMAAError.invalidInput("confidence samples must be ≥ 1, got \(confidenceCount)") }
        if let c = confidenceCandidates, c < 0 { throw SMAAError.invalidInput("confidence candidates must be ≥ 0, got \(c)") }
        return try problem.run(threads: threadCount, confidenceSamples: confidenceCount, confidenceCandidates: confidenceCandidates)
    }

    /// Runs SMAA-2 on a deterministic decision matrix (see the main `run` for the parameters,
    /// errors and edge cases).
    ///
    /// - Complexity: as the main `run`, with one evaluation per candidate in the confidence pass.
    public static func run(matrix: DecisionMatrix, weights: WeightModel, method: any RankingMethod,
                           samples: Int, seed: UInt64, threads: Int? = nil, topK: Int? = nil,
                           pairwise: Bool? = nil) throws -> SMAAResult {
        try run(alternatives: matrix.alternatives, criteria: matrix.criteria, types: matrix.types,
                values: .fixed(matrix.values), weights: weights, method: method, samples: samples,
                seed: seed, threads: threads, topK: topK, pairwise: pairwise)
    }

    /// Runs `body(t)` for t in 0..<threads, concurrently when threads > 1, and returns when
    /// every call has returned.
    static func parallel(_ threads: Int, _ body: @Sendable (Int) -> Void) {
        if threads == 1 { body(0); return }
        DispatchQueue.concurrentPerform(iterations: threads, execute: body)
    }
}
