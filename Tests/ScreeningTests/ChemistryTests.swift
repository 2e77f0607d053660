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

/// `Descriptors/elements`, found from this file's path.
private let chemistryElementsFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Descriptors/elements")

private func formula(_ text: String) throws -> ChemicalFormula { try ChemicalFormula(text) }

/// The error `text` throws, or nil when it parses.
private func formulaError(_ text: String) -> ChemicalFormulaError? {
    do { _ = try ChemicalFormula(text); return nil } catch let e as ChemicalFormulaError { return e } catch { return nil }
}

/// A cell of a bundled CSV read without the code under test: the field `column` of the row
/// whose first field is `key`. Only for plain rows (no quotes before `column`).
private func bundledCell(_ file: String, row key: String, column: Int) throws -> String {
    let text = try String(contentsOf: chemistryElementsFolder.appendingPathComponent(file), encoding: .utf8)
    for line in text.split(separator: "\n") {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        if fields.first == Substring(key) { return String(fields[column]) }
    }
    throw InputError(file: file, "no row \(key)")
}

private func nearlyEqual(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
    abs(a - b) <= relative * max(abs(a), abs(b))
}

@Suite("Chemistry: parsing formulas")
struct ChemistryFormulaParsingTests {
    @Test("binary compound")
    func binary() throws {
        let f = try formula("NaF")
        #expect(f.amounts == ["Na": 1, "F": 1])
        #expect(f.elements == ["F", "Na"])
        #expect(f.numberOfElements == 2)
        #expect(f.totalAmount == 2)
        #expect(f.atomicFractions == ["Na": 0.5, "F": 0.5])
    }

    @Test("a group with a count: Na3V2(PO4)3")
    func group() throws {
        let f = try formula("Na3V2(PO4)3")
        #expect(f.amounts == ["Na": 3, "V": 2, "P": 3, "O": 12])
        #expect(f.totalAmount == 20)
        #expect(f.atomicFraction(of: "O") == 12.0 / 20.0)
        #expect(f.atomicFraction(of: "Li") == 0)
    }

    @Test("fractional amounts: Na0.67Ni0.33Mn0.67O2")
    func fractional() throws {
        let f = try formula("Na0.67Ni0.33Mn0.67O2")
        #expect(f.amounts == ["Na": 0.67, "Ni": 0.33, "Mn": 0.67, "O": 2])
        #expect(f.elements == ["Mn", "Na", "Ni", "O"])
        #expect(nearlyEqual(f.atomicFractions.values.reduce(0, +), 1))
    }

    @Test("nested groups with (), [] and {}")
    func nested() throws {
        #expect(try formula("K4[Fe(CN)6]").amounts == ["K": 4, "Fe": 1, "C": 6, "N": 6])
        #expect(try formula("((CH3)3Si)2O").amounts == ["C": 6, "H": 18, "Si": 2, "O": 1])
        #expect(try formula("Ca3{Al2(SiO4)3}").amounts == ["Ca": 3, "Al": 2, "Si": 3, "O": 12])
        #expect(try formula("(Na0.5K0.5)2(SO4)").amounts == ["Na": 1, "K": 1, "S": 1, "O": 4])
    }

    @Test("hydrates with ·, . and *, with a leading multiplier")
    func hydrates() throws {
        let soda = try formula("Na2CO3·10H2O")
        #expect(soda.amounts == ["Na": 2, "C": 1, "O": 13, "H": 20])
        #expect(try formula("Na2CO3*10H2O") == soda)
        #expect(try formula("CuSO4*5H2O").amounts == ["Cu": 1, "S": 1, "O": 9, "H": 10])
        #expect(try formula("NaCl.2H2O").amounts == ["Na": 1, "Cl": 1, "H": 4, "O": 2])
        #expect(try formula("Na2SO4.(H2O)10").amounts == ["Na": 2, "S": 1, "O": 14, "H": 20])
        #expect(try formula("CaSO4·0.5H2O").amounts == ["Ca": 1, "S": 1, "O": 4.5, "H": 1])
        #expect(try formula("MgCl2·6H2O·NH3").amounts == ["Mg": 1, "Cl": 2, "H": 15, "O": 6, "N": 1])
    }

