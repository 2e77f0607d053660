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

/// The six charts of a profile's report section, built from its analysis.
enum ReportCharts {
    /// 1. The ranking as horizontal bars split into the criteria's contributions (additive
    /// methods), or into weighted min–max normalised values (the others), which show the
    /// same trade-offs even when the method's score is not a sum.
    static func ranking(_ a: ProfileAnalysis, limit: Int = 20) -> (svg: String, caption: String)? {
        let r = a.result
        let active = a.matrix.criteria.compactMap { label in r.criteria.firstIndex { $0.label == label } }
        let rows = Array(r.rows.prefix(limit))
        guard !rows.isEmpty, !active.isEmpty else { return nil }
        let additive = rows.allSatisfy { $0.contributions != nil }
        var parts: [[Double]]
        if additive {
            parts = rows.map { row in active.map { row.contributions![$0] } }
        } else {
            guard let normalized = try? Normalization.minmax.normalize(a.matrix) else { return nil }
            let index = Dictionary(uniqueKeysWithValues: a.matrix.alternatives.enumerated().map { ($1, $0) })
            parts = rows.map { row in normalized[index[row.candidate.id]!].enumerated().map { $1 * a.weights[$0] } }
        }
        let chart = StackedBarChart(
            title: "\(r.profile.name): ranking (\(r.method))", criteria: a.matrix.criteria,
            bars: zip(rows, parts).map { StackedBarChart.Bar(label: $0.candidate.id, contributions: $1, total: $0.score) },
            valueTitle: additive ? "Contribution to the score" : "Weighted normalised value (min–max)")
        var caption = additive
            ? "Ranking by \(r.method): each bar is the candidate's score split into the contributions of the criteria; the number at its end is the score."
            : "Ranking by \(r.method): bars show each criterion's weighted min–max normalised value (what the candidate brings on each criterion); the number at the end is the \(r.method) score, which is not their sum."
        if r.rows.count > rows.count { caption += " The top \(rows.count) of \(ReportTables.grouped(r.rows.count)) ranked candidates." }
        return (chart.render(), caption)
    }

    /// 2. An Ashby-style property chart of the two criteria with the most data.
    static func properties(_ a: ProfileAnalysis) -> (svg: String, caption: String)? {
        let r = a.result
        let candidates = r.profile.criteria.indices.filter { j in
            if case .property = r.profile.criteria[j].source { return true } else { return false }
        }
        func known(_ v: CriterionValue?) -> Double? {
            guard let v, !v.isFillOrUnknown else { return nil }
            return v.raw
        }
        // The two most heavily weighted property criteria with at least three values each.
        let counts = candidates.map { j in (j, r.scope.filter { known($0.values[j]) != nil }.count) }.filter { $0.1 >= 3 }
            .sorted { (r.profile.criteria[$0.0].weight, $0.1, -$0.0) > (r.profile.criteria[$1.0].weight, $1.1, -$1.0) }
        guard counts.count >= 2 else { return nil }
        let (xj, yj) = (counts[0].0, counts[1].0)
        let xc = r.profile.criteria[xj], yc = r.profile.criteria[yj]
        let pairs = r.scope.compactMap { s -> (Candidate, Double, Double)? in
            guard let x = known(s.values[xj]), let y = known(s.values[yj]) else { return nil }
            return (s.candidate, x, y)
        }
        let onFront = Set(firstFront(a.matrix).map { a.matrix.alternatives[$0] })
        // At thousands of points only the leaders and the Pareto front are named; the markers
        // get smaller and translucent so that dense regions read as density.
        let many = pairs.count > labelAllUpTo
        let named: Set<String> = many ? Set(r.rows.prefix(labelledLeaders).map(\.candidate.id)).union(onFront) : []
        func axis(_ c: Criterion, _ values: [Double]) -> ChartAxisSpec {
            let title = ChartText(axisTitle(c.source.name))
            if let lo = values.min(), let hi = values.max(), lo > 0, hi / lo > 100 { return .log(title) }
            return .linear(title)
        }
        var limits: [ScatterChart.Limit] = []
        if let v = xc.minimum { limits.append(.init(.x, v, failing: .below, label: "\(xc.label) ≥ \(formatForDisplay(v)) \(xc.unit)")) }
        if let v = xc.maximum { limits.append(.init(.x, v, failing: .above, label: "\(xc.label) ≤ \(formatForDisplay(v)) \(xc.unit)")) }
        if let v = yc.minimum { limits.append(.init(.y, v, failing: .below, label: "\(yc.label) ≥ \(formatForDisplay(v)) \(yc.unit)")) }
        if let v = yc.maximum { limits.append(.init(.y, v, failing: .above, label: "\(yc.label) ≤ \(formatForDisplay(v)) \(yc.unit)")) }
        var chart = ScatterChart(title: "\(r.profile.name): \(yc.label) against \(xc.label)",
                                 xAxis: axis(xc, pairs.map(\.1)), yAxis: axis(yc, pairs.map(\.2)),
                                 points: pairs.map { .init(x: $1, y: $2, label: !many || named.contains($0.id) ? $0.id : nil,
                                                           category: $0.category.rawValue, isHighlighted: onFront.contains($0.id)) },
                                 limits: limits)
        if many {
            chart.markerSize = 5
            chart.markerOpacity = 0.45
            chart.markerOutline = false
            chart.tooltipsOnAllPoints = false
            // The front is over all weighted criteria, not these two: a staircase through it
            // would cross the cloud; rings alone mark it.
            chart.highlightConnection = .none
        }
        var caption = "Property chart of the candidates with both values (combined measurements, canonical units), coloured by category; hard limits drawn with the failing side shaded; ringed: the Pareto front of the ranked candidates on all weighted criteria."
        if many { caption += " All \(ReportTables.grouped(pairs.count)) candidates with both values are drawn; only the top \(labelledLeaders) of the ranking and the Pareto front are named." }
        return (chart.render(), caption)
    }

