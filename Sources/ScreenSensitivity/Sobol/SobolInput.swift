import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics
/// One independent input factor of a Sobol' analysis: a name and the distribution that a
/// coordinate u ∈ (0, 1) of the Sobol' sequence is mapped through (its inverse CDF).
///
/// Inputs must be independent: variance-based indices are defined for independent factors
/// only. For weights that must sum to one, see `NormalizedWeightFactors`.
public struct SobolInput: Sendable, CustomStringConvertible {
    /// The distribution of an input, given by its inverse CDF.
    public enum Distribution: Sendable, CustomStringConvertible {
        /// Uniform on [lower, upper]: `u·(upper − lower) + lower` (SALib's `scale_samples`).
        case uniform(lower: Double, upper: Double)
        /// Normal with the given mean and standard deviation (sd > 0).
        case normal(mean: Double, sd: Double)
        /// Log-normal: `exp(μ + σ·z)` with z standard normal (σ > 0).
        case logNormal(mu: Double, sigma: Double)
        /// Gamma with shape k > 0 and scale θ > 0.
        case gamma(shape: Double, scale: Double)
        /// Beta(a, b) on [0, 1] (a, b > 0).
        case beta(a: Double, b: Double)
        /// Any inverse CDF (quantile function) on (0, 1); `label` names it in messages.
        case custom(label: String, inverseCDF: @Sendable (Double) -> Double)

        /// The distribution and its parameters, e.g. `uniform[0.0, 1.0]`; a custom one's label.
        public var description: String {
            switch self {
            case .uniform(let l, let u): "uniform[\(l), \(u)]"
            case .normal(let m, let s): "normal(mean \(m), sd \(s))"
            case .logNormal(let m, let s): "lognormal(mu \(m), sigma \(s))"
            case .gamma(let k, let t): "gamma(shape \(k), scale \(t))"
            case .beta(let a, let b): "beta(\(a), \(b))"
            case .custom(let label, _): label
            }
        }
    }

    /// The input's name, as reported in a `SobolResult`.
    public let name: String
    /// The distribution a Sobol' coordinate is mapped through.
    public let distribution: Distribution

    /// An input named `name` with this distribution; parameters are checked when the design is built.
    public init(name: String, distribution: Distribution) {
        self.name = name
        self.distribution = distribution
    }

    /// A uniform input on [lower, upper].
    public init(name: String, lower: Double, upper: Double) {
        self.init(name: name, distribution: .uniform(lower: lower, upper: upper))
    }

    /// A uniform input on [lower, upper].
    public static func uniform(_ name: String, lower: Double, upper: Double) -> SobolInput {
        SobolInput(name: name, distribution: .uniform(lower: lower, upper: upper))
    }

    /// A normal input with this mean and standard deviation.
    public static func normal(_ name: String, mean: Double, sd: Double) -> SobolInput {
        SobolInput(name: name, distribution: .normal(mean: mean, sd: sd))
    }

    /// An input with a caller-supplied inverse CDF, e.g. a triangular or empirical distribution.
    public static func custom(_ name: String, label: String, inverseCDF: @escaping @Sendable (Double) -> Double) -> SobolInput {
        SobolInput(name: name, distribution: .custom(label: label, inverseCDF: inverseCDF))
    }

    /// `name ~ distribution`, e.g. `x1 ~ uniform[0.0, 1.0]`.
    public var description: String { "\(name) ~ \(distribution)" }

    /// The input value at quantile `u` ∈ (0, 1).
    public func value(at u: Double) -> Double {
        switch distribution {
        case .uniform(let lower, let upper): u * (upper - lower) + lower
        case .normal(let mean, let sd): SobolQuantiles.normal(u, mean: mean, sd: sd)
        case .logNormal(let mu, let sigma): SobolQuantiles.logNormal(u, mu: mu, sigma: sigma)
        case .gamma(let shape, let scale): SobolQuantiles.gamma(u, shape: shape, scale: scale)
        case .beta(let a, let b): SobolQuantiles.beta(u, a: a, b: b)
        case .custom(_, let inverseCDF): inverseCDF(u)
        }
    }

    /// Throws `SobolError.input` when the parameters do not define a distribution.
    func validate() throws {
        func fail(_ reason: String) -> SobolError { .input(name: name, reason: reason) }
        if name.isEmpty { throw SobolError.input(name: "(unnamed)", reason: "every input needs a name") }
        func finite(_ values: Double...) -> Bool { values.allSatisfy(\.isFinite) }
        switch distribution {
        case .uniform(let l, let u):
            guard finite(l, u), l < u else { throw fail("uniform bounds must be finite with lower < upper (got [\(l), \(u)])") }
        case .normal(let m, let s):
            guard finite(m, s), s > 0 else { throw fail("normal needs a finite mean and sd > 0 (got mean \(m), sd \(s))") }
        case .logNormal(let m, let s):
            guard finite(m, s), s > 0 else { throw fail("lognormal needs a finite mu and sigma > 0 (got mu \(m), sigma \(s))") }
        case .gamma(let k, let t):
            guard finite(k, t), k > 0, t > 0 else { throw fail("gamma needs shape > 0 and scale > 0 (got \(k), \(t))") }
        case .beta(let a, let b):
            guard finite(a, b), a > 0, b > 0 else { throw fail("beta needs a > 0 and b > 0 (got \(a), \(b))") }
        case .custom:
            break
        }
    }
}
