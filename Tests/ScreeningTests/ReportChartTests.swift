import Foundation
import Testing
@testable import SVGCharts
@testable import ScreenReport
@testable import ScreenScoring
@testable import ScreenStore
#if canImport(FoundationXML)
import FoundationXML
#endif

// The report's charts against their inputs: expected values are computed here from the
// candidates' values (TOPSIS by hand, ranks by dominance), never read from the report.

/// A database of candidates with a band gap and a shear modulus (nil: no value), and a TOPSIS
/// profile on both with equal weights (`missing: worst` for the modulus).
private func twoCriteria(_ rows: [(id: String, gap: Double, g: Double?)], samples: Int = 300) throws -> (folder: URL, report: ScreeningReport, analysis: ProfileAnalysis) {
    let candidates = candidateHeader + rows.map { "\($0.id),\($0.id),,sei_inorganic,\n" }.joined()
    var m = measurementHeader
    for r in rows {
        m += "\(r.id),band_gap,\(r.gap),,,,,eV,exp,,,[1],Section 2.1,\n"
        if let g = r.g { m += "\(r.id),shear_modulus,\(g),,,,,GPa,DFT,,,[2],Table 1,\n" }
    }
    let folder = try makeDescriptorFolder(candidates: candidates, measurements: m)
    let store = try DescriptorStore.build(from: folder, to: folder.appendingPathComponent("db.sqlite").path)
    let profile = folder.appendingPathComponent("p.yaml")
    try write("""
        name: Two criteria
        method: topsis
        normalization: minmax
        criteria:
          - {label: gap, property: band_gap, goal: max, weight: 0.5, basis: test}
          - {label: G, property: shear_modulus, goal: max, weight: 0.5, basis: test, missing: worst}
        """, to: profile)
    var settings = ProfileAnalysis.Settings()
    settings.samples = samples
    settings.sobolSamples = 64
    let analysis = try ProfileAnalysis(profile: try ProfileLoader.load(profile), store: store, settings: settings)
    return (folder, try ScreeningReport(analyses: [analysis], title: "Test"), analysis)
}

/// The report's figures by name.
private func figures(_ report: ScreeningReport) -> [String: ReportChart] {
    var out: [String: ReportChart] = [:]
    for block in report.document.blocks { if case .figure(let chart, let name, _) = block { out[name] = chart } }
    return out
}

/// TOPSIS closeness with min–max normalisation (both criteria maximised) and the given weights,
/// as Hwang & Yoon define it: distances of the weighted normalised rows from the column maxima
/// and minima.
private func topsis(_ rows: [[Double]], weights: [Double]) -> [Double] {
    let columns = weights.indices.map { j in rows.map { $0[j] } }
    let weighted = rows.map { row in weights.indices.map { j in
        weights[j] * (row[j] - columns[j].min()!) / (columns[j].max()! - columns[j].min()!)
    } }
    let ideal = weights.indices.map { j in weighted.map { $0[j] }.max()! }
    let anti = weights.indices.map { j in weighted.map { $0[j] }.min()! }
    func distance(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot() }
    return weighted.map { distance($0, anti) / (distance($0, ideal) + distance($0, anti)) }
}

/// Cells of a heat map: row label → value per column, read from the cells' tooltips
/// ("row, Rank c: v").
private func heatmapCells(_ svg: String) throws -> [String: [Double]] {
    var out: [String: [Double]] = [:]
    for e in SVGTest.elements(try SVGTest.parse(svg)) where SVGTest.localName(e) == "rect" {
        let tip = e.stringValue ?? ""
        guard let comma = tip.firstIndex(of: ","), let colon = tip.lastIndex(of: ":"), let v = Double(tip[tip.index(after: colon)...].trimmingCharacters(in: .whitespaces)) else { continue }
        out[String(tip[..<comma]), default: []].append(v)
    }
    return out
}

