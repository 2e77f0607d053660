import ScreenCore
import ScreenNumerics
import ScreenStore
extension PhaseSpace {
    /// The formation energies of a descriptor database (property `formation_energy`), one entry per
    /// value, named by its candidate id.
    ///
    /// - Throws: `ThermodynamicsError` when the database has no formation energies, or a value's
    ///   candidate has no formula that parses.
    /// - Complexity: one database query, then as `init(values:)`.
    public convenience init(store: DescriptorStore) throws {
        try self.init(values: try store.values(of: "formation_energy"))
    }

    /// Entries from formation-energy values (as `DescriptorStore.values(of:)` returns them), in order.
    ///
    /// - Throws: `ThermodynamicsError` for an empty list, a value without a formula or with one that
    ///   does not parse, and `init(entries:)`'s errors.
    /// - Complexity: O(N) for N values, each distinct formula text parsed once.
    public convenience init(values: [PropertyValue]) throws {
        guard !values.isEmpty else {
            throw ThermodynamicsError("the database has no formation energies (property formation_energy); import some first, e.g. screen db import Descriptors/computed/mp-formation-energies.csv --mapping Descriptors/mappings/mp-formation-energies.yaml")
        }
        var entries: [PhaseEntry] = []
        entries.reserveCapacity(values.count)
        var parsed: [String: ChemicalFormula] = [:]
        for v in values {
            guard let text = v.formula else {
                throw ThermodynamicsError("candidate \(v.candidate) has a formation energy but no formula")
            }
            let formula: ChemicalFormula
            if let known = parsed[text] {
                formula = known
            } else {
                do { formula = try ChemicalFormula(text) } catch {
                    throw ThermodynamicsError("candidate \(v.candidate): formula '\(text)' does not parse: \(error)")
                }
                parsed[text] = formula
            }
            entries.append(PhaseEntry(id: v.candidate, formula: formula, formationEnergyPerAtom: v.value))
        }
        try self.init(entries: entries)
    }
}
