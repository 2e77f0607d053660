import ArgumentParser
import Foundation
import Screening

struct Impute: ParsableCommand, UsageChecked {
    static let configuration = CommandConfiguration(
        abstract: "Estimate a missing descriptor from a relation fitted on the candidates that have it.",
        discussion: ImputationRequest.help)

    @Option(help: "The relation, e.g. \"nucleation_overpotential ~ charge_transfer\".") var formula: String
    @OptionGroup var db: DatabaseOptions
    @Option(parsing: .upToNextOption, help: "Only candidates of these categories (default: all).") var category: [CandidateCategory] = []
    @Option(help: "How several measurements of one property are combined.") var aggregate: DescriptorTable.Aggregate = .median
    @Option(help: "ols, robust or rlm.") var method: FitMethod = .ols
    @Option(help: "Robust weighting function (robust, rlm).") var robust: RobustLeastSquares.Weighting = .bisquare
    @Option(parsing: .unconditional, help: "Level of the prediction intervals.") var level: Double = 0.95
    @Flag(help: "Print the estimates without storing them.") var dryRun = false
    @Option(help: "table or json.") var format: TableOrJSON = .table

    func check() throws {
        try FlagRange.check("--level", level, above: 0, below: 1)
    }

    func run() throws {
        var request = ImputationRequest(formula: try Formula(formula))
        (request.categories, request.aggregate, request.method, request.robust, request.level) =
            (category.isEmpty ? nil : category, aggregate, method, robust, level)
        let store = try db.open()
        let outcome = try request.run(store: store)
        if !dryRun { try store.saveImputations(outcome.imputed) }
        print(format == .json ? outcome.json(stored: !dryRun).rendered()
                              : outcome.text(formula: request.formula, level: level, storedIn: dryRun ? nil : store.path), terminator: "")
    }
}
