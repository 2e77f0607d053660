import ScreenNumerics
/// One descriptor the database knows: its canonical unit, the units accepted on
/// import, its sign convention where one applies, and the physically possible range
/// used by `screen db check` and on import.
public struct Property: Sendable {
    /// The property's name (`band_gap`, `shear_modulus`), used in files and formulas.
    public let name: String
    /// The unit every stored value is converted to.
    public let canonicalUnit: Unit
    /// Accepted units, canonical first.
    public let units: [Unit]
    /// Non-nil for properties whose sign the literature uses both ways.
    public let hasSignConvention: Bool
    /// True for properties whose values are relative to a reference state that sources choose
    /// differently (`na_binding_energy`: an isolated Na atom or bulk sodium); each value records it.
    public let hasReferenceState: Bool
    /// Smallest and largest physically possible canonical value (inclusive).
    public let bounds: ClosedRange<Double>?
    /// A one-line meaning, shown in `screen db properties` and reports.
    public let meaning: String

    init(_ name: String, _ canonical: Unit, also others: [Unit] = [], signed: Bool = false, referenced: Bool = false,
         bounds: ClosedRange<Double>? = nil, _ meaning: String) {
        self.name = name
        self.canonicalUnit = canonical
        self.units = [canonical] + others
        self.hasSignConvention = signed
        self.hasReferenceState = referenced
        self.bounds = bounds
        self.meaning = meaning
    }

    /// The physical range in words: "≥ 0 GPa", "-1 … 0.5".
    public var boundsDescription: String {
        guard let b = bounds else { return "any value" }
        let unit = canonicalUnit.symbol == "1" ? "" : " \(canonicalUnit.symbol)"
        if b.upperBound == .greatestFiniteMagnitude { return "≥ \(formatForDisplay(b.lowerBound))\(unit)" }
        return "\(formatForDisplay(b.lowerBound)) … \(formatForDisplay(b.upperBound))\(unit)"
    }

    /// The accepted unit with this spelling (after typographic normalisation), if any.
    /// - Complexity: O(u + L) for u accepted units and L characters.
    public func unit(named raw: String) -> Unit? {
        let spelled = Unit.normalisedSpelling(raw)
        return units.first { $0.symbol == spelled }
    }
}
