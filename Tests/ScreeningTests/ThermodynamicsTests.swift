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

/// The thermodynamics stage against pymatgen 2026.10 (PhaseDiagram, get_element_profile,
/// InterfacialReactivity) run on the same formation energies
/// (Descriptors/computed/mp-formation-energies.csv) in a throwaway virtual environment; the
/// script and the JSON it wrote are in Fixtures/stability/. Tolerances: 1e-6 eV/atom for
/// energies, 1e-4 V for voltages, the same phases by composition.
@Suite("Convex hulls and stability against sodium")
struct ThermodynamicsTests {
    static let fixtures = packageRoot.appendingPathComponent("Tests/ScreeningTests/Fixtures/stability")

    /// Every row of the bundled file as an entry `row-N` (N = 1-based data row), read here with a
    /// plain split: the file has two unquoted columns. Each test builds its own `PhaseSpace` (it
    /// owns GLPK problems, which stay on one thread).
    static let entries: Result<[PhaseEntry], any Error> = Result {
        let url = bundledDescriptors.appendingPathComponent("computed/mp-formation-energies.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        var entries: [PhaseEntry] = []
        for (i, line) in lines.enumerated() {
            let cells = line.split(separator: ",")
            entries.append(PhaseEntry(id: "row-\(i + 1)", formula: try ChemicalFormula(String(cells[0])),
                                      formationEnergyPerAtom: Double(cells[1])!))
        }
        return entries
    }

    static func space() throws -> PhaseSpace { try PhaseSpace(entries: try entries.get()) }

    static func reference(_ name: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(name))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return json["entries"] as! [[String: Any]]
    }

    /// Atomic fractions of a formula as pymatgen writes it (nested parentheses allowed), as
    /// `El:fraction` pairs in element order, rounded to 1e-9: one key per composition.
    static func composition(_ formula: String) throws -> String {
        let f = try ChemicalFormula(formula)
        return f.atomicFractions.sorted { $0.key < $1.key }
            .map { "\($0.key):\(($0.value * 1e9).rounded() / 1e9)" }.joined(separator: " ")
    }

    static func phases(_ formulas: [String]) throws -> [String] {
        try formulas.map(composition).sorted()
    }

