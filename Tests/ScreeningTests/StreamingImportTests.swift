import Foundation
import GRDB
import Testing
import Screening
@testable import ScreenCore
@testable import ScreenStore

/// The mapped import writes each record as it reads it, inside its one transaction, and holds no
/// row: memory does not grow with the file. A problem anywhere still rejects the whole file.
@Suite("Streaming mapped import")
struct StreamingImportTests {
    /// Reads `data` through `mapping` into the database at `db` as `importMapped` does, inside a
    /// transaction that is rolled back; `check` sees each record and the rows written before it.
    func readInTransaction(db: String, data: URL, mapping: URL,
                           check: (MappedRecordReader.Record, _ rowsBefore: Int, _ rowsAfter: Int) -> Void) throws -> MappedRecordReader {
        let store = try DescriptorStore(path: db)
        let map = try ImportMapping.load(mapping)
        var kept: MappedRecordReader? = nil
        struct RollBack: Error {}
        do {
            try store.queue.write { d in
                let writer = try MappedImportWriter(d, mapping: map, reference: nil)
                var reader = MappedRecordReader(mapping: map, format: .csv, file: "gaps.csv", existing: writer.stored, masses: nil, massFile: nil)
                try reader.read(data) { record in
                    let before = try Int.fetchOne(d, sql: "SELECT count(*) FROM measurement_rows")!
                    try writer.add(record)
                    check(record, before, try Int.fetchOne(d, sql: "SELECT count(*) FROM measurement_rows")!)
                }
                kept = reader
                throw RollBack()
            }
        } catch is RollBack {}
        return kept!
    }

