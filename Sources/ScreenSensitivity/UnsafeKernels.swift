/// The only file of ScreenSensitivity that touches raw memory: the scratch buffers of the
/// threads, and the loops that run for every alternative of every sample (scoring, ranking,
/// counting), where a bounds check per access would cost more than the work.
///
/// Why one file: a reader checks the unsafe code in one place. Every entry point takes safe
/// types (arrays, `ScratchBuffer`s, which know their size) and checks its sizes with a
/// `precondition` before it reads or writes through a pointer; past that check, every index
/// is below a size it checked or an invariant of the owning type (stated where it is used).

// MARK: Scratch buffers

/// A fixed number of elements allocated once: the per-thread buffers of a ranker or of SMAA's
/// counters. Its subscript is bounds-checked; the kernels below use its memory directly.
///
/// Why not an array: a worker's buffers live for the whole run and are read and written by
/// the kernels millions of times; an array stored in a class would be checked for uniqueness
/// and exclusive access on every kernel call, and its size could change.
final class ScratchBuffer<Element> {
    fileprivate let base: UnsafeMutablePointer<Element>
    /// The number of elements, fixed at creation.
    let count: Int

    /// `count` copies of `value`.
    /// - Complexity: O(count).
    init(repeating value: Element, count: Int) {
        precondition(count >= 0, "ScratchBuffer: negative count \(count)")
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: count)
    }

    deinit { base.deinitialize(count: count); base.deallocate() }

    subscript(i: Int) -> Element {
        get { base[checked(i)] }
        set { base[checked(i)] = newValue }
    }

    @inline(__always)
    private func checked(_ i: Int) -> Int {
        precondition(i >= 0 && i < count, "ScratchBuffer: index \(i) out of 0..<\(count)")
        return i
    }

    /// The elements as an array, in O(count).
    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

// MARK: Scoring

/// The fused scoring kernels of `FusedKernel`, on a normalised matrix stored column-major
/// (cell (i, j) at j·n + i) for n alternatives and m criteria. Each works on a range of
/// alternatives, so that a whole ranking, a chunk of it and a single alternative all get their
/// scores from the same operations in the same order.
enum ScoreKernels {
    /// Alternatives per chunk of a full scoring (the running sums stay in L1).
    static let chunk = 1024
    /// Alternatives per chunk of `noneBetter`'s scan: small, as the scan usually stops early.
    static let scanChunk = 256

    /// The scores of every alternative into `scores`: for `.weightedSum`, sᵢ = Σⱼ wⱼ·zᵢⱼ; for
    /// `.topsis`, the closeness to the weighted ideal and anti-ideal (the column maximum and
    /// minimum). Sums run in criterion order from 0 — the operations of `WSM.scores` and
    /// `TOPSIS.scores` in their order, so the scores are bit-identical.
    ///
    /// - Parameter bounds: [max₀, min₀, max₁, …] of `columns` (`columnBounds`); TOPSIS only.
    /// - Returns: for TOPSIS, the first alternative whose two distances are both 0 (its
    ///   closeness 0/0 is undefined and its score NaN), or nil.
    /// - Precondition: sizes n·m, 2m (TOPSIS), m and n.
    /// - Complexity: O(n·m), contiguous and vectorisable, no allocation.
    static func scores(_ kernel: FusedKernel, columns: [Double], bounds: [Double], n: Int, m: Int, weights: [Double],
                       into scores: inout [Double]) -> Int? {
        precondition(scores.count == n, "ScoreKernels.scores: \(scores.count) scores for \(n) alternatives")
        return scores.withUnsafeMutableBufferPointer { sp in
            withChunks(kernel, columns: columns, bounds: bounds, n: n, m: m, weights: weights, chunk: chunk) { chunks -> Int? in
                guard let s = sp.baseAddress else { return nil }
                var begin = 0
                while begin < n {
                    let count = min(chunk, n - begin)
                    chunks.score(begin, count, into: s + begin)
                    begin += count
                }
                // Both distances 0 (the only way to 0/0 with finite values): closeness undefined.
                if kernel == .topsis { for i in 0..<n where s[i].isNaN { return i } }
                return nil
            }
        }
    }

