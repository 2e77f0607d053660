/// The rank histogram of an SMAA run: counts[alternative · bins + bin] counts the samples in
/// which the alternative's rank fell in the bin (bins of `width` ranks, at most
/// `SMAA.maximumHistogramBins` of them), from which the median and 5/95 % ranks are read.
///
/// Why one for the whole run: the table has n·bins counters, 100 MB for 100,000 alternatives;
/// one per thread, plus a merged copy, took 5× that. The threads buffer the bins of their
/// block's samples (`SMAACounters.binBuffer`), and after each round of blocks they add every
/// thread's rows together, each thread for its own range of alternatives (`add(rowsOf:alternatives:)`).
///
/// Why `@unchecked Sendable`: during those additions several threads write to the table at
/// once, which the compiler cannot check. The invariant that makes it safe: thread t writes
/// only the rows of `share(t, of:)`, ranges that do not overlap, and nothing reads the table
/// until the parallel loop that writes it has returned (which joins every thread).
final class RankHistogram: @unchecked Sendable {
    let n: Int, bins: Int, width: Int
    let counts: ScratchBuffer<UInt32>

    /// An empty histogram for n alternatives in bins of `width` ranks.
    /// - Complexity: O(n·bins) memory, 4 bytes per counter.
    init(n: Int, width: Int, bins: Int) {
        self.n = n
        self.width = width
        self.bins = bins
        counts = ScratchBuffer(repeating: 0, count: n * bins)
    }

    /// The alternatives whose rows thread t of `threads` adds: contiguous ranges of multiples
    /// of 64 alternatives (the tile of the addition), which together cover 0..<n once.
    func share(_ t: Int, of threads: Int) -> Range<Int> {
        let per = (n + 64 * threads - 1) / (64 * threads) * 64
        return min(t * per, n)..<min((t + 1) * per, n)
    }

    /// The lower 5 %, 50 % and 95 % rank of alternative `a` over `samples` samples, from the
    /// counts of a histogram of this shape (`counts[a · bins + b]`, as in `SMAAPartialCounts`): the
    /// smallest rank whose cumulative share reaches the level, exact when `width` is 1,
    /// otherwise interpolated linearly inside the bin that reaches it (within one bin width of
    /// the exact rank). One pass over the alternative's bins for the three levels, without
    /// allocating (it runs once per alternative: 100,000 times for 100,000 candidates).
    /// - Precondition: `counts.count == n · bins`.
    /// - Complexity: O(bins).
    static func quantiles(_ a: Int, counts: [UInt32], n: Int, width: Int, bins: Int,
                          samples: Int) -> (p5: Double, median: Double, p95: Double) {
        precondition(counts.count == n * bins, "RankHistogram.quantiles: \(counts.count) counts for \(n) × \(bins)")
        let targets = SIMD3<Int>(5, 50, 95) &* samples &+ 99
        var found = SIMD3<Double>(repeating: Double(n))
        var next = 0, cumulative = 0
        for b in 0..<bins where next < 3 {
            let c = Int(counts[a * bins + b])
            guard c > 0 else { continue }
            while next < 3 {
                let target = max(1, targets[next] / 100)
                guard cumulative + c >= target else { break }
                let low = b * width + 1, high = min((b + 1) * width, n)
                found[next] = width == 1 ? Double(low)
                    : Double(low - 1) + Double(target - cumulative) / Double(c) * Double(high - low + 1)
                next += 1
            }
            cumulative += c
        }
        return (found[0], found[1], found[2])
    }
}
