import Foundation
import ScreenNumerics

/// A filter on compositions, by element: which elements must be present, which are allowed,
/// which are forbidden, and how many distinct elements a composition may have.
///
/// Semantics, for a composition with element set E:
/// - `contains`: every listed element is in E (E ⊇ contains);
/// - `elements`: only these elements, E ⊆ elements;
/// - `exclude`: none of these, E ∩ exclude = ∅;
/// - `minElements` / `maxElements`: bounds on |E|, inclusive.
/// An empty filter passes everything, including candidates without a formula; a non-empty
/// filter never passes a candidate without a formula (its elements are unknown).
///
/// Filters combine by intersection (`intersected(with:)`): a profile's filter and the command
/// line's apply together.
public struct CompositionFilter: Sendable, Equatable {
    /// Elements that must all be present (in the order given, without repeats).
    public var contains: [String] = []
    /// The allowed elements; nil means any.
    public var elements: [String]? = nil
    /// Elements that must not be present.
    public var exclude: [String] = []
    /// The fewest distinct elements allowed (≥ 1); nil for no bound.
    public var minElements: Int? = nil
    /// The most distinct elements allowed (≥ `minElements`); nil for no bound.
    public var maxElements: Int? = nil

    /// A checked filter: every symbol one of the 118 elements (case-sensitive: `Cl`, not `CL`),
    /// repeats dropped, bounds ≥ 1 and in order.
    ///
    /// - Throws: `CompositionFilterError` naming the key and the bad symbol or bound.
    /// - Complexity: O(k) for k symbols given.
    public init(contains: [String] = [], elements: [String]? = nil, exclude: [String] = [],
                minElements: Int? = nil, maxElements: Int? = nil) throws {
        self.contains = try Self.validated(contains, key: "contains")
        self.elements = try elements.map { try Self.validated($0, key: "elements") }
        self.exclude = try Self.validated(exclude, key: "exclude")
        self.minElements = minElements
        self.maxElements = maxElements
        if let n = minElements, n < 1 { throw CompositionFilterError("min_elements must be at least 1 (got \(n))") }
        if let n = maxElements, n < 1 { throw CompositionFilterError("max_elements must be at least 1 (got \(n))") }
        if let a = minElements, let b = maxElements, a > b {
            throw CompositionFilterError("min_elements \(a) is above max_elements \(b): no composition can pass")
        }
    }

    // The empty filter has no bounds to contradict, so this init cannot throw.
    /// The empty filter: passes everything.
    public static let none = try! CompositionFilter()

    /// True when nothing is restricted (then a candidate without a formula passes too).
    public var isEmpty: Bool {
        contains.isEmpty && elements == nil && exclude.isEmpty && minElements == nil && maxElements == nil
    }

    /// Whether a composition with these distinct element symbols passes. Nil (no formula)
    /// passes only the empty filter.
    /// - Complexity: O(e + k) for e element symbols and k symbols in the filter. Inlinable, so
    ///   that a caller in another module (a scan of a million candidates) gets it specialised.
    @inlinable
    public func accepts<S: Collection>(_ elementSymbols: S?) -> Bool where S.Element == String {
        guard let elementSymbols else { return isEmpty }
        let n = elementSymbols.count
        if let lo = minElements, n < lo { return false }
        if let hi = maxElements, n > hi { return false }
        for e in contains where !elementSymbols.contains(e) { return false }
        for e in exclude where elementSymbols.contains(e) { return false }
        if let allowed = elements {
            let allowedSet = Set(allowed)
            for e in elementSymbols where !allowedSet.contains(e) { return false }
        }
        return true
    }

    /// Whether the formula passes.
    /// - Complexity: O(e + k) for e elements and k symbols in the filter.
    public func accepts(_ formula: ChemicalFormula?) -> Bool {
        accepts(formula.map { Set($0.amounts.keys) })
    }

    /// Why a composition fails, in words (nil when it passes).
    /// - Complexity: O(e + k) for e element symbols and k symbols in the filter.
    public func rejection<S: Collection>(_ elementSymbols: S?) -> String? where S.Element == String {
        guard let elementSymbols else { return isEmpty ? nil : "no formula, so its elements are unknown (the composition filter needs them)" }
        let set = Set(elementSymbols)
        let missing = contains.filter { !set.contains($0) }
        if !missing.isEmpty { return "does not contain \(missing.joined(separator: ", "))" }
        let forbidden = exclude.filter { set.contains($0) }
        if !forbidden.isEmpty { return "contains \(forbidden.joined(separator: ", ")) (excluded)" }
        if let allowed = elements.map(Set.init) {
            let others = Self.ordered(set.subtracting(allowed))
            if !others.isEmpty { return "contains \(others.joined(separator: ", ")), not among the allowed elements" }
        }
        if let lo = minElements, set.count < lo { return "\(set.count) elements, fewer than \(lo)" }
        if let hi = maxElements, set.count > hi { return "\(set.count) elements, more than \(hi)" }
        return nil
    }

