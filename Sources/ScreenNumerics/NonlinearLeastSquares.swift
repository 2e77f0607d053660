import CGSL

/// Nonlinear least squares through GSL's `multifit_nlinear` (trust region with
/// Levenberg–Marquardt steps and Moré scaling: `gsl_multifit_nlinear_default_parameters()`),
/// with Swift arrays and closures at the boundary.
///
/// The model is a scalar function of the parameters and one predictor value; its analytic
/// Jacobian returns ∂f/∂pⱼ at one predictor value. GSL minimises Σ wᵢ (f(p, xᵢ) − yᵢ)².
public enum NonlinearLeastSquares {
    /// Stopping rules for `gsl_multifit_nlinear_driver`.
    ///
    /// GSL stops when every step component satisfies |δᵢ| ≤ xtol·(|pᵢ| + xtol) or when the
    /// scaled gradient satisfies maxᵢ |gᵢ·max(pᵢ, 1)| ≤ gtol·max(½‖f‖², 1). `ftol` is passed
    /// on but GSL 2.7 does not test it (its test is compiled out in `convergence.c`), so it is 0.
    public struct Options: Sendable {
        /// Step tolerance: stop when every |δᵢ| ≤ xtol·(|pᵢ| + xtol).
        public var xtol: Double = 1e-10
        /// Gradient tolerance: stop when the scaled gradient is below gtol·max(½‖f‖², 1).
        public var gtol: Double = 1e-10
        /// Passed to GSL, which does not test it in 2.7 (kept at 0 so that nothing suggests otherwise).
        public var ftol: Double = 0
        /// The iteration limit; reaching it sets `Solution.converged` to false instead of throwing.
        public var maxIterations: Int = 500

        /// Stopping rules with the defaults above; `solve` refuses negative tolerances or a limit < 1.
        public init(xtol: Double = 1e-10, gtol: Double = 1e-10, ftol: Double = 0, maxIterations: Int = 500) {
            self.xtol = xtol
            self.gtol = gtol
            self.ftol = ftol
            self.maxIterations = maxIterations
        }
    }

    /// The result of a fit.
    public struct Solution: Sendable {
        /// The fitted parameters, in the order of `start`.
        public let parameters: [Double]
        /// (JᵀWJ)⁻¹ at the solution, from `gsl_multifit_nlinear_covar` (relative tolerance 0):
        /// not scaled; multiply by χ²/(n − p) for the usual estimate. A parameter the data do
        /// not determine (an exactly zero Jacobian column) gets a zero row and column.
        public let unscaledCovariance: [[Double]]
        /// Σ wᵢ (yᵢ − f(p, xᵢ))² at the solution.
        public let chiSquared: Double
        /// Iterations the driver took (0 when the start was already a minimum).
        public let iterations: Int
        /// True when a convergence test was met; false when the iteration limit stopped the fit.
        public let converged: Bool
        /// Which test stopped the iteration, in words, to follow "stopped by": "a small step (xtol)".
        public let stoppedBy: String
        /// Model and Jacobian evaluations, for diagnostics.
        public let functionEvaluations: Int
        /// Jacobian evaluations (calls of the analytic Jacobian), for diagnostics.
        public let jacobianEvaluations: Int
    }

    /// Minimises Σ wᵢ (f(p, xᵢ) − yᵢ)² from `start`.
    ///
    /// - Parameters:
    ///   - model: f(parameters, x).
    ///   - jacobian: [∂f/∂p₀, …, ∂f/∂pₚ₋₁] at (parameters, x); must have `start.count` entries.
    ///   - weights: positive weights wᵢ (e.g. 1/σᵢ²), through `gsl_multifit_nlinear_winit`;
    ///     nil for an unweighted fit.
    /// - Returns: the solution; `converged` is false (and nothing is thrown) when the
    ///   iteration limit was reached.
    /// - Throws: `GSLError` for mis-sized input, non-positive weights, a model that is not
    ///   finite at `start`, any non-success GSL status (`GSL_ENOPROG` when no step from the
    ///   start lowers χ² although the start is not a minimum; `GSL_EBADFUNC` when the Jacobian
    ///   is not finite at an accepted point) and non-finite results.
    ///
    /// Where the model is not finite at a trial point (an overflowing exponential), the residual
    /// is replaced by a huge finite value so that the trust region rejects the step and shrinks,
    /// rather than failing the fit or — as a NaN would — accepting the step.
    ///
    /// - Complexity: O(n p²) per iteration.
    public static func solve(
        x: [Double], y: [Double], weights: [Double]? = nil, start: [Double],
        model: @escaping ([Double], Double) -> Double,
        jacobian: @escaping ([Double], Double) -> [Double],
        options: Options = Options()
    ) throws -> Solution {
        GSL.prepare()
        let n = x.count, p = start.count
        guard n == y.count, p > 0, n >= p, weights.map({ $0.count == n }) ?? true else {
            throw GSLError(status: Int32(GSL_EBADLEN),
                           function: "NonlinearLeastSquares.solve (\(n) x values, \(y.count) y values, \(weights?.count ?? n) weights, \(p) parameters)")
        }
        guard options.maxIterations > 0, options.xtol >= 0, options.gtol >= 0, options.ftol >= 0 else {
            throw GSLError(status: Int32(GSL_EBADTOL), function: "NonlinearLeastSquares.solve (options)")
        }
        if let weights, !weights.allSatisfy({ $0 > 0 && $0.isFinite }) {
            throw GSLError(status: Int32(GSL_EDOM), function: "gsl_multifit_nlinear_winit (weights must be positive and finite)")
        }
        guard start.allSatisfy(\.isFinite), x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
            throw GSLError(status: Int32(GSL_EDOM), function: "NonlinearLeastSquares.solve (non-finite start or data)")
        }
        if let i = x.indices.first(where: { !model(start, x[$0]).isFinite }) {
            throw GSLError(status: Int32(GSL_EBADFUNC),
                           function: "NonlinearLeastSquares.solve (the model is not finite at the starting parameters for point \(i))")
        }

