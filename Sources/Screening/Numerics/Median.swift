/// The median of `values` (the mean of the two middle values for an even count); nil when
/// empty. One definition for every place that combines or fills values by the median.
public func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
