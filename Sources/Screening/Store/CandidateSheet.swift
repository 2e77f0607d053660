/// Everything the database knows about one candidate: the answer to "where does this
/// number come from?".
public struct CandidateSheet {
    public let candidate: Candidate
    public let measurements: [Measurement]
    public let performance: [PerformanceRecord]

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
    }

    public func json() -> JSONValue {
        .object(DescriptorExport.fields(candidate) + [
            ("measurements", .array(measurements.map { .object(DescriptorExport.fields($0)) })),
            ("performance", .array(performance.map { .object(DescriptorExport.fields($0)) })),
        ])
    }

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
                if let c = m.conventionAsGiven { given += " (\(c.rawValue))" }
                return [m.property, value, m.canonicalUnit, given, m.method, sourceKey(m.source), m.location ?? "", m.conditions ?? ""]
            }
            out += TextTable(header: ["property", "value", "unit", "as given", "method", "source", "where", "conditions"],
                             rows: rows, rightAligned: [1]).rendered()
            for (i, s) in sources.enumerated() { out += "S\(i + 1): \(s)\n" }
        }
        if !performance.isEmpty {
            out += "\nperformance records\n"
            let rows = performance.map { p -> [String] in
                [p.table.map { "Table \($0)" } ?? (p.location ?? "text"), p.cell ?? "", p.currentDensity.asGiven ?? "",
                 p.capacity.asGiven ?? "", p.coulombicEfficiency.asGiven ?? "", p.overpotential.asGiven ?? "",
                 p.lifespan?.asGiven ?? "", p.lifespanHours.map { formatForDisplay($0.hours) + ($0.derived ? " (derived)" : "") } ?? "",
                 p.reference]
            }
            out += TextTable(header: ["where", "cell", "mA/cm2", "mAh/cm2", "CE %", "overpot. mV", "lifespan", "hours", "ref"],
                             rows: rows).rendered()
        }
        return out
    }
}
