import ArgumentParser
import Foundation
import Screening

struct Impute: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Estimate a missing descriptor from a relation fitted on the candidates that have it.",
        discussion: """
            The response must be a property; every candidate that lacks it but has the predictors gets \
            an estimate with its prediction interval. Estimates are stored in the database's own \
            `imputations` table (never among the measurements) and shown as imputed by `db show` and \
            `db export`; a later run of the same model replaces them. Use --dry-run to only print them.
            """)

    @Option(help: "The relation, e.g. \"nucleation_overpotential ~ charge_transfer\".") var formula: String
    @OptionGroup var db: DatabaseOptions
    @Option(parsing: .upToNextOption, help: "Only candidates of these categories (default: all).") var category: [CandidateCategory] = []
    @Option(help: "How several measurements of one property are combined.") var aggregate: DescriptorTable.Aggregate = .median
    @Option(help: "ols, robust or rlm.") var method: FitMethod = .ols
    @Option(help: "Robust weighting function (robust, rlm).") var robust: RobustLeastSquares.Weighting = .bisquare
    @Option(parsing: .unconditional, help: "Level of the prediction intervals.") var level: Double = 0.95
    @Flag(help: "Print the estimates without storing them.") var dryRun = false
    @Option(help: "table or json.") var format: TableOrJSON = .table

    func validate() throws {
        try FlagRange.check("--level", level, above: 0, below: 1)
    }

    func run() throws {
        let parsed = try Formula(formula)
        let store = try db.open()
        let level = self.level, robust = self.robust, method = self.method
        let outcome = try Imputation.run(store: store, formula: parsed, categories: category.isEmpty ? nil : category,
                                         aggregate: aggregate, level: level) { design in
            switch method {
            case .ols: return try LinearRegression.fit(design, level: level)
            case .robust: return try RobustRegression.fit(design, weighting: robust, level: level)
            case .rlm:
                guard let norm = MEstimation.Norm(rawValue: robust.rawValue) else { throw ValidationError("--method rlm takes --robust huber or bisquare") }
                return try MEstimation.fit(design, norm: norm, level: level)
            default: throw ValidationError("imputation takes --method ols, robust or rlm (methods with prediction intervals)")
            }
        }
        if !dryRun { try store.saveImputations(outcome.imputed) }
        switch format {
        case .json:
            print(JSONValue.object([
                ("fit", outcome.fit.json()),
                ("imputed", .array(outcome.imputed.map { .object($0.fields) })),
                ("warnings", .array(outcome.warnings.map { .string($0) })),
                ("skipped", .array(outcome.skipped.map { .object([("candidate", .string($0.candidate)), ("reason", .string($0.reason))]) })),
                ("stored", .bool(!dryRun)),
            ]).rendered(), terminator: "")
        default:
            print(outcome.fit.text())
            let pct = formatForDisplay(level * 100)
            if outcome.imputed.isEmpty {
                print("no candidate lacks \(parsed.response) and has \(parsed.terms.map(\.description).joined(separator: ", "))")
            } else {
                print("imputed \(parsed.response) (\(pct)% prediction intervals)" + (dryRun ? " — dry run, not stored" : " — stored in \(store.path)"))
                print(TextTable(header: ["candidate", "value", "unit", "PI low", "PI high"],
                                rows: outcome.imputed.map { [$0.candidate, formatForDisplay($0.value), $0.unit,
                                                             formatForDisplay($0.predictionLow), formatForDisplay($0.predictionHigh)] },
                                rightAligned: [1, 3, 4]).rendered(), terminator: "")
            }
            for w in outcome.warnings { print("warning: \(w)") }
            let byReason = Dictionary(grouping: outcome.skipped, by: \.reason)
            for (reason, group) in byReason.sorted(by: { $0.key < $1.key }) {
                let names = group.prefix(8).map(\.candidate).joined(separator: ", ") + (group.count > 8 ? ", …" : "")
                print("not imputed (\(reason)): \(group.count) candidates: \(names)")
            }
        }
    }
}
