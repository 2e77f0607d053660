import Foundation
import ScreenCore
import ScreenNumerics

/// Reads a computed database (CSV or JSON, plain or gzipped) through an `ImportMapping` into
/// candidates and measurements, record by record, collecting every problem (nothing is
/// written here). Values are converted to the catalogue's canonical units and checked against
/// the physical bounds as `DescriptorParser` does; an empty cell (or JSON null / missing key)
/// means "no value for that property".
///
/// Memory does not grow with the file: each accepted record is handed to the caller as it is read
/// (`read(_:each:)`) — only while the file has shown no problem; after the first one the rest is
/// only checked, since nothing will be written — and at most `problemLimit` problems are kept (the
/// others are counted). What does grow: the ids seen (only for ids read from the file, to find
/// repeats) and the ids the mapping's `exclude:` names.
struct MappedRecordReader {
    /// One candidate of the file, new or already in the database.
    struct Entry: Sendable {
        let candidate: Candidate
        let composition: ChemicalFormula
        let isNew: Bool
    }

    /// One accepted record: its candidate, its values, and the values derived from its structure.
    struct Record {
        let entry: Entry
        let measurements: [Measurement]
        /// Density and volume per atom from the structure.
        let structureDerived: [Measurement]
    }

    /// What `read(_:)` collects (the whole file in memory: for tests and small files).
    struct Result {
        var entries: [Entry] = []
        var measurements: [Measurement] = []
        /// Density and volume per atom from the structures.
        var structureDerived: [Measurement] = []
        var rows = 0
        /// Ids left out by the mapping's `exclude:` that the file contains.
        var excluded: [String] = []
    }

    /// How many problems are kept (the rest are counted in `problemsNotKept`): far more than the 50
    /// a report shows, few enough that a file bad on every one of a million rows stays small.
    static let problemLimit = 1_000

    /// The mapping the file is read through.
    public let mapping: ImportMapping
    let format: ImportMapping.Format
    /// Display name of the data file.
    let file: String
    /// The stored reduced composition key of a candidate already in the database: nil when there
    /// is no such candidate, `.some(nil)` when it has no formula.
    let existing: (String) throws -> String??
    /// Atomic masses for densities; nil: densities are skipped.
    let masses: ElementData?
    let massFile: String?

    /// The problems found, the first `problemLimit` of them.
    private(set) var problems: [InputError] = []
    /// Problems found beyond `problemLimit`.
    private(set) var problemsNotKept = 0
    /// Every problem found, kept or not.
    var problemCount: Int { problems.count + problemsNotKept }
    /// Rows read and ids excluded; with `read(_:)`, also every record.
    var result = Result()
    /// Ids read from the file so far, with their line (to name a repeat's first line).
    private var seen: [String: Int] = [:]
    /// How many ids are remembered to find repeats: those read from the file, none when they are
    /// made from row numbers (which cannot repeat). The one thing the reader holds per row.
    var rememberedIDs: Int { seen.count }
    private var structureWarningShown = false

    /// - Parameter existing: the stored reduced composition key of a candidate id (see `existing`).
    init(mapping: ImportMapping, format: ImportMapping.Format, file: String, existing: @escaping (String) throws -> String??,
         masses: ElementData?, massFile: String?) {
        self.mapping = mapping
        self.format = format
        self.file = file
        self.existing = existing
        self.masses = masses
        self.massFile = massFile
    }

    /// A reader whose stored candidates are a dictionary (id → reduced composition key, nil
    /// without a formula).
    init(mapping: ImportMapping, format: ImportMapping.Format, file: String, existing: [String: String?],
         masses: ElementData?, massFile: String?) {
        self.init(mapping: mapping, format: format, file: file, existing: { existing[$0] }, masses: masses, massFile: massFile)
    }

    /// Reads the whole file into `result`; problems go to `problems`.
    mutating func read(_ url: URL) throws {
        var collected = Result()
        try read(url) { record in
            collected.entries.append(record.entry)
            collected.measurements += record.measurements
            collected.structureDerived += record.structureDerived
        }
        (result.entries, result.measurements, result.structureDerived) = (collected.entries, collected.measurements, collected.structureDerived)
    }

