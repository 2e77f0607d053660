import Dispatch
import Foundation
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics

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
/// How it runs:
/// - **Determinism.** Samples are split into blocks of `blockSize`; block b draws everything
///   (weights, then values, sample by sample) from `RandomGenerator(seed: seed).derived(stream: b)`,
///   one generator per block, never shared. Counts are integers (exact in any order) and the
///   floating-point sums of the central weights are summed per block and merged in block order,
///   so the result is identical for any number of threads.
/// - **Memory.** O(n·topK) counters for the rank acceptabilities and O(n·bins) for the rank
///   histogram (bins ≤ 256), per thread: about n·(4·topK + 4·bins + 400) bytes, 11 MB per
///   thread for 10,000 alternatives; plus 4n² bytes per thread only for pairwise winning
///   indices. Never O(n·samples).
/// - **Speed.** For WSM (additive) the values are normalised once when they are deterministic
///   (per sample otherwise), and each sample's scores are a weighted sum over contiguous
///   column-major columns, ranked by `SMAARanker`'s bucket counting into reused buffers, with
///   no allocation per sample. Any other method goes through `method.scores` per sample (same
///   ranks, slower). `screen-bench` measures 10,000 candidates × 6 criteria × 10,000 samples
///   in about 0.8 s on 2 cores.
/// - **Ties.** See `SMAAResult`: tied scores share the better rank, as in `Ranking.ranks`.
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
    ///   - alternatives: unique names, one per row.
    ///   - criteria: unique names, one per column.
    ///   - types: benefit or cost, one per criterion.
    ///   - values: the decision matrix, deterministic or sampled.
    ///   - weights: the weight model (uniform, Dirichlet, constrained, given).
    ///   - method: any ranking method; `WSM` takes the fast additive path.
    ///   - samples: number of samples (1…2³²−1).
    ///   - seed: the seed of every random draw.
    ///   - threads: worker threads (default: the active processor count); does not change results.
    ///   - topK: ranks reported in `rankAcceptability` (default min(n, 10)).
    ///   - pairwise: compute pairwise winning indices (default n ≤ 500).
    ///   - confidenceSamples: value samples per alternative in the confidence pass (default
    ///     `samples`; ignored for deterministic values, where one evaluation decides).
    ///   - confidenceCandidates: run the confidence pass only for this many of the alternatives
    ///     that ever rank first, those ranking first most often (ties: lower index); the others'
    ///     confidence factor is nil and a note says so. Default: all of them. The factors
    ///     computed are the same whatever the limit (the value samples are shared).
    /// - Throws: `SMAAError` for invalid settings, models or infeasible constraints;
    ///   `DecisionError` when the method cannot rank the deterministic matrix at all (e.g. sum
    ///   normalisation of a column with a zero); `SMAAError.method` when it refuses a sample.
    /// - Complexity: O(samples · (m + n + cost of scoring)) time — O(samples · n·m) for WSM —
    ///   plus O(samples · n²) with `pairwise`, plus the confidence pass: O(w · confidenceSamples ·
    ///   scoring) for the w alternatives that ever rank first.
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

    /// Runs SMAA-2 on a deterministic decision matrix (see the main `run`).
    public static func run(matrix: DecisionMatrix, weights: WeightModel, method: any RankingMethod,
                           samples: Int, seed: UInt64, threads: Int? = nil, topK: Int? = nil,
                           pairwise: Bool? = nil) throws -> SMAAResult {
        try run(alternatives: matrix.alternatives, criteria: matrix.criteria, types: matrix.types,
                values: .fixed(matrix.values), weights: weights, method: method, samples: samples,
                seed: seed, threads: threads, topK: topK, pairwise: pairwise)
    }

    /// Runs `body(t)` for t in 0..<threads, concurrently when threads > 1.
    static func parallel(_ threads: Int, _ body: @Sendable (Int) -> Void) {
        if threads == 1 { body(0); return }
        DispatchQueue.concurrentPerform(iterations: threads, execute: body)
    }
}

