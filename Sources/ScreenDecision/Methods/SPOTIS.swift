import ScreenCore
import ScreenNumerics
/// Stable Preference Ordering Towards Ideal Solution (Dezert et al. 2020; pymcdm `SPOTIS`):
/// the weighted distance to an ideal (or expected) point, each criterion's distance scaled
/// by its bounds, `Σⱼ wⱼ |xᵢⱼ − s*ⱼ| / (maxⱼ − minⱼ)`; lower is better.
///
/// Why: with bounds fixed in advance (not taken from the data), an alternative's score does
/// not depend on the others, so adding or removing a candidate cannot reverse a ranking.
public struct SPOTIS: AdditiveRankingMethod {
    /// The method's name in profiles and on the command line.
    public static let name = "spotis"
    /// The score is a distance from the ideal point: lower is better.
    public static let higherIsBetter = false
    /// pymcdm's SPOTIS takes no normalisation: the bounds scale each criterion.
    public var normalization: Normalization { .none }
    /// Per-criterion [lower, upper] bounds; nil takes them from the data (each column's min
    /// and max, pymcdm's `SPOTIS.make_bounds`), which gives up rank-reversal freedom.
    public let bounds: [Bounds]?
    /// The expected solution point; nil uses the ideal point: the upper bound of benefit
    /// criteria and the lower bound of cost criteria (pymcdm's default).
    public let esp: [Double]?

    /// The range of one criterion; scores divide by its width.
    public struct Bounds: Sendable, Equatable {
        /// The smallest value the criterion can take.
        public let lower: Double
        /// The largest value the criterion can take.
        public let upper: Double
        /// Bounds as given; checked (finite, lower < upper, every value inside) when scoring.
        public init(lower: Double, upper: Double) {
            self.lower = lower
            self.upper = upper
        }
    }

    /// SPOTIS with fixed bounds and expected point, or both from the data (nil).
    public init(bounds: [Bounds]? = nil, esp: [Double]? = nil) {
        self.bounds = bounds
        self.esp = esp
    }

    /// The bounds in use for `matrix`.
    /// - Throws: `DecisionError.parameter` for a wrong count or `lower ≥ upper`,
    ///   `DecisionError.invalidColumn` for a constant column when the bounds come from the
    ///   data, or a value outside given bounds (pymcdm rejects all of these).
    /// - Complexity: O(m·n) for m alternatives and n criteria.
    public func resolvedBounds(for matrix: DecisionMatrix) throws -> [Bounds] {
        guard let bounds else {
            return try (0..<matrix.columnCount).map { j in
                let column = matrix.column(j)
                // A column has one value per alternative, and a DecisionMatrix has at least one.
                let b = Bounds(lower: column.min()!, upper: column.max()!)
                guard b.lower < b.upper else {
                    throw DecisionError.invalidColumn(criterion: matrix.criteria[j], reason: "spotis: every value is \(b.lower), so bounds taken from the data have zero width; give explicit bounds")
                }
                return b
            }
        }
        guard bounds.count == matrix.columnCount else {
            throw DecisionError.parameter("spotis: \(bounds.count) bounds for \(matrix.columnCount) criteria")
        }
        for (j, b) in bounds.enumerated() {
            guard b.lower.isFinite, b.upper.isFinite, b.lower < b.upper else {
                throw DecisionError.parameter("spotis: the bounds of \(matrix.criteria[j]) must be finite with lower < upper, got [\(b.lower), \(b.upper)]")
            }
            for (i, x) in matrix.column(j).enumerated() where x < b.lower || x > b.upper {
                throw DecisionError.invalidColumn(criterion: matrix.criteria[j], reason: "spotis: \(matrix.alternatives[i]) has \(x), outside the bounds [\(b.lower), \(b.upper)]")
            }
        }
        return bounds
    }

    /// `wⱼ dᵢⱼ`, the weighted scaled distances from the expected point; each row sums to the
    /// alternative's score, ≥ 0 (0 = at it).
    /// - Throws: `resolvedBounds(for:)`'s errors, or an expected point of the wrong length or
    ///   outside the bounds (`DecisionError.parameter`).
    /// - Complexity: O(m·n) for m alternatives and n criteria.
    public func terms(_ matrix: DecisionMatrix, weights: [Double]) throws -> [[Double]] {
        try Ranking.validateWeights(weights, for: matrix)
        let bounds = try resolvedBounds(for: matrix)
        let point: [Double]
        if let esp {
            guard esp.count == matrix.columnCount else {
                throw DecisionError.parameter("spotis: \(esp.count) expected-point values for \(matrix.columnCount) criteria")
            }
            for (j, s) in esp.enumerated() where !(s >= bounds[j].lower && s <= bounds[j].upper) {
                throw DecisionError.parameter("spotis: the expected point of \(matrix.criteria[j]) (\(s)) is outside its bounds [\(bounds[j].lower), \(bounds[j].upper)]")
            }
            point = esp
        } else {
            point = zip(bounds, matrix.types).map { $1 == .max ? $0.upper : $0.lower }
        }
        return matrix.values.map { row in
            (0..<row.count).map { j in
                weights[j] * abs((row[j] - point[j]) / (bounds[j].lower - bounds[j].upper))
            }
        }
    }
}
