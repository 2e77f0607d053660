import CGSL

/// A seeded GSL random number generator (Mersenne Twister, MT19937).
///
/// Why a class of our own: the same seed must give the same stream on every run and
/// machine, and a generator must never be shared across threads — each task makes its
/// own, with a seed derived from the user's (`derived(stream:)`).
public final class RandomGenerator {
    private let rng: UnsafeMutablePointer<gsl_rng>
    /// The seed this generator was created with.
    public let seed: UInt64

    /// An MT19937 generator seeded with `seed` (`gsl_rng_set`, which takes an unsigned long).
    ///
    /// GSL's MT19937 treats seed 0 as its default seed 4357, so seeds 0 and 4357 give the same
    /// stream. Crashes only when GSL cannot allocate the generator (out of memory).
    public init(seed: UInt64) {
        GSL.prepare()
        guard let r = gsl_rng_alloc(cgsl_rng_mt19937()) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        rng = r
        self.seed = seed
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
    }

    deinit { gsl_rng_free(rng) }

    /// A new, independent generator for stream `stream` (a block of samples, a thread),
    /// so that results do not depend on how work is split between threads.
    public func derived(stream: UInt64) -> RandomGenerator {
        RandomGenerator(seed: RandomGenerator.mix(seed &+ 0x9E37_79B9_7F4A_7C15 &* (stream &+ 1)))
    }

    /// The generator's next raw integer output (for checks against GSL's own test values).
    public func rawInteger() -> UInt { gsl_rng_get(rng) }

    /// A uniform deviate in [0, 1).
    public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// A Gaussian deviate with mean 0 and standard deviation `sigma`.
    public func gaussian(sigma: Double = 1) -> Double { gsl_ran_gaussian(rng, sigma) }

    /// A sample from the Dirichlet distribution with parameters `alpha` (all > 0).
    /// - Complexity: O(k) for k parameters.
    public func dirichlet(_ alpha: [Double]) -> [Double] {
        var theta = [Double](repeating: 0, count: alpha.count)
        alpha.withUnsafeBufferPointer { a in
            theta.withUnsafeMutableBufferPointer { t in
                gsl_ran_dirichlet(rng, alpha.count, a.baseAddress, t.baseAddress)
            }
        }
        return theta
    }

    /// A uniform deviate in [a, b) (`gsl_ran_flat`), for a value known only as a range.
    /// - Complexity: O(1).
    public func flat(_ a: Double, _ b: Double) -> Double { gsl_ran_flat(rng, a, b) }

    /// A uniform integer in 0..<n (`gsl_rng_uniform_int`, which rejects rather than folds, so
    /// every integer is equally likely), e.g. to pick one of several measured values.
    /// `n` must be in 1...UInt32.max for MT19937.
    /// - Complexity: O(1) expected (a rejection loop).
    public func uniformInteger(below n: Int) -> Int {
        precondition(n > 0, "uniformInteger(below:) needs n > 0")
        return Int(gsl_rng_uniform_int(rng, UInt(n)))
    }

    /// A Dirichlet(alpha) sample written into `theta` (resized to `alpha.count` if needed), so a
    /// sampling loop reuses one buffer instead of allocating an array per draw.
    /// Same stream of draws as `dirichlet(_:)`.
    /// - Complexity: O(k) for k parameters.
    public func dirichlet(_ alpha: [Double], into theta: inout [Double]) {
        if theta.count != alpha.count { theta = [Double](repeating: 0, count: alpha.count) }
        alpha.withUnsafeBufferPointer { a in
            theta.withUnsafeMutableBufferPointer { t in
                gsl_ran_dirichlet(rng, alpha.count, a.baseAddress, t.baseAddress)
            }
        }
    }

    /// SplitMix64 finaliser: spreads nearby seeds into unrelated generator states.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1330_11EB
        return z ^ (z >> 31)
    }
}
