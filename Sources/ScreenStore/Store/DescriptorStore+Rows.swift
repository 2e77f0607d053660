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

    /// Inserts measurements with one prepared statement, binding through the SQLite C API
    /// (a large import binds a quarter of a million rows).
    static func insertMeasurements(_ measurements: [Measurement], into db: Database) throws {
        let statement = try db.makeStatement(sql: """
            INSERT INTO measurements (candidate_id, property, value, uncertainty, range_low, range_high, qualifier,
              value_from_range, unit, value_as_given, uncertainty_as_given, range_low_as_given, range_high_as_given,
              unit_as_given, convention_as_given, method, conditions, source, location, note, origin, reference_state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let b = FastBinder(statement)
        for m in measurements {
            b.bind(1, m.candidate); b.bind(2, m.property); b.bind(3, m.value); b.bind(4, m.uncertainty)
            b.bind(5, m.rangeLow); b.bind(6, m.rangeHigh); b.bind(7, m.qualifier?.rawValue)
            b.bind(8, m.valueFromRange ? 1 : 0); b.bind(9, m.canonicalUnit); b.bind(10, m.valueAsGiven)
            b.bind(11, m.uncertaintyAsGiven); b.bind(12, m.rangeLowAsGiven); b.bind(13, m.rangeHighAsGiven)
            b.bind(14, m.unitAsGiven); b.bind(15, m.conventionAsGiven?.rawValue); b.bind(16, m.method)
            b.bind(17, m.conditions); b.bind(18, m.source); b.bind(19, m.location); b.bind(20, m.note)
            b.bind(21, m.origin); b.bind(22, m.referenceState?.rawValue)
            try b.step(db)
        }
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
private struct FastBinder {
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

    func step(_ db: Database) throws {
        let rc = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                sql: statement.sql)
        }
    }
}