@Suite("Report charts against their inputs", .serialized)
struct ReportChartTests {
    @Test("the SMAA heat map shows ranks 1…10 and '11–12', each row sums to 1, and a dominance chain takes its own ranks in every sample")
    func acceptabilityRows() throws {
        // C01 dominates C02 on both criteria, C02 dominates C03, …: whatever the weights, C0k ranks k.
        let chain = (1...12).map { (k: Int) -> (id: String, gap: Double, g: Double?) in (String(format: "C%02d", k), Double(13 - k), Double(130 - 10 * k)) }
        let (folder, report, _) = try twoCriteria(chain)
        defer { try? FileManager.default.removeItem(at: folder) }
        let smaa = try #require(figures(report).first { $0.key.hasSuffix("-smaa") }?.value)
        let cells = try heatmapCells(smaa.wide)
        #expect(cells.count == 12)
        for (k, c) in chain.enumerated() {
            let row = try #require(cells[c.id])
            #expect(row.count == 11, "ranks 1…10 and 11–12")
            #expect(abs(row.reduce(0, +) - 1) < 0.006, "\(c.id): \(row) sums to 1")
            let expected = (0..<11).map { j in j == min(k, 10) ? 1.0 : 0.0 }
            #expect(zip(row, expected).allSatisfy { abs($0 - $1) < 1e-9 }, "\(c.id) ranks \(k + 1): \(row)")
        }
        #expect(smaa.wide.contains(">11–12</text>"))
        // The narrow layout keeps rows summing to 1 with fewer rank columns.
        for (_, row) in try heatmapCells(smaa.narrow) { #expect(row.count == 6 && abs(row.reduce(0, +) - 1) < 0.004) }
    }

    @Test("ranking bars are the TOPSIS scores computed by hand, from zero and in proportion; tied candidates share a rank and a length")
    func rankingBars() throws {
        // A and C mirror each other (a tie); D lies between; B is the worst on both (score 0).
        let rows: [(id: String, gap: Double, g: Double?)] = [("A", 5, 30), ("B", 4, 10), ("C", 6, 20), ("D", 4.5, 15)]
        let scores = topsis(rows.map { [$0.gap, $0.g!] }, weights: [0.5, 0.5])
        let (folder, report, analysis) = try twoCriteria(rows)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(zip(analysis.result.rows.map(\.score), analysis.result.rows.map { r in scores[rows.firstIndex { $0.id == r.candidate.id }!] })
            .allSatisfy { abs($0 - $1) < 1e-12 }, "the ranking is the hand-computed TOPSIS")
        let chart = try #require(figures(report).first { $0.key.hasSuffix("-ranking") }?.value)
        for svg in [chart.wide, chart.narrow] {
            let all = SVGTest.elements(try SVGTest.parse(svg))
            func bar(_ id: String) throws -> XMLElement { try #require(all.first { SVGTest.localName($0) == "rect" && ($0.stringValue ?? "").hasPrefix("\(id) — ") }) }
            let a = try bar("A"), c = try bar("C"), d = try bar("D")
            let score = Dictionary(uniqueKeysWithValues: zip(rows.map(\.id), scores))
            #expect(abs(SVGTest.number(a, "width") - SVGTest.number(c, "width")) < 0.011, "a tie draws equal bars")
            #expect(abs(SVGTest.number(d, "width") / SVGTest.number(a, "width") - score["D"]! / score["A"]!) < 2e-3)
            #expect(!all.contains { ($0.stringValue ?? "").hasPrefix("B — ") }, "a score of 0 draws no bar")
            let ranks = all.filter { SVGTest.localName($0) == "text" && SVGTest.attr($0, "fill") == ChartPalette.muted && SVGTest.attr($0, "text-anchor") == "end" }
                .compactMap { Int($0.stringValue ?? "") }
            #expect(ranks == [1, 1, 3, 4], "A and C tie for first; D is third")
        }
    }

    @Test("an unknown value is drawn as unknown: a hatched '?' cell in the criteria chart and a count beside the bar, never a coloured cell")
    func unknownValues() throws {
        let rows: [(id: String, gap: Double, g: Double?)] = [("A", 5, 30), ("B", 4, 10), ("C", 6, 20), ("E", 5.5, nil)]
        let (folder, report, _) = try twoCriteria(rows)
        defer { try? FileManager.default.removeItem(at: folder) }
        let charts = figures(report)
        let criteria = try #require(charts.first { $0.key.hasSuffix("-criteria") }?.value)
        let all = SVGTest.elements(try SVGTest.parse(criteria.wide))
        let unknownCells = all.filter { SVGTest.localName($0) == "rect" && ($0.stringValue ?? "").hasPrefix("E, G") }
        #expect(unknownCells.count == 1 && unknownCells.allSatisfy { SVGTest.attr($0, "fill") == "#FFFFFF" && SVGTest.attr($0, "stroke-dasharray") != nil })
        #expect(all.filter { SVGTest.localName($0) == "text" && $0.stringValue == "?" }.count == 1, "only E's modulus is unknown")
        // E's known gap is a coloured cell with its normalised value: (5.5 − 4)/(6 − 4).
        #expect(try heatmapCells(criteria.wide)["E"] == [0.75])
        let ranking = try #require(charts.first { $0.key.hasSuffix("-ranking") }?.value)
        #expect(ranking.wide.contains(">1 of 2 unknown</text>") && ranking.narrow.contains(">1/2 unknown</text>"))
    }

    @Test("the HTML has both layouts of every chart, a print stylesheet that bounds tables and sizes charts, and a contents list whose links resolve")
    func htmlForPhoneAndPrint() throws {
        let chain = (1...30).map { (k: Int) -> (id: String, gap: Double, g: Double?) in (String(format: "C%02d", k), Double(31 - k), Double(310 - 10 * k)) }
        let (folder, report, _) = try twoCriteria(chain, samples: 100)
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = HTMLRenderer.render(report.document)
        #expect(html.contains("@media print") && html.contains("@page { size: A4"))
        #expect(html.contains("tbody tr:nth-child(n+\(HTMLRenderer.printedRows + 1)) { display: none; }"))
        #expect(html.contains("figure svg { width: auto; max-height: 120mm; }"))
        // The 30-row ranking table says what print leaves out.
        #expect(html.contains("Printed: the first \(HTMLRenderer.printedRows) of 30 rows"))
        // Contents: each link names a heading's id.
        let links = html.components(separatedBy: "<a href=\"#").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(links.count == 3)
        for anchor in links { #expect(html.contains(" id=\"\(anchor)\">"), "#\(anchor) resolves") }
        // Both layouts; the narrow one fits a 400 px phone at ≥ 10 px text.
        let charts = figures(report)
        #expect(charts.count >= 5)
        for (name, chart) in charts {
            #expect(html.contains(chart.wide) && html.contains(chart.narrow))
            let (w, _, texts) = try SVGTest.textBoxes(chart.narrow)
            let scale = min(1, (400 - 2 * 0.6 * 16) / w)
            let smallest = texts.map(\.size).min() ?? 12
            #expect(smallest * scale >= 10, "\(name): \(smallest) px × \(scale)")
        }
    }

    @Test("no chart of the report has text outside its bounds, in either layout, by the font's metrics")
    func textInside() throws {
        let rows = (1...9).map { (k: Int) -> (id: String, gap: Double, g: Double?) in
            let g: Double? = k == 3 ? nil : Double(k * 7 % 11) + 2
            return ("Na\(k)X-very-long-candidate-name-\(k)", Double(k % 4) + 1, g)
        }
        let (folder, report, _) = try twoCriteria(rows, samples: 100)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, chart) in figures(report) {
            for svg in [chart.wide, chart.narrow] {
                let outside = try SVGTest.textsOutside(svg)
                #expect(outside.isEmpty, "\(name): \(outside)")
            }
        }
    }
}
