import Foundation
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics

/// Bounds on one criterion's weight, `lower ≤ w ≤ upper`, for weights that sum to 1.
///
/// Why: a panel rarely agrees on a weight, but often agrees on a range ("conductivity gets
/// between 20 % and 40 %"); SMAA then explores only that part of the weight simplex.
public struct WeightInterval: Sendable, Equatable {
    /// The criterion's name, as in the run's `criteria`.
    public let criterion: String
    /// The smallest weight the criterion may get (default 0).
    public let lower: Double
    /// The largest weight the criterion may get (default 1).
    public let upper: Double

    /// `lower ≤ w[criterion] ≤ upper`; checked against the run's criteria when it is bound to them.
    public init(criterion: String, lower: Double = 0, upper: Double = 1) {
        self.criterion = criterion
        self.lower = lower
        self.upper = upper
    }
}

/// An ordinal constraint `w[heavier] ≥ w[lighter]`.
///
/// Why: the most common preference information is a ranking of the criteria ("conductivity
/// matters more than cost") without numbers; SMAA-2 samples every weight vector consistent
/// with it.
public struct WeightOrder: Sendable, Equatable {
    /// The criterion whose weight is at least the other's.
    public let heavier: String
    /// The criterion whose weight is at most the other's.
    public let lighter: String

    /// `w[heavier] ≥ w[lighter]`; checked against the run's criteria when it is bound to them.
    public init(heavier: String, lighter: String) {
        self.heavier = heavier
        self.lighter = lighter
    }
}

/// How SMAA samples criterion weights: a base distribution on the weight simplex, optionally
/// restricted by interval and ordinal constraints (by rejection).
///
/// Why these bases: with no preference information SMAA-2 samples the simplex uniformly
/// (Lahdelma & Salminen 2001, §3); with a point estimate of the weights a Dirichlet centred
/// on it says "about these weights, with this much doubt"; and weights elicited elsewhere
/// (a panel, a file) can be given as they are.
///
/// Every weight vector handed to a ranking method sums to 1 (rescaled exactly as
/// `Ranking.normalizedWeights` does), as the `RankingMethod` contract asks.
public struct WeightModel: Sendable, Equatable {
    /// The distribution weights are drawn from before any constraint.
    public enum Base: Sendable, Equatable {
        /// Uniform on the simplex {w ≥ 0, Σw = 1}: Dirichlet(1, …, 1).
        case uniform
        /// Dirichlet with α = concentration · mean (mean rescaled to sum 1), so E[w] = mean and
        /// Var[wⱼ] = meanⱼ(1 − meanⱼ)/(concentration + 1): the larger the concentration, the
        /// closer samples stay to the mean. Every mean weight must be > 0.
        case dirichlet(mean: [Double], concentration: Double)
        /// Given weight vectors (each rescaled to sum 1); sample k uses vector k mod count.
        case samples([[Double]])
    }

    /// The distribution weights are drawn from before the constraints.
    public var base: Base
    /// Interval constraints, all of which a sample must satisfy.
    public var intervals: [WeightInterval]
    /// Ordinal constraints, all of which a sample must satisfy.
    public var orders: [WeightOrder]
    /// The smallest share of base draws the constraints may accept before sampling is refused
    /// as hopeless (default 1e-4).
    public var minimumAcceptance: Double

    /// A weight model as given; it is validated when bound to a run's criteria (`WeightSampler`).
    public init(base: Base, intervals: [WeightInterval] = [], orders: [WeightOrder] = [], minimumAcceptance: Double = 1e-4) {
        self.base = base
        self.intervals = intervals
        self.orders = orders
        self.minimumAcceptance = minimumAcceptance
    }

    /// Uniform weights on the simplex — SMAA-2's "no preference information".
    public static var uniform: WeightModel { WeightModel(base: .uniform) }

    /// Dirichlet weights with mean `mean` and the given concentration (see `Base.dirichlet`).
    public static func dirichlet(mean: [Double], concentration: Double) -> WeightModel {
        WeightModel(base: .dirichlet(mean: mean, concentration: concentration))
    }

