import ScreenCore
import ScreenNumerics
import ScreenStore
/// The most favourable reaction between a composition and an element's metal (sodium by
/// default), as pymatgen's `InterfacialReactivity` computes it with normalised reactants: mix x
/// atoms of the composition with 1 − x atoms of the metal; the reaction energy per atom of the
/// mixture is  E(x) = hull(x·c + (1 − x)·metal) − x·e_c − (1 − x)·e_metal,  and the reported
/// value is its minimum over 0 ≤ x ≤ 1, with the phases formed there.
///
/// e_c is the lowest formation energy of the composition when that is negative (pymatgen's
/// ground-state choice), otherwise the hull energy at c; e_metal is 0 (the reference). So a
/// composition above the hull already "reacts" at x = 1 by decomposing, and an inert one has 0.
///
/// Codable as a shard writes it: `energy`, `mixing_ratio`, `products` (see StabilityReport+Codable.swift).
public struct OpenElementReaction: Sendable, Equatable, Codable {
    /// Minimum of E(x), eV per atom of the mixture; 0 means no reaction (then `products` is empty).
    public let energy: Double
    /// Atom fraction x of the composition in the mixture at the minimum.
    public let mixingRatio: Double
    /// Reduced formulas of the phases formed at the minimum (conventional spelling, e.g. NaF), sorted.
    public let products: [String]

    enum CodingKeys: String, CodingKey { case energy, mixingRatio = "mixing_ratio", products }
}

extension PhaseSpace {
    /// The reaction of `formula` with the metal of `open`.
    ///
    /// Method: one linear program over the stable compositions of the joint system with x as an
    /// extra variable: minimise Σⱼ λⱼ eⱼ − x·e_c subject to Σⱼ λⱼ xⱼ − x·(c − metal) = metal and
    /// 0 ≤ x ≤ 1, so the minimum over the mixing ratio is exact (no grid), and the λⱼ > 0 are the
    /// products.
    ///
    /// - Throws: `ThermodynamicsError` as `profile(of:open:)`.
    /// - Complexity: one LP solve (two when the composition has no entry of negative energy and
    ///   its hull energy is needed), on programs built once per system and open element.
    public func reaction(of formula: ChemicalFormula, with symbol: String = "Na") throws -> OpenElementReaction {
        let system = try self.system(of: formula, adding: [symbol])
        // `system(of:adding:)` above threw unless `symbol` has an element index.
        let open = index(of: symbol)!
        let programs = try openPrograms(system: system, open: open)
        let program = programs.reaction, columns = programs.reactionColumns
        let fractions = formula.atomicFractions
        program.setColumn(columns.count, coefficients: programs.reactionRows.map {
            -((fractions[symbols[$0]] ?? 0) - ($0 == open ? 1 : 0))
        })

        // e_c: the composition's own lowest energy when negative, else the hull at c.
        let own: Double
        if let c = composition(of: formula), compositions[c].minEnergy < -Self.formationEnergyTolerance {
            own = compositions[c].minEnergy
        } else {
            let hullSystem = try self.system(of: formula)
            let point = try hull(of: hullSystem).solve(fractions: hullSystem.indices.map { fractions[symbols[$0]] ?? 0 })
            own = point?.energy ?? 0
        }
        program.setCosts(columns.map { compositions[$0].minEnergy } + [-own])
        guard let solution = try program.solve() else {
            throw ThermodynamicsError("\(formula.text): no combination of stable phases of \(name(of: system)) has its composition")
        }
        let x = solution.values[columns.count]
        var energy = -x * own
        var products: Set<String> = []
        for (j, amount) in solution.values.prefix(columns.count).enumerated() where amount > Self.amountTolerance {
            energy += amount * compositions[columns[j]].minEnergy
            products.insert(self.formula(of: columns[j]))
        }
        guard energy < -Self.stabilityTolerance else { return OpenElementReaction(energy: 0, mixingRatio: 0, products: []) }
        return OpenElementReaction(energy: energy, mixingRatio: x, products: products.sorted())
    }
}
