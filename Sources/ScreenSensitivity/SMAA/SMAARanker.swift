/// Ranks one sample's scores fast, into reusable buffers: the inner loop of SMAA.
///
/// Why not `Ranking.ranks`: SMAA ranks thousands of candidates thousands of times, and a
/// comparison sort plus fresh arrays per sample would dominate the run (about 9× slower on
/// 10,000 scores, see `screen-bench`). This gives the same ranks as `Ranking.ranks` — 1 is the
/// best, tied scores share the better rank, a NaN ranks after every number, ties are exact
/// equality (so −0 ties with +0) — by alternative, without sorting in the usual sense:
///
/// - **Bucket counting.** Finite scores map monotonically to about 3n buckets whose widths
///   follow the scores' distribution (see `prepareCells`), so a
///   better score never lands in a later bucket. One pass counts the buckets and XORs the
///   indices of their members; a prefix sum gives each bucket's first rank. An alternative
///   alone in its bucket has rank `start + 1`; in a bucket of two, the XOR names the other
///   member and one comparison settles both (equal scores share the better rank). Only buckets
///   of three or more — about 5 % of 10,000 WSM scores, skewed or not — are gathered and
///   sorted, by insertion, or by a comparison sort above 64 members, so clustered scores cost
///   O(k log k), never O(k²). Measured on 10,000 WSM scores with sum-normalised cost
///   criteria: 88 µs per ranking, against 137 µs for an LSD radix sort on order-preserving
///   64-bit keys and 120 µs for a bucket sort of the scores followed by an insertion pass.
/// - A comparison sort when a score is not finite or the range overflows.
///
/// Outputs, after each `rank` call: `rank(of:)` for every alternative and `topAlternatives`,
/// the alternatives whose rank is ≤ the call's `topLimit`.
///
/// Not thread-safe: one ranker per thread. Memory: about 70 bytes per score, allocated once.
public final class SMAARanker {
    /// The most scores a ranker takes (bucket positions are 32-bit).
    public static let maximumCount = (Int(Int32.max) - 4 * cellCount) / (2 * bucketsPerScore)

    /// Number of scores ranked per call (n).
    public let count: Int

    /// Buckets per score: 3 leaves 5 % of the scores in buckets of three or more (4: 3.3 %), at
    /// the price of a 3n-long prefix sum; 3 and 4 ran equally fast, 2 about 5 % slower.
    static let bucketsPerScore = 3
    /// Cells of the coarse histogram that adapts the buckets to the scores' distribution.
    static let cellCount = 256
    /// At most this many scores (evenly spaced by index) estimate the distribution.
    static let distributionSample = 2_048

    /// One cell of the coarse histogram: its scores go to buckets
    /// `round(x·slope + base − ½)` clamped to lower…upper, x being the score's distance from
    /// the best end of the range in cells.
    struct Cell {
        var slope: Double
        var base: Double
        var lower: Int32
        var upper: Int32
    }

    /// Rank by alternative (output).
    let rankOf: ScratchBuffer<Int32>
    /// Alternatives with rank ≤ topLimit (output), `topCount` of them.
    let top: ScratchBuffer<Int32>
    var topCount = 0
    /// The bucket of each alternative.
    let bucket: ScratchBuffer<Int32>
    /// Per bucket b: cells[2b + 2] counts it, then (after the prefix sum) cells[2b] is its first
    /// position; cells[2b + 1] is the XOR of its members' indices.
    let cells: ScratchBuffer<Int32>
    /// The bucket ranges of the coarse histogram's cells.
    let cellTable: ScratchBuffer<Cell>
    /// Alternatives in buckets of three or more.
    let deferred: ScratchBuffer<Int32>
    /// Positions → alternatives and their scores, for the gathered buckets.
    let members: ScratchBuffer<Int32>
    let memberScores: ScratchBuffer<Double>

    /// A ranker for `count` scores at a time, with its buffers allocated once.
    ///
    /// - Precondition: 0 ≤ count ≤ `maximumCount`.
    /// - Complexity: O(n) time and memory.
    public init(count: Int) {
        precondition(count >= 0 && count <= Self.maximumCount, "SMAARanker: count \(count) out of 0…\(Self.maximumCount)")
        self.count = count
        rankOf = ScratchBuffer(repeating: 0, count: count)
        top = ScratchBuffer(repeating: 0, count: count)
        bucket = ScratchBuffer(repeating: 0, count: count)
        cells = ScratchBuffer(repeating: 0, count: 2 * (Self.bucketsPerScore * count + Self.cellCount) + 2)
        cellTable = ScratchBuffer(repeating: Cell(slope: 0, base: 0, lower: 0, upper: 0), count: Self.cellCount)
        deferred = ScratchBuffer(repeating: 0, count: count)
        members = ScratchBuffer(repeating: 0, count: count)
        memberScores = ScratchBuffer(repeating: 0, count: count)
    }

