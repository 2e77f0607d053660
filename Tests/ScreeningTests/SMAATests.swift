import Foundation
import Testing
import Screening
@testable import SVGCharts
@testable import ScreenCore
@testable import ScreenDecision
@testable import ScreenNumerics
@testable import ScreenRegression
@testable import ScreenReport
@testable import ScreenScoring
@testable import ScreenSensitivity
@testable import ScreenStore
@testable import ScreenThermodynamics

/// WSM under another type name, so `SMAA.run` takes the generic path (`method.scores` per
/// sample) instead of the fast additive one.
private struct GenericWSM: RankingMethod {
    static let name = "wsm"
    static let higherIsBetter = true
    let normalization: Normalization
    init(normalization: Normalization = .sum) { self.normalization = normalization }
    func scores(_ matrix: DecisionMatrix, weights: [Double]) throws -> [Double] {
        try WSM(normalization: normalization).scores(matrix, weights: weights)
    }
    func contributions(_ matrix: DecisionMatrix, weights: [Double]) throws -> [[Double]]? { nil }
}

/// Everything but the thread count, which is run metadata.
private func sameFindings(_ a: SMAAResult, _ b: SMAAResult) -> Bool {
    a.alternatives == b.alternatives && a.criteria == b.criteria && a.samples == b.samples
        && a.confidenceSamples == b.confidenceSamples && a.seed == b.seed && a.topK == b.topK
        && a.rankAcceptability == b.rankAcceptability && a.meanRank == b.meanRank && a.medianRank == b.medianRank
        && a.rankPercentile5 == b.rankPercentile5 && a.rankPercentile95 == b.rankPercentile95
        && a.rankResolution == b.rankResolution && a.centralWeights == b.centralWeights
        && a.confidenceFactors == b.confidenceFactors && a.pairwiseWinning == b.pairwiseWinning
        && a.tiedSamples == b.tiedSamples && a.weightAcceptanceRate == b.weightAcceptanceRate && a.notes == b.notes
}

/// A random n × m matrix with values in [0.1, 1.1).
private func randomMatrix(_ n: Int, _ m: Int, seed: UInt64) -> [[Double]] {
    let rng = RandomGenerator(seed: seed)
    return (0..<n).map { _ in (0..<m).map { _ in 0.1 + rng.uniform() } }
}

private func names(_ prefix: String, _ count: Int) -> [String] { (0..<count).map { "\(prefix)\($0)" } }

@Suite("SMAA-2")
struct SMAATests {
    // MARK: Against a direct recomputation

