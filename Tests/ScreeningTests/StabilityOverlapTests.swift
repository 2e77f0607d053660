import Foundation
import GRDB
import Synchronization
import Testing
@testable import ScreenCore
@testable import ScreenStore
@testable import ScreenThermodynamics

/// The stability descriptors computed beside an import (started from the values read ahead from its
/// file, written by the import in its transaction as the workers deliver) are the values and the
/// order of a refresh run on its own, on any number of threads; what is handed over is what the
/// import leaves; a computation that fails writes nothing, and takes its import with it.
@Suite("Stability computed beside the import", .serialized)
struct StabilityOverlapTests {
    /// The stability rows of `db` in the order stored (ids aside: a refresh writes new ones).
    static func stabilityRows(_ db: String) throws -> [String] {
        let queue = try DatabaseQueue(path: db)
        let marks = StabilityDescriptors.properties.map { "'\($0)'" }.joined(separator: ", ")
        return try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT candidate_id, property, value, conditions, note FROM measurements WHERE property IN (\(marks)) ORDER BY id
                """).map { "\($0[0] as String)|\($0[1] as String)|\(($0[2] as Double).bitPattern)|\($0[3] as String)|\($0[4] as String)" }
        }
    }

    @Test("the values written beside the import are those of a refresh after it, with 1 or 3 workers")
    func sameAsRefresh() throws {
        // `db import` (through MappedImportRun) starts the computation inside the import.
        let db = try databaseWithFormationEnergies(of: ["Na", "Al", "O", "F", "S"])
        let beside = try Self.stabilityRows(db)
        #expect(beside.count > 300)  // 394 rows from the 5-element subset: many systems, several per worker
        let store = try DescriptorStore(path: db)
        for threads in [1, 3] {
            let summary = try StabilityDescriptors.refresh(store: store, threads: threads)
            #expect(summary.replaced == beside.count && summary.stored == beside.count)
            #expect(try Self.stabilityRows(db) == beside, "threads: \(threads)")
        }
    }

    /// Imports `csv` (columns id, formula, energy) through a formation-energy mapping into a fresh
    /// database built from the review data, recording what the import hands over.
    static func importRecordingHandOvers(_ csv: String, existing: String) throws
        -> (handOvers: [[PropertyValue]], readAhead: [PropertyValue]?, stored: [PropertyValue]) {
        let folder = try temporaryFolder()
        try write(csv, to: folder.appendingPathComponent("fe.csv"))
        try write(formationEnergyMapping(method: "DFT (test)", source: "test rows", existing: existing),
                  to: folder.appendingPathComponent("fe.yaml"))
        let db = folder.appendingPathComponent("db.sqlite").path
        let built = try runScreen(["db", "build", "--db", db])
        #expect(built.status == 0, "\(built.stderr)")
        let store = try DescriptorStore(path: db)
        let (file, mapping) = (folder.appendingPathComponent("fe.csv"), try ImportMapping.load(folder.appendingPathComponent("fe.yaml")))
        // The read-ahead on its own, before the import (no formation energies stored yet).
        let alone = ValuesReadAhead(early: EarlyValues(property: "formation_energy") { _ in }, stored: [], url: file,
                                    mapping: mapping, format: try mapping.resolvedFormat(for: file), file: "fe.csv",
                                    masses: nil, massFile: nil).values
        let handOvers = Mutex<[[PropertyValue]]>([])
        let early = EarlyValues(property: "formation_energy") { values in handOvers.withLock { $0.append(values) } }
        _ = try store.importMapped(file: file, mapping: mapping, early: early)
        return (handOvers.withLock { $0 }, alone, try store.values(of: "formation_energy"))
    }

    @Test("the formation energies read ahead from the file are handed over once, and are those the import leaves")
    func readAheadMatches() throws {
        // Ids out of file order: the values come in id order, as SQLite orders text (t-10 before t-2).
        let (handOvers, readAhead, stored) = try Self.importRecordingHandOvers("""
            id,formula,energy
            t-3,Na2O,-1.4
            t-1,Na,0
            t-2,O2,0
            t-10,NaO2,-0.9
            """, existing: "merge")
        #expect(stored.map(\.candidate) == ["t-1", "t-10", "t-2", "t-3"])
        #expect(stored.map(\.value) == [0, -0.9, 0, -1.4])
        #expect(readAhead == stored)
        #expect(handOvers.count == 1)
        #expect(handOvers.first == stored)
    }

    @Test("values the import changes while writing (a merge into a stored candidate) are handed over again, as stored")
    func readAheadReplacedOnMerge() throws {
        // `NaCl` is a review candidate (formula NaCl): merged, it keeps its stored formula, which the
        // read-ahead (every record taken as new) cannot know, so its guess says Cl1Na1.
        let (handOvers, readAhead, stored) = try Self.importRecordingHandOvers("""
            id,formula,energy
            NaCl,Cl1Na1,-2.1
            t-1,Na,0
            """, existing: "merge")
        #expect(stored.map(\.formula) == ["NaCl", "Na"])
        #expect(readAhead?.map(\.formula) == ["Cl1Na1", "Na"])
        #expect(handOvers.count == 2)
        #expect(handOvers.first == readAhead)
        #expect(handOvers.last == stored)
    }

    @Test("an import whose hulls fail is rolled back with them: its candidates and values, and the old stability values, are as before")
    func importRolledBackWithHulls() throws {
        let db = try databaseWithFormationEnergies(of: ["Na", "F"])
        func snapshot() throws -> (stability: [String], candidates: Int, energies: [PropertyValue]) {
            let store = try DescriptorStore(path: db)
            return (try Self.stabilityRows(db), try store.candidateIDs().count, try store.values(of: "formation_energy"))
        }
        let before = try snapshot()
        #expect(!before.stability.isEmpty)
        // NaCl with no elemental chlorine to stand on: its composition cannot be placed on a hull.
        let folder = try temporaryFolder()
        try write("id,formula,energy\nextra-1,NaCl,-2\nextra-2,Na2F2,-2.9\n", to: folder.appendingPathComponent("fe.csv"))
        try write(formationEnergyMapping(method: "DFT (test)", source: "test rows"), to: folder.appendingPathComponent("fe.yaml"))
        let imported = try runScreen(["db", "import", "--db", db, "--mapping", folder.appendingPathComponent("fe.yaml").path])
        #expect(imported.status != 0)
        #expect(imported.stderr.contains("Cl"), "\(imported.stderr)")
        let after = try snapshot()
        #expect(after.stability == before.stability)
        #expect(after.candidates == before.candidates)
        #expect(after.energies == before.energies)
    }

    @Test("a composition that cannot be placed on a hull fails the write, and the stored values stay")
    func failureRollsBack() throws {
        let db = try databaseWithFormationEnergies(of: ["Na", "F"])
        let before = try Self.stabilityRows(db)
        #expect(!before.isEmpty)
        let store = try DescriptorStore(path: db)
        // The database's own formation energies, and NaCl (the review's candidate) with no elemental
        // chlorine to stand on: no combination of stable phases has its composition. Its system comes
        // after the elements and Na–F, whose values the writer may have written by then.
        let values = try store.values(of: "formation_energy")
            + [PropertyValue(candidate: "NaCl", formula: "NaCl", value: -2, method: "test", source: "test")]
        let computation = StabilityDescriptors.Computation(values: values, threads: 2)
        #expect(throws: ThermodynamicsError.self) { try computation.write(to: store) }
        #expect(try Self.stabilityRows(db) == before)
    }
}
