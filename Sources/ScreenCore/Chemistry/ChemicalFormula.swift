import Foundation
import ScreenNumerics

/// A chemical formula as materials databases write it, read into element amounts.
///
/// Accepts `NaF`, `Na3V2(PO4)3`, fractional amounts (`Na0.67Ni0.33Mn0.67O2`), nested
/// `()`, `[]` and `{}` groups (`K4[Fe(CN)6]`), and hydrates joined by `·`, `•`, `⋅`, `*` or `.`
/// with an optional leading multiplier on each hydrate part (`Na2CO3·10H2O`). Charges and
/// spaces are errors. See `ChemicalFormulaParser` for the grammar and the rule for `.`.
///
/// Two formulas are equal when their element amounts are equal: `NaF == FNa`, but
/// `Na2O2 != NaO`; compare `reducedKey` to join formulas from different sources.
///
/// Ordering conventions:
/// - `conventionalFormula`, the one to show people, uses pymatgen's electronegativity order
///   (NaF, Na2SO4, NaAlO2); see it for the pymatgen special cases it does not reproduce.
/// - `hillFormula` and `reducedFormula` use the Hill system: with carbon, C first, then H, then
///   the other symbols alphabetically; without carbon, all symbols alphabetically. They are
///   stored in the database and compared, so they stay as they are.
/// - `reducedKey` uses plain alphabetical order always, so it never depends on the order the
///   source wrote the formula in, nor on the Hill rule.
/// - Reduction is by the greatest common divisor only. pymatgen's `reduced_formula` also keeps
///   some special anions whole (it leaves `Na2O2` as `Na2O2`); here `Na2O2` reduces to `NaO`.
public struct ChemicalFormula: Sendable, Hashable, CustomStringConvertible {
    /// The formula as given.
    public let text: String
    /// Atoms of each element per formula unit as written, keyed by element symbol. Every amount
    /// is finite and positive.
    public let amounts: [String: Double]

    /// Relative tolerance below which an amount counts as an integer when reducing
    /// (a rounding allowance for amounts computed by multiplying, e.g. 0.5 × 4).
    public static let integerTolerance = 1e-8

    /// Reads `text`.
    /// - Throws: `ChemicalFormulaError` naming the character position and the reason.
    /// - Complexity: O(L·d) for L characters and groups nested d ≤ 64 deep.
    public init(_ text: String) throws {
        self.text = text
        self.amounts = try ChemicalFormulaParser.parse(text)
    }

    /// A formula of known amounts, written as `text`.
    private init(text: String, amounts: [String: Double]) {
        self.text = text
        self.amounts = amounts
    }

    /// The reduced composition (`reducedAmounts`), written as `conventionalFormula`: what a value
    /// that depends on the composition alone is computed from, whichever formula unit a source
    /// wrote (Na2Cl2 and NaCl give one composition, NaCl).
    public var reduced: ChemicalFormula {
        let amounts = reducedAmounts
        return ChemicalFormula(text: Self.format(amounts, order: Self.electronegativityOrder(amounts.keys)), amounts: amounts)
    }

    /// The formula as given.
    public var description: String { text }

    /// Equal element amounts (`NaF == FNa`; `Na2O2 != NaO`: amounts are not reduced).
    /// - Complexity: O(e) for e elements.
    public static func == (lhs: ChemicalFormula, rhs: ChemicalFormula) -> Bool {
        lhs.amounts == rhs.amounts
    }

    /// Hashes the amounts in alphabetical element order, consistent with `==`.
    /// - Complexity: O(e log e) for e elements (the sort).
    public func hash(into hasher: inout Hasher) {
        for symbol in elements {
            hasher.combine(symbol)
            // `elements` is `amounts.keys`, so every lookup below finds its key.
            hasher.combine(amounts[symbol]!)
        }
    }

    // MARK: Elements

    /// The distinct element symbols, sorted alphabetically.
    public var elements: [String] { amounts.keys.sorted() }

    /// How many distinct elements the formula has (NaF: 2).
    public var numberOfElements: Int { amounts.count }

    // `elements` is `amounts.keys`: the lookup cannot fail.
    /// Atoms per formula unit as written (Na3V2(PO4)3: 20).
    public var totalAmount: Double { elements.reduce(0) { $0 + amounts[$1]! } }

    /// The amount of `symbol`, 0 when the formula does not contain it.
    public func amount(of symbol: String) -> Double { amounts[symbol] ?? 0 }

    /// Whether the formula contains `symbol`.
    public func contains(_ symbol: String) -> Bool { amounts[symbol] != nil }

    /// Whether every element of the formula is among `allowed` (Na3P is only in {Na, P, O}).
    /// - Complexity: O(a + e) for a allowed symbols and e elements.
    public func isOnly<S: Sequence>(in allowed: S) -> Bool where S.Element == String {
        let allowedSet = Set(allowed)
        return amounts.keys.allSatisfy { allowedSet.contains($0) }
    }

    /// Whether the formula contains at least one of `symbols`.
    /// - Complexity: O(k) for k symbols.
    public func containsAny<S: Sequence>(of symbols: S) -> Bool where S.Element == String {
        symbols.contains { amounts[$0] != nil }
    }

    /// Atomic fraction of each element: amount / total amount (NaF: 0.5 each). They sum to 1.
    public var atomicFractions: [String: Double] {
        let total = totalAmount
        return amounts.mapValues { $0 / total }
    }

