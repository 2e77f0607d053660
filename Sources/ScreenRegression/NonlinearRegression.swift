import Foundation
import ScreenCore
import ScreenNumerics
import ScreenStore

/// Nonlinear least squares of a named model (`NonlinearModel`) on one predictor, reported
/// with the same statistics as the linear fits and computed as scipy's
/// `curve_fit(..., absolute_sigma=False)` computes them (so one can be checked against the other).
public enum NonlinearRegression {
    /// Fits `model` to (x, y) by Levenberg–Marquardt (GSL's trust region).
    ///
    /// Standard errors are √(σ²·Cᵢᵢ) with C = (JᵀWJ)⁻¹ at the solution and σ² = RSS/(n − p),
    /// the residual variance; t and p values use the t distribution with n − p degrees of freedom.
    /// R² is 1 − RSS/TSS about the (weighted) mean of y. AIC and BIC use the Gaussian
    /// log-likelihood of `LinearRegression` with k = the number of parameters.
    ///
    /// - Parameters:
    ///   - labels: one per point, used in messages (a row outside the model's domain is named).
    ///   - weights: relative weights (e.g. 1/σᵢ²); the covariance is still scaled by the
    ///     residual variance, as `curve_fit(sigma: 1/√w, absolute_sigma: false)`.
    ///   - start: starting values by parameter name, replacing the model's guess from the data
    ///     for those parameters only.
    ///   - xName, yName: the variable names used in the model text ("rate = A·exp(−Ea/(k_B·T))").
    ///   - level: confidence level of the intervals.
    /// - Returns: a result whose `warnings` say when the fit stopped at the iteration limit
    ///   without converging, or when a parameter is not determined by the data.
    /// - Throws: `DesignError.tooFewRows` with fewer than p + 1 points, `.constantResponse`,
    ///   `.nonPositiveWeights`; `NonlinearRegressionError` for mismatched lengths, non-finite
    ///   data, a point outside the model's domain (named by its label), an unknown or non-finite
    ///   starting value, a model that is not finite at the start, and a fit that fails in GSL or
    ///   ends in non-finite values.
    /// - Complexity: O(I·n·p²) for I Levenberg–Marquardt iterations (at most 500 by default) on
    ///   n points and p parameters.
    public static func fit(
        model: NonlinearModel, x: [Double], y: [Double], labels: [String],
        weights: [Double]? = nil, start: [String: Double]? = nil,
        xName: String = "x", yName: String = "y", level: Double = 0.95,
        options: NonlinearLeastSquares.Options = NonlinearLeastSquares.Options()
    ) throws -> RegressionResult {
        let n = x.count, p = model.parameterNames.count
        guard y.count == n, labels.count == n, weights.map({ $0.count == n }) ?? true else {
            throw NonlinearRegressionError.lengthMismatch(x: n, y: y.count, labels: labels.count, weights: weights?.count)
        }
        for i in 0..<n {
            if !x[i].isFinite { throw NonlinearRegressionError.nonFinite(variable: xName, row: labels[i], value: x[i]) }
            if !y[i].isFinite { throw NonlinearRegressionError.nonFinite(variable: yName, row: labels[i], value: y[i]) }
            if let requirement = model.domainViolation(x[i]) {
                throw NonlinearRegressionError.outsideDomain(model: model.name, variable: xName, row: labels[i],
                                                             value: x[i], requirement: requirement)
            }
        }
        if let weights {
            guard weights.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw DesignError.nonPositiveWeights }
        }
        guard n > p else { throw DesignError.tooFewRows(rows: n, parameters: p, dropped: 0) }
        let w = weights ?? [Double](repeating: 1, count: n)
        let wsum = w.reduce(0, +)
        let mean = zip(w, y).reduce(0) { $0 + $1.0 * $1.1 } / wsum
        let tss = zip(w, y).reduce(0) { $0 + $1.0 * ($1.1 - mean) * ($1.1 - mean) }
        guard tss > 0 else { throw DesignError.constantResponse }

        // Starting values: the model's guess from the data, overridden by name.
        var initial = model.startingGuess(x, y)
        var overridden: [String] = []
        for (name, value) in (start ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let j = model.parameterNames.firstIndex(of: name) else {
                throw NonlinearRegressionError.unknownParameter(name, model: model.name, known: model.parameterNames)
            }
            initial[j] = value
            overridden.append(name)
        }
        if let j = initial.firstIndex(where: { !$0.isFinite }) {
            throw NonlinearRegressionError.nonFiniteStart(model: model.name, parameter: model.parameterNames[j], value: initial[j])
        }
        if let i = x.indices.first(where: { !model.function(initial, x[$0]).isFinite }) {
            throw NonlinearRegressionError.startNotFinite(model: model.name, row: labels[i], start: describe(model.parameterNames, initial))
        }

        let solution: NonlinearLeastSquares.Solution
        do {
            solution = try NonlinearLeastSquares.solve(x: x, y: y, weights: weights, start: initial,
                                                       model: model.function, jacobian: model.jacobian, options: options)
        } catch let error as GSLError {
            throw NonlinearRegressionError.fitFailed(model: model.name, reason: error.description, start: describe(model.parameterNames, initial))
        }

        var estimates = solution.parameters
        var unscaled = solution.unscaledCovariance
        if let k = model.signFreeParameter, estimates[k] < 0 {
            // The model is unchanged by pₖ → −pₖ; report |pₖ| and flip its covariances with the rest.
            estimates[k] = -estimates[k]
            for j in 0..<p where j != k {
                unscaled[k][j] = -unscaled[k][j]
                unscaled[j][k] = -unscaled[j][k]
            }
        }

