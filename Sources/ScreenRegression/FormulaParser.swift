import ScreenCore
import ScreenNumerics
import ScreenStore
/// Recursive-descent parser for `Formula`. Grammar:
///
///     formula := expr '~' rhs
///     rhs     := ('-')? term (('+' | '-') term)*
///     term    := factor ((':' | '*') factor)*
///     factor  := '0' | '1' | 'poly' '(' NAME ',' INT ')' | 'I' '(' expr ')' | FUNC '(' expr ')' | NAME | '(' rhs ')'
///     expr    := sum with + - * / ^, unary minus, numbers, names and FUNC(expr)
struct FormulaParser {
    let text: String
    let chars: [Character]
    var i = 0

    init(_ text: String) {
        self.text = text
        self.chars = Array(text)
    }

    // MARK: Formula level

    /// A term of the right-hand side before expansion: a list of factor groups.
    private enum Piece { case intercept(Bool), terms([Formula.Term]) }

    /// Parentheses, functions and signs open at the current position.
    private var depth = 0
    /// The deepest nesting accepted: far beyond any model a person writes, well within the stack.
    static let maximumDepth = 200

    /// The most terms a right-hand side may expand to: far beyond any model a person fits, and it
    /// keeps `a*b*c*…` (2ⁿ − 1 terms for n factors) from running out of time and memory.
    static let maximumTerms = 1000

    /// Refuses an expansion to more than `maximumTerms` terms.
    private func checkTermCount(_ count: Int, at start: Int) throws {
        guard count <= Self.maximumTerms else {
            throw error("the terms expand to more than \(Self.maximumTerms) model terms (a*b*c*… of n factors has 2ⁿ − 1)", at: start)
        }
    }

