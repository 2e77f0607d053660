import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics
/// Ranks one sample's scores fast, into reusable buffers: the inner loop of SMAA.
///
/// Why not `Ranking.ranks`: SMAA ranks thousands of candidates thousands of times, and a
/// comparison sort plus fresh arrays per sample would dominate the run (about 9× slower on
/// 10,000 scores, see `screen-bench`). This gives the same ranks as `Ranking.ranks` — 1 is the
/// best, tied scores share the better rank, a NaN ranks after every number, ties are exact
/// equality — by alternative, without sorting in the usual sense:
///
/// - **Bucket counting** (`.bucket`, the default). Finite scores map monotonically to about 3n
///   buckets whose widths follow the scores' distribution (see `assignBuckets`), so a better
///   score never lands in a later bucket. One pass counts the buckets and XORs the indices of
///   their members; a prefix sum gives each bucket's first rank. An alternative alone in its
///   bucket has rank `start + 1`; in a bucket of two, the XOR names the other member and one
///   comparison settles both (equal scores share the better rank). Only buckets of three or
///   more — about 5 % of 10,000 WSM scores, skewed or not — are gathered and sorted, by
///   insertion, or by a comparison sort above 64 members, so clustered scores cost
///   O(k log k), never O(k²). Measured on 10,000 WSM scores with sum-normalised cost
///   criteria: 88 µs per ranking, against 137 µs for an LSD radix sort on order-preserving
///   64-bit keys and 120 µs for a bucket sort of the scores followed by an insertion pass.
/// - **Radix** (`.radix`): LSD radix sort on order-preserving 64-bit keys (8-bit digits,
///   constant digits skipped), kept for comparison in `screen-bench` and as a cross-check.
/// - A comparison sort when a score is not finite or the range overflows.
///
/// Outputs: `ranksByAlternative` (the rank of every alternative) and `topAlternatives` (the
/// alternatives whose rank is ≤ the `topLimit` of the call, in no particular order).
public final class SMAARanker {
    /// How finite scores are ranked.
    public enum Algorithm: String, Sendable, CaseIterable {
        /// Bucket counting with XOR-identified pairs (the default).
        case bucket
        /// LSD radix sort on order-preserving 64-bit keys.
        case radix
    }

    /// The most scores a ranker takes (bucket positions are 32-bit).
    public static let maximumCount = (Int(Int32.max) - 4 * cellCount) / (2 * bucketsPerScore)

    /// Number of scores ranked per call.
    public let count: Int
    public let algorithm: Algorithm
    private var n: Int { count }

    /// Buckets per score: 3 leaves 5 % of the scores in buckets of three or more (4: 3.3 %), at
    /// the price of a 3n-long prefix sum; 3 and 4 ran equally fast, 2 about 5 % slower.
    static let bucketsPerScore = 3

    /// Rank by alternative (output).
    let rankOf: UnsafeMutablePointer<Int32>
    /// Alternatives with rank ≤ topLimit (output), `topCount` of them.
    let top: UnsafeMutablePointer<Int32>
    private(set) var topCount = 0
    /// The bucket of each alternative.
    private let bucket: UnsafeMutablePointer<Int32>
    /// Per bucket b: cells[2b + 2] counts it, then (after the prefix sum) cells[2b] is its first
    /// position; cells[2b + 1] is the XOR of its members' indices.
    private let cells: UnsafeMutablePointer<Int32>
    /// The coarse histogram and the bucket ranges of its cells.
    private let cellCounts: UnsafeMutablePointer<Int32>
    private let cellTable: UnsafeMutablePointer<Cell>
    /// Alternatives in buckets of three or more.
    private let deferred: UnsafeMutablePointer<Int32>
    /// Positions → alternatives and their scores, for the gathered buckets and the sorting paths.
    private let members: UnsafeMutablePointer<Int32>
    private let memberScores: UnsafeMutablePointer<Double>
    private let positionRanks: UnsafeMutablePointer<Int32>
    // Radix sort buffers (allocated for `.radix` only).
    private let keys: UnsafeMutablePointer<UInt64>?
    private let keys2: UnsafeMutablePointer<UInt64>?
    private let order2: UnsafeMutablePointer<Int32>?
    private let digitCounts: UnsafeMutablePointer<Int>?

    /// A ranker for `count` scores at a time, with its buffers allocated once
    /// (about 70 bytes per score).
    public init(count: Int, algorithm: Algorithm = .bucket) {
        precondition(count >= 0 && count <= Self.maximumCount, "SMAARanker: count \(count) out of 0…\(Self.maximumCount)")
        self.count = count
        self.algorithm = algorithm
        rankOf = .allocate(capacity: count)
        top = .allocate(capacity: count)
        bucket = .allocate(capacity: count)
        cells = .allocate(capacity: 2 * (Self.bucketsPerScore * count + Self.cellCount) + 2)
        cellCounts = .allocate(capacity: Self.cellCount)
        cellTable = .allocate(capacity: Self.cellCount)
        deferred = .allocate(capacity: count)
        members = .allocate(capacity: count)
        memberScores = .allocate(capacity: count)
        positionRanks = .allocate(capacity: count)
        if algorithm == .radix {
            keys = .allocate(capacity: count)
            keys2 = .allocate(capacity: count)
            order2 = .allocate(capacity: count)
            digitCounts = .allocate(capacity: 8 * 256)
        } else {
            keys = nil; keys2 = nil; order2 = nil; digitCounts = nil
        }
    }

