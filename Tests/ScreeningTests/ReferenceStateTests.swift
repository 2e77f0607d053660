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

/// One scale per column: a binding energy records what it is relative to (an isolated Na atom,
/// bulk sodium, or not stated), the database and exports carry it, and a profile criterion ranks
/// on one scale only. Also the split of the old `activation_energy` and the electrolyte additives'
/// own category.
@Suite("Reference states of binding energies")
struct ReferenceStateTests {
    let header = measurementHeader.replacingOccurrences(of: "\n", with: ",reference_state\n")

    func parse(_ rows: String) throws -> (DescriptorSet, [InputError]) {
        var problems: [InputError] = []
        let set = DescriptorParser.parse(try CSVTable(text: header + rows, file: "m.csv"), as: .measurements, problems: &problems)
        return (set, problems)
    }

    @Test("a binding energy without a reference state is refused, naming file, line and field")
    func requiredForBindingEnergy() throws {
        let (set, problems) = try parse("""
            X,band_gap,5,,,,,eV,experiment,,,[1],,,
            X,na_binding_energy,1.9,,,,,eV,DFT,,binding_positive,[182],,,

            """)
        #expect(set.measurements.count == 1)
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.file == "m.csv" && p.line == 3 && p.field == "reference_state")
        #expect("\(p)".contains("m.csv:3") && "\(p)".contains("reference_state") && "\(p)".contains("required for na_binding_energy"))
        // An old file without the column is refused the same way for its binding energies.
        var old: [InputError] = []
        _ = DescriptorParser.parse(try CSVTable(text: measurementHeader + "X,na_binding_energy,1.9,,,,,eV,DFT,,binding_positive,[182],,\n", file: "old.csv"),
                                   as: .measurements, problems: &old)
        #expect(old.map(\.field) == ["reference_state"] && old.first?.line == 2)
    }

    @Test("an unknown reference state, or one on another property, is refused", arguments: [
        ("X,na_binding_energy,1.9,,,,,eV,DFT,,binding_positive,[182],,,gas_phase", "is not a reference state"),
        ("X,band_gap,5,,,,,eV,experiment,,,[1],,,isolated_atom", "band_gap has no reference state"),
    ])
    func refused(row: String, reason: String) throws {
        let (set, problems) = try parse(row + "\n")
        #expect(set.measurements.isEmpty)
        #expect(problems.count == 1)
        #expect(problems.first?.field == "reference_state" && problems.first?.line == 2)
        #expect(problems.first.map { "\($0)".contains(reason) } == true, "\(problems)")
    }

    @Test("each accepted reference state is parsed; the sign convention still applies")
    func accepted() throws {
        let (set, problems) = try parse("""
            A,na_binding_energy,1.9,,,,,eV,DFT,,binding_positive,[182],,,isolated_atom
            B,na_binding_energy,-0.19,,,,,eV,DFT,,adsorption_negative,[175],,,bulk_sodium
            C,na_binding_energy,-2.29,,,,,eV,DFT,,adsorption_negative,[183],,,not_stated

            """)
        #expect(problems.isEmpty, "\(problems)")
        #expect(set.measurements.map(\.referenceState) == [.isolatedAtom, .bulkSodium, .notStated])
        #expect(set.measurements.map(\.value) == [-1.9, -0.19, -2.29])
    }

    /// A: isolated atom −2.0 eV and bulk sodium +0.5 eV; B: bulk sodium −0.3 eV only; C: not stated
    /// −2.3 eV; D: isolated atom −1.0 eV only.
    func store() throws -> (URL, DescriptorStore) {
        let candidates = candidateHeader + "A,A,,sac,\nB,B,,sac,\nC,C,,sac,\nD,D,,sac,\n"
        let m = header + """
            A,na_binding_energy,2.0,,,,,eV,DFT,,binding_positive,[t1],,,isolated_atom
            A,na_binding_energy,0.5,,,,,eV,DFT,,adsorption_negative,[t2],,,bulk_sodium
            B,na_binding_energy,-0.3,,,,,eV,DFT,,adsorption_negative,[t2],,,bulk_sodium
            C,na_binding_energy,-2.3,,,,,eV,DFT,,adsorption_negative,[t3],,,not_stated
            D,na_binding_energy,1.0,,,,,eV,DFT,,binding_positive,[t1],,,isolated_atom
            A,band_gap,1,,,,,eV,DFT,,,[t],,,

            """
        let folder = try makeDescriptorFolder(candidates: candidates, measurements: m)
        return (folder, try DescriptorStore.build(from: folder, to: folder.appendingPathComponent("db.sqlite").path))
    }

    @Test("the database, db show and every export format carry the reference state")
    func storedAndExported() throws {
        let (folder, store) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try store.measurements(candidate: "A").filter { $0.property == "na_binding_energy" }.map(\.referenceState) == [.isolatedAtom, .bulkSodium])
        #expect(try store.measurements(candidate: "A").first { $0.property == "band_gap" }?.referenceState == nil)
        let stored: String? = try store.queue.read { try String.fetchOne($0, sql: "SELECT reference_state FROM measurements WHERE candidate_id = 'B'") }
        #expect(stored == "bulk_sodium")
        let csv = try DescriptorExport.csv(store, what: .measurements)
        let table = try CSVTable(text: csv, file: "export.csv")
        let column = try #require(table.header.firstIndex(of: "reference_state"))
        let states = table.records.map { $0.fields[column] }
        #expect(states.sorted() == ["", "bulk_sodium", "bulk_sodium", "isolated_atom", "isolated_atom", "not_stated"])
        let json = try DescriptorExport.json(store).rendered()
        #expect(json.contains("\"reference_state\": \"not_stated\"") || json.contains("\"reference_state\":\"not_stated\""))
        let sheet = try CandidateSheet(store: store, id: "B")
        #expect(sheet.text().contains("adsorption_negative, vs bulk_sodium"))
    }

    func profile(_ scale: String) -> String {
        """
        name: t
        categories: [sac]
        method: wsm
        normalization: max
        criteria:
          - label: affinity
            property: na_binding_energy
            reference_state: \(scale)
            goal: target
            target: {ideal: [-3, -1.5], zero: [-5, 0.0], unit: eV}
            weight: 1
            missing: exclude
        """
    }

    @Test("a criterion restricted to one reference state ignores values on the other and values without one")
    func criterionTakesOneScale() throws {
        let (folder, store) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let iso = try ProfileScreening.run(try ProfileLoader.load(yaml: profile("isolated_atom"), file: "t.yaml"), store: store)
        let isoValues = Dictionary(uniqueKeysWithValues: iso.rows.map { ($0.candidate.id, $0.values.first?.raw) })
        #expect(isoValues == ["A": -2.0, "D": -1.0])                  // A: not the median of −2.0 and +0.5
        #expect(Set(iso.excluded.map(\.candidate.id)) == ["B", "C"])  // C's value states no reference
        let bulk = try ProfileScreening.run(try ProfileLoader.load(yaml: profile("bulk_sodium"), file: "t.yaml"), store: store)
        let values = Dictionary(uniqueKeysWithValues: bulk.rows.map { ($0.candidate.id, $0.values.first?.raw) })
        #expect(values == ["A": 0.5, "B": -0.3])
        #expect(Set(bulk.excluded.map(\.candidate.id)) == ["C", "D"])
        #expect(bulk.rows.first?.candidate.id == "B")                // −0.3 eV vs bulk Na is sodiophilic; +0.5 is not
    }

    @Test("a profile must say which scale a binding-energy criterion ranks on", arguments: [
        ("criteria:\n  - {property: na_binding_energy, goal: min, weight: 1}", "reference_state", "required for na_binding_energy"),
        ("criteria:\n  - {property: na_binding_energy, goal: min, weight: 1, reference_state: not_stated}", "reference_state", "is not a scale to rank on"),
        ("criteria:\n  - {property: band_gap, goal: max, weight: 1, reference_state: isolated_atom}", "reference_state", "band_gap has no reference state"),
    ])
    func profileProblems(body: String, key: String, reason: String) {
        do {
            _ = try ProfileLoader.load(yaml: "name: t\n" + body, file: "t.yaml")
            Issue.record("should fail")
        } catch let e as DescriptorProblems {
            let match = e.problems.first { $0.field == key }
            #expect(match?.line == 3, "\(e)")
            #expect(match.map { "\($0)".contains(reason) } == true, "\(e)")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("every bundled binding energy has a reference state, and the review's scales are told apart")
    func bundledRows() throws {
        let folder = bundledDescriptors.appendingPathComponent("measurements")
        var problems: [InputError] = []
        var all: [Screening.Measurement] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".csv") {
            let table = try CSVTable(text: String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8), file: file)
            all += DescriptorParser.parse(table, as: .measurements, problems: &problems).measurements
        }
        #expect(problems.isEmpty, "\(problems)")
        let binding = all.filter { $0.property == "na_binding_energy" }
        #expect(binding.count >= 20)
        #expect(binding.allSatisfy { $0.referenceState != nil })
        #expect(all.filter { $0.property != "na_binding_energy" }.allSatisfy { $0.referenceState == nil })
        func states(_ source: String) -> Set<String> {
            Set(binding.filter { $0.source == source }.map { $0.referenceState?.rawValue ?? "" })
        }
        #expect(states("[182]") == ["isolated_atom"])
        #expect(states("[153]") == ["isolated_atom"])
        #expect(states("[175]") == ["bulk_sodium"])
        #expect(states("[172]") == ["bulk_sodium"])
        #expect(states("[140]") == ["bulk_sodium"])
        #expect(states("[183]") == ["not_stated"])   // "adsorption energy of Na+": an ion, no reference given
        // Every row that is not on a stated scale says why in its note.
        for m in binding where m.referenceState == .notStated { #expect(m.note?.contains("not stated") == true, "\(m.origin)") }
        // The old mixed activation_energy is gone: each value sits under what it measures.
        #expect(PropertyCatalogue.property(named: "activation_energy") == nil)
        #expect(Set(all.filter { $0.source == "[167]" && $0.unitAsGiven == "kJ/mol" }.map(\.property)) == ["sei_resistance_activation_energy"])
        #expect(all.first { $0.candidate == "Na3P" && $0.source == "[62]" && $0.unitAsGiven == "kJ/mol" }?.property == "unspecified_energy_barrier")
        #expect(all.first { $0.candidate == "NaCl" && $0.property == "na_self_diffusion_activation_energy" }?.valueAsGiven == 0.84)
    }

    @Test("electrolyte additives are their own category, out of the sei profile's scope; the SEI they form holds its F content")
    func additives() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try DescriptorStore.build(from: bundledDescriptors, to: folder.appendingPathComponent("db.sqlite").path)
        let additives = Set(try store.candidates(in: [.electrolyteAdditive]).map(\.id))
        #expect(additives == ["4-APD", "PFMP", "C3mpyrFSI", "NaPF6", "FEC"])
        let sei = try ProfileLoader.load(bundledDescriptors.appendingPathComponent("profiles/sei.yaml"))
        let result = try ProfileScreening.run(sei, store: store)
        let inScope = Set(result.scope.map(\.candidate.id) + result.rows.map(\.candidate.id) + result.excluded.map(\.candidate.id))
        #expect(inScope.isDisjoint(with: additives))
        #expect(inScope.contains("4-APD-SEI") && inScope.contains("PFMP-SEI"))
        func fluorine(_ id: String) throws -> [Double?] {
            try store.measurements(candidate: id).filter { $0.property == "fluorine_content" }.map(\.valueAsGiven)
        }
        #expect(try fluorine("PFMP-SEI") == [27.2] && fluorine("FEC-PC-HFE-SEI") == [23.5])
        #expect(try fluorine("PFMP").isEmpty && fluorine("FEC").isEmpty)
    }
}
