import CGSL

/// A `gsl_matrix` owned by Swift (row-major, as GSL stores it), freed in `deinit`.
final class GSLMatrix {
    let pointer: UnsafeMutablePointer<gsl_matrix>
    let rows: Int
    let columns: Int

    init(rows: Int, columns: Int) throws {
        GSL.prepare()
        guard rows > 0, columns > 0, let p = gsl_matrix_calloc(rows, columns) else {
            throw GSLError(status: Int32(GSL_ENOMEM), function: "gsl_matrix_calloc(\(rows), \(columns))")
        }
        pointer = p
        self.rows = rows
        self.columns = columns
    }

    /// Builds a matrix from rows of equal length.
    convenience init(_ values: [[Double]]) throws {
        guard let width = values.first?.count, values.allSatisfy({ $0.count == width }) else {
            throw GSLError(status: Int32(GSL_EBADLEN), function: "GSLMatrix(rows:) with ragged rows")
        }
        try self.init(rows: values.count, columns: width)
        for (i, row) in values.enumerated() {
            for (j, v) in row.enumerated() { gsl_matrix_set(pointer, i, j, v) }
        }
    }

    deinit { gsl_matrix_free(pointer) }

    subscript(i: Int, j: Int) -> Double {
        get { gsl_matrix_get(pointer, i, j) }
        set { gsl_matrix_set(pointer, i, j, newValue) }
    }

    var array: [[Double]] {
        (0..<rows).map { i in (0..<columns).map { j in gsl_matrix_get(pointer, i, j) } }
    }

    func copy() throws -> GSLMatrix {
        let m = try GSLMatrix(rows: rows, columns: columns)
        try GSL.check(gsl_matrix_memcpy(m.pointer, pointer), "gsl_matrix_memcpy")
        return m
    }
}
