import Foundation
import ScreenCore

/// Matrix mode as it is typed — `--matrix FILE --types max,min --weights 0.6,0.4|entropy` and
/// `--param name=value` — turned into a decision matrix, weights and method parameters. Why in
/// the library: the command line and the Python module accept the same text, and every problem
/// is a `FlagError` naming the flag.
public enum MatrixArguments {
    /// Comma-separated criterion types (`max`/`min`, `benefit`/`cost`, `1`/`-1`).
    /// - Throws: `FlagError` naming `flag` for an unknown type.
    public static func types(_ text: String, flag: String = "--types") throws -> [CriterionType] {
        try text.split(separator: ",").map { part in
            guard let type = CriterionType(text: String(part)) else { throw FlagError(flag, "'\(part)' is not a criterion type (max or min)") }
            return type
        }
    }

    /// The weights of `matrix`: comma-separated numbers (normalised to sum to 1), or an objective
    /// method (`equal` — the default when `text` is nil —, `entropy`, `critic`, `std`), with a note
    /// saying which objective weights were computed.
    /// - Throws: `FlagError` for a non-number, `DecisionError.weights` for a wrong count, a negative
    ///   weight or all zeros.
    /// - Complexity: O(n·m) for objective weights of n alternatives × m criteria, O(m) otherwise.
    public static func weights(_ text: String?, for matrix: DecisionMatrix) throws -> (weights: [Double], note: String?) {
        let text = text ?? "equal"
        if let objective = ObjectiveWeights(rawValue: text) {
            return (try objective.weights(for: matrix), "\(objective.rawValue) weights computed from the matrix")
        }
        let weights = try text.split(separator: ",").map { part in
            guard let v = DecimalNumber.parse(part.trimmingWhitespace()) else {
                throw FlagError("--weights", "takes numbers separated by commas, or equal, entropy, critic, std")
            }
            return v
        }
        guard weights.count == matrix.columnCount else {
            throw DecisionError.weights("\(weights.count) weights for \(matrix.columnCount) criteria (\(matrix.criteria.joined(separator: ", ")))")
        }
        return (try Ranking.normalizedWeights(weights, for: matrix), nil)
    }

    /// The matrix CSV (header `id,<criterion>,…`) with its types and weights.
    public static func read(csv url: URL, types: String, weights: String?) throws -> (matrix: DecisionMatrix, weights: [Double], note: String?) {
        let matrix = try DecisionMatrix.read(csv: url, types: try self.types(types))
        let (w, note) = try self.weights(weights, for: matrix)
        return (matrix, w, note)
    }

    /// Method parameters as `--param v=0.3 --param preference=vshape --param q=0.1,0.2`: a list of
    /// numbers is a number or numbers, anything else text; nil when none is given.
    /// - Throws: `FlagError` for an item without `=`.
    public static func parameters(_ items: [String]) throws -> [String: RankingParameter]? {
        guard !items.isEmpty else { return nil }
        var out: [String: RankingParameter] = [:]
        for item in items {
            let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { throw FlagError("--param", "takes name=value, e.g. v=0.3") }
            let parts = kv[1].split(separator: ",")
            let numbers = parts.compactMap { DecimalNumber.parse($0.trimmingWhitespace()) }
            out[kv[0]] = numbers.count != parts.count ? .text(kv[1]) : numbers.count == 1 ? .number(numbers[0]) : .numbers(numbers)
        }
        return out
    }
}
