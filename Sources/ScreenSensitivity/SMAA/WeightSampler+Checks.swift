import ScreenCore
import ScreenNumerics

/// The checks of a `WeightModel` bound to a run's criteria, one function a step, in the order the
/// sampler's initialiser calls them (the first problem found is the one reported).
extension WeightSampler {
    /// Each criterion's column. Throws for no criteria or a name given twice.
    static func criterionIndex(_ criteria: [String]) throws -> [String: Int] {
        guard !criteria.isEmpty else { throw SMAAError.invalidInput("no criteria") }
        var index: [String: Int] = [:]
        for (j, name) in criteria.enumerated() {
            guard index[name] == nil else { throw SMAAError.invalidInput("criterion '\(name)' appears twice") }
            index[name] = j
        }
        return index
    }

    /// The column of criterion `name`, named by `role` in the error when unknown.
    static func resolve(_ name: String, _ role: String, index: [String: Int], criteria: [String]) throws -> Int {
        guard let j = index[name] else {
            throw SMAAError.invalidInput("\(role) names unknown criterion '\(name)'; criteria: \(criteria.joined(separator: ", "))")
        }
        return j
    }

    /// The base distribution: Dirichlet parameters (uniform: all 1; centred: concentration ·
    /// mean / Σmean), or the given samples each rescaled to sum to 1.
    /// - Complexity: O(m), or O(s·m) for s given samples.
    static func source(of model: WeightModel, criteria: [String]) throws -> Source {
        let m = criteria.count
        switch model.base {
        case .uniform:
            return .dirichlet([Double](repeating: 1, count: m))
        case .dirichlet(let mean, let concentration):
            guard mean.count == m else {
                throw SMAAError.invalidInput("\(mean.count) Dirichlet mean weights for \(m) criteria (\(criteria.joined(separator: ", ")))")
            }
            guard concentration.isFinite, concentration > 0 else {
                throw SMAAError.invalidInput("the Dirichlet concentration must be a finite number > 0, got \(concentration)")
            }
            for (j, w) in mean.enumerated() where !(w.isFinite && w > 0) {
                throw SMAAError.invalidInput("the Dirichlet mean weight of \(criteria[j]) is \(w); every mean weight must be > 0 (a criterion with weight 0 should be dropped instead)")
            }
            let total = mean.reduce(0, +)
            return .dirichlet(mean.map { concentration * $0 / total })
        case .samples(let given):
            guard !given.isEmpty else { throw SMAAError.invalidInput("no weight samples given") }
            var normalized: [[Double]] = []
            normalized.reserveCapacity(given.count)
            for (k, w) in given.enumerated() {
                guard w.count == m else {
                    throw SMAAError.invalidInput("weight sample \(k + 1) has \(w.count) weights for \(m) criteria")
                }
                for (j, x) in w.enumerated() where !(x.isFinite && x >= 0) {
                    throw SMAAError.invalidInput("weight sample \(k + 1): the weight of \(criteria[j]) is \(x); weights must be finite and ≥ 0")
                }
                let total = w.reduce(0, +)
                guard total > 0 else { throw SMAAError.invalidInput("weight sample \(k + 1): every weight is zero") }
                normalized.append(w.map { $0 / total })
            }
            guard model.intervals.isEmpty, model.orders.isEmpty else {
                throw SMAAError.invalidInput("weight constraints filter sampled weights; filter the given weight samples before passing them")
            }
            return .given(normalized)
        }
    }

    /// Each criterion's weight bounds, repeated intervals intersected, and the criteria that have any.
    /// - Complexity: O(m + k) for k intervals.
    static func intervalBounds(_ intervals: [WeightInterval], index: [String: Int], criteria: [String]) throws
        -> (lower: [Double], upper: [Double], constrained: [Int]) {
        var lo = [Double](repeating: 0, count: criteria.count), hi = [Double](repeating: 1, count: criteria.count)
        var constrained = Set<Int>()
        for interval in intervals {
            let j = try resolve(interval.criterion, "a weight interval", index: index, criteria: criteria)
            guard interval.lower.isFinite, interval.upper.isFinite, interval.lower >= 0, interval.upper <= 1, interval.lower <= interval.upper else {
                throw SMAAError.infeasibleWeights("the interval of \(interval.criterion) is [\(interval.lower), \(interval.upper)]; an interval needs 0 ≤ lower ≤ upper ≤ 1")
            }
            lo[j] = max(lo[j], interval.lower)
            hi[j] = min(hi[j], interval.upper)
            guard lo[j] <= hi[j] else {
                throw SMAAError.infeasibleWeights("the intervals given for \(interval.criterion) do not overlap")
            }
            constrained.insert(j)
        }
        return (lo, hi, constrained.sorted())
    }

