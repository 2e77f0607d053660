import Foundation
import ScreenCore
import ScreenNumerics

/// How one criterion's raw column is put on a dimensionless scale before a ranking method
/// combines criteria.
///
/// Why these formulas: each case computes what the function of the same role in pymcdm 1.4
/// (`pymcdm.normalizations`) computes, including its cost-criterion variant, so that a method
/// given the same normalisation gives the same scores as pymcdm.
///
/// Where pymcdm would divide by zero, take the log of a non-positive value, or silently return
/// a column that reverses the order of the data, `screen` throws
/// `DecisionError.invalidColumn` naming the criterion instead. No case returns NaN or infinity.
public enum Normalization: String, CaseIterable, Sendable {
    /// Min–max: benefit `(x − min)/(max − min)`, cost `(max − x)/(max − min)`; the best value
    /// maps to 1 and the worst to 0. pymcdm `minmax_normalization`.
    ///
    /// A constant column is an error (pymcdm returns a column of ones).
    case minmax
    /// Ratio to the maximum: benefit `x/max`, cost `1 − x/max`. pymcdm `max_normalization`.
    ///
    /// Needs `max > 0`: a zero maximum divides by zero and a negative one reverses the order
    /// (pymcdm checks neither).
    case max
    /// Share of the column total: benefit `x/Σx`, cost `(1/x)/Σ(1/x)`. pymcdm
    /// `sum_normalization`. Every value must be > 0, as in pymcdm.
    case sum
    /// Ratio to the Euclidean norm: benefit `x/‖x‖`, cost `1 − x/‖x‖`. pymcdm
    /// `vector_normalization`. An all-zero column is an error.
    case vector
    /// Logarithmic: benefit `ln x / ln Πx`, cost `(1 − ln x / ln Πx)/(n − 1)`. pymcdm
    /// `logarithmic_normalization`. Values must be > 0 (as in pymcdm), `Πx ≠ 1`, and the cost
    /// form needs n ≥ 2.
    ///
    /// `ln Πx` is computed as `Σ ln x`, so a product that would overflow a double (pymcdm then
    /// returns zeros) still gives the mathematically intended column.
    case log
    /// Linear, ratio to the best value: benefit `x/max`, cost `min/x`. pymcdm
    /// `linear_normalization`. Values must be > 0 (pymcdm rejects only zeros; with mixed
    /// signs the ratios reverse the order).
    case linear
    /// Standard score: benefit `(x − mean)/σ`, cost `(mean − x)/σ`, with σ the population
    /// standard deviation (ddof 0, as scikit-learn's `StandardScaler` that scikit-criteria
    /// uses). pymcdm 1.4 has no z-score normalisation. A constant column is an error.
    case zscore
    /// Raw values: benefit `x`, cost `max − x`. This is pymcdm's VIKOR default
    /// (`_fake_normalization`): it orients cost criteria without rescaling, which leaves
    /// VIKOR's ratios of differences unchanged.
    ///
    /// Methods whose pymcdm counterpart takes no normalisation (PROMETHEE II, COPRAS, SPOTIS,
    /// EDAS, MOORA) report `.none` too: they read raw values and handle criterion types in
    /// their own formulas.
    case none

