import ScreenCore
import ScreenStore

/// Rows that a `missing: exclude` criterion removes, found before any value is read (see
/// `ProfileScreening.ScopeValues.screened`): the database says which properties each row's entries
/// have values of, and only the other rows' values are read.
extension ScreeningPipeline {
    /// The properties whose presence decides the rows removed before reading (the criteria's
    /// distinct properties, in criterion order), or nil when this profile's values cannot be told
    /// from their presence alone. That takes one row per composition (`polymorphs: aggregate`, where
    /// a row has a value of a criterion exactly when one of the entries it pools has one), criteria
    /// on descriptor properties for which every stored value counts (no `require`, `prefer` or
    /// `reference_state`: they choose values by method or scale; no `fallback` property), no
    /// `missing: impute` (an imputation that fails also excludes, in the criteria's order, and it
    /// needs the values), and at least one `missing: exclude`. Otherwise every row is read, as before.
    /// - Complexity: O(criteria²) (the distinct properties).
    /// - Returns: nil also past `DescriptorStore.presencePropertyLimit` properties.
    static func presenceProperties(_ profile: Profile, settings: ScreeningScope) -> [String]? {
        guard settings.polymorphs == .aggregate, profile.criteria.contains(where: { $0.missing == .exclude }) else { return nil }
        var properties: [String] = []
        for c in profile.criteria {
            guard case .property(let p) = c.source, c.require == nil, c.prefer == nil, c.referenceState == nil, c.fallback == nil else { return nil }
            if case .impute = c.missing { return nil }
            if !properties.contains(p) { properties.append(p) }
        }
        return properties.count <= DescriptorStore.presencePropertyLimit ? properties : nil
    }

    /// The entries whose values an aggregate row pools and the id its values count as its own
    /// (a value drawn on any other is marked joined): its in-scope entries and, with `join: formula`,
    /// the database's other entries of its reduced formula; a row without a formula, itself.
    static func aggregatePool(_ row: ProfileScreening.ScreenedRow, join: ScreeningScope.Join,
                              idsByFormula: [String: [String]]) -> (ids: [String], own: String) {
        guard let key = row.reducedFormula else { return ([row.candidate.id], row.candidate.id) }
        let members = Set(row.members)
        let ids = join == .formula ? row.members + (idsByFormula[key] ?? []).filter { !members.contains($0) } : row.members
        return (ids, row.members.count == 1 ? row.members[0] : row.candidate.id)
    }

    /// For the rows that lack a value of some `missing: exclude` criterion: what `collectValues`
    /// puts in the table instead of their values, by row index. A criterion with a value gets
    /// `notRead` (marked joined when another entry's value is in the pool, so that the scope's count
    /// of joined values is the same), one without gets nil, so that `applyMissingPolicies` excludes the
    /// row for the same criterion, with the same reason, in the same order as before. Rows with an
    /// entry that has phases are read in full (a phase's value could stand in).
    /// `known`: the presence bits already read with the entries of the rows' formulas; only the ids
    /// not among them (entries without a formula) are asked.
    /// - Complexity: one `valuePresence` over the rows' pools (`aggregatePool`); O(rows · criteria) here.
    static func rowsExcludedBeforeReading(_ rows: [ProfileScreening.ScreenedRow], profile: Profile, pools: [(ids: [String], own: String)],
                                          store: DescriptorStore, properties: [String], known: [String: UInt64],
                                          phaseLinked: Set<String>) throws -> [Int: [CriterionValue?]] {
        let presence = try store.valuePresence(of: properties, in: pools, known: known)
        let bits = profile.criteria.map { c -> Int in
            // `presenceProperties` admits descriptor properties only, each listed.
            guard case .property(let p) = c.source else { return -1 }
            return properties.firstIndex(of: p)!
        }
        var placeholders: [Int: [CriterionValue?]] = [:]
        for (i, row) in rows.enumerated() where !row.members.contains(where: phaseLinked.contains) {
            let p = presence[i]
            guard profile.criteria.indices.contains(where: { profile.criteria[$0].missing == .exclude && !p.has(bits[$0]) }) else { continue }
            placeholders[i] = bits.map { k in
                guard p.has(k) else { return nil }
                var v = Self.notRead
                if p.hasOthers(k) { v.join = .init(kind: .pooled, ids: [], reducedFormula: row.reducedFormula ?? "") }
                return v
            }
        }
        return placeholders
    }

    /// The value of a removed row's criterion that has one, not read: it never reaches a ranking.
    static let notRead = CriterionValue(raw: .nan, provenance: .filled(policy: "not read: the row lacks a value that excludes it"))
}