    @Test("element queries: contains, isOnly(in:), containsAny(of:)")
    func queries() throws {
        let f = try formula("Na3P")
        #expect(f.contains("Na"))
        #expect(!f.contains("N"))
        #expect(f.isOnly(in: ["Na", "P", "O"]))
        #expect(!f.isOnly(in: ["Na"]))
        #expect(f.containsAny(of: ["Li", "P"]))
        #expect(!f.containsAny(of: ["Li", "K"]))
        #expect(f.amount(of: "Na") == 3)
        #expect(f.amount(of: "O") == 0)
    }

    @Test("the 118 symbols: order of atomic number, membership")
    func symbols() {
        #expect(ChemicalElements.symbols.count == 118)
        #expect(Set(ChemicalElements.symbols).count == 118)
        #expect(ChemicalElements.atomicNumber(of: "Na") == 11)
        #expect(ChemicalElements.atomicNumber(of: "Og") == 118)
        #expect(ChemicalElements.isSymbol("Sn"))
        #expect(!ChemicalElements.isSymbol("Xx"))
        #expect(!ChemicalElements.isSymbol("na"))
    }
}

@Suite("Chemistry: the byte-level fast path reads formulas as the general parser does")
struct ChemistryFastPathTests {
    /// The general (character by character) parser alone.
    private func general(_ text: String) throws -> [String: Double] {
        var parser = ChemicalFormulaParser(text)
        return try parser.parseFormula()
    }

    @Test("every formula of the Materials Project formation-energy file: same amounts from both parsers")
    func materialsProjectFormulas() throws {
        let file = chemistryElementsFolder.deletingLastPathComponent().appendingPathComponent("computed/mp-formation-energies.csv")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").dropFirst()
        var read = 0
        for line in lines {
            let text = String(line.prefix { $0 != "," })
            let fast = try #require(ChemicalFormulaParser.parseSimple(text), "fast path refused \(text)")
            #expect(fast == (try general(text)), "\(text)")
            read += 1
        }
        #expect(read == 132_752)
    }

    @Test("anything but symbols and whole counts is left to the general parser, which reports it")
    func leftToTheGeneralParser() {
        for text in ["", "na", "2NaCl", "NaCl.2H2O", "Na0.67Ni0.33Mn0.67O2", "Ca(OH)2", "NaXx", "Na0Cl", "Na Cl", "Na+",
                     "Na2CO3·10H2O", "NaCl2a", "Na1234567890123456Cl", "NaÇl"] {
            #expect(ChemicalFormulaParser.parseSimple(text) == nil, "\(text)")
        }
        #expect(ChemicalFormulaParser.parseSimple("NaClNa3") == ["Na": 4, "Cl": 1])
        #expect(ChemicalFormulaParser.parseSimple("Na007Cl") == ["Na": 7, "Cl": 1])
        #expect(throws: ChemicalFormulaError.self) { try ChemicalFormula("Na0Cl") }
    }
}

@Suite("Chemistry: formula errors name the position and the reason")
struct ChemistryFormulaErrorTests {
    @Test("unknown element")
    func unknownElement() {
        #expect(formulaError("NaXx") == ChemicalFormulaError(formula: "NaXx", position: 3, reason: .unknownElement("Xx")))
        #expect(formulaError("NaXx")?.description == "formula 'NaXx': unknown element \"Xx\" at 3")
    }

