import ScreenCore
import ScreenNumerics
import ScreenStore
/// The fit as a terminal table and as JSON (`terms`, `n`, `dof`, `rss`, `r2`, `adj_r2`,
/// `sigma`, `aic`, `bic`, `f`, `f_p`, `condition_number`, `method`).
extension RegressionResult {
    /// The JSON document of `screen fit --format json` (snake_case keys, null for a statistic the
    /// method does not give).
    /// - Complexity: O(p + n) for p terms and n observations.
    public func json() -> JSONValue {
        .object([
            ("method", .string(method)),
            ("model", .string(model)),
            ("confidence_level", .number(confidenceLevel)),
            ("terms", .array(terms.map { t in
                .object([("name", .string(t.name)), ("estimate", .number(t.estimate)), ("std_error", .number(t.standardError)),
                         ("t", .number(t.t)), ("p", .number(t.p)), ("ci_low", .number(t.confidenceLow)), ("ci_high", .number(t.confidenceHigh))])
            })),
            ("n", .integer(n)), ("dof", .integer(dof)), ("rss", .number(rss)), ("r2", .number(r2)),
            ("adj_r2", .number(adjustedR2)), ("sigma", .number(sigma)), ("aic", .number(aic)), ("bic", .number(bic)),
            ("f", .number(f)), ("f_p", .number(fP)), ("condition_number", .number(conditionNumber)),
            ("observations", .array(labels.indices.map { i in
                .object([("label", .string(labels[i])), ("fitted", .number(fitted[i])), ("residual", .number(residuals[i]))])
            })),
            ("warnings", .array(warnings.map { .string($0) })),
            ("notes", .array(notes.map { .string($0) })),
        ])
    }

    /// The terminal table of `screen fit`: terms, fit statistics, warnings and notes.
    /// - Complexity: O(p + w) for p terms and w warnings and notes.
    public func text() -> String {
        let pct = formatForDisplay(confidenceLevel * 100)
        var out = "\(model)    method: \(method)\n\n"
        let rows = terms.map { t in
            [t.name, formatForDisplay(t.estimate), formatForDisplay(t.standardError), formatForDisplay(t.t, significant: 4),
             t.p.map(Self.formatP) ?? "", formatForDisplay(t.confidenceLow), formatForDisplay(t.confidenceHigh)]
        }
        out += TextTable(header: ["term", "estimate", "std error", "t", "p", "\(pct)% CI low", "\(pct)% CI high"],
                         rows: rows, rightAligned: Set(1...6)).rendered()
        out += "\nn = \(n), residual dof = \(dof), RSS = \(formatForDisplay(rss)), residual std error = \(formatForDisplay(sigma))\n"
        if let r2 { out += "R² = \(formatForDisplay(r2, significant: 5)), adjusted R² = \(formatForDisplay(adjustedR2, significant: 5))" }
        if let f, let fP { out += ", F = \(formatForDisplay(f, significant: 5)) (p = \(Self.formatP(fP)))" }
        out += "\n"
        if let aic, let bic { out += "AIC = \(formatForDisplay(aic)), BIC = \(formatForDisplay(bic))" }
        if let c = conditionNumber { out += ", condition number = \(formatForDisplay(c, significant: 4))" }
        out += "\n"
        for w in warnings { out += "warning: \(w)\n" }
        for n in notes { out += "note: \(n)\n" }
        return out
    }

    static func formatP(_ p: Double) -> String {
        p < 1e-4 ? "<1e-4" : formatForDisplay(p, significant: 3)
    }
}