/// How scores are computed for each sample.
enum SMAAScoring: Sendable {
    /// Weighted sum of normalised columns (WSM). `fixedColumns` holds the normalised matrix,
    /// column-major, when the values are deterministic.
    case additive(normalization: Normalization, fixedColumns: [Double]?)
    /// TOPSIS on normalised columns, with the same operations in the same order as
    /// `TOPSIS.scores` (bit-identical scores) but without building a matrix per sample.
    case topsis(normalization: Normalization, fixedColumns: [Double]?)
    /// `method.scores`; `fixedMatrix` when the values are deterministic.
    case generic(fixedMatrix: DecisionMatrix?)
}

/// A validated SMAA problem.
struct SMAAProblem: Sendable {
    let alternatives: [String]
    let criteria: [String]
    let types: [CriterionType]
    let n: Int
    let m: Int
    let method: any RankingMethod
    let higherIsBetter: Bool
    let scoring: SMAAScoring
    let values: ValueSampler
    let weights: WeightSampler
    let samples: Int
    let seed: UInt64
    let topK: Int
    /// Rank histogram: bins of `width` ranks.
    let width: Int
    let bins: Int
    let pairwise: Bool

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
        func normalizedColumns(_ normalization: Normalization) throws -> [Double]? {
            try fixedMatrix.map { try SMAAWorker.normalizedColumns($0, normalization) }
        }
        if let wsm = method as? WSM {
            scoring = .additive(normalization: wsm.normalization, fixedColumns: try normalizedColumns(wsm.normalization))
        } else if let topsis = method as? TOPSIS {
            scoring = .topsis(normalization: topsis.normalization, fixedColumns: try normalizedColumns(topsis.normalization))
        } else {
            scoring = .generic(fixedMatrix: fixedMatrix)
        }
    }

    func run(threads requested: Int, confidenceSamples: Int, confidenceCandidates: Int? = nil) throws -> SMAAResult {
        let blocks = (samples + SMAA.blockSize - 1) / SMAA.blockSize
        // Enough workers for the larger of the two passes (a worker without a block idles).
        let confidenceWork = values.isDeterministic ? n : (confidenceSamples + SMAA.blockSize - 1) / SMAA.blockSize
        let threads = min(requested, max(blocks, confidenceWork))
        let workers = (0..<threads).map { _ in SMAAWorker(problem: self) }

        // Main pass: worker t takes blocks t, t + threads, …
        SMAA.parallel(threads) { t in
            let worker = workers[t]
            for b in stride(from: t, to: blocks, by: threads) {
                do { try worker.runBlock(b) } catch {
                    worker.failure = (b, error)
                    return
                }
            }
        }
        if let failure = workers.compactMap(\.failure).min(by: { $0.block < $1.block }) { throw failure.error }

        // Merge: integer counts in any order, central weight sums in block order.
        var top = [Int](repeating: 0, count: n * topK)
        var hist = [Int](repeating: 0, count: n * bins)
        var rankSum = [Int](repeating: 0, count: n)
        var wins = pairwise ? [Int](repeating: 0, count: n * n) : []
        var clamps = [Int](repeating: 0, count: n * m)
        var tied = 0, weightTries = 0
        var partials: [(block: Int, winners: SMAAWorker.BlockWinners)] = []
        for w in workers {
            for x in 0..<(n * topK) { top[x] += Int(w.top[x]) }
            for x in 0..<(n * bins) { hist[x] += Int(w.hist[x]) }
            for x in 0..<n { rankSum[x] += w.rankSum[x] }
            if let ww = w.wins { for x in 0..<(n * n) { wins[x] += Int(ww[x]) } }
            for x in 0..<(n * m) { clamps[x] += w.clamps[x] }
            tied += w.tied
            weightTries += w.weightTries
            partials += w.blockWinners
        }
        partials.sort { $0.block < $1.block }
        var winSum = [Double](repeating: 0, count: n * m)
        var winCount = [Int](repeating: 0, count: n)
        for (_, bw) in partials {
            for (k, a) in bw.alternatives.enumerated() {
                winCount[a] += bw.counts[k]
                for j in 0..<m { winSum[a * m + j] += bw.sums[k * m + j] }
            }
        }
        let total = Double(samples)
        let central: [[Double]?] = (0..<n).map { a in
            winCount[a] == 0 ? nil : (0..<m).map { winSum[a * m + $0] / Double(winCount[a]) }
        }

        // Confidence pass.
        let everFirst = (0..<n).filter { winCount[$0] > 0 }
        var candidates = everFirst
        if let limit = confidenceCandidates, everFirst.count > limit {
            candidates = Array(everFirst.sorted { (winCount[$1], $0) < (winCount[$0], $1) }.prefix(limit)).sorted()
        }
        let candidateWeights = candidates.map { a -> [Double] in
            let c = central[a]!
            let s = c.reduce(0, +)
            return c.map { $0 / s }
        }
        let firsts = try confidence(workers: workers, candidates: candidates, weights: candidateWeights,
                                    count: confidenceSamples)
        var confidenceFactors = [Double?](repeating: nil, count: n)
        for (c, a) in candidates.enumerated() { confidenceFactors[a] = Double(firsts[c]) / Double(confidenceSamples) }

        // Rank statistics.
        let acceptability = (0..<n).map { a in (0..<topK).map { Double(top[a * topK + $0]) / total } }
        let meanRank = rankSum.map { Double($0) / total }
        func quantile(_ a: Int, percent: Int) -> Double {
            let target = max(1, (samples * percent + 99) / 100)
            var cumulative = 0
            for b in 0..<bins {
                let c = hist[a * bins + b]
                if c > 0 && cumulative + c >= target {
                    let low = b * width + 1, high = min((b + 1) * width, n)
                    if width == 1 { return Double(low) }
                    let fraction = Double(target - cumulative) / Double(c)
                    return Double(low - 1) + fraction * Double(high - low + 1)
                }
                cumulative += c
            }
            return Double(n)
        }
        let pairwiseWinning: [[Double]]? = pairwise
            ? (0..<n).map { i in (0..<n).map { k in Double(wins[i * n + k]) / total } }
            : nil

        var notes: [String] = []
        if candidates.count < everFirst.count {
            notes.append("confidence factors computed for the \(candidates.count) of \(everFirst.count) candidates that rank first most often; the others' are not computed")
        }
        let acceptance: Double?
        if case .given = weights.source {
            acceptance = nil
        } else {
            acceptance = Double(samples) / Double(max(weightTries, 1))
            if weights.isConstrained {
                notes.append("weight constraints accepted \(samples) of \(weightTries) base weight draws (\(String(format: "%.3g", 100 * acceptance!)) %)")
            }
        }
        if tied > 0 {
            notes.append("\(tied) of \(samples) samples had tied scores; tied alternatives share the better rank")
        }
        let clamped = (0..<(n * m)).filter { clamps[$0] > 0 }
        for c in clamped.prefix(10) {
            let i = c % n, j = c / n
            notes.append("the sampled value of \(criteria[j]) for \(alternatives[i]) stayed outside its bounds after \(values.maximumTries) draws in \(clamps[c]) of \(samples) samples and was clamped to the nearest bound")
        }
        if clamped.count > 10 { notes.append("… and \(clamped.count - 10) more values were clamped to their bounds") }

        return SMAAResult(
            alternatives: alternatives, criteria: criteria, method: type(of: method).name, samples: samples,
            confidenceSamples: confidenceSamples, seed: seed, threads: threads, topK: topK,
            rankAcceptability: acceptability, meanRank: meanRank,
            medianRank: (0..<n).map { quantile($0, percent: 50) },
            rankPercentile5: (0..<n).map { quantile($0, percent: 5) },
            rankPercentile95: (0..<n).map { quantile($0, percent: 95) },
            rankResolution: width, centralWeights: central, confidenceFactors: confidenceFactors,
            pairwiseWinning: pairwiseWinning, tiedSamples: tied, weightAcceptanceRate: acceptance, notes: notes)
    }

    /// For each candidate (with its central weights), in how many value samples it ranks first.
    /// Value samples are shared by the candidates (common random numbers): sample k of block b
    /// comes from stream `confidenceStreamBase + b`.
    private func confidence(workers: [SMAAWorker], candidates: [Int], weights: [[Double]], count: Int) throws -> [Int] {
        guard !candidates.isEmpty else { return [] }
        let threads = workers.count
        for w in workers {
            w.failure = nil
            w.firsts = [Int](repeating: 0, count: candidates.count)
        }
        if values.isDeterministic {
            SMAA.parallel(threads) { t in
                let worker = workers[t]
                for c in stride(from: t, to: candidates.count, by: threads) {
                    do {
                        try worker.score(sample: 0, weights: weights[c])
                        if SMAARanker.ranksFirst(candidates[c], worker.scores, count: n, higherIsBetter: higherIsBetter) {
                            worker.firsts[c] += 1
                        }
                    } catch {
                        worker.failure = (c, error)
                        return
                    }
                }
            }
        } else {
            let blocks = (count + SMAA.blockSize - 1) / SMAA.blockSize
            SMAA.parallel(threads) { t in
                let worker = workers[t]
                let root = RandomGenerator(seed: seed)
                for b in stride(from: t, to: blocks, by: threads) {
                    let rng = root.derived(stream: SMAA.confidenceStreamBase + UInt64(b))
                    for k in (b * SMAA.blockSize)..<min((b + 1) * SMAA.blockSize, count) {
                        do {
                            values.draw(sample: k, using: rng, into: worker.raw, clamps: nil)
                            try worker.prepareValues(sample: k)
                            for c in candidates.indices {
                                try worker.score(sample: k, weights: weights[c])
                                if SMAARanker.ranksFirst(candidates[c], worker.scores, count: n, higherIsBetter: higherIsBetter) {
                                    worker.firsts[c] += 1
                                }
                            }
                        } catch {
                            worker.failure = (b, error)
                            return
                        }
                    }
                }
            }
        }
        if let failure = workers.compactMap(\.failure).min(by: { $0.block < $1.block }) { throw failure.error }
        var firsts = [Int](repeating: 0, count: candidates.count)
        for w in workers { for c in candidates.indices { firsts[c] += w.firsts[c] } }
        return firsts
    }
}

