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
    /// table/text conflicts; a file without them has unknown cell types and no flags).
    public var optionalColumns: [String] {
        switch self {
        case .performance: ["cell_type", "cell_type_basis", "conflict"]
        default: []
        }
    }

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
        if header.contains("phase") && header.contains("candidate") { return .phases }
        if header.contains("property") && header.contains("candidate") { return .measurements }
        if header.contains("lifespan") || header.contains("current_density") { return .performance }
        if header.contains("id") && header.contains("category") { return .candidates }
        return nil
    }
}
