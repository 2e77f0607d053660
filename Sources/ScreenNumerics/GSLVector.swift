import CGSL

/// A `gsl_vector` owned by Swift: allocated on creation, freed in `deinit`, so GSL
/// memory follows Swift's lifetime rules and never leaks out of `Numerics/`.
final class GSLVector {
    let pointer: UnsafeMutablePointer<gsl_vector>
    let count: Int

    init(count: Int) throws {
        GSL.prepare()
        guard count > 0, let p = gsl_vector_calloc(count) else {
            throw GSLError(status: Int32(GSL_ENOMEM), function: "gsl_vector_calloc(\(count))")
        }
        pointer = p
        self.count = count
    }

    convenience init(_ values: [Double]) throws {
        try self.init(count: values.count)
        for (i, v) in values.enumerated() { gsl_vector_set(pointer, i, v) }
    }

    deinit { gsl_vector_free(pointer) }

    subscript(i: Int) -> Double {
        get { gsl_vector_get(pointer, i) }
        set { gsl_vector_set(pointer, i, newValue) }
    }

    var array: [Double] { (0..<count).map { gsl_vector_get(pointer, $0) } }
}
