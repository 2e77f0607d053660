import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics
/// A ranked screening: who ranks where and why, who was left out and why.
public struct ScreeningResult: Sendable {
    /// A ranked candidate.
    public struct Row: Sendable {
        /// The candidate (a row of several entries carries the row's id).
        public let candidate: Candidate
        /// The method's score.
        public let score: Double
        /// 1 = best; ties share the better rank.
        public let rank: Int
        /// Per active criterion: the combined value and where it came from.
        public let values: [CriterionValue]
        /// Per active criterion: the value entering the decision matrix (after transform or desirability).
        public let matrixValues: [Double]
        /// Per active criterion: the normalised value, where the method normalises.
        public let normalized: [Double]?
        /// Per active criterion: the contribution to the score, for additive methods.
        public let contributions: [Double]?

        /// Share of the criteria backed by data of the candidate itself or its phase.
        public var coverage: Double {
            let backed = values.filter {
                switch $0.provenance {
                case .measured, .inherited: true
                default: false
                }
            }.count
            return values.isEmpty ? 0 : Double(backed) / Double(values.count)
        }
    }

    /// A candidate left out, with why.
    public struct Exclusion: Sendable {
        /// The candidate left out.
        public let candidate: Candidate
        /// The criterion at fault, if one is.
        public let criterion: String?
        /// Why, in a sentence (what to measure next, for too little data).
        public let reason: String
    }

    /// The profile screened.
    public let profile: Profile
    /// The ranking method's name.
    public let method: String
    /// The normalisation's name.
    public let normalization: String
    /// Whether higher scores are better.
    public let higherIsBetter: Bool
    /// The criteria that entered the ranking (a criterion without variation is dropped).
    public let criteria: [Criterion]
    /// Weights of the active criteria, summing to 1.
    public let weights: [Double]
    /// The ranked candidates, by rank then id.
    public let rows: [Row]
    /// The candidates left out, with their reasons.
    public let excluded: [Exclusion]
    /// Remarks on criteria (left out, mostly unknown or filled), printed with the ranking.
    public let warnings: [String]
    /// The decision matrix ranked: the rows' matrix values for the active criteria.
    public let matrix: DecisionMatrix
    /// The database entries behind each row of the scope, by the row's candidate id, where a row
    /// stands for more than itself (a composition ranked as one, `polymorphs: aggregate`).
    public var entriesByCandidate: [String: [String]] = [:]

    /// The entries behind a candidate of the scope: its own id unless it stands for several.
    public func entries(of id: String) -> [String] { entriesByCandidate[id] ?? [id] }

    /// Every candidate in scope (ranked or not) with its value of each of the profile's
    /// criteria (all of them, in profile order; nil = missing), for charts and coverage maps.
    public let scope: [(candidate: Candidate, values: [CriterionValue?])]
    /// What was screened: composition filter, polymorph policy, join rule and their counts.
    public let scopeInfo: ScopeInfo

    /// The policy in effect and the counts, in sentences (printed by every output).
    public var scopeNotes: [String] { scopeInfo.notes }

    /// Which entries were screened and how entries of one composition were combined.
    public struct ScopeInfo: Sendable {
        /// The composition filter, polymorph policy and join rule in effect.
        public let settings: ScreeningScope
        /// The categories screened (nil: all).
        public let categories: [CandidateCategory]?
        /// Candidates in those categories, before the composition filter.
        public let inCategories: Int
        /// Removed by the composition filter (of which `removedWithoutFormula` have no formula).
        public let removedByFilter: Int
        /// Of those, candidates without a formula (a filter needs one).
        public let removedWithoutFormula: Int
        /// Entries that passed the filter.
        public let entriesInScope: Int
        /// Rows built from them (as many as entries with `keep`; one per reduced formula with `aggregate`).
        public let rows: Int
        /// Rows of `aggregate` built from two or more in-scope entries.
        public let rowsFromSeveralEntries: Int
        /// Values that use data stored under another id with the same reduced formula.
        public let valuesJoined: Int
        /// Entries in scope without a formula (never joined; single rows under `aggregate`).
        public let withoutFormula: Int

        /// Sentences for outputs.
        public var notes: [String] {
            var out: [String] = []
            let cats = categories.map { $0.map(\.rawValue).joined(separator: ", ") } ?? "all categories"
            if settings.filter.isEmpty {
                out.append("scope: \(Self.count(entriesInScope)) candidates (\(cats)); no composition filter")
            } else {
                var s = "scope: filter (\(settings.filter.description)) removed \(Self.count(removedByFilter)) of \(Self.count(inCategories)) candidates (\(cats))"
                if removedWithoutFormula > 0 { s += ", \(Self.count(removedWithoutFormula)) of them for having no formula (elements unknown)" }
                out.append(s + "; \(Self.count(entriesInScope)) in scope")
            }
            switch settings.polymorphs {
            case .keep:
                out.append("polymorphs: keep — every entry is its own row (\(Self.count(rows)) rows)")
            case .aggregate:
                var s = "polymorphs: aggregate — \(Self.count(entriesInScope)) entries in \(Self.count(rows)) rows, one per reduced formula; \(Self.count(rowsFromSeveralEntries)) rows built from several entries; each criterion pools the values of the row's entries"
                s += settings.join == .formula ? " and of the database's out-of-scope entries with the same reduced formula (any category)" : " (in-scope entries only)"
                s += " by its combine rule"
                if withoutFormula > 0 { s += "; \(Self.count(withoutFormula)) entries without a formula stay single rows" }
                out.append(s)
            }
            switch settings.join {
            case .formula:
                out.append("join: formula — a descriptor value missing under an entry's id is taken from the database's other entries with the same reduced formula (any category), combined by the criterion's rule; \(Self.count(valuesJoined)) values joined by formula (marked =)")
            case .id:
                out.append("join: id — values only under each entry's own id (and its phases); nothing borrowed by formula")
            }
            return out
        }

        /// 84407 → "84,407".
        static func count(_ n: Int) -> String {
            let digits = String(n)
            var out = ""
            for (i, ch) in digits.enumerated() {
                if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
                out.append(ch)
            }
            return out
        }
    }
}