    @Test("unbalanced and mismatched parentheses")
    func parentheses() {
        #expect(formulaError("Na3V2(PO4")?.reason == .unclosedGroup("("))
        #expect(formulaError("Na3V2(PO4")?.position == 6)
        #expect(formulaError("NaF)") == ChemicalFormulaError(formula: "NaF)", position: 4, reason: .unmatchedClosing(")")))
        #expect(formulaError("Na2(SO4]") == ChemicalFormulaError(
            formula: "Na2(SO4]", position: 8, reason: .mismatchedClosing(opening: "(", openedAt: 4, closing: "]")))
        #expect(formulaError("K4[Fe(CN)6") == ChemicalFormulaError(formula: "K4[Fe(CN)6", position: 3, reason: .unclosedGroup("[")))
        #expect(formulaError("Na()")?.reason == .emptyGroup)
        #expect(formulaError("Na()")?.position == 3)
        #expect(formulaError("(NaCl·H2O)")?.reason == .unclosedGroup("("))
    }

    @Test("charges and spaces")
    func chargesAndSpaces() {
        #expect(formulaError("Na+") == ChemicalFormulaError(formula: "Na+", position: 3, reason: .charge("+")))
        #expect(formulaError("SO4-2")?.reason == .charge("-"))
        #expect(formulaError("SO4^2-")?.position == 4)
        #expect(formulaError("Na F") == ChemicalFormulaError(formula: "Na F", position: 3, reason: .whitespace))
        #expect(formulaError(" NaF")?.position == 1)
    }

    @Test("numbers: misplaced, zero, malformed")
    func numbers() {
        #expect(formulaError("2NaCl") == ChemicalFormulaError(formula: "2NaCl", position: 1, reason: .misplacedNumber))
        #expect(formulaError("(2H2O)")?.reason == .misplacedNumber)
        #expect(formulaError("Na0Cl") == ChemicalFormulaError(formula: "Na0Cl", position: 3, reason: .zeroAmount))
        #expect(formulaError("Na1.2.3F") == ChemicalFormulaError(formula: "Na1.2.3F", position: 3, reason: .malformedNumber("1.2.3")))
    }

    @Test("hydrate separators: empty parts, and the ambiguous CuSO4.5H2O")
    func hydrateSeparators() {
        #expect(formulaError("Na2CO3·") == ChemicalFormulaError(formula: "Na2CO3·", position: 7, reason: .emptyPart))
        #expect(formulaError("·H2O")?.reason == .emptyPart)
        #expect(formulaError("NaCl··H2O")?.position == 6)
        #expect(formulaError("CuSO4.5H2O") == ChemicalFormulaError(formula: "CuSO4.5H2O", position: 6, reason: .ambiguousDecimalPoint))
        #expect(formulaError("Na2CO3.10H2O")?.reason == .ambiguousDecimalPoint)
    }

    @Test("empty text, lowercase symbols, stray characters")
    func other() {
        #expect(formulaError("") == ChemicalFormulaError(formula: "", position: 1, reason: .empty))
        #expect(formulaError("nacl") == ChemicalFormulaError(formula: "nacl", position: 1, reason: .lowercaseSymbol("n")))
        #expect(formulaError("Na2SO₄")?.reason == .unexpectedCharacter("₄"))
        #expect(formulaError("Na2SO₄")?.position == 6)
        #expect(formulaError("Na,F")?.reason == .unexpectedCharacter(","))
    }
}

@Suite("Chemistry: reduced formulas and join keys")
struct ChemistryReducedFormulaTests {
    @Test("Na2O2 reduces to NaO")
    func peroxide() throws {
        let f = try formula("Na2O2")
        #expect(f.reductionFactor == 2)
        #expect(f.reducedAmounts == ["Na": 1, "O": 1])
        #expect(f.reducedFormula == "NaO")
        #expect(f.reducedKey == "NaO")
        #expect(f.hillFormula == "Na2O2")
        #expect(try f.reducedKey == formula("NaO").reducedKey)
        #expect(try f != formula("NaO"))
    }

    @Test("Na15Sn4 stays as it is")
    func alloy() throws {
        let f = try formula("Na15Sn4")
        #expect(f.reductionFactor == 1)
        #expect(f.reducedFormula == "Na15Sn4")
        #expect(f.reducedKey == "Na15Sn4")
    }

