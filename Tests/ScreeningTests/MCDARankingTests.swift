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

/// Ranks from scores, the method factory, and the method contract.
@Suite("MCDA ranking")
struct MCDARankingTests {
    @Test("ties share the better rank", arguments: [
        ([3.0, 5, 5, 1], true, [3, 1, 1, 4]),
        ([3.0, 5, 5, 1], false, [2, 3, 3, 1]),
        ([2.0, 2, 2], true, [1, 1, 1]),
        ([0.1, 0.4, 0.4, 0.4, 0.2], true, [5, 1, 1, 1, 4]),
        ([1.0], false, [1]),
        ([], true, []),
    ])
    func ties(_ scores: [Double], higherIsBetter: Bool, expected: [Int]) {
        #expect(Ranking.ranks(scores, higherIsBetter: higherIsBetter) == expected)
    }

    /// pymcdm's `rankdata([3, 5, 5, 1], reverse=True)` gives `[3, 1.5, 1.5, 4]`: ties are
    /// averaged there. Without ties the two agree.
    @Test func differsFromPymcdmOnlyOnTies() {
        #expect(Ranking.ranks([0, 3, 2, 5], higherIsBetter: false) == [1, 3, 2, 4])   // pymcdm: [1, 3, 2, 4]
        #expect(Ranking.ranks([0, 3, 2, 5], higherIsBetter: true) == [4, 2, 3, 1])    // pymcdm: [4, 2, 3, 1]
        #expect(Ranking.ranks([0, 3, 2, 3], higherIsBetter: true) == [4, 1, 3, 1])    // pymcdm: [4, 1.5, 3, 1.5]
    }

    @Test func nanRanksLast() {
        #expect(Ranking.ranks([1, .nan, 3], higherIsBetter: true) == [2, 3, 1])
        #expect(Ranking.ranks([1, .nan, 3], higherIsBetter: false) == [1, 3, 2])
    }

    @Test("identical alternatives tie in every method")
    func identicalAlternativesTie() throws {
        let m = try DecisionMatrix(alternatives: ["a", "b", "c", "d"], criteria: ["x", "y", "z"],
                                   values: [[3, 20, 0.5], [5, 10, 0.7], [3, 20, 0.5], [4, 30, 0.2]],
                                   types: [.max, .min, .max])
        for name in RankingMethods.names {
            let method = try RankingMethods.make(name: name)
            let ranks = try method.ranks(m, weights: [0.5, 0.3, 0.2])
            #expect(ranks[0] == ranks[2], "\(name): \(ranks)")
        }
    }

    @Test("the factory knows every method, with pymcdm's defaults")
    func factoryDefaults() throws {
        let expected: [String: (Normalization, Bool)] = [
            "wsm": (.sum, true), "wpm": (.sum, true), "waspas": (.linear, true), "topsis": (.minmax, true),
            "vikor": (.none, false), "promethee2": (.none, true), "copras": (.none, true),
            "spotis": (.none, false), "edas": (.none, true), "moora": (.none, true),
        ]
        #expect(Set(expected.keys) == Set(RankingMethods.names))
        for name in RankingMethods.names {
            let method = try RankingMethods.make(name: name)
            #expect(type(of: method).name == name)
            #expect(method.normalization == expected[name]!.0, "\(name)")
            #expect(type(of: method).higherIsBetter == expected[name]!.1, "\(name)")
        }
        #expect(try (RankingMethods.make(name: "waspas") as? WASPAS)?.lambda == 0.5)
        #expect(try (RankingMethods.make(name: "vikor") as? VIKOR)?.v == 0.5)
        #expect(try (RankingMethods.make(name: "copras") as? COPRAS)?.variant == .published)
        #expect(try (RankingMethods.make(name: " PROMETHEE_II ") as? PROMETHEEII)?.preference == .usual)
    }

