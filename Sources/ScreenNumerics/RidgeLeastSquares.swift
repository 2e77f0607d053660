import CGSL

/// Ridge (Tikhonov) regression through GSL's regularised least squares: minimises
/// ‖y − Xc‖² + λ²‖c‖², with λ chosen by generalised cross-validation or the corner of the
/// L-curve (`gsl_multifit_linear_gcv`, `gsl_multifit_linear_lcurve`/`lcorner`).
public enum RidgeLeastSquares {
    /// How the regularisation parameter λ is chosen.
    public enum Selection: Sendable, Equatable {
        /// The λ minimising the generalised cross-validation function (`gsl_multifit_linear_gcv`).
        case gcv
        /// The corner of the L-curve of ‖y − Xc‖ against ‖c‖ (`gsl_multifit_linear_lcorner`).
        case lCurve
        /// A given λ ≥ 0 (0 gives ordinary least squares through the SVD).
        case fixed(Double)
    }

    /// The ridge coefficients with what is needed for their covariance and effective degrees of freedom.
    public struct Solution: Sendable {
        /// The ridge coefficients c(λ), one per column of X.
        public let coefficients: [Double]
        /// The λ in use (chosen or given).
        public let lambda: Double
        /// Singular values of X and the rows of Vᵀ, for the covariance and effective dof.
        public let singularValues: [Double]
        /// Vᵀ as rows (`rightSingularVectors[i]` is the i-th right singular vector).
        public let rightSingularVectors: [[Double]]
        /// ‖y − Xc(λ)‖ as GSL reports it.
        public let residualNorm: Double
    }

    /// Solves the ridge problem min ‖y − Xc‖² + λ²‖c‖² for `x` (n rows × p columns, n ≥ p).
    ///
    /// - Parameters:
    ///   - x: the design matrix, rows of equal length (the caller standardises the predictors).
    ///   - y: one response per row.
    ///   - selection: how λ is chosen; GCV and the L-curve try 200 values of λ on GSL's grid.
    /// - Throws: `GSLError` for n < p, p = 0 or mismatched lengths (`GSL_EBADLEN`), a negative
    ///   or non-finite fixed λ and non-finite results (`GSL_EDOM`), or any GSL failure.
    /// - Complexity: O(n p²) for the SVD, plus O(p) per trial λ (200 trial values).
    public static func solve(x: [[Double]], y: [Double], selection: Selection) throws -> Solution {
        let n = x.count, p = x.first?.count ?? 0
        guard n == y.count, n >= p, p > 0 else {
            throw GSLError(status: Int32(GSL_EBADLEN), function: "gsl_multifit_linear_svd (\(n) rows, \(p) columns)")
        }
        let X = try GSLMatrix(x), Y = try GSLVector(y), c = try GSLVector(count: p)
        guard let work = gsl_multifit_linear_alloc(n, p) else {
            throw GSLError(status: Int32(GSL_ENOMEM), function: "gsl_multifit_linear_alloc")
        }
        defer { gsl_multifit_linear_free(work) }
        try GSL.check(gsl_multifit_linear_svd(X.pointer, work), "gsl_multifit_linear_svd")
        let trials = 200
        let lambda: Double
        switch selection {
        case .fixed(let l):
            guard l >= 0, l.isFinite else { throw GSLError(status: Int32(GSL_EDOM), function: "ridge λ must be ≥ 0") }
            lambda = l
        case .gcv:
            let reg = try GSLVector(count: trials), g = try GSLVector(count: trials)
            var best = 0.0, gBest = 0.0
            try GSL.check(gsl_multifit_linear_gcv(Y.pointer, reg.pointer, g.pointer, &best, &gBest, work), "gsl_multifit_linear_gcv")
            lambda = best
        case .lCurve:
            let reg = try GSLVector(count: trials), rho = try GSLVector(count: trials), eta = try GSLVector(count: trials)
            try GSL.check(gsl_multifit_linear_lcurve(Y.pointer, reg.pointer, rho.pointer, eta.pointer, work), "gsl_multifit_linear_lcurve")
            var index = 0
            try GSL.check(gsl_multifit_linear_lcorner(rho.pointer, eta.pointer, &index), "gsl_multifit_linear_lcorner")
            lambda = reg[index]
        }
        var rnorm = 0.0, snorm = 0.0
        try GSL.check(gsl_multifit_linear_solve(lambda, X.pointer, Y.pointer, c.pointer, &rnorm, &snorm, work), "gsl_multifit_linear_solve")
        // The SVD of X itself (GSL's workspace holds a column-balanced copy) for the covariance.
        let a = try GSLMatrix(x), v = try GSLMatrix(rows: p, columns: p)
        let s = try GSLVector(count: p), tmp = try GSLVector(count: p)
        try GSL.check(gsl_linalg_SV_decomp(a.pointer, v.pointer, s.pointer, tmp.pointer), "gsl_linalg_SV_decomp")
        let vt = (0..<p).map { i in (0..<p).map { j in v[j, i] } }
        let result = Solution(coefficients: c.array, lambda: lambda, singularValues: s.array, rightSingularVectors: vt, residualNorm: rnorm)
        guard result.coefficients.allSatisfy(\.isFinite), lambda.isFinite else {
            throw GSLError(status: Int32(GSL_EDOM), function: "gsl_multifit_linear_solve (non-finite result)")
        }
        return result
    }
}