    /// Reads the whole file, handing each accepted record to `each` in file order while no problem
    /// has been found; problems go to `problems`. Errors of `each` end the reading.
    /// - Complexity: O(file) time; memory O(1) in the rows, besides the ids named above.
    mutating func read(_ url: URL, each: (Record) throws -> Void) throws {
        for p in mapping.formatProblems(format) { note(p) }
        guard problems.isEmpty else { return }
        let source = try ByteSource(url: url, file: file)
        switch format {
        case .csv: try readCSV(source, each)
        case .json: try readJSON(source, each)
        }
    }

    /// Records a problem (kept while fewer than `problemLimit` are).
    mutating func note(_ problem: InputError) {
        if problems.count < Self.problemLimit { problems.append(problem) } else { problemsNotKept += 1 }
    }

    /// Forgets the problems found after the first `count` (a record left out by `exclude:`).
    private mutating func forgetProblems(after count: Int) {
        if count <= problems.count { problems.removeSubrange(count...); problemsNotKept = 0 } else { problemsNotKept = count - problems.count }
    }

    private mutating func readCSV(_ source: ByteSource, _ each: (Record) throws -> Void) throws {
        let reader = try StreamingCSVReader(source)
        guard let header = try reader.next() else {
            note(InputError(file: file, "empty file: a header row is required")); return
        }
        let names = header.fields.map { $0.trimmingWhitespace() }
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() where index[n] == nil { index[n] = i }
        // The few columns the mapping reads, looked up by a linear scan (faster than hashing per cell).
        var columns: [(String, Int)] = []
        var needed: [(String, String)] = [(mapping.formula, "formula")]
        if case .field(let column) = mapping.id { needed.insert((column, "id"), at: 0) }
        if let n = mapping.name { needed.append((n, "name")) }
        for p in mapping.properties {
            needed.append((p.key, "properties.\(p.property.name)"))
            if let u = p.uncertainty { needed.append((u, "properties.\(p.property.name).uncertainty")) }
        }
        for (column, key) in needed where index[column] == nil {
            note(InputError(file: file, line: header.line, field: column,
                "column named by \(mapping.file) (\(key)) is not in the header (columns: \(names.joined(separator: ",")))"))
        }
        guard problems.isEmpty else { return }
        for (column, _) in needed where !columns.contains(where: { $0.0 == column }) { columns.append((column, index[column]!)) }
        while let record = try reader.next() {
            result.rows += 1
            guard record.fields.count == names.count else {
                note(InputError(file: file, line: record.line,
                    "has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), the header has \(names.count)"))
                continue
            }
            let fields = record.fields
            try process(line: record.line, row: result.rows, record: nil, each, label: { $0 }, cell: { key in
                let i = columns.first(where: { $0.0 == key })!.1
                let t = trimmedASCII(fields[i])
                return t.isEmpty ? .empty : .text(t)
            }, raw: { _ in nil })
        }
    }

    private mutating func readJSON(_ source: ByteSource, _ each: (Record) throws -> Void) throws {
        let reader = try StreamingJSONArrayReader(source, path: mapping.records)
        while let element = try reader.next() {
            result.rows += 1
            let number = element.index + 1
            guard let object = element.value as? [String: Any] else {
                note(InputError(file: file, line: element.line, field: "record #\(number)", "is not an object")); continue
            }
            func lookup(_ path: String) -> Any? {
                var current: Any? = object
                for part in path.split(separator: ".") {
                    guard let d = current as? [String: Any] else { return nil }
                    current = d[String(part)]
                }
                return current
            }
            try process(line: element.line, row: number, record: number, each, label: { "\($0) (record #\(number))" }, cell: { key in
                // Containers are tested first: testing a Swift dictionary for a class (NSNull,
                // NSNumber) bridges it, recursively, to Foundation objects.
                let v = lookup(key)
                switch v {
                case nil: return .empty
                case let s as String:
                    let t = trimmedASCII(s)
                    return t.isEmpty ? .empty : .text(t, quoted: true)
                case is [String: Any]: return .other("an object")
                case is [Any]: return .other("a list")
                case let n as NSNumber:
                    let type = String(cString: n.objCType)
                    if type == "c" || type == "B" { return .other(n.boolValue ? "true" : "false") }
                    return .number(n.doubleValue)
                case is NSNull: return .empty
                default: return .other("not a number or text")
                }
            }, raw: lookup)
        }
    }

