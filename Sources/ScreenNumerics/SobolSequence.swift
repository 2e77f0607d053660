import CGSL

/// GSL's Sobol' low-discrepancy sequence (`gsl_qrng_sobol`), owned by Swift.
///
/// The generator is allocated on creation and freed in `deinit`; its pointer never leaves
/// this file. One instance is not thread-safe: use one per thread, like `RandomGenerator`.
///
/// **Where the sequence starts.** GSL's Sobol' generator (Bratley & Fox 1988, ACM TOMS 659,
/// direction numbers for up to 40 dimensions, 30 bits) *does not* return the all-zero point
/// that begins the textbook sequence: its first call returns (0.5, 0.5, …), then
/// (0.75, 0.25, …), (0.25, 0.75, …), (0.375, 0.375, …), … (Gray-code order). Every coordinate
/// of every point is therefore strictly inside (0, 1), so inverse CDFs of unbounded
/// distributions stay finite.
///
/// **How this relates to SALib.** SALib ≥ 1.4 (`SALib.sample.sobol.sample`) draws from
/// `scipy.stats.qmc.Sobol`, *scrambled* by default, with `skip_values = 0`. Unscrambled,
/// SciPy's sequence starts at the zero point, and GSL's sequence equals SciPy's with that
/// first point dropped (`skip_values=1`) in the first two dimensions only: SciPy uses the
/// Joe & Kuo (2008) direction numbers and GSL those of Bratley & Fox, which differ from the
/// third dimension on. The points of a SALib run therefore cannot be reproduced exactly with
/// GSL (see `Tests/ScreeningTests/Fixtures/sobol/salib_reference.py`). We keep GSL's
/// convention — the zero point skipped — because mapping the zero point through an
/// inverse CDF gives −∞ for normal inputs.
///
/// - Complexity: `next()` is O(d); `skip(n)` is O(n·d) (GSL has no jump-ahead for Sobol').
public final class SobolSequence {
    /// The largest dimension GSL's Sobol' generator supports (`SOBOL_MAX_DIMENSION`).
    public static let maximumDimension = 40
    /// The number of points GSL can produce before its 30-bit counter runs out.
    public static let maximumPointCount = (1 << 30) - 1

    private let qrng: UnsafeMutablePointer<gsl_qrng>
    /// The number of coordinates of each point.
    public let dimension: Int
    /// How many points have been drawn (including skipped ones).
    public private(set) var position: Int = 0

    /// A Sobol' sequence in `dimension` dimensions (1 … 40).
    ///
    /// - Throws: `GSLError` with status `GSL_EINVAL` when `dimension` is outside 1 … 40.
    ///   GSL itself does not report this: `gsl_qrng_alloc` ignores the status of the
    ///   generator's initialisation and returns a non-null generator for dimension 0 or 41
    ///   (checked on GSL 2.7.1) whose state `sobol_init` left uninitialised, so the range
    ///   is checked here before GSL is called.
    public init(dimension: Int) throws {
        GSL.prepare()
        guard (1...SobolSequence.maximumDimension).contains(dimension) else {
            throw GSLError(status: Int32(GSL_EINVAL),
                           function: "gsl_qrng_alloc(gsl_qrng_sobol, \(dimension)): GSL's Sobol' sequence supports dimensions 1...\(SobolSequence.maximumDimension)")
        }
        guard let q = gsl_qrng_alloc(cgsl_qrng_sobol(), UInt32(dimension)) else {
            throw GSLError(status: Int32(GSL_ENOMEM), function: "gsl_qrng_alloc(gsl_qrng_sobol, \(dimension))")
        }
        qrng = q
        self.dimension = dimension
    }

    deinit { gsl_qrng_free(qrng) }

    /// Writes the next point into `point` (resized to `dimension` if needed).
    ///
    /// - Throws: `GSLError` (`GSL_EFAILED`) once `maximumPointCount` points have been drawn.
    public func next(into point: inout [Double]) throws {
        if point.count != dimension { point = [Double](repeating: 0, count: dimension) }
        let status = point.withUnsafeMutableBufferPointer { gsl_qrng_get(qrng, $0.baseAddress) }
        try GSL.check(status, "gsl_qrng_get (Sobol' point \(position + 1))")
        position += 1
    }

    /// The next point of the sequence, every coordinate in (0, 1).
    public func next() throws -> [Double] {
        var point = [Double](repeating: 0, count: dimension)
        try next(into: &point)
        return point
    }

    /// Draws and discards `count` points (`count` ≥ 0).
    public func skip(_ count: Int) throws {
        precondition(count >= 0, "SobolSequence.skip: count must not be negative")
        var scratch = [Double](repeating: 0, count: dimension)
        for _ in 0..<count { try next(into: &scratch) }
    }
}

/// Quantile (inverse CDF) functions from GSL's `cdf` module, used to map Sobol' points in
/// (0, 1) onto input distributions (`SobolInput`). They live beside `SobolSequence` because
/// this is the Sobol' feature's one file that may call GSL.
public enum SobolQuantiles {
    /// The normal quantile: `mean + sd·Φ⁻¹(p)`.
    public static func normal(_ p: Double, mean: Double, sd: Double) -> Double {
        GSL.prepare()
        return mean + gsl_cdf_gaussian_Pinv(p, sd)
    }

    /// The gamma quantile with shape `k` and scale `θ` (`gsl_cdf_gamma_Pinv`).
    public static func gamma(_ p: Double, shape: Double, scale: Double) -> Double {
        GSL.prepare()
        return gsl_cdf_gamma_Pinv(p, shape, scale)
    }

    /// The beta quantile with parameters `a`, `b` (`gsl_cdf_beta_Pinv`).
    public static func beta(_ p: Double, a: Double, b: Double) -> Double {
        GSL.prepare()
        return gsl_cdf_beta_Pinv(p, a, b)
    }

    /// The log-normal quantile: `exp(μ + σ·Φ⁻¹(p))` (`gsl_cdf_lognormal_Pinv`).
    public static func logNormal(_ p: Double, mu: Double, sigma: Double) -> Double {
        GSL.prepare()
        return gsl_cdf_lognormal_Pinv(p, mu, sigma)
    }
}
