import Foundation
import GRDB
import Testing
import Screening
@testable import SVGCharts
@testable import ScreenCore
@testable import ScreenDecision
@testable import ScreenNumerics
@testable import ScreenRegression
@testable import ScreenReport
@testable import ScreenScoring
@testable import ScreenSensitivity
@testable import ScreenStore
@testable import ScreenThermodynamics
#if canImport(FoundationXML)
import FoundationXML
#endif

// The report of a profile that screens on stability against sodium metal: the interval chart of
// stability windows, the stages, and the compounds removed at the stability stage with their
// products, on a hand-made Na–Cl–O and Na–F database whose hulls are worked out below by hand.

// MARK: - SVG helpers

private func svgElements(_ svg: String) throws -> [XMLElement] {
    let document = try XMLDocument(xmlString: svg, options: [])
    guard let root = document.rootElement() else { throw InputError(file: "svg", "no root element") }
    func all(_ e: XMLElement) -> [XMLElement] { [e] + (e.children ?? []).compactMap { $0 as? XMLElement }.flatMap(all) }
    return all(root)
}

private func name(_ e: XMLElement) -> String { e.localName ?? e.name ?? "" }

/// Attribute by local name (on Linux `attribute(forName:)` misses attributes in the SVG namespace).
private func attr(_ e: XMLElement, _ key: String) -> String? {
    (e.attributes ?? []).first { ($0.localName ?? $0.name) == key }?.stringValue
}

private func number(_ e: XMLElement, _ key: String) -> Double { Double(attr(e, key) ?? "") ?? .nan }

/// The text of a `<text>` element without its tooltip.
private func ownText(_ e: XMLElement) -> String {
    (e.children ?? []).filter { !($0 is XMLElement && name($0 as! XMLElement) == "title") }.map { $0.stringValue ?? "" }.joined()
}

@Suite("Stability section of the report", .serialized)
struct StabilityReportTests {
    // MARK: Interval chart

    /// Three windows whose axis is 0…5 V by hand: the values 0, 4, 1.85, 4.5 and an open bar from 2
    /// that needs 12 % of the 4.5 V span beyond its low end (2.54 V) round out to 0…5 in steps of 1.
    func sampleChart() -> IntervalChart {
        var chart = IntervalChart(title: "Windows", valueTitle: "Voltage vs Na/Na^{+} (V)", intervals: [
            .init(label: "NaCl", low: 0, high: 4),
            .init(label: "Na17O72P12Sc5Si6Zr7", low: 1.85, high: 4.5),
            .init(label: "Ca4H72Na4O48P4S4", low: 2, high: nil),
        ])
        chart.references = [.init(value: 0, label: "Na metal")]
        chart.openLegend = "no oxidation limit"
        return chart
    }

    /// x of the axis tick labelled `label` (the tick labels are the only texts that are bare integers).
    func tickX(_ elements: [XMLElement], _ label: String) throws -> Double {
        let tick = try #require(elements.first { name($0) == "text" && ownText($0) == label && attr($0, "text-anchor") == "middle" })
        return number(tick, "x")
    }

    @Test("bar ends sit at the x of their voltages, read off the axis ticks 0 and 5 V")
    func barGeometry() throws {
        let elements = try svgElements(sampleChart().render())
        let x0 = try tickX(elements, "0"), x5 = try tickX(elements, "5")
        #expect(x5 > x0)
        func x(_ volts: Double) -> Double { x0 + (x5 - x0) * volts / 5 }
        #expect(abs(try tickX(elements, "4") - x(4)) < 0.02, "ticks are evenly spaced on a 0…5 axis")
        func bar(_ tooltip: String) throws -> XMLElement {
            try #require(elements.first { name($0) == "rect" && ($0.children ?? []).contains { $0.stringValue == tooltip } })
        }
        let nacl = try bar("NaCl: 0.00 – 4.00")
        #expect(abs(number(nacl, "x") - x(0)) < 0.02)
        #expect(abs(number(nacl, "x") + number(nacl, "width") - x(4)) < 0.02)
        let other = try bar("Na17O72P12Sc5Si6Zr7: 1.85 – 4.50")
        #expect(abs(number(other, "x") - x(1.85)) < 0.02)
        #expect(abs(number(other, "x") + number(other, "width") - x(4.5)) < 0.02)
        // The reference line at 0 V and its label.
        #expect(elements.contains { name($0) == "line" && abs(number($0, "x1") - x(0)) < 0.02 && abs(number($0, "x2") - x(0)) < 0.02 && attr($0, "stroke-dasharray") != nil })
        #expect(elements.contains { name($0) == "text" && ownText($0) == "Na metal" })
    }

