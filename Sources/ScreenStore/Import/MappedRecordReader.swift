import Foundation
import ScreenCore
import ScreenNumerics

/// Reads a computed database (CSV or JSON, plain or gzipped) through an `ImportMapping` into
/// candidates and measurements, record by record, collecting every problem (nothing is
/// written here). Values are converted to the catalogue's canonical units and checked against
/// the physical bounds as `DescriptorParser` does; an empty cell (or JSON null / missing key)
/// means "no value for that property".
struct MappedRecordReader {
    /// One candidate of the file, new or already in the database.
    struct Entry: Sendable {
        let candidate: Candidate
        let composition: ChemicalFormula
        let isNew: Bool
    }

    struct Result {
        var entries: [Entry] = []
        var measurements: [Measurement] = []
        /// Density and volume per atom from the structures.
        var structureDerived: [Measurement] = []
        var rows = 0
        /// Ids left out by the mapping's `exclude:` that the file contains.
        var excluded: [String] = []
    }

    /// A cell of a record.
    enum Cell {
        case empty
        /// Text (every CSV cell, and a JSON string).
        case text(String, quoted: Bool = false)
        case number(Double)
        case other(String)
    }

    public let mapping: ImportMapping
    let format: ImportMapping.Format
    /// Display name of the data file.
    let file: String
    /// Reduced composition key (nil: no formula) of every candidate already in the database.
    let existing: [String: String?]
    /// Atomic masses for densities; nil: densities are skipped.
    let masses: ElementData?
    let massFile: String?

    var problems: [InputError] = []
    var result = Result()
    private var seen: [String: Int] = [:]
    private var structureWarningShown = false

    init(mapping: ImportMapping, format: ImportMapping.Format, file: String, existing: [String: String?],
         masses: ElementData?, massFile: String?) {
        self.mapping = mapping
        self.format = format
        self.file = file
        self.existing = existing
        self.masses = masses
        self.massFile = massFile
    }

    /// Reads the whole file; problems go to `problems`.
    mutating func read(_ url: URL) throws {
        problems += mapping.formatProblems(format)
        guard problems.isEmpty else { return }
        let source = try ByteSource(url: url, file: file)
        switch format {
        case .csv: try readCSV(source)
        case .json: try readJSON(source)
        }
    }

    private mutating func readCSV(_ source: ByteSource) throws {
        let reader = try StreamingCSVReader(source)
        guard let header = try reader.next() else {
            problems.append(InputError(file: file, "empty file: a header row is required")); return
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
            problems.append(InputError(file: file, line: header.line, field: column,
                "column named by \(mapping.file) (\(key)) is not in the header (columns: \(names.joined(separator: ",")))"))
        }
        guard problems.isEmpty else { return }
        for (column, _) in needed where !columns.contains(where: { $0.0 == column }) { columns.append((column, index[column]!)) }
        while let record = try reader.next() {
            result.rows += 1
            guard record.fields.count == names.count else {
                problems.append(InputError(file: file, line: record.line,
                    "has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), the header has \(names.count)"))
                continue
            }
            let fields = record.fields
            process(line: record.line, row: result.rows, record: nil, label: { $0 }, cell: { key in
                let i = columns.first(where: { $0.0 == key })!.1
                let t = trimmedASCII(fields[i])
                return t.isEmpty ? .empty : .text(t)
            }, raw: { _ in nil })
        }
    }

