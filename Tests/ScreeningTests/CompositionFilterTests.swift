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

@Suite("Composition filter")
struct CompositionFilterTests {
    func f(_ text: String) -> ChemicalFormula { try! ChemicalFormula(text) }

    @Test("contains, only, exclude and element-count bounds on hand cases")
    func semantics() throws {
        let containsNa = try CompositionFilter(contains: ["Na"])
        #expect(containsNa.accepts(f("NaF")) && containsNa.accepts(f("Na3V2(PO4)3")))
        #expect(!containsNa.accepts(f("LiF")))

        let only = try CompositionFilter(elements: ["Na", "F", "Cl"])
        #expect(only.accepts(f("NaF")) && only.accepts(f("NaCl")) && only.accepts(f("F2")))
        #expect(!only.accepts(f("NaBr")))
        #expect(!only.accepts(f("Na2CO3")))

        let exclude = try CompositionFilter(exclude: ["Pb", "Cd", "Hg"])
        #expect(exclude.accepts(f("NaF")))
        #expect(!exclude.accepts(f("NaPb")) && !exclude.accepts(f("CdS")) && !exclude.accepts(f("Hg2Cl2")))

        let count = try CompositionFilter(minElements: 2, maxElements: 3)
        #expect(!count.accepts(f("Na")))
        #expect(count.accepts(f("NaF")) && count.accepts(f("Na2CO3")))
        #expect(!count.accepts(f("Na3V2(PO4)3F3")))   // Na, V, P, O, F: 5

        // All together: contains Na; only Na, F, Cl, O; at most 2 elements.
        let all = try CompositionFilter(contains: ["Na"], elements: ["Na", "F", "Cl", "O"], exclude: ["Pb"], maxElements: 2)
        #expect(all.accepts(f("NaF")) && all.accepts(f("Na2O2")))
        #expect(!all.accepts(f("NaClO4")))   // 3 elements
        #expect(!all.accepts(f("FCl")))      // no Na

        // The amounts do not matter, only the element set; hydrates count their H and O.
        #expect(!only.accepts(f("NaF·H2O")))
    }

    @Test("no formula passes only the empty filter, and the reason says so")
    func noFormula() throws {
        let none: ChemicalFormula? = nil
        #expect(CompositionFilter.none.accepts(none))
        let filter = try CompositionFilter(exclude: ["Pb"])
        #expect(!filter.accepts(none))
        #expect(filter.rejection(nil as [String]?)?.contains("no formula") == true)
        #expect(filter.rejection(["Na", "Pb"])?.contains("Pb") == true)
        #expect(filter.rejection(["Na", "F"]) == nil)
    }

    @Test("unknown element symbols are rejected with a clear message")
    func unknownSymbols() throws {
        #expect(throws: CompositionFilterError.self) { try CompositionFilter(contains: ["Xx"]) }
        do {
            _ = try CompositionFilter(elements: ["Na", "CL", "Qq"])
            Issue.record("should have thrown")
        } catch let e as CompositionFilterError {
            #expect(e.description.contains("'CL' (did you mean Cl?)"))
            #expect(e.description.contains("'Qq'"))
            #expect(e.description.hasPrefix("elements:"))
        }
        #expect(throws: CompositionFilterError.self) { try CompositionFilter(minElements: 4, maxElements: 2) }
        #expect(throws: CompositionFilterError.self) { try CompositionFilter(minElements: 0) }
    }

    @Test("described in words; filters intersect")
    func descriptionAndIntersection() throws {
        let a = try CompositionFilter(contains: ["Na"], elements: ["Na", "F", "Cl"], exclude: ["Pb", "Cd", "Hg"], minElements: 2, maxElements: 3)
        #expect(a.description == "contains Na; only Na, F, Cl; excludes Pb, Cd, Hg; 2–3 elements")
        #expect(CompositionFilter.none.description == "no composition filter")
        #expect(try CompositionFilter(maxElements: 2).description == "at most 2 elements")

        let b = try CompositionFilter(contains: ["F"], elements: ["Na", "F", "O"], exclude: ["Hg", "Tl"], minElements: 1, maxElements: 2)
        let both = a.intersected(with: b)
        #expect(both.contains == ["Na", "F"])
        #expect(both.elements == ["Na", "F"])
        #expect(both.exclude == ["Pb", "Cd", "Hg", "Tl"])
        #expect(both.minElements == 2 && both.maxElements == 2)
        #expect(both.accepts(f("NaF")) && !both.accepts(f("NaCl")))
        #expect(try CompositionFilter(contains: ["Pb"], exclude: ["Pb"]).contradictions.count == 1)
    }

