import Foundation
import SVGCharts
import ScreenCore
import ScreenDecision
import ScreenScoring

extension ReportCharts {
    /// Fewest candidates with both values before two properties are drawn against each other:
    /// below it a scatter shows no relation, only the points (a table says as much).
    static let minimumPropertyPoints = 5
    /// Up to this many points every point of the property chart is named.
    static let labelAllUpTo = 60
    /// Above it, the leading candidates named (with the Pareto front).
    static let labelledLeaders = 10

    /// 3. An Ashby-style property chart: of the pairs of property criteria with values for at
    /// least `minimumPropertyPoints` candidates, the one with the most weight (then the most
    /// candidates), the heavier criterion across. Hard limits are drawn with the failing side
    /// shaded; the Pareto front of the ranked candidates is ringed. The front is over all the
    /// weighted criteria, so it is joined by a staircase only when those are exactly the two
    /// drawn, each to be maximised or minimised; otherwise the rings stand alone and the
    /// legend says over how many criteria the front is.
    ///
    /// - Returns: nil when the profile has fewer than two property criteria; a nil chart with
    ///   a caption saying why when no pair has enough candidates with both values.
    /// - Complexity: O(p²·n) for p property criteria and n candidates in scope.
    static func properties(_ a: ProfileAnalysis) -> (chart: ReportChart?, caption: String)? {
        let r = a.result
        let candidates = r.profile.criteria.indices.filter { j in
            if case .property = r.profile.criteria[j].source { return true } else { return false }
        }
        guard candidates.count >= 2 else { return nil }
        func known(_ v: CriterionValue?) -> Double? {
            guard let v, !v.isFillOrUnknown else { return nil }
            return v.raw
        }
        func both(_ x: Int, _ y: Int) -> [(Candidate, Double, Double)] {
            r.scope.compactMap { s in
                guard let vx = known(s.values[x]), let vy = known(s.values[y]) else { return nil }
                return (s.candidate, vx, vy)
            }
        }
        var pairs: [(x: Int, y: Int, count: Int)] = []
        for (k, i) in candidates.enumerated() {
            for j in candidates[(k + 1)...] {
                let (x, y) = r.profile.criteria[j].weight > r.profile.criteria[i].weight ? (j, i) : (i, j)
                pairs.append((x, y, both(x, y).count))
            }
        }
        func weight(_ p: (x: Int, y: Int, count: Int)) -> Double { r.profile.criteria[p.x].weight + r.profile.criteria[p.y].weight }
        let usable = pairs.filter { $0.count >= minimumPropertyPoints }
        guard let pair = usable.max(by: { (weight($0), $0.count, -$0.x, -$0.y) < (weight($1), $1.count, -$1.x, -$1.y) }) else {
            let best = pairs.max { ($0.count, weight($0)) < ($1.count, weight($1)) }!
            let names = both(best.x, best.y).map(\.0.id)
            let pc = r.profile.criteria
            return (nil, "No property chart: no two of the profile's property criteria are both known for \(minimumPropertyPoints) or more candidates "
                + "(the most, \(pc[best.x].label) with \(pc[best.y].label), for \(names.count)\(names.isEmpty ? "" : ": " + ChartLayout.list(names))), "
                + "too few to show how the two relate; the ranking table lists every value.")
        }
        let xc = r.profile.criteria[pair.x], yc = r.profile.criteria[pair.y]
        let points = both(pair.x, pair.y)
        let onFront = Set(firstFront(a.matrix).map { a.matrix.alternatives[$0] })
        // The staircase is the front only when the front is over exactly these two monotone criteria.
        let monotone = [xc, yc].allSatisfy { c in c.transform != .abs && { if case .target = c.goal { false } else { true } }() }
        let staircase = Set(a.matrix.criteria) == [xc.label, yc.label] && monotone
        let frontName = staircase ? "Pareto front" : "Pareto front (all \(a.matrix.criteria.count) weighted criteria)"
        // At thousands of points only the leaders and the Pareto front are named; the markers
        // get smaller and translucent so that dense regions read as density.
        let many = points.count > labelAllUpTo
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
        let chart = ReportChart.rendering { width in
            var chart = ScatterChart(title: "\(r.profile.name): \(yc.label) against \(xc.label)",
                                     xAxis: axis(xc, points.map(\.1)), yAxis: axis(yc, points.map(\.2)),
                                     points: points.map { .init(x: $1, y: $2, label: !many || named.contains($0.id) ? $0.id : nil,
                                                                category: $0.category.rawValue, isHighlighted: onFront.contains($0.id)) },
                                     limits: limits)
            chart.width = width
            if ReportChart.isNarrow(width) { chart.height = 420 }
            chart.highlightName = frontName
            chart.highlightConnection = staircase ? (xc.goal == .max ? .stepVerticalFirst : .stepHorizontalFirst) : .none
            if many {
                chart.markerSize = 5
                chart.markerOpacity = 0.45
                chart.markerOutline = false
                chart.tooltipsOnAllPoints = false
            }
            return chart.render()
        }
        var caption = "Property chart of the \(points.count) candidates with both values (combined measurements, canonical units), coloured by category; hard limits drawn with the failing side shaded; "
        caption += staircase
            ? "ringed and joined: the Pareto front of the ranked candidates on these two criteria."
            : "ringed: the Pareto front of the ranked candidates on all \(a.matrix.criteria.count) weighted criteria, which two axes cannot show as a line"
                + (r.rows.allSatisfy { $0.contributions != nil } ? "." : " (the chart of what each candidate brings marks it beside every criterion).")
        if many { caption += " All \(formatGrouped(points.count)) candidates with both values are drawn; only the top \(labelledLeaders) of the ranking and the Pareto front are named." }
        return (chart, caption)
    }
}
