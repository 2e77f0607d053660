import ScreenCore
import ScreenNumerics
/// PROMETHEE II (Brans & Vincke 1985; pymcdm `PROMETHEE_II`): the net outranking flow
/// `φ(a) = φ⁺(a) − φ⁻(a)`, where `φ⁺(a) = Σ_b π(a, b)/(m − 1)`,
/// `φ⁻(a) = Σ_b π(b, a)/(m − 1)` and `π(a, b) = Σⱼ wⱼ Pⱼ(dⱼ(a, b))` with `dⱼ` the difference
/// on criterion j, oriented so that positive means better.
///
/// Why: pairwise comparisons with thresholds in the criterion's own units, so no
/// normalisation is needed (pymcdm's PROMETHEE II takes none: `normalization` is `.none`).
public struct PROMETHEEII: RankingMethod {
    /// The method's name in profiles and on the command line (`promethee_ii` is accepted too).
    public static let name = "promethee2"
    /// The net flow φ: higher is better.
    public static let higherIsBetter = true
    /// `.none`: thresholds are in the criteria's own units.
    public var normalization: Normalization { .none }
    /// The same function for every criterion, as in pymcdm. pymcdm has no default; `.usual`
    /// here, the one function that needs no thresholds.
    public let preference: PreferenceFunction
    /// Per-criterion thresholds (one value for every criterion, or one per criterion); nil
    /// where the function does not read them.
    public let q: [Double]?
    /// Strict-preference thresholds (vshape, level, linear).
    public let p: [Double]?
    /// Gaussian inflection points (gaussian).
    public let s: [Double]?

    /// Positive, negative and net flows per alternative.
    public struct Flows: Sendable, Equatable {
        /// φ⁺: how strongly each alternative outranks the others, in [0, 1].
        public let positive: [Double]
        /// φ⁻: how strongly the others outrank it, in [0, 1].
        public let negative: [Double]
        /// φ = φ⁺ − φ⁻, the score, in [−1, 1].
        public let net: [Double]
    }

    /// PROMETHEE II with one preference function for every criterion and its thresholds (one
    /// value for all criteria or one per criterion; only those the function reads are kept).
    ///
    /// - Throws: `DecisionError.parameter` when a threshold the function needs is missing,
    ///   or a threshold is negative or not finite, or `p < q`, or `p` (V-shape) or `s` is 0.
    ///   pymcdm does not check these; a negative q would count a tie as a preference.
    /// - Complexity: O(n) for n threshold values.
    public init(preference: PreferenceFunction = .usual, q: [Double]? = nil, p: [Double]? = nil, s: [Double]? = nil) throws {
        func check(_ name: String, _ values: [Double]?, needed: Bool, positive: Bool) throws -> [Double]? {
            guard needed else { return nil }
            guard let values, !values.isEmpty else {
                throw DecisionError.parameter("promethee2: the \(preference.rawValue) preference function needs the threshold \(name)")
            }
            for x in values where !x.isFinite || x < 0 || (positive && x == 0) {
                throw DecisionError.parameter("promethee2: threshold \(name) must be \(positive ? "> 0" : "≥ 0") and finite, got \(x)")
            }
            return values
        }
        self.preference = preference
        self.q = try check("q", q, needed: preference.usesQ, positive: false)
        self.p = try check("p", p, needed: preference.usesP, positive: preference == .vshape)
        self.s = try check("s", s, needed: preference.usesS, positive: true)
        if let q = self.q, let p = self.p {
            // Compared per criterion; lists of different lengths are reported when scoring.
            func value(_ list: [Double], _ j: Int) -> Double { list.count == 1 ? list[0] : list[j] }
            let count = q.count == 1 ? p.count : q.count
            if p.count == 1 || p.count == count {
                for j in 0..<count where value(p, j) < value(q, j) {
                    throw DecisionError.parameter("promethee2: p must be ≥ q for every criterion (criterion \(j + 1): q = \(value(q, j)), p = \(value(p, j)))")
                }
            }
        }
    }

    /// The net flow φ per alternative.
    /// - Complexity: O(m²·n) for m alternatives and n criteria.
    public func scores(_ matrix: DecisionMatrix, weights: [Double]) throws -> [Double] {
        try flows(matrix, weights: weights).net
    }

    /// `wⱼ φⱼ(a)`, the weighted single-criterion net flows; each row sums to φ(a).
    /// - Complexity: O(m²·n).
    public func contributions(_ matrix: DecisionMatrix, weights: [Double]) throws -> [[Double]]? {
        let degrees = try preferenceDegrees(matrix, weights: weights)
        let m = matrix.rowCount, scale = Double(m - 1)
        return (0..<m).map { a in
            (0..<matrix.columnCount).map { j in
                var net = 0.0
                for b in 0..<m { net += degrees[j][a][b] - degrees[j][b][a] }
                return weights[j] * net / scale
            }
        }
    }

    /// φ⁺, φ⁻ and φ.
    /// - Throws: `DecisionError.shape` with fewer than two alternatives (the flows divide by
    ///   m − 1), `DecisionError.parameter` when a threshold list's length is neither 1 nor
    ///   the number of criteria.
    /// - Complexity: O(m²·n).
    public func flows(_ matrix: DecisionMatrix, weights: [Double]) throws -> Flows {
        let degrees = try preferenceDegrees(matrix, weights: weights)
        let m = matrix.rowCount, scale = Double(m - 1)
        var pi = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for j in 0..<matrix.columnCount {
            for a in 0..<m { for b in 0..<m { pi[a][b] += weights[j] * degrees[j][a][b] } }
        }
        let positive = (0..<m).map { a in pi[a].reduce(0, +) / scale }
        let negative = (0..<m).map { b in (0..<m).reduce(0) { $0 + pi[$1][b] } / scale }
        return Flows(positive: positive, negative: negative, net: zip(positive, negative).map { $0 - $1 })
    }

    /// `Pⱼ(dⱼ(a, b))` as `[criterion][a][b]`, unweighted.
    private func preferenceDegrees(_ matrix: DecisionMatrix, weights: [Double]) throws -> [[[Double]]] {
        try Ranking.validateWeights(weights, for: matrix)
        guard matrix.rowCount >= 2 else {
            throw DecisionError.shape("promethee2 compares alternatives in pairs and needs at least two, got \(matrix.rowCount)")
        }
        let n = matrix.columnCount
        func threshold(_ name: String, _ values: [Double]?) throws -> [Double] {
            guard let values else { return [Double](repeating: 0, count: n) }
            if values.count == 1 { return [Double](repeating: values[0], count: n) }
            guard values.count == n else {
                throw DecisionError.parameter("promethee2: \(values.count) values of \(name) for \(n) criteria (give one, or one per criterion)")
            }
            return values
        }
        let qs = try threshold("q", q), ps = try threshold("p", p), ss = try threshold("s", s)
        return (0..<n).map { j in
            let column = matrix.column(j), sign = matrix.types[j].sign
            return column.map { xa in
                column.map { xb in preference.degree(sign * (xa - xb), q: qs[j], p: ps[j], s: ss[j]) }
            }
        }
    }
}
