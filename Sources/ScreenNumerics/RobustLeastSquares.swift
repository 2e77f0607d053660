import CGSL

/// Robust linear regression by iteratively reweighted least squares (`gsl_multifit_robust`),
/// which down-weights outliers such as a mis-transcribed literature value.
public enum RobustLeastSquares {
    /// GSL's weighting functions, with their default tuning constants (95 % efficiency for
    /// Gaussian errors): bisquare 4.685, cauchy 2.385, fair 1.4, huber 1.345, welsch 2.985.
    public enum Weighting: String, CaseIterable, Sendable {
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

    public struct Solution: Sendable {
        public let coefficients: [Double]
        /// GSL's covariance, already scaled by its robust σ² (Street, Carroll & Ruppert 1988).
        public let covariance: [[Double]]
        public let sigma: Double
        public let r2: Double
        public let adjustedR2: Double
        public let sse: Double
        public let iterations: Int
        public let weights: [Double]
        public let residuals: [Double]
        /// False when GSL stopped at the iteration limit.
        public let converged: Bool
    }

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
