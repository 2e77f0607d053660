import CGSL

/// Robust linear regression by iteratively reweighted least squares (`gsl_multifit_robust`),
/// which down-weights outliers such as a mis-transcribed literature value.
public enum RobustLeastSquares {
    /// GSL's weighting functions, with their default tuning constants (95 % efficiency for
    /// Gaussian errors): bisquare 4.685, cauchy 2.385, fair 1.4, huber 1.345, welsch 2.985.
    public enum Weighting: String, CaseIterable, Sendable {
        /// The weighting function by GSL's name; `ols` gives every observation weight 1.
        case bisquare, cauchy, fair, huber, welsch, ols

        var type: UnsafePointer<gsl_multifit_robust_type> {
            switch self {
            case .bisquare: cgsl_robust_bisquare()
            case .cauchy: cgsl_robust_cauchy()
            case .fair: cgsl_robust_fair()
            case .huber: cgsl_robust_huber()
            case .welsch: cgsl_robust_welsch()
            case .ols: cgsl_robust_ols()
            }
        }
    }

    /// The robust fit with GSL's summary statistics (`gsl_multifit_robust_statistics`).
    public struct Solution: Sendable {
        /// The fitted coefficients, one per column of X.
        public let coefficients: [Double]
        /// GSL's covariance, already scaled by its robust σ² (Street, Carroll & Ruppert 1988).
        public let covariance: [[Double]]
        /// GSL's robust estimate of the residual standard deviation.
        public let sigma: Double
        /// R² as GSL computes it for the robust fit.
        public let r2: Double
        /// Adjusted R² as GSL computes it.
        public let adjustedR2: Double
        /// Residual sum of squares Σ rᵢ² (unweighted).
        public let sse: Double
        /// Reweighting iterations GSL took.
        public let iterations: Int
        /// The final weight of each observation (0 … 1; near 0 marks an outlier).
        public let weights: [Double]
        /// yᵢ − xᵢ·c for each observation.
        public let residuals: [Double]
        /// False when GSL stopped at the iteration limit.
        public let converged: Bool
    }

    /// Fits y ≈ Xc by iteratively reweighted least squares (`gsl_multifit_robust`).
    ///
    /// - Parameters:
    ///   - x: the design matrix, n rows × p columns with n > p.
    ///   - tuning: the weighting function's tuning constant; nil for GSL's default (above).
    ///   - maxIterations: GSL's iteration limit; reaching it returns `converged == false`.
    /// - Throws: `GSLError` for n ≤ p, p = 0 or mismatched lengths, any GSL failure other than
    ///   the iteration limit, and non-finite coefficients or σ.
    /// - Complexity: O(n p²) per reweighting iteration (one SVD each).
    public static func solve(x: [[Double]], y: [Double], weighting: Weighting, tuning: Double? = nil, maxIterations: Int = 100) throws -> Solution {
        let n = x.count, p = x.first?.count ?? 0
        guard n == y.count, n > p, p > 0 else {
            throw GSLError(status: Int32(GSL_EBADLEN), function: "gsl_multifit_robust (\(n) rows, \(p) columns)")
        }
        let X = try GSLMatrix(x), Y = try GSLVector(y)
        let c = try GSLVector(count: p), cov = try GSLMatrix(rows: p, columns: p)
        guard let work = gsl_multifit_robust_alloc(weighting.type, n, p) else {
            throw GSLError(status: Int32(GSL_ENOMEM), function: "gsl_multifit_robust_alloc")
        }
        defer { gsl_multifit_robust_free(work) }
        if let tuning { try GSL.check(gsl_multifit_robust_tune(tuning, work), "gsl_multifit_robust_tune") }
        try GSL.check(gsl_multifit_robust_maxiter(maxIterations, work), "gsl_multifit_robust_maxiter")
        let status = gsl_multifit_robust(X.pointer, Y.pointer, c.pointer, cov.pointer, work)
        let converged = status != GSL_EMAXITER
        if status != GSL_SUCCESS && converged { try GSL.check(status, "gsl_multifit_robust") }
        let stats = gsl_multifit_robust_statistics(work)
        let weights = (0..<n).map { gsl_vector_get(stats.weights, $0) }
        let residuals = (0..<n).map { gsl_vector_get(stats.r, $0) }
        let solution = Solution(coefficients: c.array, covariance: cov.array, sigma: stats.sigma, r2: stats.Rsq,
                                adjustedR2: stats.adj_Rsq, sse: stats.sse, iterations: Int(stats.numit),
                                weights: weights, residuals: residuals, converged: converged)
        guard solution.coefficients.allSatisfy(\.isFinite), solution.sigma.isFinite else {
            throw GSLError(status: Int32(GSL_EDOM), function: "gsl_multifit_robust (non-finite result)")
        }
        return solution
    }
}
