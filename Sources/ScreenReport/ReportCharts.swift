import Foundation
import SVGCharts
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenSensitivity
import ScreenStore
import ScreenThermodynamics

/// The charts of a profile's report section, built from its analysis, each in the wide and the
/// narrow layout (`ReportChart`), with a caption that says what is drawn and what is not.
///
/// The rules every chart here keeps: a bar's length is the number printed at its end; a value
/// nobody measured is drawn as unknown (hatched grey), never as a colour that reads as data;
/// tied candidates share a rank; a chart with too few points to show a relation is replaced by
/// a sentence saying why.
enum ReportCharts {
    /// Rows of the ranking, criteria and coverage charts (the tables show more).
    static let chartRows = 20

    /// 1. The ranking: one bar per candidate whose length is the method's score, with the
    /// table's ranks (ties share one). For an additive method the bar is split into the
    /// criteria's contributions, which sum to the score; contributions of unknown values are
    /// hatched grey. For the others (TOPSIS, VIKOR, …), whose score is not a sum, the bar is
    /// the score alone and `criteria(_:)` shows what each candidate brings on each criterion.
    ///
    /// - Returns: nil when nothing is ranked.
    /// - Complexity: O(r·c) for the r rows drawn and c criteria.
    static func ranking(_ a: ProfileAnalysis, limit: Int = chartRows) -> (chart: ReportChart, caption: String)? {
        let r = a.result
        let active = a.matrix.criteria.compactMap { label in r.criteria.firstIndex { $0.label == label } }
        let rows = Array(r.rows.prefix(limit))
        guard !rows.isEmpty, !active.isEmpty else { return nil }
        let additive = rows.allSatisfy { $0.contributions != nil }
        let better = r.higherIsBetter ? "higher is better" : "lower is better"
        func bars(narrow: Bool) -> [StackedBarChart.Bar] { rows.map { row -> StackedBarChart.Bar in
            let unknown = active.filter { row.values[$0].isFillOrUnknown }.count
            let note = unknown == 0 ? nil : narrow ? "\(unknown)/\(active.count) unknown" : "\(unknown) of \(active.count) unknown"
            if additive {
                // `additive`: every shown row has contributions.
                return .init(label: row.candidate.id, contributions: active.map { row.contributions![$0] }, total: row.score, rank: row.rank,
                             unknown: active.map { row.values[$0].isFillOrUnknown }, note: note)
            }
            return .init(label: row.candidate.id, contributions: [row.score], total: row.score, rank: row.rank, note: note)
        } }
        let chart = ReportChart.rendering { width in
            var chart = StackedBarChart(title: "\(r.profile.name): ranking (\(r.method))",
                                        criteria: additive ? a.matrix.criteria : ["\(r.method) score"], bars: bars(narrow: ReportChart.isNarrow(width)),
                                        valueTitle: ChartText(additive ? "Contribution to the \(r.method) score (\(better))" : "\(r.method) score (\(better))"))
            chart.width = width
            chart.unknownName = "from an unknown value (scored at the worst of its range)"
            return chart.render()
        }
        var caption = additive
            ? "Ranking by \(r.method): each bar is the candidate's score, split into the contributions of the criteria (they sum to the score printed at its end); hatched grey: contributions of values nobody measured, scored at the worst end of their plausible range."
            : "Ranking by \(r.method): the length of each bar is the candidate's \(r.method) score (\(better)), printed at its end; \(r.method) does not add up per-criterion contributions, so what each candidate brings on each criterion is drawn in the next chart."
        caption += " Ranks as in the table; tied candidates share a rank. “n of \(active.count) unknown” (n/\(active.count) on a phone): how many of the candidate's criteria have no data and were scored at the worst end of their plausible range."
        if r.rows.count > rows.count { caption += " The top \(rows.count) of \(formatGrouped(r.rows.count)) ranked candidates." }
        return (chart, caption)
    }

    /// 2. What each candidate brings on each weighted criterion, for a method whose score is
    /// not a sum of contributions: a heat map of the min–max normalised values (1 the best
    /// ranked value of the criterion, 0 the worst), columns labelled with their weights, unknown
    /// values hatched with "?", and whether the candidate is on the Pareto front of all the
    /// weighted criteria (which a two-criterion property chart cannot show).
    ///
    /// - Returns: nil for an additive method (the ranking chart shows the contributions) or
    ///   when the matrix cannot be normalised.
    /// - Complexity: O(n·c) for the normalisation of n ranked candidates, plus the front.
    static func criteria(_ a: ProfileAnalysis, limit: Int = chartRows) -> (chart: ReportChart, caption: String)? {
        let r = a.result
        let rows = Array(r.rows.prefix(limit))
        guard !rows.isEmpty, !rows.allSatisfy({ $0.contributions != nil }), let normalized = try? Normalization.minmax.normalize(a.matrix) else { return nil }
        let index = Dictionary(uniqueKeysWithValues: a.matrix.alternatives.enumerated().map { ($1, $0) })
        let columns = a.matrix.criteria.map { label in r.criteria.firstIndex { $0.label == label } }
        let front = Set(firstFront(a.matrix).map { a.matrix.alternatives[$0] })
        let values = rows.map { row in
            columns.enumerated().map { j, k -> Double? in
                guard let i = index[row.candidate.id], let k, !row.values[k].isFillOrUnknown else { return nil }
                return normalized[i][j]
            }
        }
        let labels = zip(a.matrix.criteria, a.weights).map { "\($0) (\(formatForDisplay($1, significant: 2)))" }
        let chart = ReportChart.rendering { width in
            var chart = HeatmapChart(title: "\(r.profile.name): what each candidate brings", rowLabels: rows.map(\.candidate.id),
                                     columnLabels: labels, values: values)
            chart.columnTitle = "Criterion (weight)"
            chart.colorBarTitle = "Normalised"
            chart.missingText = "?"
            chart.blanksZero = false
            chart.missingName = "unknown (scored at the worst of its range)"
            chart.extraColumns = [.init(title: "Pareto front", texts: rows.map { front.contains($0.candidate.id) ? "yes" : "" })]
            chart.cellHeight = 22
            chart.width = width
            return chart.render()
        }
        var caption = "Each ranked candidate's value of each weighted criterion, min–max normalised over the \(formatGrouped(r.rows.count)) ranked candidates "
            + "(1: the best value, 0: the worst; a target criterion by its desirability), the weight in brackets; hatched “?”: no data, scored at the worst end of the plausible range. "
            + "Pareto front: not dominated on all \(a.matrix.criteria.count) weighted criteria together (\(front.count) of \(formatGrouped(a.matrix.rowCount)) candidates)."
        if r.rows.count > rows.count { caption += " The top \(rows.count) of the ranking, in rank order." }
        return (chart, caption)
    }

    /// The non-dominated alternatives (Pareto front 1), in row order. Rows are visited in
    /// lexicographic order of their values (better first), where no row can be dominated by
    /// a later one, so each is compared only with the front found so far: O(n log n + n·f·m)
    /// for a front of f, instead of the O(n²·m) of a full non-dominated sort.
    static func firstFront(_ matrix: DecisionMatrix) -> [Int] {
        let signed = matrix.values.map { row in zip(row, matrix.types).map { $0 * $1.sign } }
        let order = signed.indices.sorted { a, b in
            for j in matrix.types.indices where signed[a][j] != signed[b][j] { return signed[a][j] > signed[b][j] }
            return a < b
        }
        var front: [Int] = []
        for i in order where !front.contains(where: { Pareto.dominates(matrix.values[$0], matrix.values[i], types: matrix.types) }) {
            front.append(i)
        }
        return front.sorted()
    }
}
