/// One thread's counts of the main pass: rank acceptabilities for ranks 1…topK, the rank
/// histogram's bins of the current block (added to the run's `RankHistogram` after each round
/// of blocks), rank sums, pairwise wins, clamped values, and the central-weight sums of each
/// block. Integer counts add up exactly in any order; the weight sums are kept per block so
/// that they can be merged in block order (see `SMAATally`).
///
/// Memory: about n·(4·topK + 8 + 9·m + 257) bytes for n alternatives and m criteria, plus 4n²
/// with pairwise wins. The hot loop (`add(_:weights:)`) is in `UnsafeKernels.swift`.
final class SMAACounters {
    let n: Int, m: Int, topK: Int, bins: Int
    /// top[a · topK + r − 1]: samples in which alternative a has rank r ≤ topK.
    let top: ScratchBuffer<UInt32>
    /// The histogram bin of each rank (rank − 1 → bin).
    let binOf: ScratchBuffer<UInt8>
    /// The bins of the block's samples, binBuffer[row · n + alternative]: one n-byte row per
    /// sample, then added to the histogram per block in tiles of alternatives, so that the
    /// histogram's rows stay in cache. Updating the histogram directly from each ranking touches
    /// one cache line per alternative per sample all over an n·bins·4-byte table (10 MB for
    /// 10,000 alternatives): measured 3–4× slower.
    let binBuffer: ScratchBuffer<UInt8>
    var bufferedRows = 0
    /// The sum of each alternative's ranks.
    let rankSum: ScratchBuffer<Int>
    /// wins[i · n + k]: samples in which i ranks strictly better than k (pairwise only).
    let wins: ScratchBuffer<UInt32>?
    /// clamps[j · n + i]: samples in which the value of cell (i, j) was clamped to its bounds.
    let clamps: ScratchBuffer<Int>
    /// Samples with tied scores, and base weight draws used.
    var tied = 0
    var weightTries = 0

    /// The samples of one block in which alternatives ranked first, with their weight sums.
    struct BlockWinners {
        var alternatives: [Int]
        var counts: [Int]
        var sums: [Double]
    }
    private(set) var blockWinners: [(block: Int, winners: BlockWinners)] = []
    /// The current block's first-rank counts and weight sums (by alternative), and the
    /// alternatives they are non-zero for.
    let winSums: ScratchBuffer<Double>
    let winCounts: ScratchBuffer<Int>
    var touched: [Int] = []

    init(problem: SMAAProblem) {
        n = problem.n
        m = problem.m
        topK = problem.topK
        bins = problem.bins
        top = ScratchBuffer(repeating: 0, count: n * topK)
        binOf = ScratchBuffer(repeating: 0, count: n)
        for r in 0..<n { binOf[r] = UInt8(truncatingIfNeeded: r / problem.width) }
        binBuffer = ScratchBuffer(repeating: 0, count: n * SMAA.blockSize)
        rankSum = ScratchBuffer(repeating: 0, count: n)
        wins = problem.pairwise ? ScratchBuffer(repeating: 0, count: n * n) : nil
        clamps = ScratchBuffer(repeating: 0, count: n * m)
        winSums = ScratchBuffer(repeating: 0, count: n * m)
        winCounts = ScratchBuffer(repeating: 0, count: n)
    }

    /// Ends block `b`: keeps its winners' weight sums (its histogram rows stay buffered until
    /// the run adds them).
    /// - Complexity: O(w·m) for the w alternatives that ranked first in the block.
    func closeBlock(_ b: Int) {
        guard !touched.isEmpty else { return }
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
