import ScreenCore
import ScreenNumerics
/// One ranking agreed from several: a score per alternative and the ranks it gives.
public struct ConsensusRanking: Sendable, Equatable {
    /// One score per alternative, in input order; larger is better.
    public let scores: [Double]
    /// 1 = best; alternatives with equal scores share the better rank (1, 1, 3, …).
    public let ranks: [Int]
}

/// Consensus rankings: combine the rankings of several methods (or weightings) into one.
///
/// Why: different MCDA methods rarely agree on every position; a consensus is what a
/// report can lead with, and comparing it with each input (see `RankSimilarity`) shows
/// which methods disagree.
///
/// Input: `rankings[k][i]` is the rank of alternative i in ranking k, smaller = better.
/// Only the order within each ranking is used, so any tie convention (1, 1, 3 or 1, 1, 2 or
/// 1.5, 1.5, 3) gives the same result. Every ranking covers the same alternatives in the
/// same order.
///
/// Throws `DecisionError.empty` for no rankings or no alternatives, `.shape` for rankings of
/// different lengths and `.parameter` for a rank that is not finite.
public enum Consensus {
    /// Borda count. In each ranking an alternative earns n − r points, where n is the number
    /// of alternatives and r its average (fractional) rank; equivalently
    ///
    ///     points = #(ranked strictly worse) + ½ · #(others tied with it)
    ///
    /// so tied alternatives share the points of the positions they occupy (two tied for the
    /// top of three: (2 + 1) / 2 = 1.5 each). The score is the total over all rankings;
    /// the consensus ranks by score, descending, equal totals sharing the better rank.
    /// - Complexity: O(k·n log n) for k rankings of n alternatives.
    public static func borda(_ rankings: [[Double]]) throws -> ConsensusRanking {
        let n = try validate(rankings)
        var points = [Double](repeating: 0, count: n)
        for ranking in rankings {
            let sorted = ranking.sorted()
            for i in 0..<n {
                // Alternatives strictly worse / tied (itself included), by binary search.
                let notBetter = n - lowerBound(sorted, ranking[i])
                let worse = n - upperBound(sorted, ranking[i])
                let tiedOthers = notBetter - worse - 1
                // Integer and half-integer sums: exact in Double, independent of order.
                points[i] += Double(worse) + Double(tiedOthers) / 2
            }
        }
        return ConsensusRanking(scores: points, ranks: ranksFromScores(points))
    }

    /// Copeland's pairwise majority. For each pair of alternatives (a, b), count the rankings
    /// that put a strictly before b and those that put b strictly before a (a ranking that
    /// ties them counts for neither); the one with more such rankings wins the pair, equal
    /// counts are a draw. The score is wins − losses (draws add 0), in [−(n − 1), n − 1];
    /// the consensus ranks by score, descending, equal scores sharing the better rank.
    ///
    /// Why beside Borda: Copeland uses only who beats whom, not by how many places, so one
    /// method that puts a candidate last cannot sink it on its own.
    /// - Complexity: O(k·n²) for k rankings of n alternatives.
    public static func copeland(_ rankings: [[Double]]) throws -> ConsensusRanking {
        let n = try validate(rankings)
        var score = [Int](repeating: 0, count: n)
        for a in 0..<n {
            for b in (a + 1)..<n {
                var margin = 0  // rankings preferring a minus rankings preferring b
                for ranking in rankings {
                    if ranking[a] < ranking[b] { margin += 1 } else if ranking[b] < ranking[a] { margin -= 1 }
                }
                if margin > 0 { score[a] += 1; score[b] -= 1 } else if margin < 0 { score[b] += 1; score[a] -= 1 }
            }
        }
        let scores = score.map(Double.init)
        return ConsensusRanking(scores: scores, ranks: ranksFromScores(scores))
    }

    // MARK: - Helpers

    /// Rank 1 for the largest score; equal scores share the better rank ("competition"
    /// ranking: 1 + the number of strictly larger scores).
    private static func ranksFromScores(_ scores: [Double]) -> [Int] {
        let descending = scores.sorted(by: >)
        return scores.map { s in
            // First position holding s in the descending order.
            var lo = 0, hi = descending.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if descending[mid] > s { lo = mid + 1 } else { hi = mid }
            }
            return lo + 1
        }
    }

    /// First index whose value is ≥ v in an ascending array.
    private static func lowerBound(_ a: [Double], _ v: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// First index whose value is > v in an ascending array.
    private static func upperBound(_ a: [Double], _ v: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] <= v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The number of alternatives, after checking the rankings are usable.
    private static func validate(_ rankings: [[Double]]) throws -> Int {
        guard let first = rankings.first else { throw DecisionError.empty("no rankings to combine") }
        let n = first.count
        guard n > 0 else { throw DecisionError.empty("rankings of no alternatives") }
        for (k, ranking) in rankings.enumerated() {
            guard ranking.count == n else {
                throw DecisionError.shape("ranking \(k + 1) has \(ranking.count) alternatives, ranking 1 has \(n)")
            }
            if let i = ranking.firstIndex(where: { !$0.isFinite }) {
                throw DecisionError.parameter("ranking \(k + 1): the rank of alternative \(i + 1) is not a finite number")
            }
        }
        return n
    }
}
