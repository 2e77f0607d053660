import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics
/// The value of one criterion for one candidate, with where it came from, so that a
/// ranking can show which numbers were measured, inherited, imputed or filled in.
public struct CriterionValue: Sendable {
    /// Where a value came from.
    public enum Provenance: Sendable, Equatable {
        /// Combined from `count` measurements (or performance records) with these sources.
        case measured(count: Int, sources: [String])
        /// Taken from the candidate's phase (e.g. a host's NaZn13), with its sources.
        case inherited(phase: String, count: Int, sources: [String])
        /// Estimated from a fitted relation, with its prediction interval.
        case imputed(model: String, low: Double, high: Double)
        /// Filled by the profile's missing-value policy (`worst`).
        case filled(policy: String)
        /// Unknown (`missing: unknown`): scored at the worst end of [low, high], the plausible
        /// range, and sampled over it by SMAA; `origin` says where the range comes from.
        case unknown(low: Double, high: Double, origin: String)

        /// A few words for tables: "measured (3 values)", "from phase X", "imputed", "filled (worst)",
        /// "unknown (scored at …)".
        public var label: String {
            switch self {
            case .measured(let n, _): n > 1 ? "measured (\(n) values)" : "measured"
            case .inherited(let phase, _, _): "from phase \(phase)"
            case .imputed: "imputed"
            case .filled(let policy): "filled (\(policy))"
            case .unknown(let low, let high, _):
                low == high ? "unknown (scored at \(formatForDisplay(low)), its only plausible value)" : "unknown (scored at the worst of \(formatForDisplay(low))–\(formatForDisplay(high)))"
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
        /// The id the number is stored under (another entry's, when joined by formula).
        public let candidate: String
        /// The number in the criterion's canonical unit.
        public let value: Double
        /// The method as recorded (or how a performance number was derived).
        public let method: String
        /// The reference the number comes from.
        public let source: String
        /// Where in the source (table, figure, page); nil when not recorded.
        public let location: String?
        /// What kind of value: a measurement's (from its method); a performance record's number is an
        /// experiment, or derived when computed from the record's cells (cycles → hours, ASR).
        public let kind: ValueKind
    }

    /// The combined value in the criterion's canonical unit (before transform/desirability).
    public let raw: Double
    /// Where the value came from.
    public let provenance: Provenance
    /// How uncertain the value is; `.fixed` unless set.
    public var spread: Spread = .fixed
    /// The measurements or performance records combined into `raw` (empty for filled values).
    public var evidence: [Evidence] = []
    /// Set when the value uses data stored under other ids with the same reduced formula
    /// (`join: formula`, or a row of `polymorphs: aggregate`); the provenance is then
    /// `.measured` over all the values combined, and `evidence` names each entry's values.
    public var join: Join? = nil

    /// Data taken across entries of one composition.
    public struct Join: Sendable, Equatable {
        /// How the entries' data were combined.
        public enum Kind: String, Sendable {
            /// The entry had no value: it was taken from other entries with its reduced formula.
            case formula
            /// A row of `polymorphs: aggregate`: the values of the row's entries pooled.
            case pooled
        }
        /// Taken from other entries, or pooled over a row's entries.
        public let kind: Kind
        /// The ids whose values were combined.
        public let ids: [String]
        /// The reduced formula (join key) they share.
        public let reducedFormula: String
    }

    /// Provenance in words, including a formula join: "joined by formula from mp-1, mp-2 (2 values)".
    public var label: String {
        guard let join else { return provenance.label }
        let n: Int = if case .measured(let count, _) = provenance { count } else { evidence.count }
        let ids = Self.list(join.ids)
        let values = n == 1 ? "1 value" : "\(n) values"
        return switch join.kind {
        case .formula: "joined by formula from \(ids) (\(values))"
        case .pooled: "pooled over \(ids) (\(values))"
        }
    }

    /// Whether the value is a fill or an unknown: not data of the candidate.
    public var isFillOrUnknown: Bool {
        switch provenance {
        case .filled, .unknown: true
        default: false
        }
    }

    /// The mark in tables: "" measured, "^" from a phase, "*" imputed, "~" filled, "?" unknown,
    /// "=" joined by formula or pooled over a row's entries.
    public var mark: String {
        if join != nil { return "=" }
        return switch provenance {
        case .measured: ""
        case .inherited: "^"
        case .imputed: "*"
        case .filled: "~"
        case .unknown: "?"
        }
    }

    /// At most five ids, then "… (N in all)".
    static func list(_ ids: [String]) -> String {
        ids.count <= 5 ? ids.joined(separator: ", ") : ids.prefix(5).joined(separator: ", ") + ", … (\(ids.count) in all)"
    }
}
