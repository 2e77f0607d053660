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


// Helpers of the chart tests: XML access to SVG documents, and one sample chart of every kind.

/// A small deterministic generator for test data (SplitMix64).
struct ChartTestRNG: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Reading SVG documents in tests.
enum SVGTest {
    /// Parses `svg` as XML; throws on any well-formedness error.
    static func parse(_ svg: String) throws -> XMLElement {
        let document = try XMLDocument(xmlString: svg, options: [])
        guard let root = document.rootElement() else {
            throw InputError(file: "svg", "no root element")
        }
        return root
    }

    /// `e` and all its descendant elements, in document order.
    static func elements(_ e: XMLElement) -> [XMLElement] {
        [e] + (e.children ?? []).compactMap { $0 as? XMLElement }.flatMap(elements)
    }

    static func localName(_ e: XMLElement) -> String {
        e.localName ?? e.name ?? ""
    }

    /// The value of attribute `name` (found through `attributes`: on Linux,
    /// `attribute(forName:)` misses attributes of elements in the SVG default namespace).
    static func attr(_ e: XMLElement, _ name: String) -> String? {
        (e.attributes ?? []).first { ($0.localName ?? $0.name) == name }?.stringValue
    }

    /// A numeric attribute (NaN when absent).
    static func number(_ e: XMLElement, _ name: String) -> Double { Double(attr(e, name) ?? "") ?? .nan }

    static let hostile = "<script>alert(1)</script>"

    /// One chart of every kind, with a hostile label in each.
    static func sampleCharts() -> [(name: String, svg: String)] {
        var scatter = ScatterChart(
            title: "Young's modulus against ionic conductivity",
            xAxis: .log("Ionic conductivity σ (S cm^{-1})"),
            yAxis: .log("Young's modulus E (GPa)"),
            points: [
                .init(x: 1e-8, y: 74.66, label: "NaF", category: "SEI inorganic", isHighlighted: true),
                .init(x: 1.2e-4, y: 8.6, label: "Na₃P", category: "SEI inorganic", isHighlighted: true),
                .init(x: 2.2e-4, y: 21.2, label: "NaSn-MAI", category: "SEI hybrid", isHighlighted: true),
                .init(x: 5e-7, y: 2.3, label: hostile, category: "SEI organic"),
                .init(x: 1e-7, y: 140, label: "Al₂O₃", category: "Coating"),
                .init(x: 0, y: 18, label: "NaN₃", category: "SEI inorganic"),
            ],
            limits: [.init(.y, 5.2, failing: .below, label: "E < 5.2 GPa")])
        scatter.description = "Test data."

        let bars = StackedBarChart(
            title: "Ranking",
            criteria: ["Conductivity", "Band gap", "Modulus", "Cost"],
            bars: [
                .init(label: "Na₃P", contributions: [0.3, 0.1, 0.2, 0.15]),
                .init(label: hostile, contributions: [0.1, 0.3, 0.2, -0.08]),
                .init(label: "NaF", contributions: [0.05, 0.3, 0.1, nil]),
            ])

        var heat = HeatmapChart(
            title: "Rank acceptability",
            rowLabels: ["NaF", hostile, "Na₂S"],
            columnLabels: ["1", "2", "3"],
            values: [[0.62, 0.30, 0.08], [0.30, nil, 0.20], [0.08, 0.20, 0.72]])
        heat.extraColumns = [.init(title: "Confidence", texts: ["0.91", hostile, "1.00"])]

        let line = LineChart.rankSweep(
            title: "Rank against weight",
            xAxis: .linear("Weight w", domain: 0...1),
            series: [
                .init(name: "NaF", x: [0, 0.5, 1], y: [1, 2, 3]),
                .init(name: hostile, x: [0, 0.5, 1], y: [2, 1, 1]),
                .init(name: "Na₂S", x: [0, 0.5, 1], y: [3, 3, 2]),
            ],
            reversals: [.init(x: 0.25, label: "w = 0.25"), .init(x: 0.75, label: hostile)])

        var regression = RegressionPanel(
            title: "Overpotential against binding energy",
            xAxis: .linear("E_{b} (eV)"),
            yAxis: .linear("η (mV)"),
            observations: [.init(x: -1.2, y: 41, label: "Au"), .init(x: -0.6, y: 18, label: hostile), .init(x: -0.9, y: 27)],
            curve: .init(x: [-1.5, -1.0, -0.5], fit: [47, 30, 13],
                         confidence: (lower: [43, 28, 10], upper: [51, 32, 16]),
                         prediction: (lower: [37, 21, 3], upper: [57, 39, 23])))
        regression.annotation = ["R^{2} = 0.94"]

        let coverage = CoverageMap(
            title: "Coverage",
            rowLabels: ["NaF", hostile],
            columnLabels: ["youngs_modulus", "band_gap", hostile],
            cells: [[.measured, .multiple(3), .imputed], [.missing, .measured]])

        return [
            ("scatter", scatter.render()), ("stacked", bars.render()), ("heatmap", heat.render()),
            ("line", line.render()), ("regression", regression.render()), ("coverage", coverage.render()),
        ]
    }
}