/// One thread's buffers and counters. Used by one thread at a time only.
final class SMAAWorker: @unchecked Sendable {
    let problem: SMAAProblem
    let n: Int, m: Int, topK: Int
    let ranker: SMAARanker
    let root: RandomGenerator
    /// Scores of the current sample.
    let scores: UnsafeMutablePointer<Double>
    /// Sampled raw values, column-major.
    let raw: UnsafeMutablePointer<Double>
    /// Normalised values, column-major (additive path).
    let normalized: UnsafeMutablePointer<Double>
    /// Per column of `normalized`, its maximum and minimum (TOPSIS path): [max₀, min₀, max₁, …].
    let columnBounds: UnsafeMutablePointer<Double>
    /// The current sample's matrix (generic path, sampled values).
    var matrix: DecisionMatrix?
    var weights: [Double]

    // Counters.
    let top: UnsafeMutablePointer<UInt32>
    /// Rank histogram, hist[alternative · bins + bin].
    let hist: UnsafeMutablePointer<UInt32>
    /// The histogram bin of each rank (rank − 1 → bin).
    let binOf: UnsafeMutablePointer<UInt8>
    /// The bins of the block's samples, binBuffer[row · n + alternative]: one n-byte row per
    /// sample, then added to `hist` per block in tiles of alternatives, so that the
    /// histogram's rows stay in cache. Updating `hist` directly from each ranking touches one
    /// cache line per alternative per sample all over an n·bins·4-byte table (10 MB for 10,000
    /// alternatives): measured 3–4× slower.
    let binBuffer: UnsafeMutablePointer<UInt8>
    var bufferedRows = 0
    let rankSum: UnsafeMutablePointer<Int>
    let wins: UnsafeMutablePointer<UInt32>?
    let clamps: UnsafeMutablePointer<Int>
    var tied = 0
    var weightTries = 0
    var firsts: [Int] = []
    var failure: (block: Int, error: any Error)?

