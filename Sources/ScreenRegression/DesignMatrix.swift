import ScreenCore
import ScreenNumerics
import ScreenStore
/// A formula evaluated on a data table: the response vector, the design matrix (one
/// column per coefficient) and the rows used. Rows with a missing value in any variable
/// the formula reads are left out and listed; a transform that is undefined on a row
/// (log of a non-positive value) is an error, never a silent drop.
public struct DesignMatrix: Sendable {
    public let formula: Formula
    public let y: [Double]
    /// Row-major, `rows × coefficientNames.count`.
    public let x: [[Double]]
    public let labels: [String]
    public let coefficientNames: [String]
    /// Rows left out, with the variables that were missing.
    public let droppedRows: [(label: String, missing: [String])]

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
    public var parameterCount: Int { coefficientNames.count }

    public init(formula: Formula, data: DataTable) throws {
        for v in formula.variables where data.columns[v] == nil {
            throw DesignError.unknownVariable(v, available: data.columnOrder, origin: data.origin)
        }
        var y: [Double] = [], x: [[Double]] = [], labels: [String] = []
        var dropped: [(String, [String])] = []
        for row in 0..<data.rowCount {
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
    case unknownVariable(String, available: [String], origin: String)
    case undefined(expression: String, row: String, values: String)
    case tooFewRows(rows: Int, parameters: Int, dropped: Int)
    case noTerms
    case collinear(term: String)
    case constantResponse
    case nonPositiveWeights

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
