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

@Suite("Pareto dominance, non-dominated sorting and crowding distance")
struct ParetoTests {
    /// Two criteria, conductivity (max) and cost (min):
    ///
    ///     cost (min)
    ///      6 | G
    ///      5 |   E
    ///      4 |           C
    ///      3 |       D
    ///      2 |
    ///      1 |     B   A=F
    ///        +-------------- conductivity (max)
    ///          1 2 3 4 5 6
    ///
    /// A and F are the same point (duplicates: neither dominates the other). A/F and C are
    /// the trade-off (front 1); B and D are beaten only by A/F (front 2); E is beaten by B
    /// and D (front 3); G only by E and above (front 4).
    static let drawn = try! DecisionMatrix(
        alternatives: ["A", "B", "C", "D", "E", "F", "G"],
        criteria: ["conductivity", "cost"],
        values: [[5, 1], [3, 1], [6, 4], [4, 3], [2, 5], [5, 1], [1, 6]],
        types: [.max, .min])

    @Test("a 2-criteria example that can be drawn, with duplicates")
    func drawnExample() {
        #expect(Pareto.fronts(Self.drawn) == [1, 2, 1, 2, 3, 1, 4])
        #expect(!Pareto.dominates(0, 5, in: Self.drawn) && !Pareto.dominates(5, 0, in: Self.drawn))
        #expect(Pareto.dominates(0, 1, in: Self.drawn))   // same cost, better conductivity
        #expect(!Pareto.dominates(0, 2, in: Self.drawn) && !Pareto.dominates(2, 0, in: Self.drawn))
    }

    @Test("the criterion type decides the direction")
    func mixedTypes() throws {
        let values: [[Double]] = [[1, 1], [2, 2], [3, 3]]
        func fronts(_ types: [CriterionType]) throws -> [Int] {
            try Pareto.fronts(DecisionMatrix(alternatives: ["x", "y", "z"], criteria: ["a", "b"], values: values, types: types))
        }
        #expect(try fronts([.max, .max]) == [3, 2, 1])   // z best on both
        #expect(try fronts([.min, .min]) == [1, 2, 3])   // x best on both
        #expect(try fronts([.max, .min]) == [1, 1, 1])   // every step trades one for the other
        // Three criteria, mixed: ionic conductivity (max), band gap (max), cost (min).
        let m = try DecisionMatrix(
            alternatives: ["p", "q", "r", "s"],
            criteria: ["sigma", "gap", "cost"],
            values: [[1e-9, 6.0, 2], [1e-4, 1.0, 5], [1e-9, 4.0, 2], [1e-10, 3.0, 3]],
            types: [.max, .max, .min])
        // Made-up values. p beats r (same σ and cost, wider gap) and s (better on all three);
        // q trades conductivity for gap and cost; s is also beaten by r.
        #expect(Pareto.fronts(m) == [1, 1, 2, 3])
    }

    @Test("equal rows share a front; a single row is front 1; a chain gives 1…n")
    func edgeCases() throws {
        let equal = try DecisionMatrix(alternatives: ["a", "b", "c"], criteria: ["x"], values: [[2], [2], [2]], types: [.min])
        #expect(Pareto.fronts(equal) == [1, 1, 1])
        #expect(Pareto.crowdingDistances(equal) == [0, 0, 0])
        let single = try DecisionMatrix(alternatives: ["a"], criteria: ["x", "y"], values: [[1, 2]], types: [.max, .min])
        #expect(Pareto.fronts(single) == [1])
        #expect(Pareto.crowdingDistances(single) == [.infinity])
        let chain = try DecisionMatrix(alternatives: ["a", "b", "c", "d"], criteria: ["x", "y"],
                                       values: [[3, 3], [1, 1], [4, 4], [2, 2]], types: [.max, .max])
        #expect(Pareto.fronts(chain) == [2, 4, 1, 3])
    }