    /// The samples of one block in which alternatives ranked first, with their weight sums.
    struct BlockWinners {
        var alternatives: [Int]
        var counts: [Int]
        var sums: [Double]
    }
    var blockWinners: [(block: Int, winners: BlockWinners)] = []
    private let winSums: UnsafeMutablePointer<Double>
    private let winCounts: UnsafeMutablePointer<Int>
    private var touched: [Int] = []

    init(problem: SMAAProblem) {
        self.problem = problem
        n = problem.n
        m = problem.m
        topK = problem.topK
        ranker = SMAARanker(count: n)
        root = RandomGenerator(seed: problem.seed)
        scores = .allocate(capacity: n)
        raw = .allocate(capacity: n * m)
        normalized = .allocate(capacity: n * m)
        columnBounds = .allocate(capacity: 2 * m)
        columnBounds.initialize(repeating: 0, count: 2 * m)
        weights = [Double](repeating: 0, count: m)
        top = .allocate(capacity: n * topK)
        top.initialize(repeating: 0, count: n * topK)
        hist = .allocate(capacity: n * problem.bins)
        hist.initialize(repeating: 0, count: n * problem.bins)
        binOf = .allocate(capacity: n)
        for r in 0..<n { binOf[r] = UInt8(truncatingIfNeeded: r / problem.width) }
        binBuffer = .allocate(capacity: n * SMAA.blockSize)
        rankSum = .allocate(capacity: n)
        rankSum.initialize(repeating: 0, count: n)
        if problem.pairwise {
            wins = .allocate(capacity: n * n)
            wins!.initialize(repeating: 0, count: n * n)
        } else {
            wins = nil
        }
        clamps = .allocate(capacity: n * m)
        clamps.initialize(repeating: 0, count: n * m)
        winSums = .allocate(capacity: n * m)
        winSums.initialize(repeating: 0, count: n * m)
        winCounts = .allocate(capacity: n)
        winCounts.initialize(repeating: 0, count: n)
        if let columns = problem.values.fixedColumns {
            columns.withUnsafeBufferPointer { raw.update(from: $0.baseAddress!, count: n * m) }
        }
        switch problem.scoring {
        case .additive(_, let fixed?), .topsis(_, let fixed?):
            fixed.withUnsafeBufferPointer { normalized.update(from: $0.baseAddress!, count: n * m) }
            SMAAWorker.columnBounds(normalized, n: n, m: m, into: columnBounds)
        default: break
        }
    }