    @Test("rank acceptabilities, mean ranks, central weights, confidence and pairwise indices from given samples equal a direct recomputation", arguments: ["wsm", "topsis", "vikor"])
    func presampledEqualsDirect(methodName: String) throws {
        let n = 7, m = 4, samples = 600, confidenceSamples = 300
        let alternatives = names("a", n), criteria = names("k", m)
        let types: [CriterionType] = [.max, .min, .max, .min]
        let rng = RandomGenerator(seed: 11)
        let weightSamples = (0..<250).map { _ in (0..<m).map { _ in rng.uniform() + 0.01 } }
        let valueSamples = (0..<9).map { randomMatrix(n, m, seed: 100 + UInt64($0)) }
        let method = try RankingMethods.make(name: methodName)
        let higher = type(of: method).higherIsBetter

        let result = try SMAA.run(alternatives: alternatives, criteria: criteria, types: types,
                                  values: .samples(valueSamples), weights: .samples(weightSamples), method: method,
                                  samples: samples, seed: 1, threads: 2, topK: n, pairwise: true,
                                  confidenceSamples: confidenceSamples)

        // Direct: sample k uses weight vector k mod 250 and matrix k mod 9.
        var rankCounts = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        var rankSums = [Int](repeating: 0, count: n)
        var winSums = [[Double]](repeating: [Double](repeating: 0, count: m), count: n)
        var wins = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        var ranksOf = [[Int]](repeating: [], count: n)
        for k in 0..<samples {
            let matrix = try DecisionMatrix(alternatives: alternatives, criteria: criteria, values: valueSamples[k % 9], types: types)
            let w = try Ranking.normalizedWeights(weightSamples[k % 250], for: matrix)
            let ranks = Ranking.ranks(try method.scores(matrix, weights: w), higherIsBetter: higher)
            for i in 0..<n {
                rankCounts[i][ranks[i] - 1] += 1
                rankSums[i] += ranks[i]
                ranksOf[i].append(ranks[i])
                if ranks[i] == 1 { for j in 0..<m { winSums[i][j] += w[j] } }
                for l in 0..<n where ranks[i] < ranks[l] { wins[i][l] += 1 }
            }
        }
        #expect(result.rankResolution == 1)
        for i in 0..<n {
            #expect(result.rankAcceptability[i] == rankCounts[i].map { Double($0) / Double(samples) })
            #expect(result.meanRank[i] == Double(rankSums[i]) / Double(samples))
            // Exact quantiles: the smallest rank whose cumulative count reaches ⌈q·N⌉.
            let sorted = ranksOf[i].sorted()
            #expect(result.medianRank[i] == Double(sorted[samples / 2 - 1]))
            #expect(result.rankPercentile5[i] == Double(sorted[(samples * 5 + 99) / 100 - 1]))
            #expect(result.rankPercentile95[i] == Double(sorted[(samples * 95 + 99) / 100 - 1]))
            #expect(result.pairwiseWinning![i] == wins[i].map { Double($0) / Double(samples) })
            if rankCounts[i][0] == 0 {
                #expect(result.centralWeights[i] == nil)
                #expect(result.confidenceFactors[i] == nil)
            } else {
                // Summation order differs (per block, then across blocks): equal to rounding.
                let central = try #require(result.centralWeights[i])
                for j in 0..<m {
                    #expect(abs(central[j] - winSums[i][j] / Double(rankCounts[i][0])) < 1e-13)
                }
                // Confidence: value sample k mod 9 for k < confidenceSamples, weights at wᶜ.
                let total = central.reduce(0, +)
                let wc = central.map { $0 / total }
                var firsts = 0
                for k in 0..<confidenceSamples {
                    let matrix = try DecisionMatrix(alternatives: alternatives, criteria: criteria, values: valueSamples[k % 9], types: types)
                    let ranks = Ranking.ranks(try method.scores(matrix, weights: wc), higherIsBetter: higher)
                    if ranks[i] == 1 { firsts += 1 }
                }
                #expect(result.confidenceFactors[i] == Double(firsts) / Double(confidenceSamples))
            }
        }
    }

    @Test("binned rank percentiles (n > 256) are within one bin of the exact ones")
    func binnedPercentiles() throws {
        let n = 600, m = 3, samples = 512
        let alternatives = names("a", n), criteria = names("k", m)
        let values = randomMatrix(n, m, seed: 5)
        let weightSamples: [[Double]] = (0..<samples).map { (k: Int) -> [Double] in
            let a = Double(k % 7), b = Double(k % 5), c = Double(k % 3)
            return [1 + a, 2 + b, 1.5 + c]
        }
        let result = try SMAA.run(alternatives: alternatives, criteria: criteria, types: [.max, .max, .min],
                                  values: .fixed(values), weights: .samples(weightSamples), method: WSM(),
                                  samples: samples, seed: 3, threads: 2)
        #expect(result.rankResolution == 3)
        #expect(result.topK == 10)
        #expect(result.pairwiseWinning == nil)
        let matrix = try DecisionMatrix(alternatives: alternatives, criteria: criteria, values: values, types: [.max, .max, .min])
        var ranksOf = [[Int]](repeating: [], count: n)
        for k in 0..<samples {
            let ranks = try WSM().ranks(matrix, weights: try Ranking.normalizedWeights(weightSamples[k], for: matrix))
            for i in 0..<n { ranksOf[i].append(ranks[i]) }
        }
        for i in 0..<n {
            let sorted = ranksOf[i].sorted()
            #expect(abs(result.medianRank[i] - Double(sorted[samples / 2 - 1])) <= Double(result.rankResolution))
            #expect(abs(result.rankPercentile5[i] - Double(sorted[(samples * 5 + 99) / 100 - 1])) <= Double(result.rankResolution))
            #expect(abs(result.rankPercentile95[i] - Double(sorted[(samples * 95 + 99) / 100 - 1])) <= Double(result.rankResolution))
            #expect(result.meanRank[i] == Double(ranksOf[i].reduce(0, +)) / Double(samples))
        }
    }

