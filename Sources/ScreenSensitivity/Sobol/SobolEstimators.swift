import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics
/// One model output rearranged by block of the Saltelli design (`a[i]` = f(A)_i,
/// `b[i]` = f(B)_i, `ab[j][i]` = f(A_B^(j))_i) and standardised as SALib does:
/// y ← (y − mean)/sd over all N·(d + 2) evaluations (population sd).
///
/// Why standardise: the Saltelli (2010) first-order estimator f(B)·(f(A_B^(j)) − f(A)) is
/// not invariant to a shift of f in a finite sample (its error grows with |mean f|);
/// centring removes that, and the scale cancels in every ratio. Doing it exactly as SALib
/// does (centre on the mean of all rows, then divide) is what makes the two agree to
/// rounding on the same points.
struct SobolOutputColumns: Sendable {
    var a: [Double]
    var b: [Double]
    var ab: [[Double]]
    /// Mean and population variance over the N·(d + 2) rows and over A ∪ B, original units.
    let mean: Double
    let variance: Double
    /// True when every row gave the same value.
    let allEqual: Bool

    /// Extracts output `o` from row-major `values` (`values[row·m + o]`).
    init(values: [Double], outputs m: Int, output o: Int, baseSamples n: Int, inputs d: Int) {
        let step = d + 2
        let rows = n * step
        var sum = 0.0
        for r in 0..<rows { sum += values[r * m + o] }
        let mean = sum / Double(rows)
        var ss = 0.0
        for r in 0..<rows { let e = values[r * m + o] - mean; ss += e * e }
        let sd = (ss / Double(rows)).squareRoot()
        self.mean = mean
        allEqual = (0..<rows).allSatisfy { values[$0 * m + o] == values[o] }
        let scale = (sd > 0 && sd.isFinite) ? sd : 1

        func y(_ r: Int) -> Double { (values[r * m + o] - mean) / scale }
        a = (0..<n).map { y($0 * step) }
        b = (0..<n).map { y($0 * step + d + 1) }
        ab = (0..<d).map { j in (0..<n).map { y($0 * step + 1 + j) } }

        // Variance of A ∪ B in the output's own units, for the report.
        var sAB = 0.0
        for i in 0..<n { sAB += values[i * step * m + o] + values[(i * step + d + 1) * m + o] }
        let mAB = sAB / Double(2 * n)
        var vAB = 0.0
        for i in 0..<n {
            let x = values[i * step * m + o] - mAB, z = values[(i * step + d + 1) * m + o] - mAB
            vAB += x * x + z * z
        }
        variance = vAB / Double(2 * n)
    }
}

/// The estimators, on the full sample or on one bootstrap resample of the N base rows.
enum SobolEstimators {
    /// S_j (Saltelli et al. 2010, Table 2 (b)):  mean_i f(B)_i·(f(A_B^(j))_i − f(A)_i) / V
    /// S_Tj (Jansen 1999; Saltelli et al. 2010, Table 2 (f)):  ½·mean_i (f(A)_i − f(A_B^(j))_i)² / V
    /// with V the population variance of the 2N values f(A) ∪ f(B) — SALib's `first_order`
    /// and `total_order`. When f(A) ∪ f(B) is constant (range ≤ machine ε, or V ≤ ε in
    /// standardised units) the indices are 0, as in SALib.
    ///
    /// - Parameter rows: the base rows to use (with repetitions for a bootstrap resample).
    /// - Returns: false when the resample was constant (indices set to 0).
    /// - Complexity: O(N·(d + 2)).
    @discardableResult
    static func estimate(_ c: SobolOutputColumns, rows: [Int], first: inout [Double], total: inout [Double]) -> Bool {
        let n = Double(rows.count)
        let d = c.ab.count
        var sum = 0.0, low = Double.infinity, high = -Double.infinity
        for i in rows {
            let x = c.a[i]
            sum += x
            low = min(low, x); high = max(high, x)
        }
        for i in rows {
            let y = c.b[i]
            sum += y
            low = min(low, y); high = max(high, y)
        }
        let mean = sum / (2 * n)
        var ss = 0.0
        for i in rows { let e = c.a[i] - mean; ss += e * e }
        for i in rows { let e = c.b[i] - mean; ss += e * e }
        let v = ss / (2 * n)
        guard high - low > Double.ulpOfOne, v > Double.ulpOfOne else {
            for j in 0..<d { first[j] = 0; total[j] = 0 }
            return false
        }
        for j in 0..<d {
            let abj = c.ab[j]
            var f = 0.0, t = 0.0
            for i in rows {
                let a = c.a[i], x = abj[i]
                f += c.b[i] * (x - a)
                let e = a - x
                t += e * e
            }
            first[j] = (f / n) / v
            total[j] = 0.5 * (t / n) / v
        }
        return true
    }

