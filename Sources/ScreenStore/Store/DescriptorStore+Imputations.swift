import GRDB
import ScreenCore
import ScreenNumerics

extension DescriptorStore {
    /// Imputed values, for one candidate or all, in the order they were stored.
    public func imputations(candidate: String? = nil) throws -> [ImputedValue] {
        try rows(of: "imputations", candidate: candidate, orderedBy: "id").map { r in
            ImputedValue(candidate: r["candidate_id"], property: r["property"], value: r["value"], unit: r["unit"],
                         standardError: r["std_error"], predictionLow: r["prediction_low"], predictionHigh: r["prediction_high"],
                         level: r["level"], model: r["model"], method: r["method"], n: r["n"], r2: r["r2"], sigma: r["sigma"],
                         fittedOn: (r["fitted_on"] as String).split(separator: " ").map(String.init))
        }
    }

    /// Stores imputed values in one transaction, replacing earlier ones from the same
    /// model and method for the same property (a refit supersedes its predecessor).
    public func saveImputations(_ values: [ImputedValue]) throws {
        try queue.write { db in
            for v in values {
                try db.execute(sql: "DELETE FROM imputations WHERE candidate_id = ? AND property = ? AND model = ? AND method = ?",
                               arguments: [v.candidate, v.property, v.model, v.method])
                try db.execute(sql: """
                    INSERT INTO imputations (candidate_id, property, value, unit, std_error, prediction_low, prediction_high,
                      level, model, method, n, r2, sigma, fitted_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [v.candidate, v.property, v.value, v.unit, v.standardError, v.predictionLow, v.predictionHigh,
                                     v.level, v.model, v.method, v.n, v.r2, v.sigma, v.fittedOn.joined(separator: " ")])
            }
        }
    }

    /// Removes imputed values (all, or of one property).
    public func clearImputations(property: String? = nil) throws {
        try queue.write { db in
            if let property {
                try db.execute(sql: "DELETE FROM imputations WHERE property = ?", arguments: [property])
            } else {
                try db.execute(sql: "DELETE FROM imputations")
            }
        }
    }
}
