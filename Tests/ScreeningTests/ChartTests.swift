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

// Tests of the SVG chart module (Sources/Screening/Report/Charts).

// MARK: - Documents

@Suite("Charts: SVG documents")
struct ChartDocumentTests {
    @Test("every chart is well-formed XML with a title and a description")
    func wellFormed() throws {
        for (name, svg) in SVGTest.sampleCharts() {
            let root = try SVGTest.parse(svg)
            #expect(SVGTest.localName(root) == "svg", "\(name)")
            #expect(SVGTest.attr(root, "viewBox")?.hasPrefix("0 0 ") == true, "\(name)")
            let children = (root.children ?? []).compactMap { $0 as? XMLElement }
            let title = children.first { SVGTest.localName($0) == "title" }?.stringValue ?? ""
            let desc = children.first { SVGTest.localName($0) == "desc" }?.stringValue ?? ""
            #expect(!title.isEmpty, "\(name) has a <title>")
            #expect(desc.count > 20, "\(name) has a <desc>")
            #expect(SVGTest.attr(root, "font-family") == SVGDocument.fontFamily, "\(name)")
        }
    }

    @Test("rendering twice gives byte-identical output")
    func deterministic() {
        let first = SVGTest.sampleCharts(), second = SVGTest.sampleCharts()
        for (a, b) in zip(first, second) {
            #expect(a.svg == b.svg, "\(a.name)")
        }
    }

    @Test("data text is escaped, and no script element exists")
    func escaping() throws {
        for (name, svg) in SVGTest.sampleCharts() {
            #expect(!svg.contains("<script"), "\(name)")
            #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(name)")
            let all = SVGTest.elements(try SVGTest.parse(svg))
            #expect(!all.contains { SVGTest.localName($0).lowercased() == "script" }, "\(name)")
            #expect(!all.contains { e in (e.attributes ?? []).contains { ($0.name ?? "").lowercased().hasPrefix("on") } }, "\(name): no event handlers")
            // The SVGTest.hostile label is shown as text.
            #expect(all.contains { SVGTest.localName($0) == "text" && ($0.stringValue ?? "").contains(SVGTest.hostile) }, "\(name)")
        }
    }

    @Test("control characters in data still give well-formed XML")
    func controlCharacters() throws {
        let chart = StackedBarChart(title: "bad \u{0}\u{1B} title", criteria: ["a\u{7}"], bars: [.init(label: "x\u{FFFF}y & \"z\"", contributions: [1])])
        _ = try SVGTest.parse(chart.render())
    }

    @Test("ids of two charts on one page differ")
    func idPrefixes() throws {
        let a = SVGDocument(width: 10, height: 10, title: "A", description: "")
        let b = SVGDocument(width: 10, height: 10, title: "B", description: "")
        #expect(a.id("plot") != b.id("plot"))
        #expect(a.idPrefix == SVGDocument(width: 10, height: 10, title: "A", description: "").idPrefix)
        // Two charts with the same title but different data do not share clip-path ids.
        let one = ScatterChart(title: "Same", xAxis: .linear("x"), yAxis: .linear("y"), points: [.init(x: 1, y: 2)]).render()
        let two = ScatterChart(title: "Same", xAxis: .linear("x"), yAxis: .linear("y"), points: [.init(x: 1, y: 3)]).render()
        let id = #/id="(chart-[0-9a-f]{8}-)plot"/#
        let first = try #require(one.firstMatch(of: id)?.1), second = try #require(two.firstMatch(of: id)?.1)
        #expect(first != second)
    }

    @Test("numbers are formatted with fixed decimals, without negative zero")
    func numbers() {
        #expect(SVGNumber.coordinate(12.5) == "12.5")
        #expect(SVGNumber.coordinate(12.0) == "12")
        #expect(SVGNumber.coordinate(-0.004) == "0")
        #expect(SVGNumber.coordinate(-3.14159) == "-3.14")
        #expect(SVGNumber.fixed(2.5, decimals: 2) == "2.50")
        #expect(SVGNumber.fixed(-0.0001, decimals: 2) == "0.00")
        #expect(ChartFormat.number(-0.25, decimals: 2) == "\u{2212}0.25")
        #expect(SVGNumber.coordinate(.nan) == "0")
    }

    @Test("superscripts become shifted tspans")
    func superscripts() {
        let t: ChartText = "σ (S cm^{-1})"
        #expect(t.runs == [.plain("σ (S cm"), .superscript("-1"), .plain(")")])
        #expect(t.plainText == "σ (S cm⁻¹)")
        let content = ChartText.powerOfTen(-5).svgContent(fontSize: 12)
        #expect(content == "10<tspan dy=\"-5.04\" font-size=\"8.64\">\u{2212}5</tspan>")
        // String values (data) are taken literally; only literals are read as markup.
        let data = "a^{b}"
        #expect(ChartText(data).runs == [.plain("a^{b}")])
        #expect(ChartText(markup: data).runs == [.plain("a"), .superscript("b")])
    }
}

// MARK: - Scales

