import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics
/// Non-dominated fronts of a decision matrix: the first front is the set of candidates
/// that no weighting of the criteria can make worse than another candidate on every criterion.
public struct ParetoReport: Sendable {
    /// The matrix sorted.
    public let matrix: DecisionMatrix
    /// Each alternative's front, 1 = non-dominated.
    public let fronts: [Int]
    /// Each alternative's crowding distance within its front (+∞ at a front's extremes).
    public let crowding: [Double]

    /// Sorts `matrix` into fronts and computes crowding distances.
    /// - Complexity: O(m·n²) for n alternatives and m criteria.
    public init(matrix: DecisionMatrix) {
        self.matrix = matrix
        fronts = Pareto.fronts(matrix)
        crowding = Pareto.crowdingDistances(matrix, fronts: fronts)
    }

    var order: [Int] { matrix.alternatives.indices.sorted { (fronts[$0], -crowding[$0], matrix.alternatives[$0]) < (fronts[$1], -crowding[$1], matrix.alternatives[$1]) } }

    /// - Parameter top: only the first `top` rows of the table (nil: all), with a line saying how many more.
    public func text(top: Int? = nil) -> String {
        let all = order, order = top.map { Array(all.prefix($0)) } ?? all
        var out = "non-dominated sorting on " + zip(matrix.criteria, matrix.types).map { "\($0) (\($1.rawValue))" }.joined(separator: ", ") + "\n"
        out += "front 1 (\(fronts.filter { $0 == 1 }.count) of \(fronts.count)): " +
            all.filter { fronts[$0] == 1 }.map { matrix.alternatives[$0] }.joined(separator: ", ") + "\n\n"
        out += TextTable(header: ["front", "id", "crowding"] + matrix.criteria,
                         rows: order.map { i in [String(fronts[i]), matrix.alternatives[i], crowding[i].isInfinite ? "inf" : formatForDisplay(crowding[i], significant: 3)]
                             + matrix.values[i].map { formatForDisplay($0, significant: 4) } },
                         rightAligned: Set([0, 2] + matrix.criteria.indices.map { $0 + 3 })).rendered()
        if order.count < all.count { out += "… \(all.count - order.count) more (--top N to show more; --format json for every row)\n" }
        return out
    }

    /// JSON: the criteria with their types, and the alternatives by front, then decreasing crowding
    /// distance, then id, each with `front` and `crowding_distance` (the string `inf` for +∞);
    /// only the first `top` of them when given (the fronts and distances are those of every
    /// alternative: `top` shortens the list, not the sort).
    public func json(top: Int? = nil) -> JSONValue {
        let all = order, order = top.map { Array(all.prefix($0)) } ?? all
        return .object([
            ("criteria", .array(zip(matrix.criteria, matrix.types).map { .object([("name", .string($0)), ("type", .string($1.rawValue))]) })),
            ("alternatives", .array(order.map { i in
                .object([("id", .string(matrix.alternatives[i])), ("front", .integer(fronts[i])),
                         ("crowding_distance", crowding[i].isInfinite ? .string("inf") : .number(crowding[i]))])
            })),
        ])
    }
}