    /// Compares one pymatgen entry with our report; returns the differences found.
    static func differences(_ ref: [String: Any], _ ours: StabilityReport) throws -> [String] {
        var problems: [String] = []
        let name = ref["formula"] as! String
        func check(_ ok: Bool, _ what: String) { if !ok { problems.append("\(name): \(what)") } }
        check(ours.entry == ref["entry"] as? String, "entry \(ours.entry ?? "nil") vs \(ref["entry"]!)")
        let eHull = ref["e_above_hull"] as! Double
        check(abs(ours.energyAboveHull! - eHull) < 1e-6, "e_above_hull \(ours.energyAboveHull!) vs \(eHull)")
        check(ours.isStable == (ref["on_hull"] as! Bool), "on hull")
        let refDecomposition = ref["decomposition"] as! [[String: Any]]
        check(try phases(ours.decomposition.map(\.formula)) == phases(refDecomposition.map { $0["formula"] as! String }),
              "decomposition \(ours.decomposition) vs \(refDecomposition)")
        for part in refDecomposition {
            let c = try composition(part["formula"] as! String)
            let mine = try ours.decomposition.first { try composition($0.formula) == c }
            check(mine.map { abs($0.fraction - (part["fraction"] as! Double)) < 1e-6 } ?? false, "fraction of \(part["formula"]!)")
        }
        let steps = ref["element_profile"] as! [[String: Any]]
        check(steps.count == ours.profile.steps.count, "profile has \(ours.profile.steps.count) steps, pymatgen \(steps.count)")
        // pymatgen normalises the evolution to its own formula unit (Na2O2, not NaO).
        let scale = try ChemicalFormula(name).totalAmount / (try ChemicalFormula(ours.formula).totalAmount)
        for (mine, theirs) in zip(ours.profile.steps, steps) {
            check(abs(mine.voltage - (theirs["voltage"] as! Double)) < 1e-4, "step voltage \(mine.voltage) vs \(theirs["voltage"]!)")
            check(abs(mine.evolution * scale - (theirs["evolution"] as! Double)) < 1e-6, "step evolution")
            check(try phases(mine.products) == phases(theirs["products"] as! [String]), "step products \(mine.products) vs \(theirs["products"]!)")
        }
        if let window = ref["stability_window"] as? [String: Any] {
            check(ours.profile.window != nil, "window missing")
            if let w = ours.profile.window {
                check(abs(w.low - (window["low"] as! Double)) < 1e-4, "window low \(w.low)")
                if let high = window["high"] as? Double {
                    check(w.high.map { abs($0 - high) < 1e-4 } ?? false, "window high \(String(describing: w.high)) vs \(high)")
                } else {
                    check(w.high == nil, "window high should be open")
                }
            }
        } else {
            check(ours.profile.window == nil, "window should be null")
        }
        check(try phases(ours.profile.productsAtMetal) == phases(ref["products_at_open_element"] as! [String]), "products at Na")
        // The reduction onset, against pymatgen's profile read the same way, and — independently —
        // zero exactly when pymatgen's InterfacialReactivity on the hull energy finds no reaction.
        let onset = ref["reduction_onset"] as! Double, hullReaction = ref["hull_reaction_energy_with_open_element"] as! Double
        check(abs(ours.profile.reductionOnset - onset) < 1e-4, "reduction onset \(ours.profile.reductionOnset) vs \(onset)")
        check((ours.profile.reductionOnset == 0) == (hullReaction > -1e-6),
              "reduction onset \(ours.profile.reductionOnset) but pymatgen's reaction of the hull phases \(hullReaction)")
        if let w = ours.profile.window { check(ours.profile.reductionOnset == w.low, "onset is not the window's low end") }
        let reaction = ref["reaction_energy_with_open_element"] as! Double
        check(abs(ours.reaction.energy - reaction) < 1e-6, "reaction energy \(ours.reaction.energy) vs \(reaction)")
        if reaction < -1e-6 {
            check(try phases(ours.reaction.products) == phases(ref["reaction_products"] as! [String]), "reaction products")
            check(abs(ours.reaction.mixingRatio - (ref["reaction_mixing_ratio"] as! Double)) < 1e-6, "mixing ratio")
        }
        return problems
    }

    @Test("47 chosen compositions agree with pymatgen in every field")
    func chosenCompositions() throws {
        let space = try Self.space()
        let references = try Self.reference("pymatgen-selected.json")
        #expect(references.count == 47)
        var problems: [String] = []
        for ref in references {
            let name = ref["formula"] as! String
            problems += try Self.differences(ref, try space.report(for: try ChemicalFormula(name)))
        }
        #expect(problems.isEmpty, "\(problems.prefix(10))")
    }

    @Test("400 sodium compositions drawn at random agree with pymatgen")
    func sodiumSample() throws {
        let space = try Self.space()
        let references = try Self.reference("pymatgen-sodium-sample.json")
        #expect(references.count == 400)
        var problems: [String] = []
        for ref in references {
            problems += try Self.differences(ref, try space.report(for: try ChemicalFormula(ref["formula"] as! String)))
        }
        #expect(problems.isEmpty, "\(problems.prefix(10))")
    }

    @Test("Printed formulas are spelt as pymatgen spells them, except its special cases")
    func spellings() throws {
        let space = try Self.space()
        var problems: [String] = [], compared = 0
        for ref in try Self.reference("pymatgen-selected.json") + Self.reference("pymatgen-sodium-sample.json") {
            let ours = try space.report(for: try ChemicalFormula(ref["formula"] as! String))
            let steps = ref["element_profile"] as! [[String: Any]]
            var pairs: [([String], [String])] = [
                ([ours.formula], [ref["formula"] as! String]),
                (ours.decomposition.map(\.formula), (ref["decomposition"] as! [[String: Any]]).map { $0["formula"] as! String }),
                (ours.profile.productsAtMetal, ref["products_at_open_element"] as! [String]),
            ]
            pairs += zip(ours.profile.steps, steps).map { ($0.products, $1["products"] as! [String]) }
            if (ref["reaction_energy_with_open_element"] as! Double) < -1e-6 {
                pairs.append((ours.reaction.products, ref["reaction_products"] as! [String]))
            }
            for (mine, theirs) in pairs {
                // Not reproduced: polyanions in parentheses, and the formulas pymatgen keeps
                // unreduced (ours NaO is its Na2O2).
                guard !theirs.contains(where: { $0.contains("(") }) else { continue }
                compared += theirs.count
                let mapped = mine.map { FormulaConventions.pymatgenUnreducedFormulas[$0] ?? $0 }.sorted()
                if mapped != theirs.sorted() { problems.append("\(ref["formula"]!): \(mine) vs \(theirs)") }
            }
        }
        #expect(compared > 1000)
        #expect(problems.isEmpty, "\(problems.prefix(10))")
    }

