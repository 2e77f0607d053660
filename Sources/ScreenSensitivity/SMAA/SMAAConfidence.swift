import ScreenNumerics

extension SMAAProblem {
    /// The confidence pass: for each candidate (with its central weights), in how many value
    /// samples it ranks first. Value samples are shared by the candidates (common random
    /// numbers): sample k of block b comes from stream `SMAA.confidenceStreamBase + b`.
    /// Deterministic values take one evaluation per candidate, spread over the workers.
    ///
    /// - Parameters:
    ///   - workers: the main pass's workers (their scorers are reused).
    ///   - candidates: alternatives, in increasing order.
    ///   - weights: each candidate's central weights, summing to 1.
    ///   - checkFirst: the alternatives most likely to beat a candidate (the candidates, most
    ///     frequent winners first); only the speed depends on it.
    ///   - count: value samples per candidate.
    /// - Returns: per candidate, the number of value samples in which it ranks first (ties
    ///   count as first, as in the main pass).
    /// - Throws: the error of the lowest failing block (or candidate, for deterministic values).
    /// - Complexity: O(w · count · n·m) at most for w candidates; with the fused kernels a
    ///   candidate's scan stops at the first alternative that beats it, usually one of `checkFirst`.
    func confidence(workers: [SMAAWorker], candidates: [Int], weights: [[Double]], checkFirst: [Int], count: Int) throws -> [Int] {
        guard !candidates.isEmpty else { return [] }
        let threads = workers.count
        for w in workers {
            w.failure = nil
            w.firsts = [Int](repeating: 0, count: candidates.count)
        }
        if values.isDeterministic {
            SMAA.parallel(threads) { t in
                let worker = workers[t], scorer = worker.scorer
                for c in stride(from: t, to: candidates.count, by: threads) {
                    do {
                        if try scorer.ranksFirst(candidates[c], weights: weights[c], sample: 0, checkFirst: checkFirst) {
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
                let worker = workers[t], scorer = worker.scorer
                let root = RandomGenerator(seed: seed)
                for b in stride(from: t, to: blocks, by: threads) {
                    let rng = root.derived(stream: SMAA.confidenceStreamBase + UInt64(b))
                    for k in (b * SMAA.blockSize)..<min((b + 1) * SMAA.blockSize, count) {
                        do {
                            values.draw(sample: k, using: rng, into: &scorer.raw, clamps: nil)
                            try scorer.prepareValues(sample: k)
                            for c in candidates.indices {
                                if try scorer.ranksFirst(candidates[c], weights: weights[c], sample: k, checkFirst: checkFirst) {
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
