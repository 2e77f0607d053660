import ScreenCore
import ScreenNumerics
import ScreenStore
/// Fills a missing descriptor from a relation fitted on the candidates that have it:
/// each estimate carries its prediction interval and the model, and is stored apart from
/// the measurements. Only measured (or phase-inherited) values are fitted on; imputed
/// values never feed another fit.
public enum Imputation {
    /// What `run` found: the fit, the estimates, and what could not be estimated.
    public struct Outcome: Sendable {
        /// The relation fitted on the candidates that have the property.
        public let fit: RegressionResult
        /// One estimate per candidate that lacked the property and has every predictor.
        public let imputed: [ImputedValue]
        /// Candidates lacking the property that could not be imputed, and why.
        public let skipped: [(candidate: String, reason: String)]
        /// How the table's values were obtained (from a phase), for every row.
        public let dataNotes: [String]
        /// Estimates whose prediction interval leaves the property's physical range.
        public let warnings: [String]
    }

    /// Fits `formula` (its response an untransformed property) on the candidates in `categories`
    /// that have the property and estimates it, with a `level` prediction interval, for those that
    /// lack it but have every predictor. Nothing is stored here: the caller stores `imputed`.
    ///
    /// - Parameter fitter: the regression method (OLS, robust, …) applied to the design.
    /// - Throws: `ImputationError.responseNotAProperty`, `PredictionError.notSupported` for a
    ///   method without a covariance, the design's and the fitter's errors.
    /// - Complexity: one table of C candidates × P properties from the database, the fit, and
    ///   O(m·p²) for m predictions of p coefficients.
    public static func run(store: DescriptorStore, formula: Formula, categories: [CandidateCategory]?,
                           aggregate: DescriptorTable.Aggregate, level: Double = 0.95,
                           fitter: (DesignMatrix) throws -> RegressionResult) throws -> Outcome {
        guard case .variable(let property) = formula.response, let catalogue = PropertyCatalogue.property(named: property) else {
            throw ImputationError.responseNotAProperty(formula.response.description)
        }
        let table = try DescriptorTable.candidates(store, categories: categories, aggregate: aggregate)
        let design = try DesignMatrix(formula: formula, data: table)
        var fit = try fitter(design)
        guard fit.covariance != nil, fit.terms.allSatisfy({ $0.standardError != nil }) else {
            throw PredictionError.notSupported(fit.method)
        }
        // `property` is the response, a formula variable, so `DesignMatrix` above checked it is a column.
        let response = table.columns[property]!
        var targets = DataTable(labels: [], origin: table.origin)
        let missing = table.labels.indices.filter { response[$0].isNaN }
        targets.labels = missing.map { table.labels[$0] }
        // `name` comes from `columnOrder`, the keys of `columns`.
        for name in table.columnOrder { targets.setColumn(name, missing.map { table.columns[name]![$0] }) }
        let predictors = Set(formula.terms.flatMap(\.variables))
        let predictions = try Prediction.predict(fit, formula: formula, data: targets)
        let predicted = Set(predictions.map(\.label))
        let relevant = DataTable.notes(table.notes, about: formula.variables, rows: design.labels + predictions.map(\.label))
        fit = fit.adding(notes: [design.missingValueNote].compactMap { $0 } + relevant)
        let skipped = targets.labels.filter { !predicted.contains($0) }.map { label -> (String, String) in
            // `label` comes from `targets.labels`; `targets` has every column of `table`, predictors among them.
            let row = targets.labels.firstIndex(of: label)!
            let lacking = predictors.sorted().filter { targets.columns[$0]![row].isNaN }
            return (label, "no \(lacking.joined(separator: ", "))")
        }
        let imputed = predictions.map { p in
            ImputedValue(candidate: p.label, property: property, value: p.fitted, unit: catalogue.canonicalUnit.symbol,
                         standardError: ((p.predictionHigh - p.fitted) / Distributions.studentUpperQuantile((1 - level) / 2, dof: Double(fit.dof))),
                         predictionLow: p.predictionLow, predictionHigh: p.predictionHigh, level: level,
                         model: formula.description, method: fit.method, n: fit.n, r2: fit.r2, sigma: fit.sigma,
                         fittedOn: design.labels)
        }
        let warnings = imputed.compactMap { v -> String? in
            guard let bounds = catalogue.bounds, !(bounds.contains(v.predictionLow) && bounds.contains(v.predictionHigh)) else { return nil }
            return "\(v.candidate): the prediction interval [\(formatForDisplay(v.predictionLow)), \(formatForDisplay(v.predictionHigh))] \(v.unit) reaches outside the physical range of \(property) (\(catalogue.boundsDescription)): the relation is too uncertain to pin this value down"
        }
        return Outcome(fit: fit, imputed: imputed, skipped: skipped, dataNotes: table.notes, warnings: warnings)
    }
}

/// Why a formula cannot impute.
public enum ImputationError: Error, CustomStringConvertible {
    /// The response is a transform (`log(y)`) or not a property name.
    case responseNotAProperty(String)
    /// The sentence printed after `error: `.
    public var description: String {
        switch self {
        case .responseNotAProperty(let r):
            "the response '\(r)' must be a property name (untransformed), so the imputed value has the property's unit"
        }
    }
}

/// Printed as is by the command line (see `UserFacingError`).
extension ImputationError: UserFacingError {}
