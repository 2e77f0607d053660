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

/// The Ishigami function (Ishigami & Homma 1990), a = 7, b = 0.1, x_i uniform on [−π, π].
private let ishigamiA = 7.0
private let ishigamiB = 0.1

@Sendable private func ishigami(_ x: [Double]) -> Double {
    sin(x[0]) + ishigamiA * pow(sin(x[1]), 2) + ishigamiB * pow(x[2], 4) * sin(x[0])
}

private let ishigamiInputs = (1...3).map { SobolInput(name: "x\($0)", lower: -Double.pi, upper: Double.pi) }

/// The analytic indices of Ishigami, from the closed-form partial variances (Ishigami & Homma
/// 1990; Sobol' & Levitan 1999, "On the use of variance reducing multipliers in Monte Carlo
/// computations of a global sensitivity index", Comput. Phys. Commun. 117, 52–61):
///   V   = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2
///   V1  = (1 + bπ⁴/5)²/2,   V2 = a²/8,   V3 = 0
///   V13 = b²π⁸/18 − b²π⁸/50 = 8b²π⁸/225,   V12 = V23 = V123 = 0
///   S_i = V_i/V;  S_T1 = (V1 + V13)/V,  S_T2 = V2/V,  S_T3 = V13/V.
private struct IshigamiTruth {
    let first: [Double]
    let total: [Double]

    init(a: Double, b: Double) {
        let pi4 = pow(Double.pi, 4), pi8 = pow(Double.pi, 8)
        let v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5
        let v1 = 0.5 * pow(1 + b * pi4 / 5, 2)
        let v2 = a * a / 8
        let v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50)
        first = [v1 / v, v2 / v, 0]
        total = [(v1 + v13) / v, v2 / v, v13 / v]
    }
}

/// The SALib 1.6 reference (Fixtures/sobol/salib.json, written by salib_reference.py there).
private struct SALibReference {
    struct Case {
        let s1: [Double], s1Conf: [Double], st: [Double], stConf: [Double]
        let firstRows: [[Double]]?
        let lastRows: [[Double]]?
    }

    let root: [String: Any]
    let n: Int
    let resamples: Int
    let version: String

    init() throws {
        let url = packageRoot.appendingPathComponent("Tests/ScreeningTests/Fixtures/sobol/salib.json")
        root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        n = try #require(root["N"] as? Int)
        resamples = try #require(root["num_resamples"] as? Int)
        version = try #require((root["versions"] as? [String: String])?["SALib"])
    }

