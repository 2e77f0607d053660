import Foundation
import Testing
import Screening
@testable import ScreenCore
@testable import ScreenScoring
@testable import ScreenStore

/// `ProfileScreening.run(values: .screened)`: rows without a value of a `missing: exclude`
/// criterion are found in SQL and their values never read, yet the result is that of `.all`.
///
/// | id       | category      | formula | energy_above_hull | band_gap | shear_modulus |
/// |----------|---------------|---------|-------------------|----------|---------------|
/// | NaF      | sei_inorganic | NaF     | —                 | 10.5     | —             |
/// | mp-682   | computed      | NaF     | 0                 | 6.1      | 30            |
/// | mp-1234  | computed      | Na2F2   | —                 | 5.9      | —             |
/// | NaCl     | sei_inorganic | NaCl    | —                 | 8.5      | —             |
/// | mp-22862 | computed      | NaCl    | —                 | —        | 14            |
/// | mp-1     | computed      | Na2O    | 0.01              | 2.0      | 30.6          |
/// | mp-2     | computed      | Na2S    | ~0                | 2.4      | 19            |
/// | mp-3     | computed      | NaBr    | < 0.1 (a bound)   | 5.0      | 12            |
/// | PEO      | sei_organic   | —       | —                 | 4.0      | 1             |
@Suite("Rows excluded before their values are read")
struct ScreenedValuesTests {
    func store() throws -> (URL, DescriptorStore) {
        let candidates = candidateHeader + """
            NaF,sodium fluoride,NaF,sei_inorganic,
            mp-682,NaF (mp-682),NaF,computed,
            mp-1234,NaF (mp-1234),Na2F2,computed,
            NaCl,sodium chloride,NaCl,sei_inorganic,
            mp-22862,NaCl (mp-22862),NaCl,computed,
            mp-1,Na2O (mp-1),Na2O,computed,
            mp-2,Na2S (mp-2),Na2S,computed,
            mp-3,NaBr (mp-3),NaBr,computed,
            PEO,poly(ethylene oxide),,sei_organic,

            """
        var m = measurementHeader
        for (id, e, qualifier) in [("mp-682", 0.0, ""), ("mp-1", 0.01, ""), ("mp-2", 0.0, "~"), ("mp-3", 0.1, "<")] {
            m += "\(id),energy_above_hull,\(e),,,,\(qualifier),eV/atom,DFT-PBE,,,[t],,\n"
        }
        for (id, gap) in [("NaF", 10.5), ("mp-682", 6.1), ("mp-1234", 5.9), ("NaCl", 8.5), ("mp-1", 2.0), ("mp-2", 2.4), ("mp-3", 5.0), ("PEO", 4.0)] {
            m += "\(id),band_gap,\(gap),,,,,eV,DFT-PBE,,,[t],,\n"
        }
        for (id, g) in [("mp-682", 30.0), ("mp-22862", 14.0), ("mp-1", 30.6), ("mp-2", 19.0), ("mp-3", 12.0), ("PEO", 1.0)] {
            m += "\(id),shear_modulus,\(g),,,,,GPa,DFT-PBE,,,[t],,\n"
        }
        let folder = try makeDescriptorFolder(candidates: candidates, measurements: m)
        return (folder, try DescriptorStore.build(from: folder, to: folder.appendingPathComponent("db.sqlite").path))
    }

    func profile(_ scope: String, gap: String = "") throws -> Profile {
        try ProfileLoader.load(yaml: """
            name: screened
            categories: [sei_inorganic, sei_organic, computed]
            method: topsis
            normalization: minmax
            \(scope)
            criteria:
              - {label: hull, property: energy_above_hull, goal: min, weight: 0, combine: min, limits: {max: 0.005 eV/atom}, missing: exclude}
              - {label: gap, property: band_gap, goal: max, weight: 0.5, combine: median, missing: exclude\(gap)}
              - {label: G, property: shear_modulus, goal: max, weight: 0.5, combine: median, missing: worst}
            """, file: "screened.yaml")
    }

