import ScreenCore
import ScreenNumerics
import ScreenStore
/// Everything the thermodynamics stage says about one composition: how far its lowest-energy
/// entry lies above the convex hull and what it decomposes into, and its behaviour against an
/// open element's metal (sodium by default): phase evolution, stability window, products with the
/// metal, and the most favourable reaction with it.
public struct StabilityReport: Sendable {
    /// A phase of a decomposition with its atom fraction.
    /// Codable as a shard writes it: `formula`, `fraction` (see StabilityReport+Codable.swift).
    public struct Part: Sendable, Equatable, Codable {
        /// Reduced formula of the phase (conventional spelling).
        public let formula: String
        /// Atom fraction of the phase in the decomposition (fractions sum to 1).
        public let fraction: Double
    }

    /// Reduced formula in pymatgen's element order (`ChemicalFormula.conventionalFormula`).
    public let formula: String
    /// The lowest-energy entry of the composition; nil when no entry has it (then the hull is still
    /// known, but no energy above it).
    public let entry: String?
    /// Formation energy of that entry, eV/atom (relative to the elemental references).
    public let formationEnergy: Double?
    /// Energy above the hull of its own chemical system, eV/atom; 0 on the hull.
    public let energyAboveHull: Double?
    /// The stable phases the composition is equivalent to on the hull (itself when stable).
    public let decomposition: [Part]
    /// The composition is a vertex of the hull (stable within the stability tolerance).
    public let isStable: Bool
    /// The open element.
    public let openElement: String
    /// Phase evolution and stability window against the open element.
    public let profile: OpenElementProfile
    /// The most favourable reaction with the open element's metal.
    public let reaction: OpenElementReaction
}

extension StabilityReport {
    /// The report of `formula` from its parts.
    init(formula: ChemicalFormula, position: HullPosition, open: String, profile: OpenElementProfile, reaction: OpenElementReaction) {
        self.init(formula: formula.conventionalFormula, entry: position.entry, formationEnergy: position.formationEnergy,
                  energyAboveHull: position.energyAboveHull, decomposition: position.decomposition, isStable: position.isStable,
                  openElement: open, profile: profile, reaction: reaction)
    }
}

/// Where a composition lies relative to the convex hull of its own chemical system.
public struct HullPosition: Sendable {
    /// The lowest-energy entry of the composition; nil when no entry has it.
    public let entry: String?
    /// Formation energy of that entry, eV/atom (relative to the elemental references).
    public let formationEnergy: Double?
    /// Energy above the hull, eV/atom; 0 on the hull; nil without an entry.
    public let energyAboveHull: Double?
    /// The stable phases the composition is equivalent to on the hull, sorted by formula.
    public let decomposition: [StabilityReport.Part]
    /// A vertex of the hull (stable within the stability tolerance).
    public let isStable: Bool
}

extension PhaseSpace {
    /// The hull position of `formula`: one hull LP at most (none when its system's stability
    /// decision already placed it).
    ///
    /// - Throws: `ThermodynamicsError` when an element has no formation energies or no elemental
    ///   reference (the message names the formula and the element).
    /// - Complexity: one LP solve, after the stability decisions of the system's 2^k − 1
    ///   subsystems (k elements) on first use; memoised per `PhaseSpace` and shared per table.
    public func hullPosition(of formula: ChemicalFormula) throws -> HullPosition {
        let system = try self.system(of: formula)
        // A composition of the data has its hull point from its system's stability decision (the
        // value the stored energy_above_hull uses); any other formula one LP on the system's hull.
        let known = try composition(of: formula).map { try hullPoint(of: $0) } ?? nil
        let fractions = formula.atomicFractions
        guard let point = try known ?? {
            let hull = try hull(of: system)
            return try hull.solve(fractions: hull.rowElements.map { fractions[symbols[$0]] ?? 0 })
        }() else {
            throw ThermodynamicsError("\(formula.text): no combination of stable phases of \(name(of: system)) has its composition")
        }
        return try position(of: composition(of: formula), at: point)
    }

    /// The hull position of composition `c` (nil: a formula no entry has) at its hull point `point`.
    func position(of c: Int?, at point: HullPoint) throws -> HullPosition {
        var entry: String? = nil, energy: Double? = nil, above: Double? = nil, stable = false
        if let c {
            stable = try isStable(c)
            let e = compositions[c].minEntry
            entry = entries[e].id
            energy = energies[e]
            above = max(0, energies[e] - point.energy)
        }
        let parts = point.decomposition
            .map { StabilityReport.Part(formula: self.formula(of: $0.composition), fraction: $0.fraction) }
            .sorted { $0.formula < $1.formula }
        return HullPosition(entry: entry, formationEnergy: energy, energyAboveHull: above, decomposition: parts, isStable: stable)
    }

    /// The full report for `formula` against `open`.
    ///
    /// - Throws: `ThermodynamicsError` when an element has no formation energies or no elemental
    ///   reference (the message names the formula and the element), or when the formula is the open
    ///   element itself.
    /// - Complexity: `hullPosition(of:)` + `profile(of:open:)` + `reaction(of:with:)`: at most
    ///   2s + 3 LP solves for a profile of s steps.
    public func report(for formula: ChemicalFormula, open: String = "Na") throws -> StabilityReport {
        StabilityReport(formula: formula, position: try hullPosition(of: formula), open: open,
                        profile: try profile(of: formula, open: open), reaction: try reaction(of: formula, with: open))
    }
}

extension PhaseSpace {
    /// One formula per reduced composition of the entries that `filter` accepts, the open element
    /// itself left out, sorted by the printed (conventional) formula.
    /// - Complexity: O(C log C) for C compositions.
    public func formulas(matching filter: CompositionFilter, leavingOut open: String? = nil) -> [ChemicalFormula] {
        var result: [(key: String, formula: ChemicalFormula)] = []
        for (i, c) in compositions.enumerated() {
            let formula = entries[c.minEntry].formula
            guard filter.accepts(formula), formula.elements != [open] else { continue }
            result.append((self.formula(of: i), formula))
        }
        return result.sorted { $0.key < $1.key }.map(\.formula)
    }

    /// Reports for many formulas, in the order given.
    ///
    /// - Throws: the first formula's `ThermodynamicsError`.
    /// - Complexity: one `report(for:open:)` per formula, on one thread.
    public func reports(for formulas: [ChemicalFormula], open: String = "Na") throws -> [StabilityReport] {
        try formulas.map { try report(for: $0, open: open) }
    }
}