    /// The normalised column.
    ///
    /// - Parameters:
    ///   - column: the raw values of one criterion, one per alternative (finite).
    ///   - type: whether the criterion is a benefit or a cost.
    ///   - criterion: the name used in an error.
    /// - Throws: `DecisionError.invalidColumn` where the formula is undefined for this column
    ///   (see each case), `DecisionError.empty` for an empty column.
    /// - Complexity: O(n) for n values.
    ///
    /// Scale-free normalisations (all but `log` and `none`) first divide the column by a power of
    /// two that brings its largest magnitude into [1, 2) (for the cost form of `sum`, its smallest
    /// value), so sums of squares, ranges and totals cannot overflow near 1e308 (pymcdm then
    /// returns zeros and reorders). Dividing by a power of two is exact, so every other column
    /// gives bit for bit what the formula gives unscaled.
    public func normalize(_ input: [Double], type: CriterionType, criterion: String = "unnamed") throws -> [Double] {
        guard let inputLow = input.min(), let inputHigh = input.max() else { throw DecisionError.empty("no values for criterion \(criterion)") }
        let cost = type == .min
        func invalid(_ reason: String) -> DecisionError {
            DecisionError.invalidColumn(criterion: criterion, reason: "\(rawValue) normalisation: \(reason)")
        }
        let magnitude = self == .sum && cost ? inputLow : Swift.max(abs(inputLow), abs(inputHigh))
        let scale = self != .log && self != .none && magnitude.isNormal ? Double(sign: .plus, exponent: magnitude.exponent, significand: 1) : 1
        let column = scale == 1 ? input : input.map { $0 / scale }
        // `input` is not empty (the guard at the top), and scaling keeps its count.
        let lo = column.min()!, hi = column.max()!
        switch self {
        case .minmax:
            guard hi > lo else { throw invalid("all values are equal (\(inputLow)), so the range max − min is zero") }
            let range = hi - lo
            return cost ? column.map { (hi - $0) / range } : column.map { ($0 - lo) / range }
        case .max:
            guard hi > 0 else { throw invalid("the largest value is \(inputHigh); dividing by a maximum ≤ 0 is undefined or reverses the order") }
            return cost ? column.map { 1 - $0 / hi } : column.map { $0 / hi }
        case .sum:
            guard lo > 0 else { throw invalid("needs every value > 0, found \(inputLow)") }
            if cost {
                let inverses = column.map { 1 / $0 }
                let total = inverses.reduce(0, +)
                return inverses.map { $0 / total }
            }
            let total = column.reduce(0, +)
            return column.map { $0 / total }
        case .vector:
            let norm = column.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { throw invalid("every value is zero, so the column's norm is zero") }
            return cost ? column.map { 1 - $0 / norm } : column.map { $0 / norm }
        case .log:
            guard lo > 0 else { throw invalid("the logarithm needs every value > 0, found \(lo)") }
            let logs = column.map { Foundation.log($0) }
            let logProduct = logs.reduce(0, +)
            guard logProduct != 0 else { throw invalid("the product of the values is 1, so ln Πx is zero") }
            if cost {
                guard column.count > 1 else { throw invalid("the cost form divides by n − 1, which is zero for one alternative") }
                let scale = Double(column.count - 1)
                return logs.map { (1 - $0 / logProduct) / scale }
            }
            return logs.map { $0 / logProduct }
        case .linear:
            guard lo > 0 else { throw invalid("needs every value > 0, found \(inputLow) (a zero divides by zero; mixed signs reverse the order)") }
            return cost ? column.map { lo / $0 } : column.map { $0 / hi }
        case .zscore:
            let n = Double(column.count)
            let mean = column.reduce(0, +) / n
            let sigma = (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
            guard sigma > 0 else { throw invalid("all values are equal (\(inputLow)), so the standard deviation is zero") }
            return cost ? column.map { (mean - $0) / sigma } : column.map { ($0 - mean) / sigma }
        case .none:
            return cost ? column.map { hi - $0 } : column
        }
    }

    /// Every column of `matrix` normalised with its own criterion type; the result is
    /// row-major like `DecisionMatrix.values` (`[alternative][criterion]`).
    ///
    /// - Throws: the first column's `DecisionError.invalidColumn`, naming the criterion.
    /// - Complexity: O(m·n) for m alternatives and n criteria.
    public func normalize(_ matrix: DecisionMatrix) throws -> [[Double]] {
        var rows = Array(repeating: [Double](repeating: 0, count: matrix.columnCount), count: matrix.rowCount)
        for j in 0..<matrix.columnCount {
            let column = try normalize(matrix.column(j), type: matrix.types[j], criterion: matrix.criteria[j])
            for i in 0..<matrix.rowCount { rows[i][j] = column[i] }
        }
        return rows
    }
}
