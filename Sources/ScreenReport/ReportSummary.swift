import SVGCharts
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenSensitivity
import ScreenStore
import ScreenThermodynamics
/// A few sentences at the top of a profile's section: what ranked first, how robust that
/// is, and where the data are thin.
enum ReportSummary {
    static func sentences(_ a: ProfileAnalysis) -> [String] {
        let r = a.result
        var out: [String] = []
        guard let first = r.rows.first else { return ["No candidate could be ranked."] }
        let tied = r.rows.filter { $0.rank == 1 }.map(\.candidate.id)
        out.append("\(tied.joined(separator: " and ")) rank\(tied.count == 1 ? "s" : "") first of \(r.rows.count) candidates with \(r.method) at the profile's weights" +
                   (r.rows.count > 1 ? ", followed by \(r.rows.dropFirst(tied.count).prefix(2).map(\.candidate.id).joined(separator: " and "))." : "."))
        if let s = a.smaa {
            let order = s.orderByAcceptability.filter { s.rankAcceptability[$0][0] > 0 }
            let shares = order.prefix(3).map { "\(s.alternatives[$0]) in \(percent(s.rankAcceptability[$0][0]))" }
            var sentence = "Over \(s.samples) SMAA-2 samples (\(a.smaaWeightModel)) the first place goes to " + shares.joined(separator: ", ")
            if order.count > 3 { sentence += " and \(order.count - 3) others" }
            sentence += "."
            out.append(sentence)
            if let i = s.index(of: first.candidate.id) {
                out.append("\(first.candidate.id) ranks between \(formatForDisplay(s.rankPercentile5[i].rounded())) and \(formatForDisplay(s.rankPercentile95[i].rounded())) in 90 % of the samples (mean rank \(formatForDisplay(s.meanRank[i], significant: 3))).")
            }
        }
        if let sobol = a.sobol, let o = sobol.output(named: "rank: \(first.candidate.id)"), !o.isConstant,
           let j = o.total.indices.max(by: { o.total[$0] < o.total[$1] }) {
            let name = sobol.inputNames[j].replacingOccurrences(of: "weight: ", with: "")
            out.append("Its position depends most on the weight of \(name) (total Sobol' index \(formatForDisplay(o.total[j], significant: 2))).")
        }
        if let sweep = a.sweep {
            let stability = sweep.sweeps.map { "\($0.criterion) \(formatForDisplay($0.stabilityLow, significant: 2))–\(formatForDisplay($0.stabilityHigh, significant: 2))" }
            out.append("It stays first while each weight moves alone within: " + stability.joined(separator: "; ") + ".")
        }
        var thin: [String] = []
        let dropped = r.profile.criteria.filter { c in c.weight > 0 && !r.criteria.contains { $0.label == c.label } }.map(\.label)
        if !dropped.isEmpty { thin.append("\(dropped.joined(separator: ", ")) could not discriminate (no variation among the remaining candidates) and was left out") }
        for (k, c) in r.criteria.enumerated() where c.weight > 0 {
            let filled = r.rows.filter { $0.values[k].isFillOrUnknown }.count
            if filled * 2 > r.rows.count { thin.append("\(c.label) is known for only \(r.rows.count - filled) of \(r.rows.count) ranked candidates") }
        }
        if !r.excluded.isEmpty {
            let byCriterion = Dictionary(grouping: r.excluded, by: { $0.criterion ?? "other" }).map { "\($0.value.count) by \($0.key)" }.sorted()
            thin.append("\(r.excluded.count) of \(r.scope.count) candidates were excluded (\(byCriterion.joined(separator: ", ")))")
        }
        if !thin.isEmpty { out.append("Thin data: " + thin.joined(separator: "; ") + ".") }
        return out
    }

    static func percent(_ x: Double) -> String { "\(formatForDisplay((x * 1000).rounded() / 10)) %" }
}
