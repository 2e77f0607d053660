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

/// Polymorphs and the formula join on a small hand database:
///
/// | id        | category      | formula | band_gap (eV)   | shear_modulus (GPa) |
/// |-----------|---------------|---------|-----------------|---------------------|
/// | NaF       | sei_inorganic | NaF     | 10.5 (exp)      | —                   |
/// | mp-682    | computed      | NaF     | 6.1 (DFT)       | 30 (DFT)            |
/// | mp-1234   | computed      | Na2F2   | 5.9 (DFT)       | 34 (DFT)            |
/// | NaCl      | sei_inorganic | NaCl    | 8.5 (exp)       | —                   |
/// | mp-22862  | computed      | NaCl    | —               | 14 (DFT) (elastic only) |
/// | Na2O      | sei_inorganic | Na2O    | 2.0             | 30.6                |
/// | Na2S      | sei_inorganic | Na2S    | 2.4             | 19                  |
/// | PEO       | sei_organic   | —       | 4.0             | 1                   |
/// | mp-463    | computed      | KF      | 6.5 (DFT)       | 15 (DFT)            |
@Suite("Polymorphs and formula join")
struct FormulaJoinTests {
    func store() throws -> (URL, DescriptorStore) {
        let candidates = candidateHeader + """
            NaF,sodium fluoride,NaF,sei_inorganic,
            mp-682,NaF (mp-682),NaF,computed,
            mp-1234,NaF (mp-1234),Na2F2,computed,
            NaCl,sodium chloride,NaCl,sei_inorganic,
            mp-22862,NaCl (mp-22862),NaCl,computed,
            Na2O,sodium oxide,Na2O,sei_inorganic,
            Na2S,sodium sulfide,Na2S,sei_inorganic,
            PEO,poly(ethylene oxide),,sei_organic,
            mp-463,KF,KF,computed,

            """
        var m = measurementHeader
        for (id, gap, method) in [("NaF", 10.5, "experiment"), ("mp-682", 6.1, "DFT-PBE"), ("mp-1234", 5.9, "DFT-PBE"),
                                  ("NaCl", 8.5, "experiment"), ("Na2O", 2.0, "experiment"), ("Na2S", 2.4, "experiment"), ("PEO", 4.0, "experiment"), ("mp-463", 6.5, "DFT-PBE")] {
            m += "\(id),band_gap,\(gap),,,,,eV,\(method),,,[t],,\n"
        }
        for (id, g) in [("mp-682", 30.0), ("mp-1234", 34.0), ("mp-22862", 14.0), ("Na2O", 30.6), ("Na2S", 19.0), ("PEO", 1.0), ("mp-463", 15.0)] {
            m += "\(id),shear_modulus,\(g),,,,,GPa,DFT-PBE,,,[t],,\n"
        }
        let folder = try makeDescriptorFolder(candidates: candidates, measurements: m)
        return (folder, try DescriptorStore.build(from: folder, to: folder.appendingPathComponent("db.sqlite").path))
    }

    func profile(categories: String = "[sei_inorganic]", extra: String = "") throws -> Profile {
        try ProfileLoader.load(yaml: """
            name: join
            categories: \(categories)
            method: wsm
            normalization: max
            \(extra.contains("join:") ? extra : extra + "\njoin: formula")
            criteria:
              - {label: gap, property: band_gap, goal: max, weight: 0.5, combine: median, missing: exclude}
              - {label: G, property: shear_modulus, goal: max, weight: 0.5, combine: median, missing: exclude}
            """, file: "join.yaml")
    }