    /// Given weight vectors, e.g. read from a file; sample k uses vector k mod count.
    public static func samples(_ weights: [[Double]]) -> WeightModel {
        WeightModel(base: .samples(weights))
    }

    /// This model restricted to weights inside `intervals` and consistent with `orders`.
    /// Constraints accumulate over calls. Not allowed with given samples.
    public func constrained(intervals: [WeightInterval] = [], orders: [WeightOrder] = [], minimumAcceptance: Double? = nil) -> WeightModel {
        var copy = self
        copy.intervals += intervals
        copy.orders += orders
        if let minimumAcceptance { copy.minimumAcceptance = minimumAcceptance }
        return copy
    }

    /// A sampler for these criteria: resolves names, checks the parameters and the
    /// feasibility of the constraints, and measures their acceptance rate on a pilot run.
    ///
    /// - Parameters:
    ///   - criteria: the criterion names, in the decision matrix's column order.
    ///   - seed: the run's seed; the pilot uses its own derived stream, so it does not shift
    ///     the draws of any sample.
    /// - Throws: `SMAAError.invalidInput` for an unknown criterion, a wrong count or a bad
    ///   parameter; `.infeasibleWeights` when no weight vector (or none in a set with volume)
    ///   meets the constraints; `.lowAcceptance` when the pilot accepts fewer than
    ///   `minimumAcceptance` of its draws.
    /// - Complexity: O(m² + p·m) for m criteria and p pilot draws (p ≤ 100/minimumAcceptance,
    ///   at most 10⁷; a pilot stops after 100 acceptances, so a permissive constraint costs
    ///   a few hundred draws).
    public func sampler(criteria: [String], seed: UInt64) throws -> WeightSampler {
        try WeightSampler(model: self, criteria: criteria, seed: seed)
    }
}

/// A validated `WeightModel` bound to the criteria of one run. Draws are reproducible: they
/// come from the generator the caller passes.
public struct WeightSampler: Sendable {
    /// The run's criteria, in the order of every weight vector drawn.
    public let criteria: [String]
    /// Share of base draws the constraints accepted in the pilot run (1 without constraints).
    public private(set) var pilotAcceptance: Double = 1
    /// The most base draws one sample may use before the sampler gives up
    /// (`SMAAError.lowAcceptance`): 100/minimumAcceptance (at least 10⁴, at most 10⁷), so that
    /// at the default minimum rate 1e-4 a sample fails only with probability e⁻¹⁰⁰.
    public let maximumTries: Int

    enum Source: Sendable {
        case dirichlet([Double])
        case given([[Double]])
    }
    let source: Source
    let constrainedIndices: [Int]
    let lower: [Double]
    let upper: [Double]
    let heavier: [Int]
    let lighter: [Int]
    let minimumAcceptance: Double

    /// The stream of the pilot run (far from any block's stream).
    static let pilotStream: UInt64 = 0xFFFF_FFFF_0000_0001

    /// True unless the weights are given and there is only one vector.
    public var isStochastic: Bool {
        if case .given(let w) = source { return w.count > 1 }
        return true
    }

    /// True when constraints filter the base draws.
    public var isConstrained: Bool { !constrainedIndices.isEmpty || !heavier.isEmpty }

    /// Checks `model` against `criteria` step by step (the base distribution, the intervals, the
    /// order constraints, their feasibility, then a pilot run measuring the acceptance rate); each
    /// step is a function of `WeightSampler+Checks.swift` and throws the first problem it finds.
    init(model: WeightModel, criteria: [String], seed: UInt64) throws {
        let index = try Self.criterionIndex(criteria)
        self.criteria = criteria
        source = try Self.source(of: model, criteria: criteria)
        guard model.minimumAcceptance.isFinite, model.minimumAcceptance > 0, model.minimumAcceptance < 1 else {
            throw SMAAError.invalidInput("the minimum acceptance rate must be in (0, 1), got \(model.minimumAcceptance)")
        }
        minimumAcceptance = model.minimumAcceptance
        let bounds = try Self.intervalBounds(model.intervals, index: index, criteria: criteria)
        let orders = try Self.orderPairs(model.orders, index: index, criteria: criteria)
        try Self.checkFeasible(lower: bounds.lower, upper: bounds.upper, orders: orders,
                               constrained: !bounds.constrained.isEmpty || !orders.heavier.isEmpty, criteria: criteria)
        (constrainedIndices, lower, upper) = (bounds.constrained, bounds.lower, bounds.upper)
        (heavier, lighter) = (orders.heavier, orders.lighter)
        maximumTries = min(max(10_000, Int((100 / model.minimumAcceptance).rounded(.up))), 10_000_000)
        if isConstrained { pilotAcceptance = try pilotRate(seed: seed) }
    }

