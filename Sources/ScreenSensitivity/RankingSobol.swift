import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics
/// Sobol' indices of the leading candidates' scores and ranks with respect to the criteria
/// weights (and optionally uncertain values), for any ranking method.
///
/// Weights must sum to 1, which makes them dependent; following the approach documented in
/// `NormalizedWeightFactors`, independent unnormalised factors u_j are sampled and normalised
/// before ranking, so the indices are those of the factors u_j: "how much of the variance comes
/// from how much emphasis criterion j gets relative to the others".
public enum RankingSobol {
    /// The settings of a ranking Sobol' analysis.
    public struct Setup: Sendable {
        /// u_j uniform on [(1 − spread)·w_j, (1 + spread)·w_j] around the base weights.
        public var spread: Double = 0.5
        /// N, the number of base samples of the Saltelli design (N·(d + 2) model evaluations for d inputs).
        public var baseSamples: Int = 1024
        /// Bootstrap replicates for the confidence intervals (at least 2).
        public var bootstrap: Int = 500
        /// The seed of the bootstrap's generator; equal seeds give equal results.
        public var seed: UInt64 = 1
        /// How many leading candidates (at the base weights) get a score and a rank output.
        public var candidates: Int = 5
        /// Threads for model evaluation and bootstrap; nil: the active cores. Results do not depend on it.
        public var threads: Int? = nil
        /// The defaults: spread 0.5, N = 1024, 500 bootstrap replicates, seed 1, five candidates.
        public init() {}
    }

    /// An uncertain cell taken as a Sobol' input, as `uncertainCells(of:method:candidates:)` finds
    /// it (only this module makes one: its memberwise initialiser is internal).
    public struct UncertainCell: Sendable {
        /// The candidate's row in the decision matrix (0-based).
        public let alternative: Int
        /// The criterion's column in the decision matrix (0-based).
        public let criterion: Int
        /// The distribution the cell's value is drawn from in each model evaluation.
        public let input: SobolInput
    }

    /// Runs the analysis: one weight factor per criterion, uniform on [(1 − spread)·w_j, (1 + spread)·w_j]
    /// around the normalised base weights, plus one input per uncertain cell; the outputs are the score
    /// and the rank (`rank(of:in:higherIsBetter:)`) of each of the `setup.candidates` leading
    /// candidates at the base weights (ties broken by row order), named `score: X` and `rank: X`.
    /// - Throws: `DecisionError.parameter` unless 0 < spread < 1; the weights' and the method's
    ///   errors; `SobolError` for bad settings or a non-finite score.
    /// - Complexity: N·(d + 2) evaluations of the method for d = criteria + cells inputs, each
    ///   O(n·m) or the method's cost for n candidates and m criteria, plus O(B·N·d·k) for B bootstrap
    ///   replicates and k = 2·candidates outputs.
    public static func run(matrix: DecisionMatrix, weights: [Double], method: any RankingMethod, setup: Setup,
                           cells: [UncertainCell] = []) throws -> SobolResult {
        guard setup.spread > 0 && setup.spread < 1 else { throw DecisionError.parameter("--spread must be between 0 and 1") }
        let w = try Ranking.normalizedWeights(weights, for: matrix)
        let base = try method.ranks(matrix, weights: w)
        let leaders = Array(matrix.alternatives.indices.sorted { (base[$0], $0) < (base[$1], $0) }.prefix(setup.candidates))
        let factors = try SobolAnalysis.normalizedWeightInputs(
            names: matrix.criteria.map { "weight: \($0)" },
            lower: w.map { (1 - setup.spread) * $0 }, upper: w.map { (1 + setup.spread) * $0 })
        let names = leaders.flatMap { ["score: \(matrix.alternatives[$0])", "rank: \(matrix.alternatives[$0])"] }
        let higher = type(of: method).higherIsBetter
        let prepared = try PreparedScores(matrix: matrix, method: method)
        let progress = ProgressLine.count("Sobol'", total: setup.baseSamples * (matrix.criteria.count + cells.count + 2), unit: "model evaluations")
        defer { progress.end() }
        var result = try SobolAnalysis.runNormalizedWeights(
            factors, otherInputs: cells.map(\.input), baseSamples: setup.baseSamples, bootstrap: setup.bootstrap,
            seed: setup.seed, threads: setup.threads, outputNames: names) { sampledWeights, others in
            progress.advance()
            let scores: [Double]
            if cells.isEmpty {
                scores = try prepared.scores(sampledWeights)
            } else {
                var values = matrix.values
                for (k, cell) in cells.enumerated() { values[cell.alternative][cell.criterion] = others[k] }
                let m = try DecisionMatrix(alternatives: matrix.alternatives, criteria: matrix.criteria, values: values, types: matrix.types)
                scores = try method.scores(m, weights: sampledWeights)
            }
            // Only the leaders' ranks are outputs: 1 + the number of candidates scoring strictly
            // better, which is `Ranking.ranks` (ties share the better rank; NaN last) in O(n)
            // instead of a sort of all n.
            return leaders.flatMap { [scores[$0], Double(rank(of: $0, in: scores, higherIsBetter: higher))] }
        }
        result.inputRoles = matrix.criteria.map { SobolRole(kind: "weight", criterion: $0) }
            + cells.map { SobolRole(kind: "value", id: matrix.alternatives[$0.alternative], criterion: matrix.criteria[$0.criterion]) }
        result.outputRoles = leaders.flatMap { i in ["score", "rank"].map { SobolRole(kind: $0, id: matrix.alternatives[i]) } }
        return result
    }

