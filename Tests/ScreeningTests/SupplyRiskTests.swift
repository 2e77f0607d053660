import Foundation
import GRDB
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

/// `supply_risk_hhi`: the mass-fraction-weighted HHI of `Descriptors/elements/hhi_data.csv`,
/// against pymatgen's `HHIModel` on the same file (Fixtures/supply-risk/pymatgen_hhi.py), at
/// `db build` and for a mapped import, and the strict reading of the HHI file.
@Suite("Supply-risk index (HHI) and derivation gaps")
struct SupplyRiskTests {
    static let elements = bundledDescriptors.appendingPathComponent("elements")
    static let fixture = packageRoot.appendingPathComponent("Tests/ScreeningTests/Fixtures/supply-risk/pymatgen-hhi.json")

    struct Case { let formula: String; let production: Double?; let reserve: Double? }

    static func cases() throws -> [Case] {
        let json = try #require(try parseJSON(String(contentsOf: fixture, encoding: .utf8)) as? [String: Any])
        let list = try #require(json["cases"] as? [[String: Any]])
        return list.map { Case(formula: $0["formula"] as! String, production: $0["production"] as? Double, reserve: $0["reserve"] as? Double) }
    }

    static func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

    @Test("the index equals pymatgen's HHIModel (production and reserve) to 1e-9; no value where pymatgen has none")
    func matchesPymatgen() throws {
        let data = try ElementData(folder: Self.elements)
        let cases = try Self.cases()
        #expect(cases.count >= 6)
        #expect(cases.filter { $0.production != nil }.count >= 6)
        for c in cases {
            let formula = try ChemicalFormula(c.formula)
            if let production = c.production, let reserve = c.reserve {
                let e = try data.supplyRisk(of: formula)
                #expect(Self.relative(e.production, production) < 1e-9, "\(c.formula): \(e.production) vs pymatgen \(production)")
                #expect(Self.relative(e.reserve, reserve) < 1e-9, "\(c.formula): \(e.reserve) vs pymatgen \(reserve)")
            } else {
                #expect(throws: ElementDataError.self) { try data.supplyRisk(of: formula) }
            }
        }
    }

    @Test("the derivation stores the production index with the reserve index in the conditions, and a gap naming the element otherwise")
    func derivation() throws {
        let cases = try Self.cases()
        var set = DescriptorSet()
        for (i, c) in cases.enumerated() {
            set.candidates.append(Candidate(id: "c\(i)", name: c.formula, formula: c.formula, category: .computed, note: nil, origin: "x:\(i)"))
        }
        let outcome = try DerivedFromComposition.derive(for: set, elementsFolder: Self.elements)
        for (i, c) in cases.enumerated() {
            // One value per composition (schema 11), computed from its reduced amounts.
            let key = try ChemicalFormula(c.formula).reducedKey
            let stored = outcome.values.filter { $0.reducedFormula == key && $0.property == "supply_risk_hhi" }
            if let production = c.production, let reserve = c.reserve {
                let m = try #require(stored.first)
                #expect(stored.count == 1)
                #expect(Self.relative(m.value, production) < 1e-9)
                #expect(m.method.hasPrefix("derived: "))
                #expect(m.source.contains("hhi_data.csv") && m.source.contains("Gaultois"))
                #expect(m.conditions.hasSuffix("; reserve-based HHI with the same weights \(formatForDisplay(reserve))"), "\(m.conditions)")
            } else {
                #expect(stored.isEmpty)
                let gap = try #require(outcome.gaps.first { $0.candidate == "c\(i)" && $0.property == "supply_risk_hhi" })
                #expect(gap.missing == (c.formula == "NaBH4" ? ["H"] : ["Xe"]))
                #expect(gap.reason.hasPrefix("no HHI for \(gap.missing[0]) in "))
            }
        }
        #expect(outcome.notices.contains { $0.hasPrefix("supply_risk_hhi not derived for 2 candidates: no HHI for ") })
        // NaBH4 has no price for H either: the cost gap names it.
        let naBH4 = try #require(cases.firstIndex { $0.formula == "NaBH4" })
        #expect(outcome.gaps.contains { $0.candidate == "c\(naBH4)" && $0.property == "cost" && $0.missing == ["H"] })
    }