    deinit {
        rankOf.deallocate(); top.deallocate(); bucket.deallocate(); cells.deallocate()
        cellCounts.deallocate(); cellTable.deallocate(); deferred.deallocate()
        members.deallocate(); memberScores.deallocate(); positionRanks.deallocate()
        keys?.deallocate(); keys2?.deallocate(); order2?.deallocate(); digitCounts?.deallocate()
    }

    /// The rank (1-based) of every alternative after the last `rank` call.
    public var ranksByAlternative: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: rankOf, count: n) }
    /// The alternatives (0-based) whose rank is ≤ the last call's `topLimit`, in no particular order.
    public var topAlternatives: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: top, count: topCount) }

    /// Ranks `scores` (exactly `count` of them).
    ///
    /// - Parameters:
    ///   - topLimit: also list the alternatives with rank ≤ topLimit in `topAlternatives`.
    /// - Returns: true when some scores tie.
    /// - Complexity: O(n) expected for scores spread over their range (O(n log n) at worst,
    ///   when most scores share a bucket); O(n log n) when a score is not finite.
    @discardableResult
    public func rank(_ scores: UnsafeBufferPointer<Double>, higherIsBetter: Bool, topLimit: Int = 0) -> Bool {
        precondition(scores.count == n, "SMAARanker: \(scores.count) scores for a ranker of \(n)")
        if n == 0 { topCount = 0; return false }
        return rank(scores.baseAddress!, higherIsBetter: higherIsBetter, topLimit: topLimit)
    }

    /// Ranks by alternative, as `Ranking.ranks(scores, higherIsBetter:)` returns them.
    /// - Complexity: as `rank(_:higherIsBetter:topLimit:)`.
    public func ranks(_ scores: [Double], higherIsBetter: Bool) -> [Int] {
        scores.withUnsafeBufferPointer { _ = rank($0, higherIsBetter: higherIsBetter) }
        return (0..<n).map { Int(rankOf[$0]) }
    }

    func rank(_ scores: UnsafePointer<Double>, higherIsBetter: Bool, topLimit: Int) -> Bool {
        topCount = 0
        // Range and finiteness in one vectorised pass: s·0 is NaN exactly when s is not finite.
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
        if nan.isNaN || !lo.isFinite || !hi.isFinite { return comparisonRank(scores, higherIsBetter: higherIsBetter, topLimit: topLimit) }
        if hi == lo {
            for a in 0..<n { rankOf[a] = 1 }
            if topLimit >= 1 { for a in 0..<n { top[a] = Int32(a) }; topCount = n }
            return n > 1
        }
        if algorithm == .radix { return radixRank(scores, higherIsBetter: higherIsBetter, topLimit: topLimit) }
        let scale = Double(Self.cellCount) / (hi - lo)
        guard scale.isFinite, scale > 0 else { return comparisonRank(scores, higherIsBetter: higherIsBetter, topLimit: topLimit) }
        if higherIsBetter {
            return bucketRank(scores, topLimit: topLimit, offset: hi, sign: -1, scale: scale, better: { $0 > $1 })
        } else {
            return bucketRank(scores, topLimit: topLimit, offset: lo, sign: 1, scale: scale, better: { $0 < $1 })
        }
    }

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
    /// - Returns: the number of buckets.
    @inline(__always)
    private func assignBuckets(_ scores: UnsafePointer<Double>, offset: Double, sign: Double, scale: Double) -> Int {
        let cellCount = Self.cellCount
        let lastCell = Int32(cellCount - 1)
        let signedScale = sign * scale
        // Estimate the distribution.
        cellCounts.initialize(repeating: 0, count: cellCount)
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
        cells.initialize(repeating: 0, count: 2 * start + 2)
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

    /// The bucket-counting ranker; `sign·(s − offset)·scale` is a score's distance from the best
    /// end of the range, in cells.
    @inline(__always)
    private func bucketRank(_ scores: UnsafePointer<Double>, topLimit: Int, offset: Double, sign: Double, scale: Double,
                            better: (Double, Double) -> Bool) -> Bool {
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
        var tieCount = 0
        var deferredCount = 0
        let limit = Int32(truncatingIfNeeded: Swift.min(topLimit, n))
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
        var ties = tieCount > 0
        if deferredCount == 0 { return ties }
        // Gather the deferred buckets' members into their positions (the XOR slot, no longer
        // needed for these buckets, becomes a fill counter), then sort and rank each bucket.
        for d in 0..<deferredCount { cells[2 &* Int(bucket[Int(deferred[d])]) &+ 1] = 0 }
        for d in 0..<deferredCount {
            let a = Int(deferred[d])
            let cb = 2 &* Int(bucket[a])
            let p = Int(cells[cb] &+ cells[cb &+ 1])
            cells[cb &+ 1] &+= 1
            members[p] = Int32(truncatingIfNeeded: a)
            memberScores[p] = scores[a]
        }
        for d in 0..<deferredCount {
            let cb = 2 &* Int(bucket[Int(deferred[d])])
            if cells[cb &+ 1] == 0 { continue }  // bucket already ranked
            cells[cb &+ 1] = 0
            let begin = Int(cells[cb]), end = Int(cells[cb &+ 2])
            sortPositions(begin, end, better: better)
            var r = Int32(begin + 1)
            for p in begin..<end {
                if p > begin && memberScores[p] == memberScores[p - 1] { ties = true } else { r = Int32(p + 1) }
                let a = members[p]
                rankOf[Int(a)] = r
                if r <= limit {
                    top[topCount] = a
                    topCount &+= 1
                }
            }
        }
        return ties
    }

    /// Orders positions begin..<end of `members`/`memberScores` better first; stable
    /// (alternatives with equal scores stay in index order).
    @inline(__always)
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

    /// Ranks from an order of positions (`members`, best first) and the rank at each position.
    private func finishFromPositions(topLimit: Int) {
        for p in 0..<n {
            let r = positionRanks[p]
            rankOf[Int(members[p])] = r
            if Int(r) <= topLimit {
                top[topCount] = members[p]
                topCount += 1
            }
        }
    }

    /// `Ranking.ranks`'s order and tie rule, for scores with NaN or infinities.
    private func comparisonRank(_ scores: UnsafePointer<Double>, higherIsBetter: Bool, topLimit: Int) -> Bool {
        func better(_ a: Double, _ b: Double) -> Bool {
            if a.isNaN { return false }
            if b.isNaN { return true }
            return higherIsBetter ? a > b : a < b
        }
        let indices = (0..<n).sorted { x, y in
            if better(scores[x], scores[y]) { return true }
            if better(scores[y], scores[x]) { return false }
            return x < y
        }
        var ties = false
        for (p, i) in indices.enumerated() {
            members[p] = Int32(i)
            if p > 0 && !better(scores[indices[p - 1]], scores[i]) {
                positionRanks[p] = positionRanks[p - 1]
                ties = true
            } else {
                positionRanks[p] = Int32(p + 1)
            }
        }
        finishFromPositions(topLimit: topLimit)
        return ties
    }

    /// LSD radix sort on order-preserving keys: a double's bits with the sign bit flipped for
    /// positives and every bit flipped for negatives compare as unsigned integers in the order
    /// of the doubles (−0 just below +0, which still tie as doubles). Eight 8-bit passes at
    /// most; a pass whose digit is the same for every key is skipped. Finite scores only.
    private func radixRank(_ scores: UnsafePointer<Double>, higherIsBetter: Bool, topLimit: Int) -> Bool {
        let keys = keys!, keys2 = keys2!, order2 = order2!, counts = digitCounts!
        let order = members
        counts.initialize(repeating: 0, count: 8 * 256)
        for i in 0..<n {
            let bits = scores[i].bitPattern
            var key = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
            if higherIsBetter { key = ~key }
            keys[i] = key
            order[i] = Int32(i)
            for d in 0..<8 { counts[d &* 256 &+ Int(truncatingIfNeeded: (key >> UInt64(8 &* d)) & 0xFF)] &+= 1 }
        }
        var src = (keys, order), dst = (keys2, order2)
        for d in 0..<8 {
            let c = counts + d * 256
            var constant = false
            for v in 0..<256 where c[v] == n { constant = true; break }
            if constant { continue }
            var total = 0
            for v in 0..<256 { let t = c[v]; c[v] = total; total &+= t }
            let shift = UInt64(8 * d)
            for p in 0..<n {
                let k = src.0[p]
                let v = Int(truncatingIfNeeded: (k >> shift) & 0xFF)
                let q = c[v]
                c[v] = q &+ 1
                dst.0[q] = k
                dst.1[q] = src.1[p]
            }
            swap(&src, &dst)
        }
        if src.1 != order { order.update(from: src.1, count: n) }
        var ties = false
        positionRanks[0] = 1
        for p in 1..<n {
            if scores[Int(order[p])] == scores[Int(order[p - 1])] {
                positionRanks[p] = positionRanks[p - 1]
                ties = true
            } else {
                positionRanks[p] = Int32(p + 1)
            }
        }
        finishFromPositions(topLimit: topLimit)
        return ties
    }

    /// Whether alternative `i` ranks first: no score is strictly better (`Ranking.ranks`'s
    /// order: a NaN is first only when every score is NaN).
    ///
    /// - Complexity: O(n).
    static func ranksFirst(_ i: Int, _ scores: UnsafePointer<Double>, count n: Int, higherIsBetter: Bool) -> Bool {
        let s = scores[i]
        if s.isNaN {
            for k in 0..<n where !scores[k].isNaN { return false }
            return true
        }
        if higherIsBetter {
            for k in 0..<n where scores[k] > s { return false }
        } else {
            for k in 0..<n where scores[k] < s { return false }
        }
        return true
    }
}