    deinit {
        scores.deallocate(); raw.deallocate(); normalized.deallocate(); columnBounds.deallocate(); top.deallocate(); hist.deallocate()
        binOf.deallocate(); binBuffer.deallocate(); rankSum.deallocate(); wins?.deallocate(); clamps.deallocate()
        winSums.deallocate(); winCounts.deallocate()
    }

    /// Samples, ranks and counts the samples of block `b`.
    func runBlock(_ b: Int) throws {
        let rng = root.derived(stream: UInt64(b))
        let deterministic = problem.values.isDeterministic
        for k in (b * SMAA.blockSize)..<min((b + 1) * SMAA.blockSize, problem.samples) {
            weightTries += try problem.weights.draw(sample: k, using: rng, into: &weights)
            if !deterministic {
                problem.values.draw(sample: k, using: rng, into: raw, clamps: clamps)
                try prepareValues(sample: k)
            }
            try score(sample: k, weights: weights)
            if ranker.rank(scores, higherIsBetter: problem.higherIsBetter, topLimit: topK) { tied += 1 }
            accumulate()
        }
        flushHistogram()
        if !touched.isEmpty {
            touched.sort()
            var winners = BlockWinners(alternatives: touched, counts: [], sums: [])
            winners.counts.reserveCapacity(touched.count)
            winners.sums.reserveCapacity(touched.count * m)
            for a in touched {
                winners.counts.append(winCounts[a])
                winCounts[a] = 0
                for j in 0..<m {
                    winners.sums.append(winSums[a * m + j])
                    winSums[a * m + j] = 0
                }
            }
            blockWinners.append((b, winners))
            touched.removeAll(keepingCapacity: true)
        }
    }

