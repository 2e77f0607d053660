import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics
/// One-at-a-time weight sweeps: move one criterion's weight from 0 to 1 while the others
/// keep their proportions, and find the exact weights at which the top of the ranking changes.
///
/// Why: the review's criteria have no agreed weights ("there is currently no unified
/// standard", section 2), so a ranking is only as good as its robustness to them. For additive
/// methods (WSM, MOORA, SPOTIS, PROMETHEE II: the score is Σ w_j·u_ij with u independent of
/// the weights) every score is a straight line in the swept weight and the crossings are
/// solved exactly; for the others the changes are bracketed on a grid and bisected.
public enum WeightSweep {
    /// A weight at which two candidates change places in the top k.
    public struct Reversal: Sendable, Equatable {
        /// The swept weight at which the two candidates swap.
        public let weight: Double
        /// The candidate that moves up past `overtaken` as the weight increases.
        public let risingCandidate: String
        /// The candidate that `risingCandidate` moves past.
        public let overtaken: String
        /// The rank position (1 = best) at which they swap, just below the crossing.
        public let position: Int
    }

    /// A range of the swept weight over which the top k stays the same.
    public struct Segment: Sendable, Equatable {
        /// The range's lower end (0 for the first segment).
        public let from: Double
        /// The range's upper end (1 for the last segment).
        public let to: Double
        /// The top-k candidates in order within this weight range.
        public let top: [String]
    }

    /// The sweep of one criterion's weight from 0 to 1.
    public struct CriterionSweep: Sendable {
        /// The swept criterion's name.
        public let criterion: String
        /// The criterion's normalised weight before sweeping.
        public let baseWeight: Double
        /// The ranges of constant top k, in increasing weight, covering [0, 1].
        public let segments: [Segment]
        /// The swaps within the top k, in increasing weight.
        public let reversals: [Reversal]
        /// The range of this weight (others keeping their proportions) over which the best
        /// candidate at the base weights stays the best.
        public let stabilityLow: Double
        /// The upper end of that range (see `stabilityLow`).
        public let stabilityHigh: Double
    }

    /// The sweeps of every criterion for one method.
    public struct Result: Sendable {
        /// The ranking method's name.
        public let method: String
        /// True when the method is additive and crossings were solved exactly; false when bisected.
        public let exact: Bool
        /// Bisection tolerance on the weight (0 when exact).
        public let tolerance: Double
        /// How many leading candidates a segment lists.
        public let topK: Int
        /// The top k at the base weights.
        public let baseTop: [String]
        /// One sweep per criterion, in the matrix's order.
        public let sweeps: [CriterionSweep]
    }

    /// The weights with criterion j set to t and the others rescaled to keep their proportions
    /// (equal shares when the others are all zero).
    public static func weights(_ base: [Double], sweeping j: Int, to t: Double) -> [Double] {
        let rest = base.indices.filter { $0 != j }.reduce(0) { $0 + base[$1] }
        return base.indices.map { k in
            if k == j { return t }
            return rest > 0 ? (1 - t) * base[k] / rest : (1 - t) / Double(base.count - 1)
        }
    }

