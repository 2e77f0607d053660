import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics
/// Variance-based global sensitivity analysis: first-order and total Sobol' indices of every
/// output of a model with respect to each of its independent inputs, with bootstrap intervals.
///
/// Method (the same as SALib's `sample.sobol` + `analyze.sobol` with `calc_second_order=False`):
/// - Design: Saltelli et al. (2010) — matrices A and B from one 2d-dimensional Sobol'
///   sequence (GSL's, starting at (½, …, ½)), and the radial matrices A_B^(j);
///   N·(d + 2) model evaluations (`SaltelliDesign`).
/// - First order S_j: Saltelli et al. (2010), mean(f(B)·(f(A_B^(j)) − f(A))) / V.
/// - Total order S_Tj: Jansen (1999), ½·mean((f(A) − f(A_B^(j)))²) / V.
/// - V: population variance of f(A) ∪ f(B); outputs standardised first as SALib does
///   (`SobolOutputColumns`).
/// - Intervals: B bootstrap replicates resampling the N base rows with replacement
///   (all d + 2 rows of a base sample move together). The default `.normal` interval is
///   estimate ± z·sd of the bootstrap estimates, z = Φ⁻¹(½ + confidence/2) — exactly SALib's
///   `S1_conf`/`ST_conf` half-width (SALib's default is 100 replicates; ours 1000).
///   Bootstrap resampling treats the quasi-random rows as independent, so the intervals are
///   conservative for smooth models (Sobol' points converge faster than Monte Carlo).
///
/// Determinism: model rows are evaluated in parallel but each result lands in its own slot;
/// bootstrap replicates are drawn in fixed blocks, each from its own `RandomGenerator`
/// derived from `seed` and the block index. The same arguments give bit-identical results
/// with any number of threads.
///
/// - Complexity: N·(d + 2) model calls; O(B·N·(d + 2)·m) for the bootstrap (m outputs).
///   Memory O(N·(d + 2)·(d + m)) for the design and outputs, plus O(B·d·m) for the bootstrap
///   estimates.
public enum SobolAnalysis {
    /// Runs the whole analysis: draws the design, evaluates `model` on every row (on
    /// `threads` threads, default all cores), estimates the indices and their intervals.
    ///
    /// - Parameters:
    ///   - inputs: 1 … 20 independent inputs (GSL's Sobol' sequence has at most 40 dimensions).
    ///   - baseSamples: N ≥ 1; a power of two is best. Cost: N·(d + 2) model calls.
    ///   - bootstrap: replicates B ≥ 2.
    ///   - confidence: level in (0, 1).
    ///   - interval: `.normal` (SALib's) or `.percentile`.
    ///   - seed: seeds the bootstrap (the Sobol' design itself is deterministic).
    ///   - skip: Sobol' points to discard before the first base sample.
    ///   - threads: threads for model evaluation and bootstrap (default: active cores).
    ///   - outputNames: names of the model's outputs (default "y1", "y2", …); their count
    ///     must equal the model's.
    ///   - model: maps one input vector (in `inputs` order) to m ≥ 1 outputs; called
    ///     concurrently, so it must be thread-safe. The same m on every row, all finite.
    /// - Throws: `SobolError` for invalid arguments, an output vector of the wrong length
    ///   (naming the row) or a non-finite output (naming row, output and inputs); any error
    ///   the model throws (the one on the lowest row); `GSLError` from GSL.
    public static func run(inputs: [SobolInput], baseSamples: Int, bootstrap: Int = 1000,
                           confidence: Double = 0.95, interval: SobolIntervalMethod = .normal,
                           seed: UInt64, skip: Int = 0, threads: Int? = nil,
                           outputNames: [String]? = nil,
                           model: @Sendable ([Double]) throws -> [Double]) throws -> SobolResult {
        try checkSettings(bootstrap: bootstrap, confidence: confidence, threads: threads)
        let design = try SaltelliDesign(inputs: inputs, baseSamples: baseSamples, skip: skip)
        let threadCount = threads ?? SobolParallel.defaultThreads
        let (values, m) = try evaluateFlat(design: design, threads: threadCount, model: model)
        return try analyzeFlat(design: design, values: values, outputs: m, bootstrap: bootstrap,
                               confidence: confidence, interval: interval, seed: seed,
                               threads: threadCount, outputNames: outputNames)
    }

