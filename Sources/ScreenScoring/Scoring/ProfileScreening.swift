import Foundation
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics

/// Runs a profile on the database: scope (categories → composition filter → polymorph
/// grouping) → values (own, joined by formula, from a phase) → missing-value policy → hard
/// limits → transform or desirability → decision matrix → ranking method.
public enum ProfileScreening {
    /// - Parameter scope: command-line settings on top of the profile's `filter:`,
    ///   `polymorphs:` and `join:` (filters intersect; the others replace).
    public static func run(_ profile: Profile, store: DescriptorStore, method: String? = nil, normalization: String? = nil,
                           parameters: [String: RankingParameter]? = nil, categories: [CandidateCategory]? = nil,
                           scope: ScreeningScope.Override? = nil) throws -> ScreeningResult {
        let settings = profile.scope.applying(scope)
        let chosenCategories = categories ?? profile.categories
        let all = try store.candidateCompositions()
        let wanted = chosenCategories.map(Set.init)
        let inCategories = all.filter { wanted?.contains($0.candidate.category) ?? true }
        let entries = settings.filter.isEmpty ? inCategories : inCategories.filter { settings.filter.accepts($0.elements) }
        let removedWithoutFormula = settings.filter.isEmpty ? 0 : inCategories.filter { $0.elementsText == nil }.count
        let needsIndex = settings.join == .formula || settings.polymorphs == .aggregate
        var idsByFormula: [String: [String]] = [:]
        if needsIndex { for e in all { if let k = e.reducedFormula { idsByFormula[k, default: []].append(e.candidate.id) } } }
        let units = Self.rows(entries, settings: settings, all: all, idsByFormula: idsByFormula)
        let candidates = units.map(\.candidate)

        let properties = profile.criteria.compactMap { c -> String? in if case .property(let p) = c.source { p } else { nil } }
            + profile.criteria.compactMap(\.fallback)
        // Only the candidates a row can draw on: its entries and, with the formula join or
        // aggregation, the database's entries of the same reduced formula.
        var reachable = Set<String>()
        for unit in units {
            reachable.formUnion(unit.members)
            if needsIndex, let key = unit.reducedFormula { reachable.formUnion(idsByFormula[key] ?? []) }
        }
        let collector = try CriterionValueCollector(store: store, properties: Array(Set(properties)).sorted(), candidates: reachable)
        var warnings: [String] = []
        for c in settings.filter.contradictions { warnings.append("composition filter: \(c): no composition can pass") }
        var excluded: [ScreeningResult.Exclusion] = []
        var excludedIDs: Set<String> = []
        func exclude(_ c: Candidate, _ criterion: String?, _ reason: String) {
            guard excludedIDs.insert(c.id).inserted else { return }
            excluded.append(.init(candidate: c, criterion: criterion, reason: reason))
        }

        // Values per criterion: own, else joined by formula (keep) or pooled (aggregate), else
        // from a phase; then the missing-value policy. A formula's pooled value is computed once.
        var table: [[CriterionValue?]] = []
        table.reserveCapacity(units.count)
        var joinCache: [[String: CriterionValue?]] = Array(repeating: [:], count: profile.criteria.count)
        for unit in units {
            var row: [CriterionValue?] = []
            for (j, criterion) in profile.criteria.enumerated() {
                var v = lookup(criterion, j: j, unit: unit)
                // A property on the same scale, when the criterion names one (`fallback:`).
                if v == nil, let other = criterion.fallbackCriterion { v = lookup(other, j: nil, unit: unit) }
                row.append(v)
            }
            table.append(row)
        }

        /// A criterion's value for a row: own, else joined by formula or pooled, else from a phase
        /// (`j` indexes the join cache; nil: not cached).
        func lookup(_ criterion: Criterion, j: Int?, unit: Unit) -> CriterionValue? {
            var v: CriterionValue?
            switch settings.polymorphs {
            case .keep:
                v = collector.own(criterion, unit.candidate.id)
                if v == nil, settings.join == .formula, case .property = criterion.source, let key = unit.reducedFormula,
                   let group = idsByFormula[key], group.count > 1 {
                    if let j, let cached = joinCache[j][key] { v = cached } else {
                        // The entry itself has no value, so pooling the whole group takes only the others'.
                        let pooled = collector.pooledValue(criterion, ids: group, rowID: unit.candidate.id, kind: .formula, reducedFormula: key)
                        if let j { joinCache[j][key] = .some(pooled) }
                        v = pooled
                    }
                }
            case .aggregate:
                if let key = unit.reducedFormula {
                    let members = Set(unit.members)
                    let pool = settings.join == .formula ? unit.members + (idsByFormula[key] ?? []).filter { !members.contains($0) } : unit.members
                    // A lone entry's own values are not marked as pooled, whatever the row is called.
                    v = collector.pooledValue(criterion, ids: pool, performanceIDs: unit.members,
                                              rowID: unit.members.count == 1 ? unit.members[0] : unit.candidate.id,
                                              kind: .pooled, reducedFormula: key)
                } else {
                    v = collector.own(criterion, unit.candidate.id)
                }
            }
            return v ?? collector.phaseValue(criterion, unit.members)
        }
        let valuesJoined = table.reduce(0) { $0 + $1.filter { $0?.join != nil }.count }
        let scopeInfo = ScreeningResult.ScopeInfo(
            settings: settings, categories: chosenCategories, inCategories: inCategories.count,
            removedByFilter: inCategories.count - entries.count, removedWithoutFormula: removedWithoutFormula,
            entriesInScope: entries.count, rows: units.count, rowsFromSeveralEntries: units.filter { $0.members.count > 1 }.count,
            valuesJoined: valuesJoined, withoutFormula: entries.filter { $0.reducedFormula == nil }.count)

        let rowIDs = Set(candidates.map(\.id))
        for (j, criterion) in profile.criteria.enumerated() {
            let missingRows = candidates.indices.filter { table[$0][j] == nil }
            guard !missingRows.isEmpty else { continue }
            switch criterion.missing {
            case .exclude:
                let what = criterion.source.name + (criterion.require.map { " (\($0.rawValue))" } ?? "") + (criterion.fallback.map { " nor of \($0)" } ?? "")
                for i in missingRows { exclude(candidates[i], criterion.label, "no value of \(what)") }
            case .worst, .unknown:
                break   // filled after the hard limits, from the candidates that remain
            case .impute(let formula):
                let outcome = try Imputation.run(store: store, formula: try Formula(formula), categories: nil, aggregate: .median) {
                    try LinearRegression.fit($0)
                }
                let byID = Dictionary(outcome.imputed.map { ($0.candidate, $0) }, uniquingKeysWith: { a, _ in a })
                for i in missingRows {
                    if let v = byID[candidates[i].id] {
                        table[i][j] = CriterionValue(raw: v.value, provenance: .imputed(model: "\(formula) (\(v.method), n = \(v.n))", low: v.predictionLow, high: v.predictionHigh),
                                                     spread: .normal(sd: v.standardError))
                    } else {
                        exclude(candidates[i], criterion.label, "no value of \(criterion.source.name), and \(formula) cannot impute it (a predictor is missing)")
                    }
                }
                warnings += outcome.warnings.filter { w in w.split(separator: ":", maxSplits: 1).first.map { rowIDs.contains(String($0)) } ?? false }
            }
        }

        // Hard limits on measured, inherited or imputed values (missing ones are filled later).
        for (i, c) in candidates.enumerated() where !excludedIDs.contains(c.id) {
            for (j, criterion) in profile.criteria.enumerated() {
                guard let v = table[i][j] else { continue }
                if let lo = criterion.minimum, v.raw < lo {
                    exclude(c, criterion.label, "\(criterion.source.name) = \(formatForDisplay(v.raw)) \(criterion.unit) (\(v.label)) is below the limit \(formatForDisplay(lo)) \(criterion.unit)")
                    break
                }
                if let hi = criterion.maximum, v.raw > hi {
                    exclude(c, criterion.label, "\(criterion.source.name) = \(formatForDisplay(v.raw)) \(criterion.unit) (\(v.label)) is above the limit \(formatForDisplay(hi)) \(criterion.unit)")
                    break
                }
            }
        }

        // Worst fills and unknown values, from the candidates still in (a removed outlier does not
        // move them). A criterion that cannot tell the candidates apart is left out.
        var noData: Set<Int> = []
        let censored = Dictionary(grouping: try store.censoredValues(properties: profile.criteria.filter { $0.missing == .unknown }
            .compactMap { if case .property(let p) = $0.source { p } else { nil } }), by: \.candidate)
        for (j, criterion) in profile.criteria.enumerated() where criterion.missing == .worst || criterion.missing == .unknown {
            let remaining = candidates.indices.filter { !excludedIDs.contains(candidates[$0].id) }
            let observed = remaining.compactMap { table[$0][j]?.raw }
            let missing = remaining.filter { table[$0][j] == nil }
            if criterion.missing == .unknown {
                let range = try UnknownValues.range(criterion, observed: observed) {
                    if case .property(let p) = criterion.source { try store.observedRange(of: p, referenceState: criterion.referenceState) } else { nil }
                }
                guard let range else {
                    noData.insert(j)
                    warnings.append("criterion \(criterion.label): its values (\(observed.count)) give no range for the unknown ones and the profile states none (plausible:); it is left out of the ranking")
                    for i in remaining { table[i][j] = CriterionValue(raw: .nan, provenance: .filled(policy: "no data")) }
                    continue
                }
                for i in missing {
                    let bound = units[i].members.lazy.compactMap { id in
                        censored[id]?.first { $0.property == criterion.source.name && (criterion.referenceState == nil || $0.referenceState == criterion.referenceState) }
                    }.first.map { UnknownValues.Bound(value: $0.value, isUpper: $0.isUpper, source: $0.source) }
                    table[i][j] = UnknownValues.value(criterion, range: range, bound: bound)
                }
                if !missing.isEmpty {
                    warnings.append("criterion \(criterion.label): \(missing.count) of \(remaining.count) values unknown, scored at the worst end of \(formatForDisplay(range.low))–\(formatForDisplay(range.high)) \(criterion.unit) (\(range.origin)) and sampled over it by SMAA")
                }
                continue
            }
            guard let fill = fillValue(criterion, observed: observed) else {
                noData.insert(j)
                warnings.append("criterion \(criterion.label): no remaining candidate has a value of \(criterion.source.name); it is left out of the ranking")
                for i in remaining { table[i][j] = CriterionValue(raw: .nan, provenance: .filled(policy: "no data")) }
                continue
            }
            for i in missing {
                table[i][j] = CriterionValue(raw: fill, provenance: .filled(policy: criterion.missing.name))
            }
        }

        // Too little data of its own: a candidate whose known values carry less than the profile's
        // min_coverage of the weight is listed, with what to measure, not ranked.
        if let minimum = profile.minCoverage {
            let weighted = profile.criteria.indices.filter { profile.criteria[$0].weight > 0 && !noData.contains($0) }
            let total = weighted.reduce(0) { $0 + profile.criteria[$1].weight }
            for (i, c) in candidates.enumerated() where !excludedIDs.contains(c.id) && total > 0 {
                let unknown = weighted.filter { table[i][$0]?.isFillOrUnknown ?? true }
                let known = weighted.reduce(0) { $0 + (unknown.contains($1) ? 0 : profile.criteria[$1].weight) } / total
                if known < minimum - 1e-12 {
                    exclude(c, nil, "data for \(formatForDisplay(known * 100, significant: 3)) % of the weight (min_coverage \(formatForDisplay(minimum * 100, significant: 3)) %); measure next: "
                            + unknown.map { "\(profile.criteria[$0].source.name) (\(profile.criteria[$0].label))" }.joined(separator: ", "))
                }
            }
        }

        // Transform or desirability.
        var kept: [Int] = []
        var matrixRows: [[Double]] = []
        for (i, c) in candidates.enumerated() where !excludedIDs.contains(c.id) {
            var row: [Double] = []
            var ok = true
            for (j, criterion) in profile.criteria.enumerated() {
                if noData.contains(j) { row.append(0); continue }
                let raw = table[i][j]!.raw
                guard let value = criterion.matrixValue(raw) else {
                    exclude(c, criterion.label, "\(criterion.transform.rawValue) of \(criterion.source.name) = \(formatForDisplay(raw)) is undefined")
                    ok = false
                    break
                }
                row.append(value)
            }
            if ok { kept.append(i); matrixRows.append(row) }
        }
        guard kept.count >= 2 else {
            throw ScreeningError.tooFewCandidates(kept: kept.map { candidates[$0].id }, excluded: excluded)
        }

        // A criterion with no variation among the remaining candidates carries no information.
        var active = Array(profile.criteria.indices)
        for j in profile.criteria.indices {
            if noData.contains(j) { active.removeAll { $0 == j }; continue }
            let column = matrixRows.map { $0[j] }
            if column.allSatisfy({ $0 == column[0] }) {
                warnings.append("criterion \(profile.criteria[j].label) is the same for every remaining candidate and is left out of the ranking")
                active.removeAll { $0 == j }
            }
        }
        guard !active.isEmpty else { throw ScreeningError.noVariation }
        let criteria = active.map { profile.criteria[$0] }
        let total = criteria.reduce(0) { $0 + $1.weight }
        guard total > 0 else { throw ScreeningError.noVariation }
        let weights = criteria.map { $0.weight / total }
        if active.count < profile.criteria.count {
            warnings.append("weights renormalised over the remaining criteria")
        }
        for (k, j) in active.enumerated() where criteria[k].weight > 0 {
            let filled = kept.filter { table[$0][j]!.isFillOrUnknown }.count
            if filled * 2 > kept.count {
                warnings.append("\(criteria[k].label): \(filled) of \(kept.count) candidates have no value (\(criteria[k].missing.name)); its weight mostly reflects the missing-value rule, not data")
            }
        }

        let matrix = try DecisionMatrix(alternatives: kept.map { candidates[$0].id }, criteria: criteria.map(\.label),
                                        values: matrixRows.map { row in active.map { row[$0] } }, types: criteria.map(\.criterionType))
        let ranking = try RankingRun(method: method ?? profile.method, normalization: normalization ?? profile.normalization,
                                     parameters: parameters ?? profile.parameters.mapValues { .number($0) }, matrix: matrix, weights: weights)
        var rows: [ScreeningResult.Row] = kept.enumerated().map { k, i in
            ScreeningResult.Row(candidate: candidates[i], score: ranking.scores[k], rank: ranking.ranks[k],
                                values: active.map { table[i][$0]! }, matrixValues: matrix.values[k],
                                normalized: ranking.normalized?[k], contributions: ranking.contributions?[k])
        }
        rows.sort { ($0.rank, $0.candidate.id) < ($1.rank, $1.candidate.id) }
        var result = ScreeningResult(profile: profile, method: ranking.methodName, normalization: ranking.normalizationName,
                                     higherIsBetter: ranking.higherIsBetter, criteria: criteria, weights: weights, rows: rows,
                                     excluded: excluded, warnings: warnings, matrix: matrix,
                                     scope: candidates.indices.map { (candidates[$0], table[$0]) }, scopeInfo: scopeInfo)
        for unit in units where unit.members != [unit.candidate.id] { result.entriesByCandidate[unit.candidate.id] = unit.members }
        return result
    }

