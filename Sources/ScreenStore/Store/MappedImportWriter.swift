import Foundation
import GRDB
import ScreenCore
import ScreenNumerics

/// Writes one mapped import inside its transaction while the file is read, so that memory does
/// not grow with the file (before, every row was held until the transaction: 2 GB for a million).
///
/// The rows land in the order a whole-file import always gave them — the file's values, the values
/// derived from structures, Young's moduli and Poisson's ratios, Monroe–Newman ratios — so that
/// every reader sees the same database: the file's values are written as they are read; the
/// structure, elastic and Monroe–Newman values are staged in temporary tables and copied after
/// them. Cost and supply risk depend on the composition alone: they are derived afterwards for
/// the compositions of the candidates this import wrote (read back in chunks) and stored once per
/// composition (`CompositionValueWriter`; a composition stored before is not written again).
/// Then the rows derived from the whole property an import hands over (`DerivedRows`: the
/// stability descriptors), last, as a refresh after the import would have written them.
///
/// What the import checks against the database (a candidate already stored, its values of the
/// same source, its stored elastic partner) reads only the rows stored before the import, through
/// the indexes, one candidate at a time.
final class MappedImportWriter {
    private let db: Database
    private let mapping: ImportMapping
    /// The last measurement id and candidate rowid before the import: rows up to them are the stored ones.
    let storedMeasurementID: Int64
    let storedCandidateRowID: Int64
    private let texts: TextIDs
    private let rows: MeasurementWriter
    /// Temporary tables for the derived rows that follow the file's own, in their order.
    private static let stagedTables = ["temp.staged_structure", "temp.staged_elastic", "temp.staged_monroe_newman"]
    private let staged: [MeasurementWriter]
    private let insertCandidate: FastBinder
    private let findCandidate: FastBinder
    private let reference: DerivedMonroeNewman.Reference?
    /// Whether a record may name a stored candidate (false: row ids, none of their range stored).
    private let mayNameStored: Bool
    /// Where the stored rows' keys are looked up: `main.measurement_rows` through its index, or,
    /// once the secondary indexes are dropped, `temp.stored_keys` (a copy of the stored rows' keys).
    private var storedKeys = "main.measurement_rows"
    /// The secondary indexes dropped for the import's inserts (their SQL, to build them again).
    private var droppedIndexes: [String]? = nil
    /// Rows written: candidates and measurements (the staged ones once copied).
    private var written = 0

    private(set) var newCandidates = 0, mergedCandidates = 0, measurements = 0, derived = 0
    /// Merged candidates with stored elastic moduli of another data set only (not paired).
    private(set) var unpaired = 0
    /// Values of the `DerivedRows` properties that `finish` deleted before writing the new ones.
    private(set) var replacedDerived = 0
    /// Whether the file gave any shear modulus (for the notice when there is no G_Na).
    private(set) var sawShear = false
    /// Values a merged candidate already has from the same source (the same file imported twice),
    /// the first `MappedRecordReader.problemLimit` of them, and how many more.
    private(set) var repeatedValues: [InputError] = []
    private(set) var repeatedValuesNotKept = 0

