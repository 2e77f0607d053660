// screen-bench: how fast SMAA-2 runs with WSM on a random decision matrix.
//
//   swift build -c release --product screen-bench && .build/release/screen-bench
//
// Options: --quick (a smaller table), --threads N (default: the active processor count),
// --report (only the report stages, below), --candidates N (synthetic candidates for the report
// stages, default 4,000, of which about 3,000 pass the band-gap limit), --method M (default topsis),
// --write-synthetic FOLDER (write the synthetic descriptor folder and its profile, then stop),
// --materials-project (only the staged screening of the real Materials Project files, last in the
// default run; MaterialsProjectBench.swift).
// Every time is the best of a few wall-clock runs of `SMAA.run` with full ranks per sample:
// weight sampling, scoring, ranking, every accumulator (rank acceptability for ranks 1–10,
// exact mean ranks, the rank histogram for median and 5/95 % ranks, central weights) and the
// confidence pass. Total run time is about 20–40 s on a 2-core machine.

import Foundation
import Screening

let arguments = CommandLine.arguments
let quick = arguments.contains("--quick")
let cores = ProcessInfo.processInfo.activeProcessorCount
var threads = cores
if let i = arguments.firstIndex(of: "--threads"), i + 1 < arguments.count, let t = Int(arguments[i + 1]), t >= 1 {
    threads = t
}
let criteriaCount = 6
let types: [CriterionType] = (0..<criteriaCount).map { $0 % 2 == 0 ? .max : .min }

/// A random n × 6 matrix, values uniform in [0.01, 1): three benefit and three cost criteria.
/// With WSM's sum normalisation a cost value becomes (1/x)/Σ(1/x), so the scores are skewed:
/// a few candidates with a tiny cost value score far above the rest, as real cost data do.
func randomMatrix(_ n: Int, seed: UInt64 = 7) -> [[Double]] {
    let rng = RandomGenerator(seed: seed)
    return (0..<n).map { _ in (0..<criteriaCount).map { _ in 0.01 + 0.99 * rng.uniform() } }
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// Best wall-clock time of `repeats` SMAA runs, and the last result.
func timeSMAA(candidates n: Int, samples: Int, threads: Int, repeats: Int = 3) throws -> (Double, SMAAResult) {
    let values = randomMatrix(n)
    let alternatives = (0..<n).map { "c\($0)" }, criteria = (0..<criteriaCount).map { "k\($0)" }
    var best = Double.infinity
    var result: SMAAResult?
    for _ in 0..<repeats {
        let clock = ContinuousClock()
        let start = clock.now
        result = try SMAA.run(alternatives: alternatives, criteria: criteria, types: types, values: .fixed(values),
                              weights: .uniform, method: WSM(), samples: samples, seed: 42, threads: threads)
        best = min(best, seconds(clock.now - start))
    }
    // `repeats` ≥ 1 at every call, so the loop ran and set `result`.
    return (best, result!)
}

/// Everything but the thread count, which is run metadata.
func sameFindings(_ a: SMAAResult, _ b: SMAAResult) -> Bool {
    a.rankAcceptability == b.rankAcceptability && a.meanRank == b.meanRank && a.medianRank == b.medianRank
        && a.rankPercentile5 == b.rankPercentile5 && a.rankPercentile95 == b.rankPercentile95
        && a.centralWeights == b.centralWeights && a.confidenceFactors == b.confidenceFactors
        && a.pairwiseWinning == b.pairwiseWinning && a.tiedSamples == b.tiedSamples && a.notes == b.notes
}

func fmt(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }
func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "n/a"
}

func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
let reportCandidates = option("--candidates").flatMap { Int($0) } ?? 4_000
let reportMethod = option("--method") ?? "topsis"

