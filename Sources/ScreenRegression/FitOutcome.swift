import Foundation
import ScreenCore

/// What `screen fit` prints: the fitted model and, when rows were given to predict, their
/// predictions — one value for the command line to render in the format asked for.
public struct FitOutcome: TextAndJSONOutput {
    /// The fitted model.
    public let result: RegressionResult
    /// The predicted rows; nil when none were asked for (JSON then has no `predictions` key).
    public let predictions: [Prediction]?
    /// The level of the intervals of the predictions.
    public let level: Double

    /// The fit of `table` by `request`, with the rows of the CSV file `predicting` predicted.
    /// - Throws: `RegressionRequest.fit`'s and `predictions`' errors.
    public init(_ request: RegressionRequest, table: DataTable, predicting: URL?) throws {
        let fitted = try request.fit(table)
        predictions = try predicting.map { try request.predictions(fitted, rows: $0) }
        result = fitted
        level = request.level
    }

    /// The model's report, then the predictions' table when there are any.
    public func text() -> String {
        guard let predictions, !predictions.isEmpty else { return result.text() }
        return result.text() + "\n" + Prediction.table(predictions, level: level)
    }

    /// The model's JSON, with a `predictions` array when rows were predicted.
    public func json() -> JSONValue { result.json(predictions: predictions) }
}
