/// The tables of a profile's report section.
enum ReportTables {
    /// Rank, candidate, score and each criterion's value in its unit; marks: * imputed,
    /// ^ from the candidate's phase, ~ filled by the missing-value policy.
    static func ranking(_ r: ScreeningResult) -> ReportDocument.Block {
        let header = ["Rank", "Candidate", "Category", "Score"] + r.criteria.map { "\($0.label) (\($0.unit))" } + ["Coverage"]
        let rows = r.rows.map { row in
            [String(row.rank), row.candidate.id, row.candidate.category.rawValue, formatForDisplay(row.score, significant: 4)]
                + row.values.map(ScreeningResult.cell) + ["\(Int((row.coverage * 100).rounded())) %"]
        }
        return .table(header: header, rows: rows, alignments: [.right, .left, .left, .right] + r.criteria.map { _ in .right } + [.right],
                      caption: "Ranking (\(r.method), \(r.normalization)); * imputed, ^ from the candidate's phase, ~ filled (no data)")
    }

    static func excluded(_ r: ScreeningResult) -> ReportDocument.Block? {
        guard !r.excluded.isEmpty else { return nil }
        return .table(header: ["Candidate", "Category", "Criterion", "Reason"],
                      rows: r.excluded.map { [$0.candidate.id, $0.candidate.category.rawValue, $0.criterion ?? "", $0.reason] },
                      alignments: [.left, .left, .left, .left], caption: "Candidates removed by hard limits or missing data")
    }

    /// Every number behind the ranked values, with its method and source.
    static func provenance(_ r: ScreeningResult) -> ReportDocument.Block {
        var rows: [[String]] = []
        for row in r.rows {
            for (k, c) in r.criteria.enumerated() {
                let v = row.values[k]
                switch v.provenance {
                case .filled(let policy):
                    rows.append([row.candidate.id, c.label, formatForDisplay(v.raw, significant: 4), c.unit, "no data: filled (\(policy))", "—", ""])
                case .imputed(let model, let lo, let hi):
                    rows.append([row.candidate.id, c.label, formatForDisplay(v.raw, significant: 4), c.unit,
                                 "imputed: \(model), 95 % PI \(formatForDisplay(lo, significant: 3))…\(formatForDisplay(hi, significant: 3))", "fitted relation", ""])
                case .measured, .inherited:
                    for e in v.evidence {
                        let via = e.candidate == row.candidate.id ? "" : " (phase \(e.candidate))"
                        rows.append([row.candidate.id, c.label, formatForDisplay(e.value, significant: 6), c.unit, e.method + via, e.source, e.location ?? ""])
                    }
                }
            }
        }
        return .table(header: ["Candidate", "Criterion", "Value", "Unit", "Method", "Source", "Where"], rows: rows,
                      alignments: [.left, .left, .right, .left, .left, .left, .left],
                      caption: "Provenance: every value behind the ranking (sources in brackets are the review's reference numbers)")
    }
}