    /// Whether no alternative scores strictly better than alternative `a` (a NaN is never
    /// better), without scoring every alternative when one beats it: it scores `a`, then the
    /// alternatives of `checkFirst` (those likely to beat it), then all in chunks of
    /// `scanChunk`, and stops at the first better score. Each score comes from the operations
    /// of `scores`, so the answer is the one `SMAARanker.ranksFirst` gives on the full scores.
    ///
    /// - Returns: nil when `a`'s own score is NaN (the caller decides on the full scores).
    /// - Precondition: sizes as `scores`; `a` and `checkFirst` in 0..<n.
    /// - Complexity: O(m·(1 + |checkFirst|)) when one of `checkFirst` beats `a`, O(n·m) at most.
    static func noneBetter(than a: Int, kernel: FusedKernel, columns: [Double], bounds: [Double], n: Int, m: Int,
                           weights: [Double], higherIsBetter: Bool, checkFirst: [Int]) -> Bool? {
        precondition(a >= 0 && a < n && checkFirst.allSatisfy { $0 >= 0 && $0 < n }, "noneBetter: alternatives out of 0..<\(n)")
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: scanChunk) { buffer -> Bool? in
            withChunks(kernel, columns: columns, bounds: bounds, n: n, m: m, weights: weights, chunk: scanChunk) { chunks -> Bool? in
                let out = buffer.baseAddress!  // capacity scanChunk > 0: never nil
                chunks.score(a, 1, into: out)
                let own = out[0]
                if own.isNaN { return nil }
                func beaten(_ count: Int) -> Bool {
                    higherIsBetter ? (0..<count).contains { out[$0] > own } : (0..<count).contains { out[$0] < own }
                }
                for i in checkFirst where i != a {
                    chunks.score(i, 1, into: out)
                    if beaten(1) { return false }
                }
                var begin = 0
                while begin < n {
                    let count = min(scanChunk, n - begin)
                    chunks.score(begin, count, into: out)
                    if beaten(count) { return false }
                    begin += count
                }
                return true
            }
        }
    }

    /// Scores chunks of consecutive alternatives under one weight vector; its pointers are
    /// valid only inside `withChunks`.
    private struct Chunks {
        let kernel: FusedKernel
        let columns: UnsafePointer<Double>
        let n: Int, m: Int
        let weights: [Double]
        /// The weighted ideal and anti-ideal of each column (TOPSIS), and room for `chunk`
        /// distances to the anti-ideal.
        let ideal: UnsafePointer<Double>, antiIdeal: UnsafePointer<Double>, temp: UnsafeMutablePointer<Double>

        /// The scores of alternatives begin..<begin + count (count ≤ the chunk) into
        /// out[0..<count], column by column so that the loops over alternatives vectorise;
        /// each sum still adds the criteria in order from 0.
        @inline(__always)
        func score(_ begin: Int, _ count: Int, into out: UnsafeMutablePointer<Double>) {
            for i in 0..<count { out[i] = 0 }
            if kernel == .weightedSum {
                for j in 0..<m {
                    let w = weights[j], c = columns + j * n + begin
                    for i in 0..<count { out[i] += c[i] * w }
                }
                return
            }
            for i in 0..<count { temp[i] = 0 }
            for j in 0..<m {
                let c = columns + j * n + begin, w = weights[j], hi = ideal[j], lo = antiIdeal[j]
                for i in 0..<count {
                    let x = c[i] * w
                    let a = x - hi, b = x - lo
                    out[i] += a * a
                    temp[i] += b * b
                }
            }
            for i in 0..<count {
                let dp = out[i].squareRoot(), dm = temp[i].squareRoot()
                out[i] = dm / (dp + dm)
            }
        }
    }

    /// Calls `body` with a `Chunks` for chunks of up to `chunk` alternatives. The weighted
    /// ideal is (max zᵢⱼ)·wⱼ, exactly max over i of zᵢⱼ·wⱼ: rounding is monotone and wⱼ ≥ 0.
    private static func withChunks<R>(_ kernel: FusedKernel, columns: [Double], bounds: [Double], n: Int, m: Int,
                                      weights: [Double], chunk: Int, _ body: (Chunks) -> R) -> R {
        precondition(columns.count == n * m && weights.count == m && (kernel == .weightedSum || bounds.count == 2 * m),
                     "ScoreKernels: sizes")
        return columns.withUnsafeBufferPointer { cp in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: chunk + 2 * m) { buffer in
                let temp = buffer.baseAddress!, ideal = temp + chunk, antiIdeal = ideal + m  // capacity ≥ chunk ≥ 1
                if kernel == .topsis {
                    for j in 0..<m {
                        ideal[j] = bounds[2 * j] * weights[j]
                        antiIdeal[j] = bounds[2 * j + 1] * weights[j]
                    }
                }
                // An empty matrix has no base address; no chunk then reads it.
                let columns = cp.baseAddress ?? UnsafePointer(temp)
                return body(Chunks(kernel: kernel, columns: columns, n: n, m: m, weights: weights,
                                   ideal: ideal, antiIdeal: antiIdeal, temp: temp))
            }
        }
    }

    /// The maximum and minimum of each column into `bounds` as [max₀, min₀, max₁, min₁, …]
    /// (unchanged for n = 0).
    ///
    /// - Precondition: `columns.count == n·m`, `bounds.count == 2m`.
    /// - Complexity: O(n·m).
    static func columnBounds(_ columns: [Double], n: Int, m: Int, into bounds: inout [Double]) {
        precondition(columns.count == n * m && bounds.count == 2 * m, "columnBounds: sizes")
        guard n > 0 else { return }
        columns.withUnsafeBufferPointer { cp in
            let columns = cp.baseAddress!  // n > 0 (guard) and m ≥ 1 (SMAAProblem), so n·m > 0
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
    }
}