    /// Evaluates `model` on every row of `design` (in parallel, deterministic): one output
    /// vector per row, in row order. Use with `analyze` when the model is run elsewhere.
    public static func evaluate(design: SaltelliDesign, threads: Int? = nil,
                                model: @Sendable ([Double]) throws -> [Double]) throws -> [[Double]] {
        if let threads, threads < 1 { throw SobolError.threads(threads) }
        let (values, m) = try evaluateFlat(design: design, threads: threads ?? SobolParallel.defaultThreads, model: model)
        return (0..<design.rowCount).map { Array(values[($0 * m)..<(($0 + 1) * m)]) }
    }

    /// Indices from outputs computed elsewhere: `outputs[row]` is the model's output vector
    /// on `design.point(row)` (SALib's row order, see `SaltelliDesign`).
    public static func analyze(design: SaltelliDesign, outputs: [[Double]], bootstrap: Int = 1000,
                               confidence: Double = 0.95, interval: SobolIntervalMethod = .normal,
                               seed: UInt64, threads: Int? = nil,
                               outputNames: [String]? = nil) throws -> SobolResult {
        try checkSettings(bootstrap: bootstrap, confidence: confidence, threads: threads)
        guard outputs.count == design.rowCount else {
            throw SobolError.outputShape("\(outputs.count) rows of outputs for a design of \(design.rowCount) rows (N·(d + 2) = \(design.baseSamples)·\(design.inputCount + 2))")
        }
        let m = outputs.first?.count ?? 0
        guard m > 0 else { throw SobolError.noOutputs }
        var values = [Double]()
        values.reserveCapacity(design.rowCount * m)
        for (row, y) in outputs.enumerated() {
            guard y.count == m else { throw SobolError.outputCount(row: row, expected: m, got: y.count) }
            for (o, v) in y.enumerated() where !v.isFinite {
                throw SobolError.nonFiniteOutput(row: row, output: o, value: v, point: design.point(row))
            }
            values += y
        }
        return try analyzeFlat(design: design, values: values, outputs: m, bootstrap: bootstrap,
                               confidence: confidence, interval: interval, seed: seed,
                               threads: threads ?? SobolParallel.defaultThreads, outputNames: outputNames)
    }

    // MARK: - Internals

    private static func checkSettings(bootstrap: Int, confidence: Double, threads: Int?) throws {
        guard bootstrap >= 2 else { throw SobolError.bootstrap(bootstrap) }
        guard confidence > 0, confidence < 1 else { throw SobolError.confidence(confidence) }
        if let threads, threads < 1 { throw SobolError.threads(threads) }
    }

    /// Rows per evaluation task.
    private static let rowsPerTask = 64

