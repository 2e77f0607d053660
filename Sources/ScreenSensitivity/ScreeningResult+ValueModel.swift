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
        // Each cell's parts copied out once into arrays of plain values (the spread apart), so that a
        // draw neither copies a row nor reference-counts a criterion or a tuple holding the spread.
        let criterionScales = criteria.map(\.matrixScale)
        var cells: [ValueModel.Cell] = []
        var raws: [Double] = [], spreads: [CriterionValue.Spread] = [], fallbacks: [Double] = []
        var scales: [Criterion.MatrixScale] = [], cellBounds: [ClosedRange<Double>?] = [], kept: [Bool] = []
        for (i, row) in ordered.enumerated() {
            for j in criteria.indices where row.values[j].spread != .fixed {
                if let c = column[j] { cells.append(ValueModel.Cell(alternative: i, criterion: c)) }
                raws.append(row.values[j].raw)
                spreads.append(row.values[j].spread)
                fallbacks.append(row.matrixValues[j])
                scales.append(criterionScales[j])
                cellBounds.append(bounds[j])
                kept.append(column[j] != nil)
            }
        }
        var draws: [Double] = []
        draws.reserveCapacity(count * cells.count)
        spreads.withUnsafeBufferPointer { spreads in
            for _ in 0..<count {
                for k in raws.indices {
                    let x = ValueUncertainty.draw(raws[k], spreads[k], fallback: fallbacks[k], scale: scales[k], bounds: cellBounds[k], rng: rng)
                    if kept[k] { draws.append(x) }
                }
            }
        }
        let base = ordered.map { row in keep.map { row.matrixValues[$0] } }
        return (base, cells, draws)
    }
}