    /// Turns one record into a candidate entry and measurements. `row` is the 1-based data row
    /// (CSV: records after the header; JSON: the position in the array), `record` the position in
    /// a JSON array (several records may share a line).
    private mutating func process(line: Int, row: Int, record: Int?, _ each: (Record) throws -> Void,
                                  label: (String) -> String, cell: (String) -> Cell, raw: (String) -> Any?) throws {
        func error(_ key: String, _ reason: String) -> InputError {
            InputError(file: file, line: line, field: label(key), reason)
        }
        let before = problemCount
        // id: a column's, or made from the row (always valid: the prefix was checked with the mapping)
        var id: String? = mapping.id.id(row: row)
        let idField: String
        switch mapping.id {
        case .row: idField = "id"
        case .field(let key):
            idField = key
            switch cell(key) {
            case .empty: note(error(key, "the candidate id is required, but empty"))
            case .text(let t, _): id = t
            case .number(let n):
                if n == n.rounded(), abs(n) < 1e15 { id = String(Int64(n)) } else { note(error(key, "\(n) is not an id")) }
            case .other(let what): note(error(key, "\(what) is not an id"))
            }
            if let i = id, !Candidate.isValidID(i) {
                note(error(key, "'\(i)' is not a plain ASCII id (letters, digits and _ - . @ + only)"))
                id = nil
            }
        }
        // formula
        var composition: ChemicalFormula? = nil
        var formulaText: String? = nil
        switch cell(mapping.formula) {
        case .empty: note(error(mapping.formula, "the formula is required, but empty"))
        case .text(let t, _): formulaText = t
        case .number(let n): note(error(mapping.formula, "\(formatNumber(n)) is not a chemical formula"))
        case .other(let what): note(error(mapping.formula, "\(what) is not a chemical formula"))
        }
        if let t = formulaText {
            do {
                composition = try ChemicalFormula(t)
            } catch let e as ChemicalFormulaError {
                note(error(mapping.formula, "'\(t)' is not a chemical formula: \(e.explanation) at position \(e.position)"))
            } catch {
                note(InputError(file: file, line: line, field: label(mapping.formula), "\(error)"))
            }
        }
        // name
        var name = formulaText
        if let key = mapping.name {
            switch cell(key) {
            case .empty: break
            case .text(let t, _): name = t
            case .number(let n): name = formatNumber(n)
            case .other(let what): note(error(key, "\(what) is not a name"))
            }
        }
        if let id, mapping.exclude[id] != nil {
            forgetProblems(after: before)
            result.excluded.append(id)
            return
        }
        var isNew = true
        if let id {
            // (Ids made from rows cannot repeat: no need to remember them.)
            if case .field = mapping.id {
                if let first = seen[id] {
                    note(error(idField, "duplicate candidate id '\(id)' in this file (first on line \(first))"))
                } else {
                    seen[id] = line
                }
            }
            if let stored = try existing(id) {
                isNew = false
                switch mapping.existing {
                case .error:
                    note(error(idField, "candidate '\(id)' is already in the database (the mapping says existing: error)"))
                case .merge:
                    if let composition {
                        if let key = stored {
                            if key != composition.reducedKey {
                                note(error(mapping.formula, "'\(composition.text)' (reduced \(composition.reducedKey)) is not the composition of candidate '\(id)' in the database (\(key)); not merged"))
                            }
                        } else {
                            note(error(idField, "candidate '\(id)' is in the database without a formula, so its composition cannot be checked; not merged"))
                        }
                    }
                }
            }
        }
        // properties
        var measurements: [Measurement] = []
        let origin = record.map { "\(file):\(line) (record #\($0))" } ?? "\(file):\(line)"
        for p in mapping.properties {
            let parsed = Self.number(cell(p.key))
            guard case .success(let maybe) = parsed else {
                if case .failure(let e) = parsed { note(error(p.key, e.reason)) }
                continue
            }
            guard let value = maybe else { continue }
            let canonical = p.canonical(value)
            guard canonical.isFinite else {
                note(error(p.key, "\(formatNumber(value)) \(p.unitText) is not a finite number of \(p.property.canonicalUnit.symbol)")); continue
            }
            if let bounds = p.property.bounds, !bounds.contains(canonical) {
                note(error(p.key, "\(formatNumber(canonical)) \(p.property.canonicalUnit.symbol) is outside the physical bounds of \(p.property.name) (\(p.property.boundsDescription))"))
                continue
            }
            var uncertainty: Double? = nil
            if let u = p.uncertainty {
                let parsedU = Self.number(cell(u))
                if case .failure(let e) = parsedU { note(error(u, e.reason)); continue }
                if case .success(let g) = parsedU, let given = g {
                    if given < 0 { note(error(u, "a ± uncertainty cannot be negative")); continue }
                    uncertainty = given
                }
            }
            guard let id else { continue }
            measurements.append(Measurement(
                candidate: id, property: p.property.name, value: canonical,
                uncertainty: uncertainty.map { abs(p.unit.toCanonical($0)) }, rangeLow: nil, rangeHigh: nil,
                qualifier: nil, valueFromRange: false, valueAsGiven: value, uncertaintyAsGiven: uncertainty,
                rangeLowAsGiven: nil, rangeHighAsGiven: nil, unitAsGiven: p.unitText, method: p.method,
                conditions: mapping.conditions, conventionAsGiven: nil, source: p.source, location: mapping.location,
                note: mapping.note, origin: origin))
        }
        // structure
        var derived: [Measurement] = []
        if let key = mapping.structure, let value = raw(key), value is [String: Any] || !(value is NSNull) {
            do {
                let s = try StructureQuantities(pymatgen: value)
                if let composition, !s.hasComposition(of: composition) {
                    note(self.error(line: line, field: label(key),
                        "the structure holds \(s.cellContent), which is not the composition of the formula '\(composition.text)' (\(composition.reducedKey)); fix the record or list its id under exclude: with the reason"))
                } else if let id {
                    derived = structureMeasurements(s, id: id, key: key, origin: origin)
                }
            } catch {
                note(self.error(line: line, field: label(key), "not a usable pymatgen Structure: it \(error)"))
            }
        }
        // Handed out only while the file has no problem at all: after one, nothing will be written.
        guard problemCount == 0, let id, let composition, let formulaText else { return }
        try each(Record(entry: Entry(candidate: Candidate(id: id, name: name ?? formulaText, formula: formulaText,
                                                          category: mapping.category, note: nil, origin: origin),
                                     composition: composition, isNew: isNew),
                        measurements: measurements, structureDerived: derived))
    }

