import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics
/// The ranking as a terminal table and JSON. JSON: `method`, `normalization`, `weights` (by
/// criterion), `alternatives` (best first: `id`, `score`, `rank`, per-criterion values with
/// provenance), `excluded` (with reasons), `warnings`, and `scope` (composition filter,
/// polymorph policy, join rule and their counts).
extension ScreeningResult {
    /// - Parameter top: only the first `top` ranked candidates (nil: all); `ranked` says how many there are.
    public func json(top: Int? = nil) -> JSONValue {
        let rows = top.map { Array(self.rows.prefix($0)) } ?? self.rows
        return .object([
            ("profile", .string(profile.name)),
            ("ranked", .integer(self.rows.count)),
            ("method", .string(method)),
            ("normalization", .string(normalization)),
            ("higher_is_better", .bool(higherIsBetter)),
            ("scope", scopeJSON()),
            ("weights", .object(zip(criteria, weights).map { ($0.label, .number($1)) })),
            ("criteria", .array(criteria.map { c in
                .object([("label", .string(c.label)), ("source", .string(c.source.name)), ("goal", .string(goalText(c))),
                         ("unit", .string(c.unit)), ("transform", .string(c.transform.rawValue)),
                         ("min", .number(c.minimum)), ("max", .number(c.maximum)), ("missing", .string(c.missing.name)),
                         ("basis", .string(c.basis))])
            })),
            ("alternatives", .array(rows.map { row in
                .object([
                    ("id", .string(row.candidate.id)), ("name", .string(row.candidate.name)),
                    ("formula", .string(row.candidate.formula)), ("entries", .array(entries(of: row.candidate.id).map { .string($0) })),
                    ("category", .string(row.candidate.category.rawValue)),
                    ("score", .number(row.score)), ("rank", .integer(row.rank)), ("coverage", .number(row.coverage)),
                    ("values", .object(criteria.indices.map { j in
                        let v = row.values[j]
                        // An unknown value has no value: what it was scored as is `scored_as`.
                        let unknown: Bool = if case .unknown = v.provenance { true } else { false }
                        var fields: [(String, JSONValue)] = [("value", unknown ? .null : .number(v.raw)), ("matrix_value", .number(row.matrixValues[j])),
                                                            ("normalized", .number(row.normalized?[j])),
                                                            ("contribution", .number(row.contributions?[j])),
                                                            ("provenance", .string(v.label))]
                        switch v.provenance {
                        case .measured(_, let sources): fields.append(("sources", .array(sources.map { .string($0) })))
                        case .inherited(let phase, _, let sources):
                            fields.append(("phase", .string(phase)))
                            fields.append(("sources", .array(sources.map { .string($0) })))
                        case .imputed(let model, let lo, let hi):
                            fields.append(("imputed", .bool(true)))
                            fields.append(("model", .string(model)))
                            fields.append(("pi_low", .number(lo)))
                            fields.append(("pi_high", .number(hi)))
                        case .filled: break
                        case .unknown(let lo, let hi, let origin):
                            fields.append(("unknown", .bool(true)))
                            fields.append(("scored_as", .number(v.raw)))
                            fields.append(("plausible_low", .number(lo)))
                            fields.append(("plausible_high", .number(hi)))
                            fields.append(("plausible_range", .string(origin)))
                        }
                        if let join = v.join {
                            fields.append(("joined", .object([("kind", .string(join.kind.rawValue)), ("reduced_formula", .string(join.reducedFormula)),
                                                              ("ids", .array(join.ids.map { .string($0) }))])))
                        }
                        return (criteria[j].label, .object(fields))
                    })),
                ])
            })),
            ("excluded", .array(excluded.map { e in
                .object([("id", .string(e.candidate.id)), ("criterion", .string(e.criterion)), ("reason", .string(e.reason))])
            })),
            ("warnings", .array(warnings.map { .string($0) })),
            ("notices", .array(profile.notices.map { .string($0) })),
        ])
    }

    /// One row per ranked candidate: rank, id, score, and each criterion's value and provenance
    /// (the first `top` only, when given).
    public func csv(top: Int? = nil) throws -> String {
        let rows = top.map { Array(self.rows.prefix($0)) } ?? self.rows
        let header = ["rank", "id", "name", "formula", "entries", "category", "score", "coverage"] + criteria.flatMap { ["\($0.label) [\($0.unit)]", "\($0.label) provenance"] }
        let body = rows.map { r in
            [String(r.rank), r.candidate.id, r.candidate.name, r.candidate.formula ?? "", entries(of: r.candidate.id).joined(separator: " "),
             r.candidate.category.rawValue, formatNumber(r.score), formatNumber(r.coverage)]
                + r.values.flatMap { [formatNumber($0.raw), $0.label] }
        }
        return try CSVOutput.render(header: header, rows: body)
    }

    func goalText(_ c: Criterion) -> String {
        switch c.goal {
        case .max: "max"
        case .min: "min"
        case .target(let w):
            switch w.kind {
            case .twoSided: "target [\(formatForDisplay(w.idealLow)), \(formatForDisplay(w.idealHigh))] (zero at \(formatForDisplay(w.zeroLow)), \(formatForDisplay(w.zeroHigh)))"
            case .atLeast: "at least \(formatForDisplay(w.idealLow)) (full credit; zero at \(formatForDisplay(w.zeroLow)))"
            case .atMost: "at most \(formatForDisplay(w.idealHigh)) (full credit; zero at \(formatForDisplay(w.zeroHigh)))"
            }
        }
    }

