import ScreenCore
import ScreenNumerics
/// Everything the database knows about one candidate: the answer to "where does this
/// number come from?".
public struct CandidateSheet {
    /// The candidate itself.
    public let candidate: Candidate
    /// Its measurements, in catalogue property order and then as loaded.
    public let measurements: [Measurement]
    /// Its performance records, in load order.
    public let performance: [PerformanceRecord]
    /// Its phase links, in load order.
    public let phases: [PhaseLink]
    /// Its values estimated by `screen impute` (never mixed with the measurements).
    public let imputed: [ImputedValue]
    /// Derived values that could not be made, and why (an element without a price or an HHI).
    public let notDerived: [DerivationGap]

    /// Everything stored about candidate `id`.
    /// - Throws: `InputError` when there is no candidate `id` (naming up to five ids that match it ignoring case or
    ///   start with it).
    public init(store: DescriptorStore, id: String) throws {
        guard let c = try store.candidate(id: id) else {
            let ids = try store.candidateIDs()
            let near = ids.filter { $0.lowercased() == id.lowercased() || $0.lowercased().hasPrefix(id.lowercased()) }
            let hint = near.isEmpty ? "" : " (did you mean \(near.prefix(5).joined(separator: ", "))?)"
            throw InputError(file: store.path, field: "candidate", "no candidate '\(id)'\(hint)")
        }
        candidate = c
        measurements = try store.measurements(candidate: id)
        performance = try store.performance(candidate: id)
        phases = try store.phases(candidate: id)
        imputed = try store.imputations(candidate: id)
        notDerived = try store.derivationGaps(candidate: id)
    }

    /// The sheet as one JSON object: the candidate's fields, then the arrays `measurements`, `performance`,
    /// `phases`, `imputed` and `not_derived`.
    public func json() -> JSONValue {
        .object(DescriptorExport.fields(candidate) + [
            ("measurements", .array(measurements.map { .object(DescriptorExport.fields($0)) })),
            ("performance", .array(performance.map { .object(DescriptorExport.fields($0)) })),
            ("phases", .array(phases.map { .object(DescriptorExport.fields($0)) })),
            ("imputed", .array(imputed.map { .object($0.fields) })),
            ("not_derived", .array(notDerived.map { g in
                .object([("property", .string(g.property)), ("missing", .array(g.missing.map { .string($0) })), ("reason", .string(g.reason))])
            })),
        ])
    }

    /// The sheet as printed: the candidate, a table of its measurements (long sources as S1, S2, … keyed below),
    /// its phases, imputed values, values not derived and why, and its performance records with how their
    /// derived quantities were computed.
    public func text() -> String {
        var out = "\(candidate.id) — \(candidate.name)"
        if let f = candidate.formula { out += " (\(f))" }
        out += "\ncategory: \(candidate.category.rawValue)\n"
        if let n = candidate.note { out += "note: \(n)\n" }
        out += "\n"
        if measurements.isEmpty {
            out += "no measurements\n"
        } else {
            var sources: [String] = []
            func sourceKey(_ source: String) -> String {
                guard source.count > 24 else { return source }
                if let i = sources.firstIndex(of: source) { return "S\(i + 1)" }
                sources.append(source)
                return "S\(sources.count)"
            }
            let rows = measurements.map { m -> [String] in
                var value = (m.qualifier.map { $0.rawValue + " " } ?? "") + formatForDisplay(m.value)
                if let u = m.uncertainty { value += " ± " + formatForDisplay(u) }
                if let lo = m.rangeLow, let hi = m.rangeHigh { value += " [\(formatForDisplay(lo))–\(formatForDisplay(hi))]" }
                var given = formatNumber(m.valueAsGiven) + " " + m.unitAsGiven
                let scale = [m.conventionAsGiven?.rawValue, m.referenceState.map { "vs \($0.rawValue)" }].compactMap { $0 }
                if !scale.isEmpty { given += " (\(scale.joined(separator: ", ")))" }
                return [m.property, value, m.canonicalUnit, given, m.method, m.kind.rawValue, sourceKey(m.source), m.location ?? "", m.conditions ?? ""]
            }
            out += TextTable(header: ["property", "value", "unit", "as given", "method", "kind", "source", "where", "conditions"],
                             rows: rows, rightAligned: [1]).rendered()
            for (i, s) in sources.enumerated() { out += "S\(i + 1): \(s)\n" }
        }
        for link in phases {
            out += "\nphase: \(link.phase) \(link.source)" + (link.note.map { " — \($0)" } ?? "") + "\n"
        }
        if !imputed.isEmpty {
            out += "\nimputed (estimated from a fitted relation, not measured)\n"
            out += TextTable(header: ["property", "value", "unit", "PI low", "PI high", "level", "model", "method", "n"],
                             rows: imputed.map { [$0.property, formatForDisplay($0.value), $0.unit, formatForDisplay($0.predictionLow),
                                                  formatForDisplay($0.predictionHigh), formatForDisplay($0.level), $0.model, $0.method, String($0.n)] },
                             rightAligned: [1, 3, 4]).rendered()
        }
        for gap in notDerived {
            out += "\nnot derived: \(gap.property) — \(gap.reason)\n"
        }
        if !performance.isEmpty {
            out += "\nperformance records\n"
            let rows = performance.map { p -> [String] in
                [p.table.map { "Table \($0)" } ?? (p.location ?? "text"), p.cell ?? "", p.currentDensity.asGiven ?? "",
                 p.capacity.asGiven ?? "", p.coulombicEfficiency.asGiven ?? "", p.overpotential.asGiven ?? "",
                 p.lifespan?.asGiven ?? "", p.lifespanHours.map { formatForDisplay($0.hours) + ($0.derived ? " (derived)" : "") } ?? "",
                 p.areaSpecificResistance.map { ($0.approximate ? "~ " : "") + formatForDisplay($0.value) } ?? "",
                 p.cumulativeCapacity.map { ($0.approximate ? "~ " : "") + formatForDisplay($0.value) } ?? "",
                 p.cellType.rawValue, p.isFlagged ? "FLAGGED" : "", p.reference]
            }
            out += TextTable(header: ["where", "cell", "mA/cm2", "mAh/cm2", "CE %", "overpot. mV", "lifespan", "hours",
                                      "ASR ohm cm2", "cum. mAh/cm2", "cell type", "flag", "ref"],
                             rows: rows).rendered()
            var details: [String] = []
            for (i, p) in performance.enumerated() {
                let label = "record \(i + 1) (\(p.reference), \(p.table.map { "Table \($0)" } ?? (p.location ?? "text")))"
                if let a = p.areaSpecificResistance { details.append("\(label): ASR = \(a.inputs) = \(formatForDisplay(a.value)) ohm cm2") }
                if let c = p.cumulativeCapacity { details.append("\(label): cumulative capacity = \(c.inputs) = \(formatForDisplay(c.value)) mAh/cm2") }
                if let b = p.cellTypeBasis { details.append("\(label): cell type \(p.cellType.rawValue) — \(b)") }
                for c in p.conflicts { details.append("\(label): FLAGGED, table and text disagree on \(c)") }
            }
            if !details.isEmpty { out += "\n" + details.joined(separator: "\n") + "\n" }
        }
        return out
    }
}

extension CandidateSheet: TextAndJSONOutput {}
