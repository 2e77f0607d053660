import GRDB
import ScreenCore
import ScreenNumerics

/// One measured value with its candidate's formula, for computations over a whole property
/// (the convex hulls read every formation energy this way).
public struct PropertyValue: Sendable, Equatable {
    /// The candidate's id.
    public let candidate: String
    /// The candidate's formula as stored (nil for a candidate without one).
    public let formula: String?
    /// The value in the property's canonical unit.
    public let value: Double
    /// How the value was obtained (its method text).
    public let method: String
    /// Where it comes from (its source text).
    public let source: String
}

/// Every value of one property, handed over by an import as early as it can know them, so that a
/// computation over the whole property (the stability descriptors over every formation energy) can
/// start on other threads and overlap the import: read ahead from the file at the start of the
/// import (`ValuesReadAhead`), and checked against the values read back once the file's own rows
/// are written (handed over again only when they differ). The values that stand are exactly those
/// `values(of:)` gives once the import is committed (the derived values written after the file's
/// rows are of other properties). When the import fails after a hand-over, its caller must stop
/// what it started (`StabilityDescriptors.EarlyStart.cancel`).
public struct EarlyValues: Sendable {
    /// The property whose values are handed over.
    public let property: String
    /// Called once or twice, on any thread, and should return at once (start its work elsewhere):
    /// first, possibly, with the values read ahead from the file (`ValuesReadAhead`); again, with
    /// the values read back from the database, only when those differ — the second call replaces
    /// what the first started.
    public let receive: @Sendable ([PropertyValue]) -> Void
    /// What is computed from the values handed over, for the import to write in its own
    /// transaction (nil: the caller writes it, if anything).
    public let derived: DerivedRows?

    /// Hands the values of `property` to `receive`; `derived`, when given, is written by the import.
    public init(property: String, derived: DerivedRows? = nil, receive: @escaping @Sendable ([PropertyValue]) -> Void) {
        self.property = property
        self.derived = derived
        self.receive = receive
    }
}

/// Values derived from the ones an import hands over (`EarlyValues`) — the stability descriptors
/// and their reports, from every formation energy —, written by the import in its own transaction
/// after the file's rows and the values derived from them, replacing the stored values of
/// `properties` made by `method` and every stored stability report
/// (`DescriptorStore.replaceStabilityDescriptors`).
///
/// Why inside the import rather than in a transaction of their own after it: the import is one
/// thread writing while the computation runs on the others; it writes what is ready whenever it
/// would otherwise wait (for its cost and supply-risk estimates), so that little is left to write
/// once the computation ends, and the rows go in while the table's secondary index is dropped (one
/// sorted build at the end instead of an index insert per row). And the import and what is derived
/// from it are committed, or rolled back, together.
public struct DerivedRows: Sendable {
    /// The properties replaced, and the method of every value written.
    public let properties: [String]
    public let method: String
    /// Hands the values of at most `limit` compositions (each with its report, if any) ready by now
    /// to `write`, in their order, after those handed before; with `wait`, waits for and hands over
    /// all that remain. Returns how many compositions it handed over. Throws the computation's error.
    public let produce: @Sendable (_ wait: Bool, _ limit: Int, _ write: ([Measurement], StoredStabilityReport?) throws -> Void) throws -> Int

    public init(properties: [String], method: String,
                produce: @escaping @Sendable (_ wait: Bool, _ limit: Int, _ write: ([Measurement], StoredStabilityReport?) throws -> Void) throws -> Int) {
        self.properties = properties
        self.method = method
        self.produce = produce
    }
}

extension DescriptorStore {
    /// Every value of `property` (canonical unit) with its candidate's formula, in candidate then
    /// measurement order; values with a qualifier (bounds such as "< 15") are left out. Only the
    /// values stored per candidate (`stored_measurements`): a property derived from compositions
    /// alone (cost, supply risk) has none — read those through `measurements`.
    ///
    /// - Complexity: one indexed scan of the property's rows.
    public func values(of property: String) throws -> [PropertyValue] {
        try queue.read { db in try Self.values(of: property, in: db) }
    }

