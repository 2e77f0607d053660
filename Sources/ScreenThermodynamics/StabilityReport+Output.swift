import ScreenCore
import ScreenNumerics
import ScreenStore
/// `screen stability` output: JSON (the layout below), CSV (one row per composition) and a
/// terminal table.
///
///     {"open_element": "Na", "window_meaning": "…", "entries": [{"formula", "entry", "e_above_hull", "stable",
///       "decomposition": [{"formula", "fraction"}], "window": {"low", "high"} or null,
///       "products_at_open_element": [formulas], "reduction_onset", "reaction_energy_with_open_element",
///       "reaction_products": [formulas], "reaction_mixing_ratio",
///       "profile": [{"voltage", "evolution", "products"}]}]}
public enum StabilityOutput {
    /// What `window` means, written into the JSON beside the entries.
    public static let windowMeaning = "window: the voltages vs the open element (V) between which the compound is stable, low 0 when it is stable against the metal; high null when nothing above low decomposes it (open above); window null when the compound is not on the hull (no voltage at which it is stable)"
    /// What `reduction_onset` means, written into the JSON beside the entries.
    public static let onsetMeaning = "reduction_onset: the highest voltage vs the open element (V) at which the composition, or off its hull the phases it decomposes into, takes up the open element; 0 when the metal does not reduce them; the window's low end for a compound on the hull"

    /// The JSON document.
    /// - Complexity: O(R·s) for R reports of at most s profile steps.
    public static func json(_ reports: [StabilityReport], open: String, notes: [String] = []) -> JSONValue {
        .object([
            ("open_element", .string(open)),
            ("window_meaning", .string(windowMeaning)),
            ("reduction_onset_meaning", .string(onsetMeaning)),
            ("notes", .array(notes.map { .string($0) })),
            ("entries", .array(reports.map(json))),
        ])
    }

    static func json(_ r: StabilityReport) -> JSONValue {
        .object([
            ("formula", .string(r.formula)),
            ("entry", .string(r.entry)),
            ("e_above_hull", .number(r.energyAboveHull)),
            ("stable", .bool(r.isStable)),
            ("decomposition", .array(r.decomposition.map { .object([("formula", .string($0.formula)), ("fraction", .number($0.fraction))]) })),
            ("window", r.profile.window.map { .object([("low", .number($0.low)), ("high", .number($0.high))]) } ?? .null),
            ("products_at_open_element", .array(r.profile.productsAtMetal.map { .string($0) })),
            ("reduction_onset", .number(r.profile.reductionOnset)),
            ("reaction_energy_with_open_element", .number(r.reaction.energy)),
            ("reaction_products", .array(r.reaction.products.map { .string($0) })),
            ("reaction_mixing_ratio", .number(r.reaction.energy < 0 ? r.reaction.mixingRatio : nil)),
            ("profile", .array(r.profile.steps.map {
                .object([("voltage", .number($0.voltage)), ("evolution", .number($0.evolution)),
                         ("products", .array($0.products.map { .string($0) }))])
            })),
        ])
    }

    /// One row per composition; lists joined with ` + `, the profile as `V: products; …`.
    /// - Throws: `CSVOutput.render`'s errors.
    /// - Complexity: O(R·s) for R reports of at most s profile steps.
    public static func csv(_ reports: [StabilityReport], open: String) throws -> String {
        let header = ["formula", "entry", "e_above_hull_ev_per_atom", "stable", "decomposition",
                      "window_low_v", "window_high_v", "products_at_\(open.lowercased())_metal", "reduction_onset_v",
                      "reaction_energy_with_\(open.lowercased())_ev_per_atom", "reaction_products", "reaction_mixing_ratio", "profile"]
        let rows = reports.map { r -> [String] in
            [r.formula, r.entry ?? "", formatNumber(r.energyAboveHull), r.isStable ? "true" : "false",
             decomposition(r), formatNumber(r.profile.window?.low), formatNumber(r.profile.window?.high),
             r.profile.productsAtMetal.joined(separator: " + "), formatNumber(r.profile.reductionOnset), formatNumber(r.reaction.energy),
             r.reaction.products.joined(separator: " + "), r.reaction.energy < 0 ? formatNumber(r.reaction.mixingRatio) : "",
             r.profile.steps.map { "\(formatNumber($0.voltage)): \($0.products.joined(separator: " + "))" }.joined(separator: "; ")]
        }
        return try CSVOutput.render(header: header, rows: rows)
    }

    /// The terminal table: one row per composition, the leading figures rounded for reading.
    /// - Complexity: O(R·d) for R reports with decompositions of at most d phases.
    public static func text(_ reports: [StabilityReport], open: String, notes: [String] = []) -> String {
        var table = TextTable(header: ["formula", "E above hull (eV/atom)", "decomposition", "window vs \(open)/\(open)+ (V)",
                                       "with \(open) metal", "reaction with \(open) (eV/atom)"],
                              rightAligned: [1, 5])
        for r in reports {
            let window: String
            if let w = r.profile.window {
                window = "\(formatForDisplay(w.low, significant: 4)) – \(w.high.map { formatForDisplay($0, significant: 4) } ?? "∞")"
            } else {
                let onset = r.profile.reductionOnset
                window = onset > 0 ? "— (not on hull; takes up \(open) below \(formatForDisplay(onset, significant: 4)) V)" : "— (not on hull)"
            }
            table.rows.append([
                r.formula, formatForDisplay(r.energyAboveHull, significant: 4), decomposition(r), window,
                r.profile.productsAtMetal.joined(separator: " + "),
                r.reaction.energy < 0 ? "\(formatForDisplay(r.reaction.energy, significant: 4)) → \(r.reaction.products.joined(separator: " + "))" : "0 (inert)",
            ])
        }
        var out = table.rendered()
        for n in notes { out += "note: \(n)\n" }
        return out
    }

    static func decomposition(_ r: StabilityReport) -> String {
        if r.isStable { return "stable" }
        return r.decomposition.map { "\(formatForDisplay($0.fraction, significant: 3)) \($0.formula)" }.joined(separator: " + ")
    }
}
