import Foundation
import GRDB
import Testing
@testable import ScreenCore
@testable import ScreenStore
@testable import ScreenThermodynamics

/// The stability descriptors computed beside an import (started inside its transaction, written
/// after it as the workers deliver) are the values and the order of a refresh run on its own, on
/// any number of threads; a computation that fails writes nothing.
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
