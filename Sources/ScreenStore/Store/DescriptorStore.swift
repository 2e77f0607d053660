import Foundation
import CSQLiteSettings
import GRDB
import Yams
import ScreenCore
import ScreenNumerics

/// The embedded SQLite descriptor database.
///
/// Writes are all-or-nothing: `build` writes a new file beside the target and renames it
/// into place; `importFiles` runs in one transaction, so a bad row leaves the database as
/// it was.
public final class DescriptorStore {
    /// The database file's path, as given when it was opened.
    public let path: String
    /// The connection every read and write goes through (one at a time).
    public let queue: DatabaseQueue

    /// How long a command waits for another one writing to the same database before it fails
    /// with `DatabaseBusyError` (SQLite's busy timeout), in seconds.
    public static let busyTimeout: Double = 10

    /// A new connection's base configuration, after SQLite's process-wide settings: the memory
    /// statistics off (`screen_sqlite_disable_memory_statistics`: their mutex, taken on every
    /// allocation, made two connections working at once wait on each other). The settings are made
    /// once, before the first connection of the process opens; every connection is opened here.
    static func configuration() -> Configuration {
        _ = sqliteSettings
        return Configuration()
    }

    /// SQLite's answer to the settings (0: made; SQLITE_MISUSE when SQLite was initialised before,
    /// for instance by another library: then they are SQLite's defaults, which changes only speed).
    static let sqliteSettings: Int32 = screen_sqlite_disable_memory_statistics()

    /// Where the database is when no path is given: `$SCREEN_DB`, else `.screen/descriptors.sqlite`
    /// (relative to the working directory).
    public static var defaultPath: String {
        ProcessInfo.processInfo.environment["SCREEN_DB"] ?? ".screen/descriptors.sqlite"
    }

