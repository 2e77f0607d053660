import ArgumentParser

/// One check of each numeric flag's range, before any work or allocation: a value outside it
/// is an error naming the flag, the range and why.
enum FlagRange {
    /// The most samples any sampling command takes: ten million draws of a few criteria already
    /// need gigabytes; more is a typing mistake, not a request.
    static let maximumSamples = 10_000_000

    static func check(_ flag: String, _ value: Int?, _ range: ClosedRange<Int>, why: String? = nil) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(flag) must be between \(range.lowerBound) and \(range.upperBound)\(why.map { " (\($0))" } ?? ""), not \(value)")
    }
}
