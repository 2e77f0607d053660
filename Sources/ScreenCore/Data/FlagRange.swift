/// One check of each numeric flag's range, before any work or allocation: a value outside it
/// is an error naming the flag, the range and why (a `UsageError`: exit status 64, as the
/// argument parser's own errors). Every check passes a nil value (a flag not given).
public enum FlagRange {
    /// The most samples any sampling command takes: ten million draws of a few criteria already
    /// need gigabytes; more is a typing mistake, not a request.
    public static let maximumSamples = 10_000_000

    /// An integer flag: inside `range`.
    public static func check(_ flag: String, _ value: Int?, _ range: ClosedRange<Int>, why: String? = nil) throws {
        guard let value, !range.contains(value) else { return }
        throw UsageError("\(flag) must be between \(range.lowerBound) and \(range.upperBound)\(why.map { " (\($0))" } ?? ""), not \(value)")
    }

    /// A real-valued flag: finite and inside the open range (low, high), or (low, high] with
    /// `includingHigh`.
    public static func check(_ flag: String, _ value: Double?, above low: Double, below high: Double, includingHigh: Bool = false, why: String? = nil) throws {
        guard let value else { return }
        if value.isFinite && value > low && (value < high || (includingHigh && value == high)) { return }
        let range = "greater than \(formatNumber(low)) and \(includingHigh ? "at most" : "less than") \(formatNumber(high))"
        throw UsageError("\(flag) must be \(range)\(why.map { " (\($0))" } ?? ""), not \(value)")
    }

    /// A real-valued flag: finite and inside the closed range [low, high].
    public static func check(_ flag: String, _ value: Double, atLeast low: Double, atMost high: Double, why: String) throws {
        guard !(value.isFinite && value >= low && value <= high) else { return }
        throw UsageError("\(flag) must be between \(low) and \(high) (\(why)), not \(value)")
    }

    private static func formatNumber(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}
