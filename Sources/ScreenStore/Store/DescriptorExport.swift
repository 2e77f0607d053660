import Foundation
import ScreenCore
import ScreenNumerics
/// The database's content as JSON objects and CSV rows, with the same fields in both,
/// so that what a script reads from one format it finds in the other.
public enum DescriptorExport {
    /// The fields of a candidate, in the order `fields(_:)` gives them (the CSV header of an empty table).
    public static let candidateColumns = ["id", "name", "formula", "category", "note"]
    /// The fields of a measurement, in the order `fields(_:)` gives them (the CSV header of an empty table):
    /// canonical value and unit, then the values as given.
    public static let measurementColumns = [
        "candidate_id", "property", "value", "unit", "uncertainty", "range_low", "range_high", "qualifier",
        "value_from_range", "value_as_given", "unit_as_given", "uncertainty_as_given", "range_low_as_given",
        "range_high_as_given", "convention_as_given", "reference_state", "method", "kind", "conditions", "source", "location", "note", "origin",
    ]
    /// The fields of a performance record, in the order `fields(_:)` gives them (the CSV header of an empty
    /// table): each quantity as given and in its unit (`_ma_cm2`, `_mah_cm2`, `_pct`, `_mv`, lifespan in hours).
    public static let performanceColumns = [
        "table", "candidate_id", "cell", "material", "technique", "electrolyte", "reference", "location",
        "current_density_as_given", "current_density_ma_cm2", "capacity_as_given", "capacity_mah_cm2",
        "coulombic_efficiency_as_given", "coulombic_efficiency_pct", "overpotential_as_given", "overpotential_mv",
        "lifespan_as_given", "lifespan_value", "lifespan_unit", "lifespan_hours", "lifespan_hours_derived",
        "area_specific_resistance_ohm_cm2", "area_specific_resistance_inputs",
        "cumulative_capacity_mah_cm2", "cumulative_capacity_inputs", "cell_type", "cell_type_basis", "conflict", "flagged",
        "note", "origin",
    ]

    /// The fields of a phase link, in the order `fields(_:)` gives them (the CSV header of an empty table).
    public static let phaseColumns = ["candidate_id", "phase_id", "source", "location", "note", "origin"]

    /// A candidate's fields, named as in `candidateColumns`; a missing formula or note is `null`.
    public static func fields(_ c: Candidate) -> [(String, JSONValue)] {
        [("id", .string(c.id)), ("name", .string(c.name)), ("formula", .string(c.formula)),
         ("category", .string(c.category.rawValue)), ("note", .string(c.note))]
    }

    /// A measurement's fields, named as in `measurementColumns`: canonical value, unit, uncertainty and range,
    /// then as given; what is absent (no uncertainty, no qualifier) is `null`.
    public static func fields(_ m: Measurement) -> [(String, JSONValue)] {
        [("candidate_id", .string(m.candidate)), ("property", .string(m.property)), ("value", .number(m.value)),
         ("unit", .string(m.canonicalUnit)), ("uncertainty", .number(m.uncertainty)),
         ("range_low", .number(m.rangeLow)), ("range_high", .number(m.rangeHigh)),
         ("qualifier", .string(m.qualifier?.rawValue)), ("value_from_range", .bool(m.valueFromRange)),
         ("value_as_given", .number(m.valueAsGiven)), ("unit_as_given", .string(m.unitAsGiven)),
         ("uncertainty_as_given", .number(m.uncertaintyAsGiven)), ("range_low_as_given", .number(m.rangeLowAsGiven)),
         ("range_high_as_given", .number(m.rangeHighAsGiven)),
         ("convention_as_given", .string(m.conventionAsGiven?.rawValue)),
         ("reference_state", .string(m.referenceState?.rawValue)), ("method", .string(m.method)),
         ("kind", .string(m.kind.rawValue)), ("conditions", .string(m.conditions)), ("source", .string(m.source)), ("location", .string(m.location)),
         ("note", .string(m.note)), ("origin", .string(m.origin))]
    }