    @Test("an open interval runs to the right end of the axis and ends in an arrowhead; the legend says so")
    func openBar() throws {
        let chart = sampleChart()
        let elements = try svgElements(chart.render())
        let x0 = try tickX(elements, "0"), x5 = try tickX(elements, "5")
        let open = try #require(elements.first { name($0) == "rect" && ($0.children ?? []).contains { $0.stringValue == "Ca4H72Na4O48P4S4: \u{2265} 2.00" } })
        #expect(abs(number(open, "x") - (x0 + (x5 - x0) * 2 / 5)) < 0.02)
        let barEnd = number(open, "x") + number(open, "width")
        #expect(abs(barEnd - (x5 - IntervalChart.arrowLength)) < 0.02)
        // The arrowhead: a triangle from the bar's end to a tip at 5 V (the axis end) on the bar's middle.
        let midY = number(open, "y") + number(open, "height") / 2
        let tip = "L\(SVGNumber.coordinate(x5)),\(SVGNumber.coordinate(midY))"
        #expect(elements.contains { name($0) == "path" && (attr($0, "d") ?? "").contains(tip) && (attr($0, "d") ?? "").hasPrefix("M\(SVGNumber.coordinate(barEnd)),") })
        #expect(elements.contains { name($0) == "text" && ownText($0) == "\u{2265} 2.00" })
        #expect(elements.contains { name($0) == "text" && ownText($0) == "no oxidation limit" })
        // Without an open interval the legend has no such entry.
        var closed = chart
        closed.intervals.removeLast()
        #expect(!(try svgElements(closed.render())).contains { name($0) == "text" && ownText($0) == "no oxidation limit" })
    }

    @Test("row labels of long formulas are drawn whole, inside the chart")
    func labelsWhole() throws {
        let chart = sampleChart()
        let elements = try svgElements(chart.render())
        let texts = elements.filter { name($0) == "text" }
        #expect(!texts.contains { ownText($0).contains("\u{2026}") })
        for label in chart.intervals.map(\.label) {
            let t = try #require(texts.first { ownText($0) == label }, "\(label) drawn whole")
            #expect(attr(t, "text-anchor") == "end")
            #expect(number(t, "x") - TextMetrics.width(label, fontSize: 12) >= 0, "\(label) starts inside the chart")
            // Right of the label: the plot, left of the lowest bar start.
            #expect(number(t, "x") < chart.layout().plot.minX)
        }
        // Value texts end inside the chart.
        let layout = chart.layout()
        for interval in chart.intervals {
            let text = chart.valueText(interval)
            let t = try #require(texts.first { ownText($0) == text })
            #expect(number(t, "x") + TextMetrics.width(text, fontSize: 12) <= layout.width)
        }
    }

    // MARK: Hand-made database

