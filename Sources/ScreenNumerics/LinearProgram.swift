import CGLPK

/// A GLPK call that did not end in an optimal or provably infeasible solution.
public struct LinearProgramError: Error, CustomStringConvertible, Equatable {
    /// What GLPK said, in words.
    public let message: String
    /// `linear program: message`.
    public var description: String { "linear program: \(message)" }
}

/// The optimum of a `LinearProgram`.
public struct LinearProgramSolution: Sendable {
    /// cᵀx at the optimum.
    public let objective: Double
    /// x at the optimum, one value per column.
    public let values: [Double]
}

/// A small dense linear program
///
///     minimise cᵀx  subject to  A x = b,  lᵢ ≤ xᵢ ≤ uᵢ
///
/// solved by GLPK's simplex method (Debian `libglpk-dev`). The problem object is kept between
/// solves: changing the right-hand side `b`, the costs `c` or a column's bounds and solving again
/// restarts from the last optimal basis (warm start), which is what makes thousands of hull
/// queries over one chemical system cheap.
///
/// This is the only type that touches GLPK pointers. GLPK keeps its state per thread (it is
/// built with thread-local storage), so one `LinearProgram` must stay on the thread that made
/// it; it is deliberately not `Sendable`. GLPK aborts the process on invalid indices, so every
/// index is checked here first (a precondition: a wrong index is a programming error).
///
/// - Complexity: one solve is a few simplex pivots after a small change (warm start); a cold
///   solve is O(m·n) per pivot for m rows and n columns, typically O(m) pivots.
public final class LinearProgram {
    private let problem: OpaquePointer
    private var parameters = glp_smcp()
    /// Number of equality rows (m).
    public let rows: Int
    /// Number of columns (n).
    public let columns: Int

    /// A program with `matrix[i][j]` = A(i, j) (dense, `rows` × `columns`), all columns
    /// bounded below by 0 and unbounded above, all costs 0 and b = 0 until set.
    ///
    /// - Precondition: every row has `columns` entries, all finite.
    /// - Complexity: O(m·n) to load the dense matrix (only its non-zero entries reach GLPK).
    public init(matrix: [[Double]], columns: Int) {
        precondition(matrix.allSatisfy { $0.count == columns && $0.allSatisfy(\.isFinite) }, "LinearProgram: ragged or non-finite matrix")
        glp_term_out(GLP_OFF)
        rows = matrix.count
        self.columns = columns
        problem = glp_create_prob()
        glp_set_obj_dir(problem, GLP_MIN)
        if rows > 0 { glp_add_rows(problem, Int32(rows)) }
        if columns > 0 { glp_add_cols(problem, Int32(columns)) }
        for i in 0..<rows { glp_set_row_bnds(problem, Int32(i + 1), GLP_FX, 0, 0) }
        for j in 0..<columns { glp_set_col_bnds(problem, Int32(j + 1), GLP_LO, 0, 0) }
        // GLPK's sparse triplets are 1-based with an unused element 0.
        var ia: [Int32] = [0], ja: [Int32] = [0], ar: [Double] = [0]
        for i in 0..<rows {
            for j in 0..<columns where matrix[i][j] != 0 {
                ia.append(Int32(i + 1)); ja.append(Int32(j + 1)); ar.append(matrix[i][j])
            }
        }
        glp_load_matrix(problem, Int32(ar.count - 1), ia, ja, ar)
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.presolve = GLP_OFF       // keeps the basis between solves
        // GLPK's primal simplex first (it goes on with the dual one if the primal fails), with
        // standard (Dantzig) pricing. On the thermodynamics stage's programs, a few rows each, the
        // primal simplex took 15–25 % less CPU time than the dual one first, whatever changed
        // between solves: the right-hand side and a column's bounds (stability decisions), the costs
        // (a profile's chemical potential) or nothing (a program built for one question); standard
        // pricing took another 12–22 % less than GLPK's default projected steepest edge, whose
        // weights are set up again at every call and cost more than the pivots they save on so few
        // rows. Measured on `screen stability --contains Na` (6,190 compositions; three and four
        // pairs of runs): the same stable sets, decompositions and phases as before, and as
        // pymatgen's (energies above the hull within 9e-14 eV/atom of pymatgen's, profile voltages
        // within 1.8e-10 V).
        parameters.meth = GLP_PRIMAL
        parameters.pricing = GLP_PT_STD
        // Tighter than GLPK's defaults (1e-7): hull energies are compared to 1e-6 eV/atom.
        parameters.tol_bnd = 1e-10
        parameters.tol_dj = 1e-10
        glp_adv_basis(problem, 0)
    }