    /// One screened row: the candidate shown (an entry, or under `aggregate` a composition)
    /// and the in-scope entries behind it.
    struct Unit {
        let candidate: Candidate
        let members: [String]
        let reducedFormula: String?
    }

    /// The rows to rank: every entry (`keep`), or one per reduced formula (`aggregate`; entries
    /// without a formula stay single rows), in the entries' order (category, then id).
    ///
    /// An aggregate row is a composition, named by a formula a chemist can read:
    /// 1. a *readable* spelling written by its entries: any formula of a hand-curated entry (a
    ///    category other than `computed`: the review's own `NaF`, `Na2SO4` or `C6H4Na2S2`, kept as
    ///    written), or an imported formula that `isReadableSpelling` accepts (`NaAlO2`,
    ///    `Na3V2(PO4)3`, `Na2O2`, but not the unit-cell spellings `F1Na1`, `Na4O8S2`);
    ///    hand-curated spellings first, then the most common, the shortest, alphabetical;
    /// 2. when no entry writes one (only unit-cell spellings), the composition's
    ///    `ChemicalFormula.conventionalFormula` (`F1Na1` and `Na2F2` → `NaF`, `N12Na4Si8` → `NaSi2N3`).
    ///
    /// If a candidate of another composition has that id, the row takes its first entry's id
    /// instead (hand-curated categories sort before `computed`). A hand-curated `NaF` thus names
    /// the row of NaF, mp-682, …, and a lone mp-682 makes the row NaF.
    /// The row's name lists the entries' ids; its category is that of the entry it is named
    /// after (else the first entry's).
    /// - Complexity: O(n log n) in the number of candidates.
    static func rows(_ entries: [CandidateComposition], settings: ScreeningScope, all: [CandidateComposition],
                     idsByFormula: [String: [String]]) -> [Unit] {
        switch settings.polymorphs {
        case .keep:
            return entries.map { Unit(candidate: $0.candidate, members: [$0.candidate.id], reducedFormula: $0.reducedFormula) }
        case .aggregate:
            var order: [String] = []
            var groups: [String: [Candidate]] = [:]
            var units: [Unit?] = []
            var slot: [String: Int] = [:]
            for e in entries {
                guard let key = e.reducedFormula else {
                    units.append(Unit(candidate: e.candidate, members: [e.candidate.id], reducedFormula: nil))
                    continue
                }
                if groups[key] == nil { order.append(key); slot[key] = units.count; units.append(nil) }
                groups[key, default: []].append(e.candidate)
            }
            let allIDs = Dictionary(all.map { ($0.candidate.id, $0.reducedFormula) }, uniquingKeysWith: { a, _ in a })
            for key in order {
                let members = groups[key]!
                // Readable spellings: (hand-curated, how many entries write it).
                var spellings: [String: (curated: Bool, count: Int)] = [:]
                for m in members {
                    guard let f = m.formula else { continue }
                    let curated = m.category != .computed
                    guard curated || Self.isReadableSpelling(f) else { continue }
                    let old = spellings[f] ?? (false, 0)
                    spellings[f] = (old.curated || curated, old.count + 1)
                }
                let written = spellings.sorted {
                    ($1.value.curated ? 1 : 0, $1.value.count, $0.key.count, $0.key)
                        < ($0.value.curated ? 1 : 0, $0.value.count, $1.key.count, $1.key)
                }.first?.key
                // The key is a formula (reduced, alphabetical), so it parses.
                let conventional = (try? ChemicalFormula(key))?.conventionalFormula ?? key
                let formula = written ?? conventional
                let takenByOther = allIDs[formula].map { $0 != key } ?? false
                let id = takenByOther ? members[0].id : formula
                let ids = members.map(\.id)
                let representative = members.first { $0.id == id } ?? members[0]
                let candidate = id == representative.id && members.count == 1 ? representative
                    : Candidate(id: id, name: conventional, formula: formula,
                                category: representative.category,
                                note: members.count == 1 ? "the composition \(conventional) of \(ids[0])"
                                    : "\(members.count) entries with the reduced formula \(conventional), ranked as one: \(ids.joined(separator: ", "))")
                units[slot[key]!] = Unit(candidate: candidate, members: ids, reducedFormula: key)
            }
            return units.map { $0! }
        }
    }