    func `case`(_ name: String) throws -> Case {
        let cases = try #require(root["cases"] as? [String: Any])
        let c = try #require(cases[name] as? [String: Any])
        // Design rows are read from their hex-float copies: Foundation's JSONSerialization on
        // Linux can misround a decimal number by an ulp, which would spoil a bit-exact check.
        func rows(_ key: String) throws -> [[Double]]? {
            guard let text = c[key] as? [[String]] else { return nil }
            return try text.map { try $0.map { try #require(Double($0), "not a hex float: \($0)") } }
        }
        return Case(s1: try #require(c["S1"] as? [Double]), s1Conf: try #require(c["S1_conf"] as? [Double]),
                    st: try #require(c["ST"] as? [Double]), stConf: try #require(c["ST_conf"] as? [Double]),
                    firstRows: try rows("rows_of_base_sample_0_hex"),
                    lastRows: try rows("rows_of_last_base_sample_hex"))
    }

    var sequenceCheck: [String: Any] { (root["sequence_check"] as? [String: Any]) ?? [:] }
}

@Suite("Sobol' sequence (GSL)")
struct SobolSequenceTests {
    @Test("GSL's sequence starts at (½, …, ½), not at the zero point, and matches SciPy's dims 1–2 after its zero point")
    func startsAfterZero() throws {
        let reference = try SALibReference()
        let expected = try #require(reference.sequenceCheck["gsl_first_points_dims_1_2"] as? [[Double]])
        let sequence = try SobolSequence(dimension: 2)
        for point in expected { #expect(try sequence.next() == point) }
        #expect(reference.sequenceCheck["gsl_equals_scipy_skip1_dims_1_2"] as? Bool == true)
        #expect(reference.sequenceCheck["gsl_equals_scipy_skip1_dims_3_6"] as? Bool == false)
        #expect(sequence.position == expected.count)
    }

    @Test("skip(n) discards exactly n points")
    func skip() throws {
        let a = try SobolSequence(dimension: 5), b = try SobolSequence(dimension: 5)
        var pointsA: [[Double]] = []
        for _ in 0..<10 { pointsA.append(try a.next()) }
        try b.skip(7)
        #expect(try b.next() == pointsA[7])
        var buffer: [Double] = []
        try b.next(into: &buffer)
        #expect(buffer == pointsA[8])
    }

    @Test("every coordinate is strictly inside (0, 1)")
    func interior() throws {
        let s = try SobolSequence(dimension: 40)
        for _ in 0..<4096 {
            let p = try s.next()
            #expect(p.allSatisfy { $0 > 0 && $0 < 1 })
        }
    }

    @Test("dimensions outside 1…40 throw a GSLError (GSL itself does not report them)")
    func dimensionLimits() throws {
        for bad in [0, -1, 41, 100] {
            #expect(throws: GSLError.self) { _ = try SobolSequence(dimension: bad) }
        }
        do {
            _ = try SobolSequence(dimension: 41)
        } catch let error as GSLError {
            #expect(error.description.contains("1...40"))
        }
        #expect(try SobolSequence(dimension: 40).next().count == 40)
        #expect(try SobolSequence(dimension: 1).next() == [0.5])
    }
}

@Suite("Sobol' indices")
struct SobolAnalysisTests {
    @Test("Ishigami (N = 4096): estimates near the analytic indices, which lie in the bootstrap intervals")
    func ishigamiAnalytic() throws {
        let truth = IshigamiTruth(a: ishigamiA, b: ishigamiB)
        // The familiar rounded values, as a check of the formulas above.
        #expect(zip(truth.first, [0.3139, 0.4424, 0]).allSatisfy { abs($0 - $1) < 5e-5 })
        #expect(zip(truth.total, [0.5576, 0.4424, 0.2437]).allSatisfy { abs($0 - $1) < 5e-5 })

        let result = try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: 4096, seed: 42) { [ishigami($0)] }
        #expect(result.modelEvaluations == 4096 * 5)
        let o = result.outputs[0]
        for j in 0..<3 {
            #expect(abs(o.first[j] - truth.first[j]) < 0.01, "S\(j + 1) = \(o.first[j]), analytic \(truth.first[j])")
            #expect(abs(o.total[j] - truth.total[j]) < 0.01, "ST\(j + 1) = \(o.total[j]), analytic \(truth.total[j])")
            #expect(o.firstCI[j].contains(truth.first[j]), "S\(j + 1): \(truth.first[j]) outside \(o.firstCI[j])")
            #expect(o.totalCI[j].contains(truth.total[j]), "ST\(j + 1): \(truth.total[j]) outside \(o.totalCI[j])")
        }
        // The percentile interval from the same bootstrap also covers the truth.
        let p = try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: 4096, interval: .percentile, seed: 42) { [ishigami($0)] }
        for j in 0..<3 {
            #expect(p.outputs[0].firstCI[j].contains(truth.first[j]))
            #expect(p.outputs[0].totalCI[j].contains(truth.total[j]))
            #expect(p.outputs[0].first[j] == o.first[j])
        }
    }

    @Test("SALib's analyze on the same (GSL) points: identical design rows, indices to 1e-10")
    func salibSamePoints() throws {
        let reference = try SALibReference()
        let salib = try reference.case("gsl_points_ishigami")
        let design = try SaltelliDesign(inputs: ishigamiInputs, baseSamples: reference.n)
        for (k, row) in try #require(salib.firstRows).enumerated() { #expect(design.point(k) == row) }
        for (k, row) in try #require(salib.lastRows).enumerated() { #expect(design.point(design.rowCount - 5 + k) == row) }

        let result = try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: reference.n,
                                           bootstrap: reference.resamples, seed: 7) { [ishigami($0)] }
        let o = result.outputs[0]
        for j in 0..<3 {
            #expect(abs(o.first[j] - salib.s1[j]) < 1e-10, "S\(j + 1): screen \(o.first[j]), SALib \(reference.version) \(salib.s1[j])")
            #expect(abs(o.total[j] - salib.st[j]) < 1e-10, "ST\(j + 1): screen \(o.total[j]), SALib \(reference.version) \(salib.st[j])")
            // Different bootstrap generators (numpy vs GSL MT19937): the half-widths agree
            // within the bootstrap's own noise (1000 replicates: sd of an sd ≈ 2 %).
            #expect(abs(o.firstConf[j] / salib.s1Conf[j] - 1) < 0.15, "S1_conf \(o.firstConf[j]) vs \(salib.s1Conf[j])")
            #expect(abs(o.totalConf[j] / salib.stConf[j] - 1) < 0.15, "ST_conf \(o.totalConf[j]) vs \(salib.stConf[j])")
        }
    }