    /// The descriptor folder a database is built from when none is given: `$SCREEN_DESCRIPTORS`,
    /// else `Descriptors` (relative to the working directory).
    public static var defaultDescriptorFolder: URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.environment["SCREEN_DESCRIPTORS"] ?? "Descriptors")
    }

    /// The error a person can act on for a database error: `DatabaseBusyError` when another
    /// process held the database too long; nil for any other error.
    public static func userFacing(_ error: Error) -> (any UserFacingError)? {
        guard let e = error as? DatabaseError, e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED else { return nil }
        return DatabaseBusyError(seconds: busyTimeout)
    }

    /// The page cache of a connection to an existing database, in KiB (`PRAGMA cache_size`).
    static let pageCacheKiB = 65_536

    /// How much of an existing database a connection reads through a memory map, in bytes
    /// (`PRAGMA mmap_size`; SQLite's own ceiling in Debian's build is 0x7fff0000, just under 2 GiB).
    ///
    /// Why: the calibration, the reports and every import after the first scan or look up rows
    /// all over a file of hundreds of megabytes. Read through `pread`, each 4 KiB page is a system
    /// call and a copy into the page cache above, and a scan larger than that cache evicts and
    /// reads its pages again; mapped, SQLite reads the operating system's cached pages in place.
    /// Measured on the staged screening (2 cores): the report's system time fell from 1.1–1.6 s to
    /// 0.4 s, and the stages after the formation energies each took 10–25 % less time.
    /// Writes still go through `pwrite` (SQLite maps read-only unless built otherwise), so a failed
    /// transaction rolls back as before. A process's resident memory (peak RSS) counts the mapped
    /// pages it touched: they are the file's pages in the operating system's cache, shared and
    /// reclaimable, not memory the program allocated.
    static let memoryMapBytes: Int64 = 0x7fff_0000

    /// Opens an existing database.
    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: path, "no database here (run `screen db build` first)")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw InputError(file: path, "is a folder, not a database file; give the database's file as --db")
        }
        self.path = path
        var config = Self.configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(Self.busyTimeout)
        // A page cache of up to 64 MiB (SQLite's default is 2 MiB): the commands that write
        // hundreds of thousands of rows in one transaction (imports, the stability refresh, the
        // band-gap calibration) would otherwise spill dirty pages to the file in the middle of it
        // and read them back. Memory is taken only as pages are used. Reads go through a memory
        // map (`memoryMapBytes`).
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -\(Self.pageCacheKiB)")
            try db.execute(sql: "PRAGMA mmap_size = \(Self.memoryMapBytes)")
        }
        let version: String?
        var recorded: [ImportRecord] = []
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            (version, recorded) = try queue.read { db in
                let version = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema_version'")
                // Read only to name them in the refusal of an older database below.
                guard version != String(Schema.version), try db.tableExists("imports") else { return (version, []) }
                return (version, (try? Self.imports(db)) ?? [])
            }
        } catch let e as DatabaseError where e.resultCode != .SQLITE_BUSY && e.resultCode != .SQLITE_LOCKED {
            // A text file, a directory, a truncated or foreign database: say so with the path.
            throw InputError(file: path, "is not a screen database (SQLite: \(e.message ?? "\(e.resultCode)")); rebuild it with `screen db build`, or give another --db")
        }
        guard version == String(Schema.version) else {
            if let v = version.flatMap(Int.init), v > Schema.version {
                // Never advise a rebuild here: it would replace data this version cannot read.
                throw InputError(file: path, "was written by a newer screen (schema version \(v); this one reads \(Schema.version)); open it with that version")
            }
            throw InputError(file: path, Self.olderSchemaAdvice(version: version, imports: recorded))
        }
    }

    /// What to do with a database of an older schema: rebuild and re-import (no migration).
    ///
    /// Why not migrate it in place: every row of a screen database comes from the descriptor
    /// folder and from recorded imports (file, mapping and both SHA-256s), so a rebuild gives the
    /// same data in the new layout, compact, by the code that every test covers; a migration would
    /// rewrite a file of up to gigabytes on a command the user ran to read, could not shrink it
    /// without a VACUUM, and would have to be kept working for every older layout.
    /// The advice names each recorded import's command, oldest first (they are repeated in that
    /// order), and the derived data a rebuild does not repeat by itself.
    static func olderSchemaAdvice(version: String?, imports: [ImportRecord]) -> String {
        let reimport = imports.isEmpty ? "then re-import your files with `screen db import`, if you imported any"
            : "then re-import, in this order: " + imports.map(\.command).joined(separator: "; ")
        return "database schema version \(version ?? "unknown") is older than this screen's (\(Schema.version)), whose tables and views differ (version 7 stores each method, source and conditions text once; version 8 adds the measurements' kind; version 9 stores the stability reports beside the stability descriptors; version 10 stores each value's conditions in its row; version 11 stores a value that depends on the composition alone once per composition); this screen does not convert it. Rebuild it with `screen db build --discard-imports`, \(reimport); and repeat any `screen db calibrate band-gap` and `screen impute` you had run (their values are derived, not imported)"
    }

    /// Opens the database at `path`, building it from the descriptor folder first when there is
    /// none yet (the first command on a fresh checkout needs no `db build`); `building` is told
    /// before a build starts.
    public static func open(path: String, buildingFrom folder: URL, building: (String) -> Void = { _ in }) throws -> DescriptorStore {
        guard FileManager.default.fileExists(atPath: path) else {
            building("note: no database at \(path); building it from \(folder.path)")
            return try build(from: folder, to: path)
        }
        return try DescriptorStore(path: path)
    }

    /// Builds a new database at `path` from a descriptor folder. Any problem in any file
    /// throws `DescriptorProblems` listing them all, and the existing file is left untouched.
    @discardableResult
    public static func build(from folder: URL, to path: String, discardingImports: Bool = false) throws -> DescriptorStore {
        var notices: [String] = []
        return try build(from: folder, to: path, notices: &notices, discardingImports: discardingImports)
    }

    /// `build(from:to:)`, also handing back what the derived values skipped (candidates whose
    /// elements lack a price or an HHI; each is also stored in `derivation_gaps`).
    ///
    /// Never loses data without being told: a missing folder, or one without candidates, is
    /// refused; and an existing database holding candidates the folder does not (imports) is
    /// replaced only with `discardingImports`, the refusal naming the commands that re-import them.
    @discardableResult
    public static func build(from folder: URL, to path: String, notices: inout [String], discardingImports: Bool = false) throws -> DescriptorStore {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputError(file: displayPath(folder), "no such descriptor folder; nothing was built and no database was changed")
        }
        var problems: [InputError] = []
        var set = DescriptorSet.read(folder: folder, problems: &problems)
        problems += set.referenceProblems()
        guard problems.isEmpty else { throw DescriptorProblems(problems: problems) }
        guard !set.candidates.isEmpty else {
            throw InputError(file: displayPath(folder), "no candidates in \(DescriptorFileKind.candidates.rawValue)/*.csv: refusing to build an empty database; no database was changed")
        }
        if !discardingImports { try refuseToDropImports(at: path, keeping: Set(set.candidates.map(\.id))) }
        let fromComposition = try DerivedFromComposition.derive(for: set, elementsFolder: folder.appendingPathComponent("elements"))
        notices += fromComposition.notices
        set.measurements += DerivedElasticity.measurements(for: set)
        set.measurements += DerivedMonroeNewman.measurements(for: set)
        set.measurements += try DerivedVolumeChange.measurements(for: set, structuresFolder: folder.appendingPathComponent("structures"))

        let target = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try? FileManager.default.removeItem(at: temporary)
        removeStaleTemporaries(of: target)
        do {
            var config = Self.configuration()
            config.foreignKeysEnabled = true
            let queue = try DatabaseQueue(path: temporary.path, configuration: config)
            try queue.write { db in
                try Schema.create(db)
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('built_from', ?)", arguments: [folder.path])
                try insert(set, into: db)
                try CompositionValueWriter(db, texts: TextIDs(db)).write(fromComposition.values)
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

    /// Removes the temporary databases that killed builds of `target` left (`.NAME.PID.tmp` whose
    /// process no longer runs), so that a kill never leaves files behind for good.
    static func removeStaleTemporaries(of target: URL) {
        let folder = target.deletingLastPathComponent(), prefix = ".\(target.lastPathComponent)."
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let pidText = name.dropFirst(prefix.count).dropLast(4)
            guard let pid = Int32(pidText), pid != ProcessInfo.processInfo.processIdentifier, kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Throws when the database at `path` holds candidates that `keeping` does not: rebuilding would
    /// drop them. The message lists the recorded imports with the commands that re-apply them.
    /// A file that is not a readable screen database is refused too (it is not ours to replace).
    static func refuseToDropImports(at path: String, keeping: Set<String>) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        var extra = 0
        var recorded: [ImportRecord] = []
        do {
            var config = Self.configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            try queue.read { db in
                let ids = try String.fetchCursor(db, sql: "SELECT id FROM candidates")
                while let id = try ids.next() { if !keeping.contains(id) { extra += 1 } }
                if try db.tableExists("imports") { recorded = try imports(db) }
            }
        } catch {
            throw InputError(file: path, "exists but is not a screen database that can be read (\(error)); refusing to replace it — move it away or give another --db")
        }
        guard extra > 0 else { return }
        let commands = recorded.isEmpty ? "(this database predates the import record; re-import your files with screen db import)"
            : recorded.map(\.command).joined(separator: "; ")
        throw InputError(file: path, "holds \(extra) candidate\(extra == 1 ? "" : "s") that the descriptor folder does not (imported data); rebuilding would drop them. Rebuild with --discard-imports, then re-import: \(commands)")
    }

    /// Imports user files (any of the three layouts) in one transaction. Any problem in any
    /// file throws `DescriptorProblems` and nothing is imported; a file whose content was
    /// imported before is refused (it would store every value twice). Each file is recorded.
    public func importFiles(_ files: [URL]) throws -> (candidates: Int, measurements: Int, performance: Int, phases: Int) {
        // A file imported before is refused first, whatever else it would trip over.
        let sums = try files.map { try SHA256.hex(ofFile: $0) }
        try queue.read { db in for (file, sum) in zip(files, sums) { try Self.checkNotImported(file, sha256: sum, mappingSHA256: nil, in: db) } }
        var problems: [InputError] = []
        let set = DescriptorSet.read(files: files, problems: &problems)
        let known = Set(try candidateIDs())
        problems += set.referenceProblems(known: known)
        guard problems.isEmpty else { throw DescriptorProblems(problems: problems) }
        try queue.write { db in
            for (file, sum) in zip(files, sums) {
                try Self.checkNotImported(file, sha256: sum, mappingSHA256: nil, in: db)
                try Self.recordImport(file, sha256: sum, mapping: nil, mappingSHA256: nil, in: db)
            }
            try Self.insert(set, into: db)
        }
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
    /// The problems kept, in the order they were found.
    public let problems: [InputError]
    /// Problems found but not kept (a reader keeps the first thousand, so that a file bad on
    /// every row of millions does not fill the memory); counted in the report.
    public let more: Int

    /// Every stored property, in declaration order (the memberwise initialiser, made public for the later stages).
    public init(problems: [InputError], more: Int = 0) {
        self.problems = problems
        self.more = more
    }

    /// How many problems were found, kept or not.
    public var count: Int { problems.count + more }

    /// The root node of a YAML document (a profile, a mapping) named `what` in errors.
    /// - Throws: `InputError` for an empty document; `DescriptorProblems` with the file and line
    ///   of a YAML syntax error (and both lines of a key given twice).
    /// - Complexity: linear in the text's length.
    public static func yamlRoot(_ yaml: String, file: String, what: String) throws -> Node {
        do {
            guard let node = try Yams.compose(yaml: yaml) else { throw InputError(file: file, "empty \(what)") }
            return node
        } catch let e as YamlError {
            throw DescriptorProblems(problems: [yamlInputError(e, file: file, text: yaml)])
        }
    }

    /// The first 50 problems, one per line, then how many more there are.
    public var description: String {
        let shown = problems.prefix(50).map(\.description)
        let rest = ["… and \(count - 50) more problems"]
        return (shown + (count > 50 ? rest : [])).joined(separator: "\n")
    }
}

/// Printed one problem per line, then their count and that nothing was written.
extension DescriptorProblems: UserFacingError {
    /// The problems, their count, and that nothing was written.
    public var printedForm: String {
        "\(description)\nerror: \(count) problem\(count == 1 ? "" : "s"); nothing was written"
    }
}

/// Another process held the database for longer than the store waits (`DescriptorStore.busyTimeout`).
public struct DatabaseBusyError: UserFacingError {
    /// How long the command waited for the database, in seconds (`DescriptorStore.busyTimeout`).
    public let seconds: Double
    /// Busy, not bad: trying again later may work.
    public var exitStatus: Int32 { ExitStatus.busy }
    /// What happened, how long the command waited, and that trying again once the other command has finished
    /// may work.
    public var description: String {
        "the database is busy: another process (most likely another screen command) has held it for \(formatForDisplay(seconds)) s; try again when that one has finished (this command wrote nothing)"
    }
}

extension DescriptorStore {
    /// `db import` as typed: CSV files (`importFiles`), or with `mapping` one data file, or none
    /// when the mapping names its own, and optionally the `elements` folder the mapping reads.
    /// - Throws: `UsageError` for no files without a mapping, `elements` without a mapping, or
    ///   more than one data file with one.
    /// - Complexity: O(1).
    public static func checkImport(files: [String], mapping: String?, elements: String?) throws {
        if mapping == nil {
            if files.isEmpty { throw UsageError("give the CSV files to import (or a data file with --mapping)") }
            if elements != nil { throw UsageError("--elements goes with --mapping") }
        } else if files.count > 1 {
            throw UsageError("--mapping imports one data file at a time")
        }
    }

    /// The descriptor folder a database is built from, in words: the first paragraph of
    /// `screen --help`.
    public static let folderHelp = """
        The descriptor database is built from the curated CSV files in Descriptors/ \
        (see Descriptors/README.md). Every value carries its unit, method and source.
        """

    /// How an import of CSV files, or of a computed database through a mapping, takes effect and
    /// fails, in words: what `screen db import --help` says, kept beside the store it describes.
    public static let importHelp = """
        A bad row rejects the whole import with file:line: field: reason, and the database is left as it was.

        With --mapping MAP.yaml, FILE is a computed database (CSV or JSON, plain or gzipped; see Descriptors/mappings/): \
        screen db import Descriptors/computed/mp-bandgaps.csv --mapping Descriptors/mappings/mp-bandgaps.yaml. \
        FILE may be left out when the mapping names its data with `file:`.
        """
}