        let problem = Problem(x: x, y: y, parameterCount: p, model: model, jacobian: jacobian)
        return try withExtendedLifetime(problem) { () throws -> Solution in
            // The workspace keeps a pointer to the fdf, so it needs a stable address for the
            // whole fit (not an inout temporary).
            let fdf = UnsafeMutablePointer<gsl_multifit_nlinear_fdf>.allocate(capacity: 1)
            fdf.initialize(to: gsl_multifit_nlinear_fdf())
            defer { fdf.deinitialize(count: 1); fdf.deallocate() }
            fdf.pointee.f = residualCallback
            fdf.pointee.df = jacobianCallback
            fdf.pointee.fvv = nil
            fdf.pointee.n = n
            fdf.pointee.p = p
            fdf.pointee.params = Unmanaged.passUnretained(problem).toOpaque()

            var parameters = gsl_multifit_nlinear_default_parameters()
            guard let work = gsl_multifit_nlinear_alloc(trustRegionType(), &parameters, n, p) else {
                throw GSLError(status: Int32(GSL_ENOMEM), function: "gsl_multifit_nlinear_alloc(\(n), \(p))")
            }
            defer { gsl_multifit_nlinear_free(work) }

            let x0 = try GSLVector(start)
            if let weights {
                let w = try GSLVector(weights)
                try GSL.check(gsl_multifit_nlinear_winit(x0.pointer, w.pointer, fdf, work), "gsl_multifit_nlinear_winit")
            } else {
                try GSL.check(gsl_multifit_nlinear_init(x0.pointer, fdf, work), "gsl_multifit_nlinear_init")
            }

            var info: Int32 = 0
            let status = gsl_multifit_nlinear_driver(options.maxIterations, options.xtol, options.gtol, options.ftol,
                                                     nil, nil, &info, work)
            var iterations = gsl_multifit_nlinear_niter(work)
            var converged = true
            var stoppedBy = describe(info: info)
            if status == Int32(GSL_EMAXITER) && info == Int32(GSL_ENOPROG) {
                // The driver's report when the very first iteration found no step that lowers
                // χ². That is right at a minimum already (exact data with an exact starting
                // guess); anywhere else it is a failure.
                guard try gaussNewtonStepIsNegligible(work, tolerance: max(options.xtol, 1e-8)) else {
                    throw GSLError(status: Int32(GSL_ENOPROG),
                                   function: "gsl_multifit_nlinear_driver (no step from the starting point lowers χ²)")
                }
                iterations = 0
                stoppedBy = "a negligible Gauss–Newton step at the start (already a minimum)"
            } else if status == Int32(GSL_EMAXITER) {
                converged = false
                stoppedBy = "the iteration limit (\(options.maxIterations))"
            } else {
                try GSL.check(status, "gsl_multifit_nlinear_driver")
            }

            // GSL returns the workspace's own vector, never NULL, for an allocated workspace.
            let position = gsl_multifit_nlinear_position(work)!
            let solution = (0..<p).map { gsl_vector_get(position, $0) }
            let residual = gsl_multifit_nlinear_residual(work)!
            var chisq = 0.0
            try GSL.check(gsl_blas_ddot(residual, residual, &chisq), "gsl_blas_ddot")
            let covariance = try GSLMatrix(rows: p, columns: p)
            try GSL.check(gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(work), 0.0, covariance.pointer),
                          "gsl_multifit_nlinear_covar")
            let cov = covariance.array
            guard solution.allSatisfy(\.isFinite), chisq.isFinite, cov.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
                throw GSLError(status: Int32(GSL_EDOM), function: "gsl_multifit_nlinear_driver (non-finite result)")
            }
            return Solution(parameters: solution, unscaledCovariance: cov, chiSquared: chisq,
                            iterations: iterations, converged: converged, stoppedBy: stoppedBy,
                            functionEvaluations: fdf.pointee.nevalf, jacobianEvaluations: fdf.pointee.nevaldf)
        }
    }

    /// `gsl_multifit_nlinear_trust`, the only top-level method GSL provides.
    private static func trustRegionType() -> UnsafePointer<gsl_multifit_nlinear_type> {
        cgsl_multifit_nlinear_trust()
    }

    private static func describe(info: Int32) -> String {
        switch info {
        case 1: "a small step (xtol)"
        case 2: "a small gradient (gtol)"
        case 3: "a small change in the residuals (ftol)"
        case Int32(GSL_ETOLX): "a step at machine precision"
        case Int32(GSL_ETOLG): "a gradient at machine precision"
        case Int32(GSL_ETOLF): "a change in the residuals at machine precision"
        default: "GSL info \(info)"
        }
    }

    /// True when the Gauss–Newton step −(JᵀJ)⁻¹Jᵀf at the workspace's current point changes no
    /// parameter by more than `tolerance` relative to its size (absolute near zero). J and f
    /// are the workspace's, with the weights already applied.
    private static func gaussNewtonStepIsNegligible(_ work: UnsafeMutablePointer<gsl_multifit_nlinear_workspace>,
                                                     tolerance: Double) throws -> Bool {
        // GSL returns the workspace's own matrix and vectors, never NULL, for an allocated workspace.
        let J = gsl_multifit_nlinear_jac(work)!, f = gsl_multifit_nlinear_residual(work)!
        let position = gsl_multifit_nlinear_position(work)!
        let n = J.pointee.size1, p = J.pointee.size2
        let rows = (0..<n).map { i in (0..<p).map { j in gsl_matrix_get(J, i, j) } }
        let rhs = (0..<n).map { -gsl_vector_get(f, $0) }
        guard rows.allSatisfy({ $0.allSatisfy(\.isFinite) }), rhs.allSatisfy(\.isFinite) else { return false }
        let step = try LeastSquares.solve(x: rows, y: rhs).coefficients
        return (0..<p).allSatisfy { j in
            abs(step[j]) <= tolerance * (abs(gsl_vector_get(position, j)) + tolerance)
        }
    }
}

