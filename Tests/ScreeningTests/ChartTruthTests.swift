import Foundation
import Testing
@testable import SVGCharts
#if canImport(FoundationXML)
import FoundationXML
#endif

// What the charts must not do: cut text, draw a bar longer than its number, split a tie, or
// draw an unknown value as a measurement.

/// Bars of a `StackedBarChart`: per label, its segments (rects whose tooltip starts "label — ").
private func barSegments(_ svg: String, _ label: String) throws -> [XMLElement] {
    SVGTest.elements(try SVGTest.parse(svg)).filter { SVGTest.localName($0) == "rect" && ($0.stringValue ?? "").hasPrefix("\(label) — ") }
}

/// Charts with long titles, legends and labels, as a chart laid out `width` px wide gets them.
private func wordyCharts(width: Double) -> [(String, String)] {
    let long = "Sodium compounds (Materials Project): Monroe–Newman ratio against band gap (calibrated to experiment)"
    var bars = StackedBarChart(title: long, criteria: ["SEI Na+ transport activation energy", "raw-material cost (estimate)", "supply concentration (HHI)", "electronic insulation"],
                               bars: [.init(label: "Na2O2", contributions: [0.2, 0.1, 0.05, 0.3], rank: 1, unknown: [true, false, false, false], note: "1 of 4 unknown")])
    bars.width = width
    let points = (1...12).map { (k: Int) -> ScatterChart.Point in
        let category = k % 2 == 0 ? "host_composite (carbon and oxide frameworks)" : "sei_inorganic"
        return ScatterChart.Point(x: Double(k), y: Double(k * k), label: "NaX\(k)", category: category, isHighlighted: k > 10)
    }
    var scatter = ScatterChart(title: long, xAxis: .linear("band gap corrected (eV)"), yAxis: .log("Monroe–Newman ratio"), points: points)
    scatter.width = width
    scatter.highlightName = "Pareto front (all 6 weighted criteria)"
    var heat = HeatmapChart(title: long, rowLabels: ["V2CTx-RGO-CNT", "NaF"],
                            columnLabels: ["SEI Na+ transport activation energy (0.18)", "shear modulus (0.29)", "raw-material cost (estimate) (0.12)"],
                            values: [[0.4, nil, 1], [0, 0.5, nil]])
    heat.missingText = "?"
    heat.missingName = "unknown (scored at the worst of its range)"
    heat.extraColumns = [.init(title: "Pareto front", texts: ["yes", ""])]
    heat.width = width
    var coverage = CoverageMap(title: long, rowLabels: ["Na3N (excluded)", "NaF"],
                               columnLabels: ["SEI Na+ transport activation energy", "Na affinity (moderate, vs Na atom)"], cells: [[.measured, .imputed], [.missing, .multiple(12)]])
    coverage.maxWidth = width
    var line = LineChart.rankSweep(title: long, xAxis: .linear("weight of supply concentration (HHI)", domain: 0...1),
                                   series: [.init(name: "Cu2NiZn@CNT", x: [0, 1], y: [1, 2]), .init(name: "V2CTx-RGO-CNT", x: [0, 1], y: [2, 1])])
    line.width = width
    return [("wordy bars", bars.render()), ("wordy scatter", scatter.render()), ("wordy heat map", heat.render()),
            ("wordy coverage", coverage.render()), ("wordy line", line.render())]
}