    /// Row-major outputs `values[row·m + o]` and m.
    private static func evaluateFlat(design: SaltelliDesign, threads: Int,
                                     model: @Sendable ([Double]) throws -> [Double]) throws -> ([Double], Int) {
        // Row 0 first, alone: it fixes m and fails fast on a model that cannot run at all.
        let first = try model(design.point(0))
        let m = first.count
        guard m > 0 else { throw SobolError.noOutputs }
        for (o, v) in first.enumerated() where !v.isFinite {
            throw SobolError.nonFiniteOutput(row: 0, output: o, value: v, point: design.point(0))
        }
        let rows = design.rowCount
        let slots = SobolSlots<Double>(repeating: 0, count: rows * m)
        for o in 0..<m { slots[o] = first[o] }
        let tasks = (rows - 1 + rowsPerTask - 1) / rowsPerTask
        let failures = SobolSlots<(any Error)?>(repeating: nil, count: tasks)
        SobolParallel.run(tasks: tasks, threads: threads) { task in
            let start = 1 + task * rowsPerTask
            for row in start..<min(start + rowsPerTask, rows) {
                let point = design.point(row)
                do {
                    let y = try model(point)
                    guard y.count == m else { throw SobolError.outputCount(row: row, expected: m, got: y.count) }
                    for (o, v) in y.enumerated() {
                        guard v.isFinite else { throw SobolError.nonFiniteOutput(row: row, output: o, value: v, point: point) }
                        slots[row * m + o] = v
                    }
                } catch {
                    failures[task] = error
                    return
                }
            }
        }
        // The failure on the lowest row, whatever the thread timing.
        for task in 0..<tasks { if let error = failures[task] { throw error } }
        return (slots.array, m)
    }

    private static func analyzeFlat(design: SaltelliDesign, values: [Double], outputs m: Int,
                                    bootstrap: Int, confidence: Double, interval: SobolIntervalMethod,
                                    seed: UInt64, threads: Int, outputNames: [String]?) throws -> SobolResult {
        let names = outputNames ?? (1...m).map { "y\($0)" }
        guard names.count == m else {
            throw SobolError.outputNames("\(names.count) names for \(m) model outputs")
        }
        guard Set(names).count == names.count else { throw SobolError.outputNames("names must be distinct (\(names))") }
        let n = design.baseSamples, d = design.inputCount
        let columns = (0..<m).map {
            SobolOutputColumns(values: values, outputs: m, output: $0, baseSamples: n, inputs: d)
        }
        let z = Distributions.normalUpperQuantile((1 - confidence) / 2)
        let identity = Array(0..<n)
        let boot = SobolEstimators.bootstrap(columns, baseSamples: n, inputs: d, replicates: bootstrap,
                                             seed: seed, threads: threads)
        var results: [SobolOutputIndices] = []
        for o in 0..<m {
            var first = [Double](repeating: 0, count: d), total = [Double](repeating: 0, count: d)
            let varied = !columns[o].allEqual
                && SobolEstimators.estimate(columns[o], rows: identity, first: &first, total: &total)
            var firstCI: [SobolInterval] = [], totalCI: [SobolInterval] = []
            var firstConf: [Double] = [], totalConf: [Double] = []
            for j in 0..<d {
                let range = ((o * d + j) * bootstrap)..<((o * d + j + 1) * bootstrap)
                if varied {
                    let fi = SobolEstimators.interval(estimate: first[j], samples: boot.first[range], method: interval,
                                                      confidence: confidence, z: z)
                    let ti = SobolEstimators.interval(estimate: total[j], samples: boot.total[range], method: interval,
                                                      confidence: confidence, z: z)
                    firstCI.append(fi); totalCI.append(ti)
                    firstConf.append(z * fi.bootstrapSD); totalConf.append(z * ti.bootstrapSD)
                } else {
                    first[j] = 0; total[j] = 0
                    firstCI.append(SobolInterval(lower: 0, upper: 0, bootstrapSD: 0))
                    totalCI.append(SobolInterval(lower: 0, upper: 0, bootstrapSD: 0))
                    firstConf.append(0); totalConf.append(0)
                }
            }
            results.append(SobolOutputIndices(
                output: o, name: names[o], mean: columns[o].mean, variance: columns[o].variance,
                isConstant: !varied, first: first, firstCI: firstCI, total: total, totalCI: totalCI,
                firstConf: firstConf, totalConf: totalConf))
        }
        return SobolResult(inputNames: design.inputs.map(\.name), outputNames: names, outputs: results,
                           baseSamples: n, modelEvaluations: design.rowCount, bootstrap: bootstrap,
                           confidence: confidence, interval: interval, seed: seed)
    }
}
