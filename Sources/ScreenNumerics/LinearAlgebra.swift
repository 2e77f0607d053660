import CGSL

/// Dense linear algebra through GSL, with Swift arrays at the boundary so that no
/// GSL pointer leaves `Numerics/`.
public enum LinearAlgebra {
    /// Solves `A x = b` by LU decomposition with partial pivoting.
    ///
    /// - Throws: `GSLError` with `GSL_EDOM` when `A` is singular, `GSL_ENOTSQR` when it is
    ///   not square, `GSL_EBADLEN` when `b` does not match; never aborts the process.
    /// - Complexity: O(n³).
    public static func solve(_ a: [[Double]], _ b: [Double]) throws -> [Double] {
        let m = try GSLMatrix(a)
        let rhs = try GSLVector(b)
        let x = try GSLVector(count: m.columns)
        guard let perm = gsl_permutation_alloc(m.rows) else {
            throw GSLError(status: Int32(GSL_ENOMEM), function: "gsl_permutation_alloc")
        }
        defer { gsl_permutation_free(perm) }
        var sign: Int32 = 0
        try GSL.check(gsl_linalg_LU_decomp(m.pointer, perm, &sign), "gsl_linalg_LU_decomp")
        try GSL.check(gsl_linalg_LU_solve(m.pointer, perm, rhs.pointer, x.pointer), "gsl_linalg_LU_solve")
        let result = x.array
        guard result.allSatisfy(\.isFinite) else {
            throw GSLError(status: Int32(GSL_EDOM), function: "gsl_linalg_LU_solve (non-finite solution)")
        }
        return result
    }

    /// `y = A x` through BLAS `dgemv`.
    ///
    /// - Throws: `GSLError` with `GSL_EBADLEN` when `x` does not have one entry per column.
    /// - Complexity: O(m·n) for an m × n matrix.
    public static func multiply(_ a: [[Double]], _ x: [Double]) throws -> [Double] {
        let m = try GSLMatrix(a)
        let v = try GSLVector(x)
        let y = try GSLVector(count: m.rows)
        try GSL.check(gsl_blas_dgemv(CblasNoTrans, 1.0, m.pointer, v.pointer, 0.0, y.pointer), "gsl_blas_dgemv")
        return y.array
    }
}