    private mutating func readJSON(_ source: ByteSource) throws {
        let reader = try StreamingJSONArrayReader(source, path: mapping.records)
        while let element = try reader.next() {
            result.rows += 1
            let number = element.index + 1
            guard let object = element.value as? [String: Any] else {
                problems.append(InputError(file: file, line: element.line, field: "record #\(number)", "is not an object")); continue
            }
            func lookup(_ path: String) -> Any? {
                var current: Any? = object
                for part in path.split(separator: ".") {
                    guard let d = current as? [String: Any] else { return nil }
                    current = d[String(part)]
                }
                return current
            }
            process(line: element.line, row: number, record: number, label: { "\($0) (record #\(number))" }, cell: { key in
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
    private mutating func process(line: Int, row: Int, record: Int?, label: (String) -> String, cell: (String) -> Cell, raw: (String) -> Any?) {
        func error(_ key: String, _ reason: String) -> InputError {
            InputError(file: file, line: line, field: label(key), reason)
        }
        let before = problems.count
        // id: a column's, or made from the row (always valid: the prefix was checked with the mapping)
        var id: String? = mapping.id.id(row: row)
        let idField: String
        switch mapping.id {
        case .row: idField = "id"
        case .field(let key):
            idField = key
            switch cell(key) {
            case .empty: problems.append(error(key, "the candidate id is required, but empty"))
            case .text(let t, _): id = t
            case .number(let n):
                if n == n.rounded(), abs(n) < 1e15 { id = String(Int64(n)) } else { problems.append(error(key, "\(n) is not an id")) }
            case .other(let what): problems.append(error(key, "\(what) is not an id"))
            }
            if let i = id, !Candidate.isValidID(i) {
                problems.append(error(key, "'\(i)' is not a plain ASCII id (letters, digits and _ - . @ + only)"))
                id = nil
            }
        }
        // formula
        var composition: ChemicalFormula? = nil
        var formulaText: String? = nil
        switch cell(mapping.formula) {
        case .empty: problems.append(error(mapping.formula, "the formula is required, but empty"))
        case .text(let t, _): formulaText = t
        case .number(let n): problems.append(error(mapping.formula, "\(formatNumber(n)) is not a chemical formula"))
        case .other(let what): problems.append(error(mapping.formula, "\(what) is not a chemical formula"))
        }
        if let t = formulaText {
            do {
                composition = try ChemicalFormula(t)
            } catch let e as ChemicalFormulaError {
                problems.append(error(mapping.formula, "'\(t)' is not a chemical formula: \(e.explanation) at position \(e.position)"))
            } catch {
                problems.append(InputError(file: file, line: line, field: label(mapping.formula), "\(error)"))
            }
        }
        // name
        var name = formulaText
        if let key = mapping.name {
            switch cell(key) {
            case .empty: break
            case .text(let t, _): name = t
            case .number(let n): name = formatNumber(n)
            case .other(let what): problems.append(error(key, "\(what) is not a name"))
            }
        }
        if let id, mapping.exclude[id] != nil {
            problems.removeSubrange(before...)
            result.excluded.append(id)
            return
        }
        var isNew = true
        if let id {
            if let first = seen[id] {
                problems.append(error(idField, "duplicate candidate id '\(id)' in this file (first on line \(first))"))
            } else {
                seen[id] = line
            }
            if let stored = existing[id] {
                isNew = false
                switch mapping.existing {
                case .error:
                    problems.append(error(idField, "candidate '\(id)' is already in the database (the mapping says existing: error)"))
                case .merge:
                    if let composition {
                        if let key = stored {
                            if key != composition.reducedKey {
                                problems.append(error(mapping.formula, "'\(composition.text)' (reduced \(composition.reducedKey)) is not the composition of candidate '\(id)' in the database (\(key)); not merged"))
                            }
                        } else {
                            problems.append(error(idField, "candidate '\(id)' is in the database without a formula, so its composition cannot be checked; not merged"))
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
                if case .failure(let e) = parsed { problems.append(error(p.key, e.reason)) }
                continue
            }
            guard let value = maybe else { continue }
            let canonical = p.canonical(value)
            guard canonical.isFinite else {
                problems.append(error(p.key, "\(formatNumber(value)) \(p.unitText) is not a finite number of \(p.property.canonicalUnit.symbol)")); continue
            }
            if let bounds = p.property.bounds, !bounds.contains(canonical) {
                problems.append(error(p.key, "\(formatNumber(canonical)) \(p.property.canonicalUnit.symbol) is outside the physical bounds of \(p.property.name) (\(p.property.boundsDescription))"))
                continue
            }
            var uncertainty: Double? = nil
            if let u = p.uncertainty {
                let parsedU = Self.number(cell(u))
                if case .failure(let e) = parsedU { problems.append(error(u, e.reason)); continue }
                if case .success(let g) = parsedU, let given = g {
                    if given < 0 { problems.append(error(u, "a ± uncertainty cannot be negative")); continue }
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
                    problems.append(self.error(line: line, field: label(key),
                        "the structure holds \(s.cellContent), which is not the composition of the formula '\(composition.text)' (\(composition.reducedKey)); fix the record or list its id under exclude: with the reason"))
                } else if let id {
                    derived = structureMeasurements(s, id: id, key: key, origin: origin)
                }
            } catch {
                problems.append(self.error(line: line, field: label(key), "not a usable pymatgen Structure: it \(error)"))
            }
        }
        guard problems.count == before, let id, let composition, let formulaText else { return }
        result.entries.append(Entry(candidate: Candidate(id: id, name: name ?? formulaText, formula: formulaText,
                                                         category: mapping.category, note: nil, origin: origin),
                                    composition: composition, isNew: isNew))
        result.measurements += measurements
        result.structureDerived += derived
    }

    private func error(line: Int, field: String, _ reason: String) -> InputError {
        InputError(file: file, line: line, field: field, reason)
    }

    /// A cell as a number: `.success(nil)` when empty (no value), `.failure(reason)` when not a
    /// finite number.
    private static func number(_ cell: Cell) -> Swift.Result<Double?, CellError> {
        switch cell {
        case .empty: return .success(nil)
        case .number(let n):
            return n.isFinite ? .success(n) : .failure(CellError(reason: "\(n) is not a finite number"))
        case .text(let t, let quoted):
            // A JSON string is text even when it looks like a number: a number is written bare.
            if quoted { return .failure(CellError(reason: "the JSON string \"\(t)\" is not a number (numbers are written without quotes)")) }
            guard let v = DecimalNumber.parse(t) else { return .failure(CellError(reason: "'\(t)' is not a finite number")) }
            return .success(v)
        case .other(let what):
            return .failure(CellError(reason: "\(what) is not a number"))
        }
    }

    struct CellError: Error { let reason: String }

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

/// `s` without leading and trailing spaces and tabs; `s` itself (no copy) when there are none.
@inline(__always)
func trimmedASCII(_ s: String) -> String {
    let u = s.utf8
    guard let first = u.first, let last = u.last else { return s }
    if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return s }
    return s.trimmingWhitespace()
}
