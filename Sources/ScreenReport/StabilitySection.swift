import SVGCharts
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenSensitivity
import ScreenStore
import ScreenThermodynamics
/// The report's section on stability against sodium metal, for profiles that screen on it: what
/// the stage did in words, the stages with their counts, the leaders' stability windows as a
/// chart, what the compounds removed at the stage turn into with sodium metal, and where the
/// full lists are. Every number comes from the `StabilityAnalysis` (the stored descriptors the
/// screening used, and the thermodynamics API over the database's formation energies).
enum StabilitySection {
    /// Compounds in the window chart (the first ranked ones that have a window).
    static let windowRows = 20
    /// Products listed in the table of reduction products.
    static let productRows = 15
    /// Compounds named beside each product.
    static let productExamples = 4

    /// The one-line count of the stages, for the top of the profile's section.
    static func stagesLine(_ s: StabilityAnalysis) -> ReportDocument.Block {
        .paragraph([.strong("Stages. "), .text(s.stages.line + ".")])
    }

    /// The section's blocks. `files` is the prefix of the CSV names (`{report}-slug`).
    static func blocks(_ a: ProfileAnalysis, _ s: StabilityAnalysis, slug: String, files: String) -> [ReportDocument.Block] {
        let r = a.result
        var blocks: [ReportDocument.Block] = [.heading(level: 3, text: "Stability against sodium metal", anchor: "\(slug)-stability")]
        blocks.append(.paragraph([.text(description(r, s))]))
        // Three columns (the test goes with the stage's name) so that the table fits a phone's width.
        blocks.append(.table(header: ["Stage and test", "Removed", "Left"],
                             rows: s.stages.stages.map { stage in
                                 [stage.test.isEmpty ? stage.name : stage.test.hasPrefix(stage.name) ? stage.test : "\(stage.name): \(stage.test)",
                                  stage.name == "in scope" || stage.name == "ranked" ? "" : formatGrouped(stage.removed), formatGrouped(stage.remaining)]
                             },
                             alignments: [.left, .right, .right],
                             caption: "Stages of the screening: each candidate is counted at the first stage it fails"))
        if let (chart, caption) = windowChart(r, s, files: files) { blocks.append(.figure(chart: chart, name: "\(slug)-stability-windows", caption: caption)) }
        blocks += removedTables(s, perGroup: max(1, a.settings.shownExclusionsPerReason), stabilityCriteria: StabilityStages.stabilityCriteria(r.profile).map { r.profile.criteria[$0] })
        blocks.append(.paragraph([.text("Every compound removed at this stage (\(formatGrouped(s.removed.count + s.withoutData.count))) with its values, the products and mixing ratio of its most favourable reaction with Na, and its products with Na metal is in "),
                                  .code("\(files)-removed-by-stability.csv"), .text("; the windows and products of every ranked compound are in "),
                                  .code("\(files)-stability-windows.csv"), .text("; both are in the JSON too.")]))
        for note in s.notes { blocks.append(.note(note)) }
        return blocks
    }

    /// What the stage did, in words, with its counts.
    static func description(_ r: ScreeningResult, _ s: StabilityAnalysis) -> String {
        let indices = StabilityStages.stabilityCriteria(r.profile)
        let criteria = indices.map { r.profile.criteria[$0] }
        guard let stage = s.stages.stages.first(where: { $0.name == StabilityStages.stabilityStageName }) else { return "" }
        let scope = s.stages.stages[0].remaining
        var parts: [String] = []
        for c in criteria {
            let missing = s.withoutData.filter { $0.criterion == c.label }.count
            if missing > 0 { parts.append("\(formatGrouped(missing)) for having no value of \(c.source.name)" + (c.source.name == "energy_above_hull" ? " (no formation energy to place on a hull)" : "")) }
        }
        for c in criteria {
            let n = s.removed(by: c.label).count
            guard n > 0 else { continue }
            parts.append("\(formatGrouped(n)) with \(failText(c))" + gloss(c))
        }
        var text = "The stability stage keeps the compositions that are stable against sodium metal by the convex hulls of the database's formation energies (the stored descriptors of method “\(StabilityDescriptors.method)”): "
            + criteria.map { StabilityStages.limitText($0) }.joined(separator: " and ") + ". "
        text += "Of the \(formatGrouped(scope)) compositions in scope it removed \(formatGrouped(stage.removed))"
        text += parts.isEmpty ? "" : ": " + ChartLayout.list(parts)
        text += "; \(formatGrouped(stage.remaining)) remain. "
        text += "A composition is tested once, on its lowest-energy entry; each is counted under the first stability test it fails, in profile order."
        return text
    }

