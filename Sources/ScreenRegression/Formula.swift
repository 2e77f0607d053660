import ScreenCore
import ScreenNumerics
import ScreenStore
/// A model formula in the R / statsmodels style: `y ~ x1 + log(x2) + I(x1^2) + x1:x2 - 1`.
///
/// Supported: `+` terms; an intercept by default, dropped by `- 1` or `+ 0`; removing a term
/// with `- term`; `log`, `log10`, `exp`, `sqrt`, `abs` of a variable or expression; `I(expr)`
/// for arithmetic (`+ - * / ^`); `poly(x, k)` for raw powers x, x², …, xᵏ; interactions
/// `a:b` (product) and `a*b` (= `a + b + a:b`). Names may be any column or property name;
/// a name with other characters can be quoted in backticks: `` `Young's modulus` ``.
public struct Formula: Equatable, Sendable, CustomStringConvertible {
    /// The response expression (left of `~`).
    public let response: Expression
    /// The model terms, in order, without the intercept.
    public let terms: [Term]
    /// False after `- 1` or `+ 0`.
    public let hasIntercept: Bool
    /// The text as the user wrote it.
    public let text: String

    /// One column of the design matrix: the product of its factors.
    public struct Term: Hashable, Sendable, CustomStringConvertible {
        /// The factors multiplied (one for a plain term, several for `a:b`).
        public let factors: [Expression]
        /// The term's coefficient name: factors joined by `:`, arithmetic inside `I()`.
        public var description: String { factors.map(Term.name).joined(separator: ":") }

        /// Arithmetic is shown inside `I()`, as it was written: `I(x^2)`, `log(x)`, `x`.
        static func name(_ e: Expression) -> String {
            switch e {
            case .variable, .function: e.description
            default: "I(\(e))"
            }
        }
        /// The variables the term reads.
        public var variables: Set<String> { factors.reduce(into: []) { $0.formUnion($1.variables) } }
    }

    /// The formula normalised: `y ~ x + log(z)`, `y ~ x + 0` without an intercept.
    public var description: String {
        var rhs = terms.map(\.description)
        if !hasIntercept { rhs.append("0") } else if rhs.isEmpty { rhs = ["1"] }
        return "\(response) ~ \(rhs.joined(separator: " + "))"
    }

    /// Every variable the formula reads, response first.
    public var variables: [String] {
        var seen: [String] = []
        for v in response.variables.sorted() + terms.flatMap({ $0.variables.sorted() }) where !seen.contains(v) { seen.append(v) }
        return seen
    }

    /// The coefficient names, statsmodels-style: `Intercept` first when there is one.
    public var coefficientNames: [String] { (hasIntercept ? ["Intercept"] : []) + terms.map(\.description) }

    /// Parses `text`.
    ///
    /// - Throws: `FormulaError` pointing at the character (an unknown function, a missing `~`,
    ///   unbalanced parentheses, more than 1000 terms from `a*b*…`, nesting beyond 200 levels), or
    ///   when the response's variable is also a predictor (`y ~ y`).
    /// - Complexity: O(L + t) for L characters and t terms (duplicate terms found by hashing).
    public init(_ text: String) throws {
        var parser = FormulaParser(text)
        let parsed = try parser.parseFormula()
        // y ~ y (or y ~ log(y)) fits the response on itself: R² = 1 that says nothing.
        let shared = parsed.response.variables.intersection(parsed.terms.reduce(into: Set<String>()) { $0.formUnion($1.variables) })
        if let v = shared.sorted().first {
            throw FormulaError(formula: text, position: text.firstIndex(of: "~").map { text.distance(from: text.startIndex, to: $0) } ?? 0,
                               reason: "the response's variable \(v) is also a predictor: a fit of a variable on itself says nothing")
        }
        self.text = text
        self.response = parsed.response
        self.terms = parsed.terms
        self.hasIntercept = parsed.intercept
    }
}

/// A formula the parser could not read, with the position of the offending character so
/// the message can point at it.
public struct FormulaError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The formula text as written.
    public let formula: String
    /// 0-based character offset.
    public let position: Int
    /// What is wrong, in words.
    public let reason: String

    /// The reason, the formula, and a caret under the offending character.
    public var description: String {
        "formula error: \(reason)\n  \(formula)\n  \(String(repeating: " ", count: position))^"
    }
}

/// Printed as is (its first line already says "formula error"), the caret under the character at fault.
extension FormulaError: UserFacingError {
    /// The error as the command line prints it: `description`, reason, formula and caret.
    public var printedForm: String { description }
}
