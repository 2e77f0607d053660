import GRDB
import ScreenCore

/// Writes the values that depend on a composition alone (`composition_values`, schema version 11)
/// inside one transaction, each composition's value of one property, method and source once:
/// a value already stored — by this writer or an earlier build or import — is left as it is.
/// (`DerivedFromComposition.Estimator` gives each composition's values once, and none already
/// stored, so that a repeat is rare.)
///
/// - Complexity: one SQLite statement per value (a unique-index probe, and the insert when new).
final class CompositionValueWriter {
    private let db: Database
    private let insert: FastBinder
    private let texts: TextIDs
    /// Values written (not already stored).
    private(set) var written = 0
    /// The text ids of the last value of each property: the values of one property share their
    /// method, source and note, and cost and supply risk alternate (so `TextIDs`'s memory of the row
    /// before, one text per column, would miss every time).
    private var lastTexts: [String: (method: String, source: String, note: String, ids: (Int64, Int64, Int64))] = [:]

    /// Prepares the insert on `db`, which must be inside a write transaction for as long as the
    /// writer is used; `texts` may be shared with a `MeasurementWriter`.
    init(_ db: Database, texts: TextIDs) throws {
        self.db = db
        self.texts = texts
        insert = FastBinder(try db.makeStatement(sql: """
            INSERT OR IGNORE INTO composition_values
              (reduced_formula, property, value, unit, method_id, conditions, source_id, note_id, origin)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """))
    }

    /// Stores `v` unless its composition already has a value of its property with its method and
    /// source (the values of one element-data folder are the same for a composition however often
    /// it is met; another folder's prices give another value, stored beside it).
    func write(_ v: CompositionValue) throws {
        let b = insert
        b.bind(1, v.reducedFormula); b.bind(2, v.property); b.bind(3, v.value); b.bind(4, v.unit)
        let ids: (Int64, Int64, Int64)
        if let last = lastTexts[v.property], last.method == v.method, last.source == v.source, last.note == v.note {
            ids = last.ids
        } else {
            ids = (try texts.id(v.method, column: 0), try texts.id(v.source, column: 1), try texts.id(v.note, column: 3))
            lastTexts[v.property] = (v.method, v.source, v.note, ids)
        }
        b.bind(5, ids.0); b.bind(6, v.conditions)
        b.bind(7, ids.1); b.bind(8, ids.2)
        b.bind(9, v.origin)
        try b.step(db)
        written += db.changesCount
    }

    /// Stores values in order.
    func write<S: Sequence>(_ values: S) throws where S.Element == CompositionValue {
        for v in values { try write(v) }
    }
}