    /// The failing side of a criterion's limits: "energy above hull > 0.025 eV/atom".
    static func failText(_ c: Criterion) -> String {
        var parts: [String] = []
        if let lo = c.minimum { parts.append("\(c.label) < \(formatForDisplay(lo)) \(c.unit)") }
        if let hi = c.maximum { parts.append("\(c.label) > \(formatForDisplay(hi)) \(c.unit)") }
        return parts.isEmpty ? "no value of \(c.source.name)" : parts.joined(separator: " or ")
    }

    /// Why failing the criterion matters, for the known stability properties.
    static func gloss(_ c: Criterion) -> String {
        switch c.source.name {
        case "energy_above_hull": " (they decompose on their own into the phases of their hull)"
        case "reaction_energy_with_na": " (on or near their hull, but sodium metal reduces them)"
        case "reduction_onset_vs_na": " (on or near their hull, but sodium metal reduces them or the phases they decompose into)"
        default: ""
        }
    }

    /// Criteria whose failure means that sodium metal reduces the compound.
    static let reductionProperties: Set<String> = ["reaction_energy_with_na", "reduction_onset_vs_na"]

    /// The leaders' windows: the first `windowRows` ranked compounds that have one, in rank order.
    static func windowChart(_ r: ScreeningResult, _ s: StabilityAnalysis, files: String) -> (chart: ReportChart, caption: String)? {
        var shown: [StabilityAnalysis.Ranked] = [], skipped: [StabilityAnalysis.Ranked] = [], scanned = 0
        for e in s.ranked {
            guard shown.count < windowRows else { break }
            scanned += 1
            if e.thermodynamics?.window != nil { shown.append(e) } else { skipped.append(e) }
        }
        guard !shown.isEmpty else { return nil }
        let chart = ReportChart.rendering { width in
            var chart = IntervalChart(title: "\(r.profile.name): stability windows of the leaders",
                                      valueTitle: ChartText(markup: "Voltage vs Na/Na^{+} (V)"),
                                      intervals: shown.map { e in
                                          // `shown` holds only entries with a window (the loop above).
                                          let w = e.thermodynamics!.window!
                                          return .init(label: e.candidate.id, tag: String(e.rank), low: w.low, high: w.high)
                                      })
            chart.references = [.init(value: 0, label: "Na metal")]
            chart.closedLegend = "stable from the reduction limit to the oxidation limit"
            chart.openLegend = "no oxidation limit (stable at any higher voltage)"
            chart.width = min(width, chart.width)
            return chart.render()
        }
        var caption = "Stability windows against Na/Na⁺ of the first \(shown.count) ranked compounds that lie on their convex hull, in rank order (rank before the name): "
            + "each bar runs from the reduction limit (below it the compound takes up sodium and is reduced) to the oxidation limit (above it, it gives off sodium); "
            + "0 V is sodium metal, so a bar that starts at 0 V belongs to a compound that sodium metal does not reduce. "
        caption += reducedLeaders(shown, profile: r.profile)
        if !skipped.isEmpty {
            let one = skipped.count == 1
            caption += "\(skipped.count) of the top \(scanned) \(one ? "lies" : "lie") above \(one ? "its" : "their") hull (within the tolerance) and \(one ? "has" : "have") no window: \(skipped.map(\.candidate.id).joined(separator: ", ")). "
            // Off the hull, what sodium does to the phases it decomposes into (its reduction onset).
            // Only those analysed (a compound the thermodynamics API could not analyse has no onset).
            let reduced = skipped.filter { ($0.thermodynamics?.reductionOnset ?? 0) > 0 }
            if reduced.isEmpty, skipped.allSatisfy({ $0.thermodynamics != nil }) {
                caption += one ? "Sodium metal does not reduce the phases it decomposes into (reduction onset 0 V). "
                               : "Sodium metal does not reduce the phases they decompose into (reduction onset 0 V). "
            } else if !reduced.isEmpty {
                caption += "Sodium metal reduces the phases that " + ChartLayout.list(reduced.map { e in
                    // `reduced` holds only entries with thermodynamics (the filter above).
                    "\(e.candidate.id) (#\(e.rank)) decomposes into below \(number(e.thermodynamics!.reductionOnset)) V"
                }) + ". "
            }
        }
        caption += "Computed from the database's formation energies (\(s.sources.joined(separator: "; "))) by the thermodynamics stage; every ranked compound's window is in \(files)-stability-windows.csv."
        return (chart, caption)
    }