    /// Both filters at once: contains and exclude are united, the allowed elements intersected,
    /// the element-count bounds tightened.
    /// - Complexity: O(k²) for k symbols in the two filters (lists are short).
    public func intersected(with other: CompositionFilter) -> CompositionFilter {
        var out = self
        out.contains = Self.unique(contains + other.contains)
        out.exclude = Self.unique(exclude + other.exclude)
        switch (elements, other.elements) {
        case (nil, nil): out.elements = nil
        case (let a?, nil): out.elements = a
        case (nil, let b?): out.elements = b
        case (let a?, let b?): out.elements = a.filter { b.contains($0) }
        }
        out.minElements = [minElements, other.minElements].compactMap { $0 }.max()
        out.maxElements = [maxElements, other.maxElements].compactMap { $0 }.min()
        return out
    }

    /// In words, for outputs: "contains Na; only Na, F, Cl; excludes Pb, Cd, Hg; 2–3 elements".
    /// "no composition filter" when empty.
    public var description: String {
        guard !isEmpty else { return "no composition filter" }
        var parts: [String] = []
        if !contains.isEmpty { parts.append("contains \(contains.joined(separator: ", "))") }
        if let elements { parts.append(elements.isEmpty ? "only no elements (nothing passes)" : "only \(elements.joined(separator: ", "))") }
        if !exclude.isEmpty { parts.append("excludes \(exclude.joined(separator: ", "))") }
        switch (minElements, maxElements) {
        case (let a?, let b?): parts.append(a == b ? "\(a) element\(a == 1 ? "" : "s")" : "\(a)–\(b) elements")
        case (let a?, nil): parts.append("at least \(a) element\(a == 1 ? "" : "s")")
        case (nil, let b?): parts.append("at most \(b) element\(b == 1 ? "" : "s")")
        case (nil, nil): break
        }
        return parts.joined(separator: "; ")
    }

    /// Contradictions that make the filter pass nothing (a required element that is excluded
    /// or not allowed, more required elements than allowed), in words; empty when none.
    public var contradictions: [String] {
        var out: [String] = []
        let both = contains.filter { exclude.contains($0) }
        if !both.isEmpty { out.append("\(both.joined(separator: ", ")) both required and excluded") }
        if let allowed = elements {
            let notAllowed = contains.filter { !allowed.contains($0) }
            if !notAllowed.isEmpty { out.append("\(notAllowed.joined(separator: ", ")) required but not among the allowed elements") }
            let usable = allowed.filter { !exclude.contains($0) }.count
            if let lo = minElements, lo > usable { out.append("at least \(lo) elements required but only \(usable) allowed") }
        }
        if let hi = maxElements, contains.count > hi { out.append("\(contains.count) elements required but at most \(hi) allowed") }
        if let a = minElements, let b = maxElements, a > b { out.append("min_elements \(a) is above max_elements \(b)") }
        return out
    }

    /// Element symbols checked against the 118 elements, de-duplicated, in the order given.
    /// - Throws: `CompositionFilterError` naming every unknown symbol.
    /// - Complexity: O(k) for k symbols.
    public static func validated(_ symbols: [String], key: String) throws -> [String] {
        let trimmed = symbols.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        let unknown = trimmed.filter { !ChemicalElements.isSymbol($0) }
        if !unknown.isEmpty {
            let hints = unknown.map { u -> String in
                let fixed = u.prefix(1).uppercased() + u.dropFirst().lowercased()
                return ChemicalElements.isSymbol(fixed) && fixed != u ? "'\(u)' (did you mean \(fixed)?)" : "'\(u)'"
            }
            throw CompositionFilterError("\(key): \(hints.joined(separator: ", ")) \(unknown.count == 1 ? "is not an element symbol" : "are not element symbols") (symbols are case-sensitive: Na, Cl)")
        }
        return unique(trimmed)
    }

    static func unique(_ symbols: [String]) -> [String] {
        var seen: Set<String> = []
        return symbols.filter { seen.insert($0).inserted }
    }

    /// Symbols in atomic-number order.
    static func ordered<S: Sequence>(_ symbols: S) -> [String] where S.Element == String {
        symbols.sorted { (ChemicalElements.atomicNumber(of: $0) ?? 999, $0) < (ChemicalElements.atomicNumber(of: $1) ?? 999, $1) }
    }
}

extension CompositionFilter {
    /// The filter as typed on the command line: comma-separated symbol lists (`--contains Na,F`,
    /// `--elements …`, `--exclude …`) and element-count bounds.
    /// - Throws: `CompositionFilterError` whose message names the flag (`--min-elements 3 is above …`)
    ///   rather than the profile key.
    public init(flags contains: String?, elements: String?, exclude: String?, minElements: Int?, maxElements: Int?) throws {
        func list(_ text: String?) -> [String]? { text.map { $0.split(separator: ",").map(String.init) } }
        do {
            try self.init(contains: list(contains) ?? [], elements: list(elements), exclude: list(exclude) ?? [],
                          minElements: minElements, maxElements: maxElements)
        } catch let e as CompositionFilterError {
            // Every message starts with the profile key ("contains: …", "min_elements …").
            throw CompositionFilterError("--" + e.description.replacingOccurrences(of: "_", with: "-"))
        }
    }
}

/// A composition filter that cannot be built: an unknown element symbol, or bounds that
/// contradict each other.
public struct CompositionFilterError: Error, CustomStringConvertible, Equatable {
    /// The sentence printed after `error: `.
    public let description: String
    /// An error with this sentence.
    public init(_ description: String) { self.description = description }
}

extension CompositionFilterError: UserFacingError {}