    /// The order constraints as column pairs (heavier[i] ≥ lighter[i]). Throws for a criterion
    /// compared with itself, or a cycle (it forces equal weights: a set without volume).
    /// - Complexity: O(m + o) for o constraints.
    static func orderPairs(_ orders: [WeightOrder], index: [String: Int], criteria: [String]) throws -> (heavier: [Int], lighter: [Int]) {
        var heavy: [Int] = [], light: [Int] = []
        for order in orders {
            let a = try resolve(order.heavier, "an order constraint", index: index, criteria: criteria)
            let b = try resolve(order.lighter, "an order constraint", index: index, criteria: criteria)
            guard a != b else { throw SMAAError.invalidInput("the order constraint \(order.heavier) ≥ \(order.lighter) compares a criterion with itself") }
            heavy.append(a)
            light.append(b)
        }
        if let cycle = orderCycle(heavier: heavy, lighter: light, count: criteria.count) {
            let names = (cycle + [cycle[0]]).map { criteria[$0] }.joined(separator: " ≥ ")
            throw SMAAError.infeasibleWeights("the order constraints form a cycle (\(names)), which forces equal weights: a set without volume that rejection sampling never hits; state those weights as equal by merging the criteria instead")
        }
        return (heavy, light)
    }

    /// Throws unless some weight vector with volume around it meets the bounds and orders.
    /// Bounds are propagated along the orders (w_a ≥ w_b ⇒ lo_a ≥ lo_b and hi_b ≤ hi_a); then
    /// both lo and hi satisfy every order, so the set is non-empty exactly when Σlo ≤ 1 ≤ Σhi
    /// (move from lo to hi), and has volume only when neither sum is 1 and no bound pins a weight.
    /// - Complexity: O(m·o) for m criteria and o order constraints (at most m + 1 rounds).
    static func checkFeasible(lower lo: [Double], upper hi: [Double], orders: (heavier: [Int], lighter: [Int]),
                              constrained: Bool, criteria: [String]) throws {
        let m = criteria.count
        var plo = lo, phi = hi
        var changed = true, rounds = 0
        while changed && rounds <= m {
            changed = false
            rounds += 1
            for (a, b) in zip(orders.heavier, orders.lighter) {
                if plo[b] > plo[a] { plo[a] = plo[b]; changed = true }
                if phi[a] < phi[b] { phi[b] = phi[a]; changed = true }
            }
        }
        for j in 0..<m where plo[j] > phi[j] {
            throw SMAAError.infeasibleWeights("with the order constraints, the weight of \(criteria[j]) would have to be ≥ \(plo[j]) and ≤ \(phi[j])")
        }
        let sumLo = plo.reduce(0, +), sumHi = phi.reduce(0, +)
        guard sumLo <= 1 else {
            throw SMAAError.infeasibleWeights("the lower bounds (after the order constraints) add up to \(sumLo) > 1")
        }
        guard sumHi >= 1 else {
            throw SMAAError.infeasibleWeights("the upper bounds (after the order constraints) add up to \(sumHi) < 1")
        }
        guard constrained else { return }
        if sumLo == 1 || sumHi == 1 {
            throw SMAAError.infeasibleWeights("the bounds leave a single point or face of the simplex (lower bounds add up to \(sumLo), upper bounds to \(sumHi)), which rejection sampling never hits; widen an interval")
        }
        for j in 0..<m where plo[j] == phi[j] {
            throw SMAAError.infeasibleWeights("the weight of \(criteria[j]) is fixed at \(plo[j]), which rejection sampling never hits; give its interval some width")
        }
    }

    /// The share of base draws the constraints accept, measured on the pilot stream (far from
    /// any block's stream) until 100 acceptances or `maximumTries` draws.
    /// - Throws: `SMAAError.lowAcceptance` when it is below `minimumAcceptance` (or nothing passed).
    func pilotRate(seed: UInt64) throws -> Double {
        let rng = RandomGenerator(seed: seed).derived(stream: Self.pilotStream)
        var w = [Double](repeating: 0, count: criteria.count)
        var accepted = 0, tries = 0
        while accepted < 100 && tries < maximumTries {
            tries += 1
            if drawBase(rng, into: &w) && satisfies(w) { accepted += 1 }
        }
        let rate = Double(accepted) / Double(tries)
        if accepted == 0 || rate < minimumAcceptance {
            throw SMAAError.lowAcceptance(accepted: accepted, tries: tries, minimum: minimumAcceptance)
        }
        return rate
    }
}