    @Test("The compounds a coating screen cares about, value by value")
    func namedValues() throws {
        let space = try Self.space()
        // Values from Fixtures/stability/pymatgen-selected.json (pymatgen), rounded as printed there.
        let naf = try space.report(for: ChemicalFormula("NaF"))
        #expect(naf.isStable && naf.energyAboveHull == 0)
        #expect(naf.profile.window!.low == 0)
        #expect(abs(naf.profile.window!.high! - 5.91579464119) < 1e-9)
        #expect(naf.reaction.energy == 0 && naf.reaction.products.isEmpty)

        // Al2O3 is reduced by sodium below 0.381 V: Al2O3 + Na → NaAlO2 + Al.
        let alumina = try space.report(for: ChemicalFormula("Al2O3"))
        #expect(abs(alumina.profile.window!.low - 0.38119585833334285) < 1e-9)
        #expect(alumina.profile.window!.high == nil)
        #expect(abs(alumina.reaction.energy - -0.07488720826923112) < 1e-9)
        #expect(alumina.reaction.products.count == 2)
        #expect(abs(alumina.reaction.mixingRatio - 10.0 / 13.0) < 1e-9)

        let sulfate = try space.report(for: ChemicalFormula("Na2SO4"))
        #expect(abs(sulfate.profile.window!.low - 0.8066856450000077) < 1e-9)
        #expect(abs(sulfate.profile.window!.high! - 4.169408273124995) < 1e-9)
        #expect(abs(sulfate.reaction.energy - -0.33828964800000016) < 1e-9)

        let tetrafluoroborate = try space.report(for: ChemicalFormula("NaBF4"))
        #expect(abs(tetrafluoroborate.profile.window!.low - 1.3811766177777764) < 1e-9)

        // Off the hull: 4 NaClO3 → 3 NaClO4 + NaCl.
        let chlorate = try space.report(for: ChemicalFormula("NaClO3"))
        #expect(!chlorate.isStable && chlorate.profile.window == nil)
        #expect(abs(chlorate.energyAboveHull! - 0.005435713999999425) < 1e-9)
        #expect(abs(chlorate.reaction.energy - -1.0214942379545455) < 1e-9)
        #expect(abs(chlorate.profile.reductionOnset - 1.9947356841666664) < 1e-9)

        // Reduced only slightly, yet reduced: Na3VO4 + Na → Na4VO4 below 0.172 V (−0.019 eV/atom).
        let vanadate = try space.report(for: ChemicalFormula("Na3VO4"))
        #expect(abs(vanadate.profile.reductionOnset - 0.17158956999999708) < 1e-9)
        #expect(vanadate.profile.productsAtMetal == ["Na4VO4"])
        // Off the hull, its phases inert: KNaCl2 → KCl + NaCl, which coexist with Na metal (onset 0),
        // although its reaction energy (decomposing on its own) is −0.0186 eV/atom.
        let mixedChloride = try space.report(for: ChemicalFormula("KNaCl2"))
        #expect(!mixedChloride.isStable && mixedChloride.profile.reductionOnset == 0)
        #expect(abs(mixedChloride.reaction.energy - -0.01858618000000023) < 1e-9)
        // Off the hull, its phases reduced: NaCa4(BO3)3 takes up Na below 0.0738 V (to CaB6, CaO, NaCaBO3).
        let borate = try space.report(for: ChemicalFormula("NaCa4B3O9"))
        #expect(!borate.isStable && abs(borate.profile.reductionOnset - 0.0738374937499976) < 1e-9)
    }

