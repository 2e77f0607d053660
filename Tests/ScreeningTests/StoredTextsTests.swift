import Foundation
import GRDB
import Testing
import Screening
@testable import ScreenCore
@testable import ScreenStore
@testable import ScreenThermodynamics

/// Schema version 7: every method, source, location and note text stored once in `texts`
/// (version 10: the conditions, distinct for nearly every derived value, in the row itself;
/// version 11: the values of a composition alone once per composition); the
/// view `measurements` reads as the version-6 table did; an older database is refused with the
/// commands that rebuild it.
/// A database built from the bundled descriptors (`db`, in a folder of its own) and a mapped CSV
/// (`data`, with its `mapping`, in `folder`) of `rows` sodium compounds (every fifth a polymorph of
/// the one before) with one band gap each, and `lastLine` at the end; `remove()` deletes both.
struct BandGapImport {
    let db: String
    let folder: URL, data: URL, mapping: URL
    private let dbFolder: URL

    init(rows: Int, lastLine: String? = nil) throws {
        (dbFolder, db) = try builtDatabase()
        folder = try temporaryFolder()
        var csv = "id,formula,gap\n"
        for i in stride(from: 1, through: rows, by: 1) {
            let n = i % 5 == 0 ? i - 1 : i
            csv += "x-\(i),Na\(n)Cl\(n + 1),\(Double(i % 90) / 10)\n"
        }
        if let lastLine { csv += lastLine + "\n" }
        data = folder.appendingPathComponent("gaps.csv")
        mapping = folder.appendingPathComponent("gaps.yaml")
        try write(csv, to: data)
        try write("""
            format: csv
            file: gaps.csv
            id: id
            formula: formula
            method: "DFT-PBE (stored-texts test)"
            source: "a test file of the stored-texts suite"
            note: "a note every row repeats"
            properties:
              band_gap: {column: gap, unit: eV}
            """, to: mapping)
    }

    func remove() {
        try? FileManager.default.removeItem(at: dbFolder)
        try? FileManager.default.removeItem(at: folder)
    }
}