    @Test("keep + join formula: a missing value is borrowed from the same reduced formula in any category, combined by the median")
    func keepJoinsByFormula() throws {
        let (folder, store) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try ProfileScreening.run(try profile(), store: store)
        #expect(r.rows.map(\.candidate.id).sorted() == ["Na2O", "Na2S", "NaCl", "NaF"])
        let naf = try #require(r.rows.first { $0.candidate.id == "NaF" })
        #expect(naf.values[0].raw == 10.5 && naf.values[0].join == nil)          // own value: never borrowed over
        #expect(naf.values[1].raw == 32)                                           // median(30, 34) from both polymorphs
        #expect(naf.values[1].join == .init(kind: .formula, ids: ["mp-1234", "mp-682"], reducedFormula: "FNa"))
        #expect(naf.values[1].label == "joined by formula from mp-1234, mp-682 (2 values)")
        #expect(naf.values[1].mark == "=")
        #expect(Set(naf.values[1].evidence.map(\.candidate)) == ["mp-682", "mp-1234"])
        let nacl = try #require(r.rows.first { $0.candidate.id == "NaCl" })
        #expect(nacl.values[1].raw == 14 && nacl.values[1].join?.ids == ["mp-22862"])
        #expect(r.scopeInfo.valuesJoined == 2 && r.scopeInfo.rows == 4 && r.scopeInfo.entriesInScope == 4)
        #expect(r.scopeNotes.contains { $0.hasPrefix("polymorphs: keep") })
        #expect(r.scopeNotes.contains { $0.hasPrefix("join: formula") && $0.contains("2 values joined by formula") })
        #expect(r.text().contains("32=") && r.text().contains("join: formula"))

        // The combine rule is the criterion's: max takes 34.
        let maxProfile = try ProfileLoader.load(yaml: """
            name: join
            categories: [sei_inorganic]
            method: wsm
            join: formula
            criteria:
              - {label: gap, property: band_gap, goal: max, weight: 0.5}
              - {label: G, property: shear_modulus, goal: max, weight: 0.5, combine: max}
            """, file: "join.yaml")
        let rMax = try ProfileScreening.run(maxProfile, store: store)
        #expect(rMax.rows.first { $0.candidate.id == "NaF" }?.values[1].raw == 34)
    }

    @Test("join: id never borrows: entries without their own value are excluded")
    func joinByIDDoesNotBorrow() throws {
        let (folder, store) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try ProfileScreening.run(try profile(extra: "join: id"), store: store)
        #expect(r.rows.map(\.candidate.id).sorted() == ["Na2O", "Na2S"])
        #expect(Set(r.excluded.map(\.candidate.id)) == ["NaCl", "NaF"])
        #expect(r.excluded.allSatisfy { $0.reason == "no value of shear_modulus" })
        #expect(r.rows.allSatisfy { $0.values.allSatisfy { $0.join == nil } })
        #expect(r.scopeInfo.valuesJoined == 0)
        #expect(r.scopeNotes.contains { $0.hasPrefix("join: id") })
        // The command-line override does the same on a profile that asks for join: formula.
        let o = try ProfileScreening.run(try profile(), store: store, scope: .init(join: .id))
        #expect(o.rows.map(\.candidate.id).sorted() == ["Na2O", "Na2S"])
    }

