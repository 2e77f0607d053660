import Foundation
import ScreenCore
import ScreenNumerics

/// One regression as the command line asks for it — formula, method and its options, optional
/// rows to predict — run on a data table. Why here and not in the command line: the choice of
/// estimator, the weights column and the nonlinear model's starting values are part of the
/// analysis, and the Python module and tests run the same path.
public struct RegressionRequest: Sendable {
    /// The estimator (`--method`).
    public enum Method: String, CaseIterable, Sendable {
        /// GSL OLS, weighted OLS, GSL robust IRLS, statsmodels-style RLM, ridge, nonlinear (GSL).
        case ols, wls, robust, rlm, ridge, nonlinear
    }

    /// The model formula.
    public var formula: Formula
    /// nil: nonlinear with a model, WLS with a weights column, OLS otherwise.
    public var method: Method?
    /// A column of relative weights (WLS, or a weighted nonlinear fit).
    public var weightsColumn: String?
    /// The weighting function of `robust` (and of `rlm`, which accepts huber and bisquare).
    public var robust: RobustLeastSquares.Weighting = .bisquare
    /// The weighting function's tuning constant; nil for the default.
    public var tuning: Double?
    /// `gcv`, `lcurve` or a fixed λ ≥ 0.
    public var ridge = "gcv"
    /// exp, power, arrhenius or volcano.
    public var model: String?
    /// Starting values of the nonlinear model as `a=1,b=-0.5`.
    public var start: String?
    /// Confidence level of the intervals, in (0, 1).
    public var level = 0.95

    /// A request with every option at its default (method chosen from the other options).
    public init(formula: Formula) { self.formula = formula }

    /// The variables the data must hold: the formula's and the weights column.
    public var neededVariables: Set<String> {
        var needed = Set(formula.variables)
        if let weightsColumn { needed.insert(weightsColumn) }
        return needed
    }

    /// The fit, with the notes on missing values that concern it.
    /// - Throws: `FlagError` for an option that does not fit the method, and the estimators' errors.
    /// - Complexity: that of the chosen estimator on the n × p design (OLS O(n·p²)).
    public func fit(_ table: DataTable) throws -> RegressionResult {
        let design = try DesignMatrix(formula: formula, data: table)
        let chosen = method ?? (model != nil ? .nonlinear : weightsColumn == nil ? .ols : .wls)
        var result: RegressionResult
        switch chosen {
        case .ols:
            result = try LinearRegression.fit(design, level: level)
        case .wls:
            guard weightsColumn != nil else { throw FlagError("--method wls", "needs --weights COLUMN") }
            result = try LinearRegression.fit(design, weights: try weights(design, table), level: level)
        case .robust:
            result = try RobustRegression.fit(design, weighting: robust, tuning: tuning, level: level)
        case .rlm:
            guard let norm = MEstimation.Norm(rawValue: robust.rawValue) else { throw FlagError("--method rlm", "takes --robust huber or bisquare") }
            result = try MEstimation.fit(design, norm: norm, tuning: tuning, level: level)
        case .ridge:
            let selection: RidgeLeastSquares.Selection = switch ridge {
            case "gcv": .gcv
            case "lcurve": .lCurve
            default: .fixed(DecimalNumber.parse(ridge) ?? .nan)
            }
            if case .fixed(let l) = selection, !(l >= 0) { throw FlagError("--ridge", "takes gcv, lcurve or a number ≥ 0, not '\(ridge)'") }
            result = try RidgeRegression.fit(design, selection: selection, level: level)
        case .nonlinear:
            result = try fitNonlinear(design, table)
        }
        let relevant = DataTable.notes(table.notes, about: formula.variables, rows: design.labels)
        return result.adding(notes: [design.missingValueNote].compactMap { $0 } + relevant)
    }

    /// The weights column aligned with the design's rows (NaN where a row has none).
    private func weights(_ design: DesignMatrix, _ table: DataTable) throws -> [Double]? {
        guard let name = weightsColumn else { return nil }
        guard let column = table.columns[name] else { throw DesignError.unknownVariable(name, available: table.columnOrder, origin: table.origin) }
        let byLabel = Dictionary(zip(table.labels, column), uniquingKeysWith: { a, _ in a })
        return design.labels.map { byLabel[$0] ?? .nan }
    }