    /// The `scope` object: the settings in effect and the counts.
    func scopeJSON() -> JSONValue {
        let s = scopeInfo, f = s.settings.filter
        return .object([
            ("categories", s.categories.map { .array($0.map { .string($0.rawValue) }) } ?? .null),
            ("filter", .object([("description", .string(f.description)),
                                ("contains", .array(f.contains.map { .string($0) })),
                                ("elements", f.elements.map { .array($0.map { .string($0) }) } ?? .null),
                                ("exclude", .array(f.exclude.map { .string($0) })),
                                ("min_elements", f.minElements.map { .integer($0) } ?? .null),
                                ("max_elements", f.maxElements.map { .integer($0) } ?? .null)])),
            ("polymorphs", .string(s.settings.polymorphs.rawValue)),
            ("join", .string(s.settings.join.rawValue)),
            ("candidates_in_categories", .integer(s.inCategories)),
            ("removed_by_filter", .integer(s.removedByFilter)),
            ("removed_without_formula", .integer(s.removedWithoutFormula)),
            ("entries_in_scope", .integer(s.entriesInScope)),
            ("rows", .integer(s.rows)),
            ("rows_ranked", .integer(rows.count)),
            ("rows_from_several_entries", .integer(s.rowsFromSeveralEntries)),
            ("values_joined_by_formula", .integer(s.valuesJoined)),
            ("entries_without_formula", .integer(s.withoutFormula)),
            ("notes", .array(scopeNotes.map { .string($0) })),
        ])
    }

    /// A value with a marker: * imputed, ^ from a phase, ~ filled by the missing-value policy, ? unknown,
    /// = joined by formula (or pooled over an aggregate row's entries).
    /// Whether most rows' ids are database ids rather than their formulas (mp-682 for NaF),
    /// so that tables should show the formula beside them.
    public static func idsAreMostlyNotFormulas(_ rows: ArraySlice<Row>) -> Bool {
        let differing = rows.filter { row in row.candidate.formula.map { $0 != row.candidate.id } ?? false }.count
        return differing * 2 > rows.count
    }

    /// A value for a table: four significant digits and its provenance mark (`CriterionValue.mark`).
    public static func cell(_ v: CriterionValue) -> String {
        formatForDisplay(v.raw, significant: 4) + v.mark
    }

    /// - Parameter top: only the first `top` ranked candidates in the tables (nil: all), with a
    ///   line saying how many more there are.
    public func text(top: Int? = nil) -> String {
        let all = self.rows
        let rows = top.map { Array(all.prefix($0)) } ?? all
        var out = "\(profile.name): \(all.count) ranked, \(excluded.count) excluded — \(method) (\(normalization)), score \(higherIsBetter ? "higher" : "lower") is better\n"
        out += "weights: " + zip(criteria, weights).map { "\($0.label) \(formatForDisplay($1, significant: 3))" }.joined(separator: ", ") + "\n"
        for n in scopeNotes { out += n + "\n" }
        out += "\n"
        // Database ids (mp-…) say nothing to a reader: show the formula beside them when most ids are such.
        let showFormula = Self.idsAreMostlyNotFormulas(rows[...])
        let header = ["rank", "candidate"] + (showFormula ? ["formula"] : []) + ["score"] + criteria.map { "\($0.label) [\($0.unit)]" } + ["coverage"]
        let body = rows.map { row in
            [String(row.rank), row.candidate.id] + (showFormula ? [row.candidate.formula ?? ""] : []) + [formatForDisplay(row.score, significant: 4)]
                + row.values.map(Self.cell) + ["\(Int((row.coverage * 100).rounded()))%"]
        }
        let shift = showFormula ? 1 : 0
        out += TextTable(header: header, rows: body,
                         rightAligned: Set([0, 2 + shift] + (0...criteria.count).map { $0 + 3 + shift })).rendered()
        if rows.count < all.count { out += "… \(all.count - rows.count) more ranked (--top N to show more; --format csv or json for every row)\n" }
        out += "values: combined measurements in canonical units; ^ from the candidate's phase, * imputed, ~ filled by the missing-value policy, ? unknown (the number is what it was scored as: the worst end of its plausible range)"
            + (scopeInfo.settings.join == .formula || scopeInfo.settings.polymorphs == .aggregate
                ? ", = joined by formula (from or pooled over entries with the same reduced formula)" : "") + "\n"
        if let contributions = rows.first?.contributions, contributions.count == criteria.count {
            out += "\ncontributions to the score (additive method)\n"
            out += TextTable(header: ["candidate"] + criteria.map(\.label),
                             rows: rows.map { r in [r.candidate.id] + (r.contributions ?? []).map { formatForDisplay($0, significant: 3) } },
                             rightAligned: Set(1...criteria.count)).rendered()
        }
        if !excluded.isEmpty {
            let shown = top.map { Array(excluded.prefix($0)) } ?? excluded
            out += "\nexcluded\n"
            out += TextTable(header: ["candidate", "criterion", "reason"],
                             rows: shown.map { [$0.candidate.id, $0.criterion ?? "", $0.reason] }).rendered()
            if shown.count < excluded.count { out += "… \(excluded.count - shown.count) more excluded (--format json for every reason)\n" }
        }
        for w in warnings { out += "warning: \(w)\n" }
        for n in profile.notices { out += "note: \(n)\n" }
        return out
    }
}

extension ScreeningResult: RankedOutput {}
