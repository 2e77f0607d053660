import ScreenCore
import ScreenNumerics
/// Young's modulus and Poisson's ratio derived from a bulk and a shear modulus of the same
/// source (isotropic relations E = 9KG/(3K + G), ν = (3K − 2G)/(2(3K + G))), so that the
/// review's Young's-modulus threshold (5.2 GPa, [64]) can be checked for the many candidates
/// whose only elastic data are Materials Project K and G. Stored as derived: the method says
/// so and the conditions name the inputs. The mapped import passes, besides a file's own values,
/// the candidate's stored K or G of the same source and method when the file gives only the
/// other one (`DescriptorStore.storedElasticPartners`), so that K and G of one data set shipped
/// as two files are paired too.
enum DerivedElasticity {
    static func measurements(for set: DescriptorSet) -> [Measurement] {
        var out: [Measurement] = []
        let byCandidate = Dictionary(grouping: set.measurements, by: \.candidate)
        for c in set.candidates {
            let ms = byCandidate[c.id] ?? []
            let bulk = ms.filter { $0.property == "bulk_modulus" && $0.qualifier == nil }
            let shear = ms.filter { $0.property == "shear_modulus" && $0.qualifier == nil }
            // Pair values that come from the same record (same source text), in file order.
            for k in bulk {
                guard let g = shear.first(where: { $0.source == k.source }) else { continue }
                let K = k.value, G = g.value
                guard K > 0, G > 0 else { continue }
                let e = 9 * K * G / (3 * K + G)
                let nu = (3 * K - 2 * G) / (2 * (3 * K + G))
                let inputs = "K = \(formatNumber(K)) GPa (\(k.method)), G = \(formatNumber(G)) GPa (\(g.method))"
                func derived(_ property: String, _ value: Double, _ unit: String, _ relation: String) -> Measurement {
                    Measurement(candidate: c.id, property: property, value: value, uncertainty: nil, rangeLow: nil, rangeHigh: nil,
                                qualifier: nil, valueFromRange: false, valueAsGiven: value, uncertaintyAsGiven: nil,
                                rangeLowAsGiven: nil, rangeHighAsGiven: nil, unitAsGiven: unit,
                                method: "derived: \(relation) from bulk and shear moduli",
                                conditions: inputs, conventionAsGiven: nil, source: k.source, location: k.location,
                                note: "derived value (isotropic polycrystal)", origin: "\(k.origin) + \(g.origin) (derived)")
                }
                out.append(derived("youngs_modulus", e, "GPa", "E = 9KG/(3K + G)"))
                if (-1.0...0.5).contains(nu) { out.append(derived("poisson_ratio", nu, "1", "ν = (3K − 2G)/(2(3K + G))")) }
            }
        }
        return out
    }
}
