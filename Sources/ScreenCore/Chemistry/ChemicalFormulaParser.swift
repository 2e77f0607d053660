import ScreenNumerics
/// Reads a formula as materials databases write it into element amounts.
///
/// Grammar (positions in errors are 1-based characters):
///
///     formula   := part (separator part)*
///     separator := '·' | '•' | '⋅' | '*' | '.'          (hydrates: Na2CO3·10H2O)
///     part      := [number] sequence                    (a leading number only after a separator)
///     sequence  := (item [number])+
///     item      := element | '(' sequence ')' | '[' sequence ']' | '{' sequence '}'
///     element   := capital letter + lowercase letters, one of the 118 symbols
///     number    := digits ['.' digits]                  (Na0.67Ni0.33Mn0.67O2)
///
/// `.` is a decimal point when it stands between two digits and a hydrate separator anywhere
/// else (`NaCl.2H2O`, `Na2SO4.(H2O)10`). `CuSO4.5H2O` is refused as ambiguous (see
/// `ChemicalFormulaError.Reason.ambiguousDecimalPoint`) rather than read as O4.5.
struct ChemicalFormulaParser {
    private let text: String
    private let chars: [Character]
    private var i = 0
    /// Groups open at the current position.
    private var depth = 0
    /// The deepest nesting of groups accepted.
    static let maximumDepth = 64

    static let separators: Set<Character> = ["·", "•", "⋅", "*", "."]
    private static let chargeSigns: Set<Character> = ["+", "-", "−", "⁺", "⁻", "^"]
    private static let closing: [Character: Character] = ["(": ")", "[": "]", "{": "}"]

    init(_ text: String) {
        self.text = text
        self.chars = Array(text)
    }

    static func parse(_ text: String) throws -> [String: Double] {
        if let amounts = parseSimple(text) { return amounts }
        var parser = ChemicalFormulaParser(text)
        return try parser.parseFormula()
    }

