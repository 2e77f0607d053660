import Foundation
import ScreenCore
import ScreenNumerics

/// Criterion weights derived from the data alone, for when no one has stated preferences,
/// or as a baseline to compare stated weights against. Each case computes what pymcdm 1.4's
/// function of the same name (`pymcdm.weights`) computes, on the same internal
/// normalisation, and the result sums to 1.
///
/// The criterion types play no part in any of them (as in pymcdm): they measure how much
/// information a column carries, not which direction is better.
public enum ObjectiveWeights: String, CaseIterable, Sendable {
    /// `1/n` for each of n criteria. pymcdm `equal_weights`.
    case equal
    /// Shannon entropy (Shannon 1948; e.g. Zeleny 1982): with `pᵢⱼ = xᵢⱼ/Σᵢxᵢⱼ` (sum
    /// normalisation, benefit form, so every value must be > 0) and
    /// `eⱼ = −Σᵢ pᵢⱼ ln pᵢⱼ / ln m`, the weight is `(1 − eⱼ)/Σₖ(1 − eₖ)`. A column that is
    /// nearly uniform carries little information and gets little weight.
    /// pymcdm `entropy_weights`.
    case entropy
    /// CRITIC (Diakoulaki et al. 1995): on the min–max normalised matrix (benefit form),
    /// `Cⱼ = σⱼ Σₖ(1 − rⱼₖ)` with σ the sample standard deviation (ddof 1) and r Pearson's
    /// correlation between columns; the weight is `Cⱼ/ΣC`. Contrast and conflict with other
    /// criteria both raise a weight. pymcdm `critic_weights`.
    case critic
    /// Standard deviation: `σⱼ/Σₖσₖ`, σ the sample standard deviation (ddof 1) of the
    /// *raw* column, exactly as pymcdm `standard_deviation_weights` (which does not
    /// normalise, so the weights depend on each criterion's units — normalise first if the
    /// units differ).
    case std

    /// The weights for `matrix`, one per criterion, summing to 1.
    ///
    /// - Throws: `DecisionError.invalidColumn` where the internal normalisation is undefined
    ///   (entropy: a value ≤ 0; critic: a constant column); `DecisionError.shape` with a
    ///   single alternative for entropy, critic and std (ln 1 = 0, ddof 1), or a single
    ///   criterion for critic; `DecisionError.weights` when every criterion would get weight
    ///   zero (e.g. all columns uniform, or critic's criteria perfectly correlated).
    ///   pymcdm returns NaN in all of these cases.
    /// - Complexity: O(m·n) for m alternatives and n criteria, O(m·n²) for critic.
    public func weights(for matrix: DecisionMatrix) throws -> [Double] {
        let m = matrix.rowCount, n = matrix.columnCount
        if self != .equal, m < 2 {
            throw DecisionError.shape("\(rawValue) weights need at least two alternatives, got \(m)")
        }
        let raw: [Double]
        switch self {
        case .equal:
            return [Double](repeating: 1 / Double(n), count: n)
        case .entropy:
            raw = try (0..<n).map { j in
                let shares = try Normalization.sum.normalize(matrix.column(j), type: .max, criterion: matrix.criteria[j])
                let entropy = -shares.reduce(0) { $0 + $1 * Foundation.log($1) } / Foundation.log(Double(m))
                return 1 - entropy
            }
        case .critic:
            guard n >= 2 else { throw DecisionError.shape("critic weights compare criteria with each other and need at least two, got \(n)") }
            let columns = try (0..<n).map { j in
                try Normalization.minmax.normalize(matrix.column(j), type: .max, criterion: matrix.criteria[j])
            }
            let sigma = columns.map(Self.sampleStandardDeviation)
            raw = (0..<n).map { j in
                sigma[j] * (0..<n).reduce(0) { $0 + (1 - Self.pearson(columns[j], columns[$1])) }
            }
        case .std:
            raw = (0..<n).map { Self.sampleStandardDeviation(matrix.column($0)) }
        }
        let total = raw.reduce(0, +)
        guard total > 0 else {
            throw DecisionError.weights("\(rawValue) weights: every criterion gets weight zero (no column carries information by this measure)")
        }
        return raw.map { $0 / total }
    }

    /// Standard deviation with ddof 1 (numpy `std(ddof=1)`).
    static func sampleStandardDeviation(_ x: [Double]) -> Double {
        let mean = x.reduce(0, +) / Double(x.count)
        return (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)).squareRoot()
    }

    /// Pearson's correlation with population moments, as pymcdm's `pearson`. Both inputs are
    /// min–max normalised, so neither is constant.
    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        return (sxy / n) / ((sxx / n).squareRoot() * (syy / n).squareRoot())
    }
}
