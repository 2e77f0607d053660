import Foundation
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics

/// One profile screening as it passes through its stages (`ProfileScreening.run` calls them in
/// order): the rows in scope, their values per criterion, and the candidates excluded so far with
/// why. Why a type: each stage reads and narrows the same table, and a stage as a method can be
/// read (and changed) on its own.
struct ScreeningPipeline {
    let profile: Profile
    let store: DescriptorStore
    let settings: ScreeningScope
    let chosenCategories: [CandidateCategory]?
    /// The rows to rank (an entry, or under `aggregate` a composition) and their candidates.
    let rows: [ProfileScreening.ScreenedRow]
    let candidates: [Candidate]
    /// Entry ids by reduced formula, for the formula join and aggregation (empty otherwise).
    let idsByFormula: [String: [String]]
    let needsIndex: Bool
    let collector: CriterionValueCollector
    /// Counts for the scope summary.
    let inCategories: Int, entriesInScope: Int, removedWithoutFormula: Int, withoutFormula: Int

    /// table[i][j]: row i's value of criterion j (nil: none yet).
    var table: [[CriterionValue?]] = []
    var warnings: [String] = []
    var excluded: [ScreeningResult.Exclusion] = []
    var excludedIDs: Set<String> = []
    /// Criteria left out because nothing gives them a value.
    var noData: Set<Int> = []
    /// A formula's pooled value per criterion, computed once.
    private var joinCache: [[String: CriterionValue?]]
    /// Rows removed by a `missing: exclude` criterion before their values were read, with what the
    /// table holds for them (`rowsExcludedBeforeReading`), by row index; empty when every row is read.
    let excludedBeforeReading: [Int: [CriterionValue?]]

    /// Scope: categories → composition filter → polymorph grouping; reads the values the rows can
    /// draw on (their entries and, with the formula join or aggregation, those of the same formula).
    /// Only what the scope takes is read: the categories and the composition filter are applied by
    /// the store's query, the other entries of a formula are looked up for the formulas in scope.
    /// With `values: .screened`, rows a `missing: exclude` criterion removes are found from the
    /// database's value counts first (`presenceProperties`), and only the others' values are read.
    init(profile: Profile, store: DescriptorStore, categories: [CandidateCategory]?, scope: ScreeningScope.Override?,
         values: ProfileScreening.ScopeValues = .all) throws {
        self.profile = profile
        self.store = store
        let settings = profile.scope.applying(scope)
        self.settings = settings
        chosenCategories = categories ?? profile.categories
        // Every entry (any category) of the formulas in scope: the rows' only formulas. Read on a
        // second connection, which finds the formulas itself, while this thread reads the entries in
        // scope and names the rows (on a million rows each takes a good part of a second), as the
        // report reads its hull table while it screens. With `.screened`, the same connection tells
        // which properties each of those entries has values of.
        needsIndex = settings.join == .formula || settings.polymorphs == .aggregate
        let presence = values == .screened ? Self.presenceProperties(profile, settings: settings) : nil
        let path = store.path, asked = presence ?? [], chosen = chosenCategories, filter = settings.filter
        let entriesOfFormulas = needsIndex
            ? BackgroundTask { Result { try DescriptorStore(path: path).entries(ofFormulasIn: chosen, passing: filter, presenceOf: asked) } } : nil
        let inScope = try store.candidateCompositions(in: chosenCategories, passing: settings.filter)
        let entries = inScope.entries
        removedWithoutFormula = settings.filter.isEmpty ? 0 : inScope.inCategoriesWithoutFormula
        self.inCategories = inScope.inCategories
        entriesInScope = entries.count
        withoutFormula = entries.filter { $0.reducedFormula == nil }.count
        rows = try ProfileScreening.rows(entries, settings: settings, storedReducedFormulas: store.reducedFormulas(ofCandidates:))
        let formulaEntries = try entriesOfFormulas?.value.get()
        idsByFormula = formulaEntries?.ids ?? [:]
        candidates = rows.map(\.candidate)

        let properties = profile.criteria.compactMap { c -> String? in if case .property(let p) = c.source { p } else { nil } }
            + profile.criteria.compactMap(\.fallback)
        if let presence {
            let join = settings.join, idsByFormula = idsByFormula
            let pools = rows.map { Self.aggregatePool($0, join: join, idsByFormula: idsByFormula) }
            excludedBeforeReading = try Self.rowsExcludedBeforeReading(rows, profile: profile, pools: pools, store: store, properties: presence,
                                                                       known: formulaEntries?.presence ?? [:],
                                                                       phaseLinked: Set(try store.phases().map(\.candidate)))
        } else {
            excludedBeforeReading = [:]
        }
        // Only the candidates a row can draw on: its entries and, with the formula join or
        // aggregation, the database's entries of the same reduced formula.
        var reachable = Set<String>()
        for (i, row) in rows.enumerated() where excludedBeforeReading[i] == nil {
            reachable.formUnion(row.members)
            if needsIndex, let key = row.reducedFormula { reachable.formUnion(idsByFormula[key] ?? []) }
        }
        collector = try CriterionValueCollector(store: store, properties: Array(Set(properties)).sorted(), candidates: reachable)
        joinCache = Array(repeating: [:], count: profile.criteria.count)
        for c in settings.filter.contradictions { warnings.append("composition filter: \(c): no composition can pass") }
    }

