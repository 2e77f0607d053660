import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics
/// What `screen profile check` prints: the profile as understood, so a user sees the
/// canonical units and normalised weights the ranking will use.
extension Profile {
    /// The profile as `screen profile check` prints it: name, file, description, categories, scope,
    /// method, a table of the criteria (property, unit, goal, transform, weight, limits, missing-value
    /// policy, combination rule) and the loading notices.
    public func summary() -> String {
        var out = "\(name) (\(file))\n"
        if let description { out += "\(description)\n" }
        out += "categories: \(categories.map { $0.map(\.rawValue).joined(separator: ", ") } ?? "all")\n"
        out += "filter: \(scope.filter.description)\n"
        out += "polymorphs: \(scope.polymorphsText)\n"
        out += "join: \(scope.joinText)\n"
        out += "method: \(method)" + (normalization.map { ", normalization: \($0)" } ?? "") +
            (parameters.isEmpty ? "" : ", parameters: " + parameters.sorted { $0.key < $1.key }.map { "\($0.key) = \(formatForDisplay($0.value))" }.joined(separator: ", ")) + "\n\n"
        let rows = criteria.map { c -> [String] in
            let goal: String = switch c.goal {
            case .max: "max"
            case .min: "min"
            case .target(let w):
                switch w.kind {
                case .twoSided: "target \(formatForDisplay(w.idealLow))…\(formatForDisplay(w.idealHigh)) (0 at \(formatForDisplay(w.zeroLow)), \(formatForDisplay(w.zeroHigh)))"
                case .atLeast: "at least \(formatForDisplay(w.idealLow)) (0 at ≤ \(formatForDisplay(w.zeroLow)))"
                case .atMost: "at most \(formatForDisplay(w.idealHigh)) (0 at ≥ \(formatForDisplay(w.zeroHigh)))"
                }
            }
            var limits: [String] = []
            if let lo = c.minimum { limits.append("≥ \(formatForDisplay(lo))") }
            if let hi = c.maximum { limits.append("≤ \(formatForDisplay(hi))") }
            return [c.label, c.source.name, c.unit, goal, c.transform == .none ? "" : c.transform.rawValue,
                    formatForDisplay(c.weight, significant: 4), limits.joined(separator: " "), c.missing.name,
                    c.combine.rawValue + (c.prefer.map { ", prefer \($0.rawValue)" } ?? "") + (c.require.map { ", only \($0.rawValue)" } ?? "")
                        + (c.fallback.map { ", else \($0)" } ?? "") + (c.referenceState.map { ", vs \($0.rawValue) only" } ?? "")]
        }
        out += TextTable(header: ["criterion", "property", "unit", "goal", "transform", "weight", "limits", "missing", "combine"],
                         rows: rows, rightAligned: [5]).rendered()
        for n in notices { out += "note: \(n)\n" }
        return out
    }
}
