import Foundation
import ScreenCore
import ScreenNumerics
import ScreenStore

/// The stability descriptors stored in the database, derived from its formation energies:
///
/// - `energy_above_hull` (eV/atom) for every formation-energy entry, with its decomposition;
/// - against sodium metal, for every composition containing sodium and every sodium-free
///   element or binary (the coatings: Al2O3, LiF, Sn …), on the composition's lowest-energy entry:
///   `reaction_energy_with_na` (eV per atom of the mixture, 0 = inert) with its products,
///   `reduction_onset_vs_na` (V vs Na/Na+: the highest voltage at which the composition, or off its
///   hull the phases it decomposes into, takes up sodium; 0 = sodium metal does not reduce them),
///   and for compositions on the hull `reduction_limit_vs_na` and `oxidation_limit_vs_na` (V vs
///   Na/Na+; no oxidation limit when nothing above the reduction limit decomposes it);
/// - beside them, for the same compositions, the whole `StabilityReport` (decomposition, phase
///   evolution, window, reaction and their products) in the store's `stability_reports`, so that a
///   report shows the products these values were derived with without solving the hulls again.
///
/// Recomputed from scratch whenever formation energies are added, since one new entry can
/// change every hull it belongs to; the old derived values are replaced in one transaction.
public enum StabilityDescriptors {
    /// The method of every value this derives (the key by which old values are replaced).
    public static let method = "derived: convex hull of formation energies (linear programs, GLPK)"
    /// The five properties `refresh` derives and replaces.
    public static let properties = ["energy_above_hull", "reduction_limit_vs_na", "oxidation_limit_vs_na", "reaction_energy_with_na",
                                    "reduction_onset_vs_na"]
    /// Sodium-free compositions with at most this many elements get the sodium descriptors too.
    public static let sodiumFreeMaxElements = 2

    /// What `refresh` did.
    public struct Summary: Sendable {
        /// Formation-energy values read.
        public let entries: Int
        /// Distinct reduced compositions among them.
        public let compositions: Int
        /// Compositions on the hull of their own system.
        public let stable: Int
        /// Compositions given a window and a reaction energy against sodium metal.
        public let analysedAgainstSodium: Int
        /// Derived values written.
        public let stored: Int
        /// Derived values of an earlier refresh deleted first.
        public let replaced: Int
    }

    /// Recomputes and stores every stability descriptor of `store`, in a transaction of its own.
    /// (An import of formation energies does this inside its own transaction: `EarlyStart`.)
    ///
    /// - Throws: `ThermodynamicsError` when the database has no formation energies or one cannot be
    ///   placed on a hull; nothing is written then.
    /// - Complexity: one hull LP per composition, and for each composition analysed against sodium
    ///   2k + 2 LPs for a profile with k steps.
    @discardableResult
    public static func refresh(store: DescriptorStore, threads: Int? = nil) throws -> Summary {
        try Computation(values: try store.values(of: "formation_energy"), threads: threads).write(to: store)
    }

    /// The compositions of `table` in the order they are analysed and written — those of one
    /// chemical system together, smaller systems first — and the number of each one's system
    /// (systems are dealt out to the workers in turn, so that a worker meets each system's stability
    /// decisions once).
    /// - Complexity: O(C log C) for C compositions.
    static func schedule(_ table: PhaseSpace.Table) -> (order: [Int], systemNumber: [Int]) {
        let compositions = table.compositions
        let order = compositions.indices.sorted {
            let a = compositions[$0].elements, b = compositions[$1].elements
            return (a.count, a.high, a.low, $0) < (b.count, b.high, b.low, $1)
        }
        var numbers: [Int] = []
        numbers.reserveCapacity(order.count)
        for (k, c) in order.enumerated() {
            let newSystem = k == 0 || compositions[order[k - 1]].elements != compositions[c].elements
            numbers.append((numbers.last ?? -1) + (newSystem ? 1 : 0))
        }
        return (order, numbers)
    }

    /// What one composition contributes.
    struct CompositionResult: Sendable {
        var measurements: [ScreenCore.Measurement] = []
        var isStable = false
        var againstSodium = false
        /// The whole `StabilityReport` against sodium, for the compositions analysed against it.
        var report: StoredStabilityReport? = nil
    }

