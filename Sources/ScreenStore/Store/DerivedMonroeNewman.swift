import ScreenCore
import ScreenNumerics
/// The Monroe–Newman ratio G/G_Na: a layer whose shear modulus is about twice sodium metal's
/// or more suppresses dendrites (Monroe & Newman, J. Electrochem. Soc. 152, A396 (2005)). One
/// derived value per shear-modulus measurement (without qualifier) of a candidate.
///
/// G_Na is the LARGEST shear modulus in the database of the candidate whose formula is exactly
/// `Na` (the bundled database has 3.3 GPa and 2.53 GPa from two handbooks): the largest makes
/// the ratio smallest, the conservative choice, and matches the 6.6 GPa = 2 × 3.3 GPa limit of
/// `Descriptors/profiles/sei.yaml`. The conditions name G_Na, its source, and the other values.
enum DerivedMonroeNewman {
    static let method = "derived: Monroe–Newman ratio G/G_Na"

    /// The sodium-metal shear modulus used as G_Na, and the values not used.
    struct Reference: Sendable, Equatable {
        struct Value: Sendable, Equatable {
            let value: Double
            let method: String
            let source: String
        }
        let chosen: Value
        let others: [Value]

        /// The largest of `values`; nil when there are none.
        init?(values: [Value]) {
            let usable = values.filter { $0.value > 0 && $0.value.isFinite }
            guard let best = usable.max(by: { $0.value < $1.value }) else { return nil }
            chosen = best
            var rest = usable
            rest.remove(at: rest.firstIndex(of: best)!)
            others = rest
        }

        var description: String {
            var s = "G_Na = \(formatNumber(chosen.value)) GPa (sodium metal, \(chosen.method); source: \(chosen.source))"
            if others.isEmpty {
                s += ", the only shear modulus of Na in the database"
            } else {
                let list = others.map { "\(formatNumber($0.value)) GPa (\($0.method); source: \($0.source))" }
                s += ", the largest of the \(others.count + 1) shear moduli of Na in the database (the conservative choice; also: \(list.joined(separator: "; ")))"
            }
            return s
        }
    }

    /// G_Na from the candidates of `set` whose formula is exactly `Na`.
    static func reference(in set: DescriptorSet) -> Reference? {
        let sodium = Set(set.candidates.filter { $0.formula == "Na" }.map(\.id))
        return Reference(values: set.measurements
            .filter { sodium.contains($0.candidate) && $0.property == "shear_modulus" && $0.qualifier == nil }
            .map { Reference.Value(value: $0.value, method: $0.method, source: $0.source) })
    }

    /// The ratios for the candidates of a descriptor set (at `db build`).
    static func measurements(for set: DescriptorSet) -> [Measurement] {
        guard let reference = reference(in: set) else { return [] }
        return measurements(shear: set.measurements, reference: reference)
    }

    /// One ratio per shear-modulus measurement (without qualifier) among `shear`.
    static func measurements(shear: [Measurement], reference: Reference) -> [Measurement] {
        let gNa = reference.chosen.value
        return shear.compactMap { g -> Measurement? in
            guard g.property == "shear_modulus", g.qualifier == nil, g.value.isFinite, g.value >= 0 else { return nil }
            let ratio = g.value / gNa
            return Measurement(
                candidate: g.candidate, property: "monroe_newman_ratio", value: ratio, uncertainty: nil,
                rangeLow: nil, rangeHigh: nil, qualifier: nil, valueFromRange: false, valueAsGiven: ratio,
                uncertaintyAsGiven: nil, rangeLowAsGiven: nil, rangeHighAsGiven: nil, unitAsGiven: "1",
                method: method,
                conditions: "G = \(formatNumber(g.value)) GPa (\(g.method)); \(reference.description)",
                conventionAsGiven: nil, source: g.source, location: g.location,
                note: "derived value; about 2 or more suppresses dendrites (Monroe-Newman)", origin: "\(g.origin) (derived)")
        }
    }
}