    @Test("The reduction onset is read off the profile's steps: the first one from the metal that takes up no sodium")
    func reductionOnsetOfSteps() {
        func step(_ v: Double, _ n: Double) -> ElementProfileStep { ElementProfileStep(voltage: v, evolution: n, products: []) }
        #expect(OpenElementProfile.reductionOnset(of: []) == 0)
        // Inert to the metal: the first step holds no more sodium than the composition.
        #expect(OpenElementProfile.reductionOnset(of: [step(0, 0), step(1.7, -1)]) == 0)
        #expect(OpenElementProfile.reductionOnset(of: [step(0, 1e-9), step(1.7, -1)]) == 0)
        // Reduced: two steps take up sodium, the third is the composition's own phases.
        #expect(OpenElementProfile.reductionOnset(of: [step(0, 3), step(0.2, 1), step(0.8, 0), step(4, -2)]) == 0.8)
        // Off the hull between two kinks: the evolution jumps from taking up to giving off sodium.
        #expect(OpenElementProfile.reductionOnset(of: [step(0, 0.5), step(0.07, -0.5)]) == 0.07)
    }

    @Test("A three-phase system worked by hand")
    func handWorkedSystem() throws {
        // Na (0), F (0), NaF (−3 eV/atom), NaF2 (−1.5 eV/atom). The hull at NaF2 (x_F = 2/3) lies on
        // the NaF–F tie line: 2/3·(−3) = −2 eV/atom, so NaF2 is 0.5 eV/atom above it and decomposes
        // into 2/3 NaF + 1/3 F. NaF is stable from 0 V to 2·3 = 6 V. Mixing NaF2 with Na:
        // E(x) = −2.5x for x ≤ 3/4 and −6 + 5.5x above, so the minimum is −1.875 eV/atom at x = 3/4, forming NaF.
        let entries = [("Na", 0.0), ("F2", 0.0), ("NaF", -3.0), ("NaF2", -1.5)].enumerated().map {
            PhaseEntry(id: "e\($0.offset)", formula: try! ChemicalFormula($0.element.0), formationEnergyPerAtom: $0.element.1)
        }
        let space = try PhaseSpace(entries: entries)
        let naf2 = try space.report(for: ChemicalFormula("NaF2"))
        #expect(abs(naf2.energyAboveHull! - 0.5) < 1e-12)
        #expect(naf2.decomposition.map(\.formula) == ["F", "NaF"])   // pymatgen writes F2 (a special case not reproduced)
        #expect(abs(naf2.decomposition[0].fraction - 1.0 / 3) < 1e-12)
        #expect(abs(naf2.reaction.energy - -1.875) < 1e-12)
        #expect(abs(naf2.reaction.mixingRatio - 0.75) < 1e-12)
        #expect(naf2.reaction.products == ["NaF"])
        #expect(naf2.profile.steps.map(\.products) == [["NaF"], ["F"]])
        #expect(naf2.profile.steps.map(\.evolution) == [1, -1])
        let naf = try space.report(for: ChemicalFormula("NaF"))
        #expect(naf.profile.window!.low == 0)
        #expect(abs(naf.profile.window!.high! - 6) < 1e-12)
    }

    @Test("A formula outside the data is a clear error naming the formula and the element")
    func unknownElements() throws {
        let space = try Self.space()
        #expect {
            try space.report(for: ChemicalFormula("NaXe"))
        } throws: { error in
            let text = "\(error)"
            return text.contains("NaXe") && text.contains("Xe")
        }
        // An element with compounds but no elemental entry has no reference state.
        let partial = try PhaseSpace(entries: [
            PhaseEntry(id: "a", formula: try ChemicalFormula("Na"), formationEnergyPerAtom: 0),
            PhaseEntry(id: "b", formula: try ChemicalFormula("NaF"), formationEnergyPerAtom: -3),
        ])
        #expect {
            try partial.report(for: ChemicalFormula("NaF"))
        } throws: { error in
            let text = "\(error)"
            return text.contains("NaF") && text.contains("elemental F")
        }
        #expect(throws: ThermodynamicsError.self) { try space.report(for: ChemicalFormula("Na")) }
    }
}
