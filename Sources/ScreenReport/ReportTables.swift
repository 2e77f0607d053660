import SVGCharts
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenSensitivity
import ScreenStore
import ScreenThermodynamics
/// The tables of a profile's report section.
enum ReportTables {
    /// Rank, candidate, score and each criterion's value in its unit; marks: * imputed,
    /// ^ from the candidate's phase, ~ filled by the missing-value policy, ? unknown.
    /// Shows the first `limit` rows (all when nil).
    static func ranking(_ r: ScreeningResult, limit: Int? = nil) -> ReportDocument.Block {
        let shownRows = r.rows.prefix(limit ?? r.rows.count)
        // Database ids (mp-…) say nothing to a reader: the formula goes beside them when most ids are such.
        let showFormula = ScreeningResult.idsAreMostlyNotFormulas(shownRows)
        let header = ["Rank", "Candidate"] + (showFormula ? ["Formula"] : []) + ["Category", "Score"]
            + r.criteria.map { "\($0.label) (\($0.unit))" } + ["Coverage"]
        let rows = shownRows.map { row in
            [String(row.rank), row.candidate.id] + (showFormula ? [row.candidate.formula ?? ""] : [])
                + [row.candidate.category.rawValue, formatForDisplay(row.score, significant: 4)]
                + row.values.map(ScreeningResult.cell) + ["\(Int((row.coverage * 100).rounded())) %"]
        }
        let joined = r.scopeInfo.settings.join == .formula || r.scopeInfo.settings.polymorphs == .aggregate
        return .table(header: header, rows: rows,
                      alignments: [.right, .left] + (showFormula ? [.left] : []) + [.left, .right] + r.criteria.map { _ in .right } + [.right],
                      caption: "Ranking (\(r.method), \(r.normalization)); * imputed, ^ from the candidate's phase, ~ filled (no data), ? unknown (shown as what it was scored: the worst end of its plausible range; SMAA samples the whole range)"
                          + (joined ? ", = joined or pooled by reduced formula" : ""))
    }

    /// The line under a ranking table that shows only its first rows.
    static func rankingExtent(_ r: ScreeningResult, shown: Int, csv: String) -> ReportDocument.Block? {
        guard r.rows.count > shown else { return nil }
        return .paragraph([.text("Top \(shown) of \(formatGrouped(r.rows.count)) ranked candidates; the full ranking is in "), .code(csv), .text(".")])
    }

    /// The removed candidates: one group per criterion and kind of reason ("no value of
    /// band_gap", "below the limit 3 eV", …), in order of first appearance.
    static func exclusionGroups(_ r: ScreeningResult) -> [(criterion: String, reason: String, members: [ScreeningResult.Exclusion])] {
        var order: [String] = []
        var groups: [String: (String, String, [ScreeningResult.Exclusion])] = [:]
        for e in r.excluded {
            let criterion = e.criterion ?? "", reason = reasonKind(e.reason)
            let key = criterion + "\u{1F}" + reason
            if groups[key] == nil { order.append(key); groups[key] = (criterion, reason, []) }
            // `groups[key]` was set just above if it was missing; `order` lists only keys of `groups`.
            groups[key]!.2.append(e)
        }
        return order.map { groups[$0]! }.map { (criterion: $0.0, reason: $0.1, members: $0.2) }
    }

    /// A removal reason without the candidate's own value: "band_gap = 0.2 eV (measured) is
    /// below the limit 3 eV" → "below the limit 3 eV"; "no value of x, and …" → "no value of x, and …".
    static func reasonKind(_ reason: String) -> String {
        for marker in [" is below the limit ", " is above the limit "] {
            if let range = reason.range(of: marker) {
                return String(reason[reason.index(after: range.lowerBound)...].dropFirst(3))
            }
        }
        if let range = reason.range(of: " = "), reason.hasSuffix(" is undefined") {
            return String(reason[..<range.lowerBound]) + " is undefined"
        }
        return reason
    }

    /// A summary of the removed candidates by criterion and reason with their counts, and a
    /// list of at most `perReason` candidates of each group (all of them in the JSON).
    static func excluded(_ r: ScreeningResult, perReason: Int = .max, json: String? = nil) -> [ReportDocument.Block] {
        guard !r.excluded.isEmpty else { return [] }
        let groups = exclusionGroups(r)
        var blocks: [ReportDocument.Block] = []
        blocks.append(.table(header: ["Criterion", "Reason", "Candidates"],
                             rows: groups.map { [$0.criterion.isEmpty ? "—" : $0.criterion, $0.reason, formatGrouped($0.members.count)] },
                             alignments: [.left, .left, .right],
                             caption: "Candidates removed by hard limits or missing data: \(formatGrouped(r.excluded.count)) of \(formatGrouped(r.scope.count)), by reason"))
        var rows: [[String]] = []
        var cut = false
        for g in groups {
            for e in g.members.prefix(perReason) {
                rows.append([e.candidate.id, e.candidate.category.rawValue, e.criterion ?? "", e.reason])
            }
            if g.members.count > perReason { cut = true }
        }
        let caption = cut
            ? "Removed candidates: the first \(perReason) of each reason" + (json.map { " (all \(formatGrouped(r.excluded.count)) in \($0))" } ?? "")
            : "Removed candidates"
        blocks.append(.table(header: ["Candidate", "Category", "Criterion", "Reason"], rows: rows,
                             alignments: [.left, .left, .left, .left], caption: caption))
        return blocks
    }


    /// Every number behind the ranked values of the first `limit` rows, with its method and source.
    static func provenance(_ r: ScreeningResult, limit: Int? = nil) -> ReportDocument.Block {
        var rows: [[String]] = []
        for row in r.rows.prefix(limit ?? r.rows.count) {
            for (k, c) in r.criteria.enumerated() {
                let v = row.values[k]
                switch v.provenance {
                case .filled(let policy):
                    rows.append([row.candidate.id, c.label, formatForDisplay(v.raw, significant: 4), c.unit, "no data: filled (\(policy))", "", "—", ""])
                case .unknown(let lo, let hi, let origin):
                    rows.append([row.candidate.id, c.label, "unknown", c.unit,
                                 "no data: scored as \(formatForDisplay(v.raw, significant: 4)), the worst of the plausible range \(formatForDisplay(lo, significant: 4))–\(formatForDisplay(hi, significant: 4))",
                                 "", origin, ""])
                case .imputed(let model, let lo, let hi):
                    rows.append([row.candidate.id, c.label, formatForDisplay(v.raw, significant: 4), c.unit,
                                 "imputed: \(model), 95 % PI \(formatForDisplay(lo, significant: 3))…\(formatForDisplay(hi, significant: 3))", ValueKind.imputed.rawValue, "fitted relation", ""])
                case .measured, .inherited:
                    for e in v.evidence {
                        let via = e.candidate == row.candidate.id ? "" : " (phase \(e.candidate))"
                        rows.append([row.candidate.id, c.label, formatForDisplay(e.value, significant: 6), c.unit, e.method + via, e.kind.rawValue, e.source, e.location ?? ""])
                    }
                }
            }
        }
        return .table(header: ["Candidate", "Criterion", "Value", "Unit", "Method", "Kind", "Source", "Where"], rows: rows,
                      alignments: [.left, .left, .right, .left, .left, .left, .left, .left],
                      caption: (limit.map { $0 < r.rows.count ? "Provenance of the top \($0) rows of the ranking (the full ranking's sources are in the JSON)" : nil } ?? nil)
                        ?? "Provenance: every value behind the ranking (sources in brackets are the review's reference numbers)")
    }
}