    @Test("SALib on the same points with a normal input: the inverse-CDF mapping agrees")
    func salibMixed() throws {
        let reference = try SALibReference()
        let salib = try reference.case("gsl_points_mixed")
        let inputs = [SobolInput.uniform("x1", lower: 0, upper: 1), .normal("x2", mean: 1, sd: 2),
                      .uniform("x3", lower: -1, upper: 3)]
        let design = try SaltelliDesign(inputs: inputs, baseSamples: reference.n)
        for (k, row) in try #require(salib.firstRows).enumerated() {
            for j in 0..<3 { #expect(abs(design.point(k)[j] - row[j]) <= 1e-14 * max(1, abs(row[j]))) }
        }
        let result = try SobolAnalysis.run(inputs: inputs, baseSamples: reference.n, bootstrap: reference.resamples, seed: 7) { x in
            [2 * x[0] + x[1] - 0.5 * x[2] + x[0] * x[2]]
        }
        let o = result.outputs[0]
        for j in 0..<3 {
            #expect(abs(o.first[j] - salib.s1[j]) < 1e-10, "S\(j + 1): screen \(o.first[j]), SALib \(salib.s1[j])")
            #expect(abs(o.total[j] - salib.st[j]) < 1e-10, "ST\(j + 1): screen \(o.total[j]), SALib \(salib.st[j])")
        }
    }

    @Test("SALib's own (scrambled SciPy) sampler: agreement within Monte Carlo error")
    func salibOwnSampler() throws {
        let reference = try SALibReference()
        let salib = try reference.case("salib_sampler")
        let result = try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: reference.n,
                                           bootstrap: reference.resamples, seed: 7) { [ishigami($0)] }
        let o = result.outputs[0]
        for j in 0..<3 {
            #expect(abs(o.first[j] - salib.s1[j]) <= o.firstConf[j] + salib.s1Conf[j])
            #expect(abs(o.total[j] - salib.st[j]) <= o.totalConf[j] + salib.stConf[j])
        }
    }

    @Test("linear model: S_i = S_Ti = a_i² Var(x_i) / Σ a_k² Var(x_k), within the bootstrap intervals")
    func linearModel() throws {
        let a = [1.0, -2.0, 0.5, 3.0]
        let inputs = [SobolInput.uniform("x1", lower: 0, upper: 1), .uniform("x2", lower: -1, upper: 2),
                      .normal("x3", mean: 10, sd: 3), .uniform("x4", lower: 5, upper: 5.5)]
        let variances = [1.0 / 12, 9.0 / 12, 9.0, 0.25 / 12]
        let parts = zip(a, variances).map { $0 * $0 * $1 }
        let exact = parts.map { $0 / parts.reduce(0, +) }
        for method in SobolIntervalMethod.allCases {
            let result = try SobolAnalysis.run(inputs: inputs, baseSamples: 2048, interval: method, seed: 3) { x in
                [zip(a, x).map { $0 * $1 }.reduce(0, +)]
            }
            let o = result.outputs[0]
            for j in 0..<4 {
                #expect(o.firstCI[j].contains(exact[j]), "\(method) S\(j + 1): \(exact[j]) outside \(o.firstCI[j]) (estimate \(o.first[j]))")
                #expect(o.totalCI[j].contains(exact[j]), "\(method) ST\(j + 1): \(exact[j]) outside \(o.totalCI[j]) (estimate \(o.total[j]))")
                #expect(abs(o.first[j] - exact[j]) < 0.02)
                #expect(abs(o.total[j] - exact[j]) < 0.02)
            }
        }
    }

    @Test("several outputs at once give the same indices as one at a time; constant outputs are flagged")
    func severalOutputs() throws {
        let both = try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: 512, bootstrap: 200, seed: 9,
                                         outputNames: ["ishigami", "sum", "constant"]) { x in
            [ishigami(x), x[0] + 2 * x[2], 4.0]
        }
        let single = try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: 512, bootstrap: 200, seed: 9) { [ishigami($0)] }
        let i = try #require(both.output(named: "ishigami"))
        #expect(i.first == single.outputs[0].first)
        #expect(i.total == single.outputs[0].total)
        #expect(i.firstCI == single.outputs[0].firstCI)
        #expect(!i.isConstant)
        let constant = try #require(both.output(named: "constant"))
        #expect(constant.isConstant)
        #expect(constant.first == [0, 0, 0] && constant.total == [0, 0, 0])
        #expect(constant.variance == 0 && constant.mean == 4)
        let sum = try #require(both.output(named: "sum"))
        #expect(sum.first[1] == 0 && sum.total[1] == 0)   // x2 does not enter: A_B^(2) rows equal A rows
        let json = both.json().rendered()
        #expect(json.contains("\"first_ci\"") && json.contains("\"constant\": true"))
    }

    @Test("determinism: same seed, 1 or 2 threads → identical results")
    func determinism() throws {
        func run(threads: Int, seed: UInt64) throws -> SobolResult {
            try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: 1024, bootstrap: 300, seed: seed, threads: threads) { x in
                [ishigami(x), x[0] * x[1] + cos(x[2])]
            }
        }
        let one = try run(threads: 1, seed: 11), two = try run(threads: 2, seed: 11), again = try run(threads: 2, seed: 11)
        #expect(one.json() == two.json())
        #expect(two.json() == again.json())
        for o in 0..<2 {
            #expect(one.outputs[o].firstCI == two.outputs[o].firstCI)
            #expect(one.outputs[o].totalCI == two.outputs[o].totalCI)
        }
        let other = try run(threads: 2, seed: 12)
        #expect(other.outputs[0].first == one.outputs[0].first)     // the design does not depend on the seed
        #expect(other.outputs[0].firstCI != one.outputs[0].firstCI) // the bootstrap does
    }

    @Test("evaluate + analyze equals run")
    func evaluateThenAnalyze() throws {
        let design = try SaltelliDesign(inputs: ishigamiInputs, baseSamples: 256)
        let outputs = try SobolAnalysis.evaluate(design: design) { [ishigami($0)] }
        #expect(outputs.count == 256 * 5)
        let split = try SobolAnalysis.analyze(design: design, outputs: outputs, bootstrap: 100, seed: 5)
        let whole = try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: 256, bootstrap: 100, seed: 5) { [ishigami($0)] }
        #expect(split.json() == whole.json())
        #expect(throws: SobolError.self) {
            _ = try SobolAnalysis.analyze(design: design, outputs: Array(outputs.dropLast()), seed: 5)
        }
    }
}

