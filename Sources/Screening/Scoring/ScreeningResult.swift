/// A ranked screening: who ranks where and why, who was left out and why.
public struct ScreeningResult: Sendable {
    public struct Row: Sendable {
        public let candidate: Candidate
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

    public struct Exclusion: Sendable {
        public let candidate: Candidate
        /// The criterion at fault, if one is.
        public let criterion: String?
        public let reason: String
    }

    public let profile: Profile
    public let method: String
    public let normalization: String
    public let higherIsBetter: Bool
    /// The criteria that entered the ranking (a criterion without variation is dropped).
    public let criteria: [Criterion]
    /// Weights of the active criteria, summing to 1.
    public let weights: [Double]
    public let rows: [Row]
    public let excluded: [Exclusion]
    public let warnings: [String]
    public let matrix: DecisionMatrix
    /// Every candidate in scope (ranked or not) with its value of each of the profile's
    /// criteria (all of them, in profile order; nil = missing), for charts and coverage maps.
    public let scope: [(candidate: Candidate, values: [CriterionValue?])]
}
