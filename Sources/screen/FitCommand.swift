import ArgumentParser
import Foundation
import Screening

enum FitMethod: String, ExpressibleByArgument, CaseIterable {
    case ols, wls, robust, rlm, ridge, nonlinear
}

enum RowSource: String, ExpressibleByArgument, CaseIterable {
    case candidates, performance
}

extension DescriptorTable.Aggregate: ExpressibleByArgument {}
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
    var rows: RowSource = .candidates

    @Option(help: "Database mode: how several measurements of one property for one candidate are combined.")
    var aggregate: DescriptorTable.Aggregate = .median

    func table(needed: Set<String>) throws -> DataTable {
        if let data { return try DataTable.read(csv: URL(fileURLWithPath: data), needed: needed) }
        let store = try db.open()
        let categories = category.isEmpty ? nil : category
        switch rows {
        case .candidates: return try DescriptorTable.candidates(store, categories: categories, aggregate: aggregate)
        case .performance: return try DescriptorTable.performance(store, categories: categories, aggregate: aggregate)
        }
    }
}

struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a regression between descriptors and outcomes, through GSL.",
        discussion: """
            Formulas are written as in R or statsmodels: y ~ x1 + log(x2) + I(x1^2) + x1:x2, with \
            `- 1` or `+ 0` to drop the intercept, poly(x, k) for raw powers and a*b for a + b + a:b. \
            In database mode the names are property names (see `screen db properties`) or, with \
            --rows performance, also current_density_ma_cm2, capacity_mah_cm2, coulombic_efficiency_pct, \
            overpotential_mv and lifespan_hours. Values reported only as a bound ("< 15 mV") are not fitted.

            Methods: ols (gsl_multifit_linear); wls (with --weights COLUMN: relative weights such as 1/σ²); \
            robust (gsl_multifit_robust, --robust bisquare|cauchy|fair|huber|welsch|ols, --tune); \
            rlm (M-estimation as statsmodels RLM: --robust huber|bisquare, MAD scale, H1 covariance); \
            ridge (--ridge gcv|lcurve|λ on standardised predictors); nonlinear (--model exp|power|arrhenius|volcano, formula y ~ x).
            """)

    @Option(help: "The model formula, e.g. \"nucleation_overpotential ~ na_binding_energy\".") var formula: String
    @OptionGroup var source: FitDataOptions
    @Option(help: "ols, wls, robust, ridge or nonlinear (default: ols, or wls when --weights is given).") var method: FitMethod?
    @Option(help: "A column of relative weights (weighted least squares).") var weights: String?
    @Option(help: "Robust weighting function.") var robust: RobustLeastSquares.Weighting = .bisquare
    @Option(parsing: .unconditional, help: "Tuning constant of the robust weighting function (default: GSL's, 95 % Gaussian efficiency).") var tune: Double?
    @Option(help: "Ridge λ selection: gcv, lcurve, or a number.") var ridge: String = "gcv"
    @Option(help: "Nonlinear model: exp (y = a·exp(b·x)), power (y = a·x^b), arrhenius (y = A·exp(−Ea/(k_B·T)), x = T in K, Ea in eV), volcano (Gaussian peak y = h·exp(−(x−x0)²/(2w²)) + c).")
    var model: String?
    @Option(help: "Nonlinear starting values, e.g. a=1,b=-0.5 (default: from the data).") var start: String?
    @Option(parsing: .unconditional, help: "Confidence level of intervals.") var level: Double = 0.95
    @Option(help: "Predict these rows (CSV with the predictor columns) with confidence and prediction intervals.") var predict: String?
    @Option(help: "table or json.") var format: TableOrJSON = .table

    func validate() throws {
        try FlagRange.check("--level", level, above: 0, below: 1)
        try FlagRange.check("--tune", tune, above: 0, below: 1e6, includingHigh: true)
    }

    func run() throws {
        try reportingInputErrors {
            let parsed = try Formula(formula)
            var needed = Set(parsed.variables)
            if let weights { needed.insert(weights) }
            let table = try source.table(needed: needed)
            let design = try DesignMatrix(formula: parsed, data: table)
            let chosen = method ?? (model != nil ? .nonlinear : weights == nil ? .ols : .wls)
            var result: RegressionResult
            switch chosen {
            case .ols:
                result = try LinearRegression.fit(design, level: level)
            case .wls:
                guard let weights else { throw ValidationError("--method wls needs --weights COLUMN") }
                guard table.columns[weights] != nil else { throw DesignError.unknownVariable(weights, available: table.columnOrder, origin: table.origin) }
                let byLabel = Dictionary(zip(table.labels, table.columns[weights]!), uniquingKeysWith: { a, _ in a })
                result = try LinearRegression.fit(design, weights: design.labels.map { byLabel[$0] ?? .nan }, level: level)
            case .robust:
                result = try RobustRegression.fit(design, weighting: robust, tuning: tune, level: level)
            case .rlm:
                guard let norm = MEstimation.Norm(rawValue: robust.rawValue) else {
                    throw ValidationError("--method rlm takes --robust huber or bisquare")
                }
                result = try MEstimation.fit(design, norm: norm, tuning: tune, level: level)
            case .ridge:
                let selection: RidgeLeastSquares.Selection = switch ridge {
                case "gcv": .gcv
                case "lcurve": .lCurve
                default: .fixed(Double(ridge) ?? .nan)
                }
                if case .fixed(let l) = selection, !(l >= 0) { throw ValidationError("--ridge takes gcv, lcurve or a number ≥ 0") }
                result = try RidgeRegression.fit(design, selection: selection, level: level)
            case .nonlinear:
                result = try fitNonlinear(parsed, design: design, table: table)
            }
            let relevant = DataTable.notes(table.notes, about: parsed.variables, rows: design.labels)
            result = result.adding(notes: [design.missingValueNote].compactMap { $0 } + relevant)
            var predictions: [Prediction] = []
            if let predict {
                let rows = try DataTable.read(csv: URL(fileURLWithPath: predict), needed: Set(parsed.terms.flatMap(\.variables)))
                predictions = try Prediction.predict(result, formula: parsed, data: rows)
            }
            switch format {
            case .json:
                var json = result.json()
                if predict != nil, case .object(var members) = json {
                    members.append(("predictions", .array(predictions.map { $0.json() })))
                    json = .object(members)
                }
                print(json.rendered(), terminator: "")
            default:
                print(result.text(), terminator: "")
                if !predictions.isEmpty { print("\n" + PredictionTable.text(predictions, level: level), terminator: "") }
            }
        }
    }
}