    @Test("db build derives the index for the bundled candidates and records why NaH has neither cost nor index")
    func atBuild() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("db.sqlite").path
        let r = try runScreen(["db", "build", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("note: raw-material cost not estimated for"), "\(r.stderr)")
        #expect(r.stderr.contains("no element price for H ("), "\(r.stderr)")
        let store = try DescriptorStore(path: db)
        let naf = try #require(try Self.cases().first { $0.formula == "NaF" }?.production)
        let stored = try store.measurements(candidate: "NaF").filter { $0.property == "supply_risk_hhi" }
        #expect(stored.count == 1 && Self.relative(stored[0].value, naf) < 1e-9)
        let gaps = try store.derivationGaps(candidate: "NaH")
        #expect(gaps.map(\.property) == ["cost", "supply_risk_hhi"])
        #expect(gaps.allSatisfy { $0.missing == ["H"] })
        // Every candidate with a parseable formula has either a value or a recorded gap.
        let withFormula = try store.candidates().filter { $0.formula.flatMap { try? ChemicalFormula($0) } != nil }.map(\.id)
        let valued = Set(try store.measurements().filter { $0.property == "supply_risk_hhi" }.map(\.candidate))
        let gapped = Set(try store.derivationGaps().filter { $0.property == "supply_risk_hhi" }.map(\.candidate))
        #expect(Set(withFormula) == valued.union(gapped) && valued.isDisjoint(with: gapped))
        // db show states the reason.
        let show = try runScreen(["db", "show", "NaH", "--db", db])
        #expect(show.stdout.contains("not derived: cost — no element price for H in "), "\(show.stdout)")
        let json = try runScreen(["db", "show", "NaH", "--db", db, "--format", "json"])
        let object = try #require(try parseJSON(json.stdout) as? [String: Any])
        #expect((object["not_derived"] as? [[String: Any]])?.count == 2)
    }

    @Test("a mapped import derives the index for its new candidates on the same code path")
    func atImport() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("db.sqlite").path
        #expect(try runScreen(["db", "build", "--db", db]).status == 0)
        try write("""
            format: csv
            id: id
            formula: formula
            method: "DFT-PBE (test)"
            source: "test source"
            properties:
              band_gap: {column: gap, unit: eV}

            """, to: folder.appendingPathComponent("map.yaml"))
        try write("id,formula,gap\nt-1,Na3PS4,2.5\nt-2,NaBH4,5.0\n", to: folder.appendingPathComponent("x.csv"))
        let r = try runScreen(["db", "import", folder.appendingPathComponent("x.csv").path, "--mapping",
                               folder.appendingPathComponent("map.yaml").path, "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("note: supply_risk_hhi not derived for 1 candidate: no HHI for H (1: t-2)"), "\(r.stderr)")
        let store = try DescriptorStore(path: db)
        let expected = try #require(try Self.cases().first { $0.formula == "Na3PS4" }?.production)
        let value = try #require(try store.measurements(candidate: "t-1").first { $0.property == "supply_risk_hhi" }?.value)
        #expect(Self.relative(value, expected) < 1e-9)
        #expect(try store.derivationGaps(candidate: "t-2").map(\.property) == ["cost", "supply_risk_hhi"])
    }

    // MARK: Reading hhi_data.csv

    @Test("the bundled file loads: its repeated Bi line is identical and accepted")
    func bundledFile() throws {
        let data = try ElementData(folder: Self.elements)
        let table = try #require(data.supplyRisk)
        #expect(table.count == 77)
        #expect(table["Bi"] == ElementData.SupplyRiskIndex(element: "Bi", production: 5300, reserve: 6000))
        #expect(table["H"] == nil)
    }

    @Test("a conflicting repeat, a bad header, a bad symbol and an out-of-range index are errors naming file:line and field")
    func badFiles() throws {
        func problem(_ text: String) -> String {
            do { _ = try ElementData.parseSupplyRisk(text, file: "hhi.csv"); return "" } catch { return "\(error)" }
        }
        let header = "#element,HHI_production,HHI_reserve\n"
        #expect(problem(header + "Bi,5300,6000\nNa,1100,500\nBi,5300,6000\n") == "")
        #expect(problem(header + "Bi,5300,6000\nNa,1100,500\nBi,5300,6100\n")
                == "hhi.csv:4: element: Bi appears again with other indices (5300, 6100) than on line 2 (5300, 6000)")
        #expect(problem("element,HHI_production,HHI_reserve\nNa,1100,500\n").hasPrefix("hhi.csv:1: header must be '#element,HHI_production,HHI_reserve'"))
        #expect(problem(header + "Xx,1100,500\n") == "hhi.csv:2: element: 'Xx' is not one of the 118 element symbols")
        #expect(problem(header + "Na,11000,500\n") == "hhi.csv:2: HHI_production: 11000 is outside the index's range 0 to 10000")
        #expect(problem(header + "Na,1100\n") == "hhi.csv:2: has 2 fields, the header has 3")
        #expect(problem(header + "Na,1100,abc\n") == "hhi.csv:2: HHI_reserve: 'abc' is not a number")
    }
}
