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

@Suite("Weight sweeps")
struct WeightSweepTests {
    /// A = (1, 0), B = (0, 1), C = (0.4, 0.4), both benefit, WSM without normalisation:
    /// sweeping criterion 1's weight t gives A = t, B = 1 − t, C = 0.4, so by hand
    /// A = C at t = 0.4, A = B at 0.5, B = C at 0.6.
    func matrix() throws -> DecisionMatrix {
        try DecisionMatrix(alternatives: ["A", "B", "C"], criteria: ["c1", "c2"], values: [[1, 0], [0, 1], [0.4, 0.4]], types: [.max, .max])
    }

    @Test("additive crossings equal the closed form")
    func exactCrossings() throws {
        let wsm = try RankingMethods.make(name: "wsm", normalization: Normalization.none)
        let r = try WeightSweep.run(matrix: matrix(), weights: [0.3, 0.7], method: wsm, topK: 2)
        #expect(r.exact)
        let s = try #require(r.sweeps.first)
        #expect(s.reversals.map(\.weight).map { ($0 * 1e12).rounded() / 1e12 } == [0.4, 0.5, 0.6])
        #expect(s.reversals.map(\.risingCandidate) == ["A", "A", "C"])
        #expect(s.reversals.map(\.overtaken) == ["C", "B", "B"])
        #expect(s.reversals.map(\.position) == [2, 1, 2])
        #expect(s.segments.map(\.top) == [["B", "C"], ["B", "A"], ["A", "B"], ["A", "C"]])
        // B is best at the base weight 0.3 and stays best up to the A = B crossing.
        #expect(r.baseTop == ["B", "C"])   // at t = 0.3: A 0.3, B 0.7, C 0.4
        #expect(s.stabilityLow == 0 && abs(s.stabilityHigh - 0.5) < 1e-12)
    }

    @Test("the other weights keep their proportions")
    func proportions() {
        let w = WeightSweep.weights([0.2, 0.3, 0.5], sweeping: 0, to: 0.6)
        #expect(abs(w[0] - 0.6) < 1e-15 && abs(w[1] - 0.4 * 0.375) < 1e-15 && abs(w[2] - 0.4 * 0.625) < 1e-15)
    }

    @Test("non-additive methods: bisected change points agree with a fine scan")
    func bisection() throws {
        let m = try DecisionMatrix(alternatives: ["a", "b", "c", "d"], criteria: ["x", "y", "z"],
                                   values: [[3, 7, 2], [5, 5, 4], [8, 2, 3], [4, 6, 9]], types: [.max, .max, .min])
        let topsis = try RankingMethods.make(name: "topsis")
        let r = try WeightSweep.run(matrix: m, weights: [0.4, 0.4, 0.2], method: topsis, topK: 1, tolerance: 1e-10)
        #expect(!r.exact)
        for (j, s) in r.sweeps.enumerated() {
            for rev in s.reversals {
                // Just below the reported weight the overtaken candidate leads, just above the rising one.
                let below = try topsis.ranks(m, weights: WeightSweep.weights([0.4, 0.4, 0.2], sweeping: j, to: rev.weight - 1e-8))
                let above = try topsis.ranks(m, weights: WeightSweep.weights([0.4, 0.4, 0.2], sweeping: j, to: rev.weight + 1e-8))
                let rising = m.alternatives.firstIndex(of: rev.risingCandidate)!, overtaken = m.alternatives.firstIndex(of: rev.overtaken)!
                #expect(below[overtaken] == 1 && above[rising] == 1, "\(s.criterion) at \(rev.weight)")
            }
            // A fine scan finds as many changes of the leader as the sweep reports.
            var changes = 0
            var leader = -1
            for step in 0...20_000 {
                let ranks = try topsis.ranks(m, weights: WeightSweep.weights([0.4, 0.4, 0.2], sweeping: j, to: Double(step) / 20_000))
                let now = ranks.firstIndex(of: 1)!
                if leader >= 0 && now != leader { changes += 1 }
                leader = now
            }
            #expect(s.reversals.count == changes, "\(s.criterion)")
        }
    }
}
