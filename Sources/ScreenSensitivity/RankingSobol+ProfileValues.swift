import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenScoring

extension RankingSobol {
    /// The uncertain values of a screening's leading candidates as Sobol' inputs, each with the
    /// same distribution SMAA samples (`ValueUncertainty`): a ± as a normal, a range as a
    /// uniform, several measurements as their empirical distribution, each truncated to the
    /// property's physical bounds; a draw the criterion's transform cannot take falls back to
    /// the cell's value, as in SMAA.
    ///
    /// Why: the indices then say how much of a leading candidate's score or rank comes from
    /// doubt about its data rather than about the weights — with the same uncertainty model as
    /// the rest of the report.
    ///
    /// - Parameters:
    ///   - result: the screening (its `weightedMatrix()` is what is ranked).
    ///   - method: the ranking method, to find the leading candidates.
    ///   - candidates: how many leading candidates' values to include, in rank order.
    /// - Returns: the inputs that fit under GSL's limit of `SaltelliDesign.maximumInputCount`
    ///   inputs together with the criteria weights, and how many more uncertain values there were.
    /// - Complexity: one ranking of the m × n matrix, then O(k·n) for k candidates.
    public static func uncertainCells(of result: ScreeningResult, method: any RankingMethod, candidates: Int) throws
        -> (cells: [UncertainCell], leftOut: Int) {
        let (matrix, weights) = try result.weightedMatrix()
        let room = SaltelliDesign.maximumInputCount - matrix.columnCount
        let bounds = ValueUncertainty.physicalBounds(result)
        let ranks = try method.ranks(matrix, weights: try Ranking.normalizedWeights(weights, for: matrix))
        let rowOf = Dictionary(uniqueKeysWithValues: result.rows.map { ($0.candidate.id, $0) })
        var cells: [UncertainCell] = [], leftOut = 0
        for i in matrix.alternatives.indices.sorted(by: { ranks[$0] < ranks[$1] }).prefix(candidates) {
            guard let row = rowOf[matrix.alternatives[i]] else { continue }
            for (j, label) in matrix.criteria.enumerated() {
                guard let k = result.criteria.firstIndex(where: { $0.label == label }),
                      let input = sobolInput(row.values[k], fallback: row.matrixValues[k], criterion: result.criteria[k],
                                             bounds: bounds[k], name: "\(matrix.alternatives[i]) \(label)") else { continue }
                if cells.count < room { cells.append(UncertainCell(alternative: i, criterion: j, input: input)) } else { leftOut += 1 }
            }
        }
        return (cells, leftOut)
    }

    /// `run` on a decision matrix, with the leading candidates' uncertain values as inputs too
    /// when `screening` (the screening the matrix is the weighted matrix of) is given:
    /// `uncertainCells(of:method:candidates:)` for `setup.candidates` candidates.
    ///
    /// Why: the command line's `sensitivity sobol [--values]` in one call, so that the choice of
    /// inputs and the note on those left out are said once.
    ///
    /// - Parameter note: told how many uncertain values did not fit under GSL's limit (not
    ///   called when all fit, or without a screening).
    /// - Throws: `uncertainCells` and `run`'s errors.
    /// - Complexity: that of `uncertainCells` plus `run`'s.
    public static func run(matrix: DecisionMatrix, weights: [Double], method: any RankingMethod, setup: Setup,
                           valuesOf screening: ScreeningResult?, note: (String) -> Void) throws -> SobolResult {
        var cells: [UncertainCell] = []
        if let screening {
            let (found, leftOut) = try uncertainCells(of: screening, method: method, candidates: setup.candidates)
            cells = found
            if leftOut > 0 { note("\(leftOut) more uncertain values do not fit under GSL's limit of \(SaltelliDesign.maximumInputCount) inputs") }
        }
        return try run(matrix: matrix, weights: weights, method: method, setup: setup, cells: cells)
    }

    /// One value's inverse CDF as a Sobol' input; nil for a value without a spread.
    static func sobolInput(_ v: CriterionValue, fallback: Double, criterion: Criterion, bounds: ClosedRange<Double>?,
                           name: String) -> SobolInput? {
        let lo = bounds?.lowerBound ?? -Double.infinity, hi = bounds?.upperBound ?? .infinity
        let quantile: @Sendable (Double) -> Double
        let label: String
        switch v.spread {
        case .fixed:
            return nil
        case .normal(let sd):
            // The normal truncated to the bounds, as SMAA's redraws give it: p maps into [Φ(a), Φ(b)].
            let mean = v.raw
            let below = 1 - Distributions.normalUpperP((lo - mean) / sd), belowHigh = 1 - Distributions.normalUpperP((hi - mean) / sd)
            quantile = { p in mean + sd * Distributions.normalUpperQuantile(1 - (below + p * (belowHigh - below))) }
            label = "normal(\(formatForDisplay(mean)), \(formatForDisplay(sd)))"
        case .uniform(let low, let high):
            let a = max(low, lo), b = min(high, hi)
            quantile = { p in a + p * (b - a) }
            label = "uniform(\(formatForDisplay(a)), \(formatForDisplay(b)))"
        case .empirical(let values):
            let sorted = values.filter { $0 >= lo && $0 <= hi }.sorted()
            guard !sorted.isEmpty else { return nil }
            quantile = { p in sorted[min(sorted.count - 1, Int(p * Double(sorted.count)))] }
            label = "empirical(\(sorted.count) values)"
        }
        return .custom(name, label: label) { p in criterion.matrixValue(quantile(p)) ?? fallback }
    }
}
