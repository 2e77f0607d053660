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

/// Reference values from pymcdm 1.4.0 (`pymcdm.correlations`) and scipy 1.17.1
/// (`scipy.stats.kendalltau`, τ-b by default), Python 3, numpy 2.4.6, printed with `repr`:
///
///     from pymcdm import correlations as c
///     from scipy.stats import kendalltau
///     for x, y in cases:
///         print(repr(float(c.spearman(x, y))), repr(float(c.weighted_spearman(x, y))),
///               repr(float(c.rank_similarity_coef(x, y))), repr(float(c.rank_similarity_coef(y, x))),
///               repr(float(c.kendall_tau(x, y))), repr(float(kendalltau(x, y).statistic)))
///
/// pymcdm's `kendall_tau` is τ-a (2/(n(n−1)) Σ sign·sign); it equals scipy's τ-b only
/// without ties, so with ties it is compared with `kendallTauA` and scipy with `kendallTau`.
struct RankReference: Sendable, CustomTestStringConvertible {
    let name: String
    let x: [Double], y: [Double]
    let rs: Double, rw: Double, wsXY: Double, wsYX: Double
    let pymcdmKendall: Double, scipyKendallB: Double
    var testDescription: String { name }
}

@Suite("Rank similarity coefficients against pymcdm 1.4 and scipy")
struct RankSimilarityTests {
    static let references: [RankReference] = [
        RankReference(name: "identical", x: [1, 2, 3, 4, 5], y: [1, 2, 3, 4, 5],
                      rs: 0.9999999999999998, rw: 1.0, wsXY: 1.0, wsYX: 1.0,
                      pymcdmKendall: 1.0, scipyKendallB: 0.9999999999999999),
        RankReference(name: "reversed", x: [1, 2, 3, 4, 5], y: [5, 4, 3, 2, 1],
                      rs: -0.9999999999999998, rw: -1.0, wsXY: 0.26041666666666674, wsYX: 0.26041666666666674,
                      pymcdmKendall: -1.0, scipyKendallB: -0.9999999999999999),
        RankReference(name: "swap at the top", x: [1, 2, 3, 4, 5], y: [2, 1, 3, 4, 5],
                      rs: 0.8999999999999998, rw: 0.85, wsXY: 0.7916666666666667, wsYX: 0.7916666666666667,
                      pymcdmKendall: 0.8, scipyKendallB: 0.7999999999999999),
        RankReference(name: "swap at the bottom", x: [1, 2, 3, 4, 5], y: [1, 2, 3, 5, 4],
                      rs: 0.8999999999999998, rw: 0.95, wsXY: 0.9713541666666666, wsYX: 0.9713541666666666,
                      pymcdmKendall: 0.8, scipyKendallB: 0.7999999999999999),
        RankReference(name: "permutation of 7", x: [1, 2, 3, 4, 5, 6, 7], y: [3, 1, 2, 6, 4, 7, 5],
                      rs: 0.7142857142857142, rw: 0.7276785714285714, wsXY: 0.6968749999999999, wsYX: 0.76015625,
                      pymcdmKendall: 0.5238095238095237, scipyKendallB: 0.5238095238095238),
        RankReference(name: "average-rank ties in x", x: [1, 2.5, 2.5, 4, 5, 6], y: [2, 1, 3, 4, 6, 5],
                      rs: 0.8406680016960502, rw: 0.8255102040816327, wsXY: 0.7880472455447789, wsYX: 0.7557291666666667,
                      pymcdmKendall: 0.6666666666666666, scipyKendallB: 0.6900655593423541),
        RankReference(name: "ties in both", x: [1, 2.5, 2.5, 4, 5.5, 5.5], y: [1.5, 1.5, 3, 5, 5, 5],
                      rs: 0.9057894597833127, rw: 0.9112244897959184, wsXY: 0.8484947620670109, wsYX: 0.8456905364689087,
                      pymcdmKendall: 0.6666666666666666, scipyKendallB: 0.8362420100070909),
        RankReference(name: "competition-rank ties (1, 2, 2, 4, 5)", x: [1, 2, 2, 4, 5], y: [1, 3, 2, 5, 4],
                      rs: 0.8660254037844386, rw: 0.8916666666666666, wsXY: 0.8880208333333334, wsYX: 0.9088541666666666,
                      pymcdmKendall: 0.7000000000000001, scipyKendallB: 0.7378647873726218),
    ]

