import Foundation
import GRDB
import ScreenCore
import ScreenNumerics

/// What `importMapped` did.
public struct MappedImportSummary: Sendable {
    /// The data file imported, as displayed (relative to the working directory when inside it).
    public let file: String
    /// Data rows read, the excluded ones included.
    public let rows: Int
    /// Rows left out by the mapping's `exclude:`.
    public let excluded: Int
    /// Candidates added by the import.
    public let newCandidates: Int
    /// Candidates already in the database whose values the import added to (`existing: merge`).
    public let mergedCandidates: Int
    /// Measurements read from the file.
    public let measurements: Int
    /// Derived values added (elastic constants, cost, supply risk, density, volume per atom, Monroe–Newman ratio).
    public let derived: Int
    /// Stored values of the `EarlyValues.derived` properties deleted before their new values were
    /// written (0 without them).
    public let replacedDerived: Int
    /// Things skipped, said once each (no element data, no G_Na).
    public let notices: [String]
}

extension DescriptorStore {
    /// The descriptor folder the database was built from (`meta.built_from`), if recorded.
    public func builtFrom() throws -> String? {
        try queue.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'built_from'") }
    }

    /// Imports a computed database (CSV or JSON, plain or gzipped) through a mapping, in one
    /// transaction, writing the rows as the file is read: memory does not grow with the file.
    /// Every problem in the file is collected; if there is any, the transaction is rolled back —
    /// the database is left byte for byte as it was — and `DescriptorProblems` lists them (the
    /// first `MappedRecordReader.problemLimit`, and how many more).
    ///
    /// A mapping with `sha256:` is checked against the data file first; another file is refused.
    ///
    /// Derived values for the imported candidates: Young's modulus and Poisson's ratio from bulk
    /// and shear moduli of the same data set — a record's own K and G, or a new K (G) and the
    /// candidate's stored G (K) of the same source and method, so that K and G from two files
    /// imported one after the other (either order) are paired (see `MappedImportWriter`) —,
    /// the raw-material cost estimate and the supply-risk index (new candidates only, each distinct
    /// composition computed once; an element without a price or HHI is recorded in
    /// `derivation_gaps`), density and volume per atom from the structure, and the Monroe–Newman
    /// ratio G/G_Na.
    /// `elementsFolder` (atomic masses and element prices) defaults to `elements/` of the folder the
    /// database was built from; without it, cost and density are skipped with a notice.
    ///
    /// `early`, when given, receives every value of its property: read ahead from the file on
    /// another thread (`ValuesReadAhead`), and again, once the file's rows are written, if the
    /// values read back differ (see `EarlyValues`). Its `derived` rows, computed from them, are
    /// written last in the same transaction (`DerivedRows`): when their computation fails, the
    /// import is rolled back with them.
    ///
    /// - Complexity: O(rows) time; memory O(1) in the rows, besides the ids the file names when it
    ///   names them (to find repeats). The database is locked for writing while the file is read.
    public func importMapped(file url: URL, mapping: ImportMapping, elementsFolder: URL? = nil,
                             early: EarlyValues? = nil) throws -> MappedImportSummary {
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
        let estimator = elementData.flatMap { data in elements.map { DerivedFromComposition.Estimator(data: data, elementsFolder: $0) } }
        let reference = try sodiumShearReference()
        let massFile = elements.map { displayPath($0.appendingPathComponent(ElementData.atomicMassFileName)) }
        let readAhead = try early.map { early in
            ValuesReadAhead(early: early, stored: try values(of: early.property), url: url, mapping: mapping, format: format,
                            file: file, masses: elementData, massFile: massFile)
        }
        // A failed import waits for its read-ahead, so that whatever it started is there to be stopped.
        defer { _ = readAhead?.values }

        let (reader, writer, compositionNotices) = try queue.write { db in
            try Self.checkNotImported(url, sha256: sum, mappingSHA256: mapping.contentSHA256, in: db)
            try Self.recordImport(url, sha256: sum, mapping: mapping.file, mappingSHA256: mapping.contentSHA256, in: db)
            let writer = try MappedImportWriter(db, mapping: mapping, reference: reference)
            var reader = MappedRecordReader(mapping: mapping, format: format, file: file, existing: writer.stored, masses: elementData,
                                            massFile: massFile)
            let progress = ProgressLine("import", unit: "rows read")
            defer { progress.finish() }
            do { try reader.read(url) { try writer.add($0); progress.advance() } } catch let e as InputError { reader.note(e) }
            // Throwing rolls the transaction back: nothing of the file stays.
            guard reader.problemCount == 0 else { throw DescriptorProblems(problems: reader.problems, more: reader.problemsNotKept) }
            guard writer.repeatedValues.isEmpty else { throw DescriptorProblems(problems: writer.repeatedValues, more: writer.repeatedValuesNotKept) }
            if let early {
                let written = try Self.values(of: early.property, in: db)
                if readAhead?.values != written { early.receive(written) }
            }
            return (reader, writer, try writer.finish(estimator: estimator, derived: early?.derived))
        }
        for id in reader.result.excluded {
            notices.append("\(id) left out, as the mapping says: \(mapping.exclude[id] ?? "")")
        }
        if writer.unpaired > 0 {
            let n = writer.unpaired
            notices.append("\(n) candidate\(n == 1 ? "" : "s") of this file already ha\(n == 1 ? "s" : "ve") a bulk or shear modulus, but only of another source or method: not paired with the new values (Young's modulus and Poisson's ratio come only from K and G of one data set)")
        }
        notices += compositionNotices
        if writer.sawShear && reference == nil {
            notices.append("no shear modulus of sodium metal (a candidate with formula exactly 'Na') in the database: Monroe–Newman ratio skipped")
        }
        return MappedImportSummary(file: file, rows: reader.result.rows, excluded: reader.result.excluded.count,
                                   newCandidates: writer.newCandidates, mergedCandidates: writer.mergedCandidates,
                                   measurements: writer.measurements, derived: writer.derived,
                                   replacedDerived: writer.replacedDerived, notices: notices)
    }

    /// G_Na: the shear moduli (without qualifier) of the candidates whose formula is exactly `Na`
    /// (found through the reduced-formula index, not a scan of every measurement).
    func sodiumShearReference() throws -> DerivedMonroeNewman.Reference? {
        let values = try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.value, m.method, m.source FROM stored_measurements m JOIN candidates c ON c.id = m.candidate_id
                WHERE c.reduced_formula = 'Na' AND c.formula = 'Na' AND m.property = 'shear_modulus' AND m.qualifier IS NULL ORDER BY m.id
                """).map { DerivedMonroeNewman.Reference.Value(value: $0["value"], method: $0["method"], source: $0["source"]) }
        }
        return DerivedMonroeNewman.Reference(values: values)
    }
}
