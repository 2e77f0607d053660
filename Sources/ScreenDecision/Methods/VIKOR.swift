import ScreenCore
import ScreenNumerics
/// VIKOR, the compromise ranking of Opricovic (1998; Opricovic & Tzeng 2004; pymcdm `VIKOR`).
///
/// With `f*ⱼ`/`f⁻ⱼ` the best/worst normalised value of criterion j and
/// `dᵢⱼ = wⱼ (f*ⱼ − rᵢⱼ)/(f*ⱼ − f⁻ⱼ)`: group utility `Sᵢ = Σⱼ dᵢⱼ`, individual regret
/// `Rᵢ = maxⱼ dᵢⱼ`, and the score
/// `Qᵢ = v (Sᵢ − S*)/(S⁻ − S*) + (1 − v)(Rᵢ − R*)/(R⁻ − R*)`; lower Q is better.
///
/// Why: it ranks by closeness to the ideal while weighing the majority's utility (S)
/// against the worst single regret (R).
public struct VIKOR: RankingMethod {
    /// The method's name in profiles and on the command line.
    public static let name = "vikor"
    /// The score is Q: lower is better.
    public static let higherIsBetter = false
    /// pymcdm's default is no rescaling (`.none`: cost columns become `max − x`); VIKOR's
    /// ratios are invariant to any positive linear rescaling, so `.minmax` gives the same Q.
    public let normalization: Normalization
    /// Weight of the group utility S against the regret R, in [0, 1]; pymcdm's default 0.5
    /// ("voting by majority").
    public let v: Double

    /// S, R and Q per alternative (all lower-is-better).
    public struct Indices: Sendable, Equatable {
        /// Group utility S (weighted sum of normalised regrets).
        public let s: [Double]
        /// Individual regret R (the largest weighted regret).
        public let r: [Double]
        /// The compromise index Q, the score.
        public let q: [Double]
    }

    /// VIKOR with pymcdm's defaults (no rescaling, v = 0.5) unless told otherwise.
    /// - Throws: `DecisionError.parameter` when `v` is outside [0, 1].
    public init(normalization: Normalization = .none, v: Double = 0.5) throws {
        try DecisionError.requireUnitInterval(v, "vikor: v")
        self.normalization = normalization
        self.v = v
    }

    /// Q per alternative. Not additive (S is, but the score Q is not): no contributions.
    /// - Complexity: O(m·n) for m alternatives and n criteria.
    public func scores(_ matrix: DecisionMatrix, weights: [Double]) throws -> [Double] {
        try indices(matrix, weights: weights).q
    }

    /// S, R and Q.
    ///
    /// - Throws: `DecisionError.invalidColumn` when a criterion is constant after
    ///   normalisation (`f* = f⁻`; pymcdm raises too), besides the normalisation's errors.
    ///   When all S (or all R) are equal, that term of Q is 0/0: pymcdm returns NaN; here, as
    ///   in scikit-criteria, the term is left out, since it does not separate the alternatives.
    /// - Complexity: O(m·n).
    public func indices(_ matrix: DecisionMatrix, weights: [Double]) throws -> Indices {
        try Ranking.validateWeights(weights, for: matrix)
        let rows = try normalization.normalize(matrix)
        var distances = rows.map { _ in [Double](repeating: 0, count: matrix.columnCount) }
        for j in 0..<matrix.columnCount {
            let column = rows.map { $0[j] }
            // A column has one value per alternative, and a DecisionMatrix has at least one.
            let best = column.max()!, worst = column.min()!
            guard best > worst else {
                throw DecisionError.invalidColumn(
                    criterion: matrix.criteria[j],
                    reason: "vikor: every alternative has the same value (after \(normalization.rawValue) normalisation), so (f* − f⁻) is zero")
            }
            for i in rows.indices { distances[i][j] = weights[j] * ((best - column[i]) / (best - worst)) }
        }
        let s = distances.map { $0.reduce(0, +) }
        // Rows have one distance per criterion and there is one row per alternative; a DecisionMatrix has at least one of each.
        let r = distances.map { $0.max()! }
        let sBest = s.min()!, sWorst = s.max()!, rBest = r.min()!, rWorst = r.max()!
        let q = zip(s, r).map { si, ri in
            let group = sWorst > sBest ? v * (si - sBest) / (sWorst - sBest) : 0
            let regret = rWorst > rBest ? (1 - v) * (ri - rBest) / (rWorst - rBest) : 0
            return group + regret
        }
        return Indices(s: s, r: r, q: q)
    }
}
