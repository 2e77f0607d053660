import ScreenCore
import ScreenNumerics
/// Pareto dominance, non-dominated sorting and crowding distance over a decision matrix.
///
/// Why: before any weights are chosen, the candidates that no other candidate beats on
/// every criterion at once (front 1) are the ones worth a closer look; the front number
/// is a weight-free screening result that every weighted ranking can be checked against.
///
/// Dominance respects each criterion's type: on a `.max` criterion larger is better, on a
/// `.min` criterion smaller is better. Alternative a dominates b when a is at least as good
/// as b on every criterion and strictly better on at least one. Equal rows therefore do
/// not dominate each other and always share a front.
public enum Pareto {
    /// Whether row `a` dominates row `b` under the criterion `types`.
    ///
    /// Values are compared exactly (no tolerance): a difference of one ulp is a difference.
    /// - Precondition: `a`, `b` and `types` have the same length.
    /// - Complexity: O(m) for m criteria.
    public static func dominates(_ a: [Double], _ b: [Double], types: [CriterionType]) -> Bool {
        precondition(a.count == types.count && b.count == types.count,
                     "rows of \(a.count) and \(b.count) values for \(types.count) criteria")
        var strictlyBetter = false
        for j in types.indices {
            // Multiplying by ±1 is exact, so "better" is a plain comparison after it.
            let x = a[j] * types[j].sign, y = b[j] * types[j].sign
            if x < y { return false }
            if x > y { strictlyBetter = true }
        }
        return strictlyBetter
    }

    /// Whether alternative `a` dominates alternative `b` in `m` (row indices).
    /// - Complexity: O(m) for m criteria.
    public static func dominates(_ a: Int, _ b: Int, in m: DecisionMatrix) -> Bool {
        dominates(m.values[a], m.values[b], types: m.types)
    }

    /// The Pareto front of every alternative: 1 for the non-dominated ones, 2 for those
    /// dominated only by front-1 alternatives, and so on.
    ///
    /// Deb, Pratap, Agarwal & Meyarivan (2002), "A fast and elitist multiobjective genetic
    /// algorithm: NSGA-II", IEEE Trans. Evol. Comput. 6(2), fast non-dominated sort. The
    /// result does not depend on the order of the rows (front numbers move with their rows).
    ///
    /// Guarantees: no alternative is dominated by one in the same or a later front, and every
    /// alternative in front k > 1 is dominated by at least one alternative in front k − 1.
    ///
    /// - Returns: one front number (≥ 1) per alternative, in row order.
    /// - Complexity: O(m·n²) time for n alternatives and m criteria (every pair is compared
    ///   once); O(n²) memory in the worst case for the lists of dominated alternatives. That is
    ///   fine up to a few thousand alternatives (5 000 rows: at most n(n − 1)/2 ≈ 12.5 M indices, ≈ 100 MB in
    ///   the worst case, usually far less); beyond that, use a divide-and-conquer sort.
    public static func fronts(_ m: DecisionMatrix) -> [Int] {
        let n = m.rowCount
        // dominated[p]: the alternatives p dominates; dominatorCount[q]: how many dominate q.
        var dominated = [[Int]](repeating: [], count: n)
        var dominatorCount = [Int](repeating: 0, count: n)
        for p in 0..<n {
            for q in (p + 1)..<n {
                if dominates(p, q, in: m) {
                    dominated[p].append(q)
                    dominatorCount[q] += 1
                } else if dominates(q, p, in: m) {
                    dominated[q].append(p)
                    dominatorCount[p] += 1
                }
            }
        }
        var front = [Int](repeating: 0, count: n)
        var current = (0..<n).filter { dominatorCount[$0] == 0 }
        var k = 1
        while !current.isEmpty {
            var next: [Int] = []
            for p in current {
                front[p] = k
                for q in dominated[p] {
                    dominatorCount[q] -= 1
                    if dominatorCount[q] == 0 { next.append(q) }
                }
            }
            current = next
            k += 1
        }
        return front
    }

    /// The crowding distance of every alternative within its front, computed by `fronts(_:)`.
    /// - Complexity: O(m·n²) for the fronts plus O(m·n log n) for the distances.
    public static func crowdingDistances(_ m: DecisionMatrix) -> [Double] {
        crowdingDistances(m, fronts: fronts(m))
    }

    /// The crowding distance of every alternative within its front (Deb et al. 2002): the sum,
    /// over criteria, of the gap between its two neighbours on that criterion, divided by the
    /// criterion's range within the front. Large = isolated, small = crowded.
    ///
    /// Why: inside one front there is no dominance to order by; the distance says which
    /// alternatives are the unusual trade-offs and which have near twins, for reports.
    ///
    /// Edge cases, chosen so that the result never depends on row order:
    /// - a front of one or two alternatives: every member gets `+infinity` (as in NSGA-II);
    /// - every alternative holding a front's minimum or maximum on a criterion gets
    ///   `+infinity` (the boundaries; with ties at an extreme, all tied members are boundaries);
    /// - an interior alternative's neighbours are the nearest *different* values below and
    ///   above it, so equal rows get equal distances; without ties this is Deb's definition;
    /// - a criterion constant within the front adds nothing (and makes no boundaries), so a
    ///   front of three or more identical rows gets 0 for each.
    /// The direction of a criterion (max/min) does not matter: only gaps are measured.
    ///
    /// - Parameter fronts: a front number per alternative, as returned by `fronts(_:)`.
    /// - Precondition: `fronts.count == m.rowCount`.
    /// - Complexity: O(m·n log n) for n alternatives and m criteria.
    public static func crowdingDistances(_ m: DecisionMatrix, fronts: [Int]) -> [Double] {
        precondition(fronts.count == m.rowCount, "\(fronts.count) front numbers for \(m.rowCount) alternatives")
        var distance = [Double](repeating: 0, count: m.rowCount)
        let members = Dictionary(grouping: m.values.indices, by: { fronts[$0] })
        for (_, rows) in members {
            if rows.count <= 2 {
                for r in rows { distance[r] = .infinity }
                continue
            }
            for j in 0..<m.columnCount {
                // Distinct values of criterion j in this front, ascending.
                let levels = Array(Set(rows.map { m.values[$0][j] })).sorted()
                guard levels.count > 1 else { continue }
                let range = levels[levels.count - 1] - levels[0]
                for r in rows {
                    let v = m.values[r][j]
                    // levels is sorted and contains v: binary search for its position.
                    var lo = 0, hi = levels.count - 1
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if levels[mid] < v { lo = mid + 1 } else { hi = mid }
                    }
                    if lo == 0 || lo == levels.count - 1 {
                        distance[r] = .infinity
                    } else {
                        distance[r] += (levels[lo + 1] - levels[lo - 1]) / range
                    }
                }
            }
        }
        return distance
    }
}