    /// Ranks `scores`; read the ranks with `rank(of:)` and `topAlternatives`.
    ///
    /// - Parameters:
    ///   - scores: exactly `count` scores, by alternative; NaN and infinities allowed (a NaN
    ///     ranks after every number; all-NaN scores tie).
    ///   - higherIsBetter: the direction of the scores.
    ///   - topLimit: also list the alternatives with rank ≤ topLimit in `topAlternatives`.
    /// - Returns: true when some scores tie (exact equality).
    /// - Precondition: `scores.count == count`.
    /// - Complexity: O(n) expected for scores spread over their range (O(n log n) at worst,
    ///   when most scores share a bucket); O(n log n) when a score is not finite.
    @discardableResult
    public func rank(_ scores: [Double], higherIsBetter: Bool, topLimit: Int = 0) -> Bool {
        precondition(scores.count == count, "SMAARanker: \(scores.count) scores for a ranker of \(count)")
        topCount = 0
        if count == 0 { return false }
        let (lo, hi, finite) = Self.range(of: scores)
        if !finite { return comparisonRank(scores, higherIsBetter: higherIsBetter, topLimit: topLimit) }
        if hi == lo {
            for a in 0..<count { rankOf[a] = 1 }
            if topLimit >= 1 { for a in 0..<count { top[a] = Int32(a) }; topCount = count }
            return count > 1
        }
        let scale = Double(Self.cellCount) / (hi - lo)
        guard scale.isFinite, scale > 0 else { return comparisonRank(scores, higherIsBetter: higherIsBetter, topLimit: topLimit) }
        if higherIsBetter {
            return bucketRank(scores, topLimit: topLimit, offset: hi, sign: -1, scale: scale, better: { $0 > $1 })
        } else {
            return bucketRank(scores, topLimit: topLimit, offset: lo, sign: 1, scale: scale, better: { $0 < $1 })
        }
    }

    /// The rank (1-based) of `alternative` in the last `rank` call.
    /// - Complexity: O(1).
    public func rank(of alternative: Int) -> Int { Int(rankOf[alternative]) }

    /// The alternatives (0-based) whose rank is ≤ the last call's `topLimit`, in no particular order.
    /// - Complexity: O(number listed).
    public var topAlternatives: [Int] { (0..<topCount).map { Int(top[$0]) } }

    /// Ranks by alternative, as `Ranking.ranks(scores, higherIsBetter:)` returns them.
    /// - Complexity: as `rank(_:higherIsBetter:topLimit:)`.
    public func ranks(_ scores: [Double], higherIsBetter: Bool) -> [Int] {
        rank(scores, higherIsBetter: higherIsBetter)
        return (0..<count).map { Int(rankOf[$0]) }
    }

    /// Sorts and ranks the buckets of three or more, whose members `bucketRank` deferred:
    /// gathers them into their positions (the XOR slot, no longer needed for these buckets,
    /// becomes a fill counter), sorts each bucket, and ranks it.
    ///
    /// - Returns: true when two of them tie.
    /// - Complexity: O(d log d) for d deferred members at worst, O(d) for small buckets.
    func rankDeferred(_ deferredCount: Int, scores: [Double], limit: Int32, better: (Double, Double) -> Bool) -> Bool {
        for d in 0..<deferredCount { cells[2 * Int(bucket[Int(deferred[d])]) + 1] = 0 }
        for d in 0..<deferredCount {
            let a = Int(deferred[d])
            let cb = 2 * Int(bucket[a])
            let p = Int(cells[cb] + cells[cb + 1])
            cells[cb + 1] += 1
            members[p] = Int32(truncatingIfNeeded: a)
            memberScores[p] = scores[a]
        }
        var ties = false
        for d in 0..<deferredCount {
            let cb = 2 * Int(bucket[Int(deferred[d])])
            if cells[cb + 1] == 0 { continue }  // bucket already ranked
            cells[cb + 1] = 0
            let begin = Int(cells[cb]), end = Int(cells[cb + 2])
            sortPositions(begin, end, better: better)
            var r = Int32(begin + 1)
            for p in begin..<end {
                if p > begin && memberScores[p] == memberScores[p - 1] { ties = true } else { r = Int32(p + 1) }
                let a = members[p]
                rankOf[Int(a)] = r
                if r <= limit {
                    top[topCount] = a
                    topCount += 1
                }
            }
        }
        return ties
    }