    /// Starts the import's writing on `db` (inside its write transaction). `reference` is G_Na for
    /// the Monroe–Newman ratios, read before the import.
    init(_ db: Database, mapping: ImportMapping, reference: DerivedMonroeNewman.Reference?) throws {
        self.db = db
        self.mapping = mapping
        self.reference = reference
        storedMeasurementID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM measurement_rows") ?? 0
        storedCandidateRowID = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM candidates") ?? 0
        let texts = try TextIDs(db)
        self.texts = texts
        rows = try MeasurementWriter(db, texts: texts)
        for table in Self.stagedTables {
            try db.execute(sql: "DROP TABLE IF EXISTS \(table)")
            try db.execute(sql: "CREATE TABLE \(table) AS SELECT * FROM main.measurement_rows LIMIT 0")
        }
        staged = try Self.stagedTables.map { try MeasurementWriter(db, table: $0, texts: texts) }
        insertCandidate = FastBinder(try db.makeStatement(sql: """
            INSERT INTO candidates (id, name, formula, category, note, origin, reduced_formula, elements, element_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """))
        findCandidate = FastBinder(try db.makeStatement(sql: "SELECT reduced_formula FROM candidates WHERE id = ? AND rowid <= ?"))
        findCandidate.bind(2, storedCandidateRowID)
        // Ids made from rows are a range of the primary key: when the database has none of it (a
        // first import), no record needs a lookup.
        if case let .row(prefix, _) = mapping.id {
            mayNameStored = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM candidates WHERE id >= ? AND id < ?)",
                                              arguments: [prefix + "-", prefix + "."]) ?? true
        } else {
            mayNameStored = true
        }
    }

    /// The stored reduced composition key of candidate `id` as it was before the import: nil when
    /// there was no such candidate, `.some(nil)` when it has no formula (`MappedRecordReader.existing`).
    /// - Complexity: one primary-key lookup (none when the ids cannot name a stored candidate).
    func stored(_ id: String) throws -> String?? {
        guard mayNameStored else { return nil }
        findCandidate.bind(1, id)
        return try findCandidate.stepForText(db)
    }

    /// Writes one accepted record: its candidate when new, its values, and stages what derives
    /// from it. A merged candidate's values are checked against its stored ones first; after a
    /// repeated value nothing more is written (the import will be refused), only checked.
    /// - Complexity: O(values of the record); for a merged candidate, a few indexed lookups.
    func add(_ record: MappedRecordReader.Record) throws {
        let entry = record.entry, id = entry.candidate.id
        var partners: [Measurement] = []
        if entry.isNew {
            newCandidates += 1
        } else {
            mergedCandidates += 1
            let stored = try storedKeyValues(of: id)
            checkRepeatedValues(record, stored: stored)
            partners = storedElasticPartners(of: record.measurements, stored: stored)
        }
        measurements += record.measurements.count
        guard repeatedValues.isEmpty && repeatedValuesNotKept == 0 else { return }
        if entry.isNew {
            let c = entry.candidate, f = entry.composition
            insertCandidate.bind([c.id, c.name, c.formula, c.category.rawValue, c.note, c.origin, f.reducedKey, f.elements.joined(separator: " ")])
            insertCandidate.bind(9, f.numberOfElements)
            try insertCandidate.step(db)
            written += 1
        }
        try rows.write(record.measurements)
        written += record.measurements.count
        if droppedIndexes == nil, written > Self.dropIndexesAfter, Int64(written) > storedMeasurementID { try dropIndexes() }
        try staged[0].write(record.structureDerived)
        if record.measurements.contains(where: { $0.property == "bulk_modulus" || $0.property == "shear_modulus" }) {
            var one = DescriptorSet()
            one.candidates = [entry.candidate]
            one.measurements = record.measurements + partners
            try staged[1].write(DerivedElasticity.measurements(for: one))
        }
        if record.measurements.contains(where: { $0.property == "shear_modulus" }) {
            sawShear = true
            if let reference { try staged[2].write(DerivedMonroeNewman.measurements(shear: record.measurements, reference: reference)) }
        }
    }

    /// What the checks of a merged candidate read of one stored value: its property, value,
    /// qualifier, origin, and its source, method and location texts — all that a Young's modulus
    /// and Poisson's ratio take from a stored elastic partner (`DerivedElasticity`).
    private struct StoredKeyValue {
        let property: String
        let value: Double
        let qualifier: String?
        let origin: String
        let source: String
        let method: String
        let location: String?
    }

    /// The values candidate `id` had before the import, in the order stored, with only what
    /// `checkRepeatedValues` compares and `storedElasticPartners` pairs. One query for both, on the
    /// rows and the three texts they need rather than on the `measurements` view (which would read
    /// every text of every value): a merge of 11,000 moduli made two view queries per candidate,
    /// and then one more per partner found.
    /// - Complexity: one indexed lookup of the candidate's stored rows.
    private func storedKeyValues(of id: String) throws -> [StoredKeyValue] {
        // (A cached statement: preparing it costs more than running it.)
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT m.property, m.value, m.qualifier, m.origin, source.text, method.text, location.text
            FROM main.measurement_rows m
            JOIN main.texts source ON source.id = m.source_id JOIN main.texts method ON method.id = m.method_id
            LEFT JOIN main.texts location ON location.id = m.location_id
            WHERE m.id IN (SELECT id FROM \(storedKeys) WHERE candidate_id = ? AND id <= ?) ORDER BY m.id
            """), arguments: [id, storedMeasurementID])
        var values: [StoredKeyValue] = []
        while let row = try rows.next() {
            values.append(StoredKeyValue(property: row[0], value: row[1], qualifier: row[2], origin: row[3],
                                         source: row[4], method: row[5], location: row[6]))
        }
        return values
    }

    /// A merged candidate must not get a value it already has from the same source (the same
    /// file imported twice): one problem per such value, in file order. `stored`: the candidate's
    /// values before the import (`storedKeyValues`).
    private func checkRepeatedValues(_ record: MappedRecordReader.Record, stored: [StoredKeyValue]) {
        let sources = Set(mapping.properties.map(\.source))
        var known: [String: String] = [:]
        // The last stored value of a key names the origin, as the rows come in id order. Sources
        // are matched by their UTF-8 bytes, as the texts table tells texts apart.
        for s in stored where sources.contains(where: { $0.utf8.elementsEqual(s.source.utf8) }) {
            known["\(s.property)\u{1}\(s.source)\u{1}\(s.value)"] = s.origin
        }
        guard !known.isEmpty else { return }
        for m in record.measurements {
            guard let origin = known["\(m.property)\u{1}\(m.source)\u{1}\(m.value)"] else { continue }
            let problem = InputError(origin: m.origin, field: m.property,
                "candidate '\(m.candidate)' already has this value from this source (\(origin)); was the file imported before?")
            if repeatedValues.count < MappedRecordReader.problemLimit { repeatedValues.append(problem) } else { repeatedValuesNotKept += 1 }
        }
    }

    /// The stored partners of a merged candidate's new elastic moduli: when its record gives a
    /// bulk modulus but no shear modulus (or the reverse), its stored shear (bulk) moduli without
    /// qualifier that carry the same source text AND the same method as a new value — the rule for
    /// "the same data set", since nothing else ties two files together (the Matbench shear and bulk
    /// files are row-aligned and their mappings give both the same id prefix, source and method).
    /// Values of another source or method are never paired; a candidate that has only such values
    /// is counted in `unpaired`, for a notice. `stored`: the candidate's values before the import.
    /// A partner is given as `DerivedElasticity` reads it: candidate, property, value, source,
    /// method, location and origin (its other fields are not read there, and left empty).
    /// - Complexity: O(stored values).
    private func storedElasticPartners(of new: [Measurement], stored: [StoredKeyValue]) -> [Measurement] {
        let partnerOf = ["bulk_modulus": "shear_modulus", "shear_modulus": "bulk_modulus"]
        let elastic = new.filter { $0.qualifier == nil && partnerOf[$0.property] != nil }
        let given = Set(elastic.map(\.property))
        // partner property → the new values that lack it in their own record
        var wanted: [String: [Measurement]] = [:]
        for m in elastic where !given.contains(partnerOf[m.property]!) { wanted[partnerOf[m.property]!, default: []].append(m) }
        var partners: [Measurement] = []
        var otherDataSet = false
        for (property, needing) in wanted {
            for s in stored where s.property == property && s.qualifier == nil {
                guard let m = needing.first(where: { $0.source == s.source && $0.method == s.method }) else { otherDataSet = true; continue }
                partners.append(Measurement(
                    candidate: m.candidate, property: s.property, value: s.value, uncertainty: nil, rangeLow: nil, rangeHigh: nil,
                    qualifier: nil, valueFromRange: false, valueAsGiven: nil, uncertaintyAsGiven: nil, rangeLowAsGiven: nil,
                    rangeHighAsGiven: nil, unitAsGiven: "", method: s.method, conditions: nil, conventionAsGiven: nil,
                    source: s.source, location: s.location, note: nil, origin: s.origin))
            }
        }
        if otherDataSet && partners.isEmpty { unpaired += 1 }
        return partners
    }

    /// After the whole file: copies the staged structure, elastic and Monroe–Newman values after the
    /// file's own; derives cost and supply risk for the compositions of the candidates this import
    /// wrote (with `estimator`; stored once per composition, the candidates' gaps in
    /// `derivation_gaps`); writes `derived` (the stability descriptors, replacing the stored ones),
    /// writing what is ready while each chunk of estimates is made and the rest at the end; drops
    /// the staging and builds the dropped indexes again.
    /// - Returns: the notices about the gaps (one per property with gaps).
    /// - Complexity: O(rows written); memory O(chunk) besides the estimator's bounded caches.
    func finish(estimator: DerivedFromComposition.Estimator?, derived: DerivedRows? = nil) throws -> [String] {
        // What is still to come counts too (cost and supply risk go to `composition_values`).
        let coming = written + staged.reduce(0) { $0 + $1.written }
        if droppedIndexes == nil, coming > Self.dropIndexesAfter, Int64(coming) > storedMeasurementID { try dropIndexes() }
        for table in Self.stagedTables { try copy(table) }
        var notices: [String] = []
        // The derived rows ready by now (all of them, with `wait`), after those written before;
        // how many compositions' rows were written.
        func writeDerived(wait: Bool, limit: Int, _ write: ([Measurement], StoredStabilityReport?) throws -> Void) throws -> Int {
            guard let derived else { return 0 }
            return try derived.produce(wait, limit, write)
        }
        try replacingDerived(derived) { write in
            if let estimator {
                // While a chunk is estimated, the rows ready are written a few compositions at a
                // time, so that the next chunk starts as soon as this one is done.
                notices = try deriveFromCompositions(estimator) { try writeDerived(wait: false, limit: 64, write) > 0 }
            }
            _ = try writeDerived(wait: true, limit: .max, write)
        }
        for table in Self.stagedTables { try db.execute(sql: "DROP TABLE \(table)") }
        for sql in droppedIndexes ?? [] { try db.execute(sql: sql) }
        try db.execute(sql: "DROP TABLE IF EXISTS temp.stored_keys")
        return notices
    }

    /// Runs `body` with the sink of the derived rows: without `derived`, one that is never called;
    /// with it, the old values and reports are deleted first (`replacedDerived` counts them) and
    /// the sink writes the new ones through the import's writer.
    private func replacingDerived(_ derived: DerivedRows?,
                                  _ body: (_ write: ([Measurement], StoredStabilityReport?) throws -> Void) throws -> Void) throws {
        guard let derived else { return try body { _, _ in } }
        replacedDerived = try DescriptorStore.replacingStabilityDescriptors(
            properties: derived.properties, method: derived.method, in: db, writer: rows, producing: body)
    }

    /// Cost and supply risk for the compositions of the candidates this import wrote: stored once
    /// per composition (`composition_values`), the candidates' gaps in `derivation_gaps`.
    /// `meanwhile` is run while a chunk is estimated, again and again until the chunk is done; it
    /// tells whether it did anything (if not, the next call waits a little for the chunk first).
    /// - Returns: the notices about the gaps (one per property with gaps).
    private func deriveFromCompositions(_ estimator: DerivedFromComposition.Estimator, meanwhile: () throws -> Bool) throws -> [String] {
        var gaps = DerivedFromComposition.GapSummary()
        let compositionValues = try CompositionValueWriter(db, texts: texts)
        let insertGap = FastBinder(try db.makeStatement(sql: """
            INSERT OR REPLACE INTO derivation_gaps (candidate_id, property, missing, reason) VALUES (?, ?, ?, ?)
            """))
        // The candidates this import wrote, in chunks, in the order written. Each chunk's values
        // are derived on another thread while the chunk before is written (as an import always
        // overlapped the two); one task at a time holds the estimator.
        var after = storedCandidateRowID
        func nextChunk() throws -> [EstimatorBox.Entry] {
            let rows = try Row.fetchAll(db, sql: """
                SELECT rowid, id, formula, reduced_formula FROM candidates WHERE rowid > ? ORDER BY rowid LIMIT 10000
                """, arguments: [after])
            if let last = rows.last { after = last[0] }
            // Every candidate written here has a formula that parsed when its record was read.
            return rows.compactMap { row in
                guard let formula = row[2] as String?, let key = row[3] as String? else { return nil }
                return EstimatorBox.Entry(id: row[1], formula: formula, reducedKey: key)
            }
        }
        // Compositions already stored with these element data (a band-gap file after the
        // formation energies: nearly all) are neither computed nor written again. (An import
        // that wrote no candidate — a merge into stored ones — derives nothing: no scan.)
        var estimator = estimator
        if newCandidates > 0 { estimator.skipping(stored: try Self.storedCompositions(of: estimator.properties, in: db)) }
        let box = EstimatorBox(estimator)
        func derive(_ chunk: [EstimatorBox.Entry]) -> BackgroundTask<[DerivedValue]>? {
            chunk.isEmpty ? nil : BackgroundTask { box.derive(chunk) }
        }
        var task = derive(try nextChunk())
        while let current = task {
            while !current.isDone() {
                if try !meanwhile() { _ = current.isDone(waitingAtMost: 0.002) }
            }
            let values = current.value
            task = derive(try nextChunk())
            for value in values {
                switch value {
                case .composition(let v):
                    try compositionValues.write(v)
                case .gap(let g):
                    insertGap.bind([g.candidate, g.property, g.missing.joined(separator: " "), g.reason])
                    try insertGap.step(db)
                    gaps.add(g)
                }
            }
        }
        derived += compositionValues.written
        return box.estimator.setupNotices + gaps.notices
    }

    /// An import that has written more rows than this, and more than the database held, drops the
    /// secondary indexes of `candidates` and `measurement_rows` and builds them again at the end, in
    /// the same transaction: one sorted build instead of a million index inserts. Into a larger
    /// database the inserts win, since a rebuild sorts every stored row again.
    static let dropIndexesAfter = 20_000

    /// Drops the secondary indexes of `candidates` and `measurement_rows` (`droppedIndexes` keeps
    /// their SQL). The stored rows' keys the merged candidates' checks look up are copied first
    /// into `temp.stored_keys`, indexed: O(stored rows), fewer than those written by now.
    private func dropIndexes() throws {
        try db.execute(sql: """
            CREATE TEMP TABLE stored_keys AS SELECT id, candidate_id, property FROM main.measurement_rows WHERE id <= ?;
            CREATE INDEX temp.stored_keys_by_candidate ON stored_keys(candidate_id, property, id);
            """, arguments: [storedMeasurementID])
        storedKeys = "temp.stored_keys"
        var dropped: [String] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('candidates', 'measurement_rows')
            """) {
            dropped.append(row["sql"])
            try db.execute(sql: "DROP INDEX main.\((row["name"] as String).quotedDatabaseIdentifier)")
        }
        droppedIndexes = dropped
    }

    /// Per property, the keys of the compositions that have a stored value of it with its method
    /// and source (texts compared byte for byte, as SQLite compares them).
    /// - Complexity: one scan of `composition_values` per property.
    private static func storedCompositions(of properties: [DerivedProperty], in db: Database) throws -> [String: Set<String>] {
        var stored: [String: Set<String>] = [:]
        for p in properties {
            stored[p.name] = Set(try String.fetchAll(db, sql: """
                SELECT v.reduced_formula FROM composition_values v
                JOIN texts m ON m.id = v.method_id JOIN texts s ON s.id = v.source_id
                WHERE v.property = ? AND m.text = ? AND s.text = ?
                """, arguments: [p.name, p.method, p.source]))
        }
        return stored
    }

    /// Appends a staged table's rows to `measurement_rows`, in the order they were staged.
    private func copy(_ table: String) throws {
        try db.execute(sql: "INSERT INTO measurement_rows (\(MeasurementWriter.columns)) SELECT \(MeasurementWriter.columns) FROM \(table) ORDER BY rowid")
        derived += db.changesCount
    }
}

/// The estimator handed from one chunk's background task to the next: each task starts after the
/// one before has finished (its result was waited for), so the estimator is never used by two
/// threads at once — which is what makes the unchecked `Sendable` sound.
private final class EstimatorBox: @unchecked Sendable {
    var estimator: DerivedFromComposition.Estimator

    init(_ estimator: DerivedFromComposition.Estimator) { self.estimator = estimator }

    /// A candidate the import wrote: its id, formula and composition key.
    struct Entry: Sendable {
        let id, formula, reducedKey: String
    }

    /// The values of each candidate of the chunk (its composition's cost, then supply risk, or
    /// its gaps), in order; a formula is parsed only for a composition not met before.
    func derive(_ chunk: [Entry]) -> [DerivedValue] {
        var out: [DerivedValue] = []
        out.reserveCapacity(2 * chunk.count)
        for e in chunk {
            out += estimator.derive(candidate: e.id, reducedKey: e.reducedKey, composition: { try? ChemicalFormula(e.formula) })
        }
        return out
    }
}