    @Test("a profile's filter is read, shown by profile check, and an unknown element is an error at its line")
    func profileKeys() throws {
        let p = try ProfileLoader.load(yaml: """
            name: t
            filter: {contains: [Na], elements: [Na, F, Cl, Br, I, O, S], exclude: [Pb, Cd, Hg], min_elements: 2, max_elements: 3}
            polymorphs: aggregate
            join: id
            criteria:
              - {property: band_gap, goal: max, weight: 1}
            """, file: "t.yaml")
        #expect(p.scope.filter.contains == ["Na"] && p.scope.filter.elements?.count == 7 && p.scope.filter.exclude == ["Pb", "Cd", "Hg"])
        #expect(p.scope.filter.minElements == 2 && p.scope.filter.maxElements == 3)
        #expect(p.scope.polymorphs == .aggregate && p.scope.join == .id)
        let summary = p.summary()
        #expect(summary.contains("filter: contains Na; only Na, F, Cl, Br, I, O, S; excludes Pb, Cd, Hg; 2–3 elements"))
        #expect(summary.contains("polymorphs: aggregate") && summary.contains("join: id"))

        let defaults = try ProfileLoader.load(yaml: "name: t\ncriteria:\n  - {property: band_gap, goal: max, weight: 1}\n", file: "t.yaml")
        #expect(defaults.scope == ScreeningScope())
        #expect(defaults.scope.polymorphs == .keep && defaults.scope.join == .id && defaults.scope.filter.isEmpty)

        do {
            _ = try ProfileLoader.load(yaml: """
                name: t
                filter:
                  contains: [Na]
                  exclude: [Pb, Xy]
                polymorphs: merge
                criteria:
                  - {property: band_gap, goal: max, weight: 1}
                """, file: "bad.yaml")
            Issue.record("should have thrown")
        } catch let e as DescriptorProblems {
            let messages = e.problems.map(\.description)
            #expect(messages.contains("bad.yaml:4: filter.exclude: 'Xy' is not an element symbol"), "\(messages)")
            #expect(messages.contains { $0.hasPrefix("bad.yaml:5: polymorphs: 'merge'") }, "\(messages)")
        }
        do {
            _ = try ProfileLoader.load(yaml: "name: t\nfilter: {contains: [Pb], exclude: [Pb]}\ncriteria:\n  - {property: band_gap, goal: max, weight: 1}\n", file: "c.yaml")
            Issue.record("should have thrown")
        } catch let e as DescriptorProblems {
            #expect(e.problems.map(\.description).contains { $0.hasPrefix("c.yaml:2: filter: Pb both required and excluded") }, "\(e)")
        }
    }

    /// The Materials Project band-gap file, filtered here through `ChemicalFormula` and
    /// `CompositionFilter`, against counts and ids from an independent Python script (regex
    /// tokenizer): Tests/ScreeningTests/Fixtures/filter/expected_counts.py.
    @Test("element filters on the Materials Project band-gap file match an independent count")
    func materialsProjectCounts() throws {
        let csv = bundledDescriptors.appendingPathComponent("computed/mp-bandgaps.csv")
        guard FileManager.default.fileExists(atPath: csv.path) else {
            Issue.record("\(csv.path) is missing (the Materials Project band gaps belong in Descriptors/computed/)")
            return
        }
        let text = try String(contentsOf: csv, encoding: .utf8)
        var rows: [(id: String, formula: ChemicalFormula)] = []
        for (n, line) in text.split(whereSeparator: \.isNewline).enumerated() where n > 0 {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            rows.append((String(cells[0]), try ChemicalFormula(String(cells[1]))))
        }
        let fixture = packageRoot.appendingPathComponent("Tests/ScreeningTests/Fixtures/filter/expected-counts.json")
        let expected = try #require(try parseJSON(String(contentsOf: fixture, encoding: .utf8)) as? [String: Any])
        #expect(expected["rows"] as? Int == rows.count)
        let cases = try #require(expected["cases"] as? [String: [String: Any]])
        let filters: [String: CompositionFilter] = [
            "only_Na_F_Cl_Br_I_O_S_contains_Na": try CompositionFilter(contains: ["Na"], elements: ["Na", "F", "Cl", "Br", "I", "O", "S"]),
            "exclude_Pb_Cd_Hg_contains_Na": try CompositionFilter(contains: ["Na"], exclude: ["Pb", "Cd", "Hg"]),
            "contains_Na_2_to_3_elements": try CompositionFilter(contains: ["Na"], minElements: 2, maxElements: 3),
        ]
        #expect(Set(cases.keys) == Set(filters.keys))
        for (name, filter) in filters {
            let ids = rows.filter { filter.accepts($0.formula) }.map(\.id).sorted()
            let want = try #require(cases[name])
            #expect(ids.count == want["count"] as? Int, "\(name)")
            #expect(ids == want["ids"] as? [String], "\(name)")
        }
    }
}
