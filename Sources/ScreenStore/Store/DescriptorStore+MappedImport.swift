import Foundation
import GRDB
import ScreenCore
import ScreenNumerics

/// What `importMapped` did.
public struct MappedImportSummary: Sendable {
    public let file: String
    public let rows: Int
    /// Rows left out by the mapping's `exclude:`.
    public let excluded: Int
    public let newCandidates: Int
    public let mergedCandidates: Int
    /// Measurements read from the file.
    public let measurements: Int
    /// Derived values added (elastic constants, cost, supply risk, density, volume per atom, Monroe–Newman ratio).
    public let derived: Int
    /// Things skipped, said once each (no element data, no G_Na).
    public let notices: [String]
}

extension DescriptorStore {
    /// The descriptor folder the database was built from (`meta.built_from`), if recorded.
    public func builtFrom() throws -> String? {
        try queue.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'built_from'") }
    }

    /// Imports a computed database (CSV or JSON, plain or gzipped) through a mapping, in one
    /// transaction. Every problem in the file is collected first; if there is any, nothing is
    /// written and `DescriptorProblems` lists them.
    ///
    /// A mapping with `sha256:` is checked against the data file first; another file is refused.
    ///
    /// Derived values for the imported candidates: Young's modulus and Poisson's ratio from bulk
    /// and shear moduli of the same data set — a record's own K and G, or a new K (G) and the
    /// candidate's stored G (K) of the same source and method, so that K and G from two files
    /// imported one after the other (either order) are paired (see `storedElasticPartners`) —,
    /// the raw-material cost estimate and the supply-risk index (new candidates only; an element
    /// without a price or HHI is recorded in `derivation_gaps`), density and volume per atom from
    /// the structure, and the Monroe–Newman ratio G/G_Na.
    /// `elementsFolder` (atomic masses and element prices) defaults to `elements/` of the folder the
    /// database was built from; without it, cost and density are skipped with a notice.
    public func importMapped(file url: URL, mapping: ImportMapping, elementsFolder: URL? = nil) throws -> MappedImportSummary {
        let file = displayPath(url)
        let format: ImportMapping.Format
        do { format = try mapping.resolvedFormat(for: url) } catch let e as InputError { throw DescriptorProblems(problems: [e]) }
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DescriptorProblems(problems: [InputError(file: file, "no such file")])
        }
        try mapping.verifyChecksum(of: url)
        // Refused before any reading when imported before (checked again inside the transaction).
        let sum = try SHA256.hex(ofFile: url)
        try queue.read { db in try Self.checkNotImported(url, sha256: sum, mappingSHA256: mapping.contentSHA256, in: db) }
        var notices: [String] = []
        if case .row = mapping.id, mapping.sha256 == nil {
            notices.append("the ids are made from row numbers, but \(mapping.file) names no sha256: they name the same compounds only as long as \(file) is unchanged")
        }

        // Element data: an explicit folder, else the build folder's elements/.
        var elements = elementsFolder
        if elements == nil, let built = try builtFrom() {
            elements = URL(fileURLWithPath: built).appendingPathComponent("elements")
        }
        var elementData: ElementData? = nil
        if let folder = elements, FileManager.default.fileExists(atPath: folder.appendingPathComponent(ElementData.atomicMassFileName).path) {
            do { elementData = try ElementData(folder: folder) } catch let e as InputError { throw DescriptorProblems(problems: [e]) }
        } else {
            notices.append("no element data (\(elements.map { displayPath($0) } ?? "no folder recorded; use --elements") has no \(ElementData.atomicMassFileName)): raw-material cost, supply risk and density skipped")
        }

        // The stored candidates the file may name: with row-made ids only those with the prefix
        // (a range of the primary key), otherwise all.
        let existing: [String: String?] = try queue.read { db in
            var map: [String: String?] = [:]
            let rows: RowCursor
            if case let .row(prefix, _) = mapping.id {
                rows = try Row.fetchCursor(db, sql: "SELECT id, reduced_formula FROM candidates WHERE id >= ? AND id < ?",
                                           arguments: [prefix + "-", prefix + "."])
            } else {
                rows = try Row.fetchCursor(db, sql: "SELECT id, reduced_formula FROM candidates")
            }
            while let row = try rows.next() { map[row[0] as String] = row[1] as String? }
            return map
        }