@Suite("Sobol' errors")
struct SobolErrorTests {
    private func expectError(_ expected: (SobolError) -> Bool, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("no error thrown")
        } catch let error as SobolError {
            #expect(expected(error), "unexpected \(error)")
            #expect(!error.description.isEmpty)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("no inputs, too many inputs (2d > 40), bad N, bad settings")
    func arguments() {
        expectError({ $0 == .noInputs }) { _ = try SobolAnalysis.run(inputs: [], baseSamples: 8, seed: 1) { _ in [0] } }
        let many = (1...21).map { SobolInput(name: "x\($0)", lower: 0, upper: 1) }
        expectError({ if case .tooManyInputs(21, 20) = $0 { true } else { false } }) {
            _ = try SobolAnalysis.run(inputs: many, baseSamples: 8, seed: 1) { _ in [0] }
        }
        #expect(throws: Never.self) {
            _ = try SaltelliDesign(inputs: Array(many.prefix(20)), baseSamples: 4)
        }
        for n in [0, -5] {
            expectError({ $0 == .baseSamples(n) }) { _ = try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: n, seed: 1) { _ in [0] } }
        }
        expectError({ $0 == .bootstrap(1) }) { _ = try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: 8, bootstrap: 1, seed: 1) { _ in [0] } }
        expectError({ $0 == .confidence(1) }) { _ = try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: 8, confidence: 1, seed: 1) { _ in [0] } }
        expectError({ $0 == .threads(0) }) { _ = try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: 8, seed: 1, threads: 0) { _ in [0] } }
        expectError({ $0 == .skip(-1) }) { _ = try SaltelliDesign(inputs: ishigamiInputs, baseSamples: 8, skip: -1) }
    }

    @Test("invalid inputs: bounds, parameters, duplicate names, non-finite inverse CDF")
    func inputs() {
        func isInput(_ e: SobolError) -> Bool { if case .input = e { true } else { false } }
        expectError(isInput) { _ = try SaltelliDesign(inputs: [.uniform("x", lower: 1, upper: 1)], baseSamples: 4) }
        expectError(isInput) { _ = try SaltelliDesign(inputs: [.normal("x", mean: 0, sd: 0)], baseSamples: 4) }
        expectError(isInput) { _ = try SaltelliDesign(inputs: [.uniform("x", lower: 0, upper: .infinity)], baseSamples: 4) }
        expectError(isInput) { _ = try SaltelliDesign(inputs: [.uniform("x", lower: 0, upper: 1), .uniform("x", lower: 0, upper: 2)], baseSamples: 4) }
        expectError({ if case .nonFiniteInput(input: "bad", _, _) = $0 { true } else { false } }) {
            _ = try SaltelliDesign(inputs: [.custom("bad", label: "log of a negative", inverseCDF: { log(-$0) })], baseSamples: 4)
        }
    }

    @Test("model returning the wrong number of outputs, non-finite values, or nothing")
    func modelErrors() throws {
        // Wrong count on one row, named in the error. Row 0 is A_0 = (0, 0, 0) on [−π, π].
        expectError({ if case .outputCount(row: 7, expected: 1, got: 2) = $0 { true } else { false } }) {
            let design = try SaltelliDesign(inputs: ishigamiInputs, baseSamples: 64)
            let bad = design.point(7)
            _ = try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: 64, seed: 1, threads: 2) { x in
                x == bad ? [1, 2] : [ishigami(x)]
            }
        }
        expectError({ if case .nonFiniteOutput(row: _, output: 1, value: _, point: _) = $0 { true } else { false } }) {
            _ = try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: 64, seed: 1) { x in
                [ishigami(x), x[0] > 1 ? .nan : 0]
            }
        }
        expectError({ if case .nonFiniteOutput(row: 0, output: 0, value: _, point: _) = $0 { true } else { false } }) {
            _ = try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: 8, seed: 1) { _ in [.infinity] }
        }
        expectError({ $0 == .noOutputs }) { _ = try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: 8, seed: 1) { _ in [] } }
        expectError({ if case .outputNames = $0 { true } else { false } }) {
            _ = try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: 8, seed: 1, outputNames: ["a", "b"]) { x in [x[0]] }
        }
        // The lowest failing row is reported whatever the threads.
        struct ModelFailure: Error, Equatable { let row: Double }
        for threads in [1, 2] {
            do {
                _ = try SobolAnalysis.run(inputs: ishigamiInputs, baseSamples: 256, seed: 1, threads: threads) { x in
                    if x[0] > 3 { throw ModelFailure(row: x[0]) }
                    return [x[0]]
                }
                Issue.record("no error")
            } catch let failure as ModelFailure {
                let design = try SaltelliDesign(inputs: ishigamiInputs, baseSamples: 256)
                let firstBad = try #require((0..<design.rowCount).first { design.point($0)[0] > 3 })
                #expect(failure.row == design.point(firstBad)[0])
            }
        }
    }
}

