import ScreenNumerics
/// One value of one property for one candidate, as the source gave it and in the
/// property's canonical unit and sign convention. Several measurements of the same
/// property for the same candidate are all kept.
public struct Measurement: Sendable, Equatable {
    /// The candidate id.
    public let candidate: String
    /// The property name (`PropertyCatalogue`).
    public let property: String
    /// Canonical value (the range's midpoint when the source gave only a range).
    public let value: Double
    /// Canonical ± uncertainty.
    public let uncertainty: Double?
    /// Canonical range, low ≤ high (a sign-convention switch swaps the ends).
    public let rangeLow: Double?
    /// Upper end of the canonical range.
    public let rangeHigh: Double?
    /// `~`, `<`, `>`, `<=`, `>=` as the source printed it; a bound (`<`, `>`, …) is not a value.
    public let qualifier: Qualifier?
    /// True when `value` is the midpoint of a range rather than a stated value.
    public let valueFromRange: Bool
    /// The value as printed, in `unitAsGiven` and the source's sign convention.
    public let valueAsGiven: Double?
    /// The ± as printed.
    public let uncertaintyAsGiven: Double?
    /// The range's low end as printed.
    public let rangeLowAsGiven: Double?
    /// The range's high end as printed.
    public let rangeHighAsGiven: Double?
    /// The unit as printed (`mS/cm`, `kJ/mol`).
    public let unitAsGiven: String
    /// How it was obtained (`experiment`, `DFT-PBE (MP)`, `derived: …`, `not stated`).
    public let method: String
    /// Conditions of the measurement or calculation, and the inputs of a derived value.
    public let conditions: String?
    /// The source's sign convention, for properties with one.
    public let conventionAsGiven: SignConvention?
    /// What a binding energy is relative to (`na_binding_energy` only; nil for other properties).
    public var referenceState: ReferenceState? = nil
    /// The source: the review's reference (`[62]`) or a file, repository or paper.
    public let source: String
    /// Where in the source (`Section 2.1`, `Table 1`).
    public let location: String?
    /// A remark on the value.
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

    /// What kind of value it is, read from its method (`ValueKind(method:)`).
    public var kind: ValueKind { ValueKind(method: method) }

    /// The property's canonical unit symbol (the unit as given for an unknown property).
    public var canonicalUnit: String {
        PropertyCatalogue.property(named: property)?.canonicalUnit.symbol ?? unitAsGiven
    }
}
