import Foundation
import ScreenCore
import ScreenNumerics
import ScreenStore

/// Robust regression (IRLS through GSL): for literature data where one mis-transcribed
/// or mis-labelled value would otherwise pull the whole line.
public enum RobustRegression {
    /// Fits by GSL's robust IRLS; standard errors from GSL's robust σ, rows with weight < 0.5
    /// named in a note, and a warning (not an error) when the 100 iterations run out.
    ///
    /// - Throws: `DesignError.collinear`, `GSLError` for n ≤ p or a GSL failure.
    /// - Complexity: O(I·n·p²) for I ≤ 100 iterations on n rows and p coefficients.
    public static func fit(_ design: DesignMatrix, weighting: RobustLeastSquares.Weighting, tuning: Double? = nil, level: Double = 0.95) throws -> RegressionResult {
        try LinearRegression.checkCollinearity(design)
        let s = try RobustLeastSquares.solve(x: design.x, y: design.y, weighting: weighting, tuning: tuning)
        let n = design.rowCount, p = design.parameterCount, dof = n - p
        let fitted = zip(design.y, s.residuals).map { $0 - $1 }
        var warnings: [String] = []
        if !s.converged { warnings.append("the iteratively reweighted fit did not converge in 100 iterations; the estimates are the last iterate") }
        let downweighted = zip(design.labels, s.weights).filter { $0.1 < 0.5 }
        var notes = ["standard errors use GSL's robust σ = \(formatForDisplay(s.sigma)) (Street, Carroll & Ruppert 1988); \(s.iterations) iterations"]
        if !downweighted.isEmpty {
            notes.append("down-weighted (weight < 0.5): " + downweighted.map { "\($0.0) (\(formatForDisplay($0.1, significant: 3)))" }.joined(separator: ", "))
        }
        return RegressionResult(
            method: "robust-\(weighting.rawValue)", model: design.formula.description,
            terms: RegressionResult.terms(names: design.coefficientNames, estimates: s.coefficients, covariance: s.covariance, dof: dof, level: level),
            n: n, dof: dof, rss: s.sse, r2: s.r2, adjustedR2: s.adjustedR2, sigma: s.sigma,
            aic: nil, bic: nil, f: nil, fP: nil, conditionNumber: nil, confidenceLevel: level,
            labels: design.labels, fitted: fitted, residuals: s.residuals, covariance: s.covariance,
            warnings: warnings, notes: notes)
    }
}