    /// Formation energies (eV/atom), chosen so that every hull is a hand calculation:
    /// - Na–Cl–O: NaCl −2.0, Na2O −1.4 and NaClO −1.5 are on the hull (NaClO's best alternative,
    ///   2/3 NaCl + 1/3 O, is −4/3). Na3ClO at −1.60 lies above NaCl + Na2O, (2·(−2.0) + 3·(−1.4))/5 =
    ///   −1.64, by 0.04 eV/atom. Sodium reduces NaClO: NaClO + 2 Na → NaCl + Na2O releases
    ///   3·1.5 − 2·2.0 − 3·1.4 = −3.7 eV per 5 atoms, −0.74 eV/atom at x = 3/5, where E(x) has its
    ///   only kink between x = 0 and 1; its window is 3.7/2 = 1.85 V (reduction) to 4.5 V (Na
    ///   removal leaves Cl + O). Na3ClO "reacts" by decomposing: −0.04 eV/atom at x = 1.
    /// - Na–F: NaF −3.0, window 0 to 2·3.0 = 6.0 V; NaCl's window is 0 to 4.0 V; Na2O 0 to 2.1 V.
    /// Band gaps: NaCl 5, NaF 6, Na2O 1.9 (below the 3 eV limit), Na3ClO 3.5, NaClO none.
    ///
    /// With `subchloride`, Na2Cl at −1.34 eV/atom too: 0.00667 eV/atom below the Na–NaCl tie line
    /// (1/3 of the way, −4/3), so it is on the hull and sodium reduces NaCl slightly: NaCl + Na →
    /// Na2Cl below 3·1.34 − 2·2.0 = 0.02 V, with E(x) at its minimum −1.34 + (2/3)·2.0 = −0.02/3
    /// eV/atom at x = 2/3 (the Na2Cl composition). NaCl's window becomes 0.02 to 4.0 V.
    func database(subchloride: Bool = false) throws -> (URL, DescriptorStore) {
        let energies: [(String, Double)] = [("Na", 0), ("Cl2", 0), ("O2", 0), ("F2", 0), ("NaCl", -2.0), ("Na2O", -1.4),
                                            ("NaClO", -1.5), ("Na3ClO", -1.6), ("NaF", -3.0)] + (subchloride ? [("Na2Cl", -1.34)] : [])
        var candidates = candidateHeader
        var m = measurementHeader
        for (formula, e) in energies {
            candidates += "\(formula),\(formula),\(formula),computed,\n"
            m += "\(formula),formation_energy,\(e),,,,,eV/atom,DFT (hand-made),,,hand-made test data,,\n"
        }
        for (formula, gap) in [("NaCl", 5.0), ("NaF", 6.0), ("Na2O", 1.9), ("Na3ClO", 3.5)] + (subchloride ? [("Na2Cl", 4.0)] : []) {
            m += "\(formula),band_gap,\(gap),,,,,eV,DFT (hand-made),,,hand-made test data,,\n"
        }
        let folder = try makeDescriptorFolder(candidates: candidates, measurements: m)
        let store = try DescriptorStore.build(from: folder, to: folder.appendingPathComponent("db.sqlite").path)
        try StabilityDescriptors.refresh(store: store)
        return (folder, store)
    }

    /// How the hand-made profile tests reduction by sodium: not at all, by a reaction-energy
    /// tolerance of 25 meV/atom, or by a reduction onset of 0 V.
    enum ReductionTest { case none, reactionTolerance, onset }

    /// The hand-made profile: band gap only, or with the stability stage — energy above hull at most
    /// `maxAboveHull` eV/atom and the `reduction` test.
    func profile(in folder: URL, stability: Bool, reduction: ReductionTest = .reactionTolerance, maxAboveHull: Double = 0.025) throws -> Profile {
        let url = folder.appendingPathComponent(stability ? "stable-\(reduction)-\(maxAboveHull).yaml" : "plain.yaml")
        let reductionCriterion = switch reduction {
        case .none: ""
        case .reactionTolerance:
            "  - {label: reaction energy with Na metal, property: reaction_energy_with_na, goal: max, combine: max, weight: 0, limits: {min: -0.025 eV/atom}, missing: exclude, basis: test}"
        case .onset:
            "  - {label: reduction onset vs Na, property: reduction_onset_vs_na, goal: min, combine: min, weight: 0, limits: {max: 0 V}, missing: exclude, basis: test}"
        }
        try write("""
            name: Hand-made \(stability ? "stability" : "gaps")
            filter:
              contains: [Na]
            polymorphs: aggregate
            join: formula
            method: topsis
            criteria:
            \(stability ? """
              - {label: energy above hull, property: energy_above_hull, goal: min, combine: min, weight: 0, limits: {max: \(maxAboveHull) eV/atom}, missing: exclude, basis: test}
            \(reductionCriterion)
            """ : "")
              - {label: band gap, property: band_gap, goal: max, weight: 1, limits: {min: 3 eV}, missing: exclude, basis: test}
            """, to: url)
        return try ProfileLoader.load(url)
    }

    func analysis(_ profile: Profile, _ store: DescriptorStore) throws -> ProfileAnalysis {
        var settings = ProfileAnalysis.Settings()
        settings.samples = 200
        settings.sobolSamples = 32
        return try ProfileAnalysis(profile: profile, store: store, settings: settings)
    }