extension Fit {
    /// A named nonlinear model on a one-predictor formula `y ~ x`.
    func fitNonlinear(_ formula: Formula, design: DesignMatrix, table: DataTable) throws -> RegressionResult {
        guard let name = model else { throw ValidationError("--method nonlinear needs --model exp|power|arrhenius|volcano") }
        guard formula.terms.count == 1, formula.terms[0].factors.count == 1 else {
            throw ValidationError("a nonlinear model takes one predictor: write the formula as 'y ~ x'")
        }
        let x = design.x.map { $0.last! }
        var startValues: [String: Double]? = nil
        if let start {
            startValues = [:]
            for pair in start.split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2, let v = Double(kv[1]) else { throw ValidationError("--start takes name=value pairs, e.g. a=1,b=-0.5") }
                startValues![kv[0]] = v
            }
        }
        var weightValues: [Double]? = nil
        if let weights {
            guard let column = table.columns[weights] else { throw DesignError.unknownVariable(weights, available: table.columnOrder, origin: table.origin) }
            let byLabel = Dictionary(zip(table.labels, column), uniquingKeysWith: { a, _ in a })
            weightValues = design.labels.map { byLabel[$0] ?? .nan }
        }
        return try NonlinearRegression.fit(model: try NonlinearModel.model(named: name), x: x, y: design.y, labels: design.labels,
                                           weights: weightValues, start: startValues,
                                           xName: formula.terms[0].description, yName: formula.response.description, level: level)
    }
}

enum PredictionTable {
    static func text(_ predictions: [Prediction], level: Double) -> String {
        let pct = formatForDisplay(level * 100)
        return "predictions (\(pct)% intervals)\n" + TextTable(
            header: ["row", "fitted", "se(mean)", "mean low", "mean high", "prediction low", "prediction high"],
            rows: predictions.map { [$0.label, formatForDisplay($0.fitted), formatForDisplay($0.meanStandardError),
                                     formatForDisplay($0.meanLow), formatForDisplay($0.meanHigh),
                                     formatForDisplay($0.predictionLow), formatForDisplay($0.predictionHigh)] },
            rightAligned: Set(1...6)).rendered()
    }
}
