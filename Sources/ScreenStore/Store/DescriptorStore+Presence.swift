import GRDB
import ScreenCore

/// Which of a screening's properties a group of candidates has values of (bit k: property k of
/// the list asked for), as a missing-value policy asks it: answered without reading a value, a
/// method or a source.
public struct ValuePresence: Sendable, Equatable {
    /// Bit k set: some candidate of the group has a value of property k.
    public var any: UInt64 = 0
    /// Bit k set: some candidate of the group other than its own id has one (the value would be
    /// taken from, or pooled with, another entry's).
    public var others: UInt64 = 0

    /// A presence with the bits of `any` and `others` (none set by default).
    public init(any: UInt64 = 0, others: UInt64 = 0) {
        self.any = any
        self.others = others
    }

    /// Whether some candidate of the group has a value of property `k`.
    public func has(_ k: Int) -> Bool { any & (1 << UInt64(k)) != 0 }

    /// Whether some candidate other than the group's own id has a value of property `k`.
    public func hasOthers(_ k: Int) -> Bool { others & (1 << UInt64(k)) != 0 }
}

/// Which rows of `measurement_rows` count as values of some properties: one definition for
/// reading them (`screeningSamples`) and for telling which candidates have them (`presenceBits`,
/// `entries(ofFormulasIn:passing:presenceOf:)`). A row counts when its property is listed and its
/// qualifier is none or "~"; a bound such as "< 15 mV" is no value.
struct ValueRowCondition {
    /// `+property IN (…) AND (qualifier IS NULL OR qualifier = ?)`, columns prefixed by the
    /// table's alias (`+`: an index on the candidate drives the query, and its few entries per
    /// candidate are filtered, not looked up by property).
    let sql: String
    /// The arguments of `sql`.
    let arguments: [String]
    /// `CASE property WHEN ? THEN 0 … END`: a row's bit, its property's position in the list.
    let position: String
    /// The arguments of `position`.
    let positionArguments: [String]

    init(_ properties: [String], alias: String? = nil) {
        let column = alias.map { "\($0)." } ?? ""
        sql = "+\(column)property IN (\(properties.map { _ in "?" }.joined(separator: ", "))) AND (\(column)qualifier IS NULL OR \(column)qualifier = ?)"
        arguments = properties + [Qualifier.approximately.rawValue]
        position = "CASE \(column)property \(properties.indices.map { "WHEN ? THEN \($0)" }.joined(separator: " ")) END"
        positionArguments = properties
    }
}

/// `ValueRowCondition` for `composition_values`, whose values are never bounds: the property
/// alone, and only the properties stored there (`DerivedFromComposition.properties`), so that a
/// query of other properties skips the table (`isEmpty`): a million-row screening would otherwise
/// seek it once per entry for nothing.
struct CompositionValueCondition {
    /// `v.property IN (…)`.
    let sql: String
    let arguments: [String]
    /// `CASE v.property WHEN ? THEN k … END`, k the property's position in the list given, as
    /// `ValueRowCondition.position`.
    let position: String
    let positionArguments: [String]
    /// True when none of the properties is stored per composition.
    let isEmpty: Bool

    init(_ properties: [String], alias: String) {
        let kept = properties.enumerated().filter { DerivedFromComposition.properties.contains($0.element) }
        isEmpty = kept.isEmpty
        sql = "\(alias).property IN (\(kept.map { _ in "?" }.joined(separator: ", ")))"
        arguments = kept.map(\.element)
        position = "CASE \(alias).property \(kept.map { "WHEN ? THEN \($0.offset)" }.joined(separator: " ")) END"
        positionArguments = kept.map(\.element)
    }
}

extension DescriptorStore {
    /// The most properties `valuePresence` answers for at once (one bit each).
    public static let presencePropertyLimit = 64