@Suite("Charts: scales and ticks")
struct ChartScaleTests {
    @Test("linear nice domain and ticks: 0…97 gives 0, 20, …, 100")
    func linearNice() throws {
        let s = try ChartScale.nice(.linear, covering: [0, 97])
        #expect(s.domain == 0...100)
        #expect(s.ticks() == [0, 20, 40, 60, 80, 100])
        #expect(s.tickLabels(for: s.ticks()).map(\.plainText) == ["0", "20", "40", "60", "80", "100"])
    }

    @Test("linear ticks are 1, 2 or 5 × 10^k and labels share their decimals")
    func linearSteps() throws {
        let s = try ChartScale.nice(.linear, covering: [-0.37, 2.2])
        #expect(s.domain == -0.5...2.5)
        #expect(s.ticks() == [-0.5, 0, 0.5, 1, 1.5, 2, 2.5])
        #expect(s.tickLabels(for: s.ticks()).map(\.plainText) == ["\u{2212}0.5", "0.0", "0.5", "1.0", "1.5", "2.0", "2.5"])
        let small = try ChartScale.nice(.linear, covering: [0.3, 0.7], targetTickCount: 4)
        #expect(small.ticks(targetCount: 4) == [0.3, 0.4, 0.5, 0.6, 0.7])
        #expect(small.tickLabels(for: small.ticks(targetCount: 4)).map(\.plainText) == ["0.3", "0.4", "0.5", "0.6", "0.7"])
        for span in [0.013, 0.7, 3.3, 17, 480, 96_000] {
            let t = try ChartScale.nice(.linear, covering: [0, span]).ticks()
            let step = t[1] - t[0]
            let mantissa = step / pow(10, floor(log10(step)))
            #expect([1, 2, 5].contains { abs(mantissa - $0) < 1e-9 }, "span \(span): step \(step)")
        }
    }

    @Test("padding keeps non-negative data on a non-negative axis")
    func paddingAtZero() throws {
        let s = try ChartScale.nice(.linear, covering: [0, 10.5], padding: 0.04)
        #expect(s.lower == 0)
        let shifted = try ChartScale.nice(.linear, covering: [0.3, 3.1], padding: 0.04)
        #expect(shifted.lower >= 0)
    }

    @Test("log nice domain: 3e-5…0.2 gives decades 1e-5 … 1")
    func logNice() throws {
        let s = try ChartScale.nice(.log10, covering: [3e-5, 0.2])
        #expect(s.lower == 1e-5 && s.upper == 1)
        #expect(s.ticks() == [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1])
        #expect(s.tickLabels(for: s.ticks()).map(\.plainText) == ["10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"])
        let tight = try ChartScale.nice(.log10, covering: [3e-5, 0.2], logRounding: .oneTwoFive)
        #expect(tight.lower == 2e-5 && tight.upper == 0.2)
    }

    @Test("log scale maps every decade to the same distance")
    func logEqualDecades() throws {
        let s = try ChartScale.log10(1e-8...1e-3, rangeStart: 50, rangeEnd: 550)
        let positions = (-8 ... -3).map { s(pow(10, Double($0))) }
        #expect(abs(positions[0] - 50) < 1e-9 && abs(positions[5] - 550) < 1e-9)
        for (a, b) in zip(positions, positions.dropFirst()) {
            #expect(abs((b - a) - 100) < 1e-9)
        }
        #expect(abs(s.invert(s(3.7e-6)) - 3.7e-6) < 1e-18)
        #expect(s(0).isNaN)
    }

    @Test("log minor ticks at 2…9 × 10^k when there is room")
    func logMinorTicks() throws {
        let s = try ChartScale.log10(1...100, rangeStart: 0, rangeEnd: 400)
        let minor = s.minorTicks()
        #expect(minor.count == 16)
        #expect(minor.first == 2 && minor.last == 90)
        let cramped = try ChartScale.log10(1e-12...1, rangeStart: 0, rangeEnd: 100)
        #expect(cramped.minorTicks().isEmpty)
    }

    @Test("a log scale refuses non-positive values")
    func logNonPositive() {
        #expect(throws: ChartError.nonPositiveLogDomain(0)) { try ChartScale.log10(0...1) }
        #expect(throws: ChartError.nonPositiveLogDomain(-2)) { try ChartScale.nice(.log10, covering: [1, -2, 5]) }
        #expect(throws: ChartError.nonFiniteDomain) { try ChartScale(.linear, domain: 0...Double.infinity) }
    }

    @Test("a short log domain falls back to 1-2-5 ticks with plain labels")
    func shortLogDomain() throws {
        let s = try ChartScale.log10(2...50)
        #expect(s.ticks() == [2, 5, 10, 20, 50])
        #expect(s.tickLabels(for: s.ticks()).map(\.plainText) == ["2", "5", "10", "20", "50"])
    }

