/// Gathers each candidate's value of each criterion from the database: measurements
/// (only values, not bounds such as "< 15 mV"), filtered by the criterion's method
/// preference, combined by its rule; else the candidate's phases' values; else nothing
/// (the missing-value policy decides later).
struct CriterionValueCollector {
    let measurements: [String: [Measurement]]
    let performance: [String: [PerformanceRecord]]
    let phases: [String: [PhaseLink]]

    init(store: DescriptorStore) throws {
        measurements = Dictionary(grouping: try store.measurements().filter { $0.qualifier == nil || $0.qualifier == .approximately },
                                  by: \.candidate)
        performance = Dictionary(grouping: try store.performance().filter { $0.candidate != nil }, by: { $0.candidate! })
        phases = Dictionary(grouping: try store.phases(), by: \.candidate)
    }

    func value(of criterion: Criterion, for candidate: String) -> CriterionValue? {
        if let own = direct(criterion, candidate) {
            return CriterionValue(raw: own.value, provenance: .measured(count: own.count, sources: own.sources), spread: own.spread,
                                  evidence: own.evidence)
        }
        guard case .property = criterion.source else { return nil }
        for link in phases[candidate] ?? [] {
            if let v = direct(criterion, link.phase) {
                return CriterionValue(raw: v.value, provenance: .inherited(phase: link.phase, count: v.count, sources: v.sources + [link.source]),
                                      spread: v.spread, evidence: v.evidence)
            }
        }
        return nil
    }

    private func direct(_ criterion: Criterion, _ candidate: String)
        -> (value: Double, count: Int, sources: [String], spread: CriterionValue.Spread, evidence: [CriterionValue.Evidence])? {
        var values: [(Double, String)] = []
        var evidence: [CriterionValue.Evidence] = []
        var single: CriterionValue.Spread = .fixed
        switch criterion.source {
        case .property(let p):
            var ms = (measurements[candidate] ?? []).filter { $0.property == p }
            if let prefer = criterion.prefer {
                let preferred = ms.filter { Self.matches($0.method, prefer) }
                if !preferred.isEmpty { ms = preferred }
            }
            values = ms.map { ($0.value, $0.source) }
            evidence = ms.map { .init(candidate: candidate, value: $0.value, method: $0.method, source: $0.source, location: $0.location) }
            if ms.count == 1, let m = ms.first {
                if let lo = m.rangeLow, let hi = m.rangeHigh, hi > lo { single = .uniform(low: lo, high: hi) }
                else if let u = m.uncertainty, u > 0 { single = .normal(sd: u) }
            }
        case .performance(let column):
            for r in performance[candidate] ?? [] {
                let cell: ReportedNumber? = switch column {
                case "current_density_ma_cm2": r.currentDensity
                case "capacity_mah_cm2": r.capacity
                case "coulombic_efficiency_pct": r.coulombicEfficiency
                case "overpotential_mv": r.overpotential
                default: nil
                }
                let where_ = r.table.map { "Table \($0)" } ?? r.location
                if let cell {
                    if let v = cell.value, cell.qualifier == nil || cell.qualifier == .approximately {
                        values.append((v, r.reference))
                        evidence.append(.init(candidate: candidate, value: v, method: "reported cell performance", source: r.reference, location: where_))
                    }
                } else if column == "lifespan_hours", let h = r.lifespanHours, r.lifespan?.qualifier == nil || r.lifespan?.qualifier == .approximately {
                    values.append((h.hours, r.reference))
                    evidence.append(.init(candidate: candidate, value: h.hours, method: h.derived ? "lifespan \(r.lifespan!.asGiven), converted to hours" : "reported lifespan",
                                          source: r.reference, location: where_))
                }
            }
        }
        guard !values.isEmpty else { return nil }
        let sorted = values.map(\.0).sorted()
        let combined: Double = switch criterion.combine {
        case .median: median(sorted)!
        case .mean: sorted.reduce(0, +) / Double(sorted.count)
        case .min: sorted.first!
        case .max: sorted.last!
        }
        var sources: [String] = []
        for s in values.map(\.1) where !sources.contains(s) { sources.append(s) }
        let spread: CriterionValue.Spread = values.count > 1 ? .empirical(values.map(\.0)) : single
        return (combined, values.count, sources, spread, evidence)
    }

    /// Whether a measurement's method matches a preference ("exp", "experiment",
    /// "handbook" count as experiment; anything naming DFT as DFT).
    static func matches(_ method: String, _ preference: Criterion.Preference) -> Bool {
        let m = method.lowercased()
        switch preference {
        case .dft: return m.contains("dft")
        case .experiment: return !m.contains("dft") && (m.hasPrefix("exp") || m.contains("experiment") || m.contains("handbook"))
        }
    }
}