    /// A performance record's fields, named as in `performanceColumns`: each quantity as given and converted
    /// (mA/cm², mAh/cm², %, mV, hours), the derived ASR and cumulative capacity with their inputs, and its conflicts;
    /// what is absent is `null`.
    public static func fields(_ p: PerformanceRecord) -> [(String, JSONValue)] {
        let hours = p.lifespanHours
        return [
            ("table", .integer(p.table)), ("candidate_id", .string(p.candidate)), ("cell", .string(p.cell)),
            ("material", .string(p.material)), ("technique", .string(p.technique)),
            ("electrolyte", .string(p.electrolyte)), ("reference", .string(p.reference)),
            ("location", .string(p.location)),
            ("current_density_as_given", .string(p.currentDensity.asGiven)),
            ("current_density_ma_cm2", .number(p.currentDensity.value)),
            ("capacity_as_given", .string(p.capacity.asGiven)), ("capacity_mah_cm2", .number(p.capacity.value)),
            ("coulombic_efficiency_as_given", .string(p.coulombicEfficiency.asGiven)),
            ("coulombic_efficiency_pct", .number(p.coulombicEfficiency.value)),
            ("overpotential_as_given", .string(p.overpotential.asGiven)), ("overpotential_mv", .number(p.overpotential.value)),
            ("lifespan_as_given", .string(p.lifespan?.asGiven)), ("lifespan_value", .number(p.lifespan?.value)),
            ("lifespan_unit", .string(p.lifespan?.unit.rawValue)), ("lifespan_hours", .number(hours?.hours)),
            ("lifespan_hours_derived", .bool(hours?.derived)),
            ("area_specific_resistance_ohm_cm2", .number(p.areaSpecificResistance?.value)),
            ("area_specific_resistance_inputs", .string(p.areaSpecificResistance?.inputs)),
            ("cumulative_capacity_mah_cm2", .number(p.cumulativeCapacity?.value)),
            ("cumulative_capacity_inputs", .string(p.cumulativeCapacity?.inputs)),
            ("cell_type", .string(p.cellType.rawValue)), ("cell_type_basis", .string(p.cellTypeBasis)),
            ("conflict", .string(PerformanceConflict.text(p.conflicts))), ("flagged", .bool(p.isFlagged)),
            ("note", .string(p.note)), ("origin", .string(p.origin)),
        ]
    }

    /// A phase link's fields, named as in `phaseColumns`; a missing location or note is `null`.
    public static func fields(_ l: PhaseLink) -> [(String, JSONValue)] {
        [("candidate_id", .string(l.candidate)), ("phase_id", .string(l.phase)), ("source", .string(l.source)),
         ("location", .string(l.location)), ("note", .string(l.note)), ("origin", .string(l.origin))]
    }

    /// One object with the arrays `candidates`, `measurements`, `performance`, `phases`
    /// (and `imputed`: values estimated by `screen impute`, never mixed with measurements); with
    /// `what`, that one array alone (only it is read from the database).
    /// - Complexity: O(rows of the tables exported), all held in memory.
    public static func json(_ store: DescriptorStore, what: DescriptorFileKind? = nil) throws -> JSONValue {
        func table(_ kind: DescriptorFileKind) throws -> JSONValue {
            switch kind {
            case .candidates: .array(try store.candidates().map { .object(fields($0)) })
            case .measurements: .array(try store.measurements().map { .object(fields($0)) })
            case .performance: .array(try store.performance().map { .object(fields($0)) })
            case .phases: .array(try store.phases().map { .object(fields($0)) })
            }
        }
        if let what { return try table(what) }
        return .object(try DescriptorFileKind.allCases.map { ($0.rawValue, try table($0)) }
                       + [("imputed", .array(try store.imputations().map { .object($0.fields) }))])
    }

    /// Every table as `<kind>.csv` in `folder`, written all at once (see `FileSet`); the paths written.
    public static func csvFiles(_ store: DescriptorStore, folder: URL) throws -> [URL] {
        var files = FileSet(folder: folder, name: "export")
        for kind in DescriptorFileKind.allCases {
            files.add(try csv(store, what: kind), at: "\(kind.rawValue).csv")
        }
        try files.commit()
        return files.paths
    }

    /// The CSV text of one of the three tables.
    public static func csv(_ store: DescriptorStore, what: DescriptorFileKind) throws -> String {
        let objects: [[(String, JSONValue)]] = switch what {
        case .candidates: try store.candidates().map(fields)
        case .measurements: try store.measurements().map(fields)
        case .performance: try store.performance().map(fields)
        case .phases: try store.phases().map(fields)
        }
        let header = objects.first?.map(\.0) ?? columns(what)
        return try CSVOutput.render(header: header, rows: objects.map { $0.map { cell($0.1) } })
    }

    static func columns(_ kind: DescriptorFileKind) -> [String] {
        switch kind {
        case .candidates: candidateColumns
        case .measurements: measurementColumns
        case .performance: performanceColumns
        case .phases: phaseColumns
        }
    }

    static func cell(_ v: JSONValue) -> String {
        switch v {
        case .null: ""
        case .bool(let b): b ? "true" : "false"
        case .integer(let i): String(i)
        case .number(let d): formatNumber(d)
        case .string(let s): s
        case .array, .object: v.rendered()
        }
    }
}