    @Test("fractional amounts are kept")
    func fractions() throws {
        let f = try formula("Na0.67Ni0.33Mn0.67O2")
        #expect(f.reductionFactor == 1)
        #expect(f.reducedFormula == "Mn0.67Na0.67Ni0.33O2")
        #expect(f.reducedKey == "Mn0.67Na0.67Ni0.33O2")
        // Amounts that come out whole after multiplying reduce: (Na0.5K0.5)2(SO4)2 is K1 Na1 S2 O8.
        #expect(try formula("(Na0.5K0.5)2(SO4)2").reducedKey == "KNaO8S2")
    }

    @Test("FNa and NaF join")
    func joinKey() throws {
        let a = try formula("FNa"), b = try formula("NaF")
        #expect(a.reducedKey == b.reducedKey)
        #expect(a.reducedKey == "FNa")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(try formula("Na4F4").reducedKey == b.reducedKey)
    }

    @Test("Hill order: C, then H, then alphabetical; without C, alphabetical")
    func hill() throws {
        #expect(try formula("Na2CO3·10H2O").hillFormula == "CH20Na2O13")
        #expect(try formula("CH3COONa").reducedFormula == "C2H3NaO2")
        #expect(try formula("NaOH").reducedFormula == "HNaO")
        #expect(try formula("CH3COONa").reducedKey == "C2H3NaO2")
        #expect(try formula("Na2C2O4").reducedKey == "CNaO2")
        #expect(try formula("CaCO3").reducedFormula == "CCaO3")
    }
}

@Suite("Chemistry: element data, molar masses and cost estimates")
struct ChemistryElementDataTests {
    let data: ElementData

    init() throws {
        data = try ElementData(folder: chemistryElementsFolder)
    }

    @Test("every element has an atomic mass with a source; the symbols match")
    func complete() {
        #expect(data.atomicMasses.count == 118)
        #expect(Set(data.atomicMasses.keys) == ChemicalElements.symbolSet)
        #expect(data.atomicMasses.values.allSatisfy { !$0.source.isEmpty && $0.unit == "u" && $0.value > 0 })
        #expect(data.prices.values.allSatisfy { !$0.source.isEmpty && $0.usdPerKg > 0 })
    }

    @Test("the cost file's unescaped quotes in the source column are read as written")
    func lenientCostSource() {
        #expect(data.prices["C"]?.source
            == "Wikipedia \"Prices of elements and their compounds\", 2013; as collected in pymatgen pymatgen/analysis/cost/costdb_elements.csv")
        #expect(data.prices["F"]?.note == "pure F")
        #expect(data.prices["H"] == nil)
    }

    // Atomic masses as they stand in Descriptors/elements/atomic-masses.csv (from pymatgen's
    // periodic_table.json, see that file's source column); the test checks the CSV still says so.
    static let na = 22.98976928, f = 18.9984032, v = 50.9415, p = 30.973762, o = 15.9994

    @Test("the CSV holds the atomic masses this test's arithmetic uses")
    func csvValues() throws {
        for (symbol, value) in [("Na", Self.na), ("F", Self.f), ("V", Self.v), ("P", Self.p), ("O", Self.o)] {
            #expect(try Double(bundledCell("atomic-masses.csv", row: symbol, column: 1)) == value)
            #expect(data.atomicMass(of: symbol) == value)
        }
    }

    @Test("molar mass of NaF and of Na3V2(PO4)3")
    func molarMass() throws {
        #expect(nearlyEqual(try data.molarMass(of: formula("NaF")), Self.na + Self.f))
        #expect(nearlyEqual(try data.molarMass(of: formula("Na3V2(PO4)3")),
                      3 * Self.na + 2 * Self.v + 3 * Self.p + 12 * Self.o))
        #expect(try data.molarMass(of: formula("FNa")) == data.molarMass(of: formula("NaF")))
        let w = try data.massFractions(of: formula("Na3V2(PO4)3"))
        #expect(nearlyEqual(w.values.reduce(0, +), 1))
    }

    @Test("raw-material cost of NaF by mass fraction, by hand")
    func costNaF() throws {
        // Prices as they stand in element-costs.csv (USD/kg, 2013, via pymatgen's cost database).
        let priceNa = 250.0, priceF = 1900.0
        #expect(try Double(bundledCell("element-costs.csv", row: "Na", column: 1)) == priceNa)
        #expect(try Double(bundledCell("element-costs.csv", row: "F", column: 1)) == priceF)
        let m = Self.na + Self.f
        let wNa = Self.na / m, wF = Self.f / m
        let estimate = try data.rawMaterialCost(of: formula("NaF"))
        #expect(nearlyEqual(estimate.usdPerKg, wNa * priceNa + wF * priceF))
        #expect(estimate.terms.map(\.element) == ["F", "Na"])
        #expect(nearlyEqual(estimate.terms[0].massFraction, wF))
        #expect(nearlyEqual(estimate.terms[1].contribution, wNa * priceNa))
        #expect(estimate.sources.count == 1)
        #expect(RawMaterialCostEstimate.label.contains("estimated"))
    }

    @Test("a missing price is an error naming the elements, not a skipped term")
    func missingPrice() throws {
        #expect(throws: ElementDataError.noPrice(elements: ["H"], formula: "Na2CO3·10H2O")) {
            try data.rawMaterialCost(of: formula("Na2CO3·10H2O"))
        }
        #expect(throws: ElementDataError.noPrice(elements: ["H", "Tc"], formula: "HTcO4")) {
            try data.rawMaterialCost(of: formula("HTcO4"))
        }
        #expect(ElementDataError.noPrice(elements: ["H"], formula: "NaOH").description
            == "no element price for H in element-costs.csv: cannot estimate the raw-material cost of NaOH")
    }
}

