import ScreenCore
extension SMAAProblem {
    /// The main pass on `requested` threads (fewer when there are fewer blocks), the merge of
    /// the threads' counts, and the confidence pass for the alternatives that ever rank first.
    ///
    /// Worker t takes blocks t, t + threads, …, one per round; every block draws from its own
    /// stream, so the counts do not depend on the number of threads, and the tally merges the
    /// central-weight sums in block order. After each round the threads add the round's rank
    /// bins to the one histogram of the run, each for its own share of the alternatives.
    ///
    /// - Throws: the error of the lowest failing block (`SMAAError.method`, `.lowAcceptance`).
    /// - Complexity: see `SMAA.run`.
    func run(threads requested: Int, confidenceSamples: Int, confidenceCandidates: Int? = nil) throws -> SMAAResult {
        let threads = threadCount(requested: requested, confidenceSamples: confidenceSamples)
        let workers = (0..<threads).map { _ in SMAAWorker(problem: self) }
        let counts = try mainPass(workers: workers, blocks: 0..<blockCount)
        return try finish(counts: counts, workers: workers, confidenceSamples: confidenceSamples,
                          confidenceCandidates: confidenceCandidates)
    }

    /// Blocks of `SMAA.blockSize` samples in the run.
    var blockCount: Int { (samples + SMAA.blockSize - 1) / SMAA.blockSize }

    /// Enough workers for the larger of the two passes (a worker without a block idles).
    func threadCount(requested: Int, confidenceSamples: Int) -> Int {
        let confidenceWork = values.isDeterministic ? n : (confidenceSamples + SMAA.blockSize - 1) / SMAA.blockSize
        return min(requested, max(blockCount, confidenceWork))
    }

    /// The main pass over `blocks` (all of them, or a shard's part): its counts.
    /// - Throws: the error of the lowest failing block.
    func mainPass(workers: [SMAAWorker], blocks: Range<Int>) throws -> SMAAPartialCounts {
        let threads = workers.count
        let counters = workers.map(\.counters)
        let histogram = RankHistogram(n: n, width: width, bins: bins)
        func sampleCount(_ b: Range<Int>) -> Int { min(b.upperBound * SMAA.blockSize, samples) - min(b.lowerBound * SMAA.blockSize, samples) }
        let progress = ProgressLine.count("SMAA", total: sampleCount(blocks), unit: "samples")
        defer { progress.end() }

        // Rounds: worker t runs block round + t, then every thread adds the round's histogram
        // rows of its share of the alternatives. The first round with a failure has the lowest
        // failing block, the one a run without rounds would report.
        for round in stride(from: blocks.lowerBound, to: blocks.upperBound, by: threads) {
            SMAA.parallel(threads) { t in
                guard round + t < blocks.upperBound else { return }
                do { try workers[t].runBlock(round + t) } catch { workers[t].failure = (round + t, error) }
            }
            if let failure = workers.compactMap(\.failure).min(by: { $0.block < $1.block }) { throw failure.error }
            SMAA.parallel(threads) { t in
                histogram.add(rowsOf: workers.map(\.counters), alternatives: histogram.share(t, of: threads))
            }
            for c in counters { c.bufferedRows = 0 }
            progress.advance(by: sampleCount(round..<min(round + threads, blocks.upperBound)))
        }
        return SMAAPartialCounts(blocks: blocks, counters: counters, histogram: histogram)
    }

    /// The result from the counts of every block (one process's, or the shards' added up): the
    /// tally, then the confidence pass on `workers`.
    func finish(counts: SMAAPartialCounts, workers: [SMAAWorker], confidenceSamples: Int,
                confidenceCandidates: Int?) throws -> SMAAResult {
        let threads = workers.count
        let tally = SMAATally(problem: self, counts: counts)

        // Confidence pass: the alternatives that ever rank first, or the `confidenceCandidates`
        // of them that do most often, each at its central weights rescaled to sum 1.
        let everFirst = (0..<n).filter { tally.winCount[$0] > 0 }
        var candidates = everFirst
        if let limit = confidenceCandidates, everFirst.count > limit {
            candidates = Array(everFirst.sorted { (tally.winCount[$1], $0) < (tally.winCount[$0], $1) }.prefix(limit)).sorted()
        }
        let candidateWeights = candidates.map { a -> [Double] in
            // `candidates` ranked first at least once, and central weights are nil only for a win count of 0.
            let c = tally.central[a]!
            let s = c.reduce(0, +)
            return c.map { $0 / s }
        }
        let checkFirst = candidates.sorted { (tally.winCount[$1], $0) < (tally.winCount[$0], $1) }
        let firsts = try confidence(workers: workers, candidates: candidates, weights: candidateWeights,
                                    checkFirst: checkFirst, count: confidenceSamples)
        var confidenceFactors = [Double?](repeating: nil, count: n)
        for (c, a) in candidates.enumerated() { confidenceFactors[a] = Double(firsts[c]) / Double(confidenceSamples) }
        var notes: [String] = []
        if candidates.count < everFirst.count {
            notes.append("confidence factors computed for the \(candidates.count) of \(everFirst.count) candidates that rank first most often; the others' are not computed")
        }
        return tally.result(threads: threads, confidenceSamples: confidenceSamples, confidenceFactors: confidenceFactors,
                            notes: notes)
    }
}