    /// The caption's sentence on the shown compounds whose window starts above 0 V (sodium metal
    /// reduces them): each with rank, reduction limit (its onset) and reaction energy, and the profile's
    /// stability limits that let them through; or that every bar starts at 0 V.
    static func reducedLeaders(_ shown: [StabilityAnalysis.Ranked], profile: Profile) -> String {
        // On the hull the reduction onset is the window's low end, where the bar starts.
        let reduced = shown.filter { ($0.thermodynamics?.reductionOnset ?? 0) > 0 }
        guard !reduced.isEmpty else { return "Every bar starts at 0 V: sodium metal reduces none of these compounds. " }
        let limits = StabilityStages.stabilityCriteria(profile).map { StabilityStages.limitText(profile.criteria[$0]) }
        let named = reduced.map { e in
            // `reduced` holds only entries with thermodynamics (the filter above).
            let t = e.thermodynamics!
            return "\(e.candidate.id) (#\(e.rank), from \(number(t.reductionOnset)) V, reaction energy with Na \(number(t.reactionEnergy)) eV/atom)"
        }
        return (reduced.count == 1 ? "One bar starts" : "\(reduced.count) bars start") + " above 0 V: sodium metal reduces \(reduced.count == 1 ? "this compound" : "these compounds"), "
            + (limits.isEmpty ? "and the profile does not test for it: " : "and the profile's stability limits (\(limits.joined(separator: "; "))) let \(reduced.count == 1 ? "it" : "them") through: ")
            + ChartLayout.list(named) + ". "
    }

    /// Per stability criterion with removals (the reductions by sodium first, then profile order):
    /// the products with sodium metal by frequency (reaction criterion only) and a bounded list
    /// sorted by the criterion's value, lowest first.
    static func removedTables(_ s: StabilityAnalysis, perGroup: Int, stabilityCriteria: [Criterion]) -> [ReportDocument.Block] {
        let ordered = stabilityCriteria.filter { reductionProperties.contains($0.source.name) } + stabilityCriteria.filter { !reductionProperties.contains($0.source.name) }
        var blocks: [ReportDocument.Block] = []
        for c in ordered {
            let group = s.removed(by: c.label)
            guard !group.isEmpty else { continue }
            let reduced = reductionProperties.contains(c.source.name)
            let byOnset = c.source.name == "reduction_onset_vs_na"
            if reduced {
                let counts = StabilityAnalysis.productFrequencies(group)
                if !counts.isEmpty {
                    blocks.append(.table(header: ["Product with Na metal", "Compounds", "For example"],
                                         rows: counts.prefix(productRows).map { [$0.product, formatGrouped($0.compounds.count), $0.compounds.prefix(productExamples).joined(separator: ", ")] },
                                         alignments: [.left, .right, .left],
                                         caption: "What sodium metal reduces them to: the phases in equilibrium with Na metal (0 V) of the \(formatGrouped(group.count)) compounds removed with \(failText(c)), by how many of them form each" + (counts.count > productRows ? " (the \(productRows) most common of \(formatGrouped(counts.count)))" : "")))
                }
            }
            // Those that sodium reduces, by reaction energy (the most strongly reduced first), whichever criterion removed them.
            let value: (StabilityAnalysis.Removed) -> Double? = c.source.name == "energy_above_hull" ? { $0.energyAboveHull } : (reduced ? { $0.reactionEnergy } : { _ in nil })
            let sorted = group.enumerated().sorted { x, y in
                (value(x.element) ?? .infinity, x.offset) < (value(y.element) ?? .infinity, y.offset)
            }.map(\.element)
            // Four columns so that the table fits a phone's width; the products of the most favourable
            // reaction and its mixing ratio are in the CSV and the JSON.
            let rows = sorted.prefix(perGroup).map { e -> [String] in
                [e.candidate.id, number(byOnset ? e.reductionOnset : e.energyAboveHull), number(e.reactionEnergy),
                 e.thermodynamics.map { $0.productsWithMetal.joined(separator: " + ") } ?? "—"]
            }
            let order = value(group[0]) == nil ? "" : ", sorted by \(reduced ? "reaction energy with Na" : c.label), lowest first"
            let extent = group.count > perGroup ? "the first \(perGroup) of \(formatGrouped(group.count))" : "all \(formatGrouped(group.count))"
            // Short headers (units in the caption) keep the table within a phone's width.
            blocks.append(.table(header: ["Compound", byOnset ? "Reduced below" : "E above hull", "E reaction with Na", "Products with Na metal"],
                                 rows: rows, alignments: [.left, .right, .right, .left],
                                 caption: "Removed with \(failText(c))\(gloss(c)): \(extent)\(order); "
                                    + (byOnset ? "reduced below: the voltage vs Na/Na⁺ below which they take up sodium; energy in eV/atom" : "energies in eV/atom")
                                    + "; products: the phases in equilibrium with an excess of sodium metal (0 V)"))
        }
        return blocks
    }

    static func number(_ v: Double?) -> String { v.map { formatForDisplay($0, significant: 4) } ?? "—" }
}