    /// Excludes a candidate (once; the first reason stands).
    mutating func exclude(_ c: Candidate, _ criterion: String?, _ reason: String) {
        guard excludedIDs.insert(c.id).inserted else { return }
        excluded.append(.init(candidate: c, criterion: criterion, reason: reason))
    }

    /// Values per criterion: own, else joined by formula (keep) or pooled (aggregate), else from a
    /// phase; a criterion's `fallback:` property (same scale) when it has none.
    mutating func collectValues() {
        table.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() {
            if let placeholders = excludedBeforeReading[i] { table.append(placeholders); continue }
            var values: [CriterionValue?] = []
            for (j, criterion) in profile.criteria.enumerated() {
                var v = lookup(criterion, j: j, row: row)
                if v == nil, let other = criterion.fallbackCriterion { v = lookup(other, j: nil, row: row) }
                values.append(v)
            }
            table.append(values)
        }
    }

    /// A criterion's value for a row: own, else joined by formula or pooled, else from a phase
    /// (`j` indexes the join cache; nil: not cached).
    private mutating func lookup(_ criterion: Criterion, j: Int?, row: ProfileScreening.ScreenedRow) -> CriterionValue? {
        var v: CriterionValue?
        switch settings.polymorphs {
        case .keep:
            v = collector.own(criterion, row.candidate.id)
            if v == nil, settings.join == .formula, case .property = criterion.source, let key = row.reducedFormula,
               let group = idsByFormula[key], group.count > 1 {
                if let j, let cached = joinCache[j][key] { v = cached } else {
                    // The entry itself has no value, so pooling the whole group takes only the others'.
                    let pooled = collector.pooledValue(criterion, ids: group, rowID: row.candidate.id, kind: .formula, reducedFormula: key)
                    if let j { joinCache[j][key] = .some(pooled) }
                    v = pooled
                }
            }
        case .aggregate:
            if let key = row.reducedFormula {
                // A lone entry's own values are not marked as pooled, whatever the row is called.
                let pool = Self.aggregatePool(row, join: settings.join, idsByFormula: idsByFormula)
                v = collector.pooledValue(criterion, ids: pool.ids, performanceIDs: row.members, rowID: pool.own,
                                          kind: .pooled, reducedFormula: key)
            } else {
                v = collector.own(criterion, row.candidate.id)
            }
        }
        return v ?? collector.phaseValue(criterion, row.members)
    }

    /// What the scope kept and joined, for the result's summary (after `collectValues`).
    var scopeInfo: ScreeningResult.ScopeInfo {
        ScreeningResult.ScopeInfo(
            settings: settings, categories: chosenCategories, inCategories: inCategories,
            removedByFilter: inCategories - entriesInScope, removedWithoutFormula: removedWithoutFormula,
            entriesInScope: entriesInScope, rows: rows.count, rowsFromSeveralEntries: rows.filter { $0.members.count > 1 }.count,
            valuesJoined: table.reduce(0) { $0 + $1.filter { $0?.join != nil }.count }, withoutFormula: withoutFormula)
    }
}