    @Test("aggregate: one row per reduced formula, values pooled over the entries by the combine rule")
    func aggregatePools() throws {
        let (folder, store) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try ProfileScreening.run(try profile(categories: "[sei_inorganic, computed]", extra: "polymorphs: aggregate"), store: store)
        // 8 entries → 5 rows; the NaF row is named after the hand-curated NaF, and a lone
        // computed entry's row after its composition (mp-463 → KF): under aggregate a row is a composition.
        #expect(r.scopeInfo.entriesInScope == 8 && r.scopeInfo.rows == 5 && r.scopeInfo.rowsFromSeveralEntries == 2)
        #expect(r.rows.map(\.candidate.id).sorted() == ["KF", "Na2O", "Na2S", "NaCl", "NaF"])
        let kf = r.rows.first { $0.candidate.id == "KF" }
        #expect(r.entries(of: "KF") == ["mp-463"] && kf?.candidate.name == "KF")   // a row is named by its composition; its entries listed
        let naf = try #require(r.rows.first { $0.candidate.id == "NaF" })
        #expect(r.entries(of: "NaF") == ["NaF", "mp-1234", "mp-682"] && naf.candidate.category == .seiInorganic)
        #expect(naf.values[0].raw == 6.1)        // median(10.5, 6.1, 5.9)
        #expect(naf.values[0].join?.kind == .pooled && naf.values[0].evidence.count == 3)
        #expect(naf.values[0].label == "pooled over NaF, mp-1234, mp-682 (3 values)")
        #expect(naf.values[1].raw == 32)         // median(30, 34)
        let nacl = try #require(r.rows.first { $0.candidate.id == "NaCl" })
        #expect(nacl.values[0].raw == 8.5 && nacl.values[0].join == nil)    // only NaCl's own value
        #expect(nacl.values[1].raw == 14 && nacl.values[1].join?.ids == ["mp-22862"])
        #expect(r.scopeNotes.contains { $0.hasPrefix("polymorphs: aggregate — 8 entries in 5 rows") })

        // Computed entries only, join formula: the hand-curated NaF's value is pooled in too
        // (out of scope, same composition); with join id it is not.
        let computed = try ProfileScreening.run(try profile(categories: "[computed]", extra: "polymorphs: aggregate"), store: store)
        let nafC = try #require(computed.rows.first { $0.candidate.id == "NaF" })
        #expect(computed.entries(of: "NaF") == ["mp-1234", "mp-682"] && nafC.candidate.name == "NaF")
        #expect(nafC.values[0].raw == 6.1 && nafC.values[0].evidence.count == 3)
        // mp-22862 alone makes the row NaCl, whose band gap comes from the hand-curated NaCl (joined).
        let naclC = try #require(computed.rows.first { $0.candidate.id == "NaCl" })
        #expect(computed.entries(of: "NaCl") == ["mp-22862"] && naclC.values[0].raw == 8.5 && naclC.values[0].join?.ids == ["NaCl"])
        let idOnly = try ProfileScreening.run(try profile(categories: "[computed]", extra: "polymorphs: aggregate\njoin: id"), store: store)
        #expect(idOnly.rows.first { $0.candidate.id == "NaF" }?.values[0].raw == 6.0)   // median(6.1, 5.9)
        #expect(idOnly.excluded.map(\.candidate.id) == ["NaCl"] && idOnly.excluded[0].candidate.note?.contains("mp-22862") == true)   // no band gap of its own
    }