    /// Deletes the stability reports stored with the descriptors, so that an analysis computes them.
    func deleteStoredReports(_ store: DescriptorStore) throws {
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { try $0.execute(sql: "DELETE FROM stability_reports") }
        try queue.close()
    }

    @Test("the stages and the removed compounds are those of the hand calculation, from stored reports and computed afresh",
          arguments: [true, false])
    func handDatabase(stored: Bool) throws {
        let (folder, store) = try database()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try store.stabilityReports(openElement: "Na").count == 8)
        if !stored {
            try deleteStoredReports(store)
            #expect(try store.stabilityReports(openElement: "Na").isEmpty)
        }
        let a = try analysis(try profile(in: folder, stability: true), store)
        let s = try #require(a.stability)
        #expect(s.stages.stages.map(\.name) == ["in scope", "stable against Na metal", "band gap", "ranked"])
        #expect(s.stages.stages.map(\.remaining) == [6, 3, 2, 2])
        #expect(s.stages.stages.map(\.removed) == [0, 3, 1, 0])
        #expect(s.stages.line == "6 in scope \u{2192} 3 stable against Na metal \u{2192} 2 with band gap \u{2265} 3 eV \u{2192} 2 ranked")
        // Na metal has no reaction energy with itself: removed for lack of a value.
        #expect(s.withoutData.map(\.candidate.id) == ["Na"])
        #expect(s.withoutData.map(\.criterion) == ["reaction energy with Na metal"])

        let removed = Dictionary(uniqueKeysWithValues: s.removed.map { ($0.candidate.id, $0) })
        #expect(Set(removed.keys) == ["NaClO", "Na3ClO"])
        let hypochlorite = try #require(removed["NaClO"]), antiperovskite = try #require(removed["Na3ClO"])
        #expect(hypochlorite.criterion == "reaction energy with Na metal")
        #expect(abs((hypochlorite.energyAboveHull ?? .nan) - 0) < 1e-9)
        #expect(abs((hypochlorite.reactionEnergy ?? .nan) - -0.74) < 1e-9)
        let t = try #require(hypochlorite.thermodynamics)
        #expect(abs(t.mixingRatio - 0.6) < 1e-9)
        #expect(t.products == ["Na2O", "NaCl"] && t.productsWithMetal == ["Na2O", "NaCl"])
        #expect(abs((t.window?.low ?? .nan) - 1.85) < 1e-9)
        #expect(abs((t.window?.high ?? nil ?? .nan) - 4.5) < 1e-9)
        #expect(antiperovskite.criterion == "energy above hull")
        #expect(abs((antiperovskite.energyAboveHull ?? .nan) - 0.04) < 1e-9)
        #expect(abs((antiperovskite.reactionEnergy ?? .nan) - -0.04) < 1e-9)
        #expect(abs((antiperovskite.thermodynamics?.mixingRatio ?? .nan) - 1) < 1e-9)
        #expect(antiperovskite.thermodynamics?.products == ["Na2O", "NaCl"])
        #expect(StabilityAnalysis.productFrequencies([hypochlorite]).map(\.product) == ["Na2O", "NaCl"])

        // The screening's own exclusion list records NaClO under its missing band gap (missing
        // values are checked first); the stages count it where it fails first, at stability.
        #expect(a.result.excluded.first { $0.candidate.id == "NaClO" }?.criterion == "band gap")

