import Foundation

/// The counts of a whole main pass, merged from the threads' `SMAACounters`, and the rank
/// statistics and notes computed from them.
///
/// Why merged here: integer counts add up exactly in any order, but the central weights are
/// floating-point sums, which must be added in one fixed order (block by block) for the result
/// not to depend on the number of threads.
struct SMAATally {
    let problem: SMAAProblem
    /// top[a · topK + r − 1], rankSum[a], wins[i · n + k], clamps[j · n + i].
    let top, rankSum, wins, clamps: [Int]
    /// The run's rank histogram, histogram[a · bins + b] (shared with the counts, not copied:
    /// 100 MB for 100,000 alternatives).
    let histogram: [UInt32]
    /// Samples with tied scores, and base weight draws used.
    let tied, weightTries: Int
    /// Samples in which each alternative ranked first, and its central weights (nil if never).
    let winCount: [Int]
    let central: [[Double]?]

    /// The tally of a main pass's counts (every block's).
    /// - Complexity: O(n · (topK + m + bins)) plus O(w · m) for the w block winners, O(n²) with
    ///   pairwise wins.
    init(problem: SMAAProblem, counts: SMAAPartialCounts) {
        self.problem = problem
        let n = problem.n, m = problem.m
        histogram = counts.histogram
        var winSum = [Double](repeating: 0, count: n * m)
        var winCount = [Int](repeating: 0, count: n)
        // The weight sums in block order, whatever thread or shard counted them.
        for bw in counts.winners.sorted(by: { $0.block < $1.block }) {
            for (k, a) in bw.alternatives.enumerated() {
                winCount[a] += bw.counts[k]
                for j in 0..<m { winSum[a * m + j] += bw.sums[k * m + j] }
            }
        }
        (top, rankSum, wins, clamps) = (counts.top, counts.rankSum, counts.wins, counts.clamps)
        (tied, weightTries, self.winCount) = (counts.tied, counts.weightTries, winCount)
        central = (0..<n).map { a in
            winCount[a] == 0 ? nil : (0..<m).map { winSum[a * m + $0] / Double(winCount[a]) }
        }
    }

    /// The run's result: shares from the counts, and notes (after `notes`) on the weight
    /// constraints' acceptance, tied samples and clamped values.
    /// - Complexity: O(n · (topK + bins)), plus O(n²) with pairwise wins.
    func result(threads: Int, confidenceSamples: Int, confidenceFactors: [Double?], notes given: [String]) -> SMAAResult {
        let p = problem, n = p.n, topK = p.topK, samples = p.samples
        let total = Double(samples)
        let acceptability = (0..<n).map { a in (0..<topK).map { Double(top[a * topK + $0]) / total } }
        let meanRank = rankSum.map { Double($0) / total }
        let quantiles = (0..<n).map {
            RankHistogram.quantiles($0, counts: histogram, n: n, width: p.width, bins: p.bins, samples: samples)
        }
        let pairwiseWinning: [[Double]]? = p.pairwise
            ? (0..<n).map { i in (0..<n).map { k in Double(wins[i * n + k]) / total } }
            : nil

        var notes = given
        let acceptance: Double?
        if case .given = p.weights.source {
            acceptance = nil
        } else {
            let rate = Double(samples) / Double(max(weightTries, 1))
            acceptance = rate
            if p.weights.isConstrained {
                notes.append("weight constraints accepted \(samples) of \(weightTries) base weight draws (\(String(format: "%.3g", 100 * rate)) %)")
            }
        }
        if tied > 0 {
            notes.append("\(tied) of \(samples) samples had tied scores; tied alternatives share the better rank")
        }
        let clamped = (0..<(n * p.m)).filter { clamps[$0] > 0 }
        for c in clamped.prefix(10) {
            let i = c % n, j = c / n
            notes.append("the sampled value of \(p.criteria[j]) for \(p.alternatives[i]) stayed outside its bounds after \(p.values.maximumTries) draws in \(clamps[c]) of \(samples) samples and was clamped to the nearest bound")
        }
        if clamped.count > 10 { notes.append("… and \(clamped.count - 10) more values were clamped to their bounds") }

        return SMAAResult(
            alternatives: p.alternatives, criteria: p.criteria, method: type(of: p.method).name, samples: samples,
            confidenceSamples: confidenceSamples, seed: p.seed, threads: threads, topK: topK,
            rankAcceptability: acceptability, meanRank: meanRank,
            medianRank: quantiles.map(\.median), rankPercentile5: quantiles.map(\.p5), rankPercentile95: quantiles.map(\.p95),
            rankResolution: p.width, centralWeights: central, confidenceFactors: confidenceFactors,
            pairwiseWinning: pairwiseWinning, tiedSamples: tied, weightAcceptanceRate: acceptance, notes: notes)
    }
}

extension ScratchBuffer where Element: BinaryInteger {
    /// Adds every element to the same position of `totals` (of the same count).
    /// - Complexity: O(count).
    func add(into totals: inout [Int]) {
        precondition(totals.count == count, "ScratchBuffer: adding \(count) counts into \(totals.count)")
        for x in 0..<count { totals[x] += Int(self[x]) }
    }
}
