import Foundation
import ScreenCore
import ScreenNumerics

/// How similar two rankings of the same alternatives are.
///
/// Why: a ranking is only worth reporting if it is stable — across methods, normalisations
/// and weight sweeps. These coefficients are the numbers researchers already quote from
/// pymcdm, so each one follows pymcdm 1.4's `pymcdm.correlations` definition exactly and
/// reproduces its values (to 1e-12 in the tests).
///
/// Input: two arrays of ranks, 1 = best, one entry per alternative in the same order. Ranks
/// are used as given (they are not re-ranked), so tied alternatives should carry the same
/// rank; fractional (average) ranks such as 2.5 are allowed.
///
/// Every function throws `DecisionError` when:
/// - the rankings have different lengths (`.shape`) or fewer than two entries (`.empty`);
/// - a rank is not finite or lies outside [1, n] (`.parameter`) — which catches scores
///   passed by mistake instead of ranks, and keeps rw and WS, whose normalisation assumes
///   ranks in [1, n], meaningful.
public enum RankSimilarity {
    /// Spearman's rank correlation rs: Pearson's correlation of the two rank vectors.
    ///
    /// This is pymcdm's `spearman` (population covariance over population standard
    /// deviations of the ranks as given), not the shortcut 1 − 6Σd²/(n³ − n), which is
    /// wrong with ties. With average ranks for ties it equals scipy's `spearmanr`.
    /// 1 = identical order, −1 = reversed.
    /// - Throws: also `.parameter` when all ranks of one ranking are equal (rs is 0/0).
    /// - Complexity: O(n).
    public static func spearman(_ x: [Double], _ y: [Double]) throws -> Double {
        try validate(x, y)
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else {
            throw DecisionError.parameter("Spearman's rs is undefined when every alternative has the same rank in one ranking")
        }
        return sxy / (sxx.squareRoot() * syy.squareRoot())
    }

    /// Weighted Spearman rw (Pinto da Costa & Soares 2005, "A weighted rank measure of
    /// correlation", Aust. N. Z. J. Stat. 47(4)):
    ///
    ///     rw = 1 − 6 Σ (xᵢ − yᵢ)² ((n − xᵢ + 1) + (n − yᵢ + 1)) / (n⁴ + n³ − n² − n)
    ///
    /// Why: a disagreement near the top of the rankings costs more than one near the
    /// bottom — in screening, who is first matters more than who is last. Symmetric;
    /// 1 = identical, −1 = reversed.
    /// - Complexity: O(n).
    public static func weightedSpearman(_ x: [Double], _ y: [Double]) throws -> Double {
        try validate(x, y)
        let n = Double(x.count)
        var s = 0.0
        for i in x.indices {
            let d = x[i] - y[i]
            s += d * d * ((n - x[i] + 1) + (n - y[i] + 1))
        }
        return 1 - 6 * s / (n * n * n * n + n * n * n - n * n - n)
    }

    /// WS rank similarity coefficient (Sałabun & Urbaniak 2020, "A new coefficient of
    /// rankings similarity in decision-making problems", ICCS 2020, LNCS 12138):
    ///
    ///     WS = 1 − Σ 2^(−xᵢ) |xᵢ − yᵢ| / max(|xᵢ − 1|, |xᵢ − n|)
    ///
    /// Why: weights a disagreement by the reference rank, exponentially, so a change at
    /// the top dominates. Not symmetric: `reference` is the ranking the other is judged
    /// against (pymcdm's first argument). In [0, 1] for permutations; 1 = identical; a
    /// reversed ranking is not 0 (n = 5 gives ≈ 0.26).
    /// - Complexity: O(n).
    public static func ws(reference x: [Double], _ y: [Double]) throws -> Double {
        try validate(x, y)
        let n = Double(x.count)
        var s = 0.0
        for i in x.indices {
            s += pow(2.0, -x[i]) * abs(x[i] - y[i]) / max(abs(1 - x[i]), abs(n - x[i]))
        }
        return 1 - s
    }

    /// Kendall's τ-b: (C − D) / √((P − Tx)(P − Ty)), with C and D the concordant and
    /// discordant pairs, P = n(n − 1)/2 all pairs, Tx and Ty the pairs tied in x and in y.
    ///
    /// Why τ-b: with ties, τ-a cannot reach ±1 even for identical rankings; τ-b corrects
    /// for ties and is what scipy's `kendalltau` returns by default. Without ties τ-b = τ-a,
    /// so it then also equals pymcdm's `kendall_tau`; with ties pymcdm computes τ-a
    /// (see `kendallTauA`).
    /// - Throws: also `.parameter` when all ranks of one ranking are equal (τ-b is 0/0).
    /// - Complexity: O(n²).
    public static func kendallTau(_ x: [Double], _ y: [Double]) throws -> Double {
        try validate(x, y)
        let c = pairCounts(x, y)
        guard c.all > c.tiedX, c.all > c.tiedY else {
            throw DecisionError.parameter("Kendall's τ-b is undefined when every alternative has the same rank in one ranking")
        }
        return Double(c.concordant - c.discordant)
            / (Double(c.all - c.tiedX).squareRoot() * Double(c.all - c.tiedY).squareRoot())
    }

    /// Kendall's τ-a: (C − D) / (n(n − 1)/2); pairs tied in either ranking count as neither.
    ///
    /// This is exactly pymcdm 1.4's `kendall_tau`, kept so pymcdm's numbers can be
    /// reproduced when rankings have ties; prefer `kendallTau` (τ-b) otherwise.
    /// - Complexity: O(n²).
    public static func kendallTauA(_ x: [Double], _ y: [Double]) throws -> Double {
        try validate(x, y)
        let c = pairCounts(x, y)
        return Double(c.concordant - c.discordant) / Double(c.all)
    }

    // MARK: - Helpers

    private struct PairCounts {
        var concordant = 0, discordant = 0, tiedX = 0, tiedY = 0, all = 0
    }

    /// Counts over all pairs i < j; a pair tied in both rankings counts in tiedX and tiedY.
    private static func pairCounts(_ x: [Double], _ y: [Double]) -> PairCounts {
        var c = PairCounts()
        for j in x.indices {
            for i in 0..<j {
                c.all += 1
                let sx = x[i] < x[j] ? -1 : (x[i] > x[j] ? 1 : 0)
                let sy = y[i] < y[j] ? -1 : (y[i] > y[j] ? 1 : 0)
                if sx == 0 { c.tiedX += 1 }
                if sy == 0 { c.tiedY += 1 }
                let product = sx * sy
                if product > 0 { c.concordant += 1 } else if product < 0 { c.discordant += 1 }
            }
        }
        return c
    }

    private static func validate(_ x: [Double], _ y: [Double]) throws {
        guard x.count == y.count else {
            throw DecisionError.shape("rankings of \(x.count) and \(y.count) alternatives cannot be compared")
        }
        guard x.count >= 2 else {
            throw DecisionError.empty("rank similarity needs at least two alternatives, got \(x.count)")
        }
        let n = Double(x.count)
        for (name, ranks) in [("first", x), ("second", y)] {
            if let bad = ranks.firstIndex(where: { !($0.isFinite && $0 >= 1 && $0 <= n) }) {
                throw DecisionError.parameter("the \(name) ranking has rank \(ranks[bad]) at position \(bad + 1); ranks must lie in [1, \(x.count)]")
            }
        }
    }
}
