import ScreenCore
import ScreenNumerics
/// Complex Proportional Assessment (Zavadskas, Kaklauskas & Šarka 1994; pymcdm `COPRAS`).
///
/// Values are shared out by column sums, `rᵢⱼ = xᵢⱼ/Σᵢxᵢⱼ`, weighted, and summed separately
/// over benefit criteria (`S⁺ᵢ`) and cost criteria (`S⁻ᵢ`). The relative significance
/// `Qᵢ = S⁺ᵢ + ΣₖS⁻ₖ / (S⁻ᵢ · Σₖ 1/S⁻ₖ)` rewards small cost totals; the score is the
/// utility degree `Qᵢ / maxₖ Qₖ` (1 for the best alternative).
///
/// pymcdm 1.2.1–1.4 computes the second term as `(min S⁻ · S⁻ᵢ)/(S⁻ᵢ · (min S⁻/S⁻ᵢ))`, which
/// simplifies to `S⁻ᵢ`: there `Q = S⁺ + S⁻`, so a larger cost *raises* the score. The
/// published formula (also scikit-criteria's, JMcDM's and pymcdm ≤ 1.2.0's) is the default
/// here; `.pymcdm` reproduces pymcdm 1.4 for comparisons only.
public struct COPRAS: RankingMethod {
    /// The method's name in profiles and on the command line.
    public static let name = "copras"
    /// The utility degree: higher is better.
    public static let higherIsBetter = true
    /// pymcdm's COPRAS takes no normalisation (it always divides by column sums).
    public var normalization: Normalization { .none }
    /// Which relative-significance formula is used; `.published` unless asked.
    public let variant: Variant

    /// Which relative-significance formula to use.
    public enum Variant: String, CaseIterable, Sendable {
        /// `Q = S⁺ + ΣS⁻/(S⁻ · Σ 1/S⁻)` (Zavadskas et al. 1994, 2007).
        case published
        /// `Q = S⁺ + S⁻`, what pymcdm 1.2.1–1.4 computes.
        case pymcdm
    }

    /// COPRAS with the published formula, or pymcdm 1.4's for comparisons.
    public init(variant: Variant = .published) {
        self.variant = variant
    }

    /// The utility degree `Q/max Q` per alternative.
    ///
    /// - Throws: `DecisionError.invalidColumn` for a negative value or a zero column sum,
    ///   `DecisionError.parameter` without any cost criterion (pymcdm and scikit-criteria
    ///   refuse it too), and, in the published form, when an alternative's cost total is
    ///   zero (the formula divides by it).
    /// - Complexity: O(m·n) for m alternatives and n criteria.
    public func scores(_ matrix: DecisionMatrix, weights: [Double]) throws -> [Double] {
        try Ranking.validateWeights(weights, for: matrix)
        guard matrix.types.contains(.min) else {
            throw DecisionError.parameter("copras needs at least one cost criterion (it rewards small cost totals)")
        }
        var benefit = [Double](repeating: 0, count: matrix.rowCount)
        var cost = [Double](repeating: 0, count: matrix.rowCount)
        for j in 0..<matrix.columnCount {
            let column = matrix.column(j)
            if let negative = column.first(where: { $0 < 0 }) {
                throw DecisionError.invalidColumn(criterion: matrix.criteria[j], reason: "copras shares values out by column sums and needs values ≥ 0, found \(negative)")
            }
            let total = column.reduce(0, +)
            guard total > 0 else {
                throw DecisionError.invalidColumn(criterion: matrix.criteria[j], reason: "copras divides by the column sum, which is zero")
            }
            for i in column.indices {
                let v = column[i] / total * weights[j]
                if matrix.types[j] == .max { benefit[i] += v } else { cost[i] += v }
            }
        }
        let significance: [Double]
        switch variant {
        case .pymcdm:
            significance = zip(benefit, cost).map { $0 + $1 }
        case .published:
            if let i = cost.firstIndex(where: { $0 <= 0 }) {
                let names = zip(matrix.criteria, matrix.types).filter { $0.1 == .min }.map(\.0).joined(separator: ", ")
                throw DecisionError.invalidColumn(criterion: names, reason: "copras: \(matrix.alternatives[i]) has a weighted cost total of zero, and the relative significance divides by it")
            }
            let costTotal = cost.reduce(0, +)
            let inverseTotal = cost.reduce(0) { $0 + 1 / $1 }
            significance = zip(benefit, cost).map { $0 + costTotal / ($1 * inverseTotal) }
        }
        // One significance per alternative, and a DecisionMatrix has at least one (its init throws otherwise).
        let best = significance.max()!
        guard best > 0 else {
            throw DecisionError.weights("copras: every relative significance is zero (the weighted criteria are all zero)")
        }
        return significance.map { $0 / best }
    }
}
