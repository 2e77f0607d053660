import ScreenCore
import ScreenDecision

/// A ranking method whose scores a fused kernel of `ScoreKernels` computes bit for bit, from
/// a normalised column-major matrix and a weight vector, without building a matrix.
///
/// Why keep kernels beside `WSM.scores` and `TOPSIS.scores`: SMAA, sweeps and Sobol' score the
/// same matrix thousands of times; the methods normalise the matrix and allocate row arrays on
/// every call, which costs several times the arithmetic. The kernels do the methods' operations
/// in the methods' order (sums in criterion order from 0), so the scores are identical; the
/// tests compare them with the methods' own on every normalisation.
enum FusedKernel: Sendable, Equatable {
    /// WSM: sᵢ = Σⱼ wⱼ·zᵢⱼ.
    case weightedSum
    /// TOPSIS: the closeness D⁻/(D⁺ + D⁻) to the column-wise ideal and anti-ideal.
    case topsis

    /// The kernel and normalisation that reproduce `method`'s scores, or nil for a method
    /// without one (it is called as it is).
    static func of(_ method: any RankingMethod) -> (kernel: FusedKernel, normalization: Normalization)? {
        if let wsm = method as? WSM { return (.weightedSum, wsm.normalization) }
        if let topsis = method as? TOPSIS { return (.topsis, topsis.normalization) }
        return nil
    }

    /// The normalised matrix, column-major (cell (i, j) at j·n + i): the layout the kernels read.
    ///
    /// - Throws: the normalisation's `DecisionError` for a column it cannot normalise.
    /// - Complexity: O(n·m) for n alternatives and m criteria.
    static func normalizedColumns(_ matrix: DecisionMatrix, _ normalization: Normalization) throws -> [Double] {
        let normalized = try normalization.normalize(matrix)
        let n = matrix.rowCount, m = matrix.columnCount
        var c = [Double](repeating: 0, count: n * m)
        for i in 0..<n { for j in 0..<m { c[j * n + i] = normalized[i][j] } }
        return c
    }

    /// The scores of every alternative into `scores` (n of them); see `ScoreKernels.scores`.
    ///
    /// - Returns: for TOPSIS, the first alternative whose closeness is 0/0 (it is both the ideal
    ///   and the anti-ideal), whose score is then NaN; nil otherwise.
    /// - Complexity: O(n·m), no allocation.
    func scores(_ columns: [Double], bounds: [Double], n: Int, m: Int, weights: [Double], into scores: inout [Double]) -> Int? {
        ScoreKernels.scores(self, columns: columns, bounds: bounds, n: n, m: m, weights: weights, into: &scores)
    }
}

/// How SMAA computes the scores of each sample.
enum SMAAScoring: Sendable {
    /// A fused kernel on normalised columns; `fixedColumns` holds the normalised matrix,
    /// column-major, when the values are deterministic.
    case fused(FusedKernel, normalization: Normalization, fixedColumns: [Double]?)
    /// `method.scores`; `fixedMatrix` when the values are deterministic.
    case generic(fixedMatrix: DecisionMatrix?)

    /// The scoring of `method`, with deterministic values already in `fixedMatrix`.
    /// - Throws: the normalisation's error for a deterministic matrix it cannot normalise.
    init(method: any RankingMethod, fixedMatrix: DecisionMatrix?) throws {
        if let (kernel, normalization) = FusedKernel.of(method) {
            self = .fused(kernel, normalization: normalization,
                          fixedColumns: try fixedMatrix.map { try FusedKernel.normalizedColumns($0, normalization) })
        } else {
            self = .generic(fixedMatrix: fixedMatrix)
        }
    }
}

/// The values and scores of one sample, for one thread: the sampled raw values, their
/// normalisation (fused kernels) or matrix (any other method), and the scores.
///
/// Not thread-safe: each worker owns one.
final class SMAAScorer {
    let problem: SMAAProblem
    let n: Int, m: Int
    /// Sampled raw values, column-major (cell (i, j) at j·n + i).
    var raw: [Double]
    /// Normalised values, column-major (fused kernels).
    private(set) var normalized: [Double]
    /// Per column of `normalized`, its maximum and minimum (TOPSIS): [max₀, min₀, max₁, …].
    private(set) var columnBounds: [Double]
    /// The current sample's matrix (generic path, sampled values).
    private var matrix: DecisionMatrix?
    /// Scores of the current sample, by alternative.
    private(set) var scores: [Double]

    init(problem: SMAAProblem) {
        self.problem = problem
        n = problem.n
        m = problem.m
        raw = problem.values.fixedColumns ?? [Double](repeating: 0, count: n * m)
        scores = [Double](repeating: 0, count: n)
        columnBounds = [Double](repeating: 0, count: 2 * m)
        if case .fused(_, _, let fixed?) = problem.scoring {
            normalized = fixed
            ScoreKernels.columnBounds(fixed, n: n, m: m, into: &columnBounds)
        } else {
            normalized = [Double](repeating: 0, count: n * m)
        }
    }