    @Test("aggregate: the same ranking, exclusions (reasons and order), joined-value count and output as reading every row")
    func sameAsReadingEverything() throws {
        let (folder, store) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        for scope in ["polymorphs: aggregate\njoin: formula", "polymorphs: aggregate\njoin: id"] {
            let p = try profile(scope)
            let all = try ProfileScreening.run(p, store: store)
            let screened = try ProfileScreening.run(p, store: store, values: .screened)
            #expect(screened.json().rendered() == all.json().rendered(), "\(scope)")
            #expect(try screened.csv() == all.csv(), "\(scope)")
            #expect(screened.text() == all.text(), "\(scope)")
            #expect(screened.scopeInfo.valuesJoined == all.scopeInfo.valuesJoined)
        }
        // With the formula join: NaF and Na2S ranked; Na2O removed by the hull limit (read); NaCl,
        // NaBr (a bound is no value) and PEO for having no hull value at all (not read).
        let p = try profile("polymorphs: aggregate\njoin: formula")
        let r = try ProfileScreening.run(p, store: store, values: .screened)
        #expect(r.rows.map(\.candidate.id).sorted() == ["Na2S", "NaF"])
        #expect(Set(r.excluded.prefix(3).map(\.candidate.id)) == ["NaCl", "NaBr", "PEO"] && r.excluded.last?.candidate.id == "Na2O")
        #expect(r.excluded.prefix(3).allSatisfy { $0.criterion == "hull" && $0.reason == "no value of energy_above_hull" })
        // Joined: the NaF row's three criteria (pooled over its entries) and the NaCl row's shear
        // modulus (mp-22862's, in a row that is not read): counted as when every value is read.
        #expect(r.scopeInfo.valuesJoined == 4)
        let nacl = try #require(r.scope.first { $0.candidate.id == "NaCl" })
        #expect(nacl.values[0] == nil)                                      // no hull value: the reason
        #expect(nacl.values[2]?.raw.isNaN == true && nacl.values[2]?.join != nil)   // has one, not read
        let read = try ProfileScreening.run(p, store: store)
        #expect(read.scope.first { $0.candidate.id == "NaCl" }?.values[2]?.raw == 14)
    }

    @Test("presence bits by hand: a bound is no value, \"~\" is; the entries of the formulas in scope with theirs")
    func presenceBits() throws {
        let (folder, store) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let properties = ["energy_above_hull", "band_gap", "shear_modulus"]   // bits 1, 2, 4
        let bits = try store.presenceBits(of: properties, candidates: ["NaF", "mp-682", "mp-1234", "NaCl", "mp-22862", "mp-1",
                                                                        "mp-2", "mp-3", "PEO", "nobody"])
        #expect(bits == ["NaF": 2, "mp-682": 7, "mp-1234": 2, "NaCl": 2, "mp-22862": 4, "mp-1": 7, "mp-2": 7, "mp-3": 6, "PEO": 6])
        // Sodium compounds of the computed category: their formulas' entries of every category
        // (hand-curated first, then by id), each with its bits (PEO has no formula: not there).
        let found = try store.entries(ofFormulasIn: [.computed], passing: try CompositionFilter(contains: ["Na"]), presenceOf: properties)
        #expect(found.ids == ["FNa": ["NaF", "mp-1234", "mp-682"], "ClNa": ["NaCl", "mp-22862"], "Na2O": ["mp-1"],
                              "Na2S": ["mp-2"], "BrNa": ["mp-3"]])
        #expect(found.presence == bits.filter { $0.key != "PEO" })
        #expect(try store.entries(ofFormulasIn: [.seiInorganic], passing: .none, presenceOf: []).presence.isEmpty)
        // Groups from known bits and asked ones alike (PEO is not known: asked).
        let groups: [(ids: [String], own: String)] = [(["NaF", "mp-1234", "mp-682"], "NaF"), (["PEO"], "PEO"), (["mp-3"], "mp-3")]
        let expected = [ValuePresence(any: 7, others: 7), ValuePresence(any: 6, others: 0), ValuePresence(any: 6, others: 0)]
        #expect(try store.valuePresence(of: properties, in: groups) == expected)
        #expect(try store.valuePresence(of: properties, in: groups, known: found.presence) == expected)
    }

    @Test("two connections with temporary tables at once do not wait on each other")
    func temporaryTablesSideBySide() throws {
        let (folder, store) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = try DescriptorStore(path: store.path)
        // While this connection's temporary table is open, another connection makes its own: each
        // transaction takes no write lock on the database file (an IMMEDIATE one did, and the second
        // connection waited out its 10 s busy timeout and failed).
        let named = try store.queue.inDatabase { db in
            try DescriptorStore.withTemporaryKeys(["NaF"], in: db) { _ in try other.reducedFormulas(ofCandidates: ["NaF", "mp-1"]) }
        }
        #expect(named == ["NaF": .some("FNa"), "mp-1": .some("Na2O")])
    }

    @Test("a profile the presence cannot decide (keep, prefer, require, fallback) reads every row")
    func otherProfilesReadEverything() throws {
        let (folder, store) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let keep = try profile("polymorphs: keep\njoin: formula")
        #expect(ScreeningPipeline.presenceProperties(keep, settings: keep.scope) == nil)
        let r = try ProfileScreening.run(keep, store: store, values: .screened)
        #expect(r.scope.allSatisfy { $0.values.allSatisfy { $0.map { !$0.raw.isNaN } ?? true } })
        let aggregate = try profile("polymorphs: aggregate")
        #expect(ScreeningPipeline.presenceProperties(aggregate, settings: aggregate.scope) == ["energy_above_hull", "band_gap", "shear_modulus"])
        for gap in [", prefer: experiment", ", require: experiment", ", fallback: band_gap_corrected"] {
            let p = try profile("polymorphs: aggregate", gap: gap)
            #expect(ScreeningPipeline.presenceProperties(p, settings: p.scope) == nil, "\(gap)")
        }
    }
}
