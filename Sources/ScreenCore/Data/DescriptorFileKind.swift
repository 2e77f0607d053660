import ScreenNumerics
/// The four layouts of descriptor CSV files, recognised by their header so that a
/// user can `screen db import` any of them without saying which it is.
public enum DescriptorFileKind: String, CaseIterable, Sendable {
    /// The folder and layout name (`Descriptors/candidates/`, …).
    case candidates, measurements, performance, phases

    /// The layout's columns, in file order (a user's file may leave out the optional ones).
    public var columns: [String] {
        switch self {
        case .candidates: ["id", "name", "formula", "category", "note"]
        case .measurements:
            ["candidate", "property", "value", "uncertainty", "range_low", "range_high", "qualifier", "unit",
             "method", "conditions", "convention", "reference_state", "source", "location", "note"]
        case .performance:
            ["table", "candidate", "cell", "material", "technique", "electrolyte", "current_density", "capacity",
             "coulombic_efficiency", "overpotential", "lifespan", "reference", "location", "note"]
        case .phases: ["candidate", "phase", "source", "location", "note"]
        }
    }

    /// Columns a file may add to `columns` (performance: the cell type with its basis, and the
    /// table/text conflicts; a file without them has unknown cell types and no flags; measurements:
    /// `kind`, checked against the method, and the columns of `screen db export`, so that an
    /// exported file imports again — `exportedMeasurementColumns`).
    public var optionalColumns: [String] {
        switch self {
        case .performance: ["cell_type", "cell_type_basis", "conflict"]
        case .measurements: ["kind"] + Self.exportedMeasurementColumns
        default: []
        }
    }

    /// The columns `screen db export --what measurements` adds to the layout: a file with
    /// `unit_as_given` is an export, whose `value`, `unit`, `uncertainty` and range are canonical
    /// and whose values as given are restored from these columns.
    public static let exportedMeasurementColumns = [
        "value_from_range", "value_as_given", "unit_as_given", "uncertainty_as_given", "range_low_as_given",
        "range_high_as_given", "convention_as_given", "origin",
    ]

    /// Other names of a layout's columns, as the exports and the SQLite tables write them:
    /// `candidate_id` for `candidate`, `phase_id` for `phase`.
    public static let columnAliases = ["candidate_id": "candidate", "phase_id": "phase"]

    /// Columns that must be present; the others may be left out of a user's file.
    var requiredColumns: [String] {
        switch self {
        case .candidates: ["id", "name", "category"]
        case .measurements: ["candidate", "property", "value", "unit", "method", "source"]
        case .performance: ["reference"]
        case .phases: ["candidate", "phase", "source"]
        }
    }

    /// The layout whose required columns the header has, preferring the most specific.
    /// - Complexity: O(c) for c header columns.
    public static func detect(header: [String]) -> DescriptorFileKind? {
        let header = header.map { columnAliases[$0] ?? $0 }
        if header.contains("phase") && header.contains("candidate") { return .phases }
        if header.contains("property") && header.contains("candidate") { return .measurements }
        if header.contains("lifespan") || header.contains("current_density") { return .performance }
        if header.contains("id") && header.contains("category") { return .candidates }
        return nil
    }
}
