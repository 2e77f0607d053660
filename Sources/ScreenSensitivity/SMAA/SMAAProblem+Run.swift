extension SMAAProblem {
    /// The main pass on `requested` threads (fewer when there are fewer blocks), the merge of
    /// the threads' counts, and the confidence pass for the alternatives that ever rank first.
    ///
    /// Worker t takes blocks t, t + threads, …; every block draws from its own stream, so the
    /// counts do not depend on the number of threads, and the tally merges the central-weight
    /// sums in block order.
    ///
    /// - Throws: the error of the lowest failing block (`SMAAError.method`, `.lowAcceptance`).
    /// - Complexity: see `SMAA.run`.
    func run(threads requested: Int, confidenceSamples: Int, confidenceCandidates: Int? = nil) throws -> SMAAResult {
        let blocks = (samples + SMAA.blockSize - 1) / SMAA.blockSize
        // Enough workers for the larger of the two passes (a worker without a block idles).
        let confidenceWork = values.isDeterministic ? n : (confidenceSamples + SMAA.blockSize - 1) / SMAA.blockSize
        let threads = min(requested, max(blocks, confidenceWork))
        let workers = (0..<threads).map { _ in SMAAWorker(problem: self) }

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
        let tally = SMAATally(problem: self, counters: workers.map(\.counters))

        // Confidence pass: the alternatives that ever rank first, or the `confidenceCandidates`
        // of them that do most often, each at its central weights rescaled to sum 1.
        let everFirst = (0..<n).filter { tally.winCount[$0] > 0 }
        var candidates = everFirst
        if let limit = confidenceCandidates, everFirst.count > limit {
            candidates = Array(everFirst.sorted { (tally.winCount[$1], $0) < (tally.winCount[$0], $1) }.prefix(limit)).sorted()
        }
        let candidateWeights = candidates.map { a -> [Double] in
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
