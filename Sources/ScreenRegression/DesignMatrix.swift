import ScreenCore
import ScreenNumerics
import ScreenStore
/// A formula evaluated on a data table: the response vector, the design matrix (one
/// column per coefficient) and the rows used. Rows with a missing value in any variable
/// the formula reads are left out and listed; a transform that is undefined on a row
/// (log of a non-positive value) is an error, never a silent drop.
public struct DesignMatrix: Sendable {
    /// The formula evaluated.
    public let formula: Formula
    /// The response, one value per used row.
    public let y: [Double]
    /// Row-major, `rows × coefficientNames.count`.
    public let x: [[Double]]
    /// The labels of the used rows, in order.
    public let labels: [String]
    /// Coefficient names, statsmodels-style (`Intercept` first when there is one).
    public let coefficientNames: [String]
    /// Rows left out, with the variables that were missing.
    public let droppedRows: [(label: String, missing: [String])]

    /// n, the number of rows used.
    public var rowCount: Int { y.count }

    /// Which rows were left out for missing values: rows that lack every variable are only
    /// counted; rows with some but not all are named, since those are the ones a user may fix.
    public var missingValueNote: String? {
        guard !droppedRows.isEmpty else { return nil }
        let all = Set(formula.variables)
        let partial = droppedRows.filter { Set($0.missing) != all }
        let empty = droppedRows.count - partial.count
        var parts: [String] = []
        if !partial.isEmpty {
            parts.append("\(partial.count) left out for a missing value: " +
                         partial.prefix(12).map { "\($0.label) (no \($0.missing.joined(separator: ", ")))" }.joined(separator: "; ") +
                         (partial.count > 12 ? "; …" : ""))
        }
        if empty > 0 { parts.append("\(empty) with none of \(formula.variables.joined(separator: ", "))") }
        return "rows: \(rowCount) used; " + parts.joined(separator: "; ")
    }
    /// p, the number of coefficients (columns of `x`).
    public var parameterCount: Int { coefficientNames.count }

    /// Evaluates `formula` on every row of `data`; rows with a NaN in any variable the formula
    /// reads are left out (`droppedRows`).
    ///
    /// - Throws: `DesignError.unknownVariable` for a variable that is not a column,
    ///   `.undefined` naming the row where a transform is undefined (log of a value ≤ 0, division
    ///   by zero, an overflow), `.noTerms` for `y ~ 0`, `.tooFewRows` unless n > p.
    /// - Complexity: O(r·(v + p·f)) for r rows, v variables, p columns and f factors per term.
    public init(formula: Formula, data: DataTable) throws {
        for v in formula.variables where data.columns[v] == nil {
            throw DesignError.unknownVariable(v, available: data.columnOrder, origin: data.origin)
        }
        var y: [Double] = [], x: [[Double]] = [], labels: [String] = []
        var dropped: [(String, [String])] = []
        for row in 0..<data.rowCount {
            // Every formula variable is a column (checked by the loop above).
            let missing = formula.variables.filter { data.columns[$0]![row].isNaN }
            if !missing.isEmpty { dropped.append((data.labels[row], missing)); continue }
            let value: (String) -> Double = { data.columns[$0]![row] }
            guard let response = formula.response.evaluate(value) else {
                throw DesignError.undefined(expression: formula.response.description, row: data.labels[row], values: Self.values(formula.response.variables, value))
            }
            let cells = try Self.predictorRow(formula, value: value, label: data.labels[row])
            y.append(response)
            x.append(cells)
            labels.append(data.labels[row])
        }
        self.formula = formula
        self.y = y
        self.x = x
        self.labels = labels
        self.coefficientNames = formula.coefficientNames
        self.droppedRows = dropped
        guard !formula.coefficientNames.isEmpty else { throw DesignError.noTerms }
        guard y.count > parameterCount else {
            throw DesignError.tooFewRows(rows: y.count, parameters: parameterCount, dropped: dropped.count)
        }
    }

    /// The predictor columns of the formula for one row (intercept first when there is one).
    static func predictorRow(_ formula: Formula, value: (String) -> Double, label: String) throws -> [Double] {
        var cells: [Double] = formula.hasIntercept ? [1] : []
        for term in formula.terms {
            var product = 1.0
            for factor in term.factors {
                guard let f = factor.evaluate(value) else {
                    throw DesignError.undefined(expression: Formula.Term.name(factor), row: label, values: values(factor.variables, value))
                }
                product *= f
            }
            guard product.isFinite else {
                throw DesignError.undefined(expression: term.description, row: label, values: values(term.variables, value))
            }
            cells.append(product)
        }
        return cells
    }

    private static func values(_ names: Set<String>, _ value: (String) -> Double) -> String {
        names.sorted().map { "\($0) = \(formatNumber(value($0)))" }.joined(separator: ", ")
    }
}

/// Why a formula cannot be fitted on a data table.
public enum DesignError: Error, CustomStringConvertible, Equatable {
    /// A formula variable that is not a column of the data (the available columns listed).
    case unknownVariable(String, available: [String], origin: String)
    /// A transform undefined at a row, with the values it read there.
    case undefined(expression: String, row: String, values: String)
    /// n ≤ p after dropping rows with missing values.
    case tooFewRows(rows: Int, parameters: Int, dropped: Int)
    /// Neither terms nor an intercept.
    case noTerms
    /// The first term whose column is a linear combination of the earlier ones (or constant).
    case collinear(term: String)
    /// The response does not vary (its total sum of squares is 0).
    case constantResponse
    /// A weight ≤ 0, NaN or infinite.
    case nonPositiveWeights

    /// The sentence printed after `error: `.
    public var description: String {
        switch self {
        case .unknownVariable(let v, let available, let origin):
            "'\(v)' is not a column of \(origin) (available: \(available.joined(separator: ", ")))"
        case .undefined(let e, let row, let values):
            "\(e) is undefined at \(row) (\(values))"
        case .tooFewRows(let rows, let p, let dropped):
            "\(rows) complete rows for \(p) coefficients: a fit needs more rows than coefficients" + (dropped > 0 ? " (\(dropped) rows had missing values)" : "")
        case .noTerms: "the formula has no terms and no intercept"
        case .collinear(let term):
            "'\(term)' is a linear combination of the terms before it (collinear or constant column); remove it"
        case .constantResponse: "the response is constant: there is nothing to fit"
        case .nonPositiveWeights: "weights must be positive and finite"
        }
    }
}

/// Printed as is by the command line (see `UserFacingError`).
extension DesignError: UserFacingError {}