    /// For each group of candidate ids (a screened row's entries, whose values it pools) and the id
    /// whose values count as the group's own, which of `properties` have a value there: exactly the
    /// values `screeningSamples` reads (not bounds such as "< 15 mV"; "~" values count), so that a
    /// screening can tell which rows a `missing: exclude` criterion removes, and how many of their
    /// values would be joined, before it reads any value. Groups may share candidates; an id that
    /// names no candidate, or a group without ids, has nothing.
    ///
    /// Why: a profile ranking on a million computed rows removes almost every row in scope for a
    /// missing stability value; reading and combining the other values of those rows was most of
    /// its time.
    /// - Parameters:
    ///   - properties: distinct names, at most `presencePropertyLimit` (bit k is `properties[k]`).
    ///   - known: bits already read for some ids (`presenceBits` with the same properties in the same
    ///     order, as `entries(ofFormulasIn:passing:presenceOf:)` gives them); they are not asked again,
    ///     and when every id of every group is known no query runs.
    /// - Complexity: `presenceBits` for the distinct ids not in `known`, then O(k) for the k ids of
    ///   all groups; memory O(groups) here.
    public func valuePresence(of properties: [String], in groups: [(ids: [String], own: String)],
                              known: [String: UInt64] = [:]) throws -> [ValuePresence] {
        precondition(properties.count <= Self.presencePropertyLimit, "valuePresence: at most \(Self.presencePropertyLimit) properties")
        var presence = [ValuePresence](repeating: ValuePresence(), count: groups.count)
        guard !properties.isEmpty, !groups.isEmpty else { return presence }
        var unknown = Set<String>()
        for group in groups { for id in group.ids where known[id] == nil { unknown.insert(id) } }
        let asked = unknown.isEmpty ? [:] : try presenceBits(of: properties, candidates: unknown)
        for (g, group) in groups.enumerated() {
            for id in group.ids {
                guard let bits = known[id] ?? asked[id] else { continue }
                presence[g].any |= bits
                if id != group.own { presence[g].others |= bits }
            }
        }
        return presence
    }

    /// Which of `properties` each of these candidates has values of, counted as `valuePresence`
    /// counts them (bit k: `properties[k]`); a candidate with none, or an id that names no
    /// candidate, is absent.
    /// - Complexity: O(k log k) for k ids (a sorted temporary table, `withTemporaryKeys`), then one
    ///   seek per id in the index on (candidate_id, property), in id order, and one table read per
    ///   matching row (its qualifier).
    public func presenceBits(of properties: [String], candidates ids: some Sequence<String>) throws -> [String: UInt64] {
        try queue.inDatabase { db in try Self.presenceBits(of: properties, candidates: ids, in: db) }
    }

    static func presenceBits(of properties: [String], candidates ids: some Sequence<String>, in db: Database) throws -> [String: UInt64] {
        precondition(properties.count <= presencePropertyLimit, "presenceBits: at most \(presencePropertyLimit) properties")
        var bits: [String: UInt64] = [:]
        guard !properties.isEmpty else { return bits }
        let values = ValueRowCondition(properties, alias: "m")
        let shared = CompositionValueCondition(properties, alias: "v")
        try withTemporaryKeys(ids, in: db) { table in
            // The keys drive the join (CROSS JOIN: SQLite would otherwise scan every measurement
            // row); one seek per id, its few index entries filtered, as in `screeningSamples`;
            // then its composition's values, through the candidate and the composition's index.
            let sharedArm = shared.isEmpty ? "" : """
                UNION ALL
                SELECT c.id, \(shared.position)
                FROM \(table) k CROSS JOIN candidates c ON c.id = k.key
                CROSS JOIN composition_values v ON v.reduced_formula = c.reduced_formula
                WHERE \(shared.sql)
                """
            let rows = try Row.fetchCursor(db, sql: """
                SELECT m.candidate_id, \(values.position)
                FROM \(table) k CROSS JOIN measurement_rows m ON m.candidate_id = k.key
                WHERE \(values.sql)
                \(sharedArm)
                """, arguments: StatementArguments(values.positionArguments + values.arguments
                                                    + (shared.isEmpty ? [] : shared.positionArguments + shared.arguments)))
            while let row = try rows.next() {
                bits[row[0] as String, default: 0] |= UInt64(1) << UInt64(row[1] as Int)
            }
        }
        return bits
    }
}