    // MARK: Dominance

    @Test("a dominant alternative has b¹ = 1 and confidence factor 1")
    func dominantAlternative() throws {
        let alternatives = ["best", "b", "c", "d"], criteria = ["k0", "k1", "k2"]
        let types: [CriterionType] = [.max, .min, .max]
        let values: [[Double]] = [[10, 1, 10], [5, 2, 9], [7, 3, 4], [6, 4, 8]]
        for method in [WSM() as any RankingMethod, TOPSIS(), GenericWSM()] {
            let result = try SMAA.run(alternatives: alternatives, criteria: criteria, types: types, values: .fixed(values),
                                      weights: .uniform, method: method, samples: 2_000, seed: 9, threads: 2)
            #expect(result.rankAcceptability[0][0] == 1)
            #expect(result.confidenceFactors[0] == 1)
            #expect(result.confidenceFactors[1...].allSatisfy { $0 == nil })
            #expect(result.centralWeights[1...].allSatisfy { $0 == nil })
            #expect(abs(result.centralWeights[0]!.reduce(0, +) - 1) < 1e-12)
        }
        // Uncertain values whose spread never lets another alternative catch up.
        let cells = values.map { row in row.map { ValueDistribution.normal(mean: $0, sd: 0.05) } }
        let result = try SMAA.run(alternatives: alternatives, criteria: criteria, types: types,
                                  values: .distributions(cells, columnBounds: [.nonNegative, .atLeast(0.5), .nonNegative]),
                                  weights: .uniform, method: WSM(), samples: 1_000, seed: 9, threads: 2, confidenceSamples: 500)
        #expect(result.rankAcceptability[0][0] == 1)
        #expect(result.confidenceFactors[0] == 1)
        #expect(result.confidenceSamples == 500)
    }

    // MARK: Weight samplers

