import Foundation
import Screening

/// The bundled `Descriptors/` folder, found from this file's path.
let packageDescriptors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Descriptors")

/// The report at the scale of a Materials Project import: a synthetic descriptor folder
/// (`SyntheticDescriptors`, random numbers shaped like MP sodium compounds) is built into a
/// database, screened with a profile like the coming one, and each stage of `screen report`
/// is timed: database build, ranking, SMAA-2, weight sweep, Sobol', the report document
/// (tables, summary and charts), rendering (HTML, Markdown, JSON) and writing.
func reportBenchmark(candidates count: Int, samples: Int, method: String, cores: Int) throws {
    let clock = ContinuousClock()
    func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = clock.now
        let value = try body()
        return (value, seconds(clock.now - start))
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("screen-bench-report-\(getpid())")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let elements = packageDescriptors.appendingPathComponent("elements")
    try SyntheticDescriptors.write(to: folder, candidates: count, elements: elements)
    let profileURL = folder.appendingPathComponent("synthetic.yaml")
    try SyntheticDescriptors.profile(method: method).write(to: profileURL, atomically: true, encoding: .utf8)

    print("Report stages: synthetic Materials-Project-like database, \(count) computed candidates, profile with \(method), \(samples) SMAA samples")
    print("cores (ProcessInfo.activeProcessorCount): \(cores); load average at start: \(loadAverage())")
    let (store, tBuild) = try time { try DescriptorStore.build(from: folder, to: folder.appendingPathComponent("db.sqlite").path) }
    let profile = try ProfileLoader.load(profileURL)
    var settings = ProfileAnalysis.Settings()
    settings.samples = samples
    // Stage by stage, with the same calls ProfileAnalysis makes.
    let (result, tRank) = try time { try ProfileScreening.run(profile, store: store) }
    let (matrix, weights) = try result.weightedMatrix()
    let rankingMethod = try result.rankingMethod()
    let ((values, sampled), tValues) = time { result.weightedValueModel(samples: settings.samples, seed: settings.seed) }
    let (smaa, tSMAA) = try time { try settings.smaa(matrix: matrix, values: values, method: rankingMethod) }
    let (_, tSMAAMain) = try time { try settings.smaa(matrix: matrix, values: values, method: rankingMethod, confidenceSamples: 1) }
    let (_, tSweep) = try time { try WeightSweep.run(matrix: matrix, weights: weights, method: rankingMethod, topK: settings.sweepTop) }
    let (_, tSobol) = try time { try RankingSobol.run(matrix: matrix, weights: weights, method: rankingMethod, setup: settings.sobolSetup) }
    // The whole analysis as `screen report` runs it, then the document and the files.
    let (analysis, tAnalysis) = try time { try ProfileAnalysis(profile: profile, store: store, settings: settings) }
    let (report, tDocument) = try time { try ScreeningReport(analyses: [analysis], title: "Synthetic screening") }
    let (html, tHTML) = time { HTMLRenderer.render(report.document) }
    let ((markdown, charts), tMarkdown) = time { MarkdownRenderer.render(report.document, chartFolder: "x-charts") }
    let (json, tJSON) = time { report.data.rendered() }
    let out = folder.appendingPathComponent("out/report")
    let (written, tWrite) = try time { try report.write(to: out) }
    let csvBytes = written.filter { $0.pathExtension == "csv" }.reduce(0) { $0 + ((try? Data(contentsOf: $1).count) ?? 0) }

    print("  \(result.rows.count) ranked, \(result.excluded.count) excluded, \(matrix.columnCount) weighted criteria; value samples: \(sampled ? "drawn" : "fixed matrix"); pairwise winning: \(smaa.pairwiseWinning == nil ? "off" : "on")")
    func line(_ name: String, _ t: Double, _ extra: String = "") { print("  \(name.padding(toLength: 34, withPad: " ", startingAt: 0)) \(pad(fmt(t), 7)) s\(extra)") }
    line("database build (CSV → SQLite)", tBuild)
    line("ranking (ProfileScreening.run)", tRank)
    line("value model", tValues)
    line("SMAA-2", tSMAA, " (\(samples) samples; \(smaa.confidenceFactors.compactMap { $0 }.count) candidates get a confidence pass, \(settings.smaaConfidenceCandidates) at most)")
    line("  of which the main pass", tSMAAMain, " (the same run with 1 confidence sample)")
    line("weight sweep", tSweep, " (top \(settings.sweepTop))")
    line("Sobol'", tSobol, " (\(settings.sobolCandidates) leading candidates, \(settings.sobolSamples) base samples)")
    line("ProfileAnalysis (all of the above)", tAnalysis)
    line("report document (tables, charts)", tDocument)
    line("HTML rendering", tHTML, " (\(html.utf8.count / 1024) KiB)")
    line("Markdown rendering", tMarkdown, " (\(markdown.utf8.count / 1024) KiB, \(charts.count) SVG files, \(charts.reduce(0) { $0 + $1.svg.utf8.count } / 1024) KiB)")
    line("JSON rendering", tJSON, " (\(json.utf8.count / 1024) KiB)")
    line("writing all files", tWrite, " (\(written.count) files; CSV \(csvBytes / 1024) KiB)")
    line("report stage total (analysis → files)", tAnalysis + tDocument + tWrite)
}