    /// One front of five trade-offs (both criteria max) plus a duplicate of (4, 7), and a
    /// second front of two. Ranges in front 1: 10 − 1 = 9 on both criteria.
    ///   (1,10), (10,1): boundaries → ∞
    ///   (2,8):  (4 − 1)/9 + (10 − 7)/9 = 6/9
    ///   (4,7):  (7 − 2)/9 + (8 − 3)/9 = 10/9  (and its duplicate: the same)
    ///   (7,3):  (10 − 4)/9 + (7 − 1)/9 = 12/9
    ///   front 2 has two members → ∞ each
    @Test("crowding distance by hand, with a duplicate and a two-member front")
    func crowding() throws {
        let m = try DecisionMatrix(
            alternatives: ["p1", "p2", "p3", "p4", "p5", "dup", "q1", "q2"],
            criteria: ["u", "v"],
            values: [[1, 10], [2, 8], [4, 7], [7, 3], [10, 1], [4, 7], [1, 6], [3, 2]],
            types: [.max, .max])
        let fronts = Pareto.fronts(m)
        #expect(fronts == [1, 1, 1, 1, 1, 1, 2, 2])
        let d = Pareto.crowdingDistances(m, fronts: fronts)
        let expected: [Double] = [.infinity, 6.0 / 9, 10.0 / 9, 12.0 / 9, .infinity, 10.0 / 9, .infinity, .infinity]
        for (got, want) in zip(d, expected) {
            if want.isInfinite { #expect(got == want) } else { #expect(abs(got - want) <= 1e-15) }
        }
    }

    /// Random small matrices with few distinct values (many ties and duplicates), seeded.
    /// Checks the two defining properties of the fronts, agreement with a naive "peel off
    /// the non-dominated set" sort, and that shuffling the rows moves the fronts with them.
    @Test("property: fronts are consistent with dominance (seeded random matrices)")
    func frontProperties() throws {
        let rng = RandomGenerator(seed: 2026)
        func integer(_ upTo: Int) -> Int { Int(rng.uniform() * Double(upTo)) }  // 0..<upTo
        for trial in 0..<300 {
            let n = 1 + integer(25), m = 1 + integer(4)
            let values = (0..<n).map { _ in (0..<m).map { _ in Double(integer(5)) } }
            let types = (0..<m).map { _ in rng.uniform() < 0.5 ? CriterionType.max : .min }
            let matrix = try DecisionMatrix(alternatives: (0..<n).map { "a\($0)" }, criteria: (0..<m).map { "c\($0)" },
                                            values: values, types: types)
            let f = Pareto.fronts(matrix)
            for q in 0..<n {
                for p in 0..<n where Pareto.dominates(p, q, in: matrix) {
                    #expect(f[p] < f[q], "trial \(trial): \(p) in front \(f[p]) dominates \(q) in front \(f[q])")
                }
                if f[q] > 1 {
                    #expect((0..<n).contains { f[$0] == f[q] - 1 && Pareto.dominates($0, q, in: matrix) },
                            "trial \(trial): \(q) in front \(f[q]) has no dominator in front \(f[q] - 1)")
                }
            }
            #expect(f == naiveFronts(matrix), "trial \(trial)")
            // Reverse the rows: fronts must follow.
            let reversed = try DecisionMatrix(alternatives: matrix.alternatives.reversed(), criteria: matrix.criteria,
                                              values: values.reversed(), types: types)
            #expect(Pareto.fronts(reversed) == f.reversed(), "trial \(trial)")
            #expect(Pareto.crowdingDistances(reversed) == Pareto.crowdingDistances(matrix).reversed(), "trial \(trial)")
        }
    }

    /// Repeatedly removes the non-dominated set: O(n³) but obviously correct.
    private func naiveFronts(_ m: DecisionMatrix) -> [Int] {
        var front = [Int](repeating: 0, count: m.rowCount)
        var left = Set(0..<m.rowCount)
        var k = 1
        while !left.isEmpty {
            let top = left.filter { q in !left.contains { Pareto.dominates($0, q, in: m) } }
            for q in top { front[q] = k }
            left.subtract(top)
            k += 1
        }
        return front
    }
}
