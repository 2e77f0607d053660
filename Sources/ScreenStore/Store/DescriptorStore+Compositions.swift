import GRDB
import ScreenCore
import ScreenNumerics

/// A candidate with the composition keys stored beside it (schema v3): the reduced formula
/// (`ChemicalFormula.reducedKey`, the join key) and the distinct element symbols. Both are
/// nil for a candidate without a (readable) formula, such as an organic additive.
public struct CandidateComposition: Sendable {
    public let candidate: Candidate
    /// Reduced amounts in alphabetical order (NaF → "FNa"); nil without a formula.
    public let reducedFormula: String?
    /// The stored space-separated element symbols.
    public let elementsText: String?

    /// Distinct element symbols, sorted; nil without a formula.
    public var elements: [String]? { elementsText.map { $0.split(separator: " ").map(String.init) } }

    init(candidate: Candidate, reducedFormula: String?, elementsText: String?) {
        self.candidate = candidate
        self.reducedFormula = reducedFormula
        self.elementsText = elementsText
    }
}

extension DescriptorStore {
    /// Every candidate with its composition keys, in category order and then by id (the order
    /// of `candidates(in:)`). One query, no formula parsing.
    public func candidateCompositions() throws -> [CandidateComposition] {
        // Columns by position through a cursor: several times faster than by name on 100,000 rows.
        // Read in id order (SQLite's binary order is Swift's for the ASCII ids) and bucketed by
        // category, which gives (category, id) order without a string sort.
        var buckets = [[CandidateComposition]](repeating: [], count: CandidateCategory.allCases.count)
        let index = Dictionary(uniqueKeysWithValues: CandidateCategory.allCases.enumerated().map { ($1.rawValue, ($0, $1)) })
        try queue.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT id, name, formula, category, note, origin, reduced_formula, elements FROM candidates ORDER BY id")
            while let row = try rows.next() {
                let (slot, category) = index[row[3] as String] ?? (CandidateCategory.allCases.firstIndex(of: .reference)!, .reference)
                let candidate = Candidate(id: row[0], name: row[1], formula: row[2], category: category, note: row[4], origin: row[5])
                buckets[slot].append(CandidateComposition(candidate: candidate, reducedFormula: row[6], elementsText: row[7]))
            }
        }
        return buckets.flatMap { $0 }
    }
}

/// One stored value as a screening uses it (a lighter `Measurement`).
public struct ScreeningSample: Sendable {
    public let candidate: String
    public let property: String
    public let value: Double
    public let uncertainty: Double?
    public let rangeLow: Double?
    public let rangeHigh: Double?
    public let method: String
    public let source: String
    public let location: String?
    /// What a binding energy is relative to (nil for other properties).
    public var referenceState: ReferenceState? = nil
}

extension DescriptorStore {
    /// The values (not bounds such as "< 15 mV"; "~" values count) of these properties, in
    /// load order, read by column position for speed; only those of `candidates` when given (the
    /// ids go through a temporary table, so any number of them is one indexed join).
    public func screeningSamples(properties: [String], candidates: [String]? = nil) throws -> [ScreeningSample] {
        guard !properties.isEmpty else { return [] }
        let marks = properties.map { _ in "?" }.joined(separator: ", ")
        return try queue.inDatabase { db in
            var restriction = ""
            if let candidates {
                try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS screening_ids (id TEXT PRIMARY KEY) WITHOUT ROWID")
                try db.execute(sql: "DELETE FROM screening_ids")
                let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO screening_ids (id) VALUES (?)")
                for id in candidates { try insert.execute(arguments: [id]) }
                restriction = "AND candidate_id IN (SELECT id FROM screening_ids)"
            }
            defer { if candidates != nil { try? db.execute(sql: "DROP TABLE IF EXISTS screening_ids") } }
            var out: [ScreeningSample] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT candidate_id, property, value, uncertainty, range_low, range_high, method, source, location, reference_state FROM measurements
                WHERE property IN (\(marks)) AND (qualifier IS NULL OR qualifier = ?) \(restriction) ORDER BY id
                """, arguments: StatementArguments(properties + [Qualifier.approximately.rawValue]))
            while let row = try rows.next() {
                out.append(ScreeningSample(candidate: row[0], property: row[1], value: row[2], uncertainty: row[3], rangeLow: row[4],
                                           rangeHigh: row[5], method: row[6], source: row[7], location: row[8],
                                           referenceState: (row[9] as String?).flatMap(ReferenceState.init(rawValue:))))
            }
            return out
        }
    }
}
