import ScreenCore
import ScreenStore

/// `screen stability` as a request: the formulas named and every composition of the database that
/// passes a filter, each analysed against the open element's metal. Why a type: the Python module
/// and the command line share the parsing of the formula list and the choice of compositions.
public struct StabilityRequest: Sendable {
    /// The formulas named on the command line, analysed first and in the order given (duplicates kept).
    public var formulas: [ChemicalFormula] = []
    /// Every composition with a formation energy that passes (its lowest-energy entry), besides `formulas`.
    public var filter: CompositionFilter?
    /// The element whose metal is the reservoir.
    public var open = "Na"

    /// An empty request (no formulas, no filter, open element Na), to be filled field by field.
    public init() {}

    /// The request as the command line gives it: `formulas` comma-separated (nil: none), the
    /// composition `filter` (nil: none), the `open` element's symbol.
    /// - Throws: `UsageError` when neither formulas nor a filter is given or `open` is not an element
    ///   symbol; `FlagError` naming `--formula` and the formula at fault.
    public init(formulas text: String?, filter: CompositionFilter?, open: String) throws {
        if text == nil && filter == nil {
            throw UsageError("give --formula or a composition filter (--contains, --elements, --exclude, --min-elements, --max-elements)")
        }
        guard ChemicalElements.isSymbol(open) else { throw UsageError("--open: '\(open)' is not an element symbol") }
        (formulas, self.filter, self.open) = (try Self.formulas(text ?? ""), filter, open)
    }

    /// A comma-separated formula list (`NaF,Al2O3,Na2SO4`), each checked before any database is opened.
    /// - Throws: `FlagError` naming `--formula` and the formula at fault.
    public static func formulas(_ text: String) throws -> [ChemicalFormula] {
        try text.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.map { item in
            do { return try ChemicalFormula(item) } catch { throw FlagError("--formula", "'\(item)': \(error)") }
        }
    }

    /// The reports, in the order: named formulas, then the filter's compositions sorted by formula (a composition named is not repeated among them).
    /// - Complexity: reading every formation energy, then per composition one hull LP and 2k + 2 LPs
    ///   for a phase evolution of k steps.
    public func run(store: DescriptorStore) throws -> StabilityTable {
        let (space, all, _) = try prepare(store: store)
        return StabilityTable(reports: try reports(space, all), open: open)
    }

    /// Shard `shard` of the job: the reports of its contiguous part of the compositions, with a
    /// fingerprint of the formation energies and the request, for `StabilityTable.merged`.
    /// - Complexity: reading every formation energy (and hashing them), then `run`'s per-composition
    ///   work for about 1/n of the compositions.
    public func partial(store: DescriptorStore, shard: Shard) throws -> PartialResult<StabilityTable> {
        let (space, all, fingerprint) = try prepare(store: store)
        let mine = Array(all[shard.range(of: all.count)])
        return PartialResult(kind: StabilityTable.partialKind, fingerprint: fingerprint, shard: shard,
                             payload: StabilityTable(reports: try reports(space, mine), open: open))
    }

    /// The reports of `formulas` in order, with a progress line on a terminal.
    private func reports(_ space: PhaseSpace, _ formulas: [ChemicalFormula]) throws -> [StabilityReport] {
        let progress = ProgressLine("stability", total: formulas.count)
        defer { progress.finish() }
        return try formulas.map { formula in
            defer { progress.advance() }
            return try space.report(for: formula, open: open)
        }
    }

    /// The phase space, the compositions to analyse in order, and the job's fingerprint: SHA-256 of
    /// the open element, the compositions and every formation energy (candidate, formula, value bits).
    private func prepare(store: DescriptorStore) throws -> (PhaseSpace, [ChemicalFormula], String) {
        let values = try store.values(of: "formation_energy")
        let space = try PhaseSpace(values: values)
        // A composition both named and matched by the filter is analysed once, where it was named.
        let named = Set(formulas.map(\.reducedKey))
        let all = formulas + (filter.map { space.formulas(matching: $0, leavingOut: open).filter { !named.contains($0.reducedKey) } } ?? [])
        var text = "open \(open)\n" + all.map { $0.text }.joined(separator: ",") + "\n"
        for v in values { text += "\(v.candidate)\t\(v.formula ?? "")\t\(v.value.bitPattern)\n" }
        return (space, all, SHA256.hex(of: Array(text.utf8)))
    }
}

/// The reports of `StabilityRequest.run` in the three output formats (see `StabilityOutput`).
public struct StabilityTable: Sendable, Codable {
    /// One report per composition, in the request's order.
    public let reports: [StabilityReport]
    /// The symbol of the open element every report was analysed against (e.g. "Na").
    public let open: String

    /// A table of `reports`, all analysed against the element `open`.
    public init(reports: [StabilityReport], open: String) {
        self.reports = reports
        self.open = open
    }

    /// The `kind` of stability partial results.
    public static let partialKind = "stability"

    /// The unsharded table from every shard's partial result (checked by `PartialResult.readAll`):
    /// the shards' reports concatenated in shard order, which is the unsharded order. With no
    /// parts the table is empty and its open element "Na".
    /// - Complexity: O(R) for R reports in all.
    public static func merged(_ parts: [PartialResult<StabilityTable>]) -> StabilityTable {
        StabilityTable(reports: parts.flatMap(\.payload.reports), open: parts.first?.payload.open ?? "Na")
    }

    /// The terminal table (`StabilityOutput.text`), without notes.
    /// - Complexity: O(R·d) for R reports with decompositions of at most d phases.
    public func text() -> String { StabilityOutput.text(reports, open: open) }
    /// The JSON document (`StabilityOutput.json`), without notes.
    /// - Complexity: O(R·s) for R reports of at most s profile steps.
    public func json() -> JSONValue { StabilityOutput.json(reports, open: open) }
    /// The CSV text, one row per composition (`StabilityOutput.csv`).
    /// - Throws: `CSVOutput.render`'s errors.
    /// - Complexity: O(R·s) for R reports of at most s profile steps.
    public func csv() throws -> String { try StabilityOutput.csv(reports, open: open) }
}

extension StabilityTable: TableOutput {}

extension StabilityRequest {
    /// Where the hulls come from and what is computed for each composition, in words: what
    /// `screen stability --help` says, kept beside the request it describes.
    public static let help = """
        Hulls are built from every formation_energy value in the database (import them first: \
        screen db import Descriptors/computed/mp-formation-energies.csv --mapping Descriptors/mappings/mp-formation-energies.yaml). \
        For each composition: energy above the hull of its chemical system and what it decomposes into; against the open \
        element's metal (--open, default Na): the phase evolution with voltage vs Na/Na+ (V = -mu_Na), the stability \
        window of a compound on the hull, the products in equilibrium with the metal, and the most negative reaction \
        energy with the metal over mixing ratios (eV per atom of the mixture).
        """
}
