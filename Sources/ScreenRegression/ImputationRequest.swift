import ScreenCore
import ScreenNumerics
import ScreenStore

/// One imputation as the command line and the Python module ask for it: the relation, the
/// candidates it is fitted on and the estimator. Why a type: the choice of estimator (only those
/// with prediction intervals) is part of the analysis, not of argument parsing.
public struct ImputationRequest: Sendable {
    /// The relation `response ~ terms`: the response is imputed, the terms are the predictors.
    public var formula: Formula
    /// nil: every category.
    public var categories: [CandidateCategory]?
    /// How a candidate's several values of one property become one (default: the median).
    public var aggregate: DescriptorTable.Aggregate = .median
    /// ols, robust or rlm — the estimators whose fits give prediction intervals.
    public var method: RegressionRequest.Method = .ols
    /// The weighting of `robust` and `rlm` fits (default bisquare; rlm takes huber or bisquare).
    public var robust: RobustLeastSquares.Weighting = .bisquare
    /// The level of the prediction intervals (default 0.95).
    public var level = 0.95

    /// A request for `formula` with the defaults: every category, median, OLS, level 0.95.
    public init(formula: Formula) { self.formula = formula }

    /// Fits the relation on the candidates that have the response and predicts the others.
    /// - Throws: `FlagError` for a method without prediction intervals (wls, ridge, nonlinear) or an
    ///   rlm weighting other than huber/bisquare; the errors of `Imputation.run`.
    /// - Complexity: that of the estimator on the n × p design, plus O(m·p²) for m predictions.
    public func run(store: DescriptorStore) throws -> Imputation.Outcome {
        let (method, robust, level) = (self.method, self.robust, self.level)
        return try Imputation.run(store: store, formula: formula, categories: categories, aggregate: aggregate, level: level) { design in
            switch method {
            case .ols: return try LinearRegression.fit(design, level: level)
            case .robust: return try RobustRegression.fit(design, weighting: robust, level: level)
            case .rlm:
                guard let norm = MEstimation.Norm(rawValue: robust.rawValue) else { throw FlagError("--method rlm", "takes --robust huber or bisquare") }
                return try MEstimation.fit(design, norm: norm, level: level)
            default: throw FlagError("--method", "imputation takes ols, robust or rlm (methods with prediction intervals)")
            }
        }
    }
}

extension Imputation.Outcome {
    /// The fit, the estimates, warnings and skipped candidates; `stored` says whether they were saved.
    public func json(stored: Bool) -> JSONValue {
        .object([
            ("fit", fit.json()),
            ("imputed", .array(imputed.map { .object($0.fields) })),
            ("warnings", .array(warnings.map { .string($0) })),
            ("skipped", .array(skipped.map { .object([("candidate", .string($0.candidate)), ("reason", .string($0.reason))]) })),
            ("stored", .bool(stored)),
        ])
    }

    /// The fit's table, the estimates with their prediction intervals, warnings, and the skipped
    /// candidates grouped by reason (eight names each). `storedIn`: the database path, nil for a dry run.
    public func text(formula: Formula, level: Double, storedIn: String?) -> String {
        var lines = [fit.text() + "\n"]
        if imputed.isEmpty {
            lines.append("no candidate lacks \(formula.response) and has \(formula.terms.map(\.description).joined(separator: ", "))\n")
        } else {
            lines.append("imputed \(formula.response) (\(formatForDisplay(level * 100))% prediction intervals)"
                         + (storedIn.map { " — stored in \($0)" } ?? " — dry run, not stored") + "\n")
            lines.append(TextTable(header: ["candidate", "value", "unit", "PI low", "PI high"],
                                   rows: imputed.map { [$0.candidate, formatForDisplay($0.value), $0.unit,
                                                        formatForDisplay($0.predictionLow), formatForDisplay($0.predictionHigh)] },
                                   rightAligned: [1, 3, 4]).rendered())
        }
        lines += warnings.map { "warning: \($0)\n" }
        for (reason, group) in Dictionary(grouping: skipped, by: \.reason).sorted(by: { $0.key < $1.key }) {
            let names = group.prefix(8).map(\.candidate).joined(separator: ", ") + (group.count > 8 ? ", …" : "")
            lines.append("not imputed (\(reason)): \(group.count) candidates: \(names)\n")
        }
        return lines.joined()
    }
}

extension ImputationRequest {
    /// What is estimated and where the estimates are kept, in words: what `screen impute --help`
    /// says, kept beside the request it describes.
    public static let help = """
        The response must be a property; every candidate that lacks it but has the predictors gets \
        an estimate with its prediction interval. Estimates are stored in the database's own \
        `imputations` table (never among the measurements) and shown as imputed by `db show` and \
        `db export`; a later run of the same model replaces them. Use --dry-run to only print them.
        """
}