    @Test("crowded tick labels are thinned so that none overlap")
    func thinning() throws {
        let s = try ChartScale.log10(1e-20...1, rangeStart: 0, rangeEnd: 300)
        var axis = ChartAxis(scale: s, edge: .bottom, title: "x")
        axis.tickValues = (-20...0).map { pow(10, Double($0)) }
        let t = axis.ticks()
        let shown = axis.visibleLabelIndices()
        #expect(shown.count < t.count && shown.count > 2)
        #expect(shown.contains(t.count - 1), "the label at 10⁰ is kept")
        for (a, b) in zip(shown, shown.dropFirst()) {
            let wa = t[a].label.width(fontSize: axis.tickFontSize), wb = t[b].label.width(fontSize: axis.tickFontSize)
            #expect(abs(s(t[b].value) - s(t[a].value)) >= (wa + wb) / 2)
        }
    }
}

// MARK: - Label placement

@Suite("Charts: label placement")
struct LabelPlacerTests {
    @Test("no two placed labels overlap on a dense random scatter")
    func denseScatter() {
        var rng = ChartTestRNG(state: 42)
        let bounds = ChartRect(x: 0, y: 0, width: 600, height: 400)
        let requests = (0..<300).map { i -> LabelPlacer.Request in
            let text = "cand-\(i)" + String(repeating: "x", count: Int.random(in: 0...6, using: &rng))
            return LabelPlacer.Request(anchor: ChartPoint(x: Double.random(in: 0...600, using: &rng), y: Double.random(in: 0...400, using: &rng)),
                                       width: TextMetrics.width(text, fontSize: 11) + 2, height: 13, clearance: 5)
        }
        let placements = LabelPlacer(bounds: bounds).place(requests)
        #expect(placements.count == requests.count)
        let boxes = placements.compactMap { $0?.box }
        #expect(boxes.count > 60, "a useful share is placed (\(boxes.count))")
        #expect(boxes.count < requests.count, "some are skipped: the plot is too dense for all")
        for i in boxes.indices {
            #expect(bounds.contains(boxes[i]))
            for j in boxes.indices where j > i {
                #expect(!boxes[i].intersects(boxes[j]), "labels \(i) and \(j) overlap")
            }
        }
        // No label covers another point's marker.
        for (k, placement) in placements.enumerated() {
            guard let box = placement?.box else { continue }
            for (j, r) in requests.enumerated() where j != k {
                let marker = ChartRect(x: r.anchor.x - r.clearance, y: r.anchor.y - r.clearance, width: 2 * r.clearance, height: 2 * r.clearance)
                #expect(!marker.intersects(box))
            }
        }
    }

    @Test("no leader line runs through another label or crosses another leader on a dense random scatter")
    func leadersDoNotCross() {
        var rng = ChartTestRNG(state: 7)
        let requests = (0..<200).map { i -> LabelPlacer.Request in
            LabelPlacer.Request(anchor: ChartPoint(x: Double.random(in: 0...500, using: &rng), y: Double.random(in: 0...350, using: &rng)),
                                width: TextMetrics.width("cand-\(i)", fontSize: 11) + 2, height: 13, clearance: 5)
        }
        let placements = LabelPlacer(bounds: ChartRect(x: 0, y: 0, width: 500, height: 350)).place(requests)
        let leaders = placements.enumerated().compactMap { k, p -> (Int, ChartPoint, ChartPoint)? in
            guard let p, let a = p.leaderStart, let b = p.leaderEnd else { return nil }
            return (k, a, b)
        }
        #expect(leaders.count > 5, "the test needs leaders (\(leaders.count))")
        for (k, a, b) in leaders {
            // Points along the leader, checked against every other label's box.
            let along = (0...40).map { t in ChartPoint(x: a.x + (b.x - a.x) * Double(t) / 40, y: a.y + (b.y - a.y) * Double(t) / 40) }
            for (j, p) in placements.enumerated() where j != k {
                guard let box = p?.box.outset(-0.5) else { continue }
                #expect(!along.contains { box.contains($0) }, "leader \(k) runs through label \(j)")
            }
            for (j, c, d) in leaders where j > k {
                func orient(_ p: ChartPoint, _ q: ChartPoint, _ r: ChartPoint) -> Double { (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x) }
                let crosses = orient(c, d, a) * orient(c, d, b) < 0 && orient(a, b, c) * orient(a, b, d) < 0
                #expect(!crosses, "leaders \(k) and \(j) cross")
            }
        }
    }

    @Test("a label next to a free point sits right beside it, without a leader")
    func sparse() throws {
        let placer = LabelPlacer(bounds: ChartRect(x: 0, y: 0, width: 200, height: 100))
        let p = placer.place([LabelPlacer.Request(anchor: ChartPoint(x: 50, y: 50), width: 30, height: 12, clearance: 4)])
        let box = try #require(p[0]).box
        #expect(box.minX == 56 && abs(box.midY - 50) < 1e-9)
        #expect(p[0]?.leaderStart == nil)
    }

    @Test("spread keeps order and spacing")
    func spread() {
        let out = LabelPlacer.spread([10, 11, 12, 50, 200], spacing: 12, lower: 0, upper: 100)
        for (a, b) in zip(out, out.dropFirst()) { #expect(b - a >= 12 - 1e-9) }
        #expect(out.last! <= 100 + 1e-9)
    }
}
