/// The counts of SMAA-2's main pass over some blocks of samples — a whole run, or one shard of it
/// (`--shard i/n`) — in a form that adds up exactly: integer counts, and the central-weight sums
/// kept per block so that the merge adds them in block order, as one process does. Why: a run of
/// millions of samples or candidates can be split over the nodes of a cluster and merged into
/// exactly the single run's result.
public struct SMAAPartialCounts: Codable, Sendable {
    /// The samples of one block in which alternatives ranked first, with their weight sums.
    public struct BlockWinners: Codable, Sendable {
        /// The block's index.
        public let block: Int
        /// The alternatives that ranked first in at least one of the block's samples, in increasing order.
        public let alternatives: [Int]
        /// counts[k]: the samples of the block that `alternatives[k]` won.
        public let counts: [Int]
        /// sums[k · m + j]: the sum of criterion j's weight over the samples alternative k won.
        public let sums: [Double]
    }

    /// The blocks counted (lower ..< upper).
    public let firstBlock: Int, endBlock: Int
    /// top[a · topK + r − 1], rankSum[a], wins[i · n + k] (empty without pairwise), clamps[j · n + i].
    public var top: [Int], rankSum: [Int], wins: [Int], clamps: [Int]
    /// Samples with tied scores, and base weight draws used.
    public var tied: Int, weightTries: Int
    /// The rank histogram, histogram[a · bins + b].
    public var histogram: [UInt32]
    /// Every block's winners, by block.
    public var winners: [BlockWinners]

    /// Adds up the threads' counters of a main pass.
    /// - Complexity: O(t · (n·(topK + m) + n·bins)) for t threads, plus O(t · n²) with pairwise wins.
    init(blocks: Range<Int>, counters: [SMAACounters], histogram: RankHistogram) {
        firstBlock = blocks.lowerBound
        endBlock = blocks.upperBound
        let first = counters[0]
        var top = [Int](repeating: 0, count: first.n * first.topK)
        var rankSum = [Int](repeating: 0, count: first.n)
        var wins = first.wins == nil ? [] : [Int](repeating: 0, count: first.n * first.n)
        var clamps = [Int](repeating: 0, count: first.n * first.m)
        var tied = 0, weightTries = 0
        var winners: [BlockWinners] = []
        for c in counters {
            c.top.add(into: &top)
            c.rankSum.add(into: &rankSum)
            c.wins?.add(into: &wins)
            c.clamps.add(into: &clamps)
            tied += c.tied
            weightTries += c.weightTries
            winners += c.blockWinners.map { BlockWinners(block: $0.block, alternatives: $0.winners.alternatives,
                                                         counts: $0.winners.counts, sums: $0.winners.sums) }
        }
        (self.top, self.rankSum, self.wins, self.clamps, self.tied, self.weightTries) = (top, rankSum, wins, clamps, tied, weightTries)
        self.histogram = histogram.counts.array
        self.winners = winners.sorted { $0.block < $1.block }
    }

    /// The counts of every shard added up: integer sums (exact in any order), the block winners
    /// together (the tally adds their weight sums in block order).
    /// - Precondition: `parts` are of one problem (same n, m, topK, bins, pairwise) and cover
    ///   disjoint blocks; `PartialResult.readAll` and the fingerprint check that.
    static func merged(_ parts: [SMAAPartialCounts]) -> SMAAPartialCounts {
        var total = parts[0]
        for p in parts.dropFirst() {
            for x in total.top.indices { total.top[x] += p.top[x] }
            for x in total.rankSum.indices { total.rankSum[x] += p.rankSum[x] }
            for x in total.wins.indices { total.wins[x] += p.wins[x] }
            for x in total.clamps.indices { total.clamps[x] += p.clamps[x] }
            for x in total.histogram.indices { total.histogram[x] += p.histogram[x] }
            total.tied += p.tied
            total.weightTries += p.weightTries
            total.winners += p.winners
        }
        total.winners.sort { $0.block < $1.block }
        return total
    }
}