    /// A named nonlinear model on a one-predictor formula `y ~ x`.
    private func fitNonlinear(_ design: DesignMatrix, _ table: DataTable) throws -> RegressionResult {
        guard let name = model else { throw FlagError("--method nonlinear", "needs --model exp|power|arrhenius|volcano") }
        guard formula.terms.count == 1, formula.terms[0].factors.count == 1 else {
            throw FlagError("--model", "a nonlinear model takes one predictor: write the formula as 'y ~ x'")
        }
        var startValues: [String: Double]? = nil
        if let start {
            var values: [String: Double] = [:]
            for pair in start.split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
                guard kv.count == 2, let v = DecimalNumber.parse(kv[1]) else { throw FlagError("--start", "takes name=value pairs, e.g. a=1,b=-0.5") }
                values[kv[0]] = v
            }
            startValues = values
        }
        // The formula is `y ~ x` (checked above), so each design row ends with x.
        return try NonlinearRegression.fit(model: try NonlinearModel.model(named: name), x: design.x.map { $0.last! }, y: design.y,
                                           labels: design.labels, weights: try weights(design, table), start: startValues,
                                           xName: formula.terms[0].description, yName: formula.response.description, level: level)
    }

    /// Predictions with confidence and prediction intervals for the rows of a CSV file.
    ///
    /// - Throws: `DataTable.read`'s and `Prediction.predict`'s errors.
    /// - Complexity: O(r·p²) for r rows and p coefficients.
    /// A nonlinear fit predicts through its model (ŷ = f(p̂, x), delta-method intervals), never
    /// through the formula's linear predictor.
    public func predictions(_ result: RegressionResult, rows url: URL) throws -> [Prediction] {
        let rows = try DataTable.read(csv: url, needed: Set(formula.terms.flatMap(\.variables)))
        guard result.method.hasPrefix("nonlinear-"), let name = model else {
            return try Prediction.predict(result, formula: formula, data: rows)
        }
        let needed = Set(formula.terms.flatMap(\.variables))
        for v in needed where rows.columns[v] == nil {
            throw DesignError.unknownVariable(v, available: rows.columnOrder, origin: rows.origin)
        }
        let x = try (0..<rows.rowCount).map { row in
            // Every needed variable is a column (checked above); the predictor row of `y ~ x` ends with x.
            needed.contains { rows.columns[$0]![row].isNaN } ? .nan
                : try DesignMatrix.predictorRow(formula, value: { rows.columns[$0]![row] }, label: rows.labels[row]).last!
        }
        return try Prediction.predict(result, model: try NonlinearModel.model(named: name), x: x, labels: rows.labels,
                                      xName: formula.terms[0].description)
    }
}

extension RegressionRequest {
    /// The formula syntax and the methods with their options, in words: what `screen fit --help`
    /// says, kept beside the request it describes.
    public static let help = """
        Formulas are written as in R or statsmodels: y ~ x1 + log(x2) + I(x1^2) + x1:x2, with \
        `- 1` or `+ 0` to drop the intercept, poly(x, k) for raw powers and a*b for a + b + a:b. \
        In database mode the names are property names (see `screen db properties`) or, with \
        --rows performance, also current_density_ma_cm2, capacity_mah_cm2, coulombic_efficiency_pct, \
        overpotential_mv and lifespan_hours. Values reported only as a bound ("< 15 mV") are not fitted.

        Methods: ols (gsl_multifit_linear); wls (with --weights COLUMN: relative weights such as 1/σ²); \
        robust (gsl_multifit_robust, --robust bisquare|cauchy|fair|huber|welsch|ols, --tune); \
        rlm (M-estimation as statsmodels RLM: --robust huber|bisquare, MAD scale, H1 covariance); \
        ridge (--ridge gcv|lcurve|λ on standardised predictors); nonlinear (--model exp|power|arrhenius|volcano, formula y ~ x).
        """
}
