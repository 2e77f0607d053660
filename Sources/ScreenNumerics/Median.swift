/// The median of `values` (the mean of the two middle values for an even count); nil when
/// empty. One definition for every place that combines or fills values by the median.
/// NaN values make the sort order, and so the result, undefined: callers pass finite values.
/// - Complexity: O(n log n) for n values (a sort).
public func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// The `p`-quantile of `values` by linear interpolation between order statistics (Hyndman and
/// Fan's type 7: position (n − 1)·p of the sorted values; R's and NumPy's default, and GSL's
/// `gsl_stats_quantile_from_sorted_data`), so a quantile can be checked against any of them.
/// nil when empty. `p` must be in 0...1.
/// - Complexity: O(n log n) for the sort.
public func quantile(_ values: [Double], _ p: Double) -> Double? {
    precondition((0...1).contains(p), "quantile(_:_:) needs p in 0...1")
    guard !values.isEmpty else { return nil }
    let s = values.sorted()
    let position = Double(s.count - 1) * p
    let i = Int(position.rounded(.down))
    guard i + 1 < s.count else { return s[i] }
    let delta = position - Double(i)
    return (1 - delta) * s[i] + delta * s[i + 1]
}