    /// Turns freshly sampled `raw` values into what `score` reads: normalised columns (fused)
    /// or a decision matrix (generic).
    ///
    /// - Throws: `SMAAError.method` naming sample `k` when the normalisation or the matrix
    ///   refuses the values.
    /// - Complexity: O(n·m).
    func prepareValues(sample k: Int) throws {
        do {
            switch problem.scoring {
            case .fused(let kernel, let normalization, _):
                for j in 0..<m {
                    let range = (j * n)..<((j + 1) * n)
                    let z = try normalization.normalize(Array(raw[range]), type: problem.types[j], criterion: problem.criteria[j])
                    normalized.replaceSubrange(range, with: z)
                }
                if kernel == .topsis { ScoreKernels.columnBounds(normalized, n: n, m: m, into: &columnBounds) }
            case .generic:
                let rows = (0..<n).map { i in (0..<m).map { j in raw[j * n + i] } }
                matrix = try DecisionMatrix(alternatives: problem.alternatives, criteria: problem.criteria,
                                            values: rows, types: problem.types)
            }
        } catch {
            throw SMAAError.method(sample: k, message: String(describing: error))
        }
    }

    /// Whether alternative `a` ranks first under weights `w` (summing to 1) with the current
    /// values: no alternative scores strictly better (`SMAARanker.ranksFirst`'s rule, ties
    /// count as first).
    ///
    /// Why not `score` and `SMAARanker.ranksFirst`: in the confidence pass most candidates are
    /// beaten in most samples, usually by another candidate. With a fused kernel the scan scores
    /// `a`, then `checkFirst`, then the rest in chunks, and stops at the first better score
    /// (`ScoreKernels.noneBetter`); the answer is the same. It falls back on the full scores
    /// when a method error is possible: TOPSIS with weighted columns so narrow (or values so
    /// large) that a closeness could be 0/0 (see `topsisIsDefined`), so that such a sample
    /// still throws as `score` does.
    ///
    /// - Throws: `score`'s errors, where it falls back on it.
    /// - Complexity: O(m·(1 + |checkFirst|)) when one of `checkFirst` beats `a`, O(n·m) at most.
    func ranksFirst(_ a: Int, weights w: [Double], sample k: Int, checkFirst: [Int]) throws -> Bool {
        if case .fused(let kernel, _, _) = problem.scoring,
           kernel == .weightedSum || Self.topsisIsDefined(bounds: columnBounds, weights: w),
           let first = ScoreKernels.noneBetter(than: a, kernel: kernel, columns: normalized, bounds: columnBounds, n: n, m: m,
                                               weights: w, higherIsBetter: problem.higherIsBetter, checkFirst: checkFirst) {
            return first
        }
        try score(sample: k, weights: w)
        return SMAARanker.ranksFirst(a, scores, higherIsBetter: problem.higherIsBetter)
    }

    /// True when no TOPSIS closeness can be 0/0 (NaN) under weights `w`: every column bound is
    /// finite and at most 2⁴⁰⁰ in magnitude (so no squared distance overflows), and some
    /// column's weighted range max·w − min·w is at least 2⁻⁵⁰⁰. Then every alternative is at least
    /// half that range from the ideal or the anti-ideal in that column, a distance whose square
    /// (≥ 2⁻¹⁰⁰²) is not zero, so D⁺ + D⁻ > 0 for every alternative.
    /// - Complexity: O(m).
    static func topsisIsDefined(bounds: [Double], weights w: [Double]) -> Bool {
        let large = 0x1p400, small = 0x1p-500
        guard bounds.allSatisfy({ $0.isFinite && abs($0) <= large }) else { return false }
        return w.indices.contains { j in bounds[2 * j] * w[j] - bounds[2 * j + 1] * w[j] >= small }
    }

    /// Scores of the current values with weights `w` (m of them, summing to 1) into `scores`.
    ///
    /// - Throws: `SMAAError.method` naming sample `k` when the method refuses the sample (for
    ///   TOPSIS: an alternative that is both the ideal and the anti-ideal), or returns a wrong
    ///   number of scores.
    /// - Complexity: O(n·m) for the fused kernels; the method's cost otherwise.
    func score(sample k: Int, weights w: [Double]) throws {
        switch problem.scoring {
        case .fused(let kernel, _, _):
            if let i = kernel.scores(normalized, bounds: columnBounds, n: n, m: m, weights: w, into: &scores) {
                throw SMAAError.method(sample: k, message: String(describing: DecisionError.invalidColumn(
                    criterion: problem.criteria.joined(separator: ", "),
                    reason: "topsis: \(problem.alternatives[i]) is both the ideal and the anti-ideal (no weighted criterion separates the alternatives), so its closeness 0/0 is undefined")))
            }
        case .generic(let fixed):
            // Sampled values: `prepareValues(sample:)` built `matrix` for this sample before it is scored.
            guard let current = fixed ?? matrix else { preconditionFailure("SMAA: sample \(k) scored before its values were prepared") }
            do {
                let s = try problem.method.scores(current, weights: w)
                guard s.count == n else {
                    throw SMAAError.method(sample: k, message: "\(type(of: problem.method).name) returned \(s.count) scores for \(n) alternatives")
                }
                scores = s
            } catch let error as SMAAError {
                throw error
            } catch {
                throw SMAAError.method(sample: k, message: String(describing: error))
            }
        }
    }
}
