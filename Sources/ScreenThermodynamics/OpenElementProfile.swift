import ScreenCore
import ScreenNumerics
import ScreenStore
/// One step of the phase evolution of a composition in contact with a reservoir of an open
/// element (sodium metal by default): from `voltage` upwards (vs the element's metal/ion couple,
/// V = −μ relative to the element's reference), until the next step's voltage, the composition
/// plus or minus `evolution` atoms of the open element per formula unit is `products`.
///
/// Codable as a shard writes it: `voltage`, `evolution`, `products` (see StabilityReport+Codable.swift).
public struct ElementProfileStep: Sendable, Equatable, Codable {
    /// V vs the open element's metal (−Δμ in eV per atom, i.e. volts for a singly charged ion).
    public let voltage: Double
    /// Atoms of the open element taken up (positive) or given off (negative) per reduced formula unit.
    public let evolution: Double
    /// Reduced formulas of the phases in equilibrium (conventional spelling, e.g. NaF), sorted.
    public let products: [String]
}

/// The phase evolution of one composition against an open element, as pymatgen's
/// `PhaseDiagram.get_element_profile` gives it, and what follows from it: the stability window
/// of the composition and the products in equilibrium with the element's metal.
///
/// Method: fix the amounts of the other elements at those of one formula unit and let the open
/// element's amount n vary. The lowest energy G(n) over the hull is convex and piecewise linear;
/// its kinks are the phase assemblages met on the way, and the slope between two kinks is the
/// chemical potential μ at which one turns into the next. At a given μ the grand-potential
/// linear program  min Σⱼ λⱼ (eⱼ − μ·xⱼ,open)  over the stable compositions (the open element's
/// metal left out) returns the kink in equilibrium at μ. The kinks are found by bisecting in μ
/// between known kinks a and b: at μ* = (G_a − G_b)/(n_a − n_b), either a kink lies strictly below
/// the line through a and b (a new kink, recurse on both sides) or a and b are neighbours and μ*
/// is their transition. Each kink costs one LP solve.
///
/// - Complexity: 2k + 1 LP solves for k kinks.
public struct OpenElementProfile: Sendable {
    /// Steps from the open element's metal (voltage 0) to the composition without the element.
    public let steps: [ElementProfileStep]
    /// [low, high] in volts where the composition itself is the equilibrium phase; nil when it is not
    /// on the hull. `high` is nil when nothing above `low` decomposes it (it holds no open element).
    public let window: (low: Double, high: Double?)?
    /// The phases in equilibrium with the open element's metal (the first step).
    public var productsAtMetal: [String] { steps.first?.products ?? [] }
    /// The reduction onset (`reductionOnset(of:)` of `steps`): 0 when the metal does not reduce the
    /// composition; for a composition on its hull, the window's low end.
    public var reductionOnset: Double { Self.reductionOnset(of: steps) }

    /// The highest voltage at which the composition — or, off its hull, the phases it decomposes
    /// into — takes up the open element (V vs the metal): the voltage of the first step, counted
    /// from the metal, that holds no more of the element than the composition itself. 0 when the
    /// composition's own phases are in equilibrium with the metal, i.e. the metal does not reduce
    /// them; for a composition on its hull it is the window's low end.
    ///
    /// Why not the window: an off-hull composition has none, yet a screen of metastable compounds
    /// must still tell one that only decomposes into phases the metal leaves alone (KNaCl2 → KCl +
    /// NaCl) from one whose phases the metal reduces (NaCa4B3O9 → CaB6 + …); and why not the reaction
    /// energy with the metal: for an off-hull composition it includes the energy of decomposing on
    /// its own (pymatgen's `InterfacialReactivity` with the entry's energy), so a tolerance on it
    /// admits compounds the metal does reduce. This is the same test as pymatgen's
    /// `InterfacialReactivity(..., use_hull_energy=True)` finding no reaction.
    ///
    /// - Parameter steps: a profile's steps, from the metal (voltage 0) down to the composition
    ///   without the element; `evolution` relative to the composition (as `profile(of:open:)` gives).
    /// - Complexity: O(s) for s steps. An empty list (no profile) gives 0.
    public static func reductionOnset(of steps: [ElementProfileStep]) -> Double {
        steps.first { $0.evolution <= PhaseSpace.amountTolerance }?.voltage ?? 0
    }
}

extension PhaseSpace {
    /// A kink of G(n): n atoms of the open element per formula unit, energy G (eV per formula
    /// unit), and the compositions with their atoms per formula unit.
    private struct Kink {
        let n: Double
        let energy: Double
        let parts: [(composition: Int, atoms: Double)]
    }