    /// A cycle in the "heavier than" graph, as a list of criterion indices, if any.
    static func orderCycle(heavier: [Int], lighter: [Int], count m: Int) -> [Int]? {
        var next = [[Int]](repeating: [], count: m)
        for (a, b) in zip(heavier, lighter) { next[a].append(b) }
        var state = [UInt8](repeating: 0, count: m)  // 0 new, 1 on stack, 2 done
        var stack: [Int] = []
        func visit(_ v: Int) -> [Int]? {
            state[v] = 1
            stack.append(v)
            for u in next[v] {
                // A vertex in state 1 is on `stack`.
                if state[u] == 1 { return Array(stack[stack.lastIndex(of: u)!...]) }
                if state[u] == 0, let c = visit(u) { return c }
            }
            stack.removeLast()
            state[v] = 2
            return nil
        }
        for v in 0..<m where state[v] == 0 {
            if let c = visit(v) { return c }
        }
        return nil
    }

    /// One base draw rescaled to sum 1; false if the draw is unusable (all weights underflowed,
    /// which a very small concentration can cause).
    @inline(__always)
    func drawBase(_ rng: RandomGenerator, into w: inout [Double]) -> Bool {
        guard case .dirichlet(let alpha) = source else { return false }
        rng.dirichlet(alpha, into: &w)
        var total = 0.0
        for x in w { total += x }
        guard total.isFinite, total > 0 else { return false }
        for j in w.indices { w[j] /= total }
        return true
    }

    /// Whether `w` meets every interval and order constraint.
    @inline(__always)
    func satisfies(_ w: [Double]) -> Bool {
        for j in constrainedIndices where w[j] < lower[j] || w[j] > upper[j] { return false }
        for (a, b) in zip(heavier, lighter) where w[a] < w[b] { return false }
        return true
    }

    /// Draws the weights of sample `index` into `weights` (summing to 1).
    ///
    /// - Returns: the number of base draws used (1 without constraints; 0 for given samples).
    /// - Throws: `SMAAError.lowAcceptance` after `maximumTries` rejected draws.
    /// - Complexity: O(m) per base draw; expected 1/acceptance draws.
    public func draw(sample index: Int, using rng: RandomGenerator, into weights: inout [Double]) throws -> Int {
        switch source {
        case .given(let given):
            let w = given[index % given.count]
            if weights.count != w.count { weights = w } else { for j in w.indices { weights[j] = w[j] } }
            return 0
        case .dirichlet:
            var tries = 0
            while tries < maximumTries {
                tries += 1
                if drawBase(rng, into: &weights) && satisfies(weights) { return tries }
            }
            throw SMAAError.lowAcceptance(accepted: 0, tries: tries, minimum: minimumAcceptance)
        }
    }

    /// `count` weight vectors, drawn in blocks of `SMAA.blockSize` from
    /// `RandomGenerator(seed: seed).derived(stream: block)` — the weights `SMAA.run` uses when
    /// the values are deterministic. For inspection, plots and tests.
    ///
    /// - Complexity: O(count · m / acceptance).
    public func samples(count: Int, seed: UInt64) throws -> [[Double]] {
        let root = RandomGenerator(seed: seed)
        var out: [[Double]] = []
        out.reserveCapacity(count)
        var w = [Double](repeating: 0, count: criteria.count)
        var block = -1
        var rng = root
        for k in 0..<count {
            if k / SMAA.blockSize != block {
                block = k / SMAA.blockSize
                rng = root.derived(stream: UInt64(block))
            }
            _ = try draw(sample: k, using: rng, into: &w)
            out.append(w)
        }
        return out
    }
}