    /// Up to this many points every point of the property chart is named.
    static let labelAllUpTo = 60
    /// Above it, the leading candidates named (with the Pareto front).
    static let labelledLeaders = 10

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

    /// 3. SMAA rank acceptability heat map with confidence factors.
    static func acceptability(_ a: ProfileAnalysis, limit: Int = 15) -> (svg: String, caption: String)? {
        guard let s = a.smaa else { return nil }
        let order = Array(s.orderByAcceptability.prefix(limit))
        let ranks = min(s.rankAcceptability.first?.count ?? 0, 10)
        guard ranks > 0 else { return nil }
        // With more candidates than ranks shown, the last column holds every lower rank, so each row sums to 1.
        let below = ranks < s.alternatives.count
        var chart = HeatmapChart(title: "\(a.result.profile.name): SMAA-2 rank acceptability", rowLabels: order.map { s.alternatives[$0] },
                                 columnLabels: (1...ranks).map(String.init) + (below ? ["\(ranks + 1)+"] : []),
                                 values: order.map { i in s.rankAcceptability[i].prefix(ranks).map { Optional($0) } + (below ? [s.acceptabilityBelow(ranks, i)] : []) })
        chart.extraColumnTitle = "confidence"
        chart.extraColumn = order.map { i in s.confidenceFactors[i].map { String(format: "%.2f", $0) } ?? "–" }
        var caption = "Share of \(s.samples) SMAA-2 samples (\(a.smaaWeightModel)) in which each candidate takes each rank"
            + (below ? " (\(ranks + 1)+: any rank below \(ranks); each row sums to 1)" : "") + "; confidence: share of value samples in which it ranks first at its central weights."
        if s.alternatives.count > order.count { caption += " The \(order.count) of \(ReportTables.grouped(s.alternatives.count)) candidates most often first (all of them in the JSON)." }
        return (chart.render(), caption)
    }

    /// 4. Rank against the weight of the criterion whose sweep changes the top the most.
    static func sweep(_ a: ProfileAnalysis) throws -> (svg: String, caption: String)? {
        guard let sweep = a.sweep, let most = sweep.sweeps.max(by: { ($0.reversals.count, $1.criterion) < ($1.reversals.count, $0.criterion) }),
              let j = a.matrix.criteria.firstIndex(of: most.criterion) else { return nil }
        let method = try a.result.rankingMethod()
        let grid = (0...100).map { Double($0) / 100 }
        var followed: [Int] = []
        for segment in most.segments { for id in segment.top { if let i = a.matrix.alternatives.firstIndex(of: id), !followed.contains(i) { followed.append(i) } } }
        followed = Array(followed.prefix(7))
        // Only the followed candidates' ranks: 1 + the number scoring strictly better (as
        // `Ranking.ranks`), O(n) each instead of ranking all n at every grid point.
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
        let chart = LineChart.rankSweep(title: "\(a.result.profile.name): rank against the weight of \(most.criterion)",
                                        xAxis: .linear(ChartText("weight of \(most.criterion)"), domain: 0...1), series: series,
                                        reversals: positions.map { .init(x: $0, label: String(format: "%.3f", $0)) })
        let lines = firstOnly
            ? "vertical lines: the changes of first place (\(marked.count) of the \(most.reversals.count) reversals in the top \(sweep.topK), all of them in the JSON)"
            : "vertical lines: the rank reversals"
        return (chart.render(), "Rank of the candidates that reach the top \(sweep.topK) as the weight of \(most.criterion) goes from 0 to 1 (others in proportion); \(lines) (\(sweep.exact ? "exact crossings" : "bisected"); base weight \(String(format: "%.3f", most.baseWeight))).")
    }

