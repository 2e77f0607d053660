import Foundation
import GRDB
import GRDBSQLite
import ScreenCore
import ScreenNumerics

/// The candidate and measurement rows, written the same way by `db build` and by an import.
extension DescriptorStore {
    /// Inserts candidates with their composition keys (reduced formula, element set, element
    /// count), which let filters and formula joins work without parsing formulas again.
    static func insertCandidates(_ candidates: [(candidate: Candidate, composition: ChemicalFormula?)], into db: Database) throws {
        let statement = try db.makeStatement(sql: """
            INSERT INTO candidates (id, name, formula, category, note, origin, reduced_formula, elements, element_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let b = FastBinder(statement)
        for (c, f) in candidates {
            b.bind([c.id, c.name, c.formula, c.category.rawValue, c.note, c.origin, f?.reducedKey, f?.elements.joined(separator: " ")])
            b.bind(9, f?.numberOfElements)
            try b.step(db)
        }
    }

    /// Inserts measurements in order through one `MeasurementWriter` (one prepared statement, each
    /// text stored once).
    static func insertMeasurements(_ measurements: [Measurement], into db: Database) throws {
        try MeasurementWriter(db).write(measurements)
    }
}

extension DescriptorStore {
    /// Records why derived values are absent; a later gap for the same candidate and property
    /// replaces the earlier one.
    static func insertDerivationGaps(_ gaps: [DerivationGap], into db: Database) throws {
        let statement = try db.makeStatement(sql: "INSERT OR REPLACE INTO derivation_gaps (candidate_id, property, missing, reason) VALUES (?, ?, ?, ?)")
        let b = FastBinder(statement)
        for g in gaps {
            b.bind([g.candidate, g.property, g.missing.joined(separator: " "), g.reason])
            try b.step(db)
        }
    }
}

/// Binds values to a GRDB prepared statement through the SQLite C API and steps it: the same
/// statement GRDB prepared, without building `StatementArguments` per row.
struct FastBinder {
    let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    init(_ statement: Statement) { self.statement = statement }

    func bind(_ index: Int32, _ text: String?) {
        guard let text else { sqlite3_bind_null(handle, index); return }
        var t = text
        if t.isEmpty { sqlite3_bind_text(handle, index, "", 0, Self.transient); return }
        t.withUTF8 { buffer in
            _ = sqlite3_bind_text(handle, index, UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self),
                                  Int32(buffer.count), Self.transient)
        }
    }

    func bind(_ index: Int32, _ value: Double?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_double(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    /// Binds texts to parameters 1, 2, … in order.
    func bind(_ texts: [String?]) {
        for (i, t) in texts.enumerated() { bind(Int32(i + 1), t) }
    }

    func bind(_ index: Int32, _ value: Int64?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_int64(handle, index, value)
    }

    /// Steps a query of one integer column: its value in the first row, nil when there is no row.
    func stepForInteger(_ db: Database) throws -> Int64? {
        try stepForFirstRow(db) { sqlite3_column_int64(handle, 0) }
    }

    /// Steps a query of one text column: nil when there is no row, `.some(nil)` for NULL.
    func stepForText(_ db: Database) throws -> String?? {
        try stepForFirstRow(db) { sqlite3_column_text(handle, 0).map { String(cString: $0) } }
    }

    /// Steps a query of one text column and compares its UTF-8 bytes with `text`'s: false when
    /// there is no row, the value is NULL or the bytes differ (no `String` is made of the value).
    func stepComparingText(_ db: Database, with text: String) throws -> Bool {
        try stepForFirstRow(db) { () -> Bool in
            guard let stored = sqlite3_column_text(handle, 0) else { return false }
            let count = Int(sqlite3_column_bytes(handle, 0))
            var text = text
            return text.withUTF8 { own in own.count == count && (count == 0 || memcmp(own.baseAddress!, stored, count) == 0) }
        } ?? false
    }

    /// Steps a query and reads its first row with `read` (nil when there is no row); the
    /// statement is reset either way, ready for the next binding.
    private func stepForFirstRow<T>(_ db: Database, _ read: () -> T) throws -> T? {
        let rc = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        switch rc {
        case SQLITE_ROW: return read()
        case SQLITE_DONE: return nil
        default: throw failure(rc, db)
        }
    }

    /// The error of a step that returned `rc`, with SQLite's message and the statement.
    private func failure(_ rc: Int32, _ db: Database) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
    }

    func step(_ db: Database) throws {
        let rc = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard rc == SQLITE_DONE else { throw failure(rc, db) }
    }
}
