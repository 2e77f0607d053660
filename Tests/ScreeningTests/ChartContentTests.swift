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

// What the charts draw: bars, cells, ranks, unknowns, text within bounds.

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
