import Foundation
import GRDB
import GRDBSQLite
import ScreenCore
import ScreenNumerics

/// Writes measurement rows inside one transaction: one prepared insert into `measurement_rows`,
/// and the method, source, location and note texts stored once each in `texts` (schema version 7),
/// referred to by id; the conditions, distinct for nearly every computed value, go in the row
/// (version 10).
///
/// Why a type: a large import writes millions of rows through the same statements, and nearly
/// every row repeats the texts of the row before; the writer keeps the statements prepared and
/// remembers recent texts' ids, so a repeated text costs one comparison, not a query.
///
/// - Complexity: O(1) SQLite statements per row, plus one lookup (and at most one insert) per text
///   not met recently. Memory is bounded: at most `TextIDs.cacheLimit` remembered texts.
final class MeasurementWriter {
    private let db: Database
    private let insert: FastBinder
    private let texts: TextIDs
    /// Rows written so far.
    private(set) var written = 0

    /// Prepares the insert on `db`, which must be inside a write transaction for as long as the
    /// writer is used. `table` is `measurement_rows`, or a table of the same columns (an import
    /// stages derived rows that must follow the file's own); `texts` may be shared between writers.
    init(_ db: Database, table: String = "measurement_rows", texts: TextIDs? = nil) throws {
        self.db = db
        self.texts = try texts ?? TextIDs(db)
        insert = FastBinder(try db.makeStatement(sql: """
            INSERT INTO \(table) (\(Self.columns))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """))
    }

    /// The columns of `measurement_rows` besides `id`, in the order `write` binds them.
    static let columns = """
        candidate_id, property, value, uncertainty, range_low, range_high, qualifier, \
        value_from_range, unit, value_as_given, uncertainty_as_given, range_low_as_given, range_high_as_given, \
        unit_as_given, convention_as_given, method_id, conditions, source_id, location_id, note_id, origin, reference_state
        """

    /// Writes one measurement (its id is the next row id).
    func write(_ m: Measurement) throws {
        let b = insert
        b.bind(1, m.candidate); b.bind(2, m.property); b.bind(3, m.value); b.bind(4, m.uncertainty)
        b.bind(5, m.rangeLow); b.bind(6, m.rangeHigh); b.bind(7, m.qualifier?.rawValue)
        b.bind(8, m.valueFromRange ? 1 : 0); b.bind(9, m.canonicalUnit); b.bind(10, m.valueAsGiven)
        b.bind(11, m.uncertaintyAsGiven); b.bind(12, m.rangeLowAsGiven); b.bind(13, m.rangeHighAsGiven)
        b.bind(14, m.unitAsGiven); b.bind(15, m.conventionAsGiven?.rawValue)
        b.bind(16, try texts.id(m.method, column: 0)); b.bind(17, m.conditions)
        b.bind(18, try texts.id(m.source, column: 1)); b.bind(19, try m.location.map { try texts.id($0, column: 2) })
        b.bind(20, try m.note.map { try texts.id($0, column: 3) })
        b.bind(21, m.origin); b.bind(22, m.referenceState?.rawValue)
        try b.step(db)
        written += 1
    }

    /// Writes measurements in order.
    func write<S: Sequence>(_ measurements: S) throws where S.Element == Measurement {
        for m in measurements { try write(m) }
    }
}

/// The ids of texts in `texts`, storing a text first when it is new, with the recent ones
/// remembered (at most `cacheLimit`; the memory is cleared when it fills — a computed file repeats
/// a few texts, so clearing costs a few lookups).
///
/// Texts are told apart by their UTF-8 bytes, as SQLite's `UNIQUE` does: two spellings that Unicode
/// deems equivalent are two texts (and hashing bytes skips the normalisation `String` hashing does
/// for every non-ASCII text, such as the "–" of many a source).
final class TextIDs {
    static let cacheLimit = 20_000

    private let db: Database
    private let find: FastBinder
    private let textOfID: FastBinder
    private let insert: FastBinder
    private var ids: [Bytes: Int64] = [:]
    /// The hash of every stored text and the id of the first text with it (16 bytes each): a text
    /// whose hash is not among them is new and is inserted without a lookup — most texts not met
    /// recently are new —, and one whose hash is there is compared with that text, read by its id
    /// (the same source text from another import, or a calibration's again), without a search.
    private var hashes: [Int64: Int64] = [:]
    /// The last text and its id per text column (`Schema.textColumns`): the common case, the same
    /// text as the row before, costs one comparison of bytes.
    private var last: [(text: Bytes, id: Int64)?] = Array(repeating: nil, count: Schema.textColumns.count)

    init(_ db: Database) throws {
        self.db = db
        find = FastBinder(try db.makeStatement(sql: "SELECT id FROM texts WHERE hash = ? AND text = ?"))
        textOfID = FastBinder(try db.makeStatement(sql: "SELECT text FROM texts WHERE id = ?"))
        insert = FastBinder(try db.makeStatement(sql: "INSERT INTO texts (hash, text) VALUES (?, ?)"))
        ids.reserveCapacity(Self.cacheLimit)
        let stored = try Row.fetchCursor(db, sql: "SELECT hash, id FROM texts ORDER BY id")
        while let row = try stored.next() {
            let hash: Int64 = row[0]
            if hashes[hash] == nil { hashes[hash] = row[1] }
        }
    }