    /// The rank of alternative `i` as `Ranking.ranks` gives it: 1 + the number of scores
    /// strictly better than its own (a NaN score is worse than any number, and NaNs tie).
    public static func rank(of i: Int, in scores: [Double], higherIsBetter: Bool) -> Int {
        let s = scores[i]
        var better = 0
        if s.isNaN {
            for x in scores where !x.isNaN { better += 1 }
        } else if higherIsBetter {
            for x in scores where x > s { better += 1 }
        } else {
            for x in scores where x < s { better += 1 }
        }
        return better + 1
    }
}

extension SobolResult {
    /// Per output, a table of first-order and total indices with their intervals.
    public func text() -> String {
        var out = "Sobol' indices: \(baseSamples) base samples, \(modelEvaluations) evaluations, \(bootstrap) bootstrap resamples, \(formatForDisplay(confidence * 100))% intervals\n"
        out += "weights enter as independent unnormalised factors u_j (normalised before ranking): the indices are those of the u_j\n"
        for o in outputs {
            out += "\n\(o.name)" + (o.isConstant ? ": constant over the samples (indices 0)\n" : " (mean \(formatForDisplay(o.mean, significant: 4)), variance \(formatForDisplay(o.variance, significant: 3)))\n")
            if o.isConstant { continue }
            out += TextTable(header: ["input", "first order", "interval", "total", "interval"],
                             rows: inputNames.indices.map { j in
                                 [inputNames[j], formatForDisplay(o.first[j], significant: 3),
                                  "\(formatForDisplay(o.firstCI[j].lower, significant: 2))…\(formatForDisplay(o.firstCI[j].upper, significant: 2))",
                                  formatForDisplay(o.total[j], significant: 3),
                                  "\(formatForDisplay(o.totalCI[j].lower, significant: 2))…\(formatForDisplay(o.totalCI[j].upper, significant: 2))"]
                             }, rightAligned: [1, 2, 3, 4]).rendered()
        }
        return out
    }
}

extension SobolResult: TextAndJSONOutput {}

extension RankingSobol {
    /// The inputs and estimators of the analysis, in words: what `screen sensitivity sobol --help`
    /// says, kept beside the analysis it describes.
    public static let help = """
        Inputs: the criteria weights, as independent unnormalised factors u_j uniform on \
        [(1 − s)·w_j, (1 + s)·w_j] that are normalised before ranking (the indices are those of the u_j); \
        with --values, also the uncertain values (± as normal, ranges as uniform) of the leading \
        candidates, up to GSL's limit of 20 inputs in all. Estimators: Saltelli 2010 (first order), \
        Jansen 1999 (total), on GSL's Sobol' sequence.
        """
}
