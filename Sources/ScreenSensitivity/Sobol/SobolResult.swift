import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics
/// How a bootstrap interval is formed from the B bootstrap estimates.
public enum SobolIntervalMethod: String, Sendable, CaseIterable {
    /// estimate ± z·sd(bootstrap estimates), sd with ddof = 1 and z = Φ⁻¹(½ + confidence/2):
    /// exactly SALib's `sobol.analyze` `S1_conf` / `ST_conf` (which report the half-width z·sd).
    case normal
    /// The α/2 and 1 − α/2 quantiles of the bootstrap estimates (linear interpolation
    /// between order statistics, as `numpy.quantile`'s default).
    case percentile
}

/// A bootstrap confidence interval of one index.
public struct SobolInterval: Sendable, Equatable, CustomStringConvertible {
    /// The interval's lower end.
    public let lower: Double
    /// The interval's upper end.
    public let upper: Double
    /// The standard deviation of the bootstrap estimates (ddof = 1).
    public let bootstrapSD: Double

    /// Whether `lower ≤ x ≤ upper` (false for NaN).
    public func contains(_ x: Double) -> Bool { lower <= x && x <= upper }
    /// `[lower, upper]`.
    public var description: String { "[\(lower), \(upper)]" }
}

/// First- and total-order indices of one model output with respect to every input.
public struct SobolOutputIndices: Sendable {
    /// The output's position in the model's result vector.
    public let output: Int
    /// The output's name.
    public let name: String
    /// Mean of the output over all N·(d + 2) evaluations.
    public let mean: Double
    /// The output variance the indices are relative to: the population variance of the
    /// 2N outputs on A and B, in the output's own units.
    public let variance: Double
    /// True when the output did not vary on A and B. The indices are then reported as 0
    /// (no input changes the output), with zero-width intervals, as SALib does (it warns
    /// "Constant values encountered"); check this flag before reading them as evidence.
    public let isConstant: Bool
    /// S_i by the Saltelli et al. (2010) estimator, one per input.
    public let first: [Double]
    /// The bootstrap confidence interval of each S_i.
    public let firstCI: [SobolInterval]
    /// S_Ti by the Jansen (1999) estimator, one per input.
    public let total: [Double]
    /// The bootstrap confidence interval of each S_Ti.
    public let totalCI: [SobolInterval]
    /// z·sd of the bootstrap estimates of S_i: SALib's `S1_conf`, whatever the interval method.
    public let firstConf: [Double]
    /// z·sd of the bootstrap estimates of S_Ti: SALib's `ST_conf`.
    public let totalConf: [Double]
}

/// What a Sobol' input or output stands for in a ranking: a criterion's weight, one candidate's
/// value of a criterion, or a candidate's score or rank. The JSON writes these fields beside the
/// name, so that a reader never parses names (a candidate id may contain spaces).
public struct SobolRole: Sendable, Equatable {
    /// `weight`, `value`, `score` or `rank`.
    public let kind: String
    /// The candidate (a value, a score, a rank); nil for a weight.
    public let id: String?
    /// The criterion (a weight, a value); nil for a score or a rank.
    public let criterion: String?

    /// A role as given.
    public init(kind: String, id: String? = nil, criterion: String? = nil) {
        (self.kind, self.id, self.criterion) = (kind, id, criterion)
    }

    /// The fields of the role: `kind`, then `id` and `criterion` where they apply.
    var fields: [(String, JSONValue)] {
        [("kind", .string(kind))] + (id.map { [("id", JSONValue.string($0))] } ?? [])
            + (criterion.map { [("criterion", JSONValue.string($0))] } ?? [])
    }
}

/// The result of `SobolAnalysis.run` / `analyze`.
public struct SobolResult: Sendable {
    /// What each input stands for, in `inputNames`' order (nil: names only, as a generic analysis has).
    public var inputRoles: [SobolRole]?
    /// What each output stands for, in `outputNames`' order (nil: names only).
    public var outputRoles: [SobolRole]?
    /// The inputs' names, the order of every per-input array.
    public let inputNames: [String]
    /// The outputs' names, in the model's order.
    public let outputNames: [String]
    /// One entry per model output, in the model's order.
    public let outputs: [SobolOutputIndices]
    /// N, the number of base samples.
    public let baseSamples: Int
    /// N·(d + 2).
    public let modelEvaluations: Int
    /// Bootstrap replicates behind the intervals.
    public let bootstrap: Int
    /// The intervals' confidence level, strictly between 0 and 1.
    public let confidence: Double
    /// How the intervals were formed from the bootstrap estimates.
    public let interval: SobolIntervalMethod
    /// The seed of the bootstrap's generator.
    public let seed: UInt64

    /// The indices of the output named `name`, if any.
    public func output(named name: String) -> SobolOutputIndices? {
        outputs.first { $0.name == name }
    }

    /// As JSON: `base_samples`, `model_evaluations`, `bootstrap`, `confidence`, `interval`,
    /// `seed` (a string, as every command writes a seed), `inputs` (objects: `name` and, where known,
    /// the role's `kind`, `id`, `criterion`), and per output `output` (its name), the role's fields,
    /// `mean`, `variance`, `constant` and per input `input` (its name), `first`, `first_ci`
    /// [lower, upper], `first_conf`, `total`, `total_ci`, `total_conf`.
    public func json() -> JSONValue {
        .object([
            ("method", .string("sobol (Saltelli 2010 first order, Jansen 1999 total order)")),
            ("base_samples", .integer(baseSamples)),
            ("model_evaluations", .integer(modelEvaluations)),
            ("bootstrap", .integer(bootstrap)),
            ("confidence", .number(confidence)),
            ("interval", .string(interval.rawValue)),
            ("seed", .string(String(seed))),
            ("inputs", .array(inputNames.indices.map { j in
                .object([("name", .string(inputNames[j]))] + (inputRoles?[j].fields ?? []))
            })),
            ("outputs", .array(outputs.map { o in
                .object([("output", .string(o.name))] + (outputRoles?[o.output].fields ?? []) + [
                    ("mean", .number(o.mean)),
                    ("variance", .number(o.variance)),
                    ("constant", .bool(o.isConstant)),
                    ("indices", .array(inputNames.indices.map { j in
                        .object([
                            ("input", .string(inputNames[j])),
                            ("first", .number(o.first[j])),
                            ("first_ci", .array([.number(o.firstCI[j].lower), .number(o.firstCI[j].upper)])),
                            ("first_conf", .number(o.firstConf[j])),
                            ("total", .number(o.total[j])),
                            ("total_ci", .array([.number(o.totalCI[j].lower), .number(o.totalCI[j].upper)])),
                            ("total_conf", .number(o.totalConf[j])),
                        ])
                    })),
                ])
            })),
        ])
    }
}
