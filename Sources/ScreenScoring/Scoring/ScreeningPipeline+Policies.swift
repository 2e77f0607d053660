import Foundation
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore

/// The stages between the values and the matrix: each criterion's missing-value policy, the hard
/// limits, worst fills and unknown ranges, and `min_coverage`.
extension ScreeningPipeline {
    /// `missing: exclude` removes a row without a value; `impute: FORMULA` fills it from a fitted
    /// relation (with its prediction interval as the value's spread); `worst` and `unknown` wait
    /// for `fillWorstAndUnknown`, after the hard limits.
    mutating func applyMissingPolicies() throws {
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
    }

    /// Hard limits on measured, inherited or imputed values (missing ones are filled later): the
    /// first limit a row breaks excludes it, with the value and its provenance.
    mutating func applyHardLimits() {
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
    }

    /// Worst fills and unknown values, from the candidates still in (a removed outlier does not
    /// move them). A criterion that cannot tell the candidates apart is left out (`noData`).
    mutating func fillWorstAndUnknown() throws {
        // The rows still ranked (this stage excludes none): only their entries' censored values can
        // bound an unknown, so only theirs are read.
        let remaining = candidates.indices.filter { !excludedIDs.contains(candidates[$0].id) }
        let unknownProperties = profile.criteria.filter { $0.missing == .unknown }.compactMap { c -> String? in
            if case .property(let p) = c.source { p } else { nil }
        }
        let censored = unknownProperties.isEmpty ? [:] : Dictionary(grouping: try store.censoredValues(
            properties: unknownProperties, candidates: remaining.flatMap { rows[$0].members }), by: \.candidate)
        for (j, criterion) in profile.criteria.enumerated() where criterion.missing == .worst || criterion.missing == .unknown {
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
                    let bound = rows[i].members.lazy.compactMap { id in
                        censored[id]?.first { $0.property == criterion.source.name && (criterion.referenceState == nil || $0.referenceState == criterion.referenceState) }
                    }.first.map { UnknownValues.Bound(value: $0.value, isUpper: $0.isUpper, source: $0.source) }
                    table[i][j] = UnknownValues.value(criterion, range: range, bound: bound)
                }
                if !missing.isEmpty {
                    warnings.append("criterion \(criterion.label): \(missing.count) of \(remaining.count) values unknown, scored at the worst end of \(formatForDisplay(range.low))–\(formatForDisplay(range.high)) \(criterion.unit) (\(range.origin)) and sampled over it by SMAA")
                }
                continue
            }
            guard let fill = ProfileScreening.fillValue(criterion, observed: observed) else {
                noData.insert(j)
                warnings.append("criterion \(criterion.label): no remaining candidate has a value of \(criterion.source.name); it is left out of the ranking")
                for i in remaining { table[i][j] = CriterionValue(raw: .nan, provenance: .filled(policy: "no data")) }
                continue
            }
            for i in missing {
                table[i][j] = CriterionValue(raw: fill, provenance: .filled(policy: criterion.missing.name))
            }
        }
    }

    /// Too little data of its own: a candidate whose known values carry less than the profile's
    /// `min_coverage` of the weight is listed, with what to measure, not ranked.
    mutating func applyMinimumCoverage() {
        guard let minimum = profile.minCoverage else { return }
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
}
