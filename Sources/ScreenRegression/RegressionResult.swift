import ScreenCore
import ScreenNumerics
import ScreenStore
/// A fitted model and the statistics a researcher reads to judge it. Shared by every
/// method, so the table and JSON look the same whether the fit was OLS, robust, ridge
/// or nonlinear; a statistic a method cannot provide is nil (JSON null), never made up.
public struct RegressionResult: Sendable {
    /// One coefficient with its inference; nil where the method gives none (ridge: no t, p or CI).
    public struct Term: Sendable {
        /// The coefficient name (`Intercept`, `x`, `log(x)`, `a:b`; a parameter name when nonlinear).
        public let name: String
        /// The estimate.
        public let estimate: Double
        /// Its standard error (nil when not finite).
        public let standardError: Double?
        /// estimate / standard error (a z statistic for `rlm`).
        public let t: Double?
        /// Two-sided p-value (t distribution with `dof`; normal for `rlm`).
        public let p: Double?
        /// Lower end of the `confidenceLevel` interval.
        public let confidenceLow: Double?
        /// Upper end of the `confidenceLevel` interval.
        public let confidenceHigh: Double?
    }

    /// `ols`, `wls`, `robust-<weighting>`, `rlm-<norm>`, `ridge-<selection>`, `nonlinear-<model>`.
    public let method: String
    /// The formula or the model's equation.
    public let model: String
    /// One entry per coefficient, in the design's order.
    public let terms: [Term]
    /// Observations used.
    public let n: Int
    /// Residual degrees of freedom (n − p; ridge: n − ⌈effective dof⌉).
    public let dof: Int
    /// Residual sum of squares (weighted for WLS).
    public let rss: Double
    /// R², centred with an intercept and uncentred without (as statsmodels); nil for `rlm`.
    public let r2: Double?
    /// Adjusted R².
    public let adjustedR2: Double?
    /// Residual standard error.
    public let sigma: Double
    /// Akaike's criterion from the Gaussian log-likelihood with k = p (as statsmodels); OLS, WLS
    /// and nonlinear fits only.
    public let aic: Double?
    /// Schwarz's criterion, same likelihood.
    public let bic: Double?
    /// F statistic of the model against the intercept-only one (OLS and WLS with predictors only).
    public let f: Double?
    /// Upper-tail p-value of `f`.
    public let fP: Double?
    /// Ratio of the largest to the smallest singular value of the (weighted) design (ridge: of the
    /// standardised predictors; nil for robust, RLM and nonlinear fits).
    public let conditionNumber: Double?
    /// The level of the intervals (0.95 by default).
    public let confidenceLevel: Double
    /// Row labels of the observations, in order.
    public let labels: [String]
    /// Fitted values, one per observation.
    public let fitted: [Double]
    /// y − fitted, one per observation.
    public let residuals: [Double]
    /// Scaled covariance of the estimates (σ²(XᵀWX)⁻¹ for linear fits), for prediction.
    public let covariance: [[Double]]?
    /// Problems a reader must see (ill-conditioning, few degrees of freedom, no convergence).
    public let warnings: [String]
    /// Context (rows left out, values from phases, the method's details).
    public let notes: [String]

    /// The estimates in term order.
    public var coefficients: [Double] { terms.map(\.estimate) }

    /// The same result with notes about the data added (missing rows, inherited values).
    /// - Complexity: O(n + p²) to copy the result.
    public func adding(notes more: [String]) -> RegressionResult {
        RegressionResult(method: method, model: model, terms: terms, n: n, dof: dof, rss: rss, r2: r2, adjustedR2: adjustedR2,
                         sigma: sigma, aic: aic, bic: bic, f: f, fP: fP, conditionNumber: conditionNumber,
                         confidenceLevel: confidenceLevel, labels: labels, fitted: fitted, residuals: residuals,
                         covariance: covariance, warnings: warnings, notes: notes + more)
    }

    /// Term statistics from estimates, their covariance and the residual degrees of freedom.
    static func terms(names: [String], estimates: [Double], covariance: [[Double]], dof: Int, level: Double) -> [Term] {
        let tq = dof > 0 ? Distributions.studentUpperQuantile((1 - level) / 2, dof: Double(dof)) : .nan
        return names.indices.map { i in
            let se = covariance[i][i] >= 0 ? covariance[i][i].squareRoot() : .nan
            guard se.isFinite, se > 0, dof > 0 else {
                return Term(name: names[i], estimate: estimates[i], standardError: se.isFinite ? se : nil, t: nil, p: nil, confidenceLow: nil, confidenceHigh: nil)
            }
            let t = estimates[i] / se
            return Term(name: names[i], estimate: estimates[i], standardError: se, t: t,
                        p: Distributions.studentTwoSidedP(t, dof: Double(dof)),
                        confidenceLow: estimates[i] - tq * se, confidenceHigh: estimates[i] + tq * se)
        }
    }
}
