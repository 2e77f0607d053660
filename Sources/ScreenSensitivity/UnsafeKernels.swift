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

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    subscript(i: Int) -> Element {
        get {
            precondition(i >= 0 && i < count, "ScratchBuffer: index \(i) out of 0..<\(count)")
            return base[i]
        }
        set {
            precondition(i >= 0 && i < count, "ScratchBuffer: index \(i) out of 0..<\(count)")
            base[i] = newValue
        }
    }

    /// The elements as an array.
    /// - Complexity: O(count).
    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

extension ScratchBuffer where Element: BinaryInteger {
    /// Adds every element to the same position of `totals` (of the same count).
    /// - Complexity: O(count).
    func add(into totals: inout [Int]) {
        precondition(totals.count == count, "ScratchBuffer: adding \(count) counts into \(totals.count)")
        totals.withUnsafeMutableBufferPointer { t in
            for x in 0..<count { t[x] += Int(base[x]) }
        }
    }
}

// MARK: Scoring

/// The fused scoring kernels of `FusedKernel`, on a normalised matrix stored column-major
/// (cell (i, j) at j·n + i) for n alternatives and m criteria.
enum ScoreKernels {
    /// sᵢ = Σⱼ wⱼ·zᵢⱼ, summed in criterion order from 0 — the same operations in the same order
    /// as `WSM.scores`, so the scores are bit-identical.
    ///
    /// - Precondition: `columns.count == n·m`, `weights.count == m`, `scores.count == n`.
    /// - Complexity: O(n·m), contiguous and vectorisable.
    static func weightedSum(_ columns: [Double], n: Int, m: Int, weights: [Double], into scores: inout [Double]) {
        precondition(columns.count == n * m && weights.count == m && scores.count == n, "weightedSum: sizes")
        columns.withUnsafeBufferPointer { cp in
            scores.withUnsafeMutableBufferPointer { sp in
                guard let columns = cp.baseAddress, let s = sp.baseAddress else { return }
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
        }
    }

    /// TOPSIS closeness of every alternative: the weighted values zᵢⱼ·wⱼ, the ideal and
    /// anti-ideal as their column maximum and minimum, the distances summed in criterion order
    /// from 0 — the operations of `TOPSIS.scores` in its order, so the scores are bit-identical.
    ///
    /// - Parameter columnBounds: [max₀, min₀, max₁, …] of `columns` (`columnBounds(_:n:m:into:)`).
    /// - Returns: the first alternative whose two distances are both 0 (its closeness 0/0 is
    ///   undefined and its score NaN), or nil.
    /// - Precondition: sizes n·m, m, 2m and n.
    /// - Complexity: O(n·m), one n-long temporary.
    static func topsis(_ columns: [Double], n: Int, m: Int, weights: [Double], columnBounds: [Double],
                       into scores: inout [Double]) -> Int? {
        precondition(columns.count == n * m && weights.count == m && columnBounds.count == 2 * m && scores.count == n,
                     "topsis: sizes")
        guard n > 0 else { return nil }
        return columns.withUnsafeBufferPointer { cp in
            scores.withUnsafeMutableBufferPointer { sp in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { buffer -> Int? in
                    // Column by column, so that the loops over alternatives vectorise; each sum
                    // still adds the criteria in order from 0, as `TOPSIS.scores` does.
                    let columns = cp.baseAddress!, s = sp.baseAddress!
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
            let columns = cp.baseAddress!
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
        let n = scores.count
        return scores.withUnsafeBufferPointer { sp in
            let scores = sp.baseAddress!
            var loA = SIMD2<Double>(repeating: scores[0]), hiA = loA, loB = loA, hiB = loA
            var nan2 = SIMD2<Double>(repeating: 0)
            var i = 0
            while i + 4 <= n {
                let v = UnsafeRawPointer(scores + i).loadUnaligned(as: SIMD2<Double>.self)
                let w = UnsafeRawPointer(scores + i + 2).loadUnaligned(as: SIMD2<Double>.self)
                loA.replace(with: v, where: v .< loA)
                hiA.replace(with: v, where: v .> hiA)
                loB.replace(with: w, where: w .< loB)
                hiB.replace(with: w, where: w .> hiB)
                nan2 += v * 0 + w * 0
                i += 4
            }
            var lo = Swift.min(loA.min(), loB.min()), hi = Swift.max(hiA.max(), hiB.max()), nan = nan2.sum()
            while i < n {
                lo = Swift.min(lo, scores[i])
                hi = Swift.max(hi, scores[i])
                nan += scores[i] * 0
                i += 1
            }
            return (lo, hi, !nan.isNaN && lo.isFinite && hi.isFinite)
        }
    }

    /// round(y) for |y| < 2³¹, by the 1.5·2⁵² trick: adding it leaves y rounded to an integer in
    /// the low bits of the sum. Monotone like any rounding, and without the range checks of
    /// `Int(_:)` (measured: the bucket pass 35 % faster).
    @inline(__always)
    private static func roundToInt32(_ y: Double) -> Int32 {
        Int32(truncatingIfNeeded: (y + 6_755_399_441_055_744.0).bitPattern)
    }

    /// Maps every score to a bucket, counts the buckets and XORs their members' indices.
    ///
    /// The buckets follow the scores' distribution: a coarse histogram of `cellCount` equal
    /// cells over the range, estimated from up to `distributionSample` scores, gives each cell
    /// 1 + (its share of 3n) buckets, and a score falls linearly within its cell's buckets.
    /// Linear buckets over [min, max] leave skewed scores (sum-normalised cost criteria, where a
    /// few 1/x values are 100× the rest) crowded into a few buckets: measured 46 % of 10,000 such
    /// scores in buckets of three or more with 4n linear buckets, against 5 % with this mapping.
    ///
    /// Monotone: the cell (x − ½ rounded) is monotone in x, cells own disjoint increasing bucket
    /// ranges, and within a cell the bucket is monotone and clamped to the cell's range; x itself
    /// is monotone in the score (correctly rounded − and × are). So a better score never lands
    /// in a later bucket, and equal scores share one.
    ///
    /// - Returns: the number of buckets (≤ 3n + cellCount, the size `cells` has room for).
    @inline(__always)
    private func assignBuckets(_ scores: UnsafePointer<Double>, offset: Double, sign: Double, scale: Double) -> Int {
        let n = count, cellCount = Self.cellCount
        let cellCounts = self.cellCounts.base, cellTable = self.cellTable.base, cells = self.cells.base, bucket = self.bucket.base
        let lastCell = Int32(cellCount - 1)
        let signedScale = sign * scale
        // Estimate the distribution.
        cellCounts.update(repeating: 0, count: cellCount)
        let step = Swift.max(1, n / Self.distributionSample)
        var sampled = 0
        var i = 0
        while i < n {
            let c = Swift.min(Swift.max(Self.roundToInt32((scores[i] - offset) * signedScale - 0.5), 0), lastCell)
            cellCounts[Int(c)] &+= 1
            sampled &+= 1
            i &+= step
        }
        // Buckets per cell and the linear map inside each cell.
        let budget = Self.bucketsPerScore * n
        var start = 0
        for c in 0..<cellCount {
            let k = 1 + budget * Int(cellCounts[c]) / sampled
            cellTable[c] = Cell(slope: Double(k), base: Double(start) - Double(c) * Double(k),
                                lower: Int32(truncatingIfNeeded: start), upper: Int32(truncatingIfNeeded: start + k - 1))
            start += k
        }
        // Bucket of every score; count (at 2b + 2) and XOR the members' indices (at 2b + 1).
        cells.update(repeating: 0, count: 2 * start + 2)
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
        return start
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
        scores.withUnsafeBufferPointer { sp in
            let scores = sp.baseAddress!
            let cells = self.cells.base, bucket = self.bucket.base, rankOf = self.rankOf.base
            let top = self.top.base, deferred = self.deferred.base
            let buckets = assignBuckets(scores, offset: offset, sign: sign, scale: scale)
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
    ///   rows buffered (`closeBlock` empties them).
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

    /// Adds the buffered rows of bins to the histogram, 64 alternatives at a time (their 64
    /// histogram rows, 64 KB at most, stay in cache while the block's rows stream past).
    /// - Complexity: O(n · rows).
    func flushHistogram() {
        let hist = self.hist.base, binBuffer = self.binBuffer.base
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
}