    /// Atomic fraction of `symbol`, 0 when absent.
    /// - Complexity: O(e log e) for e elements (the total sums in alphabetical order).
    public func atomicFraction(of symbol: String) -> Double {
        guard let n = amounts[symbol] else { return 0 }
        return n / totalAmount
    }

    // MARK: Reduced formula

    /// The factor the amounts are divided by in `reducedAmounts`: the greatest common divisor
    /// when every amount is an integer (Na2O2: 2), else 1 (fractional amounts are kept as written).
    /// - Complexity: O(e) for e elements. The amounts are taken in the dictionary's order, not
    ///   sorted: a greatest common divisor, and whether some amount is not an integer, do not depend
    ///   on the order (sorting the symbols first was most of the cost of every reduced formula).
    public var reductionFactor: Double {
        var divisor = 0
        for amount in amounts.values {
            guard let n = Self.integerValue(amount) else { return 1 }
            divisor = Self.gcd(divisor, n)
        }
        return Double(divisor)
    }

    /// Amounts divided by `reductionFactor` (Na2O2 → Na 1, O 1; Na15Sn4 unchanged).
    public var reducedAmounts: [String: Double] {
        let factor = reductionFactor
        return amounts.mapValues { $0 / factor }
    }

    /// The formula as written but in Hill order (Na2CO3·10H2O → CH20Na2O13).
    public var hillFormula: String { Self.format(amounts, order: Self.hillOrder(amounts.keys)) }

    /// The reduced formula in Hill order (Na2O2 → NaO; Na0.67Ni0.33Mn0.67O2 → Mn0.67Na0.67Ni0.33O2).
    public var reducedFormula: String {
        let reduced = reducedAmounts
        return Self.format(reduced, order: Self.hillOrder(reduced.keys))
    }

    /// The reduced formula as a chemist reads it: elements in the order pymatgen's
    /// `Composition.reduced_formula` writes them, Pauling electronegativity ascending (equal values
    /// by symbol, elements without a value last), so Na2O4S is written Na2SO4, FNa NaF, AlNaO2
    /// NaAlO2 and N12Na4Si8 NaSi2N3. The order is `FormulaConventions.electronegativityOrder`,
    /// generated from pymatgen's data. Amounts as `reducedAmounts`, written as `formatAmount`.
    ///
    /// pymatgen's special cases that are NOT reproduced (the composition is the same, only the
    /// spelling differs):
    /// - formulas it keeps unreduced (`Composition.special_formulas`): peroxides and diatomic
    ///   elements, Na2O2 → here NaO, O2 → O, F2 → F (list: `FormulaConventions.pymatgenUnreducedFormulas`);
    /// - polyanion groups in parentheses when they repeat: Na3V2(PO4)3 → here Na3V2P3O12,
    ///   K4[Fe(CN)6] → K4FeC6N6;
    /// - explicit amounts of 1 in non-integer compositions: Na1Co0.5O2 → here NaCo0.5O2;
    /// - amounts are compared with integers by a relative, not absolute, tolerance of 1e-8.
    ///
    /// Not a key: use `reducedKey` to compare compositions.
    public var conventionalFormula: String {
        let reduced = reducedAmounts
        return Self.format(reduced, order: Self.electronegativityOrder(reduced.keys))
    }

    /// The join key: reduced amounts in alphabetical order. `NaF` and `FNa` give `FNa`;
    /// `Na2O2` gives `NaO`. Equal keys mean the same reduced composition.
    public var reducedKey: String {
        let reduced = reducedAmounts
        return Self.format(reduced, order: reduced.keys.sorted())
    }

    // MARK: Helpers

    static func hillOrder<S: Sequence>(_ symbols: S) -> [String] where S.Element == String {
        let sorted = symbols.sorted()
        guard sorted.contains("C") else { return sorted }
        let rest = sorted.filter { $0 != "C" && $0 != "H" }
        return ["C"] + (sorted.contains("H") ? ["H"] : []) + rest
    }

    /// Position of each symbol in `FormulaConventions.electronegativityOrder`.
    private static let electronegativityRank: [String: Int] = Dictionary(
        uniqueKeysWithValues: FormulaConventions.electronegativityOrder.enumerated().map { ($0.element, $0.offset) })

    /// `symbols` in pymatgen's formula order; a symbol not in the table (the parser admits none)
    /// goes last, alphabetically, like an element without electronegativity.
    static func electronegativityOrder<S: Sequence>(_ symbols: S) -> [String] where S.Element == String {
        symbols.sorted {
            (electronegativityRank[$0] ?? Int.max, $0) < (electronegativityRank[$1] ?? Int.max, $1)
        }
    }

    static func format(_ amounts: [String: Double], order: [String]) -> String {
        var text = ""
        // Every caller passes an ordering of `amounts.keys`: the lookup cannot fail.
        for symbol in order {
            text += symbol
            text += formatAmount(amounts[symbol]!)
        }
        return text
    }

    /// "" for 1, "2" for 2, "0.67" for 0.67; at most 8 decimals, trailing zeros removed.
    public static func formatAmount(_ x: Double) -> String {
        if let n = integerValue(x) { return n == 1 ? "" : String(n) }
        var s = String(format: "%.8f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    static func integerValue(_ x: Double) -> Int? {
        guard x.isFinite, abs(x) < 1e15 else { return nil }
        let r = x.rounded()
        guard abs(x - r) <= integerTolerance * max(1, abs(x)), r >= 1 else { return nil }
        return Int(r)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (abs(a), abs(b))
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
