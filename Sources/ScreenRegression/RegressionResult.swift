import ScreenCore
import ScreenNumerics
import ScreenStore
/// A fitted model and the statistics a researcher reads to judge it. Shared by every
/// method, so the table and JSON look the same whether the fit was OLS, robust, ridge
/// or nonlinear; a statistic a method cannot provide is nil (JSON null), never made up.
public struct RegressionResult: Sendable {
    public struct Term: Sendable {
        public let name: String
        public let estimate: Double
        public let standardError: Double?
        public let t: Double?
        public let p: Double?
        public let confidenceLow: Double?
        public let confidenceHigh: Double?
    }

    public let method: String
    public let model: String
    public let terms: [Term]
    public let n: Int
    public let dof: Int
    public let rss: Double
    public let r2: Double?
    public let adjustedR2: Double?
    /// Residual standard error.
    public let sigma: Double
    public let aic: Double?
    public let bic: Double?
    public let f: Double?
    public let fP: Double?
    public let conditionNumber: Double?
    public let confidenceLevel: Double
    public let labels: [String]
    public let fitted: [Double]
    public let residuals: [Double]
    /// Scaled covariance of the estimates (σ²(XᵀWX)⁻¹ for linear fits), for prediction.
    public let covariance: [[Double]]?
    public let warnings: [String]
    public let notes: [String]

    public var coefficients: [Double] { terms.map(\.estimate) }

    /// The same result with notes about the data added (missing rows, inherited values).
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
