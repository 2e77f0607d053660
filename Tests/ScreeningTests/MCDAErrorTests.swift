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

/// Inputs for which a method or normalisation is undefined: each must throw a
/// `DecisionError` that names the criterion, never return NaN.
@Suite("MCDA errors")
struct MCDAErrorTests {
    static let values: [[Double]] = [[3, 20, 0.5], [5, 10, 0.7], [4, 30, 0.2], [6, 25, 0.9]]
    static let types: [CriterionType] = [.max, .min, .max]
    static let weights = [0.5, 0.3, 0.2]

    func matrix(_ values: [[Double]] = Self.values, _ types: [CriterionType] = Self.types) throws -> DecisionMatrix {
        try DecisionMatrix(alternatives: values.indices.map { "A\($0 + 1)" }, criteria: ["strength", "cost", "affinity"],
                           values: values, types: types)
    }

    func allMethods() throws -> [any RankingMethod] {
        try RankingMethods.names.map { try RankingMethods.make(name: $0) }
    }

    /// The `invalidColumn` criterion and reason, or nil for another outcome.
    func invalidColumn(_ body: () throws -> Void) -> (criterion: String, reason: String)? {
        do { try body() } catch let DecisionError.invalidColumn(criterion, reason) { return (criterion, reason) } catch {}
        return nil
    }

