import Foundation
import SVGCharts
import ScreenCore
import ScreenDecision
import ScreenRegression
import ScreenScoring
import ScreenSensitivity
import ScreenStore

extension ReportCharts {
    /// Ranks shown one by one in the acceptability heat map (wide, narrow); the last column
    /// holds every lower rank, so each row sums to 1.
    static let acceptabilityRanks = (wide: 10, narrow: 5)

    /// 4. SMAA-2 rank acceptability heat map: for the candidates most often first, the share of
    /// samples in which each takes rank 1, 2, …, k, and in the last column any rank below k
    /// (so each row sums to 1 and a candidate that is rarely near the top shows it), with the
    /// mean rank and the confidence factor beside.
    ///
    /// - Returns: nil without an SMAA run.
    /// - Complexity: O(r·k) for r rows.
    static func acceptability(_ a: ProfileAnalysis, limit: Int = 15) -> (chart: ReportChart, caption: String)? {
        guard let s = a.smaa, let computed = s.rankAcceptability.first?.count, computed > 0 else { return nil }
        let order = Array(s.orderByAcceptability.prefix(limit))
        let n = s.alternatives.count
        func columns(_ k: Int) -> (labels: [String], values: [[Double?]]) {
            let ranks = min(k, computed, n)
            let below = ranks < n
            let rest = ranks + 1 == n ? "\(n)" : n < 1000 ? "\(ranks + 1)–\(n)" : "≥ \(ranks + 1)"
            return ((1...ranks).map(String.init) + (below ? [rest] : []),
                    order.map { i in s.rankAcceptability[i].prefix(ranks).map { Optional($0) } + (below ? [s.acceptabilityBelow(ranks, i)] : []) })
        }
        let chart = ReportChart.rendering { width in
            let (labels, values) = columns(ReportChart.isNarrow(width) ? acceptabilityRanks.narrow : acceptabilityRanks.wide)
            var chart = HeatmapChart(title: "\(a.result.profile.name): SMAA-2 rank acceptability", rowLabels: order.map { s.alternatives[$0] },
                                     columnLabels: labels, values: values)
            chart.extraColumns = [.init(title: "mean rank", texts: order.map { String(format: "%.1f", s.meanRank[$0]) }),
                                  .init(title: "confidence", texts: order.map { i in s.confidenceFactors[i].map { String(format: "%.2f", $0) } ?? "–" })]
            chart.width = width
            return chart.render()
        }
        let k = min(acceptabilityRanks.wide, computed, n)
        var caption = "Share of \(s.samples) SMAA-2 samples (\(a.smaaWeightModel)) in which each candidate takes each rank"
            + (k < n ? "; the last column is any rank below \(k) (below 5 on a phone), so each row sums to 1" : "; each row sums to 1")
            + "; mean rank over the samples; confidence: share of value samples in which it ranks first at its central weights."
        if n > order.count { caption += " The \(order.count) of \(formatGrouped(n)) candidates most often first (all of them in the JSON)." }
        return (chart, caption)
    }

