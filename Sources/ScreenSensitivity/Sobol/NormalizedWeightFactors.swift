import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics
/// Criteria weights that must sum to one, made analysable by Sobol' indices.
///
/// Why: Sobol' indices need independent inputs, and weights w_1 … w_k with Σ w = 1 are not
/// independent (raising one lowers the others), so "the index of w_j" is not defined — SALib
/// cannot express this problem. The standard remedy is to sample k **independent,
/// unnormalised factors** u_j ≥ 0 and hand the model w_j = u_j / Σ_k u_k.
///
/// **What the indices then mean.** Every index is with respect to the factor u_j, not the
/// weight w_j. Changing u_j moves *all* normalised weights (w_j up, the others down in
/// proportion), so S_j is the share of output variance explained by "how much criterion j
/// is weighted relative to the rest", and S_Tj adds the interactions with the other
/// factors. Because normalisation couples the factors, interactions are inherent: even a
/// model linear in w has Σ_j S_j < 1. The indices depend on the factor distributions,
/// which define the distribution of w:
/// - `.uniform(lower:upper:)`: u_j uniform on [lo_j, hi_j]. Only ratios of factors matter;
///   the induced w is *not* uniform on the simplex. Natural for "weight j is between 1 and
///   3 points" elicitation.
/// - `.dirichlet(alpha:)`: u_j ~ Gamma(α_j, 1) through GSL's gamma inverse CDF; then w is
///   exactly Dirichlet(α) distributed (α = 1 for all j: uniform on the simplex; larger α
///   concentrates w around α/Σα).
public struct NormalizedWeightFactors: Sendable {
    /// The distribution of the unnormalised factors u_j (see the type's notes).
    public enum Scheme: Sendable, Equatable {
        /// u_j uniform on [lower_j, upper_j].
        case uniform(lower: [Double], upper: [Double])
        /// u_j ~ Gamma(α_j, 1), so that the normalised weights are Dirichlet(α).
        case dirichlet(alpha: [Double])
    }

    /// The weights' names; the factor of weight j carries the same name in a `SobolResult`.
    public let names: [String]
    /// The factors' distribution, one parameter set per name.
    public let scheme: Scheme

    /// - Throws: `SobolError.weights` unless there are ≥ 2 names, one parameter set per
    ///   name, and finite parameters with 0 ≤ lower < upper, or α > 0.
    public init(names: [String], scheme: Scheme) throws {
        guard names.count >= 2 else { throw SobolError.weights("at least two weights are needed (got \(names.count))") }
        switch scheme {
        case .uniform(let lower, let upper):
            guard lower.count == names.count, upper.count == names.count else {
                throw SobolError.weights("\(names.count) names but \(lower.count) lower and \(upper.count) upper bounds")
            }
            for j in names.indices {
                guard lower[j].isFinite, upper[j].isFinite, lower[j] >= 0, lower[j] < upper[j] else {
                    throw SobolError.weights("the factor of '\(names[j])' needs finite bounds with 0 ≤ lower < upper (got [\(lower[j]), \(upper[j])])")
                }
            }
        case .dirichlet(let alpha):
            guard alpha.count == names.count else {
                throw SobolError.weights("\(names.count) names but \(alpha.count) Dirichlet parameters")
            }
            for j in names.indices where !(alpha[j].isFinite && alpha[j] > 0) {
                throw SobolError.weights("the Dirichlet parameter of '\(names[j])' must be positive and finite (got \(alpha[j]))")
            }
        }
        self.names = names
        self.scheme = scheme
    }

    /// The independent factors u_j as Sobol' inputs, named like the weights.
    public var inputs: [SobolInput] {
        switch scheme {
        case .uniform(let lower, let upper):
            names.indices.map { SobolInput(name: names[$0], lower: lower[$0], upper: upper[$0]) }
        case .dirichlet(let alpha):
            names.indices.map { SobolInput(name: names[$0], distribution: .gamma(shape: alpha[$0], scale: 1)) }
        }
    }

    /// w = u / Σ u for the first `names.count` values of `factors`.
    ///
    /// - Throws: `SobolError.weights` when the factors are negative or not finite, or
    ///   their sum is not positive.
    public func weights<C: Collection>(fromFactors factors: C) throws -> [Double] where C.Element == Double {
        let u = Array(factors.prefix(names.count))
        guard u.count == names.count else {
            throw SobolError.weights("\(u.count) factors for \(names.count) weights")
        }
        var sum = 0.0
        for (j, x) in u.enumerated() {
            guard x.isFinite, x >= 0 else { throw SobolError.weights("the factor of '\(names[j])' is \(x)") }
            sum += x
        }
        guard sum > 0, sum.isFinite else { throw SobolError.weights("the factors \(u) do not have a positive finite sum") }
        return u.map { $0 / sum }
    }
}

extension SobolAnalysis {
    /// Weights as independent factors uniform on [lower_j, upper_j], normalised to sum 1
    /// before the model sees them. See `NormalizedWeightFactors` for what the indices mean.
    public static func normalizedWeightInputs(names: [String], lower: [Double], upper: [Double]) throws -> NormalizedWeightFactors {
        try NormalizedWeightFactors(names: names, scheme: .uniform(lower: lower, upper: upper))
    }

    /// Weights distributed Dirichlet(α): independent Gamma(α_j, 1) factors, normalised.
    public static func dirichletWeightInputs(names: [String], alpha: [Double]) throws -> NormalizedWeightFactors {
        try NormalizedWeightFactors(names: names, scheme: .dirichlet(alpha: alpha))
    }

    /// `run` for a model of normalised weights (and optionally further independent inputs).
    ///
    /// The Sobol' inputs are the k weight factors (named like the weights) followed by
    /// `otherInputs`; the model receives the normalised weights (Σ = 1) and the other
    /// inputs' values. The indices of the first k inputs are those of the unnormalised
    /// factors (see `NormalizedWeightFactors`).
    public static func runNormalizedWeights(_ weights: NormalizedWeightFactors, otherInputs: [SobolInput] = [],
                                            baseSamples: Int, bootstrap: Int = 1000, confidence: Double = 0.95,
                                            interval: SobolIntervalMethod = .normal, seed: UInt64, skip: Int = 0,
                                            threads: Int? = nil, outputNames: [String]? = nil,
                                            model: @Sendable (_ weights: [Double], _ others: [Double]) throws -> [Double]) throws -> SobolResult {
        let k = weights.names.count
        return try run(inputs: weights.inputs + otherInputs, baseSamples: baseSamples, bootstrap: bootstrap,
                       confidence: confidence, interval: interval, seed: seed, skip: skip, threads: threads,
                       outputNames: outputNames) { x in
            try model(try weights.weights(fromFactors: x[..<k]), Array(x[k...]))
        }
    }
}
