import ArgumentParser
import Foundation
import Screening

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the screening report: HTML (self-contained), Markdown with SVG charts, JSON and CSV.",
        discussion: "Runs each profile with its sensitivity analysis (weight sweeps, SMAA-2, Sobol') and writes NAME.html, NAME.md (charts in NAME-charts/), NAME.json and NAME-<profile>-ranking.csv. The same inputs and seed give byte-identical files.")
    @Option(help: "Profiles (files, or names in Descriptors/profiles/); repeatable. Default: every bundled profile.")
    var profile: [String] = []
    @OptionGroup var db: DatabaseOptions
    @OptionGroup(title: "Scope (every profile)") var scope: ScopeOptions
    @Option(help: "Output path without extension.") var out: String = "Reports/screening"
    @Option(parsing: .unconditional, help: "SMAA samples per profile.") var samples: Int = 10_000
    @Option(parsing: .unconditional, help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Report title.") var title: String = "Screening of protective layers for sodium metal anodes"

    func validate() throws {
        try FlagRange.check("--samples", samples, 1...FlagRange.maximumSamples)
    }

    func run() throws {
        let store = try db.open()
        let folder = db.descriptorFolder.appendingPathComponent("profiles")
        var files = profile.map(db.profileURL)
        if files.isEmpty {
            let order = ["sei", "hosts", "alloys", "sac"]
            let names = (try FileManager.default.contentsOfDirectory(atPath: folder.path)).filter { $0.hasSuffix(".yaml") }
            files = names.sorted { (order.firstIndex(of: String($0.dropLast(5))) ?? 99, $0) < (order.firstIndex(of: String($1.dropLast(5))) ?? 99, $1) }
                .map { folder.appendingPathComponent($0) }
        }
        var settings = ProfileAnalysis.Settings()
        settings.samples = samples
        settings.seed = seed
        var analyses: [ProfileAnalysis] = []
        var unranked: [ScreeningReport.Unranked] = []
        for file in files {
            let p = try ProfileLoader.load(file)
            printError("analysing \(p.name)…")
            do {
                analyses.append(try ProfileAnalysis(profile: p, store: store, settings: settings, scope: try scope.override()))
            } catch let e as ScreeningError {
                printError("note: \(p.name) is not ranked: \(e.summary)")
                unranked.append(.init(profile: p, error: e))
            }
        }
        let report = try ScreeningReport(analyses: analyses, unranked: unranked, title: title)
        let written = try report.write(to: URL(fileURLWithPath: out))
        print("wrote \(written.count) files; open \(out).html")
    }
}
