import Foundation
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