    @Test("each record is written as it is read; the reader keeps no record, only the ids it must check for repeats")
    func writesAsItReads() throws {
        let f = try BandGapImport(rows: 2_000)
        defer { f.remove() }
        let (db, data, mapping, folder) = (f.db, f.data, f.mapping, f.folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        var records = 0
        let reader = try readInTransaction(db: db, data: data, mapping: mapping) { record, rowsBefore, rowsAfter in
            records += 1
            // In the database before the next record is read: written, not held.
            #expect(rowsAfter == rowsBefore + record.measurements.count)
        }
        #expect(records == 2_000)
        #expect(reader.result.rows == 2_000)
        #expect(reader.result.entries.isEmpty && reader.result.measurements.isEmpty && reader.result.structureDerived.isEmpty)
        // Ids from a column are remembered to find repeats (all that grows with the file) …
        #expect(reader.rememberedIDs == 2_000)
        // … ids made from row numbers cannot repeat and are not.
        let rowIDs = folder.appendingPathComponent("rows.yaml")
        try write(try String(contentsOf: mapping, encoding: .utf8).replacingOccurrences(of: "id: id", with: "id: {row: y}"), to: rowIDs)
        #expect(try readInTransaction(db: db, data: data, mapping: rowIDs) { _, _, _ in }.rememberedIDs == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test("a bad last row after thousands written rejects the whole file; the database is byte-identical")
    func badLastRowRollsBack() throws {
        let f = try BandGapImport(rows: 5_000, lastLine: "x-last,NaCl,-1")
        defer { f.remove() }
        let (db, data, mapping) = (f.db, f.data, f.mapping)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let r = try runScreen(["db", "import", "--db", db, data.path, "--mapping", mapping.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("gaps.csv:5002: gap: -1 eV is outside the physical bounds of band_gap"), "\(r.stderr)")
        #expect(r.stderr.contains("error: 1 problem; nothing was written"), "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test("a file bad on every row: all problems counted, the first thousand kept, fifty shown; nothing written")
    func problemsCountedBeyondTheKept() throws {
        let f = try BandGapImport(rows: 0, lastLine: (1...2_500).map { "b-\($0),NaCl,not a number" }.joined(separator: "\n"))
        defer { f.remove() }
        let (db, data, mapping) = (f.db, f.data, f.mapping)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let store = try DescriptorStore(path: db)
        let error = #expect(throws: DescriptorProblems.self) {
            try store.importMapped(file: data, mapping: try ImportMapping.load(mapping))
        }
        #expect(error?.problems.count == MappedRecordReader.problemLimit && error?.count == 2_500)
        #expect(error?.problems.last?.line == MappedRecordReader.problemLimit + 1)
        #expect(error?.description.hasSuffix("… and 2450 more problems") == true)
        #expect(error?.printedForm.hasSuffix("error: 2500 problems; nothing was written") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test("the rows land in the whole-file order: file values, structure values, elastic, Monroe–Newman; cost and supply risk are the compositions'")
    func rowsInWholeFileOrder() throws {
        let f = try BandGapImport(rows: 0)
        defer { f.remove() }
        let (db, folder) = (f.db, f.folder)
        func structure(_ a: String, _ b: String) -> String {
            #"{"lattice": {"volume": 45.0}, "sites": [{"species": [{"element": "\#(a)", "occu": 1}]}, {"species": [{"element": "\#(b)", "occu": 1}]}]}"#
        }
        try write("""
            [{"id": "t-1", "f": "NaF", "k": 46, "g": 31000, "s": \(structure("Na", "F"))},
             {"id": "t-2", "f": "NaCl", "k": 25, "g": 15000, "s": \(structure("Na", "Cl"))}]
            """, to: folder.appendingPathComponent("x.json"))
        // The JSON mapping of the import tests, records at the top level.
        try write(MappedImportTests.jsonMapping.replacingOccurrences(of: "records: data.entries\n", with: ""),
                  to: folder.appendingPathComponent("x.yaml"))
        let first = try count(db, "SELECT max(id) FROM measurement_rows")
        let compositionValues = try count(db, "SELECT count(*) FROM composition_values")
        let r = try runScreen(["db", "import", "--db", db, folder.appendingPathComponent("x.json").path,
                               "--mapping", folder.appendingPathComponent("x.yaml").path])
        #expect(r.status == 0, "\(r.stderr)")
        let (rows, shared) = try DescriptorStore(path: db).queue.read { d in
            (try Row.fetchAll(d, sql: "SELECT candidate_id, property FROM stored_measurements WHERE id > ? ORDER BY id", arguments: [first])
                .map { "\($0[0] as String) \($0[1] as String)" },
             try Row.fetchAll(d, sql: "SELECT candidate_id, property FROM composition_measurements WHERE candidate_id LIKE 't-%' ORDER BY id")
                .map { "\($0[0] as String) \($0[1] as String)" })
        }
        #expect(rows == [
            "t-1 bulk_modulus", "t-1 shear_modulus", "t-2 bulk_modulus", "t-2 shear_modulus",
            "t-1 density", "t-1 volume_per_atom", "t-2 density", "t-2 volume_per_atom",
            "t-1 youngs_modulus", "t-1 poisson_ratio", "t-2 youngs_modulus", "t-2 poisson_ratio",
            "t-1 monroe_newman_ratio", "t-2 monroe_newman_ratio",
        ])
        // Cost and supply risk are their compositions' (version 11), stored once by `db build` for
        // the review's NaF and NaCl: the import wrote none.
        #expect(shared.sorted() == ["t-1 cost", "t-1 supply_risk_hhi", "t-2 cost", "t-2 supply_risk_hhi"])
        #expect(try count(db, "SELECT count(*) FROM composition_values") == compositionValues)
        #expect(try count(db, "SELECT count(*) FROM candidates WHERE reduced_formula IN ('FNa', 'ClNa') AND id NOT LIKE 't-%'") >= 2)
    }

    @Test("past the point where a large import drops the indexes, merged candidates still find their stored partners and values; the indexes come back")
    func mergesAfterTheIndexesAreDropped() throws {
        let f = try BandGapImport(rows: 0)
        defer { f.remove() }
        let (db, folder) = (f.db, f.folder)
        func mapping(_ name: String, _ property: String) throws -> URL {
            let url = folder.appendingPathComponent("\(name).yaml")
            try write("""
                format: csv
                file: \(name).csv
                id: id
                formula: formula
                method: "DFT (test)"
                source: "one test data set"
                properties:
                  \(property): {column: v, unit: GPa}
                """, to: url)
            return url
        }
        let merged = ["m-1,NaF,31", "m-2,NaCl,15", "m-3,NaBr,12"]
        try write("id,formula,v\n" + merged.joined(separator: "\n") + "\n", to: folder.appendingPathComponent("shear.csv"))
        #expect(try runScreen(["db", "import", "--db", db, "--mapping", try mapping("shear", "shear_modulus").path]).status == 0)
        // 25,000 new candidates, then the three stored ones: merged after the indexes were dropped.
        let news = (1...25_000).map { "n-\($0),Na\($0)Cl\($0 + 1),\(10 + $0 % 50)" }
        let bulk = ["m-1,NaF,46", "m-2,NaCl,25", "m-3,NaBr,20"]
        try write("id,formula,v\n" + (news + bulk).joined(separator: "\n") + "\n", to: folder.appendingPathComponent("bulk.csv"))
        let r = try runScreen(["db", "import", "--db", db, "--mapping", try mapping("bulk", "bulk_modulus").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("25003 rows read, 25000 new candidates, 3 merged"), "\(r.stdout)")
        for id in ["m-1", "m-2", "m-3"] {
            #expect(try count(db, "SELECT count(*) FROM measurements WHERE candidate_id = ? AND property IN ('youngs_modulus', 'poisson_ratio')", [id]) == 2)
        }
        let e: Double? = try scalar(db, "SELECT value FROM measurements WHERE candidate_id = 'm-1' AND property = 'youngs_modulus'")
        #expect(e.map { abs($0 - 9 * 46 * 31 / (3 * 46 + 31.0)) < 1e-9 } == true)
        let indexes = try DescriptorStore(path: db).queue.read { d in
            try String.fetchAll(d, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        }
        #expect(indexes == ["candidates_by_reduced_formula", "measurements_by_candidate", "texts_by_hash"])
        // The same values again from another file (25,000 other new rows first): refused, named.
        let others = (1...25_000).map { "o-\($0),Na\($0)F\($0 + 1),\(10 + $0 % 50)" }
        try write("id,formula,v\n" + (others + bulk).joined(separator: "\n") + "\n", to: folder.appendingPathComponent("again.csv"))
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let again = try runScreen(["db", "import", "--db", db, "--mapping", try mapping("again", "bulk_modulus").path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("again.csv:25002: bulk_modulus: candidate 'm-1' already has this value from this source"), "\(again.stderr)")
        #expect(again.stderr.contains("error: 3 problems; nothing was written"), "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }
}