    /// Enters one more level of nesting, refusing to go beyond `maximumDepth`.
    private mutating func descend() throws {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("nested more than \(Self.maximumDepth) levels deep") }
    }

    mutating func parseFormula() throws -> (response: Expression, terms: [Formula.Term], intercept: Bool) {
        skipSpaces()
        guard i < chars.count else { throw error("empty formula; write it as 'y ~ x'") }
        guard chars.contains("~") else { throw error("no '~': write the formula as 'response ~ terms'", at: chars.count) }
        let response = try parseExpression()
        skipSpaces()
        guard peek == "~" else { throw error("expected '~' after the response") }
        i += 1
        var terms: [Formula.Term] = []
        var known: Set<Formula.Term> = []   // the terms, for constant-time look-ups
        var intercept = true
        var sign: Character = "+"
        skipSpaces()
        if peek == "-" { sign = "-"; i += 1 }
        while true {
            skipSpaces()
            let start = i
            let piece = try parseTermPiece()
            switch (piece, sign) {
            case (.intercept(let on), "+"): intercept = on
            case (.intercept(let on), _): intercept = !on
            case (.terms(let ts), "+"):
                for t in ts where known.insert(t).inserted { terms.append(t) }
                try checkTermCount(terms.count, at: start)
            case (.terms(let ts), _):
                for t in ts {
                    guard known.remove(t) != nil, let k = terms.firstIndex(of: t) else { throw error("cannot remove '\(t)': it is not among the terms before it", at: start) }
                    terms.remove(at: k)
                }
            }
            skipSpaces()
            guard let c = peek else { break }
            guard c == "+" || c == "-" else {
                throw error(c == ")" ? "unbalanced ')'" : "expected '+', '-', ':' or '*' between terms, found '\(c)'")
            }
            sign = c
            i += 1
        }
        return (response, terms, intercept)
    }

    /// term := factor ((':' | '*') factor)*, expanded: a*b -> a, b, a:b.
    private mutating func parseTermPiece() throws -> Piece {
        skipSpaces()
        let start = i
        if let number = peekInterceptLiteral() {
            i += 1
            skipSpaces()
            if peek == ":" || peek == "*" { throw error("the intercept cannot be part of an interaction", at: start) }
            return .intercept(number == "1")
        }
        var groups: [[Formula.Term]] = [try parseFactorGroup()]
        var crossed: [Bool] = []
        while true {
            skipSpaces()
            guard let c = peek, c == ":" || c == "*" else { break }
            i += 1
            crossed.append(c == "*")
            groups.append(try parseFactorGroup())
        }
        if groups.count == 1 { return .terms(groups[0]) }
        // Build left to right: a*b = a + b + a:b; a:b = a:b.
        var result = groups[0]
        for (k, isCross) in crossed.enumerated() {
            let right = groups[k + 1]
            try checkTermCount(result.count * right.count + (isCross ? result.count + right.count : 0), at: start)
            let products = result.flatMap { a in right.map { b in Formula.Term(factors: a.factors + b.factors.filter { !a.factors.contains($0) }) } }
            result = isCross ? unique(result + right + products) : unique(products)
        }
        return .terms(result)
    }

    private func unique(_ terms: [Formula.Term]) -> [Formula.Term] {
        var seen: Set<Formula.Term> = []
        return terms.filter { seen.insert($0).inserted }
    }

    /// A factor, which `poly(x, k)` and parentheses can turn into several terms.
    private mutating func parseFactorGroup() throws -> [Formula.Term] {
        skipSpaces()
        let start = i
        if peek == "(" {
            try descend()
            defer { depth -= 1 }
            i += 1
            var inner: [Formula.Term] = []
            var innerKnown: Set<Formula.Term> = []
            var sign: Character = "+"
            while true {
                let piece = try parseTermPiece()
                guard case .terms(let ts) = piece else { throw error("an intercept inside parentheses is not supported", at: start) }
                if sign == "+" {
                    inner.append(contentsOf: ts.filter { innerKnown.insert($0).inserted })
                } else {
                    let removed = Set(ts)
                    inner.removeAll { removed.contains($0) }
                    innerKnown.subtract(removed)
                }
                try checkTermCount(inner.count, at: start)
                skipSpaces()
                if peek == ")" { i += 1; return inner }
                guard let c = peek, c == "+" || c == "-" else { throw error(peek == nil ? "missing ')'" : "expected '+', '-' or ')'") }
                sign = c
                i += 1
            }
        }
        guard let name = readName() else {
            throw error(peek.map { "unexpected '\($0)'; expected a variable name, a function or I(…)" } ?? "a term is missing at the end")
        }
        skipSpaces()
        if peek != "(" { return [Formula.Term(factors: [.variable(name)])] }
        i += 1
        switch name {
        case "I":
            let e = try parseExpression()
            try expect(")")
            return [Formula.Term(factors: [e])]
        case "poly":
            skipSpaces()
            let varStart = i
            guard let v = readName() else { throw error("poly() needs a variable name first: poly(x, 3)") }
            skipSpaces()
            try expect(",")
            skipSpaces()
            let degreeStart = i
            guard let k = readInteger(), k >= 1 else { throw error("poly() needs a whole degree of at least 1: poly(x, 3)", at: degreeStart) }
            guard k <= 20 else { throw error("poly() degree \(k) is too high (at most 20)", at: degreeStart) }
            skipSpaces()
            if peek == "," { throw error("only raw powers are supported: poly(x, k) means x, x^2, …, x^k", at: i) }
            try expect(")")
            _ = varStart
            return (1...k).map { p in Formula.Term(factors: [p == 1 ? .variable(v) : .binary("^", .variable(v), .constant(Double(p)))]) }
        case _ where Expression.functions.contains(name):
            let e = try parseExpression()
            try expect(")")
            return [Formula.Term(factors: [.function(name, e)])]
        default:
            throw error("unknown function '\(name)' (known: I, poly, \(Expression.functions.sorted().joined(separator: ", ")))", at: start)
        }
    }

    // MARK: Expressions

    mutating func parseExpression() throws -> Expression {
        try parseLeftAssociative("+-") { try $0.parseProduct() }
    }

    private mutating func parseProduct() throws -> Expression {
        try parseLeftAssociative("*/") { try $0.parseUnary() }
    }

    /// Operands joined by any of `operators`, left to right (`a - b - c` is `(a - b) - c`); each
    /// operand is read by `operand`, the next tighter level.
    private mutating func parseLeftAssociative(_ operators: String, operand: (inout FormulaParser) throws -> Expression) throws
        -> Expression {
        var left = try operand(&self)
        while true {
            skipSpaces()
            guard let c = peek, operators.contains(c) else { return left }
            i += 1
            left = .binary(c, left, try operand(&self))
        }
    }

    private mutating func parseUnary() throws -> Expression {
        try descend()
        defer { depth -= 1 }
        skipSpaces()
        if peek == "-" { i += 1; return .negate(try parseUnary()) }
        if peek == "+" { i += 1; return try parseUnary() }
        return try parsePower()
    }

    private mutating func parsePower() throws -> Expression {
        let base = try parseAtom()
        skipSpaces()
        if peek == "^" || (peek == "*" && next == "*") {
            i += peek == "^" ? 1 : 2
            return .binary("^", base, try parseUnary())   // right-associative
        }
        return base
    }

    private mutating func parseAtom() throws -> Expression {
        try descend()
        defer { depth -= 1 }
        skipSpaces()
        let start = i
        if peek == "(" {
            i += 1
            let e = try parseExpression()
            try expect(")")
            return e
        }
        if let c = peek, c.isNumber || c == "." {
            guard let v = readNumber() else { throw error("not a number", at: start) }
            return .constant(v)
        }
        guard let name = readName() else {
            throw error(peek.map { "unexpected '\($0)' in an expression" } ?? "the expression ends too early")
        }
        skipSpaces()
        if peek == "(" {
            guard Expression.functions.contains(name) else {
                throw error("unknown function '\(name)' (known inside I(): \(Expression.functions.sorted().joined(separator: ", ")))", at: start)
            }
            i += 1
            let e = try parseExpression()
            try expect(")")
            return .function(name, e)
        }
        return .variable(name)
    }

    // MARK: Lexing

    private var peek: Character? { i < chars.count ? chars[i] : nil }
    private var next: Character? { i + 1 < chars.count ? chars[i + 1] : nil }

    private mutating func skipSpaces() { while let c = peek, c.isWhitespace { i += 1 } }

    private func peekInterceptLiteral() -> Character? {
        guard let c = peek, c == "0" || c == "1" else { return nil }
        if let n = next, n.isNumber || n == "." || n.isLetter || n == "_" { return nil }
        return c
    }

    private mutating func readName() -> String? {
        if peek == "`" {
            guard let close = chars[(i + 1)...].firstIndex(of: "`") else { return nil }
            let name = String(chars[(i + 1)..<close])
            i = close + 1
            return name.isEmpty ? nil : name
        }
        guard let c = peek, c.isLetter || c == "_" else { return nil }
        let start = i
        while let c = peek, c.isLetter || c.isNumber || c == "_" || c == "." { i += 1 }
        return String(chars[start..<i])
    }

    private mutating func readInteger() -> Int? {
        let start = i
        while let c = peek, c.isNumber { i += 1 }
        return Int(String(chars[start..<i]))
    }

    private mutating func readNumber() -> Double? {
        let start = i
        while let c = peek, c.isNumber || c == "." { i += 1 }
        if let c = peek, c == "e" || c == "E", let n = next, n.isNumber || n == "-" || n == "+" {
            i += 2
            while let c = peek, c.isNumber { i += 1 }
        }
        return Double(String(chars[start..<i]))
    }

    private mutating func expect(_ c: Character) throws {
        skipSpaces()
        guard peek == c else {
            throw error(peek.map { "expected '\(c)', found '\($0)'" } ?? "expected '\(c)' before the end")
        }
        i += 1
    }

    private func error(_ reason: String, at position: Int? = nil) -> FormulaError {
        FormulaError(formula: text, position: min(position ?? i, chars.count), reason: reason)
    }
}
