import Foundation
import ScreenNumerics

/// Turns CSV tables into validated records: every unit is checked against the property
/// catalogue, every value converted to the canonical unit and sign convention, and every
/// problem reported as `file:line: field: reason`.
public enum DescriptorParser {
    /// Parses one table of a known layout. Problems are appended to `problems`; a row with a
    /// problem is left out of the result, so the caller decides whether to stop or go on.
    /// - Complexity: O(r·c) for r records and c columns.
    public static func parse(_ table: CSVTable, as kind: DescriptorFileKind, problems: inout [InputError]) -> DescriptorSet {
        var set = DescriptorSet()
        let named = table.header.map { DescriptorFileKind.columnAliases[$0] ?? $0 }
        for name in kind.requiredColumns where !named.contains(name) {
            problems.append(InputError(file: table.file, line: 1, field: name, "required column is missing from the header"))
        }
        for (name, meant) in zip(table.header, named) where !kind.columns.contains(meant) && !kind.optionalColumns.contains(meant) {
            problems.append(InputError(file: table.file, line: 1, field: name,
                                       "unknown column for a \(kind.rawValue) file (expected: \((kind.columns + kind.optionalColumns).joined(separator: ",")))"))
        }
        guard problems.isEmpty else { return set }
        for record in table.records {
            let row = Row(table: table, record: record)
            do {
                switch kind {
                case .candidates: set.candidates.append(try candidate(row))
                case .measurements: set.measurements.append(try checkedKind(row.has("unit_as_given") ? exported(row) : measurement(row), row))
                case .performance: set.performance.append(try performance(row))
                case .phases: set.phases.append(try phase(row))
                }
            } catch let error as InputError {
                problems.append(error)
            } catch {
                problems.append(row.error(nil, "\(error)"))
            }
        }
        return set
    }

    /// A record's cells by column name.
    struct Row {
        let table: CSVTable
        let record: CSVRecord

        /// The header's name of a layout column (`candidate_id` for `candidate` in an export).
        func column(_ name: String) -> String {
            if table.header.contains(name) { return name }
            return DescriptorFileKind.columnAliases.first { $0.value == name && table.header.contains($0.key) }?.key ?? name
        }

        func text(_ column: String) -> String? {
            guard let i = table.header.firstIndex(of: self.column(column)) else { return nil }
            let t = record.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty ? nil : t
        }

        func has(_ column: String) -> Bool { table.header.contains(self.column(column)) }

        func required(_ column: String) throws -> String {
            guard let t = text(column) else { throw error(column, "required, but empty") }
            return t
        }

        func number(_ column: String) throws -> Double? {
            guard let t = text(column) else { return nil }
            guard let v = DecimalNumber.parse(t) else { throw error(column, "'\(t)' is not a finite number") }
            return v
        }

        /// A column only some properties take (`convention`, `reference_state`): its value when
        /// given, refused for a property that does not `take` it, required for one that does.
        /// - Parameters:
        ///   - kind: what a value is, in words ("sign convention").
        ///   - choices: the values, for an unknown one; `required`: the values explained, for a
        ///     missing one.
        func propertyOption<T: RawRepresentable>(_ column: String, kind: String, choices: String, required: String,
                                                 takes: Bool, property: String) throws -> T? where T.RawValue == String {
            guard let text = text(column) else {
                if takes { throw error(column, "required for \(property): \(required)") }
                return nil
            }
            guard let value = T(rawValue: text) else { throw error(column, "'\(text)' is not a \(kind) (\(choices))") }
            guard takes else { throw error(column, "\(property) has no \(kind); leave it empty") }
            return value
        }

        func error(_ field: String?, _ reason: String) -> InputError {
            InputError(file: table.file, line: record.line, field: field.map(column), reason)
        }

        var origin: String { "\(table.file):\(record.line)" }
    }

