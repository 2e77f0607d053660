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

/// The report at a larger scale: a synthetic Materials-Project-like database
/// (`SyntheticDescriptors`, 400 computed candidates, of which about 300 pass the band-gap
/// limit) with 50 rows shown. Timing is in `screen-bench --report`, not here.
@Suite("Large report", .serialized)
struct LargeReportTests {
    static let shown = 50

    /// Builds the synthetic database, runs the analysis and writes the report; returns the
    /// analysis, the report and the folder (removed by the caller).
    func fixture(count: Int = 400) throws -> (ProfileAnalysis, ScreeningReport, URL, [URL]) {
        let folder = try temporaryFolder()
        try SyntheticDescriptors.write(to: folder, candidates: count, elements: bundledDescriptors.appendingPathComponent("elements"))
        let profile = folder.appendingPathComponent("synthetic.yaml")
        try write(SyntheticDescriptors.profile(), to: profile)
        let store = try DescriptorStore.build(from: folder, to: folder.appendingPathComponent("db.sqlite").path)
        var settings = ProfileAnalysis.Settings()
        settings.samples = 300
        settings.sobolSamples = 64
        settings.shownRows = Self.shown
        let analysis = try ProfileAnalysis(profile: try ProfileLoader.load(profile), store: store, settings: settings)
        let report = try ScreeningReport(analyses: [analysis], title: "Large")
        let files = try report.write(to: folder.appendingPathComponent("out/report"))
        return (analysis, report, folder, files)
    }