    /// Orders positions begin..<end of `members`/`memberScores` better first; stable
    /// (alternatives with equal scores stay in index order).
    private func sortPositions(_ begin: Int, _ end: Int, better: (Double, Double) -> Bool) {
        if end - begin <= 64 {
            var k = begin + 1
            while k < end {
                let s = memberScores[k]
                if better(s, memberScores[k - 1]) {
                    let a = members[k]
                    var q = k
                    repeat {
                        memberScores[q] = memberScores[q - 1]
                        members[q] = members[q - 1]
                        q -= 1
                    } while q > begin && better(s, memberScores[q - 1])
                    memberScores[q] = s
                    members[q] = a
                }
                k += 1
            }
            return
        }
        var pairs = (begin..<end).map { (memberScores[$0], members[$0]) }
        pairs.sort { x, y in
            if better(x.0, y.0) { return true }
            if better(y.0, x.0) { return false }
            return x.1 < y.1
        }
        for (k, pair) in pairs.enumerated() {
            memberScores[begin + k] = pair.0
            members[begin + k] = pair.1
        }
    }

    /// `Ranking.ranks`'s order and tie rule, for scores with NaN or infinities.
    /// - Complexity: O(n log n).
    private func comparisonRank(_ scores: [Double], higherIsBetter: Bool, topLimit: Int) -> Bool {
        func better(_ a: Double, _ b: Double) -> Bool {
            if a.isNaN { return false }
            if b.isNaN { return true }
            return higherIsBetter ? a > b : a < b
        }
        let indices = (0..<count).sorted { x, y in
            if better(scores[x], scores[y]) { return true }
            if better(scores[y], scores[x]) { return false }
            return x < y
        }
        var ties = false
        var r: Int32 = 0
        for (p, i) in indices.enumerated() {
            if p > 0 && !better(scores[indices[p - 1]], scores[i]) { ties = true } else { r = Int32(p + 1) }
            rankOf[i] = r
            if Int(r) <= topLimit {
                top[topCount] = Int32(i)
                topCount += 1
            }
        }
        return ties
    }

    /// Lays out the buckets for scores whose distance from the best end of the range, in cells,
    /// is x = (s − offset)·signedScale ∈ [0, cellCount]; returns how many there are (at most
    /// 3n + cellCount, which `cells` has room for). `assignBuckets` then puts each score in one.
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
    /// - Complexity: O(min(n, distributionSample) + cellCount).
    func prepareCells(_ scores: [Double], offset: Double, signedScale: Double) -> Int {
        let n = count, lastCell = Int32(Self.cellCount - 1)
        var counts = [Int](repeating: 0, count: Self.cellCount)
        var sampled = 0
        for i in stride(from: 0, to: n, by: Swift.max(1, n / Self.distributionSample)) {
            counts[Int(Swift.min(Swift.max(Self.roundToInt32((scores[i] - offset) * signedScale - 0.5), 0), lastCell))] += 1
            sampled += 1
        }
        let budget = Self.bucketsPerScore * n
        var start = 0
        for (c, count) in counts.enumerated() {
            let k = 1 + budget * count / sampled
            cellTable[c] = Cell(slope: Double(k), base: Double(start) - Double(c) * Double(k),
                                lower: Int32(truncatingIfNeeded: start), upper: Int32(truncatingIfNeeded: start + k - 1))
            start += k
        }
        return start
    }

    /// round(y) for |y| < 2³¹, by the 1.5·2⁵² trick: adding it leaves y rounded to an integer in
    /// the low bits of the sum. Monotone like any rounding, and without the range checks of
    /// `Int(_:)` (measured: the bucket pass 35 % faster).
    @inline(__always)
    static func roundToInt32(_ y: Double) -> Int32 {
        Int32(truncatingIfNeeded: (y + 6_755_399_441_055_744.0).bitPattern)
    }

    /// Whether alternative `i` ranks first: no score is strictly better (`Ranking.ranks`'s
    /// order: a NaN is first only when every score is NaN).
    ///
    /// - Complexity: O(n).
    static func ranksFirst(_ i: Int, _ scores: [Double], higherIsBetter: Bool) -> Bool {
        let s = scores[i]
        if s.isNaN { return !scores.contains { !$0.isNaN } }
        if higherIsBetter { return !scores.contains { $0 > s } }
        return !scores.contains { $0 < s }
    }
}
