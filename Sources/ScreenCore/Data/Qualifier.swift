/// How a source qualifies a number: "~ 40", "< 50", "> 99". Kept, because "< 50 mV"
/// is a bound, not a measurement of 50 mV.
public enum Qualifier: String, CaseIterable, Sendable {
    /// "~ 40": approximately, used as a value.
    case approximately = "~"
    /// "< 50": an upper bound, not a value.
    case lessThan = "<"
    /// "> 99": a lower bound, not a value.
    case greaterThan = ">"
    /// "≤ 5": an upper bound.
    case atMost = "<="
    /// "≥ 5": a lower bound.
    case atLeast = ">="

    /// Splits "~ 99.4", "> 99", "≤5" into qualifier and number; nil when the text is not one number.
    /// - Complexity: O(L) for L characters.
    public static func split(_ text: String) -> (Qualifier?, Double)? {
        var s = text.trimmingWhitespace()
        s = s.replacingOccurrences(of: "≤", with: "<=").replacingOccurrences(of: "≥", with: ">=")
            .replacingOccurrences(of: "∼", with: "~").replacingOccurrences(of: "≈", with: "~")
        var qualifier: Qualifier? = nil
        for q in [Qualifier.atMost, .atLeast, .approximately, .lessThan, .greaterThan] where s.hasPrefix(q.rawValue) {
            qualifier = q
            s = String(s.dropFirst(q.rawValue.count)).trimmingWhitespace()
            break
        }
        guard let value = DecimalNumber.parse(s) else { return nil }
        return (qualifier, value)
    }
}

import Foundation
import ScreenNumerics
