import Foundation
import ScreenCore
import ScreenNumerics
import ScreenStore

/// M-estimation by iteratively reweighted least squares exactly as statsmodels' RLM does
/// it (Huber's proposal: scale = MAD of the residuals about zero / Φ⁻¹(3/4), updated every
/// iteration; convergence on the change of Σρ; covariance "H1"), each step a GSL weighted
/// least-squares solve.
///
/// Why beside GSL's own robust fit: `gsl_multifit_robust` estimates σ differently (it
/// blends the OLS σ in, Street, Carroll & Ruppert 1988), so its estimates and, above all,
/// its standard errors differ from those of statsmodels, R's MASS::rlm and most papers. This
/// method lets a user reproduce those numbers.
public enum MEstimation {
    /// The ρ function, as statsmodels names its norms (`HuberT`, `TukeyBiweight`).
    public enum Norm: String, CaseIterable, Sendable {
        /// Huber's (monotone) and Tukey's biweight (redescending) norms.
        case huber, bisquare

        /// statsmodels' defaults: HuberT t = 1.345, TukeyBiweight c = 4.685.
        public var defaultTuning: Double { self == .huber ? 1.345 : 4.685 }

        func rho(_ z: Double, _ c: Double) -> Double {
            switch self {
            case .huber: return abs(z) <= c ? z * z / 2 : c * abs(z) - c * c / 2
            case .bisquare:
                guard abs(z) <= c else { return c * c / 6 }
                let u = 1 - (z / c) * (z / c)
                return c * c / 6 * (1 - u * u * u)
            }
        }

        func psi(_ z: Double, _ c: Double) -> Double {
            switch self {
            case .huber: return max(-c, min(c, z))
            case .bisquare:
                guard abs(z) <= c else { return 0 }
                let u = 1 - (z / c) * (z / c)
                return z * u * u
            }
        }

        func psiDerivative(_ z: Double, _ c: Double) -> Double {
            switch self {
            case .huber: return abs(z) <= c ? 1 : 0
            case .bisquare:
                guard abs(z) <= c else { return 0 }
                let q = (z / c) * (z / c)
                return (1 - q) * (1 - 5 * q)
            }
        }

        func weight(_ z: Double, _ c: Double) -> Double {
            switch self {
            case .huber: return abs(z) <= c ? 1 : c / abs(z)
            case .bisquare:
                guard abs(z) <= c else { return 0 }
                let u = 1 - (z / c) * (z / c)
                return u * u
            }
        }
    }

    /// Φ⁻¹(3/4): the MAD of a standard normal.
    static let madConstant = Distributions.normalUpperQuantile(0.25)

    /// Fits by IRLS from the OLS start; t is reported as statsmodels' z (normal p-values and intervals).
    ///
    /// - Parameters:
    ///   - tuning: the norm's constant; nil for statsmodels' default.
    ///   - tolerance: convergence when Σρ changes by at most this between iterations.
    ///   - maxIterations: the limit; reaching it adds a warning, not an error.
    /// - Throws: `DesignError.collinear`, `GSLError` from a solve.
    /// - Edge cases: a zero MAD (at least half the residuals 0) stops the iterations where they are.
    /// - Complexity: O(I·n·p²) for I ≤ `maxIterations` iterations on n rows and p coefficients.
    public static func fit(_ design: DesignMatrix, norm: Norm, tuning: Double? = nil, level: Double = 0.95,
                           tolerance: Double = 1e-8, maxIterations: Int = 50) throws -> RegressionResult {
        try LinearRegression.checkCollinearity(design)
        let c = tuning ?? norm.defaultTuning
        let n = design.rowCount, p = design.parameterCount
        func residuals(_ beta: [Double]) -> [Double] {
            (0..<n).map { Compensated.residual(design.y[$0], design.x[$0], beta) }
        }
        func mad(_ r: [Double]) -> Double {
            // `r` has one residual per row, and `DesignMatrix` guarantees n > p ≥ 1 rows.
            median(r.map { abs($0) })! / madConstant
        }
        var beta = try LeastSquares.solve(x: design.x, y: design.y).coefficients
        var r = residuals(beta)
        var scale = mad(r)
        var deviance = r.reduce(0) { $0 + norm.rho($1 / scale, c) }
        var iterations = 1
        var converged = false
        while iterations < maxIterations {
            guard scale > 0 else { break }
            let w = r.map { norm.weight($0 / scale, c) }
            guard w.contains(where: { $0 > 0 }) else { break }
            beta = try LeastSquares.solve(x: design.x, y: design.y, weights: w.map { max($0, 1e-300) }).coefficients
            r = residuals(beta)
            scale = mad(r)
            let next = r.reduce(0) { $0 + norm.rho($1 / scale, c) }
            iterations += 1
            if abs(next - deviance) <= tolerance { deviance = next; converged = true; break }
            deviance = next
        }
        // Covariance H1 (Huber 1981): K² · [Σψ²/(n−p)] · s² / (Σψ'/n)² · (XᵀX)⁻¹.
        let z = r.map { $0 / scale }
        let psi = z.map { norm.psi($0, c) }, dpsi = z.map { norm.psiDerivative($0, c) }
        let m = dpsi.reduce(0, +) / Double(n)
        let varDpsi = dpsi.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n)
        let k = 1 + Double(p) / Double(n) * varDpsi / (m * m)
        let factor = k * k * (psi.reduce(0) { $0 + $1 * $1 } / Double(n - p)) * scale * scale / (m * m)
        let unscaled = try LeastSquares.solve(x: design.x, y: design.y).unscaledCovariance
        let covariance = unscaled.map { $0.map { $0 * factor } }
        let fitted = zip(design.y, r).map { $0 - $1 }
        let weights = z.map { norm.weight($0, c) }
        let downweighted = zip(design.labels, weights).filter { $0.1 < 0.5 }
        var notes = ["M-estimation as statsmodels RLM: \(norm.rawValue) (c = \(formatForDisplay(c))), MAD scale \(formatForDisplay(scale)), H1 covariance, normal-theory intervals; \(iterations) iterations"]
        if !downweighted.isEmpty {
            notes.append("down-weighted (weight < 0.5): " + downweighted.map { "\($0.0) (\(formatForDisplay($0.1, significant: 3)))" }.joined(separator: ", "))
        }
        // statsmodels reports z statistics with normal p-values and intervals for RLM.
        let zq = Distributions.normalUpperQuantile((1 - level) / 2)
        let terms = design.coefficientNames.indices.map { i -> RegressionResult.Term in
            let se = covariance[i][i].squareRoot()
            let t = beta[i] / se
            return RegressionResult.Term(name: design.coefficientNames[i], estimate: beta[i], standardError: se, t: t,
                                         p: 2 * Distributions.normalUpperP(abs(t)),
                                         confidenceLow: beta[i] - zq * se, confidenceHigh: beta[i] + zq * se)
        }
        return RegressionResult(
            method: "rlm-\(norm.rawValue)", model: design.formula.description, terms: terms, n: n, dof: n - p,
            rss: r.reduce(0) { $0 + $1 * $1 }, r2: nil, adjustedR2: nil, sigma: scale, aic: nil, bic: nil, f: nil, fP: nil,
            conditionNumber: nil, confidenceLevel: level, labels: design.labels, fitted: fitted, residuals: r,
            covariance: covariance, warnings: converged ? [] : ["did not converge in \(maxIterations) iterations"], notes: notes)
    }
}