    /// Whether an imported formula is fit to name an aggregate row as written: it parses, it has
    /// no explicit amount of one (`F1Na1`, `Cr3Ni1`: the Matbench files write every count), it
    /// writes the reduced composition (no common factor: `Na4O8S2`, `Na2F2` are unit cells) or
    /// one of the formulas pymatgen deliberately keeps unreduced (`Na2O2`, `O2`), and it is not
    /// merely the alphabetical key where a chemist's order differs (`FNa`, `Na2O4S`). Any other
    /// order a source chose (`NaAlO2`, `Na3V2(PO4)3`, `NaOH`) is kept.
    static func isReadableSpelling(_ text: String) -> Bool {
        guard let formula = try? ChemicalFormula(text) else { return false }
        // A "1" that is a whole amount: not part of a longer number (15, 0.1, 1.17).
        let characters = Array(text)
        for (i, c) in characters.enumerated() where c == "1" {
            let before = i > 0 ? characters[i - 1] : " ", after = i + 1 < characters.count ? characters[i + 1] : " "
            if !(before.isNumber || before == "."), !(after.isNumber || after == ".") { return false }
        }
        if text == formula.reducedKey { return text == formula.conventionalFormula }
        if formula.reductionFactor == 1 { return true }
        return FormulaConventions.pymatgenUnreducedFormulas[formula.conventionalFormula] == text
    }