        var reader = MappedRecordReader(mapping: mapping, format: format, file: file, existing: existing,
                                        masses: elementData,
                                        massFile: elements.map { displayPath($0.appendingPathComponent(ElementData.atomicMassFileName)) })
        do { try reader.read(url) } catch let e as InputError { reader.problems.append(e) }
        guard reader.problems.isEmpty else { throw DescriptorProblems(problems: reader.problems) }
        let result = reader.result
        // A merged candidate must not get a value it already has from the same source (the same
        // file imported twice).
        if result.entries.contains(where: { !$0.isNew }) {
            let sources = Array(Set(mapping.properties.map(\.source)))
            let merged = Set(result.entries.filter { !$0.isNew }.map(\.candidate.id))
            // The merged candidates' stored values of these sources, through the candidate index.
            let known: [String: String] = try queue.read { db in
                var keys: [String: String] = [:]
                let marks = sources.map { _ in "?" }.joined(separator: ", ")
                let statement = try db.makeStatement(sql: "SELECT candidate_id, property, source, value, origin FROM measurements WHERE candidate_id = ? AND source IN (\(marks))")
                for id in merged.sorted() {
                    let rows = try Row.fetchCursor(statement, arguments: StatementArguments([id] + sources))
                    while let row = try rows.next() {
                        keys["\(id)\u{1}\(row[1] as String)\u{1}\(row[2] as String)\u{1}\(row[3] as Double)"] = row[4]
                    }
                }
                return keys
            }
            var problems: [InputError] = []
            for m in result.measurements {
                if let origin = known["\(m.candidate)\u{1}\(m.property)\u{1}\(m.source)\u{1}\(m.value)"] {
                    problems.append(InputError(origin: m.origin, field: m.property,
                        "candidate '\(m.candidate)' already has this value from this source (\(origin)); was the file imported before?"))
                }
            }
            guard problems.isEmpty else { throw DescriptorProblems(problems: problems) }
        }
        for id in result.excluded {
            notices.append("\(id) left out, as the mapping says: \(mapping.exclude[id] ?? "")")
        }

        // Derived values.
        var derived = result.structureDerived
        var touched = DescriptorSet()
        touched.candidates = result.entries.map(\.candidate)
        touched.measurements = result.measurements
        if result.measurements.contains(where: { $0.property == "bulk_modulus" || $0.property == "shear_modulus" }) {
            let merged = Set(result.entries.filter { !$0.isNew }.map(\.candidate.id))
            let stored = try storedElasticPartners(of: result.measurements, merged: merged)
            touched.measurements += stored.partners
            if stored.unpaired > 0 {
                notices.append("\(stored.unpaired) candidate\(stored.unpaired == 1 ? "" : "s") of this file already ha\(stored.unpaired == 1 ? "s" : "ve") a bulk or shear modulus, but only of another source or method: not paired with the new values (Young's modulus and Poisson's ratio come only from K and G of one data set)")
            }
            derived += DerivedElasticity.measurements(for: touched)
        }
        // Cost and supply risk of the new candidates, derived on another thread while the file's
        // own rows are inserted (they are inserted after them, in the same order as ever).
        var fromComposition: BackgroundTask<DerivedFromComposition.Outcome>? = nil
        if let folder = elements, let elementData {
            let newEntries = result.entries.filter(\.isNew)
            fromComposition = BackgroundTask { Self.compositionDerived(newEntries, data: elementData, elementsFolder: folder) }
        }
        var monroeNewman: [Measurement] = []
        var monroeNewmanNotice: String? = nil
        let shear = result.measurements.filter { $0.property == "shear_modulus" }
        if !shear.isEmpty {
            if let reference = try sodiumShearReference() {
                monroeNewman = DerivedMonroeNewman.measurements(shear: shear, reference: reference)
            } else {
                monroeNewmanNotice = "no shear modulus of sodium metal (a candidate with formula exactly 'Na') in the database: Monroe–Newman ratio skipped"
            }
        }