    /// The grand-potential program of `formula`'s system against `open`, its right-hand side set
    /// to one formula unit of `formula` without the open element.
    private func grandProgram(of formula: ChemicalFormula, open symbol: String) throws -> (programs: OpenElementPrograms, system: ElementSet) {
        let system = try self.system(of: formula, adding: [symbol])
        // `system(of:adding:)` above threw unless `symbol` has an element index.
        let open = index(of: symbol)!
        guard formula.elements != [symbol] else {
            throw ThermodynamicsError("\(formula.text) is the open element \(symbol) itself: it has no profile against \(symbol)")
        }
        let programs = try openPrograms(system: system, open: open)
        let reduced = formula.reducedAmounts
        programs.grand.setRightHandSide(programs.grandRows.map { reduced[symbols[$0]] ?? 0 })
        return (programs, system)
    }

    /// The kink of G(n) in equilibrium at chemical potential `mu` (the program's right-hand side set).
    private func kink(at mu: Double, _ programs: OpenElementPrograms, formula: ChemicalFormula, system: ElementSet) throws -> Kink {
        let program = programs.grand, openFraction = programs.openFraction, energy = programs.grandEnergy
        program.setCosts(zip(energy, openFraction).map { $0 - mu * $1 })
        guard let solution = try program.solve() else {
            throw ThermodynamicsError("\(formula.text): no combination of stable phases of \(name(of: system)) has its composition")
        }
        var n = 0.0, g = 0.0
        var parts: [(composition: Int, atoms: Double)] = []
        for (j, x) in solution.values.enumerated() where x > Self.amountTolerance {
            n += x * openFraction[j]
            g += x * energy[j]
            parts.append((programs.grandColumns[j], x))
        }
        return Kink(n: n, energy: g, parts: parts)
    }

    /// The phase evolution of `formula` against `open` (default sodium).
    ///
    /// - Throws: `ThermodynamicsError` when an element of the formula or the open element has no
    ///   formation energies or no elemental reference, or when the formula is the open element itself.
    /// - Complexity: at most 2s LP solves for a profile of s steps (2s − 1 when s ≥ 2), each
    ///   warm-started on the system's grand-potential program, built once per system and open element.
    public func profile(of formula: ChemicalFormula, open symbol: String = "Na") throws -> OpenElementProfile {
        let (programs, system) = try grandProgram(of: formula, open: symbol)
        let reduced = formula.reducedAmounts
        func kink(at mu: Double) throws -> Kink { try self.kink(at: mu, programs, formula: formula, system: system) }

        // The Na-rich end (μ = 0, the metal) and the Na-free end (μ far below any formation energy).
        let top = try kink(at: 0)
        let bottomMu = -1000.0
        let bottom = try kink(at: bottomMu)
        var kinks: [Kink] = [top]
        var transitions: [Double] = []
        func refine(_ a: Kink, _ b: Kink) throws {
            guard a.n - b.n > Self.amountTolerance else { return }
            let mu = (a.energy - b.energy) / (a.n - b.n)
            let c = try kink(at: mu)
            let onLine = a.energy - mu * a.n
            if c.energy - mu * c.n < onLine - Self.stabilityTolerance * max(1, a.n),
               c.n < a.n - Self.amountTolerance, c.n > b.n + Self.amountTolerance {
                try refine(a, c)
                try refine(c, b)
            } else {
                transitions.append(mu)
                kinks.append(b)
            }
        }
        try refine(top, bottom)

        let own = reduced[symbol] ?? 0
        var steps: [ElementProfileStep] = []
        for (k, kink) in kinks.enumerated() {
            let mu = k == 0 ? 0 : transitions[k - 1]
            let products = Array(Set(kink.parts.map { self.formula(of: $0.composition) })).sorted()
            steps.append(ElementProfileStep(voltage: mu == 0 ? 0 : -mu, evolution: kink.n - own, products: products))
        }

        // The window: the step whose only phase is the composition itself (when it is stable).
        var window: (low: Double, high: Double?)? = nil
        if let c = composition(of: formula),
           try isStable(c),
           let k = kinks.firstIndex(where: { $0.parts.count == 1 && $0.parts[0].composition == c }) {
            window = (steps[k].voltage, k + 1 < steps.count ? steps[k + 1].voltage : nil)
        }
        return OpenElementProfile(steps: steps, window: window)
    }
}