// MARK: Ranking

extension SMAARanker {
    /// The smallest and largest score, and whether every score is finite, in one vectorised
    /// pass (s·0 is NaN exactly when s is not finite).
    /// - Precondition: `scores` is not empty.
    /// - Complexity: O(n).
    static func range(of scores: [Double]) -> (lo: Double, hi: Double, finite: Bool) {
        precondition(!scores.isEmpty, "SMAARanker.range: no scores")
        return scores.withUnsafeBufferPointer { sp in
            let s = sp.baseAddress!, n = sp.count
            var loA = SIMD2<Double>(repeating: s[0]), hiA = loA, loB = loA, hiB = loA, nan2 = SIMD2<Double>(repeating: 0)
            var i = 0
            while i + 4 <= n {
                let v = UnsafeRawPointer(s + i).loadUnaligned(as: SIMD2<Double>.self)
                let w = UnsafeRawPointer(s + i + 2).loadUnaligned(as: SIMD2<Double>.self)
                loA.replace(with: v, where: v .< loA)
                hiA.replace(with: v, where: v .> hiA)
                loB.replace(with: w, where: w .< loB)
                hiB.replace(with: w, where: w .> hiB)
                nan2 += v * 0 + w * 0
                i += 4
            }
            var lo = Swift.min(loA.min(), loB.min()), hi = Swift.max(hiA.max(), hiB.max()), nan = nan2.sum()
            for x in sp[i...] {
                lo = Swift.min(lo, x)
                hi = Swift.max(hi, x)
                nan += x * 0
            }
            return (lo, hi, !nan.isNaN && lo.isFinite && hi.isFinite)
        }
    }

    /// Maps every score to its bucket in the cells that `prepareCells` laid out, counts the
    /// buckets (at 2b + 2 of `cells`) and XORs their members' indices (at 2b + 1).
    /// - Precondition (of the caller): `buckets` from `prepareCells`, so 2·buckets + 2 ≤ cells.count.
    @inline(__always)
    private func assignBuckets(_ scores: UnsafePointer<Double>, buckets: Int, offset: Double, signedScale: Double) {
        let n = count, cellTable = self.cellTable.base, cells = self.cells.base, bucket = self.bucket.base
        let lastCell = Int32(Self.cellCount - 1)
        cells.update(repeating: 0, count: 2 * buckets + 2)
        for i in 0..<n {
            let x = (scores[i] - offset) * signedScale
            let c = Swift.min(Swift.max(Self.roundToInt32(x - 0.5), 0), lastCell)
            let cell = cellTable[Int(c)]
            let b = Swift.min(Swift.max(Self.roundToInt32(x * cell.slope + cell.base - 0.5), cell.lower), cell.upper)
            bucket[i] = b
            let slot = 2 &* Int(b)
            cells[slot &+ 2] &+= 1
            cells[slot &+ 1] ^= Int32(truncatingIfNeeded: i)
        }
    }

