import ScreenNumerics
/// A descriptor value estimated from a fitted relation, not measured. Kept in its own
/// table and always shown as imputed, with the model and its prediction interval, so it
/// can never pass for a measurement.
public struct ImputedValue: Sendable, Equatable {
    /// The candidate id.
    public let candidate: String
    /// The property imputed.
    public let property: String
    /// In the property's canonical unit.
    public let value: Double
    /// The canonical unit's symbol.
    public let unit: String
    /// Standard error of a new observation (prediction), not only of the mean.
    public let standardError: Double
    /// Lower end of the prediction interval (canonical unit).
    public let predictionLow: Double
    /// Upper end of the prediction interval.
    public let predictionHigh: Double
    /// The interval's level (0.95 by default).
    public let level: Double
    /// The fitted formula, e.g. `nucleation_overpotential ~ charge_transfer`.
    public let model: String
    /// The fit's method (`ols`, `robust-bisquare`, …).
    public let method: String
    /// Observations the relation was fitted on.
    public let n: Int
    /// R² of the fit (nil for methods without one).
    public let r2: Double?
    /// Residual standard error of the fit.
    public let sigma: Double
    /// The candidates the relation was fitted on.
    public let fittedOn: [String]

    /// Every stored property, in declaration order.
    public init(candidate: String, property: String, value: Double, unit: String, standardError: Double,
                predictionLow: Double, predictionHigh: Double, level: Double, model: String, method: String,
                n: Int, r2: Double?, sigma: Double, fittedOn: [String]) {
        self.candidate = candidate
        self.property = property
        self.value = value
        self.unit = unit
        self.standardError = standardError
        self.predictionLow = predictionLow
        self.predictionHigh = predictionHigh
        self.level = level
        self.model = model
        self.method = method
        self.n = n
        self.r2 = r2
        self.sigma = sigma
        self.fittedOn = fittedOn
    }

    /// The JSON members, snake_case, with `"imputed": true` (for `db show` and `db export`).
    public var fields: [(String, JSONValue)] {
        [("candidate_id", .string(candidate)), ("property", .string(property)), ("value", .number(value)),
         ("unit", .string(unit)), ("kind", .string(ValueKind.imputed.rawValue)), ("imputed", .bool(true)), ("std_error", .number(standardError)),
         ("pi_low", .number(predictionLow)), ("pi_high", .number(predictionHigh)), ("level", .number(level)),
         ("model", .string(model)), ("method", .string(method)), ("n", .integer(n)), ("r2", .number(r2)),
         ("sigma", .number(sigma)), ("fitted_on", .array(fittedOn.map { .string($0) }))]
    }
}
