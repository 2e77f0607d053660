import ScreenNumerics
/// What an energy of Na binding is measured against. The review mixes scales in one
/// quantity: some binding energies are relative to an isolated (gas-phase) Na atom
/// (E_b = E(surface) + E(Na atom) − E(surface + Na)), others to bulk sodium metal
/// (E_ads = E(surface + Na) − E(surface) − μ_Na(bcc)). The two differ by sodium's cohesive
/// energy per atom, so a value on one scale is not comparable with a value on the other: pristine
/// graphene binds Na by 0.95 eV on the first ([182]) and is unfavourable by +0.38…+0.72 eV on the
/// second ([175]). Every `na_binding_energy` records its reference state; a profile criterion
/// ranks on one of them.
public enum ReferenceState: String, CaseIterable, Sendable {
    /// Relative to an isolated (gas-phase) Na atom.
    case isolatedAtom = "isolated_atom"
    /// Relative to bulk sodium metal (the chemical potential of bcc Na).
    case bulkSodium = "bulk_sodium"
    /// The source does not say, or states a quantity of another kind (the review's [183] gives
    /// the adsorption energy of a Na⁺ ion); never compared with either scale.
    case notStated = "not_stated"

    /// The states a profile criterion can rank on (`not_stated` is not a scale).
    public static let scales: [ReferenceState] = [.isolatedAtom, .bulkSodium]

    static var spelledOut: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