    @Test("matches pymcdm's spearman, weighted_spearman, rank_similarity_coef, kendall_tau and scipy's kendalltau",
          arguments: references)
    func matchesPeers(_ r: RankReference) throws {
        let tolerance = 1e-12
        #expect(abs(try RankSimilarity.spearman(r.x, r.y) - r.rs) <= tolerance)
        #expect(abs(try RankSimilarity.weightedSpearman(r.x, r.y) - r.rw) <= tolerance)
        #expect(abs(try RankSimilarity.ws(reference: r.x, r.y) - r.wsXY) <= tolerance)
        #expect(abs(try RankSimilarity.ws(reference: r.y, r.x) - r.wsYX) <= tolerance)
        #expect(abs(try RankSimilarity.kendallTauA(r.x, r.y) - r.pymcdmKendall) <= tolerance)
        #expect(abs(try RankSimilarity.kendallTau(r.x, r.y) - r.scipyKendallB) <= tolerance)
        // Symmetric coefficients are symmetric.
        #expect(abs(try RankSimilarity.spearman(r.y, r.x) - r.rs) <= tolerance)
        #expect(abs(try RankSimilarity.weightedSpearman(r.y, r.x) - r.rw) <= tolerance)
        #expect(abs(try RankSimilarity.kendallTau(r.y, r.x) - r.scipyKendallB) <= tolerance)
    }

    @Test("without ties τ-b is τ-a, so pymcdm and scipy agree")
    func tauWithoutTies() throws {
        for r in Self.references where Set(r.x).count == r.x.count && Set(r.y).count == r.y.count {
            #expect(abs(try RankSimilarity.kendallTau(r.x, r.y) - r.pymcdmKendall) <= 1e-12, "\(r.name)")
        }
    }

    @Test("identical rankings give 1, reversed give −1 (rs, rw, τ)")
    func extremes() throws {
        let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        let rev = Array(x.reversed())
        for f in [RankSimilarity.spearman, RankSimilarity.weightedSpearman, RankSimilarity.kendallTau, RankSimilarity.kendallTauA] {
            #expect(abs(try f(x, x) - 1) <= 1e-15)
            #expect(abs(try f(x, rev) + 1) <= 1e-15)
        }
        #expect(try RankSimilarity.ws(reference: x, x) == 1)
        // τ-b reaches 1 for identical rankings with ties; τ-a (pymcdm) does not.
        let tied: [Double] = [1, 2.5, 2.5, 4]
        #expect(abs(try RankSimilarity.kendallTau(tied, tied) - 1) <= 1e-15)
        #expect(abs(try RankSimilarity.kendallTauA(tied, tied) - 5.0 / 6) <= 1e-15)
    }

    @Test("bad input is an error, not a NaN")
    func errors() {
        #expect(throws: DecisionError.self) { try RankSimilarity.spearman([1, 2, 3], [1, 2]) }
        #expect(throws: DecisionError.self) { try RankSimilarity.kendallTau([1], [1]) }
        #expect(throws: DecisionError.self) { try RankSimilarity.ws(reference: [1, 2, 4], [1, 2, 3]) }   // rank > n
        #expect(throws: DecisionError.self) { try RankSimilarity.weightedSpearman([0.3, 0.9, 0.1], [1, 2, 3]) }  // scores, not ranks
        #expect(throws: DecisionError.self) { try RankSimilarity.spearman([1, 2, .nan], [1, 2, 3]) }
        // All tied in one ranking: rs and τ-b are 0/0.
        #expect(throws: DecisionError.self) { try RankSimilarity.spearman([2, 2, 2], [1, 2, 3]) }
        #expect(throws: DecisionError.self) { try RankSimilarity.kendallTau([1, 2, 3], [2, 2, 2]) }
    }
}
