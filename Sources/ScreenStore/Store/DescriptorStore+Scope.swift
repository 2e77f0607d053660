import GRDB
import ScreenCore
import ScreenNumerics

/// The candidates a profile's scope takes, read from the database without reading the others: the
/// categories and a coarse composition filter are SQL conditions, so a screening of the sodium
/// compounds among a million entries builds only theirs.
public struct CandidatesInScope: Sendable {
    /// The candidates of the categories that pass the composition filter, in category order and
    /// then by id (the order of `DescriptorStore.candidates(in:)`).
    public let entries: [CandidateComposition]
    /// How many candidates the categories hold, passing the filter or not.
    public let inCategories: Int
    /// How many of those have no formula (their elements are unknown).
    public let inCategoriesWithoutFormula: Int
}

/// The SQL condition on `candidates` for a scope's categories and the cheap part of its
/// composition filter: the element-count bounds and the elements that must be present (a filter
/// lists few), on the stored `element_count` and `elements` (the sorted symbols, one space apart).
/// Every row that passes it is then checked with `filter.accepts` itself.
struct ScopeCondition {
    /// The category condition alone (nil: every category is wanted).
    let category: String?
    let categoryArguments: [any DatabaseValueConvertible]
    /// The whole condition and its arguments.
    let sql: String
    let arguments: StatementArguments

    init(categories: [CandidateCategory]?, filter: CompositionFilter) {
        var category: String? = nil, categoryArguments: [any DatabaseValueConvertible] = []
        // (Unknown categories count as reference: with reference wanted, the caller sorts them out.)
        if let wanted = categories.map(Set.init), !wanted.contains(.reference) {
            category = "category IN (\(wanted.map { _ in "?" }.joined(separator: ", ")))"
            categoryArguments = wanted.map(\.rawValue)
        }
        var passes = ["1"], arguments: [any DatabaseValueConvertible] = []
        if !filter.isEmpty {
            passes = ["elements IS NOT NULL"]
            if let n = filter.minElements { passes.append("element_count >= ?"); arguments.append(n) }
            if let n = filter.maxElements { passes.append("element_count <= ?"); arguments.append(n) }
            for e in filter.contains { passes.append("instr(' ' || elements || ' ', ?) > 0"); arguments.append(" \(e) ") }
        }
        self.category = category
        self.categoryArguments = categoryArguments
        sql = ([category].compactMap { $0 } + passes).joined(separator: " AND ")
        self.arguments = StatementArguments(categoryArguments + arguments)
    }
}

/// The entries of some reduced formulas, and which properties each has values of
/// (`DescriptorStore.entries(ofFormulasIn:passing:presenceOf:)`).
public struct FormulaEntries: Sendable {
    /// Entry ids by reduced formula, in category order and then by id.
    public let ids: [String: [String]]
    /// For every id listed, bit k set when it has a value of property k (empty without properties).
    public let presence: [String: UInt64]
}

