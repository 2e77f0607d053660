import Foundation
import Testing
import Screening
@testable import ScreenCore
@testable import ScreenStore

/// Cost and supply-risk estimates of imported candidates, computed once per composition: the same
/// values, gaps and notices as `db build` computes for each candidate afresh.
@Suite("Values derived from compositions")
struct CompositionDerivedTests {
    @Test("the import's cost and supply-risk estimates and gaps are exactly db build's")
    func costsMatchDerivedCosts() throws {
        let elements = bundledDescriptors.appendingPathComponent("elements")
        let data = try ElementData(folder: elements)
        let formulas = ["NaF", "Na3P", "Na2CO3·10H2O", "Na0.67Ni0.33Mn0.67O2", "Sn4Na15", "NaXeF7", "Og"]
        // Each composition twice (the second time from the estimator's memory of it), the second
        // time also spelt another way: the conditions name the formula as written.
        let spelt = formulas + formulas + ["FNa", "PNa3", "Na15Sn4"]
        var set = DescriptorSet()
        for (i, f) in spelt.enumerated() {
            set.candidates.append(Candidate(id: "c\(i)", name: f, formula: f, category: .computed, note: nil, origin: "x:\(i)"))
        }
        let reference = try DerivedFromComposition.derive(for: set, elementsFolder: elements)
        // Computed afresh for every candidate (no composition remembered): the same values and gaps.
        var fresh: [ScreenCore.Measurement] = [], freshGaps: [DerivationGap] = []
        for c in set.candidates {
            var one = DescriptorSet()
            one.candidates = [c]
            let outcome = try DerivedFromComposition.derive(for: one, elementsFolder: elements)
            fresh += outcome.measurements
            freshGaps += outcome.gaps
        }
        #expect(reference.measurements == fresh)
        #expect(reference.gaps == freshGaps)
        // The import's path: one candidate at a time, nothing kept, the notices gathered gap by gap.
        var estimator = DerivedFromComposition.Estimator(data: data, elementsFolder: elements)
        var streamed: [ScreenCore.Measurement] = [], gaps: [DerivationGap] = [], summary = DerivedFromComposition.GapSummary()
        for c in set.candidates {
            for value in estimator.derive(candidate: c.id, formula: c.formula!, composition: try ChemicalFormula(c.formula!)) {
                switch value {
                case .measurement(let m): streamed.append(m)
                case .gap(let g): gaps.append(g); summary.add(g)
                }
            }
        }
        #expect(reference.measurements.filter { $0.property == "cost" }.count >= 8)
        #expect(reference.measurements.filter { $0.property == "supply_risk_hhi" }.count >= 8)
        #expect(streamed == reference.measurements)
        #expect(gaps == reference.gaps)
        #expect(estimator.setupNotices + summary.notices == reference.notices)
        #expect(reference.measurements.contains { $0.candidate == "c14" && $0.property == "cost" && $0.conditions!.hasPrefix("derived from FNa: ") })
        // The hydrate has H: neither a price nor an HHI; Og has neither either.
        #expect(reference.gaps.contains(DerivationGap(candidate: "c2", property: "cost", missing: ["H"],
                                                      reason: "no element price for H in \(displayPath(elements.appendingPathComponent("element-costs.csv")))")))
        #expect(reference.gaps.contains { $0.candidate == "c2" && $0.property == "supply_risk_hhi" && $0.missing == ["H"] })
        // formatForDisplay's C-library %g, against Foundation's String(format:) over many magnitudes.
        var x = 1e-7
        while x < 1e7 {
            for v in [x, x * 1.23456789, x * 9.99951, x * 0.5] { for digits in [4, 6] {
                var expected = String(format: "%.\(digits)g", v)
                if expected.contains("."), !expected.contains("e") {
                    while expected.hasSuffix("0") { expected.removeLast() }
                    if expected.hasSuffix(".") { expected.removeLast() }
                }
                if v == v.rounded() { expected = String(Int64(v)) }
                #expect(formatForDisplay(v, significant: digits) == expected, "\(v)")
            } }
            x *= 3.7
        }
    }
}