    /// - Parameters:
    ///   - topK: the number of leading positions whose changes are reported.
    ///   - grid: points per sweep for non-additive methods (and to find candidates for exact crossings).
    ///   - tolerance: bisection tolerance on the weight for non-additive methods.
    /// - Complexity: additive: O(m·(n·k·grid + s²)) where s is the number of candidates that
    ///   are ever in the top k + 1 on the grid; otherwise O(m·(grid + changes·log(1/tolerance)) · (method + n·k)).
    ///   Only the top k is ever ordered: no step sorts all n candidates.
    public static func run(matrix: DecisionMatrix, weights base: [Double], method: any RankingMethod, topK: Int = 3,
                           grid: Int = 201, tolerance: Double = 1e-9) throws -> Result {
        let w = try Ranking.normalizedWeights(base, for: matrix)
        let k = max(1, min(topK, matrix.rowCount))
        let higher = type(of: method).higherIsBetter
        func top(_ scores: [Double]) -> [Int] { leading(scores, count: k, higherIsBetter: higher) }
        let prepared = try PreparedScores(matrix: matrix, method: method)
        let baseScores = try prepared.scores(w)
        let baseTop = top(baseScores)
        let units = try unitContributions(matrix, method: method)
        var sweeps: [CriterionSweep] = []
        for j in matrix.criteria.indices where matrix.criteria.count > 1 {
            func scores(_ t: Double) throws -> [Double] {
                if let units {
                    let wt = weights(w, sweeping: j, to: t)
                    return units.map { row in zip(row, wt).reduce(0) { $0 + $1.0 * $1.1 } }
                }
                return try prepared.scores(weights(w, sweeping: j, to: t))
            }
            // Breakpoints: exact line crossings (additive) or bisected changes (otherwise).
            let ts = (0..<grid).map { Double($0) / Double(grid - 1) }
            let gridScores = try ts.map { try scores($0) }
            var breaks: [Double] = []
            if let units {
                // score_i(t) = a_i + b_i·t; crossings only among candidates ever near the top.
                let wt0 = weights(w, sweeping: j, to: 0), wt1 = weights(w, sweeping: j, to: 1)
                let a = units.map { row in zip(row, wt0).reduce(0) { $0 + $1.0 * $1.1 } }
                let b = units.enumerated().map { i, row in zip(row, wt1).reduce(0) { $0 + $1.0 * $1.1 } - a[i] }
                var involved = Set<Int>()
                for s in gridScores { involved.formUnion(leading(s, count: k + 1, higherIsBetter: higher)) }
                let list = involved.sorted()
                for (x, p) in list.enumerated() {
                    for q in list[(x + 1)...] where b[p] != b[q] {
                        let t = (a[q] - a[p]) / (b[p] - b[q])
                        if t > 0 && t < 1 { breaks.append(t) }
                    }
                }
                breaks = Array(Set(breaks)).sorted()
            } else {
                let tops = gridScores.map(top)
                for g in 1..<grid where tops[g] != tops[g - 1] {
                    var lo = ts[g - 1], hi = ts[g]
                    while hi - lo > tolerance {
                        let mid = (lo + hi) / 2
                        if top(try scores(mid)) == tops[g - 1] { lo = mid } else { hi = mid }
                    }
                    breaks.append((lo + hi) / 2)
                }
            }
            // Walk the segments between breakpoints, keeping those where the top-k changes.
            var segments: [Segment] = []
            var reversals: [Reversal] = []
            let edges = [0.0] + breaks + [1.0]
            var previous: [Int]? = nil
            for s in 0..<(edges.count - 1) {
                let mid = (edges[s] + edges[s + 1]) / 2
                let current = top(try scores(mid))
                if let previous, previous != current {
                    let t = edges[s]
                    for position in 0..<k where position < current.count && position < previous.count && current[position] != previous[position] {
                        // The candidate now at this position came from lower down (or from outside the top k).
                        let rising = current[position]
                        if let old = previous.firstIndex(of: rising), old < position { continue }
                        reversals.append(Reversal(weight: t, risingCandidate: matrix.alternatives[rising],
                                                  overtaken: matrix.alternatives[previous[position]], position: position + 1))
                    }
                    segments.append(Segment(from: t, to: edges[s + 1], top: current.map { matrix.alternatives[$0] }))
                } else if let last = segments.last, previous != nil {
                    segments[segments.count - 1] = Segment(from: last.from, to: edges[s + 1], top: last.top)
                } else {
                    segments.append(Segment(from: edges[s], to: edges[s + 1], top: current.map { matrix.alternatives[$0] }))
                }
                previous = current
            }
            // Stability of the best candidate around the base weight.
            let best = matrix.alternatives[baseTop[0]]
            var low = 0.0, high = 1.0
            for seg in segments where seg.top.first != best {
                if seg.to <= w[j] + 1e-15 { low = max(low, seg.to) }
                if seg.from >= w[j] - 1e-15 { high = min(high, seg.from) }
            }
            sweeps.append(CriterionSweep(criterion: matrix.criteria[j], baseWeight: w[j], segments: segments,
                                         reversals: reversals, stabilityLow: low, stabilityHigh: high))
        }
        return Result(method: type(of: method).name, exact: units != nil, tolerance: units != nil ? 0 : tolerance, topK: k,
                      baseTop: baseTop.map { matrix.alternatives[$0] }, sweeps: sweeps)
    }

    /// The `count` best alternatives, best first, ties in index order: the first `count` of
    /// the indices sorted by score (then index), found in O(n · count) rather than by a sort.
    static func leading(_ scores: [Double], count: Int, higherIsBetter higher: Bool) -> [Int] {
        func before(_ a: Int, _ b: Int) -> Bool {
            scores[a] != scores[b] ? (higher ? scores[a] > scores[b] : scores[a] < scores[b]) : a < b
        }
        var best: [Int] = []
        best.reserveCapacity(count + 1)
        for i in scores.indices {
            if best.count == count, let last = best.last, !before(i, last) { continue }
            var p = best.count
            while p > 0 && before(i, best[p - 1]) { p -= 1 }
            best.insert(i, at: p)
            if best.count > count { best.removeLast() }
        }
        return best
    }

    /// u_ij such that score_i(w) = Σ_j w_j u_ij, for methods that report contributions and
    /// whose scores are verifiably linear in the weights; nil otherwise.
    static func unitContributions(_ matrix: DecisionMatrix, method: any RankingMethod) throws -> [[Double]]? {
        let m = matrix.columnCount
        var units = [[Double]](repeating: [Double](repeating: 0, count: m), count: matrix.rowCount)
        for j in 0..<m {
            let e = (0..<m).map { $0 == j ? 1.0 : 0.0 }
            guard let c = try? method.contributions(matrix, weights: e) else { return nil }
            for i in 0..<matrix.rowCount { units[i][j] = c[i][j] }
        }
        // Check linearity on a weight vector away from the corners.
        let probe = (0..<m).map { Double($0 + 1) / Double(m * (m + 1) / 2) }
        let direct = try method.scores(matrix, weights: probe)
        for i in 0..<matrix.rowCount {
            let linear = zip(units[i], probe).reduce(0) { $0 + $1.0 * $1.1 }
            if abs(linear - direct[i]) > 1e-9 * max(1, abs(direct[i])) { return nil }
        }
        return units
    }
}
