import Foundation
import Screening

/// The staged screening of the real bundled Materials Project files, from the files to the
/// written report, with the library calls `make run` makes through the command line, into a
/// temporary database and output folder, each stage once (cold):
///
///   1. database build of `Descriptors/` (the review's data);
///   2–3. import of `computed/mp-formation-energies.csv` through its mapping (132,752 entries) and
///      the stability descriptors of every entry (convex hulls), as `screen db import` makes them:
///      the hulls are solved while the import writes its derived values, and written after it;
///   4–6. import of the PBE band gaps and of the shear and bulk moduli (log10 GPa; Young's modulus,
///      Poisson's ratio and the Monroe–Newman ratio derived when the second arrives);
///   7. the band-gap calibration to experiment (`screen db calibrate band-gap`);
///   8. screening: `ProfileScreening.run` with `profiles/computed/sodium-compounds.yaml`;
///   9. SMAA-2 over the ranked compounds as `ProfileAnalysis` runs it;
///  10. the full report: `ProfileAnalysis` (screening, SMAA-2, sweeps, Sobol'), `ScreeningReport`,
///      HTML, Markdown with charts, JSON and CSV.
///
/// Stages 8 and 9 are inside 10 and timed apart only to show where the time goes; the total is
/// 1–7 + 10.
func materialsProjectBenchmark(cores: Int, samples: Int = 10_000) throws {
    let clock = ContinuousClock()
    // Wall time (the goal's figure) and the process's CPU time over the stage (every thread), the
    // fairer figure when other work shares the cores.
    var lastCPU = 0.0
    func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = clock.now, startCPU = processCPUSeconds()
        let value = try body()
        lastCPU = processCPUSeconds() - startCPU
        return (value, seconds(clock.now - start))
    }
    let fm = FileManager.default
    let folder = fm.temporaryDirectory.appendingPathComponent("screen-bench-mp-\(getpid())")
    defer { try? fm.removeItem(at: folder) }
    try? fm.removeItem(at: folder)
    try fm.createDirectory(at: folder, withIntermediateDirectories: true)
    let profile = try ProfileLoader.load(packageDescriptors.appendingPathComponent("profiles/computed/sodium-compounds.yaml"))
    var settings = ProfileAnalysis.Settings()
    settings.samples = samples

    print("Materials Project staged screening: the real bundled files, from the files to the written report (profile computed/sodium-compounds, \(samples) SMAA samples)")
    print("cores (ProcessInfo.activeProcessorCount): \(cores); threads: \(cores); load average at start: \(loadAverage())")
    var total = 0.0, totalCPU = 0.0
    func line(_ name: String, _ t: Double, _ extra: String, counted: Bool = true) {
        if counted { total += t; totalCPU += lastCPU }
        print("  \(name.padding(toLength: 34, withPad: " ", startingAt: 0)) \(pad(fmt(t), 7)) s  (CPU \(pad(fmt(lastCPU), 6)) s)  \(extra)")
    }

    let (store, tBuild) = try time { try DescriptorStore.build(from: packageDescriptors, to: folder.appendingPathComponent("db.sqlite").path) }
    line("1 db build (review data)", tBuild, "\(try store.candidateIDs().count) candidates")
    func importFile(_ number: Int, _ name: String) throws {
        let mapping = try ImportMapping.load(packageDescriptors.appendingPathComponent("mappings/\(name).yaml"))
        let (s, t) = try time { try store.importMapped(file: try mapping.dataFile(given: nil), mapping: mapping) }
        line("\(number) import \(name)", t, "\(s.rows) rows, \(s.newCandidates) new + \(s.mergedCandidates) merged, \(s.measurements) measurements, \(s.derived) derived")
    }
    let (run, tRun) = try time {
        try MappedImportRun.run(mapping: packageDescriptors.appendingPathComponent("mappings/mp-formation-energies.yaml"),
                                dataFile: nil, elementsFolder: nil, openStore: { store })
    }
    let (s2, stability) = (run.summary, run.stability!)
    line("2–3 import mp-formation-energies", tRun, "\(s2.rows) rows, \(s2.newCandidates) new, \(s2.measurements) measurements, \(s2.derived) derived; "
         + "stability: \(stability.entries) entries, \(stability.compositions) compositions (\(stability.stable) on their hull), "
         + "\(stability.analysedAgainstSodium) against Na metal, \(stability.stored) values (hulls \(fmt(run.stabilitySeconds)) s, beside the import)")
    try importFile(4, "mp-band-gaps-matbench")
    try importFile(5, "mp-shear-modulus-log10")
    try importFile(6, "mp-bulk-modulus-log10")
    let (calibration, tCalibration) = try time {
        try store.calibrateBandGaps(experimental: packageDescriptors.appendingPathComponent("experimental/experimental-band-gaps-without-sodium.csv"))
    }
    _ = calibration
    line("7 band-gap calibration", tCalibration, "fit, 10-fold cross-validation, band_gap_corrected for every PBE gap")

    let (result, tScreening) = try time { try ProfileScreening.run(profile, store: store) }
    let s = result.scopeInfo
    line("8 screening (ProfileScreening)", tScreening, "\(s.entriesInScope) sodium entries in scope → \(s.rows) rows → \(result.rows.count) ranked, \(result.excluded.count) excluded", counted: false)
    let (matrix, _) = try result.weightedMatrix()
    let rankingMethod = try result.rankingMethod()
    let pairwise = matrix.rowCount <= settings.smaaPairwiseLimit
    let (_, tSMAA) = try time { () -> SMAAResult in
        let (values, _) = result.weightedValueModel(samples: settings.samples, seed: settings.seed)
        return try SMAA.run(alternatives: matrix.alternatives, criteria: matrix.criteria, types: matrix.types, values: values,
                            weights: .uniform, method: rankingMethod, samples: settings.samples, seed: settings.seed,
                            pairwise: pairwise, confidenceCandidates: pairwise ? nil : settings.smaaConfidenceCandidates)
    }
    line("9 SMAA-2", tSMAA, "\(matrix.rowCount) ranked × \(matrix.columnCount) weighted criteria × \(samples) weight samples", counted: false)
    let out = folder.appendingPathComponent("out/mp-sodium")
    let (written, tReport) = try time { () -> [URL] in
        let analysis = try ProfileAnalysis(profile: profile, store: store, settings: settings)
        return try ScreeningReport(analyses: [analysis], title: "Sodium compounds (Materials Project)").write(to: out)
    }
    line("10 report (analysis + files)", tReport, "\(written.count) files (contains 8 and 9)")
    let verdict = total < 15 ? "PASS" : "over"
    print("  total 1–7 + 10: \(fmt(total)) s (CPU \(fmt(totalCPU)) s) — goal: < 15 s on 2 cores; \(cores) core(s) here, load average now \(loadAverage()): \(verdict)")
}

/// CPU seconds (user + system) of this process so far, all threads.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
}