@Suite("Sobol' indices of normalised weights")
struct NormalizedWeightTests {
    @Test("the model sees weights summing to 1; indices are those of the independent factors")
    func uniformFactors() throws {
        let factors = try SobolAnalysis.normalizedWeightInputs(names: ["conductivity", "band_gap", "modulus"],
                                                                lower: [1, 1, 0.5], upper: [3, 2, 1])
        #expect(factors.inputs.map(\.name) == ["conductivity", "band_gap", "modulus"])
        // Two candidates' weighted-sum scores; the model checks the normalisation itself.
        let scores: [[Double]] = [[0.9, 0.2, 0.5], [0.3, 0.8, 0.6]]
        let result = try SobolAnalysis.runNormalizedWeights(factors, baseSamples: 1024, bootstrap: 300, seed: 2,
                                                            outputNames: ["A", "B", "A-B"]) { w, others in
            guard abs(w.reduce(0, +) - 1) < 1e-12, others.isEmpty else { throw SobolError.weights("not normalised: \(w)") }
            let s = scores.map { zip($0, w).map { $0 * $1 }.reduce(0, +) }
            return s + [s[0] - s[1]]
        }
        #expect(result.inputNames == ["conductivity", "band_gap", "modulus"])
        let gap = try #require(result.output(named: "A-B"))
        // The conductivity factor has the widest range and the largest score contrast: it dominates.
        #expect(gap.first[0] > gap.first[1] && gap.first[0] > gap.first[2])
        for o in result.outputs {
            #expect(o.first.reduce(0, +) <= 1.05)
            for j in 0..<3 { #expect(o.total[j] >= o.first[j] - 0.05) }
        }
    }

    @Test("Dirichlet factors give Dirichlet weights (mean α/Σα), other inputs pass through")
    func dirichlet() throws {
        let alpha = [1.0, 2.0, 5.0]
        let factors = try SobolAnalysis.dirichletWeightInputs(names: ["w1", "w2", "w3"], alpha: alpha)
        let design = try SaltelliDesign(inputs: factors.inputs, baseSamples: 4096)
        var mean = [0.0, 0.0, 0.0]
        for i in 0..<design.baseSamples {
            let w = try factors.weights(fromFactors: design.point(design.row(baseSample: i, .a)))
            for j in 0..<3 { mean[j] += w[j] / Double(design.baseSamples) }
        }
        for j in 0..<3 { #expect(abs(mean[j] - alpha[j] / 8) < 0.005, "mean w\(j + 1) = \(mean[j])") }

        let result = try SobolAnalysis.runNormalizedWeights(factors, otherInputs: [.uniform("noise", lower: 0, upper: 0.1)],
                                                            baseSamples: 512, bootstrap: 100, seed: 4) { w, others in
            [w[0] + others[0]]
        }
        #expect(result.inputNames == ["w1", "w2", "w3", "noise"])
        #expect(result.outputs[0].total[3] < 0.1)
    }

    @Test("invalid weight factors are errors")
    func errors() {
        #expect(throws: SobolError.self) { _ = try SobolAnalysis.normalizedWeightInputs(names: ["only"], lower: [0], upper: [1]) }
        #expect(throws: SobolError.self) { _ = try SobolAnalysis.normalizedWeightInputs(names: ["a", "b"], lower: [-1, 0], upper: [1, 1]) }
        #expect(throws: SobolError.self) { _ = try SobolAnalysis.normalizedWeightInputs(names: ["a", "b"], lower: [0], upper: [1, 1]) }
        #expect(throws: SobolError.self) { _ = try SobolAnalysis.dirichletWeightInputs(names: ["a", "b"], alpha: [1, 0]) }
        #expect(throws: SobolError.self) {
            let f = try SobolAnalysis.normalizedWeightInputs(names: ["a", "b"], lower: [0, 0], upper: [1, 1])
            _ = try f.weights(fromFactors: [0, 0])
        }
    }
}

/// The uncertain values handed to `sensitivity sobol --values` follow SMAA's model (issue 14:
/// the command line's own copy dropped several measurements and ignored physical bounds).
@Suite("Sobol' inputs from a screening's uncertain values")
struct SobolProfileValueTests {
    static func criterion() throws -> Criterion {
        try ProfileLoader.load(yaml: "name: t\ncriteria:\n  - {property: band_gap, goal: max, weight: 1}\n", file: "t.yaml").criteria[0]
    }

