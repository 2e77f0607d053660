import ScreenNumerics
/// Why a chemical formula could not be read, and where.
///
/// `position` is the 1-based position of the offending character in the formula, counted in
/// characters (so `·` counts as one): in `NaXx`, the unknown element `Xx` is at 3. Only the
/// parser makes one (its memberwise initialiser is internal).
public struct ChemicalFormulaError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, one case per kind of problem (the message is `explanation`).
    public enum Reason: Equatable, Sendable {
        /// The formula is empty.
        case empty
        /// A space, tab or line break (formulas as databases write them have none).
        case whitespace
        /// A charge sign (`+`, `-`, `−`, `⁺`, `⁻`, `^`): ions are not formulas here.
        case charge(Character)
        /// A capitalised letter run that is not one of the 118 element symbols.
        case unknownElement(String)
        /// A lowercase letter where an element symbol must start.
        case lowercaseSymbol(Character)
        /// An opening bracket never closed; the position is the opening bracket's.
        case unclosedGroup(Character)
        /// A closing bracket with no opening one before it.
        case unmatchedClosing(Character)
        /// A closing bracket of another kind than the one that opened the group, e.g. `(SO4]`.
        case mismatchedClosing(opening: Character, openedAt: Int, closing: Character)
        /// `()` with nothing inside.
        case emptyGroup
        /// A number where an element or a group must come, e.g. at the start of the formula.
        /// Only a hydrate part (after `·`, `.` or `*`) may start with a multiplier.
        case misplacedNumber
        /// A number that is not a plain decimal, e.g. `1.2.3`.
        case malformedNumber(String)
        /// An amount or multiplier of zero.
        case zeroAmount
        /// A hydrate separator with no formula after it (or before it).
        case emptyPart
        /// `.` between digits followed by water, as in `CuSO4.5H2O`: this reads both as the
        /// amount 4.5 and as a pentahydrate, so it is refused rather than guessed.
        case ambiguousDecimalPoint
        /// Any other character.
        case unexpectedCharacter(Character)
        /// Groups nested deeper than `ChemicalFormulaParser.maximumDepth` (no real formula comes
        /// close; the limit keeps a crafted input from exhausting the stack).
        case nestedTooDeep(limit: Int)
    }

    /// The formula as given.
    public let formula: String
    /// 1-based character position of the problem.
    public let position: Int
    /// What is wrong there.
    public let reason: Reason

    /// `formula 'TEXT': explanation at POSITION`.
    public var description: String {
        "formula '\(formula)': \(explanation) at \(position)"
    }

    /// The reason in words, without the position.
    public var explanation: String {
        switch reason {
        case .nestedTooDeep(let limit):
            return "groups nested more than \(limit) deep"
        case .empty:
            return "empty formula"
        case .whitespace:
            return "spaces are not allowed"
        case .charge(let c):
            return "charges are not allowed ('\(c)')"
        case .unknownElement(let s):
            return "unknown element \"\(s)\""
        case .lowercaseSymbol(let c):
            return "element symbols start with a capital letter, found '\(c)'"
        case .unclosedGroup(let c):
            return "unbalanced parenthesis: '\(c)' is never closed"
        case .unmatchedClosing(let c):
            return "unbalanced parenthesis: '\(c)' closes nothing"
        case let .mismatchedClosing(opening, openedAt, closing):
            return "unbalanced parenthesis: '\(opening)' opened at \(openedAt) is closed by '\(closing)'"
        case .emptyGroup:
            return "empty group"
        case .misplacedNumber:
            return "a number must follow an element or a group (only a hydrate part after '·', '.' or '*' may start with a multiplier)"
        case .malformedNumber(let s):
            return "malformed number '\(s)'"
        case .zeroAmount:
            return "an amount of zero"
        case .emptyPart:
            return "nothing on one side of a hydrate separator"
        case .ambiguousDecimalPoint:
            return "ambiguous '.' between digits before H2O (a decimal amount or a hydrate?): write the hydrate with '·' or '*', e.g. CuSO4·5H2O"
        case .unexpectedCharacter(let c):
            // A control character or a space cannot be seen in quotes: name its code point.
            if let scalar = c.unicodeScalars.first, scalar.properties.generalCategory == .control || c.isWhitespace {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "unexpected character U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex) (invisible)"
            }
            return "unexpected character '\(c)'"
        }
    }
}
