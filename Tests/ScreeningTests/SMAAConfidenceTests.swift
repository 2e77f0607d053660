import Testing
@testable import ScreenDecision
@testable import ScreenNumerics
@testable import ScreenSensitivity

@Suite("SMAA confidence pass")
struct SMAAConfidenceTests {
    @Test("the early-exit scan gives the confidence factors of full scoring (TOPSIS, sampled values)",
          arguments: [Normalization.minmax, .vector, .max])
    func earlyExitEqualsFullScoring(normalization: Normalization) throws {
        let n = 120, m = 4
        let rng = RandomGenerator(seed: 5)
        let cells = (0..<n).map { i in (0..<m).map { _ -> ValueDistribution in
            let x = 0.2 + rng.uniform()
            return i % 4 == 0 ? .uniform(low: x * 0.8, high: x * 1.2) : .normal(mean: x, sd: 0.05)
        } }
        func run(_ method: any RankingMethod) throws -> SMAAResult {
            try SMAA.run(alternatives: (0..<n).map { "a\($0)" }, criteria: (0..<m).map { "k\($0)" },
                         types: [.max, .min, .max, .min],
                         values: .distributions(cells, columnBounds: Array(repeating: .atLeast(0.01), count: m)),
                         weights: .uniform, method: method, samples: 600, seed: 9, threads: 2, confidenceSamples: 300)
        }
        let fused = try run(TOPSIS(normalization: normalization)), full = try run(UnfusedTOPSIS(normalization: normalization))
        #expect(fused.confidenceFactors.compactMap { $0 }.count > 3)
        #expect(fused.confidenceFactors == full.confidenceFactors)
        #expect(fused.rankAcceptability == full.rankAcceptability)
    }

    @Test("TOPSIS closeness counts as defined only with a weighted column range well above underflow and finite bounds")
    func topsisDefinedness() {
        // Bounds [max₀, min₀, max₁, min₁].
        #expect(SMAAScorer.topsisIsDefined(bounds: [1, 0, 1, 0], weights: [0.5, 0.5]))
        // A weighted range of 0 in every column (constant columns, or weight 0 on the other).
        #expect(!SMAAScorer.topsisIsDefined(bounds: [1, 1, 1, 0], weights: [1, 0]))
        #expect(!SMAAScorer.topsisIsDefined(bounds: [1, 1e-300, 2e-300, 1e-300], weights: [0, 1]))
        #expect(!SMAAScorer.topsisIsDefined(bounds: [.infinity, 0, 1, 0], weights: [0.5, 0.5]))
        #expect(!SMAAScorer.topsisIsDefined(bounds: [0x1p401, 0, 1, 0], weights: [0.5, 0.5]))
    }

    @Test("a TOPSIS sample whose closeness is 0/0 fails in the confidence pass as in the main pass")
    func undefinedClosenessStillFails() throws {
        // Criterion k1 separates the alternatives only in the value samples where it varies;
        // k0 is constant. With given weights on k1 alone and a value sample where k1 is
        // constant too, every closeness is 0/0.
        let constant = [[1.0, 2.0], [1.0, 2.0], [1.0, 2.0]]
        let varied = [[1.0, 1.0], [1.0, 2.0], [1.0, 3.0]]
        func run(_ method: any RankingMethod) -> String {
            do {
                _ = try SMAA.run(alternatives: ["a", "b", "c"], criteria: ["k0", "k1"], types: [.max, .max],
                                 values: .samples([varied, constant]), weights: .samples([[0, 1]]), method: method,
                                 samples: 1, seed: 1, threads: 1, confidenceSamples: 2)
                return "no error"
            } catch {
                return String(describing: error)
            }
        }
        let fused = run(TOPSIS(normalization: .vector)), full = run(UnfusedTOPSIS(normalization: .vector))
        #expect(fused.contains("0/0"))
        #expect(fused == full)
    }
}

/// TOPSIS under another type name, so that SMAA scores it with `method.scores` and decides
/// "ranks first" on the full scores, instead of the fused kernel and its early-exit scan.
private struct UnfusedTOPSIS: RankingMethod {
    static let name = "topsis"
    static let higherIsBetter = true
    let inner: TOPSIS
    var normalization: Normalization { inner.normalization }
    init(normalization: Normalization) { inner = TOPSIS(normalization: normalization) }
    func scores(_ matrix: DecisionMatrix, weights: [Double]) throws -> [Double] { try inner.scores(matrix, weights: weights) }
    func contributions(_ matrix: DecisionMatrix, weights: [Double]) throws -> [[Double]]? { nil }
}