    /// Turns freshly sampled `raw` values into what `score` reads: normalised columns (additive)
    /// or a decision matrix (generic).
    func prepareValues(sample k: Int) throws {
        do {
            switch problem.scoring {
            case .additive(let normalization, _), .topsis(let normalization, _):
                for j in 0..<m {
                    let column = Array(UnsafeBufferPointer(start: raw + j * n, count: n))
                    let z = try normalization.normalize(column, type: problem.types[j], criterion: problem.criteria[j])
                    z.withUnsafeBufferPointer { (normalized + j * n).update(from: $0.baseAddress!, count: n) }
                }
                if case .topsis = problem.scoring { SMAAWorker.columnBounds(normalized, n: n, m: m, into: columnBounds) }
            case .generic:
                let rows = (0..<n).map { i in (0..<m).map { j in raw[j * n + i] } }
                matrix = try DecisionMatrix(alternatives: problem.alternatives, criteria: problem.criteria,
                                            values: rows, types: problem.types)
            }
        } catch {
            throw SMAAError.method(sample: k, message: String(describing: error))
        }
    }

    /// Scores of the current values with weights `w` (summing to 1) into `scores`.
    func score(sample k: Int, weights w: [Double]) throws {
        switch problem.scoring {
        case .additive:
            w.withUnsafeBufferPointer { SMAAWorker.weightedSum(normalized, n: n, m: m, weights: $0, into: scores) }
        case .topsis:
            if let i = w.withUnsafeBufferPointer({ SMAAWorker.topsis(normalized, n: n, m: m, weights: $0, columnBounds: columnBounds, into: scores) }) {
                throw SMAAError.method(sample: k, message: String(describing: DecisionError.invalidColumn(
                    criterion: problem.criteria.joined(separator: ", "),
                    reason: "topsis: \(problem.alternatives[i]) is both the ideal and the anti-ideal (no weighted criterion separates the alternatives), so its closeness 0/0 is undefined")))
            }
        case .generic(let fixed):
            do {
                let s = try problem.method.scores(fixed ?? matrix!, weights: w)
                guard s.count == n else {
                    throw SMAAError.method(sample: k, message: "\(type(of: problem.method).name) returned \(s.count) scores for \(n) alternatives")
                }
                s.withUnsafeBufferPointer { scores.update(from: $0.baseAddress!, count: n) }
            } catch let error as SMAAError {
                throw error
            } catch {
                throw SMAAError.method(sample: k, message: String(describing: error))
            }
        }
    }

    /// TOPSIS closeness of every alternative from the normalised `columns` (column-major): the
    /// weighted values zᵢⱼ·wⱼ, the ideal and anti-ideal as their column maximum and minimum,
    /// the distances summed in criterion order from 0 — the operations of `TOPSIS.scores` in
    /// its order, so the scores are bit-identical. Returns the first alternative whose two
    /// distances are both 0 (undefined closeness), or nil.
    ///
    /// - Complexity: O(n·m), no allocation.
    static func topsis(_ columns: UnsafePointer<Double>, n: Int, m: Int, weights: UnsafeBufferPointer<Double>,
                       columnBounds: UnsafePointer<Double>, into s: UnsafeMutablePointer<Double>) -> Int? {
        guard n > 0 else { return nil }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { buffer -> Int? in
            // Column by column, so that the loops over alternatives vectorise; each sum still
            // adds the criteria in order from 0, as `TOPSIS.scores` does.
            let toAnti = buffer.baseAddress!, toIdeal = s
            for i in 0..<n { toIdeal[i] = 0; toAnti[i] = 0 }
            for j in 0..<m {
                let c = columns + j * n, w = weights[j]
                // max over i of zᵢⱼ·w is (max zᵢⱼ)·w exactly: rounding is monotone, w ≥ 0.
                let hi = columnBounds[2 * j] * w, lo = columnBounds[2 * j + 1] * w
                for i in 0..<n {
                    let x = c[i] * w
                    let a = x - hi, b = x - lo
                    toIdeal[i] += a * a
                    toAnti[i] += b * b
                }
            }
            for i in 0..<n {
                let dp = toIdeal[i].squareRoot(), dm = toAnti[i].squareRoot()
                s[i] = dm / (dp + dm)
            }
            // Both distances 0 (the only way to 0/0 with finite values): closeness undefined.
            for i in 0..<n where s[i].isNaN { return i }
            return nil
        }
    }