    @Test("a weight count that differs from the criteria count", arguments: [[0.5, 0.5], [0.25, 0.25, 0.25, 0.25]])
    func weightCount(_ weights: [Double]) throws {
        let m = try matrix()
        for method in try allMethods() {
            #expect(throws: DecisionError.weights("\(weights.count) weights for 3 criteria (strength, cost, affinity)")) {
                _ = try method.scores(m, weights: weights)
            }
        }
    }

    @Test("weights that are negative, not finite or all zero", arguments: [
        ([0.5, -0.1, 0.6], "the weight of cost is negative (-0.1)"),
        ([0.5, .nan, 0.5], "the weight of cost is not a finite number"),
        ([0.5, .infinity, 0.5], "the weight of cost is not a finite number"),
        ([0.0, 0, 0], "every weight is zero"),
    ])
    func badWeights(_ weights: [Double], message: String) throws {
        let m = try matrix()
        for method in try allMethods() {
            #expect(throws: DecisionError.weights(message)) { _ = try method.scores(m, weights: weights) }
        }
        #expect(throws: DecisionError.weights(message)) { _ = try Ranking.normalizedWeights(weights, for: m) }
    }

    @Test func weightsAreRescaledBySum() throws {
        let m = try matrix()
        #expect(try Ranking.normalizedWeights([2, 1, 1], for: m) == [0.5, 0.25, 0.25])
        // A method uses the weights as given (as pymcdm): WSM is linear in them.
        let wsm = WSM()
        let doubled = try wsm.scores(m, weights: [1.0, 0.6, 0.4])
        #expect(zip(doubled, try wsm.scores(m, weights: Self.weights)).allSatisfy { abs($0 - 2 * $1) < 1e-15 })
    }

    @Test("a constant column with min–max normalisation names the criterion")
    func constantColumnMinmax() throws {
        let m = try matrix([[3, 20, 0.5], [5, 20, 0.7], [4, 20, 0.2]])
        let error = invalidColumn { _ = try Normalization.minmax.normalize(m) }
        #expect(error?.criterion == "cost")
        #expect(error?.reason.contains("all values are equal (20.0)") == true)
        #expect(invalidColumn { _ = try TOPSIS().scores(m, weights: Self.weights) }?.criterion == "cost")
        #expect(invalidColumn { _ = try ObjectiveWeights.critic.weights(for: m) }?.criterion == "cost")
        // VIKOR refuses it too (pymcdm raises as well), whatever the normalisation.
        #expect(invalidColumn { _ = try VIKOR().scores(m, weights: Self.weights) }?.criterion == "cost")
        #expect(invalidColumn { _ = try SPOTIS().scores(m, weights: Self.weights) }?.criterion == "cost")
        #expect(invalidColumn { _ = try Normalization.zscore.normalize(m) }?.criterion == "cost")
    }

    @Test("zeros where a normalisation divides or takes a log", arguments: [
        (Normalization.sum, [1.0, 0, 2], CriterionType.max),
        (.sum, [1, 0, 2], .min),
        (.linear, [1, 0, 2], .min),
        (.linear, [-1, 1, 2], .max),
        (.log, [1, 0, 2], .max),
        (.log, [1, 1, 1], .max),
        (.log, [4], .min),
        (.max, [0, 0, 0], .max),
        (.max, [-3, -2, -1], .min),
        (.vector, [0, 0, 0], .max),
        (.minmax, [7], .max),
        (.zscore, [2, 2, 2], .min),
    ])
    func normalisationDomain(_ normalization: Normalization, column: [Double], type: CriterionType) {
        let error = invalidColumn { _ = try normalization.normalize(column, type: type, criterion: "x") }
        #expect(error?.criterion == "x")
        #expect(error?.reason.hasPrefix("\(normalization.rawValue) normalisation: ") == true)
    }

    @Test("no normalisation returns a non-finite value on its domain", arguments: Normalization.allCases)
    func normalisationsFinite(_ normalization: Normalization) throws {
        for type in CriterionType.allCases {
            let column = try normalization.normalize([0.5, 2, 7, 1e4, 3e-3], type: type)
            #expect(column.allSatisfy { $0.isFinite })
        }
    }

    @Test("zeros where a method divides")
    func methodDivisions() throws {
        // MOORA divides by the column norm.
        let zeros = try matrix([[3, 20, 0], [5, 10, 0], [4, 30, 0]])
        #expect(invalidColumn { _ = try MOORA().scores(zeros, weights: Self.weights) }?.criterion == "affinity")
        // COPRAS divides by column sums, and (published form) by each alternative's cost total.
        #expect(invalidColumn { _ = try COPRAS().scores(zeros, weights: Self.weights) }?.criterion == "affinity")
        let freeAlternative = try matrix([[3, 20, 0.5], [5, 0, 0.7], [4, 30, 0.2]])
        #expect(invalidColumn { _ = try COPRAS().scores(freeAlternative, weights: Self.weights) }?.reason.contains("A2 has a weighted cost total of zero") == true)
        #expect(try COPRAS(variant: .pymcdm).scores(freeAlternative, weights: Self.weights).allSatisfy { $0.isFinite })
        // EDAS divides by the column mean.
        let zeroMean = try matrix([[3, 20, -1], [5, 10, 1], [4, 30, 0]])
        #expect(invalidColumn { _ = try EDAS().scores(zeroMean, weights: Self.weights) }?.criterion == "affinity")
        // WPM raises normalised values to fractional powers: z-scores are negative.
        #expect(invalidColumn { _ = try WPM(normalization: .zscore).scores(try matrix(), weights: Self.weights) } != nil)
        #expect(invalidColumn { _ = try WASPAS(normalization: .zscore).scores(try matrix(), weights: Self.weights) } != nil)
        // ... unless λ = 1, where WASPAS is WSM and the product is never formed.
        #expect(try WASPAS(normalization: .zscore, lambda: 1).scores(try matrix(), weights: Self.weights)
                == WSM(normalization: .zscore).scores(try matrix(), weights: Self.weights))
        // TOPSIS: every alternative at both the ideal and the anti-ideal.
        let sameRows = try matrix([[3, 20, 0.5], [3, 20, 0.5]])
        #expect(invalidColumn { _ = try TOPSIS(normalization: .vector).scores(sameRows, weights: Self.weights) } != nil)
    }

    @Test("shapes and parameters a method cannot use")
    func shapesAndParameters() throws {
        let one = try matrix([[3, 20, 0.5]])
        #expect(throws: DecisionError.self) { _ = try PROMETHEEII().scores(one, weights: Self.weights) }
        #expect(throws: DecisionError.self) { _ = try ObjectiveWeights.entropy.weights(for: one) }
        #expect(throws: DecisionError.self) { _ = try ObjectiveWeights.std.weights(for: one) }
        #expect(throws: DecisionError.parameter("copras needs at least one cost criterion (it rewards small cost totals)")) {
            _ = try COPRAS().scores(try matrix(Self.values, [.max, .max, .max]), weights: Self.weights)
        }
        #expect(throws: DecisionError.self) { _ = try VIKOR(v: 1.5) }
        #expect(throws: DecisionError.self) { _ = try WASPAS(lambda: -0.1) }
        #expect(throws: DecisionError.self) { _ = try PROMETHEEII(preference: .vshape) }
        #expect(throws: DecisionError.self) { _ = try PROMETHEEII(preference: .linear, q: [2], p: [1]) }
        #expect(throws: DecisionError.self) { _ = try PROMETHEEII(preference: .gaussian, s: [0]) }
        #expect(throws: DecisionError.self) { _ = try PROMETHEEII(preference: .ushape, q: [-1]) }
        #expect(throws: DecisionError.self) {
            _ = try PROMETHEEII(preference: .ushape, q: [1, 2]).scores(try matrix(), weights: Self.weights)
        }
        // SPOTIS: a value outside the given bounds, and an expected point outside them.
        let bounds = [SPOTIS.Bounds(lower: 0, upper: 10), .init(lower: 0, upper: 25), .init(lower: 0, upper: 1)]
        #expect(invalidColumn { _ = try SPOTIS(bounds: bounds).scores(try matrix(), weights: Self.weights) }?.criterion == "cost")
        let wide = [SPOTIS.Bounds(lower: 0, upper: 10), .init(lower: 0, upper: 40), .init(lower: 0, upper: 1)]
        #expect(throws: DecisionError.self) { _ = try SPOTIS(bounds: wide, esp: [5, 50, 0.5]).scores(try matrix(), weights: Self.weights) }
    }

    @Test("NaN input is rejected before any method sees it")
    func nanInput() {
        #expect(throws: DecisionError.nonFinite(alternative: "A2", criterion: "cost")) {
            _ = try matrix([[3, 20, 0.5], [5, .nan, 0.7]])
        }
        #expect(throws: DecisionError.nonFinite(alternative: "A1", criterion: "affinity")) {
            _ = try matrix([[3, 20, .infinity], [5, 1, 0.7]])
        }
    }

    @Test("every method returns finite scores on ordinary data")
    func finiteScores() throws {
        let m = try matrix()
        for method in try allMethods() {
            #expect(try method.scores(m, weights: Self.weights).allSatisfy { $0.isFinite }, "\(type(of: method).name)")
        }
    }

    /// Columns near the largest double: pymcdm 1.4 overflows (its vector norm is inf, TOPSIS
    /// gives A 0.3333) and reorders. The expected scores are pymcdm's on the same matrix with
    /// column a divided by 1e300 — a scale-free normalisation must give the same numbers.
    @Test("values near 1e308 normalise as the same column scaled down (pymcdm on the scaled matrix)")
    func extremeMagnitudes() throws {
        let vector = try DecisionMatrix(alternatives: ["A", "B", "C"], criteria: ["a", "b"],
                                        values: [[1e308, 2], [1.5e308, 4], [1e307, 1]], types: [.max, .max])
        let v = try TOPSIS(normalization: .vector).scores(vector, weights: [0.5, 0.5])
        for (got, want) in zip(v, [0.51284561, 1, 0]) { #expect(abs(got - want) < 1e-8, "\(v)") }
        let minmax = try DecisionMatrix(alternatives: ["A", "B", "C"], criteria: ["a", "b"],
                                        values: [[1e308, 2], [-1.5e308, 4], [1e307, 1]], types: [.max, .max])
        let m = try TOPSIS(normalization: .minmax).scores(minmax, weights: [0.5, 0.5])
        for (got, want) in zip(m, [0.61257411, 0.5, 0.37584571]) { #expect(abs(got - want) < 1e-8, "\(m)") }
        // Sums that would overflow: the share of each value is still exact.
        let sum = try Normalization.sum.normalize([1e308, 1e308, 1e308], type: .max)
        #expect(sum.allSatisfy { abs($0 - 1.0 / 3) < 1e-15 }, "\(sum)")
        let costSum = try Normalization.sum.normalize([1e-300, 1e-300, 2e-300], type: .min)
        #expect(zip(costSum, [0.4, 0.4, 0.2]).allSatisfy { abs($0 - $1) < 1e-15 }, "\(costSum)")
    }
}