    /// The common case read byte by byte: element symbols each followed by an optional whole
    /// number (`Na3PS3O`, `Li7La3Zr2O12`), the form of every formula in the Materials Project
    /// files. nil for anything else — groups, hydrates, decimals, a zero count, an unknown symbol,
    /// any error — which the general parser then reads (and reports) character by character; for
    /// the formulas it accepts, both give the same amounts.
    /// - Complexity: O(length), without building an array of `Character`s.
    static func parseSimple(_ text: String) -> [String: Double]? {
        var text = text
        return text.withUTF8 { bytes -> [String: Double]? in
            guard let first = bytes.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") else { return nil }
            var amounts: [String: Double] = [:]
            var i = 0
            while i < bytes.count {
                let start = i
                guard bytes[i] >= UInt8(ascii: "A"), bytes[i] <= UInt8(ascii: "Z") else { return nil }
                i += 1
                while i < bytes.count, bytes[i] >= UInt8(ascii: "a"), bytes[i] <= UInt8(ascii: "z") { i += 1 }
                let symbol = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                guard ChemicalElements.isSymbol(symbol) else { return nil }
                var count = 0, digits = 0
                while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                    count = count * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                    digits += 1
                    i += 1
                    guard digits <= 15 else { return nil }
                }
                if digits > 0, count == 0 { return nil }
                amounts[symbol, default: 0] += digits == 0 ? 1 : Double(count)
            }
            return amounts
        }
    }

    private func fail(_ reason: ChemicalFormulaError.Reason, at index: Int) -> ChemicalFormulaError {
        ChemicalFormulaError(formula: text, position: index + 1, reason: reason)
    }

    private func isDigit(_ index: Int) -> Bool {
        index >= 0 && index < chars.count && chars[index].isASCII && chars[index].isNumber
    }

    private func isUpper(_ c: Character) -> Bool { c.isASCII && c.isUppercase }
    private func isLower(_ c: Character) -> Bool { c.isASCII && c.isLowercase }

    /// The general parser (internal so that the tests can compare the fast path with it).
    mutating func parseFormula() throws -> [String: Double] {
        guard !chars.isEmpty else { throw fail(.empty, at: 0) }
        // Whitespace and charges first, so that the message names the real problem.
        for (k, c) in chars.enumerated() {
            if c.isWhitespace { throw fail(.whitespace, at: k) }
            if Self.chargeSigns.contains(c) { throw fail(.charge(c), at: k) }
        }
        var total: [String: Double] = [:]
        var afterSeparator = false
        while true {
            let partStart = i
            var multiplier = 1.0
            if isDigit(i) {
                guard afterSeparator else { throw fail(.misplacedNumber, at: i) }
                multiplier = try parseNumber(isMultiplier: true)
            }
            let amounts = try parseSequence(openedAt: nil)
            guard !amounts.isEmpty else {
                throw fail(.emptyPart, at: i < chars.count ? i : max(partStart - 1, 0))
            }
            for (symbol, n) in amounts { total[symbol, default: 0] += n * multiplier }
            guard i < chars.count else { return total }
            // parseSequence stops at the end, a separator or a stray closing bracket (thrown there).
            let c = chars[i]
            guard Self.separators.contains(c) else { throw fail(.unexpectedCharacter(c), at: i) }
            if i + 1 >= chars.count { throw fail(.emptyPart, at: i) }
            i += 1
            afterSeparator = true
        }
    }

    /// Reads items until the end, a separator, or the closing bracket of the group opened at
    /// `openedAt` (consumed).
    private mutating func parseSequence(openedAt: Int?) throws -> [String: Double] {
        var acc: [String: Double] = [:]
        while i < chars.count {
            let c = chars[i]
            if isUpper(c) {
                let start = i
                var symbol = String(c)
                i += 1
                while i < chars.count, isLower(chars[i]) {
                    symbol.append(chars[i])
                    i += 1
                }
                guard ChemicalElements.isSymbol(symbol) else { throw fail(.unknownElement(symbol), at: start) }
                let n = try parseOptionalCount()
                acc[symbol, default: 0] += n
            } else if Self.closing[c] != nil {
                let open = i
                guard depth < Self.maximumDepth else { throw fail(.nestedTooDeep(limit: Self.maximumDepth), at: open) }
                i += 1
                depth += 1
                defer { depth -= 1 }
                let inner = try parseSequence(openedAt: open)
                let n = try parseOptionalCount()
                for (symbol, k) in inner { acc[symbol, default: 0] += k * n }
            } else if c == ")" || c == "]" || c == "}" {
                guard let open = openedAt else { throw fail(.unmatchedClosing(c), at: i) }
                let opening = chars[open]
                guard Self.closing[opening] == c else {
                    throw fail(.mismatchedClosing(opening: opening, openedAt: open + 1, closing: c), at: i)
                }
                if acc.isEmpty { throw fail(.emptyGroup, at: open) }
                i += 1
                return acc
            } else if Self.separators.contains(c) {
                // A hydrate separator: ends the part. Inside a group it leaves the group open.
                if let open = openedAt { throw fail(.unclosedGroup(chars[open]), at: open) }
                return acc
            } else if isLower(c) {
                throw fail(.lowercaseSymbol(c), at: i)
            } else if c.isASCII && c.isNumber {
                throw fail(.misplacedNumber, at: i)
            } else {
                throw fail(.unexpectedCharacter(c), at: i)
            }
        }
        if let open = openedAt { throw fail(.unclosedGroup(chars[open]), at: open) }
        return acc
    }

    /// A count after an element or group: a number, or 1 when none is written.
    private mutating func parseOptionalCount() throws -> Double {
        isDigit(i) ? try parseNumber(isMultiplier: false) : 1
    }

    /// digits ['.' digits]; `.` is taken as a decimal point only between two digits.
    /// A count (not a hydrate multiplier) like `4.5` followed by a closing `H2O` is ambiguous.
    private mutating func parseNumber(isMultiplier: Bool) throws -> Double {
        let start = i
        while isDigit(i) { i += 1 }
        var dot: Int? = nil
        if i < chars.count, chars[i] == ".", isDigit(i + 1) {
            dot = i
            i += 1
            while isDigit(i) { i += 1 }
            if i < chars.count, chars[i] == ".", isDigit(i + 1) {
                var end = i + 1
                while end < chars.count, isDigit(end) || chars[end] == "." { end += 1 }
                throw fail(.malformedNumber(String(chars[start..<end])), at: start)
            }
        }
        let literal = String(chars[start..<i])
        if let dot, !isMultiplier, startsWaterThenEnds(at: i) {
            throw fail(.ambiguousDecimalPoint, at: dot)
        }
        guard let value = Double(literal), value.isFinite else {
            throw fail(.malformedNumber(literal), at: start)
        }
        guard value > 0 else { throw fail(.zeroAmount, at: start) }
        return value
    }

    /// Whether `H2O` starts at `index` and is followed by the end, a separator or a closing bracket.
    private func startsWaterThenEnds(at index: Int) -> Bool {
        let water: [Character] = ["H", "2", "O"]
        guard index + water.count <= chars.count, Array(chars[index..<(index + water.count)]) == water else {
            return false
        }
        let after = index + water.count
        if after == chars.count { return true }
        let c = chars[after]
        return Self.separators.contains(c) || c == ")" || c == "]" || c == "}"
    }
}
