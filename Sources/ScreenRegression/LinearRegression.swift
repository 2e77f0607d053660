import Foundation
import ScreenCore
import ScreenNumerics
import ScreenStore

/// Ordinary and weighted least squares on a design matrix, with the statistics that
/// statsmodels reports under the same names (so users can check one against the other).
public enum LinearRegression {
    /// Fits by (weighted) least squares through GSL.
    ///
    /// - Parameters:
    ///   - weights: relative weights (e.g. 1/σᵢ²); the covariance is scaled by the residual
    ///     variance as statsmodels' WLS does.
    ///   - level: confidence level of the intervals.
    /// - Throws: `DesignError.collinear` naming the first term that is a linear combination of
    ///   earlier ones; `DesignError.constantResponse`; `GSLError` from GSL.
    /// - Complexity: O(n·p²) for the SVD solve and the refinement, plus O(n·p²·p) in the rare
    ///   case of a rank-deficient design (one rank test per leading block to name the term).
    public static func fit(_ design: DesignMatrix, weights: [Double]? = nil, level: Double = 0.95) throws -> RegressionResult {
        let n = design.rowCount, p = design.parameterCount
        if let weights {
            precondition(weights.count == n)
            guard weights.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw DesignError.nonPositiveWeights }
        }
        try checkCollinearity(design)
        let w = weights ?? [Double](repeating: 1, count: n)
        let solution = try LeastSquares.solve(x: design.x, y: design.y, weights: weights)
        let dof = n - p
        let rss = solution.chiSquared
        let sigma2 = rss / Double(dof)
        let covariance = solution.unscaledCovariance.map { $0.map { $0 * sigma2 } }
        let fitted = design.x.map { row in zip(row, solution.coefficients).reduce(0) { $0 + $1.0 * $1.1 } }
        let residuals = zip(design.y, fitted).map { $0 - $1 }

        // Total sum of squares: weighted and centred about the weighted mean with an
        // intercept; uncentred without one (as statsmodels and R do).
        let wsum = w.reduce(0, +)
        let mean = design.formula.hasIntercept ? zip(w, design.y).reduce(0) { $0 + $1.0 * $1.1 } / wsum : 0
        let tss = zip(w, design.y).reduce(0) { $0 + $1.0 * ($1.1 - mean) * ($1.1 - mean) }
        guard tss > 0 else { throw DesignError.constantResponse }
        let kConstant = design.formula.hasIntercept ? 1 : 0
        let r2 = 1 - rss / tss
        let adjusted = 1 - Double(n - kConstant) / Double(dof) * (1 - r2)
        let dfModel = p - kConstant
        var f: Double? = nil, fP: Double? = nil
        if dfModel > 0 {
            let fv = ((tss - rss) / Double(dfModel)) / sigma2
            f = fv
            fP = Distributions.fisherUpperP(fv, dof1: Double(dfModel), dof2: Double(dof))
        }
        // Gaussian log-likelihood (with the weights' Jacobian term for WLS), then AIC/BIC with
        // k = number of coefficients, as statsmodels.
        let llf = -Double(n) / 2 * (log(2 * Double.pi * rss / Double(n)) + 1) + w.reduce(0) { $0 + log($1) } / 2
        let k = Double(p)
        let scaled = zip(design.x, w).map { row, wi in row.map { $0 * wi.squareRoot() } }
        let s = try LeastSquares.singularValues(scaled)
        // `DesignMatrix` guarantees n > p ≥ 1, so there is at least one singular value.
        let condition = s.first! / s.last!

        var warnings: [String] = []
        let balancedCondition = 1 / solution.reciprocalCondition
        if balancedCondition > 1e8 {
            warnings.append("the design is ill-conditioned (condition number \(formatForDisplay(balancedCondition, significant: 3)) after column scaling): the estimates are sensitive to small changes in the data; consider centring or scaling the predictors")
        }
        if dof < 3 { warnings.append("only \(dof) residual degrees of freedom: standard errors and intervals are very uncertain") }
        var notes: [String] = []
        if !design.formula.hasIntercept { notes.append("no intercept: R² is uncentred (about zero), as in statsmodels and R") }

        return RegressionResult(
            method: weights == nil ? "ols" : "wls", model: design.formula.description,
            terms: RegressionResult.terms(names: design.coefficientNames, estimates: solution.coefficients,
                                          covariance: covariance, dof: dof, level: level),
            n: n, dof: dof, rss: rss, r2: r2, adjustedR2: adjusted, sigma: sigma2.squareRoot(),
            aic: -2 * llf + 2 * k, bic: -2 * llf + k * log(Double(n)), f: f, fP: fP, conditionNumber: condition,
            confidenceLevel: level, labels: design.labels, fitted: fitted, residuals: residuals,
            covariance: covariance, warnings: warnings, notes: notes)
    }

    /// Finds the first term whose column is (numerically) a linear combination of the
    /// columns before it, working on unit-length columns so that scale does not matter.
    static func checkCollinearity(_ design: DesignMatrix) throws {
        let p = design.parameterCount
        var columns = (0..<p).map { j in design.x.map { $0[j] } }
        for j in 0..<p {
            let norm = columns[j].reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { throw DesignError.collinear(term: design.coefficientNames[j]) }
            columns[j] = columns[j].map { $0 / norm }
        }
        let full = (0..<design.rowCount).map { i in (0..<p).map { columns[$0][i] } }
        guard try LeastSquares.rank(full, tolerance: 1e-13) < p else { return }
        for j in 1..<p {
            let sub = full.map { Array($0[0...j]) }
            if try LeastSquares.rank(sub, tolerance: 1e-13) <= j { throw DesignError.collinear(term: design.coefficientNames[j]) }
        }
    }
}