@Suite("Chemistry: same numbers as pymatgen on the same data")
struct ChemistryPymatgenComparisonTests {
    let data: ElementData

    init() throws {
        data = try ElementData(folder: chemistryElementsFolder)
    }

    // Printed by pymatgen-core 2026.10.16 (PyPI): float(Composition(formula).weight). pymatgen's
    // periodic table is the source of atomic-masses.csv, so the molar masses must agree.
    static let pymatgenWeights: [(String, Double)] = [
        ("NaF", 41.98817248),
        ("Na3V2(PO4)3", 455.76639384),
        ("Na2O2", 77.97833856),
        ("Na15Sn4", 819.6865392),
        ("Na0.67Ni0.33Mn0.67O2", 103.57925756760001),
        ("K4[Fe(CN)6]", 368.34260000000006),
        ("Na2CO3", 105.98843855999999),
    ]

    @Test("molar masses equal pymatgen's Composition.weight", arguments: pymatgenWeights)
    func weights(text: String, weight: Double) throws {
        #expect(nearlyEqual(try data.molarMass(of: formula(text)), weight))
    }

    // Printed by pymatgen 2026.10.24 (PyPI): CostAnalyzer(CostDBElements()).get_cost_per_kg(formula),
    // which reads the same costdb_elements.csv and goes through cost per mole instead.
    static let pymatgenCosts: [(String, Double)] = [
        ("NaF", 996.5760815127526),
        ("Na3V2(PO4)3", 106.20742191333089),
        ("Na15Sn4", 125.27828530064018),
    ]

    @Test("cost estimates equal pymatgen's CostAnalyzer with element prices", arguments: pymatgenCosts)
    func costs(text: String, usdPerKg: Double) throws {
        #expect(nearlyEqual(try data.rawMaterialCost(of: formula(text)).usdPerKg, usdPerKg))
    }

    @Test("Hill formulas equal pymatgen's hill_formula (spaces removed)")
    func hill() throws {
        #expect(try formula("FNa").hillFormula == "FNa")
        #expect(try formula("K4[Fe(CN)6]").hillFormula == "C6FeK4N6")
        #expect(try formula("Na2CO3").hillFormula == "CNa2O3")
        #expect(try formula("Na0.67Ni0.33Mn0.67O2").hillFormula == "Mn0.67Na0.67Ni0.33O2")
    }
}

@Suite("Chemistry: element data files are checked cell by cell")
struct ChemistryElementDataLoaderTests {
    static let costs = "element,cost,unit,note,source\nNa,250,USD/kg,,\"Somewhere \"quoted\", 2013\"\n"