do {
    if let folder = option("--write-synthetic") {
        // The synthetic test bed alone: FOLDER/{candidates,measurements,elements}/ and FOLDER/synthetic.yaml.
        let url = URL(fileURLWithPath: folder)
        try SyntheticDescriptors.write(to: url, candidates: reportCandidates, elements: packageDescriptors.appendingPathComponent("elements"))
        try SyntheticDescriptors.profile(method: reportMethod).write(to: url.appendingPathComponent("synthetic.yaml"), atomically: true, encoding: .utf8)
        print("wrote \(reportCandidates) synthetic candidates to \(folder)")
        exit(0)
    }
    if arguments.contains("--materials-project") {
        try materialsProjectBenchmark(cores: cores)
        exit(0)
    }
    if arguments.contains("--report") {
        try reportBenchmark(candidates: reportCandidates, samples: 10_000, method: reportMethod, cores: cores)
        exit(0)
    }
    print("screen-bench: SMAA-2 with WSM (sum normalisation), uniform weights on the simplex, \(criteriaCount) criteria (3 benefit, 3 cost)")
    print("cores (ProcessInfo.activeProcessorCount): \(cores); threads used: \(threads); blocks of \(SMAA.blockSize) samples; load average at start: \(loadAverage())")
    print("full ranks per sample; rank acceptability for ranks 1–10, exact mean ranks, median and 5/95 % ranks, central weights, confidence factors")
    print("")

    _ = try timeSMAA(candidates: 1_000, samples: 2_000, threads: threads, repeats: 1)  // warm-up

    let (headline, result) = try timeSMAA(candidates: 10_000, samples: 10_000, threads: threads)
    let (single, singleResult) = try timeSMAA(candidates: 10_000, samples: 10_000, threads: 1, repeats: 2)
    let (small, _) = try timeSMAA(candidates: 1_000, samples: 10_000, threads: threads)
    print("10,000 candidates × 6 criteria × 10,000 weight samples: \(fmt(headline)) s with \(threads) thread(s) (goal: under 1 s)")
    print("  single thread: \(fmt(single)) s (speed-up \(fmt(single / headline, 2))× with \(threads) threads); identical results: \(sameFindings(result, singleResult) ? "yes" : "NO")")
    print("  \(fmt(headline / 1e4 * 1e6, 1)) µs per sample, \(fmt(headline / 1e8 * 1e9, 2)) ns per candidate and sample; rank resolution of the percentiles: \(result.rankResolution) ranks")
    print("1,000 candidates × 6 criteria × 10,000 weight samples: \(fmt(small)) s with \(threads) thread(s)")
    print("Quoted figure: a plain numpy implementation (score matrix, then argsort per sample) takes about 6.5 s here for 10,000 × 10,000; this run took \(fmt(headline)) s (\(fmt(6.5 / headline, 1))× faster), and computes more per sample.")
    print("")

    print("Time against candidates (10,000 samples, \(threads) thread(s)):")
    print("  candidates   seconds   µs/sample   ns/(candidate·sample)")
    for n in quick ? [1_000, 10_000] : [1_000, 2_000, 5_000, 10_000, 20_000] {
        let t = n == 10_000 ? headline : (n == 1_000 ? small : try timeSMAA(candidates: n, samples: 10_000, threads: threads).0)
        print("  \(pad(String(n), 10))   \(pad(fmt(t), 7))   \(pad(fmt(t / 1e4 * 1e6, 1), 9))   \(pad(fmt(t / (Double(n) * 1e4) * 1e9, 2), 8))")
    }
    print("Time against samples (10,000 candidates, \(threads) thread(s)):")
    print("     samples   seconds   µs/sample")
    for s in quick ? [1_000, 10_000] : [1_000, 5_000, 10_000, 20_000] {
        let t = s == 10_000 ? headline : try timeSMAA(candidates: 10_000, samples: s, threads: threads).0
        print("  \(pad(String(s), 10))   \(pad(fmt(t), 7))   \(pad(fmt(t / Double(s) * 1e6, 1), 9))")
    }
    print("")

    // The ranking step alone, on the WSM scores of the 10,000-candidate matrix.
    let n = 10_000, rounds = quick ? 300 : 1_000
    let rng = RandomGenerator(seed: 3)
    let matrix = try DecisionMatrix(alternatives: (0..<n).map { "c\($0)" }, criteria: (0..<criteriaCount).map { "k\($0)" },
                                    values: randomMatrix(n), types: types)
    let scoreSets = try (0..<100).map { _ in try WSM().scores(matrix, weights: rng.dirichlet([Double](repeating: 1, count: criteriaCount))) }
    print("Ranking \(n) WSM scores (1 thread), µs per ranking:")
    let ranker = SMAARanker(count: n)
    let clock = ContinuousClock()
    var start = clock.now
    for r in 0..<rounds { ranker.rank(scoreSets[r % 100], higherIsBetter: true, topLimit: 10) }
    print("  \(pad("SMAARanker (bucket counting)", 28)): \(pad(fmt(seconds(clock.now - start) / Double(rounds) * 1e6, 1), 7))")
    start = clock.now
    for r in 0..<(rounds / 10) { _ = Ranking.ranks(scoreSets[r % 100], higherIsBetter: true) }
    print("  \(pad("Ranking.ranks (comparison)", 28)): \(pad(fmt(seconds(clock.now - start) / Double(rounds / 10) * 1e6, 1), 7))")
    print("")
    try reportBenchmark(candidates: reportCandidates, samples: 10_000, method: reportMethod, cores: cores)
    print("")
    try materialsProjectBenchmark(cores: cores)
} catch {
    FileHandle.standardError.write(Data("screen-bench: \(error)\n".utf8))
    exit(1)
}