    /// The descriptors of composition `c`: energy above the hull of each of its entries and, within
    /// the scope against sodium, the window and reaction energy on its lowest-energy entry, with the
    /// whole report (`StoredStabilityEntry.json(of:)`) that a report of a screening reads back.
    static func analyse(_ c: Int, in space: PhaseSpace, values: [PropertyValue]) throws -> CompositionResult {
        let open = "Na"
        let composition = space.compositions[c]
        guard let point = try space.hullPoint(of: c) else {
            throw ThermodynamicsError("\(space.formula(of: c)): no combination of stable phases of \(space.name(of: composition.elements)) has its composition")
        }
        var result = CompositionResult()
        result.isStable = try space.isStable(c)
        let decomposition = point.decomposition
            .map { "\(formatForDisplay($0.fraction, significant: 6)) \(space.formula(of: $0.composition))" }
            .sorted().joined(separator: " + ")
        for e in composition.entries {
            let above = max(0, space.energies[e] - point.energy)
            let conditions = above == 0 && result.isStable && e == composition.minEntry
                ? "on the hull of \(space.name(of: composition.elements)) (stable)"
                : "decomposes into \(decomposition) (atom fractions) on the hull of \(space.name(of: composition.elements)); formation energy \(formatNumber(space.energies[e])) eV/atom"
            result.measurements.append(derived(values[e], "energy_above_hull", above, unit: "eV/atom", conditions: conditions))
        }

        // Against sodium metal.
        guard let sodium = space.index(of: open), composition.elements != ElementSet([sodium]),
              composition.elements.contains(sodium) || composition.elements.count <= sodiumFreeMaxElements else { return result }
        result.againstSodium = true
        let entry = values[composition.minEntry]
        let formula = space.entries[composition.minEntry].formula
        let profile = try space.profile(of: formula, open: open)
        let reaction = try space.reaction(of: formula, with: open)
        let steps = profile.steps.map { "\(formatForDisplay($0.voltage, significant: 4)) V: \($0.products.joined(separator: " + "))" }
            .joined(separator: "; ")
        let withMetal = "in equilibrium with Na metal: \(profile.productsAtMetal.joined(separator: " + ")); phase evolution vs Na/Na+: \(steps)"
        if let window = profile.window {
            result.measurements.append(derived(entry, "reduction_limit_vs_na", window.low, unit: "V",
                conditions: "stable from \(formatNumber(window.low)) V\(window.high.map { " to \(formatNumber($0)) V" } ?? " upwards (no oxidation limit from Na removal)"); \(withMetal)"))
            if let high = window.high {
                result.measurements.append(derived(entry, "oxidation_limit_vs_na", high, unit: "V",
                    conditions: "stable from \(formatNumber(window.low)) V to \(formatNumber(high)) V; \(withMetal)"))
            }
        }
        let onset = profile.reductionOnset
        result.measurements.append(derived(entry, "reduction_onset_vs_na", onset, unit: "V",
            conditions: (onset > 0 ? "sodium metal reduces it: it takes up Na below \(formatNumber(onset)) V" : "sodium metal does not reduce it")
                + (result.isStable ? "" : " (off its hull: the phases it decomposes into, \(decomposition))") + "; \(withMetal)"))
        let reactionText = reaction.energy < 0
            ? "most negative at \(formatForDisplay(reaction.mixingRatio, significant: 6)) atom fraction of the compound, forming \(reaction.products.joined(separator: " + "))"
            : "no reaction with Na metal"
        result.measurements.append(derived(entry, "reaction_energy_with_na", reaction.energy, unit: "eV/atom",
                                           conditions: "\(reactionText); \(withMetal)"))
        let report = StabilityReport(formula: formula, position: try space.position(of: c, at: point), open: open,
                                     profile: profile, reaction: reaction)
        result.report = (composition: composition.key, openElement: open, json: StoredStabilityEntry.json(of: report))
        return result
    }

    private static func derived(_ input: PropertyValue, _ property: String, _ value: Double, unit: String, conditions: String) -> ScreenCore.Measurement {
        ScreenCore.Measurement(
            candidate: input.candidate, property: property, value: value, uncertainty: nil,
            rangeLow: nil, rangeHigh: nil, qualifier: nil, valueFromRange: false, valueAsGiven: value,
            uncertaintyAsGiven: nil, rangeLowAsGiven: nil, rangeHighAsGiven: nil, unitAsGiven: unit,
            method: method, conditions: conditions, conventionAsGiven: nil, source: input.source, location: nil,
            note: "derived from the database's formation energies (\(input.method)); compare only energies on one correction scheme",
            origin: "derived: screen stability")
    }
}
