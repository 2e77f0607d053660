import ArgumentParser
import Foundation
import Screening

typealias FitMethod = RegressionRequest.Method
extension RegressionRequest.Method: ExpressibleByArgument {}

extension DescriptorTable.Aggregate: ExpressibleByArgument {}
extension DescriptorTable.Rows: ExpressibleByArgument {}
extension RobustLeastSquares.Weighting: ExpressibleByArgument {}
extension CandidateCategory: ExpressibleByArgument {}

/// Where the rows of a fit come from: a CSV file, or the descriptor database.
struct FitDataOptions: ParsableArguments {
    @Option(help: "A CSV file with a header row, one column per variable (an `id`, `candidate` or `label` column names the rows).")
    var data: String?
    @OptionGroup var db: DatabaseOptions

    @Option(parsing: .upToNextOption, help: "Database mode: only candidates of these categories (default: all).")
    var category: [CandidateCategory] = []
    @Option(help: "Database mode: one row per candidate (descriptors as columns) or per performance record (current_density_ma_cm2, capacity_mah_cm2, coulombic_efficiency_pct, overpotential_mv, lifespan_hours, plus the candidate's descriptors).")
    var rows: DescriptorTable.Rows = .candidates
    @Option(help: "Database mode: how several measurements of one property for one candidate are combined.")
    var aggregate: DescriptorTable.Aggregate = .median

    func table(needed: Set<String>) throws -> DataTable {
        if let data { return try DataTable.read(csv: URL(fileURLWithPath: data), needed: needed) }
        return try DescriptorTable.table(try db.open(), rows: rows, categories: category.isEmpty ? nil : category, aggregate: aggregate)
    }
}

struct Fit: ParsableCommand, UsageChecked {
    static let configuration = CommandConfiguration(
        abstract: "Fit a regression between descriptors and outcomes, through GSL.",
        discussion: RegressionRequest.help)

    @Option(help: "The model formula, e.g. \"nucleation_overpotential ~ na_binding_energy\".") var formula: String
    @OptionGroup var source: FitDataOptions
    @Option(help: "ols, wls, robust, ridge or nonlinear (default: ols, or wls when --weights is given).") var method: FitMethod?
    @Option(help: "A column of relative weights (weighted least squares).") var weights: String?
    @Option(help: "Robust weighting function.") var robust: RobustLeastSquares.Weighting = .bisquare
    @Option(parsing: .unconditional, help: "Tuning constant of the robust weighting function (default: GSL's, 95 % Gaussian efficiency).") var tune: Double?
    @Option(parsing: .unconditional, help: "Ridge λ selection: gcv, lcurve, or a number.") var ridge: String = "gcv"
    @Option(help: "Nonlinear model: exp (y = a·exp(b·x)), power (y = a·x^b), arrhenius (y = A·exp(−Ea/(k_B·T)), x = T in K, Ea in eV), volcano (Gaussian peak y = h·exp(−(x−x0)²/(2w²)) + c).")
    var model: String?
    @Option(help: "Nonlinear starting values, e.g. a=1,b=-0.5 (default: from the data).") var start: String?
    @Option(parsing: .unconditional, help: "Confidence level of intervals.") var level: Double = 0.95
    @Option(help: "Predict these rows (CSV with the predictor columns) with confidence and prediction intervals.") var predict: String?
    @Option(help: "table or json.") var format: TableOrJSON = .table

    func check() throws {
        try FlagRange.check("--level", level, above: 0, below: 1)
        try FlagRange.check("--tune", tune, above: 0, below: 1e6, includingHigh: true)
    }

    func run() throws {
        var request = RegressionRequest(formula: try Formula(formula))
        (request.method, request.weightsColumn, request.robust, request.tuning) = (method, weights, robust, tune)
        (request.ridge, request.model, request.start, request.level) = (ridge, model, start, level)
        let outcome = try FitOutcome(request, table: try source.table(needed: request.neededVariables), predicting: predict.map { URL(fileURLWithPath: $0) })
        print(format.render(outcome), terminator: "")
    }
}

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
