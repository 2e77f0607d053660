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
    /// - Parameter properties: distinct names, at most `presencePropertyLimit` (bit k is `properties[k]`).
    /// - Complexity: O(k log k) for the k ids of all groups (a sorted temporary table), then one seek
    ///   per id in the index on (candidate_id, property) and one table read per matching row (its
    ///   qualifier); memory O(k) in SQLite and O(groups) here.
    public func valuePresence(of properties: [String], in groups: [(ids: [String], own: String)]) throws -> [ValuePresence] {
        precondition(properties.count <= Self.presencePropertyLimit, "valuePresence: at most \(Self.presencePropertyLimit) properties")
        var presence = [ValuePresence](repeating: ValuePresence(), count: groups.count)
        guard !properties.isEmpty, !groups.isEmpty else { return presence }
        // (id, group, whether the id is the group's own), sorted by id: each insert an append.
        var keys: [(id: String, group: Int, own: Bool)] = []
        for (g, group) in groups.enumerated() {
            for id in group.ids { keys.append((id, g, id == group.own)) }
        }
        keys.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) || ($0.id == $1.id && $0.group < $1.group) }
        let marks = properties.map { _ in "?" }.joined(separator: ", ")
        let positions = properties.indices.map { "WHEN ? THEN \($0)" }.joined(separator: " ")
        try queue.inDatabase { db in
            // One savepoint for the inserts and the query (see `withTemporaryKeys`).
            try db.inSavepoint {
                try db.execute(sql: "DROP TABLE IF EXISTS temp.presence_keys")
                try db.execute(sql: """
                    CREATE TEMP TABLE presence_keys (candidate TEXT NOT NULL, grp INTEGER NOT NULL, own INTEGER NOT NULL,
                      PRIMARY KEY (candidate, grp)) WITHOUT ROWID
                    """)
                let insert = FastBinder(try db.makeStatement(sql: "INSERT OR IGNORE INTO temp.presence_keys (candidate, grp, own) VALUES (?, ?, ?)"))
                for key in keys {
                    insert.bind(1, key.id)
                    insert.bind(2, key.group)
                    insert.bind(3, key.own ? 1 : 0)
                    try insert.step(db)
                }
                // The keys drive the join (CROSS JOIN: SQLite would otherwise scan every measurement
                // row); `+property`: one seek per id, its few index entries filtered, as in
                // `screeningSamples`.
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT k.grp, k.own, CASE m.property \(positions) END
                    FROM temp.presence_keys k CROSS JOIN measurement_rows m ON m.candidate_id = k.candidate
                    WHERE +m.property IN (\(marks)) AND (m.qualifier IS NULL OR m.qualifier = ?)
                    """, arguments: StatementArguments(properties + properties + [Qualifier.approximately.rawValue]))
                while let row = try rows.next() {
                    let group: Int = row[0], own: Bool = row[1], bit = UInt64(1) << UInt64(row[2] as Int)
                    presence[group].any |= bit
                    if !own { presence[group].others |= bit }
                }
                try db.execute(sql: "DROP TABLE temp.presence_keys")
                return .commit
            }
        }
        return presence
    }
}