    /// The worst observed value (0 desirability for a target) of a `missing: worst` criterion.
    static func fillValue(_ criterion: Criterion, observed: [Double]) -> Double? {
        guard !observed.isEmpty else { return nil }
        let s = observed.sorted()
        switch criterion.goal {
        case .max: return s.first
        case .min: return s.last
        case .target(let w): return w.worstValue
        }
    }
}

public enum ScreeningError: Error, CustomStringConvertible, Sendable {
    /// Fewer than two candidates left: the ones kept and every exclusion with its reason (what to
    /// measure next, for those with too little data).
    case tooFewCandidates(kept: [String], excluded: [ScreeningResult.Exclusion])
    case noVariation

    /// The message with, for up to 20 exclusions, each candidate and its reason on a line.
    public var description: String {
        guard case .tooFewCandidates(_, let excluded) = self, !excluded.isEmpty, excluded.count <= 20 else { return summary }
        return summary + "\n" + excluded.map { "  \($0.candidate.id): \($0.reason)" }.joined(separator: "\n")
    }

    /// One sentence.
    public var summary: String {
        switch self {
        case .tooFewCandidates(let kept, let excluded):
            "only \(kept.count) candidate(s) left to rank\(kept.isEmpty ? "" : " (\(kept.joined(separator: ", ")))"); \(excluded.count) excluded: " +
                Dictionary(grouping: excluded, by: { $0.criterion ?? "too little data (min_coverage)" }).mapValues(\.count)
                .sorted { $0.key < $1.key }.map { "\($0.value) by \($0.key)" }.joined(separator: ", ")
        case .noVariation: "no criterion varies among the remaining candidates: nothing to rank on"
        }
    }
}

/// Printed as is by the command line (see `UserFacingError`).
extension ScreeningError: UserFacingError {}