        // Windows of the ranked compounds, in rank order: NaF 0–6 V, NaCl 0–4 V.
        #expect(s.ranked.map(\.candidate.id) == ["NaF", "NaCl"])
        for (e, high) in zip(s.ranked, [6.0, 4.0]) {
            let w = try #require(e.thermodynamics?.window, "\(e.candidate.id) has a window")
            #expect(abs(w.low) < 1e-9)
            #expect(abs((w.high ?? .nan) - high) < 1e-9)
        }
        #expect(s.notes.isEmpty)
    }

    @Test("the analysis shows the stored report, not a recomputation: a changed stored window shows through")
    func storedReportsAreRead() throws {
        let (folder, store) = try database()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stored = try #require(try store.stabilityReports(openElement: "Na")["FNa"])
        #expect(stored.contains("\"window\":{\"low\":0,\"high\":6}"))
        let queue = try DatabaseQueue(path: store.path)
        try queue.write {
            try $0.execute(sql: "UPDATE stability_reports SET report = replace(report, '\"high\":6', '\"high\":7') WHERE composition = 'FNa'")
        }
        try queue.close()
        let s = try #require(try analysis(try profile(in: folder, stability: true), store).stability)
        let naF = try #require(s.ranked.first { $0.candidate.id == "NaF" }?.thermodynamics?.window)
        #expect(naF.high == 7)
    }

    @Test("the stored reports are the thermodynamics API's reports, replaced with the descriptors and kept when a refresh fails")
    func storedReportsReplaced() throws {
        let (folder, store) = try database()
        defer { try? FileManager.default.removeItem(at: folder) }
        let space = try PhaseSpace(store: store)
        let before = try store.stabilityReports(openElement: "Na")
        // Every composition but Na itself (no profile against itself), keyed by reduced formula.
        let analysed = try ["Cl2", "O2", "F2", "NaCl", "Na2O", "NaClO", "Na3ClO", "NaF"].map { try ChemicalFormula($0).reducedKey }
        #expect(Set(before.keys) == Set(analysed))
        // Each is its entry of `screen stability --format json`, on one line.
        for formula in ["NaCl", "Na2O", "NaClO", "Na3ClO", "NaF", "O2"] {
            let f = try ChemicalFormula(formula)
            let fresh = try space.report(for: f, open: "Na")
            #expect(before[f.reducedKey] == StabilityOutput.json(fresh).renderedCompact(), "\(formula)")
        }
        // NaClO by hand (see `database()`): reduced at 1.85 V, reacts with Na at −0.74 eV/atom at x = 3/5.
        let naClO = try StoredStabilityEntry(json: try #require(before[try ChemicalFormula("NaClO").reducedKey]))
        #expect(abs((naClO.window?.low ?? .nan) - 1.85) < 1e-9 && abs((naClO.window?.high ?? .nan) - 4.5) < 1e-9)
        #expect(abs(naClO.reactionEnergy - -0.74) < 1e-9 && abs(naClO.reactionMixingRatio - 0.6) < 1e-9)
        #expect(naClO.reactionProducts == ["Na2O", "NaCl"] && naClO.productsAtOpenElement == ["Na2O", "NaCl"])
        let naF = try StoredStabilityEntry(json: try #require(before[try ChemicalFormula("NaF").reducedKey]))
        #expect(naF.reactionEnergy == 0 && naF.reactionMixingRatio == 0 && naF.reactionProducts.isEmpty && naF.energyAboveHull == 0)
        // A key that may hold null must still be there: a stored text without it is refused.
        let naFText = try #require(before[try ChemicalFormula("NaF").reducedKey])
        for key in ["\"e_above_hull\":0,", "\"reaction_mixing_ratio\":null,", ",\"high\":6"] {
            #expect(naFText.contains(key), "\(key)")
            #expect(throws: DecodingError.self, "without \(key)") { try StoredStabilityEntry(json: naFText.replacingOccurrences(of: key, with: "")) }
        }

        // A second refresh replaces them (no duplicates: the key is unique); a failed one keeps them.
        try StabilityDescriptors.refresh(store: store)
        #expect(try store.stabilityReports(openElement: "Na") == before)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.replaceStabilityDescriptors(properties: StabilityDescriptors.properties, method: StabilityDescriptors.method) { write in
                try write([], (composition: "FNa", openElement: "Na", json: "{}"))
                throw Stop()
            }
        }
        #expect(try store.stabilityReports(openElement: "Na") == before)
        #expect(try store.values(of: "reaction_energy_with_na").count == 8)
    }

    @Test("the report lists exactly the removed compounds, in the HTML table and the CSV")
    func removedTable() throws {
        let (folder, store) = try database()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try ScreeningReport(analyses: [try analysis(try profile(in: folder, stability: true), store)])
        let html = HTMLRenderer.render(report.document)
        #expect(html.contains("<h3 id=\"hand-made-stability-stability\">Stability against sodium metal</h3>"))
        #expect(html.contains("<tr><td>NaClO</td><td class=\"r\">0</td><td class=\"r\">-0.74</td><td>Na2O + NaCl</td></tr>"))
        #expect(html.contains("<tr><td>Na3ClO</td><td class=\"r\">0.04</td><td class=\"r\">-0.04</td><td>Na2O + NaCl</td></tr>"))
        #expect(html.contains("<tr><td>NaCl</td><td class=\"r\">1</td><td>NaClO</td></tr>"))
        // The windows chart names the two ranked compounds with their hand-computed windows.
        #expect(html.contains("NaF: 0.00 \u{2013} 6.00") && html.contains("NaCl: 0.00 \u{2013} 4.00"))
        let csv = try #require(report.tables.first { $0.name == "hand-made-stability-removed-by-stability.csv" }?.text)
        // Scope order (by id), then the one without a value.
        let removed = try CSVTable(text: csv, file: "removed.csv").records.map(\.fields)
        #expect(removed.map { $0[0] } == ["Na3ClO", "NaClO", "Na"])
        #expect(removed.map { $0[4] } == ["beyond the limit", "beyond the limit", "no value"])
        // The most favourable reactions: Na3ClO decomposes (x = 1), NaClO takes up 2 Na (x = 3/5).
        #expect(removed.map { Double($0[8]) ?? .nan }.prefix(2).elementsEqual([1, 0.6]) { abs($0 - $1) < 1e-9 })
        #expect(removed.map { $0[9] } == ["Na2O + NaCl", "Na2O + NaCl", ""])
        // Reduction onsets: Na3ClO decomposes into NaCl + Na2O, which sodium leaves alone (0);
        // NaClO takes up sodium below 1.85 V.
        #expect(removed.map { $0[7] }.prefix(2).elementsEqual(["0", "1.85"]) { abs((Double($0) ?? .nan) - (Double($1) ?? .nan)) < 1e-9 })
        let windows = try CSVTable(text: try #require(report.tables.first { $0.name == "hand-made-stability-stability-windows.csv" }?.text), file: "windows.csv")
            .records.map(\.fields)
        #expect(windows.map { $0[1] } == ["NaF", "NaCl"])
        for (row, high) in zip(windows, [6.0, 4.0]) {
            #expect(row[4] == "0")
            #expect(abs(Double(row[5]) ?? .nan) < 1e-9)
            #expect(abs((Double(row[6]) ?? .nan) - high) < 1e-9)
        }
    }

    @Test("a compound that sodium reduces only slightly: a reaction-energy tolerance ranks it and the windows caption names it; a reduction onset of 0 V removes it")
    func slightlyReduced() throws {
        let (folder, store) = try database(subchloride: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // By hand (see `database`): NaCl is reduced to Na2Cl below 0.02 V, at −0.02/3 eV/atom.
        let space = try PhaseSpace(store: store)
        let naCl = try space.report(for: ChemicalFormula("NaCl"))
        #expect(abs((naCl.profile.window?.low ?? .nan) - 0.02) < 1e-9 && abs(naCl.profile.reductionOnset - 0.02) < 1e-9)
        #expect(abs(naCl.reaction.energy - -0.02 / 3) < 1e-9 && naCl.profile.productsAtMetal == ["Na2Cl"])

        // The reaction-energy tolerance (−0.025 eV/atom) lets NaCl through; the caption says so.
        let tolerant = try analysis(try profile(in: folder, stability: true), store)
        let s = try #require(tolerant.stability)
        #expect(s.ranked.map(\.candidate.id) == ["NaF", "NaCl", "Na2Cl"])
        let html = HTMLRenderer.render(try ScreeningReport(analyses: [tolerant]).document)
        #expect(html.contains("One bar starts above 0 V: sodium metal reduces this compound"))
        #expect(html.contains("stability limits (energy above hull \u{2264} 0.025 eV/atom; reaction energy with Na metal \u{2265} -0.025 eV/atom) let it through: NaCl (#2, from 0.02 V, reaction energy with Na -0.006667 eV/atom)."))

        // Reduction onset 0 V: NaCl and NaClO are removed as reduced by sodium, with their onsets.
        let strict = try analysis(try profile(in: folder, stability: true, reduction: .onset), store)
        let t = try #require(strict.stability)
        #expect(t.ranked.map(\.candidate.id) == ["NaF", "Na2Cl"])
        let removed = Dictionary(uniqueKeysWithValues: t.removed.map { ($0.candidate.id, $0) })
        #expect(removed["NaCl"]?.criterion == "reduction onset vs Na" && removed["NaClO"]?.criterion == "reduction onset vs Na")
        #expect(abs((removed["NaCl"]?.reductionOnset ?? .nan) - 0.02) < 1e-9)
        #expect(abs((removed["NaClO"]?.reductionOnset ?? .nan) - 1.85) < 1e-9)
        #expect(removed["Na3ClO"]?.criterion == "energy above hull")
        let strictHTML = HTMLRenderer.render(try ScreeningReport(analyses: [strict]).document)
        #expect(strictHTML.contains("Every bar starts at 0 V: sodium metal reduces none of these compounds."))
        // Every ranked compound is on its hull and inert (0 and 0): both tests are left out of the
        // ranking, and the criteria line still names them with their limits.
        #expect(strictHTML.contains("left out of the ranking because it cannot tell the ranked candidates apart: energy above hull \u{2264} 0.025 eV/atom, reduction onset vs Na \u{2264} 0 V."))
        // In the tolerant ranking NaCl's reaction energy is not 0: that criterion is ranked on (weight 0), not left out.
        #expect(html.contains("left out of the ranking because it cannot tell the ranked candidates apart: energy above hull \u{2264} 0.025 eV/atom. Profile:"))
        #expect(strictHTML.contains("<tr><td>NaCl</td><td class=\"r\">0.02</td><td class=\"r\">-0.006667</td><td>Na2Cl</td></tr>"), "\(strictHTML)")
    }

    @Test("the windows caption says what sodium does to the phases a ranked compound above its hull decomposes into")
    func offHullCaption() throws {
        // Hull limit 0.05 eV/atom, so that Na3ClO (0.04 above its hull, into NaCl + Na2O) is ranked.
        do {
            // NaCl and Na2O coexist with sodium: Na3ClO's phases are not reduced (onset 0).
            let (folder, store) = try database()
            defer { try? FileManager.default.removeItem(at: folder) }
            let a = try analysis(try profile(in: folder, stability: true, reduction: .onset, maxAboveHull: 0.05), store)
            #expect(try #require(a.stability).ranked.map(\.candidate.id) == ["NaF", "NaCl", "Na3ClO"])
            let html = HTMLRenderer.render(try ScreeningReport(analyses: [a]).document)
            #expect(html.contains("1 of the top 3 lies above its hull (within the tolerance) and has no window: Na3ClO. Sodium metal does not reduce the phases it decomposes into (reduction onset 0 V)."))
        }
        do {
            // With Na2Cl on the hull, sodium reduces NaCl below 0.02 V, and so Na3ClO's phases; a
            // profile without a reduction test ranks it, and the caption says so.
            let (folder, store) = try database(subchloride: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let space = try PhaseSpace(store: store)
            #expect(abs(try space.report(for: ChemicalFormula("Na3ClO")).profile.reductionOnset - 0.02) < 1e-9)
            let a = try analysis(try profile(in: folder, stability: true, reduction: .none, maxAboveHull: 0.05), store)
            let ranked = try #require(a.stability).ranked
            let rank = try #require(ranked.first { $0.candidate.id == "Na3ClO" }?.rank)
            let html = HTMLRenderer.render(try ScreeningReport(analyses: [a]).document)
            #expect(html.contains("Sodium metal reduces the phases that Na3ClO (#\(rank)) decomposes into below 0.02 V."))
        }
    }

    @Test("only profiles with stability criteria get the section, the JSON key and the tables")
    func onlyWithStability() throws {
        let (folder, store) = try database()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = try analysis(try profile(in: folder, stability: false), store)
        #expect(plain.stability == nil)
        let report = try ScreeningReport(analyses: [plain])
        let html = HTMLRenderer.render(report.document)
        #expect(!html.contains("Stability against sodium metal") && !html.contains("Stages."))
        #expect(report.tables.map(\.name) == ["hand-made-gaps-ranking.csv"])
        #expect(!report.data.rendered().contains("\"stability\""))

        let staged = try ScreeningReport(analyses: [try analysis(try profile(in: folder, stability: true), store)])
        #expect(HTMLRenderer.render(staged.document).contains("<strong>Stages. </strong>"))
        #expect(staged.data.rendered().contains("\"stability\""))
    }
}