    @Test("Dirichlet weights with concentration c have the requested mean (within 4 standard errors)")
    func dirichletMean() throws {
        let mean = [0.5, 0.3, 0.15, 0.05], c = 20.0, count = 20_000
        let sampler = try WeightModel.dirichlet(mean: mean, concentration: c).sampler(criteria: names("k", 4), seed: 77)
        let samples = try sampler.samples(count: count, seed: 77)
        for j in 0..<4 {
            let observed = samples.map { $0[j] }.reduce(0, +) / Double(count)
            // Var[wⱼ] = μⱼ(1 − μⱼ)/(c + 1) for Dirichlet(c·μ); the standard error of the mean of
            // `count` independent draws is its square root over √count.
            let standardError = (mean[j] * (1 - mean[j]) / (c + 1) / Double(count)).squareRoot()
            #expect(abs(observed - mean[j]) < 4 * standardError, "criterion \(j): mean \(observed), expected \(mean[j]) ± \(4 * standardError)")
            let variance = samples.map { ($0[j] - observed) * ($0[j] - observed) }.reduce(0, +) / Double(count - 1)
            let expected = mean[j] * (1 - mean[j]) / (c + 1)
            #expect(abs(variance / expected - 1) < 0.1, "criterion \(j): variance \(variance), expected \(expected)")
        }
        // Mean weights that do not sum to 1 are rescaled first.
        let scaled = try WeightModel.dirichlet(mean: mean.map { $0 * 7 }, concentration: c).sampler(criteria: names("k", 4), seed: 77)
        for (a, b) in zip(try scaled.samples(count: 300, seed: 77), samples.prefix(300)) {
            for j in 0..<4 { #expect(abs(a[j] - b[j]) < 1e-9) }
        }
    }

    @Test("uniform simplex samples sum to 1 and have mean 1/m")
    func uniformSimplex() throws {
        let m = 5, count = 20_000
        let samples = try WeightModel.uniform.sampler(criteria: names("k", m), seed: 4).samples(count: count, seed: 4)
        let mu = 1 / Double(m)
        // Dirichlet(1, …, 1): Var[wⱼ] = μ(1 − μ)/(m + 1).
        let standardError = (mu * (1 - mu) / Double(m + 1) / Double(count)).squareRoot()
        for w in samples {
            #expect(abs(w.reduce(0, +) - 1) < 1e-12)
            #expect(w.allSatisfy { $0 >= 0 })
        }
        for j in 0..<m {
            let observed = samples.map { $0[j] }.reduce(0, +) / Double(count)
            #expect(abs(observed - mu) < 4 * standardError)
        }
    }

    @Test("interval and ordinal weight constraints are respected")
    func constraintsRespected() throws {
        let criteria = ["conductivity", "band_gap", "modulus", "cost"]
        let model = WeightModel.uniform.constrained(
            intervals: [WeightInterval(criterion: "conductivity", lower: 0.2, upper: 0.5),
                        WeightInterval(criterion: "cost", upper: 0.15)],
            orders: [WeightOrder(heavier: "conductivity", lighter: "band_gap"),
                     WeightOrder(heavier: "band_gap", lighter: "modulus")])
        let sampler = try model.sampler(criteria: criteria, seed: 8)
        #expect(sampler.isConstrained)
        #expect(sampler.pilotAcceptance > 0 && sampler.pilotAcceptance < 1)
        let samples = try sampler.samples(count: 3_000, seed: 8)
        for w in samples {
            #expect(w[0] >= 0.2 && w[0] <= 0.5)
            #expect(w[3] <= 0.15)
            #expect(w[0] >= w[1] && w[1] >= w[2])
            #expect(abs(w.reduce(0, +) - 1) < 1e-12)
        }
        // The same constraints in a run: the central weights inherit them.
        let values = randomMatrix(6, 4, seed: 2)
        let result = try SMAA.run(alternatives: names("a", 6), criteria: criteria, types: [.max, .max, .max, .min],
                                  values: .fixed(values), weights: model, method: WSM(), samples: 2_000, seed: 8)
        let rate = try #require(result.weightAcceptanceRate)
        #expect(rate > 0 && rate < 1)
        #expect(result.notes.contains { $0.hasPrefix("weight constraints accepted") })
        for case let c? in result.centralWeights {
            #expect(c[0] >= 0.2 - 1e-12 && c[0] <= 0.5 + 1e-12 && c[0] >= c[1] - 1e-12 && c[1] >= c[2] - 1e-12)
        }
    }

    @Test("infeasible, empty or hopeless weight constraints are refused with a clear error")
    func constraintErrors() throws {
        let criteria = ["a", "b", "c"]
        func error(_ model: WeightModel) -> SMAAError? {
            do { _ = try model.sampler(criteria: criteria, seed: 1); return nil } catch let e as SMAAError { return e } catch { return nil }
        }
        // Lower bounds above 1.
        let tooHigh = error(.uniform.constrained(intervals: [WeightInterval(criterion: "a", lower: 0.6), WeightInterval(criterion: "b", lower: 0.6)]))
        guard case .infeasibleWeights(let why)? = tooHigh else { Issue.record("expected infeasibleWeights, got \(String(describing: tooHigh))"); return }
        #expect(why.contains("add up to 1.2"))
        // Upper bounds below 1.
        guard case .infeasibleWeights? = error(.uniform.constrained(intervals: criteria.map { WeightInterval(criterion: $0, upper: 0.3) })) else {
            Issue.record("expected infeasibleWeights for upper bounds summing below 1"); return
        }
        // An order that contradicts an interval: a ≥ b with a ≤ 0.1 and b ≥ 0.2.
        guard case .infeasibleWeights? = error(.uniform.constrained(
            intervals: [WeightInterval(criterion: "a", upper: 0.1), WeightInterval(criterion: "b", lower: 0.2)],
            orders: [WeightOrder(heavier: "a", lighter: "b")])) else {
            Issue.record("expected infeasibleWeights for a contradicting order"); return
        }
        // A cycle of orders.
        guard case .infeasibleWeights(let cycle)? = error(.uniform.constrained(orders: [WeightOrder(heavier: "a", lighter: "b"), WeightOrder(heavier: "b", lighter: "a")])) else {
            Issue.record("expected infeasibleWeights for a cycle"); return
        }
        #expect(cycle.contains("cycle"))
        // Feasible but accepting ~1e-5 of uniform draws on 6 criteria: w₀ ≥ 0.9 has probability 0.1⁵.
        let six = names("k", 6)
        do {
            _ = try WeightModel.uniform.constrained(intervals: [WeightInterval(criterion: "k0", lower: 0.9)]).sampler(criteria: six, seed: 1)
            Issue.record("expected lowAcceptance")
        } catch SMAAError.lowAcceptance(let accepted, let tries, let minimum) {
            #expect(Double(accepted) / Double(tries) < minimum)
            #expect(minimum == 1e-4)
        }
        // Unknown criterion.
        guard case .invalidInput(let unknown)? = error(.uniform.constrained(intervals: [WeightInterval(criterion: "z", lower: 0.1)])) else {
            Issue.record("expected invalidInput for an unknown criterion"); return
        }
        #expect(unknown.contains("'z'"))
        // Given samples of the wrong length.
        guard case .invalidInput? = error(.samples([[1, 2]])) else { Issue.record("expected invalidInput for short weight samples"); return }
        // Dirichlet with a zero mean weight.
        guard case .invalidInput? = error(.dirichlet(mean: [0.5, 0.5, 0], concentration: 10)) else {
            Issue.record("expected invalidInput for a zero Dirichlet mean"); return
        }
    }

    // MARK: Value samplers

    @Test("sampled values stay inside their bounds; values that cannot are clamped with a note")
    func valueBounds() throws {
        let alternatives = ["x", "y"], criteria = ["sigma", "gap"]
        let model = ValueModel.distributions(
            [[.normal(mean: 0.05, sd: 0.1), .uniform(low: 1, high: 3)],
             [.empirical([0.2, 0.4, -0.5, 0.3]), .imputed(value: -10, standardError: 1)]],
            columnBounds: [.nonNegative, .nonNegative])
        let sampler = try ValueSampler(model: model, alternatives: alternatives, criteria: criteria)
        #expect(!sampler.isDeterministic)
        let rng = RandomGenerator(seed: 3)
        var columns = [Double](repeating: 0, count: 4)
        let clamps = ScratchBuffer<Int>(repeating: 0, count: 4)
        var seen = Set<Double>()
        for k in 0..<2_000 {
            sampler.draw(sample: k, using: rng, into: &columns, clamps: clamps)
            #expect(columns.allSatisfy { $0 >= 0 })
            #expect(columns[2] >= 1 && columns[2] < 3)
            seen.insert(columns[1])
        }
        // The empirical cell picks every in-bounds measurement and never the negative one.
        #expect(seen == [0.2, 0.4, 0.3])
        // mean −10, sd 1 with x ≥ 0: every draw is clamped to 0 (and counted); the others never.
        #expect(clamps.array == [0, 0, 0, 2_000])
        #expect(columns[3] == 0)

        let result = try SMAA.run(alternatives: alternatives, criteria: criteria, types: [.max, .max], values: model,
                                  weights: .uniform, method: TOPSIS(), samples: 300, seed: 1, threads: 1, confidenceSamples: 50)
        #expect(result.notes.contains { $0.contains("gap for y") && $0.contains("clamped") })

        // A value that cannot satisfy its bounds at all is an error, not a silent clamp.
        #expect(throws: SMAAError.self) {
            _ = try ValueSampler(model: .distributions([[.uniform(low: -3, high: -1)]], columnBounds: [.nonNegative]),
                                 alternatives: ["x"], criteria: ["k"])
        }
        #expect(throws: SMAAError.self) {
            _ = try ValueSampler(model: .distributions([[.fixed(-1)]], columnBounds: [.nonNegative]), alternatives: ["x"], criteria: ["k"])
        }
    }

    @Test("an imputed value's distribution comes from its prediction standard error or interval")
    func imputedDistribution() {
        #expect(ValueDistribution.predictionInterval(low: 1, high: 3, level: 0.95) == .imputed(value: 2, standardError: 1 / Distributions.normalUpperQuantile(0.025)))
        let v = ImputedValue(candidate: "NaF", property: "band_gap", value: 5, unit: "eV", standardError: 0.4, predictionLow: 4.2,
                             predictionHigh: 5.8, level: 0.95, model: "m", method: "ols", n: 10, r2: 0.9, sigma: 0.3, fittedOn: [])
        #expect(ValueDistribution(v) == .imputed(value: 5, standardError: 0.4))
    }

    // MARK: Determinism

    @Test("the same seed gives identical results with 1 and 2 threads; different seeds differ")
    func determinism() throws {
        let n = 40, m = 4
        let alternatives = names("a", n), criteria = names("k", m)
        let values = randomMatrix(n, m, seed: 21)
        let cells = values.map { row in row.map { ValueDistribution.normal(mean: $0, sd: 0.05) } }
        for (valueModel, method) in [(ValueModel.fixed(values), WSM() as any RankingMethod),
                                     (ValueModel.distributions(cells, columnBounds: Array(repeating: .atLeast(0.01), count: m)), WSM()),
                                     (ValueModel.distributions(cells, columnBounds: Array(repeating: .atLeast(0.01), count: m)), TOPSIS())] {
            func run(_ seed: UInt64, _ threads: Int) throws -> SMAAResult {
                try SMAA.run(alternatives: alternatives, criteria: criteria, types: [.max, .min, .max, .max], values: valueModel,
                             weights: .dirichlet(mean: [0.4, 0.3, 0.2, 0.1], concentration: 5), method: method,
                             samples: 1_500, seed: seed, threads: threads, confidenceSamples: 400)
            }
            let one = try run(12, 1), two = try run(12, 2), three = try run(12, 3)
            #expect(one.threads == 1 && two.threads == 2)
            #expect(sameFindings(one, two))
            #expect(sameFindings(one, three))
            let other = try run(13, 2)
            #expect(other.rankAcceptability != one.rankAcceptability)
            #expect(other.centralWeights != one.centralWeights)
        }
    }

    @Test("WeightSampler.samples gives the weights a run with deterministic values uses")
    func samplerMatchesRun() throws {
        let n = 9, criteria = names("k", 3), types: [CriterionType] = [.max, .min, .max]
        let values = randomMatrix(n, 3, seed: 8)
        let model = WeightModel.dirichlet(mean: [0.5, 0.3, 0.2], concentration: 4)
            .constrained(orders: [WeightOrder(heavier: "k0", lighter: "k2")])
        let result = try SMAA.run(alternatives: names("a", n), criteria: criteria, types: types, values: .fixed(values),
                                  weights: model, method: TOPSIS(), samples: 700, seed: 99, threads: 2, topK: n)
        let weights = try model.sampler(criteria: criteria, seed: 99).samples(count: 700, seed: 99)
        let matrix = try DecisionMatrix(alternatives: names("a", n), criteria: criteria, values: values, types: types)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        for w in weights {
            let ranks = try TOPSIS().ranks(matrix, weights: w)
            for i in 0..<n { counts[i][ranks[i] - 1] += 1 }
        }
        #expect(result.rankAcceptability == counts.map { $0.map { Double($0) / 700 } })
    }

    // MARK: Pairwise winning indices

    @Test("pairwise winning indices satisfy c_ik + c_ki = 1 without ties, and c_ii = 0")
    func pairwiseComplement() throws {
        let n = 12
        let result = try SMAA.run(alternatives: names("a", n), criteria: names("k", 3), types: [.max, .max, .min],
                                  values: .fixed(randomMatrix(n, 3, seed: 31)), weights: .uniform, method: WSM(),
                                  samples: 3_000, seed: 5)
        #expect(result.tiedSamples == 0)
        let c = try #require(result.pairwiseWinning)
        for i in 0..<n {
            #expect(c[i][i] == 0)
            for k in 0..<n where k != i { #expect(c[i][k] + c[k][i] == 1) }
        }
        // Σᵢ bᵢʳ = 1 for every rank without ties.
        for r in 0..<result.topK { #expect(abs(result.rankAcceptability.map { $0[r] }.reduce(0, +) - 1) < 1e-12) }
    }

    @Test("tied alternatives share the better rank in the acceptabilities")
    func tiesShareBetterRank() throws {
        // "twin" equals "a0" exactly: whenever one is first, both are.
        let values: [[Double]] = [[3, 1], [3, 1], [1, 3], [2, 2]]
        let result = try SMAA.run(alternatives: ["a0", "twin", "b", "c"], criteria: ["k0", "k1"], types: [.max, .max],
                                  values: .fixed(values), weights: .uniform, method: WSM(), samples: 1_000, seed: 2)
        #expect(result.rankAcceptability[0] == result.rankAcceptability[1])
        #expect(result.rankAcceptability[0][0] > 0 && result.rankAcceptability[0][0] < 1)
        // When the twins are first, both count at rank 1 and nobody at rank 2; otherwise one
        // alternative is first alone.
        let firstTotal = result.rankAcceptability.map { $0[0] }.reduce(0, +)
        #expect(abs(firstTotal - (1 + result.rankAcceptability[0][0])) < 1e-12)
        #expect(result.tiedSamples == 1_000)
        let c = try #require(result.pairwiseWinning)
        #expect(c[0][1] == 0 && c[1][0] == 0)
    }

    // MARK: Fast path

    @Test("the fast WSM path equals the generic path on the same samples")
    func fastEqualsGeneric() throws {
        let n = 300, m = 5
        let alternatives = names("a", n), criteria = names("k", m)
        let types: [CriterionType] = [.max, .min, .max, .min, .max]
        let values = randomMatrix(n, m, seed: 41)
        let cells = values.enumerated().map { i, row in row.map { x in
            i % 3 == 0 ? ValueDistribution.uniform(low: x * 0.9, high: x * 1.1) : .normal(mean: x, sd: 0.03)
        } }
        let models = [ValueModel.fixed(values), .distributions(cells, columnBounds: Array(repeating: .atLeast(0.05), count: m))]
        for model in models {
            for normalization in [Normalization.sum, .minmax, .vector] {
                func run(_ method: any RankingMethod) throws -> SMAAResult {
                    try SMAA.run(alternatives: alternatives, criteria: criteria, types: types, values: model,
                                 weights: .uniform, method: method, samples: 700, seed: 17, threads: 2, pairwise: true,
                                 confidenceSamples: 100)
                }
                let fast = try run(WSM(normalization: normalization))
                let generic = try run(GenericWSM(normalization: normalization))
                #expect(sameFindings(fast, generic), "normalisation \(normalization)")
            }
        }
    }

    // MARK: Ranker

    @Test("the fast ranker gives Ranking.ranks's ranks, with ties, NaN and both directions")
    func rankerMatchesRanking() {
        let rng = RandomGenerator(seed: 99)
        for n in [1, 2, 3, 10, 257, 2_000, 10_000] {
            let ranker = SMAARanker(count: n)
            for trial in 0..<16 {
                var scores: [Double]
                switch trial % 8 {
                case 0: scores = (0..<n).map { _ in rng.uniform() }
                case 1: scores = (0..<n).map { _ in Double(rng.uniformInteger(below: 5)) }  // many ties
                case 2: scores = (0..<n).map { _ in rng.gaussian() * 1e-300 }  // tiny, mixed signs, −0
                case 3: scores = (0..<n).map { i in i == 0 ? 1e6 : rng.uniform() * 1e-9 }  // one outlier: crowded buckets
                case 4: scores = (0..<n).map { _ in rng.uniform() < 0.1 ? .nan : rng.gaussian() }
                case 5: scores = (0..<n).map { _ in rng.uniform() < 0.05 ? -.infinity : (rng.uniform() < 0.5 ? -0.0 : 0.0) }
                case 6: scores = (0..<n).map { _ in 1 / (0.01 + rng.uniform()) + Double(rng.uniformInteger(below: 3)) }  // skewed, 1/x
                default: scores = (0..<n).map { _ in (rng.gaussian() * 1e3).rounded() / 1e3 }  // bell-shaped, some ties
                }
                for higher in [true, false] {
                    let expected = Ranking.ranks(scores, higherIsBetter: higher)
                    #expect(ranker.ranks(scores, higherIsBetter: higher) == expected, "n \(n), trial \(trial), higher \(higher)")
                    // The alternatives listed as top-L are exactly those with rank ≤ L.
                    let limit = 1 + trial % 7
                    ranker.rank(scores, higherIsBetter: higher, topLimit: limit)
                    let listed = ranker.topAlternatives.sorted()
                    #expect(listed == expected.indices.filter { expected[$0] <= limit }, "n \(n), trial \(trial), top \(limit)")
                }
            }
        }
    }

    // MARK: Input errors

    @Test("bad settings are refused")
    func badSettings() throws {
        let values = randomMatrix(3, 2, seed: 1)
        func run(alternatives: [String] = ["a", "b", "c"], samples: Int = 10, threads: Int? = nil, topK: Int? = nil, values v: ValueModel? = nil) throws {
            _ = try SMAA.run(alternatives: alternatives, criteria: ["k0", "k1"], types: [.max, .max], values: v ?? .fixed(values),
                             weights: .uniform, method: WSM(), samples: samples, seed: 1, threads: threads, topK: topK)
        }
        #expect(throws: SMAAError.self) { try run(alternatives: ["a", "a", "c"]) }
        #expect(throws: SMAAError.self) { try run(samples: 0) }
        #expect(throws: SMAAError.self) { try run(threads: 0) }
        #expect(throws: SMAAError.self) { try run(topK: 4) }
        #expect(throws: SMAAError.self) { try run(values: .fixed([[1, 2], [3, 4]])) }
        #expect(throws: SMAAError.self) { try run(values: .samples([values, [[1, 2], [3, 4], [5]]])) }
        // Sum normalisation of a column with a zero: the method's own error, before sampling.
        #expect(throws: DecisionError.self) { try run(values: .fixed([[0, 1], [1, 2], [2, 3]])) }
    }
}

@Suite("SMAA rank acceptability cut at top k still sums to 1")
struct SMAAAcceptabilityBelowTests {
    @Test("b>k equals the full run's shares of the lower ranks, and every row sums to 1")
    func belowTopK() throws {
        let m = try DecisionMatrix(alternatives: ["A", "B", "C", "D", "E"], criteria: ["x", "y"],
                                   values: [[1, 5], [2, 4], [3, 3], [4, 2], [5, 1]], types: [.max, .max])
        let full = try SMAA.run(matrix: m, weights: .uniform, method: WSM(), samples: 4000, seed: 7, threads: 1)
        let cut = try SMAA.run(matrix: m, weights: .uniform, method: WSM(), samples: 4000, seed: 7, threads: 1, topK: 2)
        for i in 0..<5 {
            let lower = full.rankAcceptability[i][2...].reduce(0, +)
            #expect(abs(cut.acceptabilityBelow(2, i) - lower) < 1e-12)
            #expect(abs(cut.rankAcceptability[i].prefix(2).reduce(0, +) + cut.acceptabilityBelow(2, i) - 1) < 1e-12)
        }
        let json = try #require(try parseJSON(cut.json().rendered()) as? [String: Any])
        let rows = try #require(json["alternatives"] as? [[String: Any]])
        #expect(rows.count == 5)
        for row in rows {
            let i = try #require(m.alternatives.firstIndex(of: row["id"] as! String))
            #expect(row["rank_acceptability_below_top_k"] as? Double == cut.acceptabilityBelow(2, i))
            #expect(abs(full.rankAcceptability[i][2...].reduce(0, +) - (row["rank_acceptability_below_top_k"] as! Double)) < 1e-12)
        }
        // Exactly the full run's count of samples ranked below k, over the samples (subtracting the
        // acceptabilities from 1 left rounding noise such as 0.3829999999999999 in the output).
        for samples in [999, 1000, 4000] {
            let all = try SMAA.run(matrix: m, weights: .uniform, method: WSM(), samples: samples, seed: 11, threads: 1)
            for k in 1...4 {
                let cutK = try SMAA.run(matrix: m, weights: .uniform, method: WSM(), samples: samples, seed: 11, threads: 1, topK: k)
                for i in 0..<5 {
                    let lowerCount = all.rankAcceptability[i][k...].reduce(0) { $0 + Int(($1 * Double(samples)).rounded()) }
                    #expect(cutK.acceptabilityBelow(k, i) == Double(lowerCount) / Double(samples), "\(samples) samples, k = \(k), \(i)")
                }
            }
        }
    }
}
