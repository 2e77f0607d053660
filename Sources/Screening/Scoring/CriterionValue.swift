/// The value of one criterion for one candidate, with where it came from, so that a
/// ranking can show which numbers were measured, inherited, imputed or filled in.
public struct CriterionValue: Sendable {
    public enum Provenance: Sendable, Equatable {
        /// Combined from `count` measurements (or performance records) with these sources.
        case measured(count: Int, sources: [String])
        /// Taken from the candidate's phase (e.g. a host's NaZn13), with its sources.
        case inherited(phase: String, count: Int, sources: [String])
        /// Estimated from a fitted relation, with its prediction interval.
        case imputed(model: String, low: Double, high: Double)
        /// Filled by the profile's missing-value policy (`worst`, `neutral`).
        case filled(policy: String)

        public var label: String {
            switch self {
            case .measured(let n, _): n > 1 ? "measured (\(n) values)" : "measured"
            case .inherited(let phase, _, _): "from phase \(phase)"
            case .imputed: "imputed"
            case .filled(let policy): "filled (\(policy))"
            }
        }
    }

    /// How uncertain the value is, for the sensitivity analysis of the data.
    public enum Spread: Sendable, Equatable {
        /// No stated uncertainty (a single value without ±, or a value filled by a policy).
        case fixed
        /// A measurement's ± (read as one standard deviation) or an imputed value's standard error.
        case normal(sd: Double)
        /// A range given by the source.
        case uniform(low: Double, high: Double)
        /// Several measurements: each is equally likely.
        case empirical([Double])
    }

    /// One number behind a value: what was combined, with its method and source.
    public struct Evidence: Sendable, Equatable {
        public let candidate: String
        public let value: Double
        public let method: String
        public let source: String
        public let location: String?
    }

    /// The combined value in the criterion's canonical unit (before transform/desirability).
    public let raw: Double
    public let provenance: Provenance
    public var spread: Spread = .fixed
    /// The measurements or performance records combined into `raw` (empty for filled values).
    public var evidence: [Evidence] = []
}
