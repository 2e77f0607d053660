import Foundation
import Testing
import Screening
@testable import ScreenCore
@testable import ScreenStore

/// The store's scope queries give what filtering every candidate in Swift gave — the way a profile
/// read its scope before it was pushed into SQL — on the review's candidates and imported ones.
@Suite("Scope queries")
struct ScopeQueryTests {
    @Test("categories and composition filters in SQL select exactly the candidates CompositionFilter accepts, in the same order")
    func scopeInSQL() throws {
        // Imported compounds too: computed, with and without sodium, one to four elements.
        let f = try BandGapImport(rows: 40, lastLine: ["a-1,NaCl,5", "a-2,Na2SO4,4", "a-3,PbO,2", "a-4,NaPbF3,1", "a-5,Na,0",
                                                       "a-6,CsNaLiF3,7", "a-7,NaF,6"].joined(separator: "\n"))
        defer { f.remove() }
        #expect(try runScreen(["db", "import", "--db", f.db, "--mapping", f.mapping.path]).status == 0)
        let store = try DescriptorStore(path: f.db)
        let all = try store.candidateCompositions()
        #expect(all.count > 100)
        let filters = [
            CompositionFilter.none, try CompositionFilter(contains: ["Na"]), try CompositionFilter(exclude: ["Pb", "Cs"]),
            try CompositionFilter(contains: ["Na", "F"], exclude: ["Pb"], minElements: 2),
            try CompositionFilter(elements: ["Na", "F", "Cl", "O", "S"], maxElements: 2),
            try CompositionFilter(contains: ["Na"], minElements: 2, maxElements: 3),
        ]
        for categories in [nil, [CandidateCategory.computed], [.seiInorganic, .reference], [.computed, .alloy, .seiInorganic]] {
            let inCategories = all.filter { categories?.contains($0.candidate.category) ?? true }
            for filter in filters {
                let scoped = try store.candidateCompositions(in: categories, passing: filter)
                let expected = filter.isEmpty ? inCategories : inCategories.filter { filter.accepts($0.elements) }
                #expect(scoped.entries.map(\.candidate.id) == expected.map(\.candidate.id), "\(String(describing: categories)) \(filter)")
                #expect(scoped.entries.map(\.candidate) == expected.map(\.candidate))
                #expect(scoped.entries.map(\.reducedFormula) == expected.map(\.reducedFormula))
                #expect(scoped.inCategories == inCategories.count)
                #expect(scoped.inCategoriesWithoutFormula == inCategories.filter { $0.elementsText == nil }.count)
            }
        }
        // A formula's entries of every category, in category then id order, as grouping all gave
        // them: for every formula, and for those of the computed sodium compounds.
        var grouped: [String: [String]] = [:]
        for e in all { if let k = e.reducedFormula { grouped[k, default: []].append(e.candidate.id) } }
        #expect(try store.entries(ofFormulasIn: nil, passing: .none, presenceOf: []).ids == grouped)
        let sodium = try CompositionFilter(contains: ["Na"])
        let keys = Set(try store.candidateCompositions(in: [.computed], passing: sodium).entries.compactMap(\.reducedFormula))
        let found = try store.entries(ofFormulasIn: [.computed], passing: sodium, presenceOf: []).ids
        #expect(found == grouped.filter { keys.contains($0.key) } && keys.contains("FNa"))
        #expect(found["FNa"]?.first == "NaF")
        // Stored reduced formulas of ids, absent for an id no candidate has.
        let named = try store.reducedFormulas(ofCandidates: ["NaF", "a-5", "PVDF", "nobody"])
        #expect(named.count == 3 && named["NaF"] == .some("FNa") && named["a-5"] == .some("Na") && named["nobody"] == nil)
        #expect(named["PVDF"] == .some(nil))
    }
}