    /// The id of `text` (of text column `column`), stored first when new.
    /// - Complexity: O(length) for the text of the row before; else a hash of its bytes and, for a
    ///   text not remembered, one insert when its hash is new, else one read by id (and, for another
    ///   text of the same hash, one lookup by `hash` and at most one insert). Memory: 16 bytes per
    ///   stored text, at most `cacheLimit` texts remembered.
    func id(_ text: String, column: Int) throws -> Int64 {
        let key = Bytes(text)
        if let l = last[column], l.text == key { return l.id }
        let id: Int64
        if let known = ids[key] {
            id = known
        } else {
            let hash = Self.hash(text)
            var found: Int64? = nil
            if let first = hashes[hash] {
                textOfID.bind(1, first)
                if try textOfID.stepComparingText(db, with: key.text) {
                    found = first
                } else {
                    // Another text with the same hash (or none: it was removed): search by both.
                    find.bind(1, hash)
                    find.bind(2, text)
                    found = try find.stepForInteger(db)
                }
            }
            if let found {
                id = found
            } else {
                insert.bind(1, hash)
                insert.bind(2, text)
                try insert.step(db)
                id = db.lastInsertedRowID
                if hashes[hash] == nil { hashes[hash] = id }
            }
            if ids.count >= Self.cacheLimit { ids.removeAll(keepingCapacity: true) }
            ids[key] = id
        }
        last[column] = (key, id)
        return id
    }

    /// The `hash` column of `text`: FNV-1a (64-bit) of its UTF-8 bytes, as a signed integer.
    /// Stable across runs and machines (Swift's `Hasher` is seeded per process).
    static func hash(_ text: String) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Int64(bitPattern: h)
    }

    /// A text compared and hashed by its UTF-8 bytes.
    struct Bytes: Hashable {
        let text: String

        init(_ text: String) {
            var t = text
            t.makeContiguousUTF8()
            self.text = t
        }

        static func == (a: Bytes, b: Bytes) -> Bool {
            var x = a.text, y = b.text
            return x.withUTF8 { p in
                y.withUTF8 { q in p.count == q.count && (p.isEmpty || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) }
            }
        }

        func hash(into hasher: inout Hasher) {
            var t = text
            t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}

extension MeasurementWriter {
    /// Deletes the measurement rows that `condition` (SQL over `measurement_rows`' columns, with
    /// `arguments`) selects, then — after `andThen`, which may write rows that use the same texts
    /// again — the texts that no row uses any more, so that replacing derived values (the stability
    /// descriptors after each import of formation energies, a calibration) never leaves texts behind.
    ///
    /// - Returns: how many rows were deleted.
    /// - Complexity: one scan of the rows (for those selected), and, when the selected rows used
    ///   texts, one scan of every row's text ids.
    static func delete(where condition: String, arguments: [any DatabaseValueConvertible], in db: Database,
                       andThen: () throws -> Void = {}) throws -> Int {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS released_texts (id INTEGER PRIMARY KEY)")
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.released_texts; DROP TABLE IF EXISTS temp.doomed_rows") }
        // One scan of the table (the condition has no index): the selected rows' ids and text ids into
        // a temporary table; their texts and the rows themselves are then found from it, not by
        // scanning a million rows once per text column and once more to delete.
        let textIDs = Schema.textColumns.map { "\($0)_id" }
        try db.execute(sql: "DROP TABLE IF EXISTS temp.doomed_rows")
        try db.execute(sql: "CREATE TEMP TABLE doomed_rows AS SELECT id, \(textIDs.joined(separator: ", ")) FROM measurement_rows WHERE \(condition)",
                       arguments: StatementArguments(arguments))
        let used = textIDs.map { "SELECT \($0) FROM temp.doomed_rows WHERE \($0) IS NOT NULL" }
        try db.execute(sql: "INSERT OR IGNORE INTO released_texts (id) " + used.joined(separator: " UNION "))
        try db.execute(sql: "DELETE FROM measurement_rows WHERE id IN (SELECT id FROM temp.doomed_rows)")
        let removed = db.changesCount
        try andThen()
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM released_texts")! > 0 {
            // (NULL ids left out: `NOT IN` a list holding NULL is never true.)
            // (The composition values' texts too: they share `texts`.)
            let stillUsed = (Schema.textColumns.map { "SELECT \($0)_id FROM measurement_rows WHERE \($0)_id IS NOT NULL" }
                + Schema.compositionTextColumns.map { "SELECT \($0)_id FROM composition_values WHERE \($0)_id IS NOT NULL" })
                .joined(separator: " UNION ALL ")
            try db.execute(sql: "DELETE FROM texts WHERE id IN (SELECT id FROM released_texts) AND id NOT IN (\(stillUsed))")
        }
        return removed
    }
}