@Suite("Texts stored once (schema 7, conditions in the row since 10)")
struct StoredTextsTests {
    @Test("an import stores its method, source and note once, however many rows repeat them; the view reads them in full")
    func textsStoredOnce() throws {
        let f = try BandGapImport(rows: 300)
        defer { f.remove() }
        let db = f.db
        let r = try runScreen(["db", "import", "--db", db, "--mapping", f.mapping.path])
        #expect(r.status == 0, "\(r.stderr)")
        for text in ["DFT-PBE (stored-texts test)", "a test file of the stored-texts suite", "a note every row repeats"] {
            #expect(try count(db, "SELECT count(*) FROM texts WHERE text = ?", [text]) == 1)
        }
        #expect(try count(db, "SELECT count(DISTINCT method_id) FROM measurement_rows WHERE property = 'band_gap' AND candidate_id LIKE 'x-%'") == 1)
        #expect(try count(db, "SELECT count(*) FROM measurements WHERE method = 'DFT-PBE (stored-texts test)' AND source = 'a test file of the stored-texts suite' AND note = 'a note every row repeats'") == 300)
        // The cost depends on the composition alone (version 11): one stored value per composition
        // (240: every fifth row is a polymorph of the one before), which the view gives to each of
        // the 300 candidates; no candidate row of it. The conditions are in the rows (version 10),
        // none of them in `texts`.
        let compositions = "(SELECT reduced_formula FROM candidates WHERE id LIKE 'x-%')"
        #expect(try count(db, "SELECT count(*) FROM composition_values WHERE property = 'cost' AND reduced_formula IN \(compositions)") == 240)
        #expect(try count(db, "SELECT count(*) FROM measurements WHERE property = 'cost' AND candidate_id LIKE 'x-%'") == 300)
        #expect(try count(db, "SELECT count(DISTINCT conditions) FROM measurements WHERE property = 'cost' AND candidate_id LIKE 'x-%'") == 240)
        #expect(try count(db, "SELECT count(*) FROM measurement_rows WHERE property IN ('cost', 'supply_risk_hhi')") == 0)
        #expect(try count(db, "SELECT count(*) FROM texts WHERE text IN (SELECT conditions FROM measurement_rows UNION SELECT conditions FROM composition_values)") == 0)
        // Na1Cl2 as a chemist writes it.
        #expect(try count(db, "SELECT count(*) FROM measurements WHERE property = 'cost' AND candidate_id = 'x-1' AND conditions LIKE 'derived from NaCl2: % × % USD/kg + % × % USD/kg'") == 1)
        // Every text is used, and every id a row holds names a text.
        #expect(try count(db, "SELECT count(*) FROM texts WHERE id NOT IN (\(Self.usedTextIDs))") == 0)
        #expect(try count(db, "SELECT count(*) FROM (\(Self.usedTextIDs)) WHERE id NOT IN (SELECT id FROM texts)") == 0)
        // The view has the version-6 table's columns, in its order, and (version 8) the kind after the method.
        let (columns, arms) = try DescriptorStore(path: db).queue.read { d in
            (try d.columns(in: "measurements").map(\.name),
             try ["stored_measurements", "composition_measurements"].map { try d.columns(in: $0).map(\.name) })
        }
        #expect(arms == [columns, columns])
        #expect(columns == ["id", "candidate_id", "property", "value", "uncertainty", "range_low", "range_high", "qualifier",
                            "value_from_range", "unit", "value_as_given", "uncertainty_as_given", "range_low_as_given",
                            "range_high_as_given", "unit_as_given", "convention_as_given", "reference_state",
                            "method", "kind", "conditions", "source", "location", "note", "origin"])
    }

    /// Every text id a measurement row or a composition value holds, as one column `id`.
    static let usedTextIDs = (Schema.textColumns.map { "SELECT \($0)_id AS id FROM measurement_rows WHERE \($0)_id IS NOT NULL" }
        + Schema.compositionTextColumns.map { "SELECT \($0)_id AS id FROM composition_values WHERE \($0)_id IS NOT NULL" })
        .joined(separator: " UNION ")

    @Test("replacing derived values (stability refresh, calibration) removes the texts no row uses any more, and only those")
    func replacedValuesLeaveNoTexts() throws {
        let db = try databaseWithFormationEnergies(of: ["Na", "F", "Cl", "O"])
        defer { try? FileManager.default.removeItem(at: URL(fileURLWithPath: db).deletingLastPathComponent()) }
        let store = try DescriptorStore(path: db)
        let texts = try count(db, "SELECT count(*) FROM texts")
        let rows = try store.measurementCount()
        // Recomputed from scratch: the same values and texts, nothing left behind.
        let summary = try StabilityDescriptors.refresh(store: store)
        #expect(summary.replaced > 0)
        #expect(try count(db, "SELECT count(*) FROM texts") == texts)
        #expect(try store.measurementCount() == rows)
        // Removed without replacement: their method (and their rows' conditions) go; texts other rows use stay.
        let method = StabilityDescriptors.method
        let hullRows = try count(db, """
            SELECT count(*) FROM measurement_rows WHERE method_id = (SELECT id FROM texts WHERE text = ?) AND conditions IS NOT NULL
            """, [method])
        #expect(hullRows > 10)
        let removed = try store.replaceDerived(properties: StabilityDescriptors.properties, method: method, with: [])
        #expect(removed == summary.replaced)
        #expect(try count(db, "SELECT count(*) FROM texts WHERE text = ?", [method]) == 0)
        #expect(try count(db, "SELECT count(*) FROM texts WHERE id NOT IN (\(Self.usedTextIDs))") == 0)
        #expect(try count(db, "SELECT count(*) FROM texts") <= texts - 1)
        #expect(try store.measurementCount() == rows - removed)
        #expect(try count(db, "SELECT count(*) FROM measurements WHERE property = 'formation_energy' AND source = 'rows of Descriptors/computed/mp-formation-energies.csv'") > 0)
    }

    @Test("a database of the older schema is refused, naming the rebuild and each import to repeat; the file is unchanged")
    func olderSchemaRefused() throws {
        let f = try BandGapImport(rows: 3)
        defer { f.remove() }
        let (db, data, mapping) = (f.db, f.data, f.mapping)
        #expect(try runScreen(["db", "import", "--db", db, data.path, "--mapping", mapping.path]).status == 0)
        let queue = try DatabaseQueue(path: db)
        try queue.write { try $0.execute(sql: "UPDATE meta SET value = '7' WHERE key = 'schema_version'") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        for command in [["rank", "--profile", "sei"], ["db", "export", "--what", "measurements"]] {
            let r = try runScreen(command + ["--db", db])
            #expect(r.status == 1)
            #expect(r.stderr.contains("database schema version 7 is older than this screen's (11)"), "\(r.stderr)")
            #expect(r.stderr.contains("Rebuild it with `screen db build --discard-imports`, then re-import, in this order: screen db import \(displayPath(data)) --mapping \(displayPath(mapping))"), "\(r.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        }
        // The advice works: the rebuild and the import named give a database of this version.
        #expect(try runScreen(["db", "build", "--db", db, "--discard-imports"]).status == 0)
        #expect(try runScreen(["db", "import", "--db", db, data.path, "--mapping", mapping.path]).status == 0)
        #expect(try runScreen(["rank", "--profile", "sei", "--db", db]).status == 0)
    }
}