    /// The bucket-counting ranker for finite scores with lo < hi; `sign·(s − offset)·scale` is
    /// a score's distance from the best end of the range, in cells. Buckets of three or more
    /// go to `rankDeferred`.
    ///
    /// - Precondition: `scores.count == count` (checked by `rank`).
    /// - Returns: true when some scores tie.
    @inline(__always)
    func bucketRank(_ scores: [Double], topLimit: Int, offset: Double, sign: Double, scale: Double,
                    better: (Double, Double) -> Bool) -> Bool {
        precondition(scores.count == count, "SMAARanker: \(scores.count) scores for a ranker of \(count)")
        let n = count
        var deferredCount = 0, tieCount = 0
        let limit = Int32(truncatingIfNeeded: Swift.min(topLimit, n))
        let buckets = prepareCells(scores, offset: offset, signedScale: sign * scale)
        precondition(2 * buckets + 2 <= cells.count, "SMAARanker: \(buckets) buckets")
        scores.withUnsafeBufferPointer { sp in
            let scores = sp.baseAddress!  // `rank` returns before this for count 0
            let cells = self.cells.base, bucket = self.bucket.base, rankOf = self.rankOf.base
            let top = self.top.base, deferred = self.deferred.base
            assignBuckets(scores, buckets: buckets, offset: offset, signedScale: sign * scale)
            // Inclusive prefix over the counts: cells[2b] becomes bucket b's first position.
            var total: Int32 = 0
            var c = 0
            let end = 2 * buckets
            while c <= end {
                total &+= cells[c]
                cells[c] = total
                c &+= 2
            }
            // Alternatives alone or in pairs: rank directly, without branches that depend on the
            // data (a branch on "alone or pair" mispredicts for a third of the scores and made this
            // pass 2× slower). pair is 1 in a pair, 0 alone; alone, the XOR slot holds i itself, so
            // `other` is 0 — a valid index whose comparison `pair` then masks out.
            var topCount = 0
            for i in 0..<n {
                let cb = 2 &* Int(bucket[i])
                let first = cells[cb], size = cells[cb &+ 2] &- first
                if size <= 2 {
                    let pair = size &- 1
                    let other = Int(cells[cb &+ 1] ^ Int32(truncatingIfNeeded: i))
                    let s = scores[i], o = scores[other]
                    let r = first &+ 1 &+ (pair & (better(o, s) ? 1 : 0))
                    rankOf[i] = r
                    tieCount &+= Int(pair & (o == s ? 1 : 0))
                    if r <= limit {
                        top[topCount] = Int32(truncatingIfNeeded: i)
                        topCount &+= 1
                    }
                } else {
                    deferred[deferredCount] = Int32(truncatingIfNeeded: i)
                    deferredCount &+= 1
                }
            }
            self.topCount = topCount
        }
        let ties = tieCount > 0
        if deferredCount == 0 { return ties }
        return rankDeferred(deferredCount, scores: scores, limit: limit, better: better) || ties
    }
}

// MARK: Counting

extension SMAACounters {
    /// Adds the ranking in `ranker` (with the sample's `weights`) to the counters: rank
    /// acceptabilities of the listed top alternatives, first-rank weight sums, rank sums, the
    /// sample's row of histogram bins, and pairwise wins.
    ///
    /// - Precondition: the ranker ranks n alternatives; m weights; fewer than `SMAA.blockSize`
    ///   rows buffered (the run empties them after each round of blocks).
    /// - Complexity: O(n + topK·m), plus O(n²) with pairwise wins.
    @inline(__always)
    func add(_ ranker: SMAARanker, weights: [Double]) {
        precondition(ranker.count == n && weights.count == m && bufferedRows < SMAA.blockSize, "SMAACounters.add: sizes")
        let rankOf = ranker.rankOf.base, ranked = ranker.top.base
        let top = self.top.base, winCounts = self.winCounts.base, winSums = self.winSums.base
        for t in 0..<ranker.topCount {
            let a = Int(ranked[t]), r = Int(rankOf[a])
            top[a * topK + r - 1] &+= 1
            if r == 1 {
                if winCounts[a] == 0 { touched.append(a) }
                winCounts[a] += 1
                for j in 0..<m { winSums[a * m + j] += weights[j] }
            }
        }
        let rankSum = self.rankSum.base, binOf = self.binOf.base
        let row = binBuffer.base + bufferedRows * n
        for a in 0..<n {
            let r = Int(rankOf[a])
            rankSum[a] &+= r
            row[a] = binOf[r - 1]
        }
        bufferedRows += 1
        if let wins = wins?.base {
            for i in 0..<n {
                let ri = rankOf[i]
                let row = wins + i * n
                for k in 0..<n { row[k] &+= rankOf[k] > ri ? 1 : 0 }
            }
        }
    }
}

extension RankHistogram {
    /// Adds the buffered rows of bins of every thread's `counters` for the alternatives in
    /// `range`, 64 alternatives at a time (their 64 histogram rows, 64 KB at most, stay in
    /// cache while the rows stream past).
    ///
    /// - Precondition: `range` within 0..<n; the counters count n alternatives in `bins` bins
    ///   (so every buffered bin is < bins, as `SMAACounters.binOf` maps ranks).
    /// - Complexity: O(|range| · rows).
    func add(rowsOf counters: [SMAACounters], alternatives range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= n && counters.allSatisfy { $0.n == n && $0.bins == bins },
                     "RankHistogram.add: sizes")
        let hist = counts.base
        var a0 = range.lowerBound
        while a0 < range.upperBound {
            let a1 = min(a0 + 64, range.upperBound)
            for c in counters {
                let rows = c.binBuffer.base
                for q in 0..<c.bufferedRows {
                    let row = rows + q * n
                    for a in a0..<a1 { hist[a * bins + Int(row[a])] &+= 1 }
                }
            }
            a0 = a1
        }
    }
}
