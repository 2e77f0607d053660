import Foundation
import ScreenCore
import ScreenNumerics
import ScreenStore

/// An arithmetic expression over named columns, as written in a formula term:
/// `x`, `log(x)`, `I(x^2)`, `I(1/T)`.
public indirect enum Expression: Hashable, Sendable, CustomStringConvertible {
    /// A column or property name.
    case variable(String)
    /// A number.
    case constant(Double)
    /// Unary minus.
    case negate(Expression)
    /// `+`, `-`, `*`, `/` or `^` (power) of two expressions.
    case binary(Character, Expression, Expression)   // + - * / ^
    /// One of `functions` applied to an expression.
    case function(String, Expression)                // log, log10, exp, sqrt, abs

    /// The functions a formula may call (natural log, base-10 log, exp, square root, absolute value).
    public static let functions: Set<String> = ["log", "log10", "exp", "sqrt", "abs"]

    /// The expression as text, parenthesised where needed (`log(x)`, `(a+b)*c`).
    public var description: String {
        switch self {
        case .variable(let n): n
        case .constant(let c): formatNumber(c)
        case .negate(let e): "-\(e.parenthesised)"
        case .binary(let op, let a, let b): "\(a.parenthesised)\(op)\(b.parenthesised)"
        case .function(let f, let e): "\(f)(\(e))"
        }
    }

    var parenthesised: String {
        switch self {
        case .binary, .negate: "(\(description))"
        default: description
        }
    }

    /// The variable names the expression reads.
    public var variables: Set<String> {
        switch self {
        case .variable(let n): [n]
        case .constant: []
        case .negate(let e), .function(_, let e): e.variables
        case .binary(_, let a, let b): a.variables.union(b.variables)
        }
    }

    /// The value for one row; nil where the expression is undefined (log of a non-positive
    /// number, division by zero, a non-finite result).
    /// A NaN input makes the result nil (NaN is not finite); `x^y` of a negative x and a
    /// non-integer y is nil too.
    /// - Complexity: O(size of the expression tree).
    public func evaluate(_ value: (String) -> Double) -> Double? {
        let v: Double
        switch self {
        case .variable(let n): v = value(n)
        case .constant(let c): v = c
        case .negate(let e):
            guard let x = e.evaluate(value) else { return nil }
            v = -x
        case .binary(let op, let a, let b):
            guard let x = a.evaluate(value), let y = b.evaluate(value) else { return nil }
            switch op {
            case "+": v = x + y
            case "-": v = x - y
            case "*": v = x * y
            case "/": guard y != 0 else { return nil }; v = x / y
            default: v = Foundation.pow(x, y)
            }
        case .function(let f, let e):
            guard let x = e.evaluate(value) else { return nil }
            switch f {
            case "log": guard x > 0 else { return nil }; v = Foundation.log(x)
            case "log10": guard x > 0 else { return nil }; v = Foundation.log10(x)
            case "exp": v = Foundation.exp(x)
            case "sqrt": guard x >= 0 else { return nil }; v = x.squareRoot()
            default: v = Swift.abs(x)
            }
        }
        return v.isFinite ? v : nil
    }
}
