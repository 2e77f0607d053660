import ScreenCore
import ScreenDecision

/// Profile mode or matrix mode as typed: which inputs a ranking command was given, and the
/// options that belong to one mode only.
///
/// Why in the library: every command that ranks (rank, pareto, compare, sensitivity
/// sweep|smaa|sobol) makes the same checks before any work, and their `UsageError`s print as the
/// argument parser's own usage errors. An option of one mode given in the other is refused,
/// never ignored.
public enum RankingArguments {
    /// Checks which options were given.
    ///
    /// - Parameters:
    ///   - profile, matrix: whether `--profile` and `--matrix` were given; exactly one must be.
    ///   - valueSamples: for a command that also takes `--value-samples` (SMAA), whether it was
    ///     given: then exactly one of the three; nil for the other commands.
    ///   - weights, types: `--weights`, `--types` (matrix mode; value samples take `--types` too).
    ///   - categories: `--category` (profile mode).
    ///   - scope: any scope option (`--contains` … `--join`; profile mode).
    /// - Throws: `UsageError` naming the options at fault.
    /// - Complexity: O(1).
    public static func check(profile: Bool, matrix: Bool, valueSamples: Bool? = nil, weights: Bool, types: Bool,
                             categories: Bool, scope: Bool) throws {
        if let valueSamples {
            if [profile, matrix, valueSamples].filter({ $0 }).count != 1 {
                throw UsageError("give one of --profile, --matrix, or --value-samples (with --types)")
            }
        } else if profile == matrix {
            throw UsageError("give either --profile or --matrix")
        }
        if profile, weights || types {
            throw UsageError("\(weights ? "--weights" : "--types") applies to --matrix; a profile's criteria carry their own weights and goals (edit the profile, or vary the weights with sensitivity smaa, sweep or sobol)")
        }
        if matrix, categories {
            throw UsageError("--category applies to --profile; a matrix ranks every row it has")
        }
        if scope && !profile {
            throw UsageError("--contains, --elements, --exclude, --min-elements, --max-elements, --polymorphs and --join apply to --profile")
        }
    }

    /// The ranking method as typed: `--method`, `--normalization` and `--param` where given,
    /// else the profile's (nil in matrix mode), else topsis with its defaults. Each is taken
    /// from the options or the profile on its own, so `--method` alone keeps the profile's
    /// parameters.
    /// - Throws: `FlagError` for a malformed `--param`, `DecisionError.parameter` for an
    ///   unknown method, normalisation or parameter (`RankingMethods.make`).
    /// - Complexity: that of `RankingMethods.make`.
    public static func method(named name: String?, normalization: String?, parameters: [String], profile: Profile?) throws
        -> any RankingMethod {
        try RankingMethods.make(name: name ?? profile?.method ?? "topsis",
                                normalization: try (normalization ?? profile?.normalization).map(Normalization.named),
                                parameters: try MatrixArguments.parameters(parameters) ?? profile?.parameters.mapValues { .number($0) } ?? [:])
    }
}
