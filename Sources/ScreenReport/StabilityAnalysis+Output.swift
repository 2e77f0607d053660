import SVGCharts
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenSensitivity
import ScreenStore
import ScreenThermodynamics
/// The stability analysis as data: JSON for the report's NAME.json, and two CSV tables (every
/// compound removed at the stability stage; every ranked compound with its window). Machine
/// formats keep every digit (`formatNumber`); products are joined with " + ".
extension StabilityAnalysis {
    /// The analysis as JSON: the open element, the method, the formation energies' sources, the
    /// stages, the removed compounds (by a limit and without data), the ranked ones with their
    /// windows, and the notes.
    public func json() -> JSONValue {
        .object([
            ("open_element", .string(Self.metal)),
            ("method", .string(StabilityDescriptors.method)),
            ("formation_energy_sources", .array(sources.map { .string($0) })),
            ("stages", .array(stages.stages.map {
                .object([("stage", .string($0.name)), ("test", .string($0.test)), ("removed", .integer($0.removed)), ("remaining", .integer($0.remaining))])
            })),
            ("removed", .array(removed.map { e in
                .object([("candidate", .string(e.candidate.id)), ("formula", .string(e.candidate.formula)), ("removed_by", .string(e.criterion)),
                         ("energy_above_hull", .number(e.energyAboveHull)), ("reaction_energy_with_na", .number(e.reactionEnergy)),
                         ("reduction_onset_vs_na", .number(e.reductionOnset))]
                        + Self.json(e.thermodynamics))
            })),
            ("without_data", .array(withoutData.map { .object([("candidate", .string($0.candidate.id)), ("criterion", .string($0.criterion))]) })),
            ("ranked", .array(ranked.map { e in
                .object([("rank", .integer(e.rank)), ("candidate", .string(e.candidate.id)), ("formula", .string(e.candidate.formula))]
                        + Self.json(e.thermodynamics))
            })),
            ("notes", .array(notes.map { .string($0) })),
        ])
    }

    static func json(_ t: Thermodynamics?) -> [(String, JSONValue)] {
        guard let t else { return [("thermodynamics", .null)] }
        return [("mixing_ratio", .number(t.mixingRatio)), ("reaction_products", .array(t.products.map { .string($0) })),
                ("products_with_na_metal", .array(t.productsWithMetal.map { .string($0) })),
                ("reduction_onset_vs_na", .number(t.reductionOnset)),
                ("reduction_limit_vs_na", .number(t.window?.low)), ("oxidation_limit_vs_na", .number(t.window?.high ?? nil))]
    }

    /// The entries behind a row, space-separated (its own id when it stands for itself).
    func entries(of id: String) -> String { (entriesByCandidate[id] ?? [id]).joined(separator: " ") }

    /// Every compound removed at the stability stage (those without data too), in scope order.
    public func removedCSV() throws -> String {
        let header = ["candidate", "entries", "formula", "removed_by", "reason", "energy_above_hull [eV/atom]", "reaction_energy_with_na [eV/atom]",
                      "reduction_onset_vs_na [V]", "mixing_ratio", "reaction_products", "products_with_na_metal", "reduction_limit_vs_na [V]", "oxidation_limit_vs_na [V]"]
        var rows = removed.map { e in
            [e.candidate.id, entries(of: e.candidate.id), e.candidate.formula ?? "", e.criterion, "beyond the limit",
             formatNumber(e.energyAboveHull), formatNumber(e.reactionEnergy), formatNumber(e.reductionOnset)] + Self.cells(e.thermodynamics)
        }
        rows += withoutData.map { [$0.candidate.id, entries(of: $0.candidate.id), $0.candidate.formula ?? "", $0.criterion, "no value", "", "", ""] + Self.cells(nil) }
        return try CSVOutput.render(header: header, rows: rows)
    }

    /// Every ranked compound in rank order with its reduction onset, window and products with Na metal.
    public func windowsCSV() throws -> String {
        let header = ["rank", "candidate", "formula", "energy_above_hull [eV/atom]", "reduction_onset_vs_na [V]", "reduction_limit_vs_na [V]",
                      "oxidation_limit_vs_na [V]", "products_with_na_metal"]
        let rows = ranked.map { e in
            [String(e.rank), e.candidate.id, e.candidate.formula ?? "", formatNumber(e.thermodynamics?.energyAboveHull),
             formatNumber(e.thermodynamics?.reductionOnset), formatNumber(e.thermodynamics?.window?.low), formatNumber(e.thermodynamics?.window?.high ?? nil),
             e.thermodynamics?.productsWithMetal.joined(separator: " + ") ?? ""]
        }
        return try CSVOutput.render(header: header, rows: rows)
    }

    static func cells(_ t: Thermodynamics?) -> [String] {
        guard let t else { return ["", "", "", "", ""] }
        return [formatNumber(t.mixingRatio), t.products.joined(separator: " + "), t.productsWithMetal.joined(separator: " + "),
                formatNumber(t.window?.low), formatNumber(t.window?.high ?? nil)]
    }
}