    /// A complete, valid atomic-mass file body with the mass of every element set to 1, for
    /// loader tests only (the numbers mean nothing).
    static func masses(replacing symbol: String? = nil, with row: String? = nil, extra: String = "") -> String {
        var text = "element,atomic_mass,unit,source\n"
        for s in ChemicalElements.symbols {
            text += (s == symbol ? row! : "\(s),1,u,test") + "\n"
        }
        return text + extra
    }

    private func loadError(masses: String, costs: String = costs) -> InputError? {
        do {
            _ = try ElementData(atomicMassCSV: masses, atomicMassFile: "m.csv", elementCostCSV: costs, elementCostFile: "c.csv")
            return nil
        } catch let e as InputError { return e } catch { return nil }
    }

    @Test("a valid pair loads")
    func valid() throws {
        let d = try ElementData(atomicMassCSV: Self.masses(), atomicMassFile: "m.csv",
                                elementCostCSV: Self.costs, elementCostFile: "c.csv")
        #expect(d.prices["Na"]?.source == "Somewhere \"quoted\", 2013")
    }

    @Test("bad atomic-mass rows name file, line and field")
    func badMasses() {
        // Na is on line 12: the header is line 1 and Na is element 11.
        #expect(loadError(masses: Self.masses(replacing: "Na", with: "Xx,1,u,test"))
            == InputError(file: "m.csv", line: 12, field: "element", "'Xx' is not one of the 118 element symbols"))
        #expect(loadError(masses: Self.masses(replacing: "Na", with: "Na,heavy,u,test"))
            == InputError(file: "m.csv", line: 12, field: "atomic_mass", "'heavy' is not a number"))
        #expect(loadError(masses: Self.masses(replacing: "Na", with: "Na,-1,u,test"))?.field == "atomic_mass")
        #expect(loadError(masses: Self.masses(replacing: "Na", with: "Na,1,g,test"))?.field == "unit")
        #expect(loadError(masses: Self.masses(replacing: "Na", with: "Na,1,u,"))
            == InputError(file: "m.csv", line: 12, field: "source", "every value must name its source"))
        #expect(loadError(masses: Self.masses(extra: "Na,1,u,test\n"))
            == InputError(file: "m.csv", line: 120, field: "element", "Na appears twice (first on line 12)"))
    }

    @Test("a missing element is named")
    func missingElement() {
        let text = Self.masses().split(separator: "\n").filter { !$0.hasPrefix("Og,") }.joined(separator: "\n")
        #expect(loadError(masses: text)
            == InputError(file: "m.csv", "no atomic mass for Og (all 118 elements are required)"))
    }

    @Test("bad cost rows name file, line and field")
    func badCosts() {
        let header = "element,cost,unit,note,source\n"
        #expect(loadError(masses: Self.masses(), costs: header + "Na,250,EUR/kg,,x\n")
            == InputError(file: "c.csv", line: 2, field: "unit", "'EUR/kg' is not the price unit 'USD/kg'"))
        #expect(loadError(masses: Self.masses(), costs: header + "Na,250,USD/kg,,x\nNa,3,USD/kg,,y\n")
            == InputError(file: "c.csv", line: 3, field: "element", "Na appears twice (first on line 2)"))
        #expect(loadError(masses: Self.masses(), costs: header + "Na,cheap,USD/kg,,x\n")?.field == "cost")
        #expect(loadError(masses: Self.masses(), costs: header + "Na,250,USD/kg,\"a\",x\n")?.field == "note")
        #expect(loadError(masses: Self.masses(), costs: header + "Na,250,USD/kg\n")?.line == 2)
        #expect(loadError(masses: Self.masses(), costs: "element,price,unit,note,source\n")?.line == 1)
    }

    @Test("a missing folder names the file")
    func missingFolder() {
        let folder = URL(fileURLWithPath: "/nonexistent-screen-chemistry")
        #expect(throws: InputError.self) { try ElementData(folder: folder) }
    }
}