    @Test("aggregate rows are named by a readable spelling, else the conventional formula, never a unit cell")
    func aggregateNames() throws {
        // (id, category, formula): hand-curated and imported spellings of six compositions.
        let table: [(String, CandidateCategory, String)] = [
            ("Na2SO4", .seiInorganic, "Na2SO4"), ("mbform-1", .computed, "Na4O8S2"),
            ("mbform-2", .computed, "F1Na1"), ("mbgap-2", .computed, "F1Na1"), ("mbform-3", .computed, "Na2F2"),
            ("mbform-4", .computed, "Al1Na1O2"), ("mp-9212", .computed, "NaAlO2"), ("mbgap-4", .computed, "Al2Na2O4"),
            ("mbform-5", .computed, "Na6O6"), ("mbgap-5", .computed, "Na6O6"), ("mp-2340", .computed, "Na2O2"),
            ("mbform-6", .computed, "N12Na4Si8"),
            ("x-7", .computed, "ClNaO3"),
            ("PhS2Na2", .seiOrganic, "C6H4Na2S2"), ("x-8", .computed, "C3H2NaS"),
        ]
        let entries = try table.map { id, category, formula in
            let f = try ChemicalFormula(formula)
            return CandidateComposition(candidate: Candidate(id: id, name: id, formula: formula, category: category, note: nil),
                                        reducedFormula: f.reducedKey, elementsText: f.elements.joined(separator: " "))
        }
        // The stored candidates are the entries: a row's name that is an entry's id is looked up there.
        let stored = Dictionary(uniqueKeysWithValues: entries.map { ($0.candidate.id, $0.reducedFormula) })
        let units = ProfileScreening.rows(entries, settings: .init(polymorphs: .aggregate),
                                          storedReducedFormulas: { names in stored.filter { names.contains($0.key) } })
        var byName: [String: String] = [:]
        for unit in units { byName[unit.members.joined(separator: ",")] = unit.candidate.id }
        // The hand-curated spelling is kept; unit cells alone give the conventional formula.
        #expect(byName["Na2SO4,mbform-1"] == "Na2SO4")
        #expect(byName["mbform-2,mbgap-2,mbform-3"] == "NaF")            // not the more common F1Na1
        #expect(byName["mbform-4,mp-9212,mbgap-4"] == "NaAlO2")          // the Materials Project's own spelling
        #expect(byName["mbform-5,mbgap-5,mp-2340"] == "Na2O2")           // pymatgen's peroxide, not the more common Na6O6
        #expect(byName["mbform-6"] == "NaSi2N3")
        #expect(byName["x-7"] == "NaClO3")                               // an alphabetical key is not a spelling
        #expect(byName["PhS2Na2,x-8"] == "C6H4Na2S2")                    // hand-curated first, even unreduced
        #expect(units.first { $0.candidate.id == "NaF" }?.candidate.formula == "NaF")
        #expect(units.first { $0.candidate.id == "NaF" }?.candidate.note == "3 entries with the reduced formula NaF, ranked as one: mbform-2, mbgap-2, mbform-3")

        // Past 16 distinct spellings the tally is indexed: the same choice. NaAlO2, the 18th, is
        // written by three entries (one hand-curated); the 17 others by one each; the unreadable
        // F1Na1, written five times, never counts.
        func entry(_ i: Int, _ formula: String, _ category: CandidateCategory) -> Candidate {
            Candidate(id: "e-\(i)", name: formula, formula: formula, category: category, note: nil)
        }
        var many = (0..<17).map { entry($0, "Na\($0 + 2)Cl\($0 + 2)X", .seiInorganic) }
        many += [entry(17, "NaAlO2", .seiInorganic), entry(18, "NaAlO2", .computed)]
        many += (19..<24).map { entry($0, "F1Na1", .computed) } + [entry(24, "NaAlO2", .computed)]
        #expect(ProfileScreening.writtenSpelling(many) == "NaAlO2")
        #expect(ProfileScreening.writtenSpelling(Array(many.prefix(17))) == "Na2Cl2X")   // all once: shortest, then alphabetical
        #expect(ProfileScreening.writtenSpelling(Array(many.suffix(6))) == "NaAlO2")
        #expect(ProfileScreening.writtenSpelling((19..<24).map { entry($0, "F1Na1", .computed) }) == nil)
        // Hand-curated beats more common: one curated NaOH against three imported readable NaHO.
        #expect(ProfileScreening.writtenSpelling([entry(1, "NaHO", .computed), entry(2, "NaOH", .seiInorganic),
                                                  entry(3, "NaHO", .computed), entry(4, "NaHO", .computed)]) == "NaOH")

        #expect(ProfileScreening.isReadableSpelling("NaF") && ProfileScreening.isReadableSpelling("Na15Sn4"))
        #expect(ProfileScreening.isReadableSpelling("Na3V2(PO4)3") && ProfileScreening.isReadableSpelling("Na1.17Sn2"))
        #expect(ProfileScreening.isReadableSpelling("O2") && ProfileScreening.isReadableSpelling("AlN"))
        for unitCell in ["F1Na1", "Cr3Ni1", "Na4O8S2", "Na2F2", "O4", "FNa", "Na2O4S", "Na1", "not a formula"] {
            #expect(!ProfileScreening.isReadableSpelling(unitCell), "\(unitCell)")
        }
        // A whole "1", in ASCII bytes and in other texts alike: not part of 15, 0.1 or 1.17, nor of
        // a number in other digits ("²1").
        for (text, whole) in [("Na1Cl1", true), ("Cr3Ni1", true), ("1", true), ("Na15Sn4", false), ("Na0.1Cl", false),
                              ("Na1.17Sn2", false), ("NaCl", false), ("Na1Cl·2H2O", true), ("Na²1Cl·H2O", false), ("NaCl·H2O", false)] {
            #expect(ProfileScreening.hasWholeOne(text) == whole, "\(text)")
        }
    }

    @Test("the composition filter removes by count, not one exclusion per candidate; no formula never passes")
    func filterCounts() throws {
        let (folder, store) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try ProfileScreening.run(try profile(categories: "[sei_inorganic, sei_organic]", extra: "filter: {contains: [Na], exclude: [O]}"), store: store)
        #expect(r.rows.map(\.candidate.id).sorted() == ["Na2S", "NaCl", "NaF"])
        #expect(r.excluded.isEmpty)
        #expect(r.scopeInfo.inCategories == 5 && r.scopeInfo.removedByFilter == 2 && r.scopeInfo.removedWithoutFormula == 1)
        #expect(r.scopeNotes[0] == "scope: filter (contains Na; excludes O) removed 2 of 5 candidates (sei_inorganic, sei_organic), 1 of them for having no formula (elements unknown); 3 in scope")
        // Command-line filters intersect with the profile's.
        let both = try ProfileScreening.run(try profile(categories: "[sei_inorganic, sei_organic]", extra: "filter: {contains: [Na], exclude: [O]}"),
                                            store: store, scope: .init(filter: try CompositionFilter(elements: ["Na", "F", "Cl"])))
        #expect(both.rows.map(\.candidate.id).sorted() == ["NaCl", "NaF"])
        #expect(both.scopeInfo.settings.filter.description == "contains Na; only Na, F, Cl; excludes O")
    }

    @Test("screen rank states the policy in its JSON and table output; flags override the profile")
    func rankCommandStatesScope() throws {
        let (folder, store) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = store
        let yaml = folder.appendingPathComponent("join.yaml")
        try write("""
            name: join
            categories: [sei_inorganic, computed]
            method: wsm
            criteria:
              - {label: gap, property: band_gap, goal: max, weight: 0.5}
              - {label: G, property: shear_modulus, goal: max, weight: 0.5}
            """, to: yaml)
        let db = folder.appendingPathComponent("db.sqlite").path
        let out = try runScreen(["rank", "--profile", yaml.path, "--db", db, "--format", "json", "--polymorphs", "aggregate", "--join", "formula", "--contains", "Na"])
        #expect(out.status == 0, "\(out.stderr)")
        let json = try #require(try parseJSON(out.stdout) as? [String: Any])
        let scope = try #require(json["scope"] as? [String: Any])
        #expect(scope["polymorphs"] as? String == "aggregate" && scope["join"] as? String == "formula")
        #expect(scope["entries_in_scope"] as? Int == 7 && scope["rows"] as? Int == 4 && scope["rows_from_several_entries"] as? Int == 2)
        #expect((scope["filter"] as? [String: Any])?["contains"] as? [String] == ["Na"])
        #expect((scope["notes"] as? [String])?.contains { $0.hasPrefix("polymorphs: aggregate") } == true)
        let alternatives = try #require(json["alternatives"] as? [[String: Any]])
        let naf = try #require(alternatives.first { $0["id"] as? String == "NaF" })
        let gap = try #require((naf["values"] as? [String: Any])?["gap"] as? [String: Any])
        #expect((gap["joined"] as? [String: Any])?["ids"] as? [String] == ["NaF", "mp-1234", "mp-682"])

        let table = try runScreen(["rank", "--profile", yaml.path, "--db", db, "--join", "id"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("polymorphs: keep") && table.stdout.contains("join: id"))

        let bad = try runScreen(["rank", "--profile", yaml.path, "--db", db, "--exclude", "Pb,Qq"])
        #expect(bad.status != 0 && bad.stderr.contains("'Qq'"))
    }
}
