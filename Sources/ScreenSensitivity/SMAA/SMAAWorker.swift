import ScreenNumerics

/// One thread's share of an SMAA run: it draws, scores, ranks and counts whole blocks of
/// samples with its own scorer, ranker and counters.
///
/// Why `@unchecked Sendable`: the workers of a run sit in one array that the parallel loop's
/// closure captures, and the compiler cannot see that worker t is used only by iteration t of
/// `SMAA.parallel` (and by the calling thread before that loop starts and after it returns,
/// which joins every iteration). Nothing else shares a worker; its random generators are
/// derived per block and never leave it.
final class SMAAWorker: @unchecked Sendable {
    let problem: SMAAProblem
    let scorer: SMAAScorer
    let ranker: SMAARanker
    let counters: SMAACounters
    let root: RandomGenerator
    /// The weights of the current sample.
    var weights: [Double]
    /// The first failure, with the block (or candidate) it happened in.
    var failure: (block: Int, error: any Error)?
    /// Confidence pass: per candidate, the value samples in which it ranked first.
    var firsts: [Int] = []

    init(problem: SMAAProblem) {
        self.problem = problem
        scorer = SMAAScorer(problem: problem)
        ranker = SMAARanker(count: problem.n)
        counters = SMAACounters(problem: problem)
        root = RandomGenerator(seed: problem.seed)
        weights = [Double](repeating: 0, count: problem.m)
    }

    /// Samples, ranks and counts the samples of block `b` (stream b of the seed).
    ///
    /// - Throws: the weight sampler's `SMAAError.lowAcceptance`; `SMAAError.method` when the
    ///   method refuses a sample.
    /// - Complexity: O(blockSize · (n·m + n)) for the fused kernels.
    func runBlock(_ b: Int) throws {
        let rng = root.derived(stream: UInt64(b))
        let deterministic = problem.values.isDeterministic
        for k in (b * SMAA.blockSize)..<min((b + 1) * SMAA.blockSize, problem.samples) {
            counters.weightTries += try problem.weights.draw(sample: k, using: rng, into: &weights)
            if !deterministic {
                problem.values.draw(sample: k, using: rng, into: &scorer.raw, clamps: counters.clamps)
                try scorer.prepareValues(sample: k)
            }
            try scorer.score(sample: k, weights: weights)
            if ranker.rank(scorer.scores, higherIsBetter: problem.higherIsBetter, topLimit: problem.topK) { counters.tied += 1 }
            counters.add(ranker, weights: weights)
        }
        counters.closeBlock(b)
    }
}
