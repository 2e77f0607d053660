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

@Suite("Consensus rankings: Borda and Copeland")
struct ConsensusTests {
    /// Four alternatives A, B, C, D ranked by three methods (smaller = better):
    ///
    ///     R1: A 1, B 2, C 3, D 4
    ///     R2: B 1, A 2, D 3, C 4
    ///     R3: C 1, A 2, B 2, D 4     (A and B tied)
    static let rankings: [[Double]] = [[1, 2, 3, 4], [2, 1, 4, 3], [2, 2, 1, 4]]

    /// Borda, n = 4, points = #worse + ½ #tied others (= n − rank without ties):
    ///
    ///         R1   R2   R3                      total
    ///     A   3    2    1 + ½·1 = 1.5           6.5
    ///     B   2    3    1 + ½·1 = 1.5           6.5
    ///     C   1    0    3                       4
    ///     D   0    1    0                       1
    ///
    /// Check: each ranking hands out 3 + 2 + 1 + 0 = 6 points, 3 × 6 = 18 = 6.5 + 6.5 + 4 + 1.
    /// Ranks: A and B share rank 1, C 3, D 4.
    @Test("Borda count by hand, with a tie inside one ranking and in the result")
    func borda() throws {
        let r = try Consensus.borda(Self.rankings)
        #expect(r.scores == [6.5, 6.5, 4, 1])
        #expect(r.ranks == [1, 1, 3, 4])
    }

    /// Copeland, pair by pair (rankings preferring the first : the second):
    ///
    ///     A–B: R1 A, R2 B, R3 tie → 1 : 1 draw
    ///     A–C: R1 A, R2 A, R3 C   → 2 : 1 A wins
    ///     A–D: R1 A, R2 A, R3 A   → 3 : 0 A wins
    ///     B–C: R1 B, R2 B, R3 C   → 2 : 1 B wins
    ///     B–D: R1 B, R2 B, R3 B   → 3 : 0 B wins
    ///     C–D: R1 C, R2 D, R3 C   → 2 : 1 C wins
    ///
    /// wins − losses: A 2 − 0 = 2, B 2 − 0 = 2, C 1 − 2 = −1, D 0 − 3 = −3 → ranks 1, 1, 3, 4.
    @Test("Copeland by hand, with a drawn pair")
    func copeland() throws {
        let r = try Consensus.copeland(Self.rankings)
        #expect(r.scores == [2, 2, -1, -3])
        #expect(r.ranks == [1, 1, 3, 4])
    }

    /// Where they differ: R1 = R2 = (A, B, C), R3 = (B, C, A).
    ///   Borda: A 2 + 2 + 0 = 4, B 1 + 1 + 2 = 4, C 0 + 0 + 1 = 1 → A and B tie.
    ///   Copeland: A beats B 2 : 1 and C 2 : 1, B beats C 3 : 0 → A 2, B 0, C −2.
    /// One ranking putting A last costs it the Borda lead but not the majority.
    @Test("Borda and Copeland can disagree")
    func disagree() throws {
        let rankings: [[Double]] = [[1, 2, 3], [1, 2, 3], [3, 1, 2]]
        let b = try Consensus.borda(rankings), c = try Consensus.copeland(rankings)
        #expect(b.scores == [4, 4, 1] && b.ranks == [1, 1, 3])
        #expect(c.scores == [2, 0, -2] && c.ranks == [1, 2, 3])
    }

    @Test("the tie convention of the input does not matter")
    func tieConventions() throws {
        let competition: [[Double]] = [[1, 1, 3, 4], [4, 2, 2, 1]]
        let dense: [[Double]] = [[1, 1, 2, 3], [3, 2, 2, 1]]
        let average: [[Double]] = [[1.5, 1.5, 3, 4], [4, 2.5, 2.5, 1]]
        for method in [Consensus.borda, Consensus.copeland] {
            let expected = try method(competition)
            #expect(try method(dense) == expected)
            #expect(try method(average) == expected)
        }
        // Borda of one ranking with average ranks: points are exactly n − rank.
        #expect(try Consensus.borda([average[1]]).scores == average[1].map { 4 - $0 })
    }

    @Test("one ranking is its own consensus; bad input is an error")
    func edgeCases() throws {
        let one: [Double] = [3, 1, 2, 2, 5]
        #expect(try Consensus.borda([one]).ranks == [4, 1, 2, 2, 5])
        #expect(try Consensus.copeland([one]).ranks == [4, 1, 2, 2, 5])
        #expect(try Consensus.borda([[1]]) == ConsensusRanking(scores: [0], ranks: [1]))
        #expect(throws: DecisionError.self) { try Consensus.borda([]) }
        #expect(throws: DecisionError.self) { try Consensus.borda([[]]) }
        #expect(throws: DecisionError.self) { try Consensus.copeland([[1, 2], [1, 2, 3]]) }
        #expect(throws: DecisionError.self) { try Consensus.copeland([[1, .infinity]]) }
    }
}