    private func error(line: Int, field: String, _ reason: String) -> InputError {
        InputError(file: file, line: line, field: field, reason)
    }

    private func structureMeasurements(_ s: StructureQuantities, id: String, key: String, origin: String) -> [Measurement] {
        let cell = "cell \(s.cellContent) (\(s.siteCount) site\(s.siteCount == 1 ? "" : "s"), from `\(key)`), V = \(formatNumber(s.volume)) Å3 (\(s.volumeFrom))"
        func derived(_ property: String, _ value: Double, _ unit: String, _ relation: String, _ conditions: String) -> Measurement {
            Measurement(candidate: id, property: property, value: value, uncertainty: nil, rangeLow: nil, rangeHigh: nil,
                        qualifier: nil, valueFromRange: false, valueAsGiven: value, uncertaintyAsGiven: nil,
                        rangeLowAsGiven: nil, rangeHighAsGiven: nil, unitAsGiven: unit,
                        method: "derived: \(relation) from the crystal structure", conditions: conditions,
                        conventionAsGiven: nil, source: mapping.source, location: mapping.location,
                        note: "derived value (computed structure)", origin: "\(origin) (derived)")
        }
        var out: [Measurement] = []
        if let masses, let mass = s.cellMass(masses) {
            let rho = mass / s.volume * StructureQuantities.gramsPerCubicCentimetrePerAmuPerCubicAngstrom
            out.append(derived("density", rho, "g/cm3", "ρ = Σ(m·occ)/V × 1.66053906660 (g/cm3 per u/Å3, CODATA)",
                               "\(cell), Σ m·occ = \(formatNumber(mass)) u (atomic masses from \(massFile ?? "atomic-masses.csv"))"))
        }
        out.append(derived("volume_per_atom", s.volumePerAtom, "A3/atom", "V/N (N = Σ site occupancies)",
                           "\(cell), N = \(formatNumber(s.atomCount))"))
        return out
    }
}