@Suite("Charts: what they must not do")
struct ChartTruthTests {
    @Test("no text is cut: every text box (by the font's metrics) lies inside the chart, wide and narrow, and nothing ends in …",
          arguments: [760.0, 380.0])
    func textInsideBounds(width: Double) throws {
        let wordy = Set(wordyCharts(width: width).map(\.0))
        for (name, svg) in wordyCharts(width: width) + SVGTest.sampleCharts() {
            let outside = try SVGTest.textsOutside(svg)
            #expect(outside.isEmpty, "\(name) at \(width): \(outside)")
            let (w, _, texts) = try SVGTest.textBoxes(svg)
            #expect(!texts.contains { $0.text.contains("…") }, "\(name): a text was cut")
            if width < 400 && wordy.contains(name) { #expect(w <= width + 0.01, "\(name) is laid out within \(width) px, not \(w)") }
        }
    }

    @Test("a bar's length is its total: from the axis zero, in proportion, so equal totals draw equal bars")
    func barLengths() throws {
        let totals = [0.8, 0.8, 0.2, 0.5]
        let chart = StackedBarChart(title: "scores", criteria: ["score"],
                                    bars: zip(["a", "b", "c", "d"], totals).map { .init(label: $0, contributions: [$1]) })
        let svg = chart.render()
        let rects = try ["a", "b", "c", "d"].map { try #require(barSegments(svg, $0).first) }
        let zero = SVGTest.number(rects[0], "x")
        let widths = rects.map { SVGTest.number($0, "width") }
        for (rect, (w, t)) in zip(rects, zip(widths, totals)) {
            #expect(abs(SVGTest.number(rect, "x") - zero) < 0.01, "every bar starts at zero")
            #expect(abs(w / widths[0] - t / totals[0]) < 1e-3, "length ∝ total")
        }
    }

    @Test("tied bars share their rank; without ranks bars are numbered in order")
    func ties() throws {
        func ranks(_ chart: StackedBarChart) throws -> [String] {
            SVGTest.elements(try SVGTest.parse(chart.render())).filter {
                SVGTest.localName($0) == "text" && SVGTest.attr($0, "fill") == ChartPalette.muted && SVGTest.attr($0, "text-anchor") == "end"
            }.map { $0.stringValue ?? "" }
        }
        let tied = StackedBarChart(title: "t", criteria: ["score"], bars: [
            .init(label: "Na15Pb4", contributions: [0.24], rank: 5), .init(label: "Pb", contributions: [0.24], rank: 5),
            .init(label: "Au", contributions: [0.22], rank: 7),
        ])
        #expect(try ranks(tied) == ["5", "5", "7"])
        var plain = tied
        plain.bars = plain.bars.map { StackedBarChart.Bar(label: $0.label, contributions: $0.contributions) }
        #expect(try ranks(plain) == ["1", "2", "3"])
    }

    @Test("a contribution of an unknown value is hatched grey in a dashed outline, not drawn in its criterion's colour, and the legend says so")
    func unknownContribution() throws {
        var chart = StackedBarChart(title: "t", criteria: ["gap", "modulus"],
                                    bars: [.init(label: "NaH", contributions: [0.3, 0.2], unknown: [false, true])])
        chart.unknownName = "from an unknown value"
        let svg = chart.render()
        let segments = try barSegments(svg, "NaH")
        let known = try #require(segments.first { ($0.stringValue ?? "").contains("gap:") })
        let unknown = try #require(segments.first { ($0.stringValue ?? "").contains("modulus:") })
        #expect(SVGTest.attr(known, "fill") == ChartPalette.color(0))
        #expect(SVGTest.attr(unknown, "fill") == "#FFFFFF" && SVGTest.attr(unknown, "stroke") == ChartPalette.unknown)
        #expect(SVGTest.attr(unknown, "stroke-dasharray") != nil)
        #expect(svg.contains(">from an unknown value</text>"))
    }

    @Test("a heat map prints its text in missing cells, names them in a legend line, and tilts long column labels instead of cutting them")
    func heatmapMissing() throws {
        var chart = HeatmapChart(title: "t", rowLabels: ["a", "b"], columnLabels: ["electronic insulation (0.29)", "shear modulus (0.29)"],
                                 values: [[1, nil], [0, 0.5]])
        chart.missingText = "?"
        chart.missingName = "unknown"
        chart.blanksZero = false
        let all = SVGTest.elements(try SVGTest.parse(chart.render()))
        let texts = all.filter { SVGTest.localName($0) == "text" }
        #expect(texts.filter { $0.stringValue == "?" }.count == 1)
        #expect(texts.contains { $0.stringValue == "unknown" })
        #expect(texts.contains { $0.stringValue == ".00" }, "a normalised 0 is printed when zeros are not blank")
        let labels = texts.filter { ($0.stringValue ?? "").hasSuffix("(0.29)") }
        #expect(labels.count == 2 && labels.allSatisfy { (SVGTest.attr($0, "transform") ?? "").hasPrefix("rotate(-") })
    }

    @Test("beside the plot in a wide chart, the legend goes under it in a narrow one")
    func legendPlacement() throws {
        func legendX(_ width: Double) throws -> (legend: Double, frameRight: Double) {
            var chart = ScatterChart(title: "t", xAxis: .linear("x"), yAxis: .linear("y"),
                                     points: [.init(x: 1, y: 1, category: "one"), .init(x: 2, y: 3, category: "two")])
            chart.width = width
            let all = SVGTest.elements(try SVGTest.parse(chart.render()))
            let legend = try #require(all.first { SVGTest.attr($0, "aria-label") == "Legend" })
            let label = try #require(SVGTest.elements(legend).first { SVGTest.localName($0) == "text" })
            // The plot frame is the last unfilled rect before the legend.
            let frames = all.filter { SVGTest.localName($0) == "rect" && SVGTest.attr($0, "fill") == "none" }
            let frame = try #require(frames.last)
            return (SVGTest.number(label, "x"), SVGTest.number(frame, "x") + SVGTest.number(frame, "width"))
        }
        let wide = try legendX(760), narrow = try legendX(380)
        #expect(wide.legend > wide.frameRight)
        #expect(narrow.legend < narrow.frameRight)
    }
}

// MARK: - Chart behaviour

@Suite("Charts: chart contents")
struct ChartContentTests {
    @Test("points that a log axis cannot show are left out and counted")
    func scatterDropsNonPositive() throws {
        let chart = ScatterChart(title: "t", xAxis: .log("x"), yAxis: .linear("y"),
                                 points: [.init(x: 1, y: 1), .init(x: 0, y: 2), .init(x: -3, y: 2), .init(x: 10, y: .nan)])
        let svg = chart.render()
        #expect(svg.contains("3 points not shown"))
        _ = try SVGTest.parse(svg)
    }

    @Test("negative contributions are drawn left of zero")
    func negativeBars() throws {
        let chart = StackedBarChart(title: "t", criteria: ["a", "b"], bars: [.init(label: "x", contributions: [0.5, -0.25])])
        let all = SVGTest.elements(try SVGTest.parse(chart.render()))
        let segments = all.filter { SVGTest.localName($0) == "rect" && ($0.stringValue ?? "").hasPrefix("x — ") }
        #expect(segments.count == 2)
        func x(_ e: XMLElement, _ name: String) -> Double { Double(SVGTest.attr(e, name) ?? "") ?? .nan }
        let positive = try #require(segments.first { ($0.stringValue ?? "").contains("a:") })
        let negative = try #require(segments.first { ($0.stringValue ?? "").contains("b:") })
        #expect(abs(x(negative, "x") + x(negative, "width") - x(positive, "x")) < 0.02, "the negative segment ends at zero, where the positive one starts")
        #expect(x(negative, "width") > 0)
        #expect(chart.render().contains(">0.25</text>"), "total printed")
    }

    @Test("heat map prints values that fit and hatches missing cells")
    func heatmapValues() throws {
        let chart = HeatmapChart(title: "t", rowLabels: ["a", "b"], columnLabels: ["1", "2"], values: [[0.625, 0.0], [0.003, nil]])
        let svg = chart.render()
        #expect(svg.contains(">.63</text>"))
        #expect(svg.contains("&lt;.01</text>"))
        #expect(svg.contains("missing"))
        _ = try SVGTest.parse(svg)
    }

    @Test("rank charts put rank 1 on top with integer ticks")
    func rankAxis() throws {
        let chart = LineChart.rankSweep(title: "t", xAxis: .linear("w"), series: [
            .init(name: "a", x: [0, 1], y: [1, 2]), .init(name: "b", x: [0, 1], y: [2, 1]),
        ])
        let all = SVGTest.elements(try SVGTest.parse(chart.render()))
        func baseline(_ label: String) -> Double? {
            all.first { SVGTest.localName($0) == "text" && SVGTest.attr($0, "text-anchor") == "end" && $0.stringValue == label }
                .flatMap { Double(SVGTest.attr($0, "y") ?? "") }
        }
        let one = try #require(baseline("1")), two = try #require(baseline("2"))
        #expect(one < two)
    }

    @Test("coverage cells show four distinct states")
    func coverageStates() {
        let svg = CoverageMap(title: "t", rowLabels: ["a"], columnLabels: ["p", "q", "r", "s"],
                              cells: [[.measured, .multiple(4), .imputed, .missing]]).render()
        #expect(svg.contains("p: measured"))
        #expect(svg.contains("q: 4 values"))
        #expect(svg.contains("r: imputed"))
        #expect(svg.contains("s: missing"))
        #expect(svg.contains("stroke=\"\(CoverageMap.imputedInk)\""), "imputed cells hatched in their ink")
    }
    @Test("empty and one-point inputs still give valid documents")
    func emptyInputs() throws {
        let svgs = [
            ScatterChart(title: "", xAxis: .log("x"), yAxis: .linear("y"), points: []).render(),
            ScatterChart(title: "one", xAxis: .log("x"), yAxis: .log("y"), points: [.init(x: 1, y: 1, label: "p")]).render(),
            StackedBarChart(title: "", criteria: [], bars: []).render(),
            HeatmapChart(title: "", rowLabels: [], columnLabels: [], values: []).render(),
            LineChart(title: "", xAxis: .linear("x"), yAxis: .linear("y"), series: []).render(),
            LineChart.rankSweep(title: "one", xAxis: .linear("x"), series: [.init(name: "a", x: [0.5], y: [1])]).render(),
            RegressionPanel(title: "", xAxis: .linear("x"), yAxis: .linear("y"), observations: []).render(),
            CoverageMap(title: "", rowLabels: [], columnLabels: [], cells: []).render(),
        ]
        for svg in svgs {
            _ = try SVGTest.parse(svg)
            #expect(!svg.contains("NaN") && !svg.contains("inf"))
        }
    }

    @Test("the first 64 categories differ in colour or marker shape")
    func categoryStyles() {
        var seen = Set<String>()
        for i in 0..<64 {
            seen.insert(ChartPalette.color(i) + ChartPalette.marker(i).rawValue)
        }
        #expect(seen.count == 64)
    }
}
