import Foundation

/// Runs a profile on the database: values → missing-value policy → hard limits →
/// transform or desirability → decision matrix → ranking method.
public enum ProfileScreening {
    public static func run(_ profile: Profile, store: DescriptorStore, method: String? = nil, normalization: String? = nil,
                           parameters: [String: RankingParameter]? = nil, categories: [CandidateCategory]? = nil) throws -> ScreeningResult {
        let candidates = try store.candidates(in: categories ?? profile.categories)
        let collector = try CriterionValueCollector(store: store)
        var warnings: [String] = []
        var excluded: [ScreeningResult.Exclusion] = []
        var excludedIDs: Set<String> = []
        func exclude(_ c: Candidate, _ criterion: String?, _ reason: String) {
            guard excludedIDs.insert(c.id).inserted else { return }
            excluded.append(.init(candidate: c, criterion: criterion, reason: reason))
        }

        // Values per criterion, then the missing-value policy.
        var table: [[CriterionValue?]] = candidates.map { c in profile.criteria.map { collector.value(of: $0, for: c.id) } }
        for (j, criterion) in profile.criteria.enumerated() {
            let missingRows = candidates.indices.filter { table[$0][j] == nil }
            guard !missingRows.isEmpty else { continue }
            switch criterion.missing {
            case .exclude:
                for i in missingRows { exclude(candidates[i], criterion.label, "no value of \(criterion.source.name)") }
            case .worst, .neutral:
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
                warnings += outcome.warnings.filter { w in candidates.contains { w.hasPrefix($0.id + ":") } }
            }
        }

        // Hard limits on measured, inherited or imputed values (missing ones are filled later).
        for (i, c) in candidates.enumerated() where !excludedIDs.contains(c.id) {
            for (j, criterion) in profile.criteria.enumerated() {
                guard let v = table[i][j] else { continue }
                if let lo = criterion.minimum, v.raw < lo {
                    exclude(c, criterion.label, "\(criterion.source.name) = \(formatForDisplay(v.raw)) \(criterion.unit) (\(v.provenance.label)) is below the limit \(formatForDisplay(lo)) \(criterion.unit)")
                    break
                }
                if let hi = criterion.maximum, v.raw > hi {
                    exclude(c, criterion.label, "\(criterion.source.name) = \(formatForDisplay(v.raw)) \(criterion.unit) (\(v.provenance.label)) is above the limit \(formatForDisplay(hi)) \(criterion.unit)")
                    break
                }
            }
        }

        // Fill worst/neutral values from the candidates still in, so that "neutral" sits in the
        // middle of what the ranking actually compares (a removed outlier does not move it).
        // A criterion no remaining candidate has a value for cannot discriminate: it is left out.
        var noData: Set<Int> = []
        for (j, criterion) in profile.criteria.enumerated() where criterion.missing == .worst || criterion.missing == .neutral {
            let remaining = candidates.indices.filter { !excludedIDs.contains(candidates[$0].id) }
            let observed = remaining.compactMap { table[$0][j]?.raw }
            guard let fill = fillValue(criterion, observed: observed) else {
                noData.insert(j)
                warnings.append("criterion \(criterion.label): no remaining candidate has a value of \(criterion.source.name); it is left out of the ranking")
                for i in remaining { table[i][j] = CriterionValue(raw: .nan, provenance: .filled(policy: "no data")) }
                continue
            }
            for i in remaining where table[i][j] == nil {
                table[i][j] = CriterionValue(raw: fill, provenance: .filled(policy: criterion.missing.name))
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
            throw ScreeningError.tooFewCandidates(kept: kept.map { candidates[$0].id }, excluded: excluded.count,
                                                  reasons: Dictionary(grouping: excluded, by: { $0.criterion ?? "" }).mapValues(\.count))
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
            let filled = kept.filter { if case .filled = table[$0][j]!.provenance { return true } else { return false } }.count
            if filled * 2 > kept.count {
                warnings.append("\(criteria[k].label): \(filled) of \(kept.count) candidates have no value and were filled (\(criteria[k].missing.name)); its weight mostly reflects the fill rule, not data")
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
        return ScreeningResult(profile: profile, method: ranking.methodName, normalization: ranking.normalizationName,
                               higherIsBetter: ranking.higherIsBetter, criteria: criteria, weights: weights, rows: rows,
                               excluded: excluded, warnings: warnings, matrix: matrix,
                               scope: candidates.indices.map { (candidates[$0], table[$0]) })
    }

    /// The worst observed value (0 desirability for a target), or the median observed one.
    static func fillValue(_ criterion: Criterion, observed: [Double]) -> Double? {
        guard !observed.isEmpty else { return nil }
        let s = observed.sorted()
        switch (criterion.missing, criterion.goal) {
        case (.worst, .max): return s.first
        case (.worst, .min): return s.last
        case (.worst, .target(let w)): return w.zeroLow - 1
        default: return median(observed)
        }
    }
}

public enum ScreeningError: Error, CustomStringConvertible {
    case tooFewCandidates(kept: [String], excluded: Int, reasons: [String: Int])
    case noVariation

    public var description: String {
        switch self {
        case .tooFewCandidates(let kept, let excluded, let reasons):
            "only \(kept.count) candidate(s) left to rank (\(kept.joined(separator: ", "))); \(excluded) excluded: " +
                reasons.sorted { $0.key < $1.key }.map { "\($0.value) by \($0.key.isEmpty ? "other" : $0.key)" }.joined(separator: ", ")
        case .noVariation: "no criterion varies among the remaining candidates: nothing to rank on"
        }
    }
}
