import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics
extension ScreeningResult {
    /// The SMAA value model of the weighted criteria: the data's uncertainty sampled
    /// (`ValueUncertainty`) unless `fixed` or nothing is uncertain, else the fixed matrix.
    /// The value draws use their own stream, derived from `seed`, apart from the weights'.
    ///
    /// The samples are those of `ValueUncertainty.samples(self, count: samples, seed:)` (same
    /// generator, same draws in the same order, so the same numbers), but only the uncertain
    /// cells are stored: O(samples · uncertain cells) memory rather than O(samples · n · m),
    /// which matters at thousands of candidates (10,000 samples of 3,000 × 3 would be 720 MB).
    public func weightedValueModel(samples: Int, seed: UInt64, fixed: Bool = false) -> (model: ValueModel, sampled: Bool) {
        let keep = weightedCriteria
        guard !fixed && ValueUncertainty.isUncertain(self) else {
            return (.fixed(matrix.values.map { row in keep.map { row[$0] } }), false)
        }
        let (base, cells, draws) = sparseValueSamples(count: samples, seed: seed &+ 0x5EED, keep: keep)
        return (ValueModel(source: .sparseSamples(base: base, cells: cells, draws: draws)), true)
    }

    /// The draws of `ValueUncertainty.samples`, kept only for the uncertain cells of the
    /// criteria in `keep`: `base` (every cell's combined matrix value), the cells (columns
    /// numbered within `keep`) and `count · cells.count` draws. Uncertain cells of criteria
    /// outside `keep` are drawn too (and dropped) so that the stream is the same.
    func sparseValueSamples(count: Int, seed: UInt64, keep: [Int]) -> (base: [[Double]], cells: [ValueModel.Cell], draws: [Double]) {
        let rng = RandomGenerator(seed: seed)
        let ordered = ValueUncertainty.orderedRows(self)
        let bounds = ValueUncertainty.physicalBounds(self)
        let column = Dictionary(uniqueKeysWithValues: keep.enumerated().map { ($1, $0) })
        // Uncertain cells in the order ValueUncertainty draws them: row by row, criterion by criterion.
        // Each cell's parts copied out once, so that the draws do not copy a whole row each.
        var uncertain: [(row: Int, criterion: Int, kept: Int?, raw: Double, spread: CriterionValue.Spread, fallback: Double)] = []
        for (i, row) in ordered.enumerated() {
            for j in criteria.indices where row.values[j].spread != .fixed {
                uncertain.append((i, j, column[j], row.values[j].raw, row.values[j].spread, row.matrixValues[j]))
            }
        }
        let cells = uncertain.compactMap { u in u.kept.map { ValueModel.Cell(alternative: u.row, criterion: $0) } }
        let scales = criteria.map(\.matrixScale)
        var draws: [Double] = []
        draws.reserveCapacity(count * cells.count)
        for _ in 0..<count {
            // By index, so that a cell is read in place rather than copied (with its spread) per draw.
            for k in uncertain.indices {
                let j = uncertain[k].criterion
                let x = ValueUncertainty.draw(uncertain[k].raw, uncertain[k].spread, fallback: uncertain[k].fallback, scale: scales[j],
                                              bounds: bounds[j], rng: rng)
                if uncertain[k].kept != nil { draws.append(x) }
            }
        }
        let base = ordered.map { row in keep.map { row.matrixValues[$0] } }
        return (base, cells, draws)
    }
}
