import GRDB
import ScreenCore
import ScreenNumerics

/// What the store knows about values a screening lacks: censored measurements ("< 15 mV") and a
/// property's range over the whole database, for `missing: unknown`.
extension DescriptorStore {
    /// A bound measured for a candidate: the value lies below (`isUpper`) or above `value`.
    public struct CensoredValue: Sendable {
        /// The candidate's id.
        public let candidate: String
        /// The property's name (`PropertyCatalogue`).
        public let property: String
        /// The bound, in the property's canonical unit.
        public let value: Double
        /// True for an upper bound (`<`, `<=`): the value lies below `value`; false for a lower one.
        public let isUpper: Bool
        /// Where it comes from (its source text).
        public let source: String
        /// What a censored binding energy is relative to (nil for other properties).
        public var referenceState: ReferenceState? = nil
    }

    /// Every censored measurement (qualifier <, <=, >, >=) of these properties, in load order; with
    /// `candidates`, only theirs (a screening asks for those of the rows it still ranks, a few
    /// hundred among a million).
    /// - Complexity: one scan of the rows (from the table, not the view); censored values are few.
    ///   With `candidates`, one index look-up per candidate instead (`withTemporaryKeys`).
    public func censoredValues(properties: [String], candidates: [String]? = nil) throws -> [CensoredValue] {
        guard !properties.isEmpty else { return [] }
        let marks = properties.map { _ in "?" }.joined(separator: ", ")
        func censored(_ db: Database, restriction: String) throws -> [CensoredValue] {
            try Row.fetchAll(db, sql: """
                SELECT m.candidate_id, m.property, m.value, m.qualifier, s.text, m.reference_state
                FROM measurement_rows m JOIN texts s ON s.id = m.source_id
                WHERE m.property IN (\(marks)) AND m.qualifier IN ('<', '<=', '>', '>=') \(restriction) ORDER BY m.id
                """, arguments: StatementArguments(properties)).map { row in
                let q: String = row[3]
                return CensoredValue(candidate: row[0], property: row[1], value: row[2], isUpper: q.hasPrefix("<"), source: row[4],
                                     referenceState: (row[5] as String?).flatMap(ReferenceState.init(rawValue:)))
            }
        }
        guard let candidates else { return try queue.read { db in try censored(db, restriction: "") } }
        return try queue.inDatabase { db in
            try Self.withTemporaryKeys(candidates, in: db) { table in
                try censored(db, restriction: "AND m.candidate_id IN (SELECT key FROM \(table))")
            }
        }
    }

    /// The lowest and highest value of `property` over the database (values and "~" values, not
    /// bounds), with their number (a composition's value counted once per candidate of the
    /// composition, as the view `measurements` gives it); only those on `referenceState` when given
    /// (composition values have none); nil without values.
    /// (From the tables, not the view: SQLite does not flatten a view of joins into an aggregate,
    /// and would look up every row's texts.)
    /// - Complexity: one scan of the rows, reading no text, and of the composition values with an
    ///   index look-up of their candidates.
    public func observedRange(of property: String, referenceState: ReferenceState? = nil) throws -> (low: Double, high: Double, count: Int)? {
        try queue.read { db in
            let scale = referenceState == nil ? "" : "AND reference_state = ?"
            let perComposition = referenceState == nil && DerivedFromComposition.properties.contains(property)
            let shared = perComposition ? """
                UNION ALL SELECT min(v.value), max(v.value), count(*) FROM composition_values v
                  JOIN candidates c ON c.reduced_formula = v.reduced_formula WHERE v.property = ?
                """ : ""
            let arguments = [property, Qualifier.approximately.rawValue] + [referenceState?.rawValue].compactMap { $0 }
                + (perComposition ? [property] : [])
            guard let row = try Row.fetchOne(db, sql: """
                SELECT min(low), max(high), sum(n) FROM (
                  SELECT min(value) AS low, max(value) AS high, count(*) AS n FROM measurement_rows
                    WHERE property = ? AND (qualifier IS NULL OR qualifier = ?) \(scale)
                  \(shared))
                """, arguments: StatementArguments(arguments)),
                  let low = row[0] as Double?, let high = row[1] as Double? else { return nil }
            return (low, high, row[2])
        }
    }
}
