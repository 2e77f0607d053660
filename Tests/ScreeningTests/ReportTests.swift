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

@Suite("Screening report", .serialized)
struct ReportTests {
    /// A small database with a candidate whose name and id are hostile to HTML.
    func fixture() throws -> (URL, DescriptorStore, URL) {
        let candidates = candidateHeader + """
            A,Alpha,,sei_inorganic,
            B,Beta <b>bold</b>,,sei_inorganic,
            C,C,,sei_inorganic,
            x-script,<script>alert(1)</script>,,sei_inorganic,

            """
        var m = measurementHeader
        for (id, gap, g) in [("A", 5.0, 30.0), ("B", 4.0, 10.0), ("C", 6.0, 20.0), ("x-script", 3.0, 40.0)] {
            m += "\(id),band_gap,\(gap),0.2,,,,eV,exp,,,[1],Section 2.1,\n\(id),shear_modulus,\(g),,,,,GPa,DFT,,,\"<script>src</script>\",,\n"
        }
        let folder = try makeDescriptorFolder(candidates: candidates, measurements: m)
        let store = try DescriptorStore.build(from: folder, to: folder.appendingPathComponent("db.sqlite").path)
        let profile = folder.appendingPathComponent("p.yaml")
        try write("""
            name: Test <profile>
            method: topsis
            criteria:
              - {label: gap, property: band_gap, goal: max, weight: 0.5, basis: test}
              - {label: G, property: shear_modulus, goal: max, weight: 0.5, basis: test}
            """, to: profile)
        return (folder, store, profile)
    }

    func render(_ store: DescriptorStore, _ profile: URL, seed: UInt64 = 3) throws -> ScreeningReport {
        var settings = ProfileAnalysis.Settings()
        settings.samples = 400
        settings.sobolSamples = 64
        settings.seed = seed
        return try ScreeningReport(analyses: [try ProfileAnalysis(profile: try ProfileLoader.load(profile), store: store, settings: settings)])
    }

    @Test("the ranking table in the HTML is the ranking of screen rank")
    func rankingMatchesRank() throws {
        let (folder, store, profile) = try fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = HTMLRenderer.render(try render(store, profile).document)
        let r = try runScreen(["rank", "--profile", profile.path, "--db", store.path, "--format", "json"])
        let ranked = try #require(try parseJSON(r.stdout) as? [String: Any])["alternatives"] as? [[String: Any]]
        let ids = try #require(ranked).compactMap { $0["id"] as? String }
        // Rows of the first table: <td class="r">rank</td><td>id</td>
        let table = try #require(html.components(separatedBy: "<tbody>").dropFirst().first?.components(separatedBy: "</tbody>").first)
        let rowIDs = table.components(separatedBy: "<tr>").dropFirst().map { row in
            row.components(separatedBy: "<td>")[1].components(separatedBy: "</td>")[0]
        }
        #expect(rowIDs == ids)
    }

    @Test("everything from data is escaped; no script element reaches the HTML or the SVG")
    func escaping() throws {
        let (folder, store, profile) = try fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try render(store, profile)
        let html = HTMLRenderer.render(report.document)
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("&lt;script&gt;src&lt;/script&gt;"))
        #expect(html.contains("Test &lt;profile&gt;"))
        let (md, charts) = MarkdownRenderer.render(report.document, chartFolder: "c")
        #expect(!md.contains("<script"))
        for c in charts { #expect(!c.svg.lowercased().contains("<script")) }
    }

    @Test("every value in the provenance table names its source")
    func provenanceHasSources() throws {
        let (folder, store, profile) = try fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let doc = try render(store, profile).document
        guard case .table(let header, let rows, _, _)? = doc.blocks.last(where: {
            if case .table(_, _, _, let caption) = $0 { return caption?.hasPrefix("Provenance") == true } else { return false }
        }) else {
            Issue.record("no provenance table")
            return
        }
        let source = try #require(header.firstIndex(of: "Source")), method = try #require(header.firstIndex(of: "Method"))
        #expect(rows.count == 8)   // 4 candidates × 2 criteria, one measurement each
        for row in rows { #expect(!row[source].isEmpty && row[source] != "—" && !row[method].isEmpty) }
    }

    @Test("the same inputs and seed give byte-identical files; written atomically")
    func determinism() throws {
        let (folder, store, profile) = try fixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a/report"), b = folder.appendingPathComponent("b/report")
        let filesA = try render(store, profile).write(to: a)
        let filesB = try render(store, profile).write(to: b)
        #expect(filesA.count == filesB.count && filesA.count >= 5)
        for (x, y) in zip(filesA, filesB) { #expect(try Data(contentsOf: x) == Data(contentsOf: y), "\(x.lastPathComponent)") }
        let other = try render(store, profile, seed: 4).write(to: folder.appendingPathComponent("c/report"))
        #expect(try Data(contentsOf: other.first { $0.pathExtension == "json" }!) != Data(contentsOf: filesA.first { $0.pathExtension == "json" }!))
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp") }
        #expect(leftovers.isEmpty)
    }
}
