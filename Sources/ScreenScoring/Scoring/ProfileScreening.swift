import Foundation
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics

/// Runs a profile on the database: scope (categories → composition filter → polymorph
/// grouping) → values (own, joined by formula, from a phase) → missing-value policy → hard
/// limits → worst fills and unknown ranges → min_coverage → transform or desirability →
/// decision matrix → ranking method. Each stage is a method of `ScreeningPipeline`, in that order.
public enum ProfileScreening {
    /// Which rows of the scope a screening reads the values of (`ScreeningResult.scope` holds them).
    public enum ScopeValues: Sendable, Equatable {
        /// Every row's: the report's charts and stability stages show the values of excluded rows too.
        case all
        /// Where the profile allows it (`polymorphs: aggregate`, criteria on descriptor properties
        /// without `require`, `prefer`, `reference_state`, `fallback` or `impute`), rows without a
        /// value of a `missing: exclude` criterion are found by SQL from which properties their
        /// entries have, and their values are not read: in `scope` their criteria with a value hold a
        /// placeholder (NaN, filled "not read"). The ranking, the exclusions with their reasons and
        /// order, and the scope's counts are those of `.all`. Why: on a million computed rows almost
        /// every sodium compound lacks a stability value, and reading the rest of their values was
        /// most of a rank's time. For other profiles, the same as `.all`.
        case screened
    }

    /// - Parameters:
    ///   - scope: command-line settings on top of the profile's `filter:`, `polymorphs:` and `join:`
    ///     (filters intersect; the others replace).
    ///   - values: whose values are read (`ScopeValues`); the rankings are the same either way.
    /// - Throws: `ScreeningError` when fewer than two candidates remain or no criterion varies;
    ///   the store's and an imputation's errors.
    /// - Complexity: O(n·m) for n rows in scope and m criteria after reading their values (with
    ///   `.screened`, n counts only the rows not removed for a missing value, plus one SQL pass over
    ///   every row's entries), plus the ranking method's cost and, for `missing: impute`, one
    ///   regression per such criterion.
    public static func run(_ profile: Profile, store: DescriptorStore, method: String? = nil, normalization: String? = nil,
                           parameters: [String: RankingParameter]? = nil, categories: [CandidateCategory]? = nil,
                           scope: ScreeningScope.Override? = nil, values: ScopeValues = .all) throws -> ScreeningResult {
        var pipeline = try ScreeningPipeline(profile: profile, store: store, categories: categories, scope: scope, values: values)
        pipeline.collectValues()
        let scopeInfo = pipeline.scopeInfo
        try pipeline.applyMissingPolicies()
        pipeline.applyHardLimits()
        try pipeline.fillWorstAndUnknown()
        pipeline.applyMinimumCoverage()
        let (kept, matrixRows) = try pipeline.transformedRows()
        return try pipeline.rank(kept: kept, matrixRows: matrixRows, scopeInfo: scopeInfo, method: method, normalization: normalization, parameters: parameters)
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

/// Why a profile's screening cannot produce a ranking.
public enum ScreeningError: Error, CustomStringConvertible, Sendable {
    /// Fewer than two candidates left: the ones kept and every exclusion with its reason (what to
    /// measure next, for those with too little data).
    case tooFewCandidates(kept: [String], excluded: [ScreeningResult.Exclusion])
    /// No weighted criterion varies among the remaining candidates.
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