        // A larger page cache for the one big transaction (64 MiB; the default is 2 MiB).
        try queue.inDatabase { db in try db.execute(sql: "PRAGMA cache_size = -65536") }
        try queue.write { db in
            try Self.checkNotImported(url, sha256: sum, mappingSHA256: mapping.contentSHA256, in: db)
            try Self.recordImport(url, sha256: sum, mapping: mapping.file, mappingSHA256: mapping.contentSHA256, in: db)
            // An import larger than what the database holds drops the secondary indexes and builds
            // them again afterwards, in the same transaction (one sorted build instead of 100,000
            // random inserts); into a larger database the inserts win, since a rebuild sorts every
            // stored row again.
            // (counting a cost and a supply-risk value for every new candidate: at most that many)
            let rows = result.entries.count + result.measurements.count + derived.count + monroeNewman.count
                + 2 * result.entries.filter(\.isNew).count
            let stored = try Int.fetchOne(db, sql: "SELECT max(id) FROM measurements") ?? 0
            var indexes: [String] = []
            if rows > 20_000, rows > stored {
                let found = try Row.fetchAll(db, sql: """
                    SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                    AND tbl_name IN ('candidates', 'measurements')
                    """)
                for row in found {
                    let name: String = row["name"]
                    indexes.append(row["sql"])
                    try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
                }
            }
            try Self.insertCandidates(result.entries.filter(\.isNew).map { ($0.candidate, $0.composition) }, into: db)
            try Self.insertMeasurements(result.measurements, into: db)
            try Self.insertMeasurements(derived, into: db)
            if let outcome = fromComposition?.value {
                try Self.insertMeasurements(outcome.measurements, into: db)
                try Self.insertDerivationGaps(outcome.gaps, into: db)
            }
            try Self.insertMeasurements(monroeNewman, into: db)
            for sql in indexes { try db.execute(sql: sql) }
        }
        let outcome = fromComposition?.value
        notices += outcome?.notices ?? []
        if let monroeNewmanNotice { notices.append(monroeNewmanNotice) }
        let derivedCount = derived.count + (outcome?.measurements.count ?? 0) + monroeNewman.count
        let new = result.entries.filter(\.isNew).count
        return MappedImportSummary(file: file, rows: result.rows, excluded: result.excluded.count, newCandidates: new, mergedCandidates: result.entries.count - new,
                                   measurements: result.measurements.count, derived: derivedCount, notices: notices)
    }

    /// The stored partners of new elastic moduli: for a merged candidate whose file record gives a
    /// bulk modulus but no shear modulus (or the reverse), its stored shear (bulk) moduli without
    /// qualifier that carry the same source text AND the same method as the new value — the rule
    /// for "the same data set", since nothing else ties two files together (the Matbench shear
    /// and bulk files are row-aligned and their mappings give both the same id prefix, source and
    /// method). Values of another source or method are never paired; `unpaired` counts the
    /// candidates that have only such values, for a notice.
    func storedElasticPartners(of new: [Measurement], merged: Set<String>) throws -> (partners: [Measurement], unpaired: Int) {
        let partnerOf = ["bulk_modulus": "shear_modulus", "shear_modulus": "bulk_modulus"]
        let elastic = new.filter { merged.contains($0.candidate) && $0.qualifier == nil && partnerOf[$0.property] != nil }
        let given = Dictionary(grouping: elastic, by: \.candidate).mapValues { Set($0.map(\.property)) }
        // candidate + partner property → the new values that lack that partner in their own record
        var wanted: [String: [Measurement]] = [:]
        for m in elastic {
            let partner = partnerOf[m.property]!
            if given[m.candidate]?.contains(partner) == true { continue }
            wanted["\(m.candidate)\u{1}\(partner)", default: []].append(m)
        }
        guard !wanted.isEmpty else { return ([], 0) }
        // The wanted candidates' stored moduli through the candidate index, in measurement order.
        let stored = try queue.read { db in
            let statement = try db.makeStatement(sql: """
                SELECT * FROM measurements WHERE candidate_id = ? AND property = ? AND qualifier IS NULL
                """)
            var rows: [(id: Int64, measurement: Measurement)] = []
            for key in wanted.keys {
                let parts = key.split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init)
                for row in try Row.fetchAll(statement, arguments: [parts[0], parts[1]]) {
                    rows.append((row["id"], Self.measurement(from: row)))
                }
            }
            return rows.sorted { $0.id < $1.id }.map(\.measurement)
        }
        var partners: [Measurement] = []
        var otherDataSet = Set<String>()
        for s in stored {
            guard let needing = wanted["\(s.candidate)\u{1}\(s.property)"] else { continue }
            if needing.contains(where: { $0.source == s.source && $0.method == s.method }) {
                partners.append(s)
            } else {
                otherDataSet.insert(s.candidate)
            }
        }
        return (partners, otherDataSet.subtracting(partners.map(\.candidate)).count)
    }

    /// The values `db build` derives from a composition (cost estimate, supply risk), for imported
    /// candidates, without parsing their formulas again.
    static func compositionDerived(_ entries: [MappedRecordReader.Entry], data: ElementData, elementsFolder: URL) -> DerivedFromComposition.Outcome {
        var estimator = DerivedFromComposition.Estimator(data: data, elementsFolder: elementsFolder)
        for entry in entries {
            if let formula = entry.candidate.formula { estimator.add(candidate: entry.candidate.id, formula: formula, composition: entry.composition) }
        }
        return estimator.outcome
    }

    /// G_Na: the shear moduli (without qualifier) of the candidates whose formula is exactly `Na`
    /// (found through the reduced-formula index, not a scan of every measurement).
    func sodiumShearReference() throws -> DerivedMonroeNewman.Reference? {
        let values = try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.value, m.method, m.source FROM measurements m JOIN candidates c ON c.id = m.candidate_id
                WHERE c.reduced_formula = 'Na' AND c.formula = 'Na' AND m.property = 'shear_modulus' AND m.qualifier IS NULL ORDER BY m.id
                """).map { DerivedMonroeNewman.Reference.Value(value: $0["value"], method: $0["method"], source: $0["source"]) }
        }
        return DerivedMonroeNewman.Reference(values: values)
    }
}
