import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics
/// A ranking of a plain decision matrix (no profile): JSON is an object with `method`,
/// `normalization`, `weights` (by criterion) and `alternatives` sorted best first
/// (`id`, `score`, `rank`).
public struct MatrixRanking: Sendable {
    /// The matrix ranked.
    public let matrix: DecisionMatrix
    /// The method's scores and ranks.
    public let run: RankingRun
    /// A remark on the weights printed after them (e.g. that they were normalised); nil: none.
    public let weightNote: String?

    /// A ranking of `matrix` by `run`.
    public init(matrix: DecisionMatrix, run: RankingRun, weightNote: String?) {
        self.matrix = matrix
        self.run = run
        self.weightNote = weightNote
    }

    /// Row indices, best first (ties by id).
    var order: [Int] {
        matrix.alternatives.indices.sorted { (run.ranks[$0], matrix.alternatives[$0]) < (run.ranks[$1], matrix.alternatives[$1]) }
    }

    /// - Parameter top: only the first `top` alternatives (nil: all).
    public func json(top: Int? = nil) -> JSONValue {
        let order = top.map { Array(self.order.prefix($0)) } ?? self.order
        return .object([
            ("method", .string(run.methodName)), ("normalization", .string(run.normalizationName)),
            ("higher_is_better", .bool(run.higherIsBetter)), ("ranked", .integer(matrix.rowCount)),
            ("weights", .object(zip(matrix.criteria, run.weights).map { ($0, .number($1)) })),
            ("alternatives", .array(order.map { i in
                .object([("id", .string(matrix.alternatives[i])), ("score", .number(run.scores[i])), ("rank", .integer(run.ranks[i]))])
            })),
        ])
    }

    /// The weights and a table of rank, id, score and the criteria's values, best first (ties by id).
    /// - Parameter top: only the first `top` alternatives (nil: all), with a line saying how many more.
    public func text(top: Int? = nil) -> String {
        let order = top.map { Array(self.order.prefix($0)) } ?? self.order
        var out = "\(run.methodName) (\(run.normalizationName)), score \(run.higherIsBetter ? "higher" : "lower") is better\n"
        out += "weights: " + zip(matrix.criteria, run.weights).map { "\($0) \(formatForDisplay($1, significant: 4))" }.joined(separator: ", ")
        out += (weightNote.map { " (\($0))" } ?? "") + "\n\n"
        out += TextTable(header: ["rank", "id", "score"] + matrix.criteria,
                         rows: order.map { i in [String(run.ranks[i]), matrix.alternatives[i], formatForDisplay(run.scores[i], significant: 6)]
                             + matrix.values[i].map { formatForDisplay($0) } },
                         rightAligned: Set([0, 2] + matrix.criteria.indices.map { $0 + 3 })).rendered()
        if order.count < matrix.rowCount { out += "… \(matrix.rowCount - order.count) more ranked (--top N to show more; --format csv or json for every row)\n" }
        return out
    }

    /// CSV with columns `rank`, `id`, `score`, best first (ties by id), numbers at full precision.
    /// - Parameter top: only the first `top` alternatives (nil: all).
    public func csv(top: Int? = nil) throws -> String {
        let order = top.map { Array(self.order.prefix($0)) } ?? self.order
        return try CSVOutput.render(header: ["rank", "id", "score"],
                             rows: order.map { [String(run.ranks[$0]), matrix.alternatives[$0], formatNumber(run.scores[$0])] })
    }
}

extension MatrixRanking: RankedOutput {}
