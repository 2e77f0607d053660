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

/// `ChemicalFormula.conventionalFormula` against pymatgen: the compiled element order is
/// re-derived here from `Descriptors/elements/electronegativity.csv` (the script that wrote both
/// is `Descriptors/elements/make_electronegativity.py`), and the spellings are compared with
/// pymatgen's `Composition.reduced_formula` in `Fixtures/formula/pymatgen-reduced-formulas.csv`
/// (written by `pymatgen_reduced_formulas.py` beside it).
@Suite("Conventional formulas in pymatgen's order")
struct FormulaConventionTests {
    /// Rows of a small CSV without quoted cells, after the header; `#` lines are comments.
    static func rows(_ url: URL) throws -> [[String]] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
        return lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("the compiled order is the CSV's symbols sorted by X ascending, ties by symbol, no X last")
    func orderFromCSV() throws {
        let rows = try Self.rows(bundledDescriptors.appendingPathComponent("elements/electronegativity.csv"))
        #expect(rows.allSatisfy { $0.count == 2 })
        // One row per element, in order of atomic number.
        #expect(rows.map { $0[0] } == ChemicalElements.symbols)
        var x: [String: Double] = [:]
        for row in rows where !row[1].isEmpty {
            let value = Double(row[1])
            #expect(value != nil, "\(row)")
            x[row[0]] = value
        }
        #expect(x.count == 100)   // pymatgen has no X for He, Ne, Ar and Rf onwards (18 elements)
        #expect(x["Na"] == 0.93 && x["F"] == 3.98)
        let derived = ChemicalElements.symbols.sorted {
            (x[$0] ?? .infinity, $0) < (x[$1] ?? .infinity, $1)
        }
        #expect(FormulaConventions.electronegativityOrder == derived)
    }

    @Test("conventionalFormula equals pymatgen's reduced_formula except its listed special cases")
    func pymatgenSpellings() throws {
        let rows = try Self.rows(packageRoot.appendingPathComponent("Tests/ScreeningTests/Fixtures/formula/pymatgen-reduced-formulas.csv"))
        let exact = rows.filter { $0[2].isEmpty }
        #expect(exact.count >= 15)
        for row in exact {
            #expect(try ChemicalFormula(row[0]).conventionalFormula == row[1], "\(row[0])")
        }
        // The special cases: the same composition, spelt differently on purpose.
        let special = rows.filter { !$0[2].isEmpty }
        #expect(Set(special.map { $0[2] }) == ["unreduced", "polyanion", "explicit 1"])
        for row in special {
            let ours = try ChemicalFormula(row[0]).conventionalFormula
            #expect(ours != row[1], "\(row[0])")
            #expect(try ChemicalFormula(ours).reducedKey == ChemicalFormula(row[1]).reducedKey, "\(row[0])")
            // The kept-unreduced list compiled in from pymatgen maps our spelling to pymatgen's.
            if row[2] == "unreduced" {
                #expect(FormulaConventions.pymatgenUnreducedFormulas[ours] == row[1], "\(row[0])")
            }
        }
    }

    @Test("the database keys keep their alphabetical and Hill orders")
    func keysUnchanged() throws {
        let sulfate = try ChemicalFormula("Na4O8S2")
        #expect(sulfate.conventionalFormula == "Na2SO4")
        #expect(sulfate.reducedFormula == "Na2O4S" && sulfate.reducedKey == "Na2O4S")
        let naf = try ChemicalFormula("F1Na1")
        #expect(naf.conventionalFormula == "NaF" && naf.reducedKey == "FNa")
    }
}