    func text(_ files: [URL], _ suffix: String) throws -> String {
        let url = try #require(files.first { $0.lastPathComponent.hasSuffix(suffix) })
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test("the HTML shows the top N ranking rows and says where the rest is; the CSV has every row")
    func rankingIsCut() throws {
        let (a, _, folder, files) = try fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let m = a.result.rows.count
        #expect(m > Self.shown)
        let html = try text(files, ".html")
        let table = try #require(html.components(separatedBy: "<tbody>").dropFirst().first?.components(separatedBy: "</tbody>").first)
        let rows = table.components(separatedBy: "<tr>").dropFirst()
        #expect(rows.count == Self.shown)
        let ids = rows.map { $0.components(separatedBy: "<td>")[1].components(separatedBy: "</td>")[0] }
        #expect(ids == a.result.rows.prefix(Self.shown).map(\.candidate.id))
        let slug = ScreeningReport.slug(a.result.profile.name)
        #expect(html.contains("Top \(Self.shown) of \(m.formatted(.number.locale(Locale(identifier: "en_US")))) ranked candidates; the full ranking is in <code>report-\(slug)-ranking.csv</code>."))
        #expect(!html.contains(ScreeningReport.reportNameToken))
        let markdown = try text(files, ".md")
        #expect(markdown.contains("Top \(Self.shown) of \(m.formatted(.number.locale(Locale(identifier: "en_US")))) ranked candidates; the full ranking is in `report-\(slug)-ranking.csv`."))
        let csv = try text(files, "-\(slug)-ranking.csv").split(separator: "\n")
        #expect(csv.count == m + 1)   // header + every ranked candidate
        // The provenance table covers the shown rows only.
        guard case .table(_, let provenance, _, let caption)? = a.result.rows.isEmpty ? nil : ReportTables.provenance(a.result, limit: Self.shown) else {
            Issue.record("no provenance table")
            return
        }
        #expect(Set(provenance.map { $0[0] }).isSubset(of: Set(ids)))
        #expect(caption?.contains("top \(Self.shown) rows") == true)
    }

    /// The rows of the first table whose caption starts with `captionPrefix`.
    func table(_ report: ScreeningReport, captionPrefix: String) -> [[String]]? {
        for block in report.document.blocks {
            if case .table(_, let rows, _, let caption) = block, caption?.hasPrefix(captionPrefix) == true { return rows }
        }
        return nil
    }

    @Test("the exclusion summary's counts add up to the JSON's exclusion list, group by group")
    func exclusionSummary() throws {
        let (a, report, folder, files) = try fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try #require(table(report, captionPrefix: "Candidates removed"))
        let json = try #require(try parseJSON(text(files, ".json")) as? [String: Any])
        let section = try #require(json[ScreeningReport.slug(a.result.profile.name)] as? [String: Any])
        let excluded = try #require((section["ranking"] as? [String: Any])?["excluded"] as? [[String: Any]])
        #expect(excluded.count == a.result.excluded.count)
        let counts = summary.map { Int($0[2].replacingOccurrences(of: ",", with: ""))! }
        #expect(counts.reduce(0, +) == excluded.count)
        var fromJSON: [String: Int] = [:]
        for e in excluded {
            let key = "\(e["criterion"] as? String ?? "—")|\(ReportTables.reasonKind(e["reason"] as! String))"
            fromJSON[key, default: 0] += 1
        }
        #expect(Dictionary(uniqueKeysWithValues: summary.map { ("\($0[0])|\($0[1])", Int($0[2].replacingOccurrences(of: ",", with: ""))!) }) == fromJSON)
        #expect(summary.count >= 2)   // below the limit, and no value at all
        // The list under it: at most 20 per reason.
        let list = try #require(table(report, captionPrefix: "Removed candidates"))
        #expect(list.count == counts.map { min($0, 20) }.reduce(0, +))
    }

    @Test("the report is well-formed: balanced HTML tags, every chart parses as XML, sizes bounded")
    func wellFormed() throws {
        let (a, report, folder, files) = try fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = try text(files, ".html")
        for tag in ["table", "tbody", "thead", "tr", "figure", "svg", "p", "ul", "h2", "h3"] {
            let open = html.components(separatedBy: "<\(tag)>").count - 1 + html.components(separatedBy: "<\(tag) ").count - 1
            let close = html.components(separatedBy: "</\(tag)>").count - 1
            #expect(open == close, "<\(tag)>: \(open) opened, \(close) closed")
        }
        #expect(!html.lowercased().contains("<script"))
        let (_, charts) = MarkdownRenderer.render(report.document, chartFolder: "c")
        #expect(charts.count >= 4)
        for chart in charts {
            let doc = try XMLDocument(xmlString: chart.svg, options: [])
            #expect(doc.rootElement() != nil, "\(chart.name)")
        }
        // Ranking bars: at most 20; the heat map: at most 15 rows; the coverage map: the shown rows.
        let coverage = try #require(charts.first { $0.name.hasSuffix("-coverage") })
        #expect(coverage.svg.contains("(excluded)") == false)
        #expect(html.utf8.count < 2_000_000)
        // Pairwise winning indices are not computed above the limit, and the report says so.
        #expect(a.smaa?.pairwiseWinning == nil)
        #expect(a.notes.contains { $0.contains("pairwise winning") })
        // The property chart names only the leaders and the Pareto front.
        let properties = try #require(charts.first { $0.name.hasSuffix("-properties") })
        let labels = properties.svg.components(separatedBy: "paint-order=\"stroke\"").count - 1
        #expect(labels < 60)
    }

    @Test("the first Pareto front found by the report equals front 1 of the full non-dominated sort")
    func firstFront() throws {
        let rng = RandomGenerator(seed: 5)
        for n in [1, 2, 7, 60, 300] {
            // Coarse values, so that ties and duplicates occur.
            let values = (0..<n).map { _ in (0..<3).map { _ in Double(rng.uniformInteger(below: 6)) } }
            let m = try DecisionMatrix(alternatives: (0..<n).map { "a\($0)" }, criteria: ["x", "y", "z"], values: values, types: [.max, .min, .max])
            let fronts = Pareto.fronts(m)
            #expect(ReportCharts.firstFront(m) == m.alternatives.indices.filter { fronts[$0] == 1 })
        }
    }

    @Test("sparse value samples are exactly ValueUncertainty's samples")
    func sparseValueSamples() throws {
        let candidates = candidateHeader + "A,A,,sei_inorganic,\nB,B,,sei_inorganic,\nC,C,,sei_inorganic,\nD,D,,sei_inorganic,\n"
        var m = measurementHeader
        m += "A,band_gap,5,0.4,,,,eV,exp,,,[1],,\nB,band_gap,4,,,,,eV,exp,,,[1],,\nB,band_gap,4.5,,,,,eV,DFT,,,[2],,\n"
        m += "C,band_gap,6,,5,7,,eV,exp,,,[1],,\nD,band_gap,3,,,,,eV,exp,,,[1],,\n"
        for (id, g) in [("A", 30.0), ("B", 10.0), ("C", 20.0), ("D", 40.0)] { m += "\(id),shear_modulus,\(g),2,,,,GPa,DFT,,,[3],,\n" }
        m += "A,ionic_conductivity,0.001,0.0002,,,,S/cm,exp,,,[4],,\nC,ionic_conductivity,0.0001,,,,,S/cm,exp,,,[4],,\n"
        let folder = try makeDescriptorFolder(candidates: candidates, measurements: m)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try DescriptorStore.build(from: folder, to: folder.appendingPathComponent("db.sqlite").path)
        let profile = folder.appendingPathComponent("p.yaml")
        // The conductivity criterion has weight 0: its uncertain cells are drawn (and dropped).
        try write("""
            name: sparse
            method: topsis
            criteria:
              - {label: gap, property: band_gap, goal: max, weight: 0.5, basis: test}
              - {label: s, property: ionic_conductivity, goal: max, transform: log10, weight: 0, missing: unknown, basis: test}
              - {label: G, property: shear_modulus, goal: max, weight: 0.5, basis: test}
            """, to: profile)
        let result = try ProfileScreening.run(try ProfileLoader.load(profile), store: store)
        let keep = result.weightedCriteria
        let full = ValueUncertainty.samples(result, count: 50, seed: 9)
        let (base, cells, draws) = result.sparseValueSamples(count: 50, seed: 9, keep: keep)
        #expect(!cells.isEmpty && draws.count == 50 * cells.count)
        for k in 0..<50 {
            var matrix = base
            for (c, cell) in cells.enumerated() { matrix[cell.alternative][cell.criterion] = draws[k * cells.count + c] }
            #expect(matrix == full[k].map { row in keep.map { row[$0] } }, "sample \(k)")
        }
        // And SMAA gives the same result from either form.
        let (model, sampled) = result.weightedValueModel(samples: 200, seed: 9)
        #expect(sampled)
        let dense = ValueModel.samples(ValueUncertainty.samples(result, count: 200, seed: 9 &+ 0x5EED).map { m in m.map { row in keep.map { row[$0] } } })
        let (matrix, _) = try result.weightedMatrix()
        func run(_ values: ValueModel) throws -> SMAAResult {
            try SMAA.run(alternatives: matrix.alternatives, criteria: matrix.criteria, types: matrix.types, values: values,
                         weights: .uniform, method: TOPSIS(), samples: 200, seed: 9)
        }
        let x = try run(model), y = try run(dense)
        #expect(x.rankAcceptability == y.rankAcceptability && x.confidenceFactors == y.confidenceFactors && x.centralWeights == y.centralWeights)
    }

    /// TOPSIS under another name: SMAA and the sweeps take their generic path with it.
    struct PlainTOPSIS: RankingMethod {
        static let name = "topsis"
        static let higherIsBetter = true
        var normalization: Normalization { .minmax }
        func scores(_ matrix: DecisionMatrix, weights: [Double]) throws -> [Double] { try TOPSIS().scores(matrix, weights: weights) }
        func contributions(_ matrix: DecisionMatrix, weights: [Double]) throws -> [[Double]]? { nil }
    }

    @Test("SMAA's TOPSIS kernel, the prepared scores and the top-k selection give bit-identical results to the generic paths")
    func fastPathsAreExact() throws {
        let rng = RandomGenerator(seed: 21)
        let n = 120
        let values = (0..<n).map { i in [1 + 9 * rng.uniform(), Double(i % 7) + 1, 0.01 + rng.uniform()] }
        let m = try DecisionMatrix(alternatives: (0..<n).map { "a\($0)" }, criteria: ["x", "y", "z"], values: values, types: [.max, .max, .min])
        for method in [TOPSIS(), TOPSIS(normalization: .vector)] as [any RankingMethod] {
            let prepared = try PreparedScores(matrix: m, method: method)
            for _ in 0..<20 {
                let w = rng.dirichlet([1, 1, 1])
                #expect(try prepared.scores(w) == method.scores(m, weights: w))
            }
        }
        let wsm = try PreparedScores(matrix: m, method: WSM())
        let w = [0.2, 0.5, 0.3]
        #expect(try wsm.scores(w) == WSM().scores(m, weights: w))
        // SMAA: fixed and sampled values.
        let dist = ValueModel.distributions(values.map { row in row.map { ValueDistribution.normal(mean: $0, sd: 0.05 * abs($0)) } },
                                            columnBounds: [.nonNegative, .nonNegative, .atLeast(0.001)])
        for model in [ValueModel.fixed(values), dist] {
            func run(_ method: any RankingMethod) throws -> SMAAResult {
                try SMAA.run(alternatives: m.alternatives, criteria: m.criteria, types: m.types, values: model,
                             weights: .uniform, method: method, samples: 500, seed: 4, pairwise: true)
            }
            let fast = try run(TOPSIS()), generic = try run(PlainTOPSIS())
            #expect(fast.rankAcceptability == generic.rankAcceptability && fast.meanRank == generic.meanRank
                    && fast.centralWeights == generic.centralWeights && fast.confidenceFactors == generic.confidenceFactors
                    && fast.pairwiseWinning == generic.pairwiseWinning)
        }
        // Sweeps: the same result through the prepared scores as through the plain method.
        let a = try WeightSweep.run(matrix: m, weights: [0.4, 0.3, 0.3], method: TOPSIS(), topK: 3)
        let b = try WeightSweep.run(matrix: m, weights: [0.4, 0.3, 0.3], method: PlainTOPSIS(), topK: 3)
        #expect(a.sweeps.map(\.segments) == b.sweeps.map(\.segments) && a.sweeps.map(\.reversals) == b.sweeps.map(\.reversals))
        // Top-k selection against a full sort (ties in index order).
        for _ in 0..<20 {
            let s = (0..<200).map { _ in Double(rng.uniformInteger(below: 40)) }
            for higher in [true, false] {
                let sorted = s.indices.sorted { s[$0] != s[$1] ? (higher ? s[$0] > s[$1] : s[$0] < s[$1]) : $0 < $1 }
                #expect(WeightSweep.leading(s, count: 5, higherIsBetter: higher) == Array(sorted.prefix(5)))
            }
            for i in [0, 17, 199] { #expect(RankingSobol.rank(of: i, in: s, higherIsBetter: true) == Ranking.ranks(s, higherIsBetter: true)[i]) }
        }
    }
}