    /// The maximum and minimum of each column of `columns` (column-major n × m) into
    /// `bounds` as [max₀, min₀, max₁, min₁, …].
    /// The normalised matrix, column-major: the layout the fast scoring paths read.
    static func normalizedColumns(_ matrix: DecisionMatrix, _ normalization: Normalization) throws -> [Double] {
        let normalized = try normalization.normalize(matrix)
        let n = matrix.rowCount, m = matrix.columnCount
        var c = [Double](repeating: 0, count: n * m)
        for i in 0..<n { for j in 0..<m { c[j * n + i] = normalized[i][j] } }
        return c
    }

    static func columnBounds(_ columns: UnsafePointer<Double>, n: Int, m: Int, into bounds: UnsafeMutablePointer<Double>) {
        guard n > 0 else { return }
        for j in 0..<m {
            let c = columns + j * n
            var hi = c[0], lo = c[0]
            for i in 1..<n {
                if c[i] > hi { hi = c[i] }
                if c[i] < lo { lo = c[i] }
            }
            bounds[2 * j] = hi
            bounds[2 * j + 1] = lo
        }
    }

    /// sᵢ = Σⱼ wⱼ·zᵢⱼ over column-major `columns`, summed in criterion order from 0 — the same
    /// operations in the same order as `WSM.scores`, so the scores are bit-identical.
    ///
    /// - Complexity: O(n·m), contiguous and vectorisable.
    @inline(__always)
    static func weightedSum(_ columns: UnsafePointer<Double>, n: Int, m: Int, weights: UnsafeBufferPointer<Double>,
                            into s: UnsafeMutablePointer<Double>) {
        // Chunks keep the running sums in L1 while the columns stream past.
        let chunk = 1024
        var begin = 0
        while begin < n {
            let end = min(begin + chunk, n)
            for i in begin..<end { s[i] = 0 }
            for j in 0..<m {
                let w = weights[j]
                let c = columns + j * n
                for i in begin..<end { s[i] += c[i] * w }
            }
            begin = end
        }
    }

    /// Adds the buffered rows of bins to the histogram, 64 alternatives at a time (their 64
    /// histogram rows, 64 KB at most, stay in cache while the block's rows stream past).
    private func flushHistogram() {
        let bins = problem.bins
        var a0 = 0
        while a0 < n {
            let a1 = min(a0 + 64, n)
            for q in 0..<bufferedRows {
                let row = binBuffer + q * n
                for a in a0..<a1 { hist[a * bins + Int(row[a])] &+= 1 }
            }
            a0 = a1
        }
        bufferedRows = 0
    }

    /// Adds the ranking in `ranker` to the counters.
    @inline(__always)
    private func accumulate() {
        let rankOf = ranker.rankOf
        for t in 0..<ranker.topCount {
            let a = Int(ranker.top[t]), r = Int(rankOf[a])
            top[a * topK + r - 1] &+= 1
            if r == 1 {
                if winCounts[a] == 0 { touched.append(a) }
                winCounts[a] += 1
                for j in 0..<m { winSums[a * m + j] += weights[j] }
            }
        }
        let row = binBuffer + bufferedRows * n
        for a in 0..<n {
            let r = Int(rankOf[a])
            rankSum[a] &+= r
            row[a] = binOf[r - 1]
        }
        bufferedRows += 1
        if let wins {
            for i in 0..<n {
                let ri = rankOf[i]
                let row = wins + i * n
                for k in 0..<n { row[k] &+= rankOf[k] > ri ? 1 : 0 }
            }
        }
    }
}
