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

@Suite("Value uncertainty samples")
struct ValueUncertaintyTests {
    @Test("a ± becomes a normal, several measurements an equal choice, a bare value stays fixed, bounds hold")
    func samples() throws {
        let candidates = candidateHeader + "A,A,,sei_inorganic,\nB,B,,sei_inorganic,\nC,C,,sei_inorganic,\n"
        let m = measurementHeader + """
            A,shear_modulus,10,2,,,,GPa,DFT,,,[t],,
            B,shear_modulus,20,,,,,GPa,DFT,,,[t],,
            B,shear_modulus,30,,,,,GPa,DFT,,,[t2],,
            C,shear_modulus,1,3,,,,GPa,DFT,,,[t],,
            A,band_gap,5,,,,,eV,exp,,,[t],,
            B,band_gap,4,,,,,eV,exp,,,[t],,
            C,band_gap,3,,,,,eV,exp,,,[t],,

            """
        let folder = try makeDescriptorFolder(candidates: candidates, measurements: m)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try DescriptorStore.build(from: folder, to: folder.appendingPathComponent("db.sqlite").path)
        let profile = try ProfileLoader.load(yaml: """
            name: u
            method: wsm
            criteria:
              - {property: shear_modulus, goal: max, weight: 0.5}
              - {property: band_gap, goal: max, weight: 0.5}
            """, file: "u.yaml")
        let result = try ProfileScreening.run(profile, store: store)
        #expect(ValueUncertainty.isUncertain(result))
        let n = 20_000
        let s = ValueUncertainty.samples(result, count: n, seed: 7)
        let a = result.matrix.alternatives.firstIndex(of: "A")!, b = result.matrix.alternatives.firstIndex(of: "B")!
        let c = result.matrix.alternatives.firstIndex(of: "C")!
        let aG = s.map { $0[a][0] }
        let mean = aG.reduce(0, +) / Double(n)
        let sd = (aG.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)).squareRoot()
        #expect(abs(mean - 10) < 4 * 2 / Double(n).squareRoot())     // 4 standard errors of the mean
        #expect(abs(sd - 2) < 0.05)
        let bG = Set(s.map { $0[b][0] })
        #expect(bG == [20, 30])
        let share30 = Double(s.filter { $0[b][0] == 30 }.count) / Double(n)
        #expect(abs(share30 - 0.5) < 4 * (0.25 / Double(n)).squareRoot())
        #expect(Set(s.map { $0[a][1] }) == [5])
        // C: 1 ± 3 GPa would go negative a third of the time; shear moduli cannot, so every draw is ≥ 0.
        #expect(s.allSatisfy { $0[c][0] >= 0 })
        // Same seed, same samples.
        #expect(ValueUncertainty.samples(result, count: 10, seed: 7) == Array(s.prefix(10)))
    }
}