    /// 5. Rank against the weight of the criterion whose sweep changes the top the most.
    static func sweep(_ a: ProfileAnalysis) throws -> (chart: ReportChart, caption: String)? {
        guard let sweep = a.sweep, let most = sweep.sweeps.max(by: { ($0.reversals.count, $1.criterion) < ($1.reversals.count, $0.criterion) }),
              let j = a.matrix.criteria.firstIndex(of: most.criterion) else { return nil }
        let method = try a.result.rankingMethod()
        let grid = (0...100).map { Double($0) / 100 }
        var followed: [Int] = []
        for segment in most.segments { for id in segment.top { if let i = a.matrix.alternatives.firstIndex(of: id), !followed.contains(i) { followed.append(i) } } }
        followed = Array(followed.prefix(7))
        // Only the followed candidates' ranks: 1 + the number scoring strictly better (as
        // `Ranking.ranks`, so ties share a rank and their lines meet), O(n) each instead of
        // ranking all n at every grid point.
        let prepared = try PreparedScores(matrix: a.matrix, method: method)
        let higher = type(of: method).higherIsBetter
        let ranks = try grid.map { t in
            let scores = try prepared.scores(WeightSweep.weights(a.weights, sweeping: j, to: t))
            return followed.map { RankingSobol.rank(of: $0, in: scores, higherIsBetter: higher) }
        }
        let series = followed.enumerated().map { k, i in LineChart.Series(name: a.matrix.alternatives[i], x: grid, y: ranks.map { Double($0[k]) }) }
        // Many reversals (thousands of candidates): only the changes of first place are marked.
        let firstOnly = most.reversals.count > maximumMarkedReversals
        let marked = firstOnly ? most.reversals.filter { $0.position == 1 } : most.reversals
        var positions: [Double] = []
        for r in marked where !positions.contains(r.weight) { positions.append(r.weight) }
        let chart = ReportChart.rendering { width in
            var chart = LineChart.rankSweep(title: "\(a.result.profile.name): rank against the weight of \(most.criterion)",
                                            xAxis: .linear(ChartText("weight of \(most.criterion)"), domain: 0...1), series: series,
                                            reversals: positions.map { .init(x: $0, label: String(format: "%.3f", $0)) })
            chart.width = width
            if ReportChart.isNarrow(width) {
                // No room for names at the line ends: the legend under the plot names the lines.
                chart.labelsLineEnds = false
                chart.height = 460
            }
            return chart.render()
        }
        let lines = firstOnly
            ? "vertical lines: the changes of first place (\(marked.count) of the \(most.reversals.count) reversals in the top \(sweep.topK), all of them in the JSON)"
            : "vertical lines: the rank reversals"
        return (chart, "Rank of the candidates that reach the top \(sweep.topK) as the weight of \(most.criterion) goes from 0 to 1 (others in proportion); tied candidates share a rank; \(lines) (\(sweep.exact ? "exact crossings" : "bisected"); base weight \(String(format: "%.3f", most.baseWeight))).")
    }

    /// Above this many reversals the sweep chart marks only the changes of first place.
    static let maximumMarkedReversals = 8

    /// 6. A regression panel.
    static func regression(_ r: ProfileAnalysis.Relation) -> (chart: ReportChart, caption: String) {
        let title = axisTitle
        // A fit has one term per design column, and a design has at least one.
        let slope = r.fit.terms.last!
        let chart = ReportChart.rendering { width in
            var panel = RegressionPanel(title: "\(title(r.yName)) against \(title(r.xName))",
                                        xAxis: .linear(ChartText(title(r.xName))),
                                        yAxis: .linear(ChartText(title(r.yName))),
                                        observations: zip(zip(r.x, r.y), r.labels).map { .init(x: $0.0, y: $0.1, label: $1) })
            panel.curve = .init(x: r.grid, fit: r.predictions.map(\.fitted),
                                confidence: (r.predictions.map(\.meanLow), r.predictions.map(\.meanHigh)),
                                prediction: (r.predictions.map(\.predictionLow), r.predictions.map(\.predictionHigh)))
            panel.annotation = ["n = \(r.fit.n), R² = \(String(format: "%.3f", r.fit.r2 ?? .nan))",
                                "slope \(formatForDisplay(slope.estimate, significant: 3)) ± \(formatForDisplay(slope.standardError, significant: 2)) (p = \(String(format: "%.3g", slope.p ?? .nan)))"]
            panel.width = width
            return panel.render()
        }
        return (chart, "\(r.formula) by ordinary least squares on the candidates that have both values (a host without a value uses its phase's), with the 95 % confidence band of the mean and the 95 % prediction band; residuals below.")
    }

    /// A property name in words with its unit: "Na binding energy (eV)".
    static func axisTitle(_ name: String) -> String {
        var words = name.replacingOccurrences(of: "_", with: " ")
        if words.hasPrefix("na ") { words = "Na " + words.dropFirst(3) }
        let unit = PropertyCatalogue.property(named: name)?.canonicalUnit.symbol
        return unit.map { $0 == "1" ? words : "\(words) (\($0))" } ?? words
    }
}
