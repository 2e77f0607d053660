import ScreenCore
import ScreenStore

/// `screen stability` as a request: the formulas named and every composition of the database that
/// passes a filter, each analysed against the open element's metal. Why a type: the Python module
/// and the command line share the parsing of the formula list and the choice of compositions.
public struct StabilityRequest: Sendable {
    public var formulas: [ChemicalFormula] = []
    /// Every composition with a formation energy that passes (its lowest-energy entry), besides `formulas`.
    public var filter: CompositionFilter?
    /// The element whose metal is the reservoir.
    public var open = "Na"

    public init() {}

    /// A comma-separated formula list (`NaF,Al2O3,Na2SO4`), each checked before any database is opened.
    /// - Throws: `FlagError` naming `--formula` and the formula at fault.
    public static func formulas(_ text: String) throws -> [ChemicalFormula] {
        try text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { item in
            do { return try ChemicalFormula(item) } catch { throw FlagError("--formula", "'\(item)': \(error)") }
        }
    }

    /// The reports, in the order: named formulas, then the filter's compositions sorted by formula.
    /// - Complexity: reading every formation energy, then per composition one hull LP and 2k + 2 LPs
    ///   for a phase evolution of k steps.
    public func run(store: DescriptorStore) throws -> StabilityTable {
        let space = try PhaseSpace(store: store)
        let all = formulas + (filter.map { space.formulas(matching: $0, leavingOut: open) } ?? [])
        return StabilityTable(reports: try space.reports(for: all, open: open), open: open)
    }
}

/// The reports of `StabilityRequest.run` in the three output formats (see `StabilityOutput`).
public struct StabilityTable: Sendable {
    public let reports: [StabilityReport]
    public let open: String

    public func text() -> String { StabilityOutput.text(reports, open: open) }
    public func json() -> JSONValue { StabilityOutput.json(reports, open: open) }
    public func csv() throws -> String { try StabilityOutput.csv(reports, open: open) }
}

extension StabilityTable: TableOutput {}
