/// One value of one property for one candidate, as the source gave it and in the
/// property's canonical unit and sign convention. Several measurements of the same
/// property for the same candidate are all kept.
public struct Measurement: Sendable, Equatable {
    public let candidate: String
    public let property: String
    /// Canonical value (the range's midpoint when the source gave only a range).
    public let value: Double
    /// Canonical ± uncertainty.
    public let uncertainty: Double?
    /// Canonical range, low ≤ high (a sign-convention switch swaps the ends).
    public let rangeLow: Double?
    public let rangeHigh: Double?
    public let qualifier: Qualifier?
    /// True when `value` is the midpoint of a range rather than a stated value.
    public let valueFromRange: Bool
    public let valueAsGiven: Double?
    public let uncertaintyAsGiven: Double?
    public let rangeLowAsGiven: Double?
    public let rangeHighAsGiven: Double?
    public let unitAsGiven: String
    public let method: String
    public let conditions: String?
    public let conventionAsGiven: SignConvention?
    /// What a binding energy is relative to (`na_binding_energy` only; nil for other properties).
    public var referenceState: ReferenceState? = nil
    public let source: String
    public let location: String?
    public let note: String?
    /// Where it came from: `file:line`.
    public let origin: String

    public var canonicalUnit: String {
        PropertyCatalogue.property(named: property)?.canonicalUnit.symbol ?? unitAsGiven
    }
}