extension DescriptorStore {
    /// The candidates of `categories` (nil: all) that pass `filter`, with their composition keys,
    /// and how many the categories hold.
    ///
    /// The element-count bounds and the elements that must be present are SQL conditions on the
    /// stored `element_count` and `elements` (the sorted symbols, one space apart): no formula is
    /// parsed, and only the candidates that pass them are decoded and checked with `filter.accepts`
    /// itself (so the result is exactly the filter's) and built. An empty filter
    /// keeps candidates without a formula; any other drops them (see `CompositionFilter`). A stored
    /// category this version does not know counts as `reference`, as in `candidates(in:)`.
    ///
    /// - Complexity: one scan of `candidates` and a sort of those returned; memory for them only.
    public func candidateCompositions(in categories: [CandidateCategory]?, passing filter: CompositionFilter) throws -> CandidatesInScope {
        let wanted = categories.map(Set.init)
        let scope = ScopeCondition(categories: categories, filter: filter)
        // The counts from one aggregate per category (in SQLite, no row decoded here), then only the
        // candidates that pass the SQL conditions, read in table order (a scan; id order would look
        // every row up through the id index) and bucketed by category, each bucket then sorted by id
        // (SQLite's binary order, which is Swift's for the ASCII ids); columns by position.
        var buckets = [[CandidateComposition]](repeating: [], count: CandidateCategory.allCases.count)
        var inCategories = 0, withoutFormula = 0
        try queue.read { db in
            let counts = try Row.fetchCursor(db, sql: """
                SELECT category, count(*), sum(elements IS NULL) FROM candidates \(scope.category.map { "WHERE \($0)" } ?? "") GROUP BY category
                """, arguments: StatementArguments(scope.categoryArguments))
            while let row = try counts.next() {
                let (_, category) = Self.storedCategory(row[0])
                guard wanted?.contains(category) ?? true else { continue }
                inCategories += row[1] as Int
                withoutFormula += row[2] as Int
            }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT category, id, name, formula, note, origin, reduced_formula, elements FROM candidates WHERE \(scope.sql)
                """, arguments: scope.arguments)
            while let row = try rows.next() {
                let (slot, category) = Self.storedCategory(row[0])
                guard wanted?.contains(category) ?? true else { continue }
                let elements: String? = row[7]
                guard filter.isEmpty || filter.accepts(elements.map { $0.split(separator: " ").map(String.init) }) else { continue }
                let candidate = Candidate(id: row[1], name: row[2], formula: row[3], category: category, note: row[4], origin: row[5])
                buckets[slot].append(CandidateComposition(candidate: candidate, reducedFormula: row[6], elementsText: elements))
            }
        }
        let entries = buckets.flatMap { bucket in bucket.sorted { $0.candidate.id.utf8.lexicographicallyPrecedes($1.candidate.id.utf8) } }
        return CandidatesInScope(entries: entries, inCategories: inCategories, inCategoriesWithoutFormula: withoutFormula)
    }

    /// The entries (any category) of every reduced formula that a candidate of `categories` (nil:
    /// all) meeting `filter`'s SQL conditions has — the formulas of `candidateCompositions(in:passing:)`,
    /// and perhaps a few more (the conditions leave out what only `filter.accepts` decides: excluded
    /// and allowed elements) — in category order and then by id, and for every entry listed which of
    /// `properties` it has values of, counted as `presenceBits` counts them (0 when none).
    ///
    /// Why: a screening asks this on a second connection from the start, while it reads and names
    /// its rows; it needs no formula list from them, so the two run side by side. A formula that is
    /// not a row's is never looked at.
    /// - Parameter properties: distinct names, at most `presencePropertyLimit`; empty: no presence.
    /// - Complexity: one scan of `candidates` for the formulas, one indexed lookup per formula
    ///   (`candidates_by_reduced_formula`), and with properties, for each entry found (in id order)
    ///   one seek in the index on (candidate_id, property) and one table read per matching row (its
    ///   qualifier); memory O(entries) in SQLite's temporary file and here.
    public func entries(ofFormulasIn categories: [CandidateCategory]?, passing filter: CompositionFilter,
                        presenceOf properties: [String]) throws -> FormulaEntries {
        precondition(properties.count <= Self.presencePropertyLimit, "entries(ofFormulasIn:): at most \(Self.presencePropertyLimit) properties")
        let scope = ScopeCondition(categories: categories, filter: filter)
        var found: [String: [(category: Int, id: String)]] = [:]
        var presence: [String: UInt64] = [:]
        // Each entry's bits as the sum of its distinct bit values (an OR; with bit 63 the sum stays
        // inside SQLite's 64-bit integers), asked in id order: the entries are held in a temporary
        // table keyed by id, so that the measurements are read in the order they are stored.
        let values = ValueRowCondition(properties, alias: "m")
        let shared = CompositionValueCondition(properties, alias: "v")
        // The bits of the entry's own rows OR those of its composition's values.
        let sharedBits = shared.isEmpty ? "" : """
             | coalesce((SELECT sum(DISTINCT 1 << \(shared.position)) FROM composition_values v
                         WHERE v.reduced_formula = e.reduced_formula AND \(shared.sql)), 0)
            """
        let bits = properties.isEmpty ? "0" : """
            (coalesce((SELECT sum(DISTINCT 1 << \(values.position)) FROM measurement_rows m WHERE m.candidate_id = e.id AND \(values.sql)), 0)
             \(sharedBits))
            """
        let bitArguments = properties.isEmpty ? [] : values.positionArguments + values.arguments
            + (shared.isEmpty ? [] : shared.positionArguments + shared.arguments)
        try queue.inDatabase { db in
            // The temporary table in memory (tens of MB for a million-row database; its file's
            // reads and writes were a third of the time), for this connection's temporary tables.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            try Self.inTemporaryTransaction(db) {
                try db.execute(sql: "DROP TABLE IF EXISTS temp.formula_entries")
                try db.execute(sql: "CREATE TEMP TABLE formula_entries (id TEXT PRIMARY KEY, reduced_formula TEXT NOT NULL, category TEXT NOT NULL) WITHOUT ROWID")
                try db.execute(sql: """
                    INSERT INTO temp.formula_entries (id, reduced_formula, category)
                    SELECT c.id, c.reduced_formula, c.category FROM candidates c
                    WHERE c.reduced_formula IN (SELECT reduced_formula FROM candidates WHERE \(scope.sql))
                    """, arguments: scope.arguments)
                let rows = try Row.fetchCursor(db, sql: "SELECT e.reduced_formula, e.category, e.id, \(bits) FROM temp.formula_entries e",
                                               arguments: StatementArguments(bitArguments))
                while let row = try rows.next() {
                    let id: String = row[2]
                    found[row[0], default: []].append((Self.storedCategory(row[1]).position, id))
                    if !properties.isEmpty { presence[id] = UInt64(bitPattern: (row[3] as Int64?) ?? 0) }
                }
                try db.execute(sql: "DROP TABLE temp.formula_entries")
            }
        }
        return FormulaEntries(ids: found.mapValues { $0.sorted { ($0.category, $0.id) < ($1.category, $1.id) }.map(\.id) },
                              presence: presence)
    }

    /// The stored reduced formula (nil: no formula) of each of these ids that names a candidate.
    /// - Complexity: one primary-key lookup per id.
    public func reducedFormulas(ofCandidates ids: some Sequence<String>) throws -> [String: String?] {
        var found: [String: String?] = [:]
        try queue.inDatabase { db in
            try Self.withTemporaryKeys(ids, in: db) { table in
                let rows = try Row.fetchCursor(db, sql: "SELECT id, reduced_formula FROM candidates WHERE id IN (SELECT key FROM \(table))")
                while let row = try rows.next() { found[row[0] as String] = .some(row[1] as String?) }
            }
        }
        return found
    }

    /// A stored category and its position in `CandidateCategory.allCases` (the order results are
    /// sorted in); a category this version does not know counts as `reference`, as in `candidates(in:)`.
    static func storedCategory(_ text: String) -> (position: Int, category: CandidateCategory) {
        // `allCases` holds `reference`, so its position is always there.
        categoryPositions[text] ?? categoryPositions[CandidateCategory.reference.rawValue]!
    }

    private static let categoryPositions: [String: (position: Int, category: CandidateCategory)] =
        Dictionary(uniqueKeysWithValues: CandidateCategory.allCases.enumerated().map { ($1.rawValue, ($0, $1)) })

    /// Runs `body` with the name of a temporary table holding `keys` (column `key`, distinct): any
    /// number of ids or formulas becomes one indexed join. The table is dropped afterwards.
    /// - Complexity: O(k log k) for k keys (sorted first).
    static func withTemporaryKeys<T>(_ keys: some Sequence<String>, in db: Database, _ body: (String) throws -> T) throws -> T {
        var result: T? = nil
        // One transaction for the inserts and the query: in autocommit mode each insert would be a
        // transaction of its own, with its journal, on the temporary file.
        try inTemporaryTransaction(db) {
            try db.execute(sql: "DROP TABLE IF EXISTS temp.scope_keys")
            try db.execute(sql: "CREATE TEMP TABLE scope_keys (key TEXT PRIMARY KEY) WITHOUT ROWID")
            let insert = FastBinder(try db.makeStatement(sql: "INSERT OR IGNORE INTO temp.scope_keys (key) VALUES (?)"))
            // Sorted, each insert is an append: unsorted, hundreds of thousands of keys go to random
            // pages of the temporary file, which a small cache reads and writes over and over. By
            // UTF-8 bytes, SQLite's order for the key column (and cheaper than `String`'s `<`).
            for key in keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                insert.bind(1, key)
                try insert.step(db)
            }
            result = try body("temp.scope_keys")
            try db.execute(sql: "DROP TABLE temp.scope_keys")
        }
        return result!
    }

    /// Runs `body`, which writes only temporary tables, in one transaction: a deferred one when
    /// none is open (it locks the database file for reading only), else a savepoint.
    ///
    /// Why not `inSavepoint` alone: outside a transaction GRDB begins it IMMEDIATE, which takes the
    /// database file's RESERVED lock, held by one connection at a time. A screening reads on two
    /// connections at once (the entries of its formulas on a second thread while it names its rows);
    /// each connection's temporary table then waited on the other's transaction, for up to the busy
    /// timeout.
    static func inTemporaryTransaction(_ db: Database, _ body: () throws -> Void) throws {
        if db.isInsideTransaction {
            try db.inSavepoint { try body(); return .commit }
        } else {
            try db.inTransaction(.deferred) { try body(); return .commit }
        }
    }
}