    /// An index between 0 and n − 1, uniformly: GSL's `gsl_rng_uniform_int` algorithm for
    /// MT19937 (outputs 0 … 2³² − 1, rejection of the incomplete top bucket), so no modulo bias.
    static func uniformIndex(below n: Int, _ rng: RandomGenerator) -> Int {
        let range: UInt = 0xFFFF_FFFF
        let scale = range / UInt(n)
        while true {
            let k = rng.rawInteger() / scale
            if k < UInt(n) { return Int(k) }
        }
    }

    /// Replicates per bootstrap task; each task has its own generator, derived from the seed
    /// and the task index, so the estimates do not depend on the number of threads.
    static let replicatesPerTask = 16

    /// The B bootstrap estimates of S_j and S_Tj for every output and input: each replicate
    /// resamples the N base rows with replacement (the same rows for every output and input,
    /// as SALib's `r` matrix). Layout `[((o·d) + j)·B + replicate]`.
    ///
    /// - Complexity: O(B·N·(d + 2)·outputs) time, O(B·d·outputs) memory.
    static func bootstrap(_ columns: [SobolOutputColumns], baseSamples n: Int, inputs d: Int,
                          replicates: Int, seed: UInt64, threads: Int) -> (first: [Double], total: [Double]) {
        let m = columns.count
        let firstSlots = SobolSlots<Double>(repeating: 0, count: m * d * replicates)
        let totalSlots = SobolSlots<Double>(repeating: 0, count: m * d * replicates)
        let tasks = (replicates + replicatesPerTask - 1) / replicatesPerTask
        SobolParallel.run(tasks: tasks, threads: threads) { task in
            let rng = RandomGenerator(seed: seed).derived(stream: UInt64(task))
            var rows = [Int](repeating: 0, count: n)
            var first = [Double](repeating: 0, count: d), total = [Double](repeating: 0, count: d)
            let start = task * replicatesPerTask
            for rep in start..<min(start + replicatesPerTask, replicates) {
                for i in 0..<n { rows[i] = uniformIndex(below: n, rng) }
                for o in 0..<m {
                    estimate(columns[o], rows: rows, first: &first, total: &total)
                    for j in 0..<d {
                        firstSlots[(o * d + j) * replicates + rep] = first[j]
                        totalSlots[(o * d + j) * replicates + rep] = total[j]
                    }
                }
            }
        }
        return (firstSlots.array, totalSlots.array)
    }

    /// The interval from bootstrap estimates `samples` around `estimate`; `z` = Φ⁻¹(½ + c/2).
    static func interval(estimate: Double, samples: ArraySlice<Double>, method: SobolIntervalMethod,
                         confidence: Double, z: Double) -> SobolInterval {
        let count = Double(samples.count)
        var sum = 0.0
        for x in samples { sum += x }
        let mean = sum / count
        var ss = 0.0
        for x in samples { let e = x - mean; ss += e * e }
        let sd = (ss / (count - 1)).squareRoot()
        switch method {
        case .normal:
            return SobolInterval(lower: estimate - z * sd, upper: estimate + z * sd, bootstrapSD: sd)
        case .percentile:
            let sorted = samples.sorted()
            let alpha = 1 - confidence
            return SobolInterval(lower: quantile(sorted, alpha / 2), upper: quantile(sorted, 1 - alpha / 2), bootstrapSD: sd)
        }
    }

    /// numpy's default ("linear") quantile of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}