/// What the C callbacks need, reached through the `params` pointer with `Unmanaged`.
private final class Problem {
    let x: [Double]
    let y: [Double]
    let parameterCount: Int
    let model: ([Double], Double) -> Double
    let jacobian: ([Double], Double) -> [Double]

    init(x: [Double], y: [Double], parameterCount: Int,
         model: @escaping ([Double], Double) -> Double, jacobian: @escaping ([Double], Double) -> [Double]) {
        self.x = x
        self.y = y
        self.parameterCount = parameterCount
        self.model = model
        self.jacobian = jacobian
    }

    func parameters(_ v: UnsafePointer<gsl_vector>) -> [Double] {
        (0..<parameterCount).map { gsl_vector_get(v, $0) }
    }
}

/// Stands in for a residual the model cannot evaluate: finite (a NaN would make GSL accept the
/// step, an infinity can turn into NaN inside the norm) and large enough that the step is rejected.
private let unevaluableResidual = 1e150

/// What both callbacks do first: GSL_EFAULT when GSL passes a null pointer, else `fill` with the
/// `Problem` behind `context`, the parameters p in `v` and the output (`f` or `J`) to fill;
/// `fill`'s status is the callback's.
private func withProblem<Output>(_ v: UnsafePointer<gsl_vector>?, _ context: UnsafeMutableRawPointer?, _ output: Output?,
                                 _ fill: (Problem, [Double], Output) -> Int32) -> Int32 {
    guard let v, let context, let output else { return Int32(GSL_EFAULT) }
    let problem = Unmanaged<Problem>.fromOpaque(context).takeUnretainedValue()
    return fill(problem, problem.parameters(v), output)
}

/// fᵢ = f(p, xᵢ) − yᵢ (GSL applies the weights itself).
private func residualCallback(_ v: UnsafePointer<gsl_vector>?, _ context: UnsafeMutableRawPointer?,
                              _ f: UnsafeMutablePointer<gsl_vector>?) -> Int32 {
    withProblem(v, context, f) { problem, p, f in
        for i in problem.x.indices {
            let r = problem.model(p, problem.x[i]) - problem.y[i]
            gsl_vector_set(f, i, r.isFinite ? r : unevaluableResidual)
        }
        return Int32(GSL_SUCCESS)
    }
}

/// Jᵢⱼ = ∂f(p, xᵢ)/∂pⱼ.
private func jacobianCallback(_ v: UnsafePointer<gsl_vector>?, _ context: UnsafeMutableRawPointer?,
                              _ J: UnsafeMutablePointer<gsl_matrix>?) -> Int32 {
    withProblem(v, context, J) { problem, p, J in
        for i in problem.x.indices {
            let row = problem.jacobian(p, problem.x[i])
            guard row.count == problem.parameterCount else { return Int32(GSL_EBADLEN) }
            for (j, d) in row.enumerated() {
                guard d.isFinite else { return Int32(GSL_EBADFUNC) }
                gsl_matrix_set(J, i, j, d)
            }
        }
        return Int32(GSL_SUCCESS)
    }
}
