import ScreenCore
import ScreenNumerics
import ScreenStore
/// Predictions of a fitted linear model for new rows, with the confidence interval of the
/// mean response and the (wider) prediction interval of a new observation.
public struct Prediction: Sendable {
    /// The row's label.
    public let label: String
    /// ŷ = x₀ᵀβ.
    public let fitted: Double
    /// Standard error of the fitted mean, √(x₀ᵀ Σ x₀).
    public let meanStandardError: Double
    /// Confidence interval of the mean response, ŷ ± t·se(mean).
    public let meanLow: Double, meanHigh: Double
    /// Prediction interval: adds the residual variance σ² to the mean's.
    public let predictionLow: Double, predictionHigh: Double

    /// Predicts every row of `data` that has the formula's predictors (the response may be absent).
    /// Rows with a NaN predictor are skipped (not an error); a transform undefined on a row is.
    ///
    /// - Throws: `PredictionError.notSupported` without a covariance, `DesignError` for an unknown
    ///   variable or an undefined transform.
    /// - Complexity: O(r·p²) for r rows and p coefficients.
    public static func predict(_ fit: RegressionResult, formula: Formula, data: DataTable) throws -> [Prediction] {
        guard let covariance = fit.covariance else { throw PredictionError.notSupported(fit.method) }
        let needed = formula.terms.reduce(into: Set<String>()) { $0.formUnion($1.variables) }
        for v in needed where data.columns[v] == nil {
            throw DesignError.unknownVariable(v, available: data.columnOrder, origin: data.origin)
        }
        let t = Distributions.studentUpperQuantile((1 - fit.confidenceLevel) / 2, dof: Double(fit.dof))
        let sigma2 = fit.sigma * fit.sigma
        return try (0..<data.rowCount).compactMap { row in
            // Every needed variable is a column (checked by the loop above).
            if needed.contains(where: { data.columns[$0]![row].isNaN }) { return nil }
            let x0 = try DesignMatrix.predictorRow(formula, value: { data.columns[$0]![row] }, label: data.labels[row])
            let yhat = zip(x0, fit.coefficients).reduce(0) { $0 + $1.0 * $1.1 }
            var variance = 0.0
            for i in x0.indices { for j in x0.indices { variance += x0[i] * covariance[i][j] * x0[j] } }
            let se = max(variance, 0).squareRoot()
            let pse = (se * se + sigma2).squareRoot()
            return Prediction(label: data.labels[row], fitted: yhat, meanStandardError: se,
                              meanLow: yhat - t * se, meanHigh: yhat + t * se,
                              predictionLow: yhat - t * pse, predictionHigh: yhat + t * pse)
        }
    }

    /// Predicts a nonlinear model's fit at new x: ŷ = f(p̂, x₀), with the delta-method standard
    /// error of the mean √(gᵀ Σ g), g = ∂f/∂p at (p̂, x₀) — the linearisation the fit's own
    /// standard errors rest on (as R's `predictNLS` and `propagate` do to first order) — and the
    /// prediction interval adding σ². NaN x₀ is skipped, as for linear fits.
    ///
    /// - Throws: `PredictionError.notSupported` without a covariance;
    ///   `NonlinearRegressionError.outsideDomain` for an x₀ outside the model's domain (named by row).
    /// - Complexity: O(r·p²) for r rows and p parameters.
    public static func predict(_ fit: RegressionResult, model: NonlinearModel, x: [Double], labels: [String],
                               xName: String) throws -> [Prediction] {
        guard let covariance = fit.covariance else { throw PredictionError.notSupported(fit.method) }
        let t = Distributions.studentUpperQuantile((1 - fit.confidenceLevel) / 2, dof: Double(fit.dof))
        let sigma2 = fit.sigma * fit.sigma
        return try zip(x, labels).compactMap { x0, label in
            if x0.isNaN { return nil }
            if let requirement = model.domainViolation(x0) {
                throw NonlinearRegressionError.outsideDomain(model: model.name, variable: xName, row: label, value: x0, requirement: requirement)
            }
            let yhat = model.function(fit.coefficients, x0)
            let g = model.jacobian(fit.coefficients, x0)
            var variance = 0.0
            for i in g.indices { for j in g.indices { variance += g[i] * covariance[i][j] * g[j] } }
            let se = max(variance, 0).squareRoot()
            let pse = (se * se + sigma2).squareRoot()
            return Prediction(label: label, fitted: yhat, meanStandardError: se, meanLow: yhat - t * se, meanHigh: yhat + t * se,
                              predictionLow: yhat - t * pse, predictionHigh: yhat + t * pse)
        }
    }

    /// `{label, fitted, mean_se, mean_ci_low, mean_ci_high, pi_low, pi_high}`.
    public func json() -> JSONValue {
        .object([("label", .string(label)), ("fitted", .number(fitted)), ("mean_se", .number(meanStandardError)),
                 ("mean_ci_low", .number(meanLow)), ("mean_ci_high", .number(meanHigh)),
                 ("pi_low", .number(predictionLow)), ("pi_high", .number(predictionHigh))])
    }
}

/// Why a fit cannot predict.
public enum PredictionError: Error, CustomStringConvertible {
    /// The method gives no covariance of the estimates, so no interval can be computed.
    case notSupported(String)
    /// The sentence printed after `error: `.
    public var description: String {
        switch self {
        case .notSupported(let m): "prediction intervals are not available for the \(m) method"
        }
    }
}

/// Printed as is by the command line (see `UserFacingError`).
extension PredictionError: UserFacingError {}

extension Prediction {
    /// The predictions as a text table with `level`'s confidence and prediction intervals.
    /// - Complexity: O(r) for r predictions.
    public static func table(_ predictions: [Prediction], level: Double) -> String {
        "predictions (\(formatForDisplay(level * 100))% intervals)\n" + TextTable(
            header: ["row", "fitted", "se(mean)", "mean low", "mean high", "prediction low", "prediction high"],
            rows: predictions.map { [$0.label, formatForDisplay($0.fitted), formatForDisplay($0.meanStandardError),
                                     formatForDisplay($0.meanLow), formatForDisplay($0.meanHigh),
                                     formatForDisplay($0.predictionLow), formatForDisplay($0.predictionHigh)] },
            rightAligned: Set(1...6)).rendered()
    }
}

extension RegressionResult {
    /// The result's JSON, with a `predictions` array when rows were predicted (nil: none asked).
    public func json(predictions: [Prediction]?) -> JSONValue {
        guard let predictions, case .object(var members) = json() else { return json() }
        members.append(("predictions", .array(predictions.map { $0.json() })))
        return .object(members)
    }
}
