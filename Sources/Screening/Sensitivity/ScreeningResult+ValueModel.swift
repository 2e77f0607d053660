extension ScreeningResult {
    /// The SMAA value model of the weighted criteria: the data's uncertainty sampled
    /// (`ValueUncertainty`) unless `fixed` or nothing is uncertain, else the fixed matrix.
    /// The value draws use their own stream, derived from `seed`, apart from the weights'.
    public func weightedValueModel(samples: Int, seed: UInt64, fixed: Bool = false) -> (model: ValueModel, sampled: Bool) {
        let keep = weightedCriteria
        guard !fixed && ValueUncertainty.isUncertain(self) else {
            return (.fixed(matrix.values.map { row in keep.map { row[$0] } }), false)
        }
        let drawn = ValueUncertainty.samples(self, count: samples, seed: seed &+ 0x5EED)
        return (.samples(drawn.map { m in m.map { row in keep.map { row[$0] } } }), true)
    }
}
