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

/// `screen stability` and the stored stability descriptors, through the database: the rows of
/// the bundled formation energies whose elements all lie in Na–Al–O–F–S are imported through a
/// mapping (the hulls of those systems are complete then), and the results are compared with
/// pymatgen's values in Fixtures/stability/pymatgen-selected.json.
@Suite("screen stability and the stored stability descriptors", .serialized)
struct StabilityCommandTests {
    static let allowed: Set<String> = ["Na", "Al", "O", "F", "S"]

    /// A database with the review data and the formation energies of Na–Al–O–F–S.
    static let database: Result<(db: String, ids: [String: String]), any Error> = Result {
        let db = try databaseWithFormationEnergies(of: allowed)
        let references = try ThermodynamicsTests.reference("pymatgen-selected.json")
        var ids: [String: String] = [:]
        for r in references { ids[r["formula"] as! String] = r["entry"] as? String }
        return (db, ids)
    }

    @Test("The JSON has the documented layout and pymatgen's values")
    func json() throws {
        let (db, _) = try Self.database.get()
        let result = try runScreen(["stability", "--db", db, "--formula", "NaF,Al2O3,Na2SO4", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try parseJSON(result.stdout) as! [String: Any]
        #expect(json["open_element"] as? String == "Na")
        let entries = json["entries"] as! [[String: Any]]
        #expect(entries.count == 3)
        for key in ["formula", "e_above_hull", "decomposition", "window", "products_at_open_element",
                    "reduction_onset", "reaction_energy_with_open_element", "profile"] {
            #expect(entries.allSatisfy { $0.keys.contains(key) }, "missing \(key)")
        }
        let references = try ThermodynamicsTests.reference("pymatgen-selected.json")
        for (entry, name) in zip(entries, ["NaF", "Al2O3", "Na2SO4"]) {
            let ref = references.first { $0["formula"] as? String == name }!
            let window = entry["window"] as! [String: Any]
            let refWindow = ref["stability_window"] as! [String: Any]
            #expect(abs((window["low"] as! Double) - (refWindow["low"] as! Double)) < 1e-4)
            #expect((window["high"] as? Double).map { abs($0 - (refWindow["high"] as! Double)) < 1e-4 } ?? (refWindow["high"] is NSNull))
            #expect(abs((entry["reaction_energy_with_open_element"] as! Double) - (ref["reaction_energy_with_open_element"] as! Double)) < 1e-6)
            #expect(abs((entry["reduction_onset"] as! Double) - (ref["reduction_onset"] as! Double)) < 1e-4)
            let steps = entry["profile"] as! [[String: Any]]
            #expect(steps.count == (ref["element_profile"] as! [Any]).count)
        }
    }

    @Test("A composition both named and matched by the filter is analysed once, where it was named")
    func namedAndFiltered() throws {
        let (db, _) = try Self.database.get()
        func formulas(_ arguments: [String]) throws -> [String] {
            let result = try runScreen(["stability", "--db", db, "--format", "json"] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            return ((try parseJSON(result.stdout) as! [String: Any])["entries"] as! [[String: Any]]).map { $0["formula"] as! String }
        }
        let filtered = try formulas(["--elements", "Na,F"])
        #expect(filtered.contains("NaF"))
        let both = try formulas(["--formula", "Na2F2,Al2O3", "--elements", "Na,F"])
        #expect(both == ["NaF", "Al2O3"] + filtered.filter { $0 != "NaF" })   // reports give the reduced formula
    }

    @Test("Stored descriptors: energy above hull, window and reaction energy on the right entries")
    func storedDescriptors() throws {
        let (db, ids) = try Self.database.get()
        let store = try DescriptorStore(path: db)
        let references = try ThermodynamicsTests.reference("pymatgen-selected.json")
        func value(_ id: String, _ property: String) throws -> Double? {
            try store.measurements(candidate: id).first { $0.property == property && $0.method == StabilityDescriptors.method }?.value
        }
        for name in ["NaF", "Al2O3", "Na2SO4", "AlF3", "Na3AlF6", "NaAlO2", "Na2O", "Na2S"] {
            let ref = references.first { $0["formula"] as? String == name }!
            let id = ids[name]!
            #expect(try value(id, "energy_above_hull").map { abs($0 - (ref["e_above_hull"] as! Double)) < 1e-6 } == true, "\(name)")
            let window = ref["stability_window"] as? [String: Any]
            #expect(try value(id, "reduction_limit_vs_na").map { abs($0 - (window!["low"] as! Double)) < 1e-4 } ?? (window == nil), "\(name)")
            #expect(try value(id, "oxidation_limit_vs_na").map { abs($0 - (window!["high"] as! Double)) < 1e-4 } ?? (window?["high"] is NSNull || window == nil), "\(name)")
            #expect(try value(id, "reaction_energy_with_na").map { abs($0 - (ref["reaction_energy_with_open_element"] as! Double)) < 1e-6 } == true, "\(name)")
            #expect(try value(id, "reduction_onset_vs_na").map { abs($0 - (ref["reduction_onset"] as! Double)) < 1e-4 } == true, "\(name)")
        }
        // Sodium metal reduces Al2O3, Na2SO4, AlF3 and Na3AlF6, and none of the others (pymatgen's onsets).
        #expect(try value(ids["Al2O3"]!, "reduction_onset_vs_na")! > 0.38 && value(ids["NaF"]!, "reduction_onset_vs_na") == 0)
        // Every formation energy has exactly one energy above the hull.
        let fe = try store.values(of: "formation_energy").count
        let above = try store.values(of: "energy_above_hull").count
        #expect(fe == above && fe > 0)
    }

    @Test("Recomputed, never duplicated, when formation energies are imported again")
    func recomputed() throws {
        let (db, _) = try Self.database.get()
        let store = try DescriptorStore(path: db)
        let before = try store.values(of: "energy_above_hull").count
        let summary = try StabilityDescriptors.refresh(store: store)
        #expect(summary.replaced == summary.stored)
        #expect(try store.values(of: "energy_above_hull").count == before)
    }

    @Test("Bad requests are refused with the flag or the element named")
    func badRequests() throws {
        let (db, _) = try Self.database.get()
        let unknown = try runScreen(["stability", "--db", db, "--formula", "NaCl"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("NaCl") && unknown.stderr.contains("Cl"), "\(unknown.stderr)")
        let nothing = try runScreen(["stability", "--db", db])
        #expect(nothing.status != 0 && nothing.stderr.contains("--formula"))
        let badOpen = try runScreen(["stability", "--db", db, "--formula", "NaF", "--open", "Qq"])
        #expect(badOpen.status != 0 && badOpen.stderr.contains("--open"))
        let badFormula = try runScreen(["stability", "--db", db, "--formula", "Na2(SO4"])
        #expect(badFormula.status != 0 && badFormula.stderr.contains("--formula"))
    }
}
