import GRDB
import ScreenCore
import ScreenNumerics

/// A candidate with the composition keys stored beside it (schema v3): the reduced formula
/// (`ChemicalFormula.reducedKey`, the join key) and the distinct element symbols. Both are
/// nil for a candidate without a (readable) formula, such as an organic additive.
public struct CandidateComposition: Sendable {
    /// The candidate.
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
        try candidateCompositions(in: nil, passing: .none).entries
    }
}

/// One stored value as a screening uses it (a lighter `Measurement`).
public struct ScreeningSample: Sendable {
    /// The candidate's id.
    public let candidate: String
    /// The property's name (`PropertyCatalogue`).
    public let property: String
    /// The value in the property's canonical unit.
    public let value: Double
    /// Canonical ± uncertainty; nil when none was given.
    public let uncertainty: Double?
    /// Low end of the canonical range; nil when none was given.
    public let rangeLow: Double?
    /// High end of the canonical range; nil when none was given.
    public let rangeHigh: Double?
    /// How the value was obtained (its method text).
    public let method: String
    /// Where it comes from (its source text).
    public let source: String
    /// Where in the source (`Table 1`); nil when not stated.
    public let location: String?
    /// What a binding energy is relative to (nil for other properties).
    public var referenceState: ReferenceState? = nil
    /// What kind of value it is (`ValueKind(method:)` of `method`): read once per distinct method
    /// text by `screeningSamples`, not once per sample (a screening of a million values would
    /// otherwise lower-case and search the same few texts a million times).
    public var kind: ValueKind = .unspecified
}

extension DescriptorStore {
    /// The values (not bounds such as "< 15 mV"; "~" values count) of these properties, by
    /// candidate, each candidate's in load order; only those of `candidates` when given (the ids go
    /// through a temporary table, so any number of them is one indexed join, through the candidate
    /// index, read candidate by candidate: no sort of every row, no hash per row). Each method,
    /// source and location text is read once and shared by every sample that has it (schema 7
    /// stores it once): a million samples hold a few strings. Candidates without a value are absent.
    /// - Complexity: one indexed lookup per candidate given (else one scan of the table), one text
    ///   lookup per distinct text.
    public func screeningSamples(properties: [String], candidates: [String]? = nil) throws -> [String: [ScreeningSample]] {
        guard !properties.isEmpty else { return [:] }
        let values = ValueRowCondition(properties)
        return try queue.inDatabase { db in
            var texts = TextCache(db)
            // Each method text's kind, by text id (a few methods, shared by every sample).
            var kinds: [Int64: ValueKind] = [:]
            func methodAndKind(_ methodID: Int64) throws -> (method: String, kind: ValueKind) {
                let method = try texts[methodID]
                let kind = kinds[methodID] ?? ValueKind(method: method)
                kinds[methodID] = kind
                return (method, kind)
            }
            /// The samples of every candidate, or of those whose ids are in the temporary table `keys`.
            func samples(keys: String?) throws -> [String: [ScreeningSample]] {
                var out: [String: [ScreeningSample]] = [:]
                // One candidate's consecutive rows (all of them when read by candidate), by id.
                var run: [(id: Int64, sample: ScreeningSample)] = []
                func flush() {
                    guard let first = run.first else { return }
                    out[first.sample.candidate, default: []] += run.sorted { $0.id < $1.id }.map(\.sample)
                    run.removeAll(keepingCapacity: true)
                }
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT candidate_id, property, value, uncertainty, range_low, range_high, method_id, source_id, location_id,
                      reference_state, id
                    FROM measurement_rows WHERE \(values.sql)
                    \(keys.map { "AND candidate_id IN (SELECT key FROM \($0))" } ?? "") ORDER BY \(keys == nil ? "id" : "candidate_id")
                    """, arguments: StatementArguments(values.arguments))
                while let row = try rows.next() {
                    let candidate: String = row[0]
                    if let current = run.first?.sample.candidate, current != candidate { flush() }
                    let (method, kind) = try methodAndKind(row[6])
                    run.append((row[10], ScreeningSample(
                        candidate: candidate, property: row[1], value: row[2], uncertainty: row[3], rangeLow: row[4],
                        rangeHigh: row[5], method: method, source: try texts[row[7]],
                        location: try (row[8] as Int64?).map { try texts[$0] },
                        referenceState: (row[9] as String?).flatMap(ReferenceState.init(rawValue:)), kind: kind)))
                }
                flush()
                // Then each candidate's composition values (schema 11), which follow its own rows
                // in id order.
                let shared = CompositionValueCondition(properties, alias: "v")
                guard !shared.isEmpty else { return out }
                let sharedRows = try Row.fetchCursor(db, sql: """
                    SELECT c.id, v.property, v.value, v.method_id, v.source_id
                    FROM candidates c CROSS JOIN composition_values v ON v.reduced_formula = c.reduced_formula
                    WHERE \(shared.sql) \(keys.map { "AND c.id IN (SELECT key FROM \($0))" } ?? "")
                    ORDER BY c.id, v.id
                    """, arguments: StatementArguments(shared.arguments))
                while let row = try sharedRows.next() {
                    let (method, kind) = try methodAndKind(row[3])
                    let candidate: String = row[0]
                    out[candidate, default: []].append(ScreeningSample(
                        candidate: candidate, property: row[1], value: row[2], uncertainty: nil, rangeLow: nil, rangeHigh: nil,
                        method: method, source: try texts[row[4]], location: nil, referenceState: nil, kind: kind))
                }
                return out
            }
            guard let candidates else { return try samples(keys: nil) }
            // (`+property` above: not through the index on (candidate_id, property), which would seek
            // once per candidate and property — six seeks for a six-criterion profile; one seek per
            // candidate reads its few rows, half the time on a million rows.)
            return try Self.withTemporaryKeys(candidates, in: db) { table in
                try samples(keys: table)
            }
        }
    }
}

/// The texts of `texts` by id, each read once (`screeningSamples`, `values(of:)`, the band-gap
/// calibration's read): equal ids give the same `String`, sharing its storage.
public struct TextCache {
    private let db: Database
    private var known: [Int64: String] = [:]

    /// A cache reading from `db` (use it only inside the access to `db` it was made in).
    public init(_ db: Database) { self.db = db }

    /// The text with this id.
    /// - Throws: a database error, or one naming the id when no text has it (a damaged database).
    /// - Complexity: O(1) for an id read before, one primary-key lookup otherwise.
    public subscript(id: Int64) -> String {
        mutating get throws {
            if let text = known[id] { return text }
            guard let text = try String.fetchOne(db, sql: "SELECT text FROM texts WHERE id = ?", arguments: [id]) else {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "no text with id \(id) in texts")
            }
            known[id] = text
            return text
        }
    }
}