    /// Above this many reversals the sweep chart marks only the changes of first place.
    static let maximumMarkedReversals = 8

    /// 5. A regression panel.
    static func regression(_ r: ProfileAnalysis.Relation) -> (svg: String, caption: String) {
        let title = axisTitle
        var panel = RegressionPanel(title: "\(title(r.yName)) against \(title(r.xName))",
                                    xAxis: .linear(ChartText(title(r.xName))),
                                    yAxis: .linear(ChartText(title(r.yName))),
                                    observations: zip(zip(r.x, r.y), r.labels).map { .init(x: $0.0, y: $0.1, label: $1) })
        panel.curve = .init(x: r.grid, fit: r.predictions.map(\.fitted),
                            confidence: (r.predictions.map(\.meanLow), r.predictions.map(\.meanHigh)),
                            prediction: (r.predictions.map(\.predictionLow), r.predictions.map(\.predictionHigh)))
        let slope = r.fit.terms.last!
        panel.annotation = ["n = \(r.fit.n), R² = \(String(format: "%.3f", r.fit.r2 ?? .nan))",
                            "slope \(formatForDisplay(slope.estimate, significant: 3)) ± \(formatForDisplay(slope.standardError, significant: 2)) (p = \(String(format: "%.3g", slope.p ?? .nan)))"]
        return (panel.render(), "\(r.formula) by ordinary least squares on the candidates that have both values (a host without a value uses its phase's), with the 95 % confidence band of the mean and the 95 % prediction band; residuals below.")
    }

    /// A property name in words with its unit: "Na binding energy (eV)".
    static func axisTitle(_ name: String) -> String {
        var words = name.replacingOccurrences(of: "_", with: " ")
        if words.hasPrefix("na ") { words = "Na " + words.dropFirst(3) }
        let unit = PropertyCatalogue.property(named: name)?.canonicalUnit.symbol
        return unit.map { $0 == "1" ? words : "\(words) (\($0))" } ?? words
    }

    /// 6. Which candidate has which data.
    static func coverage(_ a: ProfileAnalysis) -> (svg: String, caption: String)? {
        let r = a.result
        guard !r.scope.isEmpty else { return nil }
        let rankOf = Dictionary(uniqueKeysWithValues: r.rows.map { ($0.candidate.id, $0) })
        let all = r.scope.sorted { x, y in
            let rx = rankOf[x.candidate.id]?.rank ?? Int.max, ry = rankOf[y.candidate.id]?.rank ?? Int.max
            return (rx, x.candidate.id) < (ry, y.candidate.id)
        }
        // Large scopes: the rows shown in the ranking table; the caption counts the data of all.
        let limit = max(1, a.settings.shownRows)
        let ordered = all.count > limit ? Array(all.prefix(limit)) : all
        let cells = ordered.map { s in
            r.profile.criteria.enumerated().map { j, c -> CoverageMap.Cell in
                if let row = rankOf[s.candidate.id], let k = r.criteria.firstIndex(where: { $0.label == c.label }),
                   case .imputed = row.values[k].provenance { return .imputed }
                guard let v = s.values[j] else { return .missing }
                switch v.provenance {
                case .measured(let n, _), .inherited(_, let n, _): return n > 1 ? .multiple(n) : .measured
                case .imputed: return .imputed
                case .filled, .unknown: return .missing
                }
            }
        }
        let map = CoverageMap(title: "\(r.profile.name): data coverage", rowLabels: ordered.map { rankOf[$0.candidate.id] == nil ? "\($0.candidate.id) (excluded)" : $0.candidate.id },
                              columnLabels: r.profile.criteria.map(\.label), cells: cells)
        var caption = "Which candidate has which value: measured (or from its phase), several measurements (count), imputed, or missing; ranked candidates first, in rank order."
        if all.count > ordered.count {
            let counts = r.profile.criteria.enumerated().map { j, c in
                let known = r.scope.filter { s in
                    guard let v = s.values[j] else { return false }
                    return !v.isFillOrUnknown
                }.count
                return "\(c.label) \(ReportTables.grouped(known))"
            }
            caption += " Shown: the first \(ordered.count) of \(ReportTables.grouped(all.count)) candidates in scope. Candidates with a value, of all \(ReportTables.grouped(all.count)): " + counts.joined(separator: ", ") + "."
        }
        return (map.render(), caption)
    }
}
