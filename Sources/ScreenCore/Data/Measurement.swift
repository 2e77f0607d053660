import ScreenNumerics
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

    /// Every stored property, in declaration order (the memberwise initialiser, made public for the later stages).
    public init(candidate: String, property: String, value: Double, uncertainty: Double?, rangeLow: Double?, rangeHigh: Double?, qualifier: Qualifier?, valueFromRange: Bool, valueAsGiven: Double?, uncertaintyAsGiven: Double?, rangeLowAsGiven: Double?, rangeHighAsGiven: Double?, unitAsGiven: String, method: String, conditions: String?, conventionAsGiven: SignConvention?, referenceState: ReferenceState? = nil, source: String, location: String?, note: String?, origin: String) {
        self.candidate = candidate
        self.property = property
        self.value = value
        self.uncertainty = uncertainty
        self.rangeLow = rangeLow
        self.rangeHigh = rangeHigh
        self.qualifier = qualifier
        self.valueFromRange = valueFromRange
        self.valueAsGiven = valueAsGiven
        self.uncertaintyAsGiven = uncertaintyAsGiven
        self.rangeLowAsGiven = rangeLowAsGiven
        self.rangeHighAsGiven = rangeHighAsGiven
        self.unitAsGiven = unitAsGiven
        self.method = method
        self.conditions = conditions
        self.conventionAsGiven = conventionAsGiven
        self.referenceState = referenceState
        self.source = source
        self.location = location
        self.note = note
        self.origin = origin
    }

    public var canonicalUnit: String {
        PropertyCatalogue.property(named: property)?.canonicalUnit.symbol ?? unitAsGiven
    }
}
