import Foundation
@testable import SVGCharts
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
    /// A document without a root element.
    struct NoRoot: Error {}

    /// Parses `svg` as XML; throws on any well-formedness error.
    static func parse(_ svg: String) throws -> XMLElement {
        let document = try XMLDocument(xmlString: svg, options: [])
        guard let root = document.rootElement() else { throw NoRoot() }
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

    /// One drawn text: its characters (without tooltips), font size and its box by the metrics.
    struct TextBox {
        let text: String
        let size: Double
        let box: ChartRect
    }

    /// The `viewBox` size and the box of every `<text>`, computed from its position, anchor,
    /// rotation and font size with `TextMetrics` (the widths the layout used): what a renderer
    /// with DejaVu Sans draws, so a box outside the document is text cut off.
    static func textBoxes(_ svg: String) throws -> (width: Double, height: Double, texts: [TextBox]) {
        let root = try parse(svg)
        let view = (attr(root, "viewBox") ?? "").split(separator: " ").compactMap { Double($0) }
        var boxes: [TextBox] = []
        for e in elements(root) where localName(e) == "text" {
            let size = Double(attr(e, "font-size") ?? "") ?? 12
            let bold = attr(e, "font-weight") == "bold"
            var width = 0.0, text = "", raised = false
            for node in e.children ?? [] {
                if let child = node as? XMLElement {
                    guard localName(child) == "tspan" else { continue }  // <title> is a tooltip
                    let s = child.stringValue ?? ""
                    width += TextMetrics.width(s, fontSize: Double(attr(child, "font-size") ?? "") ?? size, bold: bold)
                    if (Double(attr(child, "dy") ?? "") ?? 0) < 0 { raised = true }
                    text += s
                } else {
                    let s = node.stringValue ?? ""
                    width += TextMetrics.width(s, fontSize: size, bold: bold)
                    text += s
                }
            }
            let x = number(e, "x"), y = number(e, "y")
            let start = switch attr(e, "text-anchor") { case "middle": x - width / 2; case "end": x - width; default: x }
            let top = y - size * (TextMetrics.ascent + (raised ? 0.42 : 0))
            var corners = [(start, top), (start + width, top), (start, y + TextMetrics.descent * size), (start + width, y + TextMetrics.descent * size)]
            if let transform = attr(e, "transform"), transform.hasPrefix("rotate(") {
                let parts = transform.dropFirst(7).dropLast().split(separator: " ").compactMap { Double($0) }
                let a = parts[0] * Double.pi / 180, cx = parts.count > 2 ? parts[1] : 0, cy = parts.count > 2 ? parts[2] : 0
                corners = corners.map { px, py in
                    (cx + (px - cx) * cos(a) - (py - cy) * sin(a), cy + (px - cx) * sin(a) + (py - cy) * cos(a))
                }
            }
            let xs = corners.map(\.0), ys = corners.map(\.1)
            boxes.append(TextBox(text: text, size: size,
                                 box: ChartRect(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!)))
        }
        return (view.count == 4 ? view[2] : .nan, view.count == 4 ? view[3] : .nan, boxes)
    }

    /// The texts of `svg` whose box leaves the document by more than half a pixel.
    static func textsOutside(_ svg: String) throws -> [String] {
        let (w, h, texts) = try textBoxes(svg)
        let page = ChartRect(x: 0, y: 0, width: w, height: h).outset(0.5)
        return texts.filter { !page.contains($0.box) }.map { "\($0.text) \($0.box)" }
    }

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