    /// `values(of:)` read on `db` (inside a transaction, it sees the transaction's rows).
    ///
    /// The rows are read from `measurement_rows` itself and their method and source texts by id,
    /// each text once (`TextCache`), rather than through `stored_measurements`, whose joins read and
    /// decode the same few texts again on every row: the import of 132,752 formation energies reads
    /// them all back on its writing thread, and the joins were about half of that read.
    static func values(of property: String, in db: Database) throws -> [PropertyValue] {
        var texts = TextCache(db)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT m.candidate_id, c.formula, m.value, m.method_id, m.source_id
            FROM measurement_rows m JOIN candidates c ON c.id = m.candidate_id
            WHERE m.property = ? AND m.qualifier IS NULL ORDER BY m.candidate_id, m.id
            """, arguments: [property])
        var result: [PropertyValue] = []
        while let row = try rows.next() {
            result.append(PropertyValue(candidate: row[0], formula: row[1], value: row[2], method: try texts[row[3]], source: try texts[row[4]]))
        }
        return result
    }

    /// The distinct sources of the values of `property` (those `values(of:)` returns), sorted.
    ///
    /// - Complexity: one scan of the stored rows (the property is not indexed), one text lookup per distinct source.
    public func sources(of property: String) throws -> [String] {
        try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT text FROM texts WHERE id IN
                    (SELECT source_id FROM measurement_rows WHERE property = ? AND qualifier IS NULL
                     UNION SELECT source_id FROM composition_values WHERE property = ?)
                """, arguments: [property, property]).sorted()
        }
    }

    /// Replaces, in one transaction, every measurement of `properties` whose method is exactly
    /// `method` with `measurements` (derived values recomputed from scratch, never duplicated).
    /// Texts only the removed rows used are removed from `texts` too.
    ///
    /// - Complexity: one scan of the stored rows (the method is not indexed; none when no row can
    ///   have the method: its text is not stored), one more when the removed rows used texts, and
    ///   one insert per new value.
    /// - Returns: how many rows were removed.
    @discardableResult
    public func replaceDerived(properties: [String], method: String, with measurements: [Measurement]) throws -> Int {
        try replaceDerived(properties: properties, method: method) { write in try write(measurements) }
    }

    /// `replaceDerived(properties:method:with:)` for values written as they are made: `produce`
    /// is called inside the transaction, after the old values are deleted, and hands each batch of
    /// new values to its argument, which writes it at once. A computation on other threads can so
    /// overlap the writing of its first results (the stability descriptors do), and the values
    /// need not all be held at once. When `produce` throws, the transaction is rolled back: the
    /// old values stay.
    ///
    /// - Complexity: as `replaceDerived(properties:method:with:)`; memory is what `produce` holds.
    @discardableResult
    public func replaceDerived(properties: [String], method: String,
                               producing produce: (_ write: ([Measurement]) throws -> Void) throws -> Void) throws -> Int {
        try replacingDerived(properties: properties, method: method) { _, writer in try produce { try writer.write($0) } }
    }

    /// The transaction of `replaceDerived`: deletes the old values of `properties` with `method`,
    /// then lets `insert` write the new ones through `writer` (and anything that belongs with them
    /// on `db`, such as the stability reports). Returns how many rows were removed.
    func replacingDerived(properties: [String], method: String,
                          _ insert: (_ db: Database, _ writer: MeasurementWriter) throws -> Void) throws -> Int {
        try queue.write { db in
            let writer = try MeasurementWriter(db)
            return try Self.replacingDerived(properties: properties, method: method, in: db) { try insert(db, writer) }
        }
    }

    /// `replacingDerived(properties:method:_:)` inside a transaction already open on `db` (an
    /// import's, which writes the stability descriptors with its own rows): deletes the old values,
    /// runs `insert`, then removes the texts only the deleted rows used.
    static func replacingDerived(properties: [String], method: String, in db: Database, _ insert: () throws -> Void) throws -> Int {
        // No stored text is the method: no row has it, and the scan of every row is not needed
        // (the first refresh or calibration of a database).
        let methodText: [any DatabaseValueConvertible] = [TextIDs.hash(method), method]
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM texts WHERE hash = ? AND text = ?)",
                                arguments: StatementArguments(methodText)) == true else {
            try insert()
            return 0
        }
        let marks = properties.map { _ in "?" }.joined(separator: ", ")
        return try MeasurementWriter.delete(
            where: "method_id IN (SELECT id FROM texts WHERE hash = ? AND text = ?) AND property IN (\(marks))",
            arguments: methodText + properties.map { $0 as any DatabaseValueConvertible }, in: db, andThen: insert)
    }
}