    deinit { glp_delete_prob(problem) }

    /// Sets b. - Precondition: `b.count == rows`, all finite.
    /// - Complexity: O(m).
    public func setRightHandSide(_ b: [Double]) {
        precondition(b.count == rows && b.allSatisfy(\.isFinite), "LinearProgram: bad right-hand side")
        for i in 0..<rows { glp_set_row_bnds(problem, Int32(i + 1), GLP_FX, b[i], b[i]) }
    }

    /// Sets c. - Precondition: `c.count == columns`, all finite.
    /// - Complexity: O(n).
    public func setCosts(_ c: [Double]) {
        precondition(c.count == columns && c.allSatisfy(\.isFinite), "LinearProgram: bad costs")
        for j in 0..<columns { glp_set_obj_coef(problem, Int32(j + 1), c[j]) }
    }

    /// Replaces column `column`'s coefficients (dense, one per row).
    /// - Precondition: `0 ≤ column < columns`, `coefficients.count == rows`, all finite.
    /// - Complexity: O(m).
    public func setColumn(_ column: Int, coefficients: [Double]) {
        precondition(column >= 0 && column < columns && coefficients.count == rows && coefficients.allSatisfy(\.isFinite),
                     "LinearProgram: bad column")
        var indices: [Int32] = [0], values: [Double] = [0]
        for (i, a) in coefficients.enumerated() where a != 0 { indices.append(Int32(i + 1)); values.append(a) }
        glp_set_mat_col(problem, Int32(column + 1), Int32(values.count - 1), indices, values)
    }

    /// Bounds column `column` to [lower, upper] (`upper` nil: no upper bound; equal bounds fix it).
    public func setBounds(column: Int, lower: Double, upper: Double?) {
        precondition(column >= 0 && column < columns && lower.isFinite, "LinearProgram: bad column bounds")
        let j = Int32(column + 1)
        if let upper {
            precondition(upper.isFinite && upper >= lower, "LinearProgram: bad upper bound")
            glp_set_col_bnds(problem, j, upper == lower ? GLP_FX : GLP_DB, lower, upper)
        } else {
            glp_set_col_bnds(problem, j, GLP_LO, lower, 0)
        }
    }

    /// Solves from the current basis. Returns nil when the constraints have no solution.
    ///
    /// - Throws: `LinearProgramError` when GLPK fails (singular basis it cannot repair, iteration
    ///   limit) or reports an unbounded objective.
    /// - Complexity: see the type: a few pivots after a small change, O(m) pivots of O(m·n) cold.
    public func solve() throws -> LinearProgramSolution? {
        var status = glp_simplex(problem, &parameters)
        if status == GLP_EFAIL || status == GLP_ESING || status == GLP_ECOND {
            // The warm basis became unusable: start again from an advanced initial basis.
            glp_adv_basis(problem, 0)
            status = glp_simplex(problem, &parameters)
        }
        guard status == 0 else { throw LinearProgramError(message: "GLPK simplex failed with code \(status)") }
        switch glp_get_status(problem) {
        case GLP_OPT:
            var x = [Double](repeating: 0, count: columns)
            for j in 0..<columns { x[j] = glp_get_col_prim(problem, Int32(j + 1)) }
            return LinearProgramSolution(objective: glp_get_obj_val(problem), values: x)
        case GLP_NOFEAS:
            return nil
        case GLP_UNBND:
            throw LinearProgramError(message: "unbounded objective")
        case let other:
            throw LinearProgramError(message: "no optimal solution (GLPK status \(other))")
        }
    }
}