    @Test func factoryParameters() throws {
        let waspas = try #require(try RankingMethods.make(name: "waspas", normalization: .max, parameters: ["lambda": 0.3]) as? WASPAS)
        #expect(waspas.lambda == 0.3 && waspas.normalization == .max)
        let promethee = try #require(try RankingMethods.make(name: "promethee2", parameters: ["preference": "vshape_2", "q": 1, "p": [2, 3, 4]]) as? PROMETHEEII)
        #expect(promethee.preference == .linear && promethee.q == [1] && promethee.p == [2, 3, 4])
        let spotis = try #require(try RankingMethods.make(name: "spotis", parameters: ["bounds_min": [0, 1], "bounds_max": [5, 6], "esp": [2, 3]]) as? SPOTIS)
        #expect(spotis.bounds == [.init(lower: 0, upper: 5), .init(lower: 1, upper: 6)] && spotis.esp == [2, 3])
        #expect(try (RankingMethods.make(name: "copras", parameters: ["variant": "pymcdm"]) as? COPRAS)?.variant == .pymcdm)
    }

    @Test("factory errors list the valid choices", arguments: [
        ("electre", nil, [:], "unknown ranking method 'electre'; valid methods: copras, edas, moora, promethee2, spotis, topsis, vikor, waspas, wpm, wsm"),
        ("topsis", nil, ["v": 0.5], "topsis has no parameter 'v'; it takes no parameters"),
        ("vikor", nil, ["lambda": 0.5], "vikor has no parameter 'lambda'; valid parameters: v"),
        ("vikor", nil, ["v": "high"], "vikor: v must be a single number"),
        ("promethee2", nil, ["preference": "triangle"], "promethee2: unknown preference function 'triangle'; valid: usual, ushape, vshape, level, linear, gaussian"),
        ("copras", nil, ["variant": "x"], "copras: unknown variant 'x'; valid: published, pymcdm"),
        ("spotis", nil, ["bounds_min": [0]], "spotis: give both bounds_min and bounds_max, or neither (bounds from the data)"),
        ("edas", Normalization.minmax, [:], "edas takes no normalisation (it reads raw values, as in pymcdm), got 'minmax'; methods that take one: topsis, vikor, waspas, wpm, wsm"),
    ] as [(String, Normalization?, [String: RankingParameter], String)])
    func factoryErrors(name: String, normalization: Normalization?, parameters: [String: RankingParameter], message: String) {
        #expect(throws: DecisionError.parameter(message)) {
            _ = try RankingMethods.make(name: name, normalization: normalization, parameters: parameters)
        }
    }

    @Test("only additive methods report contributions")
    func contributionsOnlyForAdditiveMethods() throws {
        let m = try DecisionMatrix(alternatives: ["a", "b", "c"], criteria: ["x", "y"],
                                   values: [[1, 5], [2, 3], [4, 4]], types: [.max, .min])
        let additive: Set = ["wsm", "promethee2", "spotis", "moora"]
        for name in RankingMethods.names {
            let method = try RankingMethods.make(name: name)
            let parts = try method.contributions(m, weights: [0.6, 0.4])
            #expect((parts != nil) == additive.contains(name), "\(name)")
            if let parts {
                let scores = try method.scores(m, weights: [0.6, 0.4])
                #expect(zip(parts, scores).allSatisfy { abs($0.reduce(0, +) - $1) < 1e-12 }, "\(name)")
            }
        }
    }

    @Test("preference functions at and around their thresholds", arguments: [
        (PreferenceFunction.usual, [-1.0, 0, 0.5, 3], [0.0, 0, 1, 1]),
        (.ushape, [0, 1, 1.5, 3], [0, 0, 1, 1]),
        (.vshape, [-1, 0, 1, 2, 3], [0, 0, 0.5, 1, 1]),
        (.level, [0, 1, 1.5, 2, 2.5], [0, 0, 0.5, 0.5, 1]),
        (.linear, [0, 1, 1.5, 2, 2.5], [0, 0, 0.5, 1, 1]),
    ] as [(PreferenceFunction, [Double], [Double])])
    func preferenceDegrees(_ function: PreferenceFunction, differences: [Double], expected: [Double]) {
        #expect(differences.map { function.degree($0, q: 1, p: 2, s: 1) } == expected)
    }

    @Test func gaussianPreference() {
        #expect(PreferenceFunction.gaussian.degree(0, q: 0, p: 0, s: 2) == 0)
        #expect(abs(PreferenceFunction.gaussian.degree(2, q: 0, p: 0, s: 2) - (1 - 1 / 2.718281828459045.squareRoot())) < 1e-15)
        #expect(PreferenceFunction(name: "vshape_2") == .linear)
    }
}
