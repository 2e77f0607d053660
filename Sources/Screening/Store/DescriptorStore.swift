import Foundation
import GRDB

/// The embedded SQLite descriptor database.
///
/// Writes are all-or-nothing: `build` writes a new file beside the target and renames it
/// into place; `importFiles` runs in one transaction, so a bad row leaves the database as
/// it was.
public final class DescriptorStore {
    public let path: String
    let queue: DatabaseQueue

    /// Opens an existing database.
    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: path, "no database here (run `screen db build` first)")
        }
        self.path = path
        var config = Configuration()
        config.foreignKeysEnabled = true
        queue = try DatabaseQueue(path: path, configuration: config)
        let version = try queue.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema_version'") }
        guard version == String(Schema.version) else {
            throw InputError(file: path, "database schema version \(version ?? "unknown") is not \(Schema.version); rebuild it with `screen db build`")
        }
    }

    /// Builds a new database at `path` from a descriptor folder. Any problem in any file
    /// throws `DescriptorProblems` listing them all, and the existing file is left untouched.
    @discardableResult
    public static func build(from folder: URL, to path: String) throws -> DescriptorStore {
        var notices: [String] = []
        return try build(from: folder, to: path, notices: &notices)
    }

    /// `build(from:to:)`, also handing back what the derived values skipped (candidates whose
    /// elements lack a price or an HHI; each is also stored in `derivation_gaps`).
    @discardableResult
    public static func build(from folder: URL, to path: String, notices: inout [String]) throws -> DescriptorStore {
        var problems: [InputError] = []
        var set = DescriptorSet.read(folder: folder, problems: &problems)
        problems += set.referenceProblems()
        guard problems.isEmpty else { throw DescriptorProblems(problems: problems) }
        let fromComposition = try DerivedFromComposition.derive(for: set, elementsFolder: folder.appendingPathComponent("elements"))
        set.measurements += fromComposition.measurements
        notices += fromComposition.notices
        set.measurements += DerivedElasticity.measurements(for: set)
        set.measurements += DerivedMonroeNewman.measurements(for: set)
        set.measurements += try DerivedVolumeChange.measurements(for: set, structuresFolder: folder.appendingPathComponent("structures"))

        let target = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try? FileManager.default.removeItem(at: temporary)
        do {
            var config = Configuration()
            config.foreignKeysEnabled = true
            let queue = try DatabaseQueue(path: temporary.path, configuration: config)
            try queue.write { db in
                try Schema.create(db)
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('built_from', ?)", arguments: [folder.path])
                try insert(set, into: db)
                try insertDerivationGaps(fromComposition.gaps, into: db)
            }
            try queue.close()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw InputError(file: path, "cannot move the new database into place: \(reason)")
        }
        return try DescriptorStore(path: path)
    }

    /// Imports user files (any of the three layouts) in one transaction. Any problem in any
    /// file throws `DescriptorProblems` and nothing is imported.
    public func importFiles(_ files: [URL]) throws -> (candidates: Int, measurements: Int, performance: Int, phases: Int) {
        var problems: [InputError] = []
        let set = DescriptorSet.read(files: files, problems: &problems)
        let known = Set(try candidateIDs())
        problems += set.referenceProblems(known: known)
        guard problems.isEmpty else { throw DescriptorProblems(problems: problems) }
        try queue.write { db in try Self.insert(set, into: db) }
        return (set.candidates.count, set.measurements.count, set.performance.count, set.phases.count)
    }

    static func insert(_ set: DescriptorSet, into db: Database) throws {
        try insertCandidates(set.candidates.map { c in (c, c.formula.flatMap { try? ChemicalFormula($0) }) }, into: db)
        try insertMeasurements(set.measurements, into: db)
        for link in set.phases {
            try db.execute(sql: "INSERT INTO phases (candidate_id, phase_id, source, location, note, origin) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [link.candidate, link.phase, link.source, link.location, link.note, link.origin])
        }
        for p in set.performance {
            let hours = p.lifespanHours
            let values: [(any DatabaseValueConvertible)?] = [
                p.table, p.candidate, p.cell, p.material, p.technique, p.electrolyte,
                p.currentDensity.asGiven, p.currentDensity.value, p.capacity.asGiven, p.capacity.value,
                p.coulombicEfficiency.asGiven, p.coulombicEfficiency.value, p.overpotential.asGiven, p.overpotential.value,
                p.lifespan?.asGiven, p.lifespan?.value, p.lifespan?.unit.rawValue, hours?.hours, hours.map { $0.derived },
                p.reference, p.location, p.note, p.origin,
                p.cellType.rawValue, p.cellTypeBasis, PerformanceConflict.text(p.conflicts),
                p.areaSpecificResistance?.value, p.areaSpecificResistance?.inputs,
                p.cumulativeCapacity?.value, p.cumulativeCapacity?.inputs,
            ]
            try db.execute(sql: """
                INSERT INTO performance (table_number, candidate_id, cell, material, technique, electrolyte,
                  current_density_as_given, current_density_ma_cm2, capacity_as_given, capacity_mah_cm2,
                  coulombic_efficiency_as_given, coulombic_efficiency_pct, overpotential_as_given, overpotential_mv,
                  lifespan_as_given, lifespan_value, lifespan_unit, lifespan_hours, lifespan_hours_derived,
                  reference, location, note, origin, cell_type, cell_type_basis, conflict,
                  area_specific_resistance_ohm_cm2, area_specific_resistance_inputs,
                  cumulative_capacity_mah_cm2, cumulative_capacity_inputs)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: StatementArguments(values))
        }
    }
}

/// Every problem found in a set of input files, reported together so a user can fix
/// them in one pass.
public struct DescriptorProblems: Error, CustomStringConvertible {
    public let problems: [InputError]
    public var description: String {
        let shown = problems.prefix(50).map(\.description)
        let more = problems.count > 50 ? ["… and \(problems.count - 50) more problems"] : []
        return (shown + more).joined(separator: "\n")
    }
}
