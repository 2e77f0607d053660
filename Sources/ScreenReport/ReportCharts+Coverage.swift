import Foundation
import SVGCharts
import ScreenCore
import ScreenScoring

extension ReportCharts {
    /// 7. Which candidate has which data: the ranked candidates in rank order, then the
    /// excluded ones that have at least one value, at most `limit` rows. Candidates without a
    /// single value of any criterion would be rows of empty boxes; the caption names them
    /// instead, and counts every criterion's values over the whole scope when rows are cut.
    ///
    /// - Returns: nil for an empty scope.
    /// - Complexity: O(n·c) for n candidates in scope and c criteria.
    static func coverage(_ a: ProfileAnalysis, limit: Int = chartRows) -> (chart: ReportChart, caption: String)? {
        let r = a.result
        guard !r.scope.isEmpty else { return nil }
        let rankOf = Dictionary(uniqueKeysWithValues: r.rows.map { ($0.candidate.id, $0) })
        func cell(_ s: (candidate: Candidate, values: [CriterionValue?]), _ j: Int) -> CoverageMap.Cell {
            let c = r.profile.criteria[j]
            if let row = rankOf[s.candidate.id], let k = r.criteria.firstIndex(where: { $0.label == c.label }),
               case .imputed = row.values[k].provenance { return .imputed }
            guard let v = s.values[j] else { return .missing }
            switch v.provenance {
            case .measured(let n, _), .inherited(_, let n, _): return n > 1 ? .multiple(n) : .measured
            case .imputed: return .imputed
            case .filled, .unknown: return .missing
            }
        }
        let all = r.scope.sorted { x, y in
            let rx = rankOf[x.candidate.id]?.rank ?? Int.max, ry = rankOf[y.candidate.id]?.rank ?? Int.max
            return (rx, x.candidate.id) < (ry, y.candidate.id)
        }
        let cells = all.map { s in r.profile.criteria.indices.map { cell(s, $0) } }
        let empty = all.indices.filter { i in rankOf[all[i].candidate.id] == nil && cells[i].allSatisfy { $0 == .missing } }
        let drawable = all.indices.filter { !empty.contains($0) }
        let shown = Array(drawable.prefix(max(1, limit)))
        let chart = ReportChart.rendering { width in
            var map = CoverageMap(title: "\(r.profile.name): data coverage",
                                  rowLabels: shown.map { rankOf[all[$0].candidate.id] == nil ? "\(all[$0].candidate.id) (excluded)" : all[$0].candidate.id },
                                  columnLabels: r.profile.criteria.map(\.label), cells: shown.map { cells[$0] })
            map.maxWidth = width
            return map.render()
        }
        var caption = "Which candidate has which value: measured (or from its phase), several measurements (count), imputed, or missing; ranked candidates first, in rank order, then excluded ones with some data."
        if !empty.isEmpty {
            let names = empty.map { all[$0].candidate.id }
            caption += " Not drawn: \(formatGrouped(names.count)) excluded candidate\(names.count == 1 ? "" : "s") without any value of the profile's criteria"
                + (names.count <= 30 ? " (\(ChartLayout.list(names)))." : ".")
        }
        if drawable.count > shown.count {
            let counts = r.profile.criteria.indices.map { j in
                "\(r.profile.criteria[j].label) \(formatGrouped(cells.filter { $0[j] != .missing }.count))"
            }
            caption += " Shown: the first \(shown.count) of \(formatGrouped(drawable.count)) candidates with data. Candidates with a value, of all \(formatGrouped(all.count)) in scope: " + counts.joined(separator: ", ") + "."
        }
        return (chart, caption)
    }
}