    static func candidate(_ row: Row) throws -> Candidate {
        let id = try row.required("id")
        guard Candidate.isValidID(id) else {
            throw row.error("id", "'\(id)' is not a plain ASCII id (letters, digits and _ - . @ + only)")
        }
        let categoryText = try row.required("category")
        guard let category = CandidateCategory(rawValue: categoryText) else {
            throw row.error("category", "'\(categoryText)' is not a category (one of: \(CandidateCategory.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        // A formula that does not parse would fail every composition filter and join silently.
        if let f = row.text("formula") {
            do { _ = try ChemicalFormula(f) } catch let e as ChemicalFormulaError {
                throw row.error("formula", "\(e.explanation) at character \(e.position) of '\(f)'")
            }
        }
        return Candidate(id: id, name: try row.required("name"), formula: row.text("formula"),
                         category: category, note: row.text("note"), origin: row.origin)
    }

    static func measurement(_ row: Row, stored: Bool = false) throws -> Measurement {
        let candidate = try row.required("candidate")
        let propertyName = try row.required("property")
        guard let property = PropertyCatalogue.property(named: propertyName) else {
            throw row.error("property", "'\(propertyName)' is not in the property catalogue (see `screen db properties`)")
        }
        let unitText = try row.required("unit")
        guard let unit = property.unit(named: unitText) else {
            throw row.error("unit", "'\(unitText)' is not a unit of \(property.name) (accepted: \(property.units.map(\.symbol).joined(separator: ", ")))")
        }
        // An export's values are stored ones: canonical unit, canonical sign convention.
        let convention: SignConvention? = try stored ? (property.hasSignConvention ? .adsorptionNegative : nil)
            : row.propertyOption("convention", kind: "sign convention", choices: "binding_positive or adsorption_negative",
                                     required: "binding_positive (positive = stronger) or adsorption_negative (negative = favourable)",
                                     takes: property.hasSignConvention, property: property.name)
        let referenceState: ReferenceState? = try row.propertyOption(
            "reference_state", kind: "reference state", choices: ReferenceState.spelledOut,
            required: "isolated_atom (relative to an isolated Na atom), bulk_sodium (relative to bulk Na metal) or not_stated (say why in the note)",
            takes: property.hasReferenceState, property: property.name)
        var qualifier: Qualifier? = nil
        if let q = row.text("qualifier") {
            guard let parsed = Qualifier(rawValue: q) else {
                throw row.error("qualifier", "'\(q)' is not a qualifier (~, <, >, <=, >=)")
            }
            qualifier = parsed
        }
        let given = try row.number("value")
        let uncertainty = try row.number("uncertainty")
        let low = try row.number("range_low"), high = try row.number("range_high")
        if (low == nil) != (high == nil) { throw row.error(low == nil ? "range_low" : "range_high", "a range needs both ends") }
        if let low, let high, low > high { throw row.error("range_low", "range_low \(low) is above range_high \(high)") }
        if let uncertainty, uncertainty < 0 { throw row.error("uncertainty", "a ± uncertainty cannot be negative") }
        if let given, let low, let high, !(low...high).contains(given) {
            throw row.error("value", "\(formatForDisplay(given)) lies outside its own range \(formatForDisplay(low)) … \(formatForDisplay(high)); which is meant?")
        }
        if let qualifier, qualifier != .approximately, low != nil {
            throw row.error("qualifier", "a bound ('\(qualifier.rawValue)') takes one value, not a range: give the bound in value, or drop the qualifier")
        }
        guard given != nil || low != nil else { throw row.error("value", "required, but empty (and no range is given)") }

        func canonical(_ v: Double) -> Double {
            let inUnit = unit.toCanonical(v)
            return convention?.toCanonical(inUnit) ?? inUnit
        }
        var cLow = low.map(canonical), cHigh = high.map(canonical)
        if let a = cLow, let b = cHigh, a > b { (cLow, cHigh) = (b, a) }
        // `given == nil` implies a range (guard above), and a range has both ends (checked on reading).
        let value = given.map(canonical) ?? (cLow! + cHigh!) / 2
        if let bounds = property.bounds {
            for (field, v) in [("value", value), ("range_low", cLow), ("range_high", cHigh)] as [(String, Double?)] {
                if let v, !bounds.contains(v) {
                    throw row.error(field, "\(v) \(property.canonicalUnit.symbol) is outside the physical bounds of \(property.name) (\(property.boundsDescription))")
                }
            }
        }
        return Measurement(
            candidate: candidate, property: property.name, value: value,
            uncertainty: uncertainty.map { abs(unit.toCanonical($0)) }, rangeLow: cLow, rangeHigh: cHigh,
            qualifier: qualifier, valueFromRange: given == nil, valueAsGiven: given,
            uncertaintyAsGiven: uncertainty, rangeLowAsGiven: low, rangeHighAsGiven: high,
            unitAsGiven: unitText, method: try row.required("method"), conditions: row.text("conditions"),
            conventionAsGiven: convention, referenceState: referenceState, source: try row.required("source"),
            location: row.text("location"), note: row.text("note"), origin: row.origin)
    }

    static func phase(_ row: Row) throws -> PhaseLink {
        let candidate = try row.required("candidate"), phase = try row.required("phase")
        guard candidate != phase else { throw row.error("phase", "a candidate cannot be its own phase") }
        return PhaseLink(candidate: candidate, phase: phase, source: try row.required("source"),
                         location: row.text("location"), note: row.text("note"), origin: row.origin)
    }

    static func performance(_ row: Row) throws -> PerformanceRecord {
        var table: Int? = nil
        if let t = row.text("table") {
            guard let n = Int(t), n == 1 || n == 2 else { throw row.error("table", "'\(t)' is not 1 or 2 (leave empty for a record from the text)") }
            table = n
        }
        var lifespan: Lifespan? = nil
        if let l = row.text("lifespan") {
            guard let parsed = Lifespan(l) else { throw row.error("lifespan", "'\(l)' is not a lifespan such as '600 h', '300 cycles' or '~ 2200 h'") }
            lifespan = parsed
        }
        if let id = row.text("candidate"), !Candidate.isValidID(id) {
            throw row.error("candidate", "'\(id)' is not a plain ASCII id")
        }
        func reported(_ column: String, range: ClosedRange<Double>) throws -> ReportedNumber {
            let r = ReportedNumber(cell: row.text(column) ?? "")
            if let v = r.value, !range.contains(v) { throw row.error(column, "\(v) is outside \(range.lowerBound)…\(range.upperBound)") }
            // Text without a value is kept only when it lists conditions ("0.25/0.5/1"); a word is a slip.
            if r.value == nil, let text = r.asGiven,
               !text.split(separator: "/").allSatisfy({ DecimalNumber.parse($0.trimmingWhitespace()) != nil }) {
                throw row.error(column, "'\(text)' is not a number (or numbers separated by '/', one per condition)")
            }
            return r
        }
        let any = 0...Double.greatestFiniteMagnitude
        // cell_type: one of the vocabulary; a type other than unknown names where the review says so.
        var cellType: CellType = .unknown
        if row.has("cell_type") {
            guard let t = row.text("cell_type") else {
                throw row.error("cell_type", "required: \(CellType.allCases.map(\.rawValue).joined(separator: ", ")) (unknown when the review does not say)")
            }
            guard let parsed = CellType(rawValue: t) else {
                throw row.error("cell_type", "'\(t)' is not a cell type (\(CellType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            cellType = parsed
        }
        let basis = row.text("cell_type_basis")
        if cellType != .unknown && basis == nil {
            throw row.error("cell_type_basis", "required when cell_type is \(cellType.rawValue): where the review says so")
        }
        if cellType == .unknown, let b = basis {
            throw row.error("cell_type_basis", "'\(b)' given for an unknown cell type: give the cell type it supports")
        }
        var conflicts: [PerformanceConflict] = []
        if let c = row.text("conflict") {
            switch PerformanceConflict.parse(c) {
            case .success(let parsed): conflicts = parsed
            case .failure(let e): throw row.error("conflict", e.message)
            }
        }
        var record = PerformanceRecord(
            table: table, candidate: row.text("candidate"), cell: row.text("cell"), material: row.text("material"),
            technique: row.text("technique"), electrolyte: row.text("electrolyte"),
            currentDensity: try reported("current_density", range: any), capacity: try reported("capacity", range: any),
            coulombicEfficiency: try reported("coulombic_efficiency", range: 0...100),
            overpotential: try reported("overpotential", range: any), lifespan: lifespan,
            reference: try row.required("reference"), location: row.text("location"), note: row.text("note"),
            origin: row.origin)
        record.cellType = cellType
        record.cellTypeBasis = basis
        record.conflicts = conflicts
        return record
    }
}
