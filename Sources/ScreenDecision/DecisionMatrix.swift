import ScreenCore
import ScreenNumerics
/// Whether more or less of a criterion is better.
public enum CriterionType: String, CaseIterable, Sendable {
    /// A benefit criterion: larger is better (pymcdm type 1).
    case max
    /// A cost criterion: smaller is better (pymcdm type −1).
    case min

    /// pymcdm's numeric convention: 1 for benefit, −1 for cost.
    public var sign: Double { self == .max ? 1 : -1 }

    /// Accepts `max`/`min`, `benefit`/`cost`, `1`/`-1`.
    public init?(text: String) {
        switch text.trimmingWhitespace().lowercased() {
        case "max", "benefit", "1", "+1": self = .max
        case "min", "cost", "-1": self = .min
        default: return nil
        }
    }
}

/// Alternatives × criteria, the input of every ranking method. Values are finite; a
/// matrix with a missing value is never built (missing data are handled before, by the
/// profile's policy).
public struct DecisionMatrix: Sendable, Equatable {
    /// The alternatives' names (candidate ids), one per row, in row order.
    public let alternatives: [String]
    /// The criteria's names, one per column, used in every error about a column.
    public let criteria: [String]
    /// values[i][j]: alternative i, criterion j.
    public let values: [[Double]]
    /// Benefit or cost, one per criterion.
    public let types: [CriterionType]

    /// A checked matrix of m alternatives × n criteria.
    ///
    /// Names are not checked for uniqueness; ties between rows are allowed.
    /// - Throws: `DecisionError.empty` without alternatives or criteria, `DecisionError.shape`
    ///   when the rows or the types do not match the names, `DecisionError.nonFinite` naming the
    ///   first NaN or infinite cell (row by row).
    /// - Complexity: O(m·n).
    public init(alternatives: [String], criteria: [String], values: [[Double]], types: [CriterionType]) throws {
        guard !alternatives.isEmpty else { throw DecisionError.empty("no alternatives") }
        guard !criteria.isEmpty else { throw DecisionError.empty("no criteria") }
        guard values.count == alternatives.count, values.allSatisfy({ $0.count == criteria.count }) else {
            throw DecisionError.shape("\(values.count) rows of \(values.map(\.count)) values for \(alternatives.count) alternatives × \(criteria.count) criteria")
        }
        guard types.count == criteria.count else {
            throw DecisionError.shape("\(types.count) criterion types for \(criteria.count) criteria")
        }
        for (i, row) in values.enumerated() {
            for (j, v) in row.enumerated() where !v.isFinite {
                throw DecisionError.nonFinite(alternative: alternatives[i], criterion: criteria[j])
            }
        }
        self.alternatives = alternatives
        self.criteria = criteria
        self.values = values
        self.types = types
    }

    /// m, the number of alternatives.
    public var rowCount: Int { alternatives.count }
    /// n, the number of criteria.
    public var columnCount: Int { criteria.count }

    /// Column j as an array.
    /// - Complexity: O(m).
    public func column(_ j: Int) -> [Double] { values.map { $0[j] } }
}

/// Why a decision problem cannot be ranked as given.
public enum DecisionError: Error, CustomStringConvertible, Equatable {
    /// No alternatives, no criteria, or an empty column.
    case empty(String)
    /// Rows, types or alternatives whose counts do not match.
    case shape(String)
    /// A NaN or infinite value in the named cell.
    case nonFinite(alternative: String, criterion: String)
    /// Weights of the wrong count, negative, non-finite or all zero, or weights that leave
    /// nothing to separate the alternatives.
    case weights(String)
    /// A method or normalisation that divides by a value that is zero (or takes the log of
    /// a non-positive one) in this column.
    case invalidColumn(criterion: String, reason: String)
    /// A method parameter or a name (method, normalisation, window bound) that is not valid.
    case parameter(String)

    /// The sentence the command line prints after `error: `.
    public var description: String {
        switch self {
        case .empty(let s): "empty decision matrix: \(s)"
        case .shape(let s): "decision matrix shape: \(s)"
        case .nonFinite(let a, let c): "the value of \(c) for \(a) is not a finite number"
        case .weights(let s): "weights: \(s)"
        case .invalidColumn(let c, let r): "criterion \(c): \(r)"
        case .parameter(let s): s
        }
    }
}

/// Printed as is by the command line (see `UserFacingError`).
extension DecisionError: UserFacingError {}

extension DecisionError {
    /// A method parameter that must be a finite number in [0, 1] (VIKOR's v, WASPAS's λ).
    /// - Throws: `.parameter` naming it ("vikor: v must be in [0, 1], got 2.0").
    static func requireUnitInterval(_ value: Double, _ name: String) throws {
        guard value.isFinite, (0...1).contains(value) else { throw parameter("\(name) must be in [0, 1], got \(value)") }
    }
}
