import Foundation
import Testing
import Screening
@testable import ScreenCore
@testable import ScreenStore

/// Cost and supply-risk estimates, stored once per reduced composition (schema 11): the import's
/// estimator (one candidate at a time, each composition computed once, stored compositions skipped)
/// gives exactly the values, gaps and notices `db build` gives, and a composition written another
/// way (FNa, Na2F2) is the same composition with the same value.
@Suite("Values derived from compositions")
struct CompositionDerivedTests {
    @Test("the import's cost and supply-risk estimates and gaps are exactly db build's, once per composition")
    func costsMatchDerivedCosts() throws {
        let elements = bundledDescriptors.appendingPathComponent("elements")
        let data = try ElementData(folder: elements)
        let formulas = ["NaF", "Na3P", "Na2CO3·10H2O", "Na0.67Ni0.33Mn0.67O2", "Sn4Na15", "NaXeF7", "Og"]
        // Each composition twice, and also spelt other ways (other order, another formula unit).
        let spelt = formulas + formulas + ["FNa", "PNa3", "Na15Sn4", "Na2F2"]
        var set = DescriptorSet()
        for (i, f) in spelt.enumerated() {
            set.candidates.append(Candidate(id: "c\(i)", name: f, formula: f, category: .computed, note: nil, origin: "x:\(i)"))
        }
        let reference = try DerivedFromComposition.derive(for: set, elementsFolder: elements)
        // One value per composition and property: NaF, Na3P, Na15Sn4 and the Ni–Mn oxide have a
        // price and an HHI for every element; the hydrate (H), NaXeF7 (Xe) and Og lack some.
        let keys = Set(reference.values.map(\.reducedFormula))
        #expect(reference.values.count == Set(reference.values.map { "\($0.reducedFormula) \($0.property)" }).count)
        #expect(keys.isSuperset(of: ["FNa", "Na3P", "Na15Sn4", "Mn0.67Na0.67Ni0.33O2"]))
        #expect(reference.values.filter { $0.property == "cost" }.count >= 4)
        // Computed afresh for every candidate (no composition remembered): the same values and gaps.
        var fresh: [CompositionValue] = [], freshGaps: [DerivationGap] = []
        for c in set.candidates {
            var one = DescriptorSet()
            one.candidates = [c]
            let outcome = try DerivedFromComposition.derive(for: one, elementsFolder: elements)
            fresh += outcome.values.filter { v in !fresh.contains { $0.reducedFormula == v.reducedFormula && $0.property == v.property } }
            freshGaps += outcome.gaps
        }
        #expect(reference.values == fresh)
        #expect(reference.gaps == freshGaps)
        // The import's path: one candidate at a time, nothing kept, the notices gathered gap by gap.
        var estimator = DerivedFromComposition.Estimator(data: data, elementsFolder: elements)
        var streamed: [CompositionValue] = [], gaps: [DerivationGap] = [], summary = DerivedFromComposition.GapSummary()
        for c in set.candidates {
            let formula = try ChemicalFormula(c.formula!)
            for value in estimator.derive(candidate: c.id, reducedKey: formula.reducedKey, composition: { formula }) {
                switch value {
                case .composition(let v): streamed.append(v)  // each composition's values once
                case .gap(let g): gaps.append(g); summary.add(g)
                }
            }
        }
        #expect(streamed == reference.values)
        #expect(gaps == reference.gaps)
        #expect(estimator.setupNotices + summary.notices == reference.notices)
        // The conditions name the composition as a chemist writes it, whatever the spelling.
        let naf = try #require(reference.values.first { $0.reducedFormula == "FNa" && $0.property == "cost" })
        #expect(naf.conditions.hasPrefix("derived from NaF: "), "\(naf.conditions)")
        // Every candidate of a composition lacking data records its own gap, each spelling included.
        #expect(reference.gaps.contains(DerivationGap(candidate: "c2", property: "cost", missing: ["H"],
                                                      reason: "no element price for H in \(displayPath(elements.appendingPathComponent("element-costs.csv")))")))
        #expect(reference.gaps.contains { $0.candidate == "c9" && $0.property == "cost" && $0.missing == ["H"] })
        #expect(reference.gaps.contains { $0.candidate == "c2" && $0.property == "supply_risk_hhi" && $0.missing == ["H"] })
        // A composition already stored is neither computed nor returned again; its gaps stay.
        var skipping = DerivedFromComposition.Estimator(data: data, elementsFolder: elements)
        skipping.skipping(stored: ["cost": ["FNa"], "supply_risk_hhi": ["FNa"]])
        let naF = try ChemicalFormula("NaF")
        #expect(skipping.derive(candidate: "z", reducedKey: "FNa", composition: { Issue.record("parsed a stored composition"); return naF }).isEmpty)
        let hydrate = try ChemicalFormula("Na2CO3·10H2O")
        #expect(skipping.derive(candidate: "h", reducedKey: hydrate.reducedKey, composition: { hydrate }).count == 2)
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