    @Test("a ± near the band gap's lower bound is truncated there: no quantile below 0 eV")
    func truncatedNormal() throws {
        var v = CriterionValue(raw: 0.1, provenance: .measured(count: 1, sources: ["t"]))
        v.spread = .normal(sd: 1)
        let input = try #require(RankingSobol.sobolInput(v, fallback: 0.1, criterion: try Self.criterion(), bounds: 0...50, name: "x"))
        let values = stride(from: 0.0005, to: 1, by: 0.001).map { input.value(at: $0) }
        #expect(values.allSatisfy { $0 >= 0 }, "\(values.min()!)")
        // The median of a normal(0.1, 1) truncated to [0, ∞) is 0.1 + Φ⁻¹(a + (1 − a)/2) with
        // a = Φ(−0.1): scipy.stats gives a = norm.cdf(-0.1) = 0.460172162722971 and the median
        // 0.1 + norm.ppf(a + (1 - a)/2) = 0.7130733551370593.
        #expect(abs(input.value(at: 0.5) - 0.7130733551370593) < 1e-9, "\(input.value(at: 0.5))")
    }

    @Test("several measurements: the empirical quantiles of the values, as SMAA draws them")
    func empirical() throws {
        var v = CriterionValue(raw: 6, provenance: .measured(count: 3, sources: ["t"]))
        v.spread = .empirical([7, 5, 6])
        let input = try #require(RankingSobol.sobolInput(v, fallback: 6, criterion: try Self.criterion(), bounds: 0...50, name: "x"))
        #expect([0.1, 0.5, 0.9].map { input.value(at: $0) } == [5, 6, 7])
    }

    @Test("a value without spread is no input")
    func fixed() throws {
        let v = CriterionValue(raw: 6, provenance: .measured(count: 1, sources: ["t"]))
        #expect(RankingSobol.sobolInput(v, fallback: 6, criterion: try Self.criterion(), bounds: 0...50, name: "x") == nil)
    }
}
