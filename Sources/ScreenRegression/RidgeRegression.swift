import Foundation
import ScreenCore
import ScreenNumerics
import ScreenStore

/// Ridge regression for small, collinear descriptor sets (e.g. binding energy and charge
/// transfer, which the review itself says move together). The predictors are standardised
/// (z-scores) so that one λ treats them alike, the intercept is not penalised, and the
/// coefficients are reported on the original scale.
public enum RidgeRegression {
    /// Fits ridge regression on the standardised predictors (sample SD, ddof 1) and reports the
    /// estimates on the original scale with standard errors, but no t, p or intervals (biased).
    ///
    /// - Throws: `DesignError.noTerms` without predictors, `.collinear` for a constant predictor,
    ///   `GSLError` from the solve.
    /// - Complexity: O(n·p²) for the SVD, plus 200 trial λ for GCV or the L-curve.
    public static func fit(_ design: DesignMatrix, selection: RidgeLeastSquares.Selection, level: Double = 0.95) throws -> RegressionResult {
        let n = design.rowCount
        let hasIntercept = design.formula.hasIntercept
        let first = hasIntercept ? 1 : 0
        let p = design.parameterCount - first
        guard p > 0 else { throw DesignError.noTerms }
        let columns = (first..<design.parameterCount).map { j in design.x.map { $0[j] } }
        let means = columns.map { hasIntercept ? $0.reduce(0, +) / Double(n) : 0 }
        let scales = zip(columns, means).map { col, m in (col.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(max(n - 1, 1))).squareRoot() }
        if let k = scales.firstIndex(where: { $0 == 0 }) { throw DesignError.collinear(term: design.coefficientNames[first + k]) }
        let yMean = hasIntercept ? design.y.reduce(0, +) / Double(n) : 0
        let z = (0..<n).map { i in (0..<p).map { (columns[$0][i] - means[$0]) / scales[$0] } }
        let yc = design.y.map { $0 - yMean }
        let s = try RidgeLeastSquares.solve(x: z, y: yc, selection: selection)

        // Back to the original scale: β_j = γ_j / sd_j, intercept = ȳ − Σ β_j x̄_j.
        let beta = zip(s.coefficients, scales).map { $0 / $1 }
        let intercept = yMean - zip(beta, means).reduce(0) { $0 + $1.0 * $1.1 }
        let estimates = (hasIntercept ? [intercept] : []) + beta
        let fitted = design.x.map { row in zip(row, estimates).reduce(0) { $0 + $1.0 * $1.1 } }
        let residuals = zip(design.y, fitted).map { $0 - $1 }
        let rss = residuals.reduce(0) { $0 + $1 * $1 }
        // Effective degrees of freedom of the smoother: Σ s²/(s² + λ²) (+1 for the intercept).
        let l2 = s.lambda * s.lambda
        let shrink = s.singularValues.map { $0 * $0 / ($0 * $0 + l2) }
        let edf = shrink.reduce(0, +) + Double(first)
        let sigma2 = rss / (Double(n) - edf)
        // Cov(γ) = σ² V diag(s²/(s²+λ²)²) Vᵀ, then scaled to the original units.
        let factor = s.singularValues.map { $0 * $0 / (($0 * $0 + l2) * ($0 * $0 + l2)) }
        var covBeta = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for a in 0..<p { for b in 0..<p {
            var sum = 0.0
            for k in 0..<p { sum += s.rightSingularVectors[k][a] * factor[k] * s.rightSingularVectors[k][b] }
            covBeta[a][b] = sigma2 * sum / (scales[a] * scales[b])
        } }
        var covariance = covBeta
        if hasIntercept {
            let cm = (0..<p).map { a in (0..<p).reduce(0) { $0 + covBeta[a][$1] * means[$1] } }
            let v0 = sigma2 / Double(n) + zip(means, cm).reduce(0) { $0 + $1.0 * $1.1 }
            covariance = [[v0] + cm.map { -$0 }] + (0..<p).map { a in [-cm[a]] + covBeta[a] }
        }
        let terms = design.coefficientNames.indices.map { i in
            RegressionResult.Term(name: design.coefficientNames[i], estimate: estimates[i],
                                  standardError: covariance[i][i].squareRoot(), t: nil, p: nil, confidenceLow: nil, confidenceHigh: nil)
        }
        let tss = design.y.reduce(0) { $0 + ($1 - yMean) * ($1 - yMean) }
        let r2 = 1 - rss / tss
        let label = switch selection { case .gcv: "gcv"; case .lCurve: "lcurve"; case .fixed: "fixed" }
        return RegressionResult(
            method: "ridge-\(label)", model: design.formula.description, terms: terms, n: n,
            dof: n - Int(edf.rounded(.up)), rss: rss, r2: r2,
            adjustedR2: 1 - (1 - r2) * Double(n - first) / (Double(n) - edf), sigma: sigma2.squareRoot(),
            // `DesignMatrix` guarantees n > p ≥ 1, so there is at least one singular value.
            aic: nil, bic: nil, f: nil, fP: nil, conditionNumber: s.singularValues.first! / s.singularValues.last!,
            confidenceLevel: level, labels: design.labels, fitted: fitted, residuals: residuals, covariance: covariance,
            warnings: [],
            notes: ["λ = \(formatForDisplay(s.lambda)) on standardised predictors (\(label)); effective degrees of freedom \(formatForDisplay(edf, significant: 4))",
                    "ridge estimates are biased by design: standard errors are the sampling spread of the shrunken estimates; no t, p or confidence intervals are given"])
    }
}
