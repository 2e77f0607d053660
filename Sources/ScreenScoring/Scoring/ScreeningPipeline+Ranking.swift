import Foundation
import ScreenCore
import ScreenDecision
import ScreenNumerics

/// The last stages: transform or desirability into matrix rows, the criteria that still vary,
/// and the ranking method.
extension ScreeningPipeline {
    /// Each remaining row's matrix values (the criterion's transform or desirability of its raw
    /// value; 0 for a criterion without data, which `rank` leaves out). A transform undefined on a
    /// value (log of 0) excludes the row.
    /// - Throws: `ScreeningError.tooFewCandidates` when fewer than two rows remain.
    mutating func transformedRows() throws -> (kept: [Int], matrixRows: [[Double]]) {
        var kept: [Int] = []
        var matrixRows: [[Double]] = []
        for (i, c) in candidates.enumerated() where !excludedIDs.contains(c.id) {
            var row: [Double] = []
            var ok = true
            for (j, criterion) in profile.criteria.enumerated() {
                if noData.contains(j) { row.append(0); continue }
                // `applyMissingPolicies` and `fillWorstAndUnknown` (run before, see `ProfileScreening.run`) leave a value
                // in every cell of a candidate that is not excluded.
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
        return (kept, matrixRows)
    }

    /// Ranks the kept rows on the criteria that vary among them (a constant criterion carries no
    /// information; the weights are renormalised over the rest) and gathers the result.
    /// - Throws: `ScreeningError.noVariation` when no weighted criterion varies; the method's errors.
    mutating func rank(kept: [Int], matrixRows: [[Double]], scopeInfo: ScreeningResult.ScopeInfo, method: String?,
                       normalization: String?, parameters: [String: RankingParameter]?) throws -> ScreeningResult {
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
        // Only a weighted criterion left out changes the others' weights (a hard limit of weight 0,
        // such as a stability test every ranked compound passes, does not).
        if profile.criteria.indices.contains(where: { !active.contains($0) && profile.criteria[$0].weight > 0 }) {
            warnings.append("weights renormalised over the remaining criteria")
        }
        for (k, j) in active.enumerated() where criteria[k].weight > 0 {
            // `kept` candidates are not excluded, so every cell has a value (see `transformedRows`).
            let filled = kept.filter { table[$0][j]!.isFillOrUnknown }.count
            if filled * 2 > kept.count {
                warnings.append("\(criteria[k].label): \(filled) of \(kept.count) candidates have no value (\(criteria[k].missing.name)); its weight mostly reflects the missing-value rule, not data")
            }
        }

        let matrix = try DecisionMatrix(alternatives: kept.map { candidates[$0].id }, criteria: criteria.map(\.label),
                                        values: matrixRows.map { row in active.map { row[$0] } }, types: criteria.map(\.criterionType))
        let ranking = try RankingRun(method: method ?? profile.method, normalization: normalization ?? profile.normalization,
                                     parameters: parameters ?? profile.parameters.mapValues { .number($0) }, matrix: matrix, weights: weights)
        var rankedRows: [ScreeningResult.Row] = kept.enumerated().map { k, i in
            ScreeningResult.Row(candidate: candidates[i], score: ranking.scores[k], rank: ranking.ranks[k],
                                // `kept` candidates are not excluded, so every cell has a value (see `transformedRows`).
                                values: active.map { table[i][$0]! }, matrixValues: matrix.values[k],
                                normalized: ranking.normalized?[k], contributions: ranking.contributions?[k])
        }
        rankedRows.sort { ($0.rank, $0.candidate.id) < ($1.rank, $1.candidate.id) }
        var result = ScreeningResult(profile: profile, method: ranking.methodName, normalization: ranking.normalizationName,
                                     higherIsBetter: ranking.higherIsBetter, criteria: criteria, weights: weights, rows: rankedRows,
                                     excluded: excluded, warnings: warnings, matrix: matrix,
                                     scope: candidates.indices.map { (candidates[$0], table[$0]) }, scopeInfo: scopeInfo)
        for row in rows where row.members != [row.candidate.id] { result.entriesByCandidate[row.candidate.id] = row.members }
        return result
    }
}