        let dof = n - p
        let rss = solution.chiSquared
        let sigma2 = rss / Double(dof)
        let covariance = unscaled.map { $0.map { $0 * sigma2 } }
        let fitted = x.map { model.function(estimates, $0) }
        let residuals = zip(y, fitted).map { $0 - $1 }
        guard fitted.allSatisfy(\.isFinite), sigma2.isFinite else {
            throw NonlinearRegressionError.fitFailed(model: model.name, reason: "the fitted values are not finite",
                                                     start: describe(model.parameterNames, initial))
        }
        let r2 = 1 - rss / tss
        let adjusted = 1 - Double(n - 1) / Double(dof) * (1 - r2)
        let llf = -Double(n) / 2 * (log(2 * Double.pi * rss / Double(n)) + 1) + w.reduce(0) { $0 + log($1) } / 2
        let k = Double(p)

        var warnings: [String] = []
        if !solution.converged {
            warnings.append("the fit stopped at the iteration limit (\(options.maxIterations)) without meeting its convergence tests: the estimates may not be a minimum; try other starting values")
        }
        for j in 0..<p where !(unscaled[j][j] > 0) {
            warnings.append("'\(model.parameterNames[j])' is not determined by the data (its column of the Jacobian vanishes at the solution): no standard error")
        }
        if dof < 3 { warnings.append("only \(dof) residual degrees of freedom: standard errors and intervals are very uncertain") }

        var notes: [String] = []
        notes.append("Levenberg–Marquardt (GSL trust region): \(solution.iterations) iteration\(solution.iterations == 1 ? "" : "s"), stopped by \(solution.stoppedBy)")
        notes.append("starting values \(describe(model.parameterNames, initial))" +
                     (overridden.isEmpty ? " (from the data)" : " (\(overridden.joined(separator: ", ")) given, the rest from the data)"))
        notes.append("standard errors from the linearised covariance σ²(Jᵀ\(weights == nil ? "" : "W")J)⁻¹ at the solution; R² is 1 − RSS/TSS about the mean of \(yName) and only descriptive for a nonlinear model")
        if weights != nil { notes.append("weighted: rss, R² and the log-likelihood use the weights; the covariance is scaled by the residual variance") }
        if let kk = model.signFreeParameter {
            notes.append("'\(model.parameterNames[kk])' enters squared and is reported as its absolute value")
        }
        notes.append(contentsOf: model.notes)

        return RegressionResult(
            method: "nonlinear-\(model.name)", model: model.formula(x: xName, y: yName),
            terms: RegressionResult.terms(names: model.parameterNames, estimates: estimates,
                                          covariance: covariance, dof: dof, level: level),
            n: n, dof: dof, rss: rss, r2: r2, adjustedR2: adjusted, sigma: sigma2.squareRoot(),
            aic: -2 * llf + 2 * k, bic: -2 * llf + k * log(Double(n)), f: nil, fP: nil, conditionNumber: nil,
            confidenceLevel: level, labels: labels, fitted: fitted, residuals: residuals,
            covariance: covariance, warnings: warnings, notes: notes)
    }

    private static func describe(_ names: [String], _ values: [Double]) -> String {
        zip(names, values).map { "\($0) = \(formatForDisplay($1))" }.joined(separator: ", ")
    }
}

/// Why a nonlinear model cannot be fitted.
public enum NonlinearRegressionError: Error, CustomStringConvertible, Equatable {
    /// A model name that is not one of `NonlinearModel.all`.
    case unknownModel(String, known: [String])
    /// x, y, labels and weights of different lengths.
    case lengthMismatch(x: Int, y: Int, labels: Int, weights: Int?)
    /// NaN or infinity in the data.
    case nonFinite(variable: String, row: String, value: Double)
    /// A predictor value outside the model's domain (T ≤ 0 for Arrhenius).
    case outsideDomain(model: String, variable: String, row: String, value: Double, requirement: String)
    /// A `--start` name that is not a parameter of the model.
    case unknownParameter(String, model: String, known: [String])
    /// A starting value that is NaN or infinite.
    case nonFiniteStart(model: String, parameter: String, value: Double)
    /// The model is not finite at a row for the starting values.
    case startNotFinite(model: String, row: String, start: String)
    /// GSL failed, or the fit ended in non-finite values.
    case fitFailed(model: String, reason: String, start: String)

    /// The sentence printed after `error: `.
    public var description: String {
        switch self {
        case .unknownModel(let name, let known):
            "unknown nonlinear model '\(name)' (known models: \(known.joined(separator: ", ")))"
        case .lengthMismatch(let x, let y, let labels, let weights):
            "\(x) x values, \(y) y values, \(labels) labels" + (weights.map { ", \($0) weights" } ?? "") + ": they must have the same length"
        case .nonFinite(let variable, let row, let value):
            "\(variable) is not a finite number at \(row) (\(value))"
        case .outsideDomain(let model, let variable, let row, let value, let requirement):
            "the \(model) model needs \(requirement)" + (variable == "x" ? "" : ", where x is \(variable)") + ": \(row) has \(variable) = \(formatNumber(value))"
        case .unknownParameter(let name, let model, let known):
            "'\(name)' is not a parameter of the \(model) model (parameters: \(known.joined(separator: ", ")))"
        case .nonFiniteStart(let model, let parameter, let value):
            "the starting value of \(parameter) for the \(model) model is not finite (\(value))"
        case .startNotFinite(let model, let row, let start):
            "the \(model) model is not finite at \(row) for the starting values \(start); give other starting values"
        case .fitFailed(let model, let reason, let start):
            "the \(model) fit failed (\(reason)) from the starting values \(start); try other starting values"
        }
    }
}

/// Printed as is by the command line (see `UserFacingError`).
extension NonlinearRegressionError: UserFacingError {}
