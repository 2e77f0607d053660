import Foundation
import ScreenCore
import ScreenStore

/// `screen db import FILE --mapping MAP.yaml` as one step of the pipeline: the import, and when the
/// mapping brings formation energies the stability descriptors recomputed (a new entry can change
/// every hull it joins). Why here: the thermodynamics stage is the first that knows both.
public struct MappedImportRun: Sendable {
    /// What the import read and wrote: rows, new and merged candidates, measurements, derived values.
    public let summary: MappedImportSummary
    /// Wall-clock time of loading the mapping and importing, in seconds.
    public let seconds: Double
    /// nil when the mapping has no `formation_energy`.
    public let stability: StabilityDescriptors.Summary?
    /// Wall-clock time of the hull computation, from its start during the import to its last
    /// result, in seconds (0 when there was none): it runs beside the import, inside `seconds`.
    public let stabilitySeconds: Double
    /// The path of the database imported into, as the store reports it, for the summary line.
    public let databasePath: String

    /// Loads the mapping, imports its data file (`dataFile`, else the mapping's `file:`) and
    /// refreshes the stability descriptors when needed, in the import's transaction. The store is
    /// opened (`openStore`) only once the mapping and its data file are found good, so a bad
    /// mapping builds no database.
    /// - Throws: the mapping's and the import's `DescriptorProblems`, and `ThermodynamicsError`
    ///   from the hulls; either way nothing is written (the import and the stability values are one
    ///   transaction).
    public static func run(mapping: URL, dataFile: String?, elementsFolder: URL?, openStore: () throws -> DescriptorStore) throws -> MappedImportRun {
        let start = Date()
        let map = try ImportMapping.load(mapping)
        let file = try map.dataFile(given: dataFile)
        let store = try openStore()
        guard map.properties.contains(where: { $0.property.name == "formation_energy" }) else {
            let summary = try store.importMapped(file: file, mapping: map, elementsFolder: elementsFolder)
            return MappedImportRun(summary: summary, seconds: Date().timeIntervalSince(start), stability: nil,
                                   stabilitySeconds: 0, databasePath: store.path)
        }
        // The hulls are computed from the formation energies read ahead from the file, beside the
        // rest of the import (its rows and derived values), and written by the import, last, in its
        // transaction.
        let early = StabilityDescriptors.EarlyStart()
        let summary: MappedImportSummary
        do {
            summary = try store.importMapped(file: file, mapping: map, elementsFolder: elementsFolder, early: early.values)
        } catch {
            early.cancel()
            throw error
        }
        // The import wrote every value (it hands its values over before it writes the rows).
        guard let computation = early.computation else { preconditionFailure("an import of formation energies handed none over") }
        // Every result was taken; this waits for the workers to end, so that their time is known.
        computation.cancel()
        let stability = try computation.summary(replaced: summary.replacedDerived)
        return MappedImportRun(summary: summary, seconds: Date().timeIntervalSince(start), stability: stability,
                               stabilitySeconds: computation.seconds ?? 0, databasePath: store.path)
    }

    /// The lines `db import` prints: what was imported, then what the stability refresh did.
    public var lines: [String] {
        let s = summary
        var out = ["imported \(s.file): \(s.rows) rows read\(s.excluded > 0 ? " (\(s.excluded) excluded by the mapping)" : ""), \(s.newCandidates) new candidates, \(s.mergedCandidates) merged, \(s.measurements) measurements, \(s.derived) derived values in \(String(format: "%.2f", seconds)) s into \(databasePath)"]
        if let t = stability {
            out.append("stability: \(t.entries) formation energies, \(t.compositions) compositions (\(t.stable) on their hull), \(t.analysedAgainstSodium) analysed against Na metal; \(t.stored) derived values stored (\(t.replaced) replaced); the hulls took \(String(format: "%.2f", stabilitySeconds)) s beside the import")
        }
        return out
    }
}
