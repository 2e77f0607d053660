/// Dot products and sums in twice the working precision (Ogita, Rump & Oishi 2005,
/// "Accurate sum and dot product", Algorithm Dot2), through fused multiply-add.
///
/// Why: least-squares refinement needs residuals y − Xc computed more accurately than
/// the solution itself; portable double-double arithmetic gives that on every CPU.
public enum Compensated {
    /// Σ aᵢ bᵢ, as if computed in ~106-bit precision and rounded once.
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0, c = 0.0
        for i in a.indices {
            let p = a[i] * b[i]
            let pErr = (-p).addingProduct(a[i], b[i])                                            // exact error of the product (TwoProduct by fma)
            let t = s + p
            let z = t - s
            let sErr = (s - (t - z)) + (p - z)                                                   // exact error of the sum (TwoSum)
            s = t
            c += pErr + sErr
        }
        return s + c
    }

    /// b − Σ aᵢ xᵢ for one row, accurately.
    /// - Complexity: O(k) for k entries in `row` (= `x.count`).
    public static func residual(_ b: Double, _ row: [Double], _ x: [Double]) -> Double {
        dot(row + [b], x.map { -$0 } + [1])
    }
}
