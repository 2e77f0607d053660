import ScreenNumerics
/// How a source signs an energy of Na binding. The literature (and the review itself)
/// mixes both, so the database stores one convention and records the source's.
public enum SignConvention: String, CaseIterable, Sendable {
    /// "Binding energy": positive means stronger binding.
    case bindingPositive = "binding_positive"
    /// "Adsorption energy": negative means favourable adsorption. The canonical convention.
    case adsorptionNegative = "adsorption_negative"

    /// The stored (adsorption, negative = favourable) value for a value given in this convention.
    public func toCanonical(_ value: Double) -> Double {
        self == .adsorptionNegative ? value : -value
    }

    /// The value in this convention for a stored (adsorption) value.
    public func fromCanonical(_ value: Double) -> Double {
        self == .adsorptionNegative ? value : -value
    }
}
