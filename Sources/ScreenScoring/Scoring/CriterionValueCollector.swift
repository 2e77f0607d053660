import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics
/// Gathers each candidate's value of each criterion from the database: measurements
/// (only values, not bounds such as "< 15 mV") on the criterion's reference state when it names
/// one (a binding energy vs bulk sodium is not mixed with one vs an isolated atom), filtered by
/// the criterion's method preference, combined by its rule; else (with `join: formula`, descriptor properties only)
/// the values of the database's other entries with the same reduced formula, pooled and
/// combined by the same rule; else the candidate's phases' values; else nothing (the
/// missing-value policy decides later).
///
/// Rows of `polymorphs: aggregate` pool the values of all their entries (`pooledValue`).
struct CriterionValueCollector {
    let measurements: [String: [ScreeningSample]]
    let performance: [String: [PerformanceRecord]]
    let phases: [String: [PhaseLink]]

    /// - Parameters:
    ///   - properties: the descriptor properties to load (nil: all of the catalogue).
    ///   - candidates: the candidates whose values can be asked for (nil: all); their phases' values
    ///     are loaded too. A screening of a few thousand compositions in a database of hundreds of
    ///     thousands reads only their rows.
    init(store: DescriptorStore, properties: [String]? = nil, candidates: Set<String>? = nil) throws {
        let phases = Dictionary(grouping: try store.phases(), by: \.candidate)
        var wanted = candidates
        if let c = candidates {
            for id in c { for link in phases[id] ?? [] { wanted?.insert(link.phase) } }
        }
        measurements = try store.screeningSamples(properties: properties ?? PropertyCatalogue.all.map(\.name),
                                                  candidates: wanted.map { Array($0) })
        performance = Dictionary(grouping: try store.performance().filter { $0.candidate != nil }, by: { $0.candidate! })
        self.phases = phases
    }

    /// The value stored under the candidate's own id.
    func own(_ criterion: Criterion, _ candidate: String) -> CriterionValue? {
        guard let v = direct(criterion, [candidate]) else { return nil }
        return CriterionValue(raw: v.value, provenance: .measured(count: v.count, sources: v.sources), spread: v.spread, evidence: v.evidence)
    }

    /// The values of `ids` pooled and combined by the criterion's rule, marked as a join of
    /// `kind` unless they all are `rowID`'s own. Performance records are pooled only over
    /// `performanceIDs` (a cell result belongs to the entry it was measured on).
    func pooledValue(_ criterion: Criterion, ids: [String], performanceIDs: [String]? = nil, rowID: String,
                     kind: CriterionValue.Join.Kind, reducedFormula: String) -> CriterionValue? {
        let pool: [String] = if case .performance = criterion.source { performanceIDs ?? ids } else { ids }
        guard let v = direct(criterion, pool) else { return nil }
        var value = CriterionValue(raw: v.value, provenance: .measured(count: v.count, sources: v.sources), spread: v.spread, evidence: v.evidence)
        var used: [String] = [], seen: Set<String> = []
        for e in v.evidence where seen.insert(e.candidate).inserted { used.append(e.candidate) }
        if used != [rowID] { value.join = .init(kind: kind, ids: used, reducedFormula: reducedFormula) }
        return value
    }

    /// The first phase of any of `candidates` that has a value (descriptor properties only).
    func phaseValue(_ criterion: Criterion, _ candidates: [String]) -> CriterionValue? {
        guard case .property = criterion.source else { return nil }
        for candidate in candidates {
            for link in phases[candidate] ?? [] {
                if let v = direct(criterion, [link.phase]) {
                    return CriterionValue(raw: v.value, provenance: .inherited(phase: link.phase, count: v.count, sources: v.sources + [link.source]),
                                          spread: v.spread, evidence: v.evidence)
                }
            }
        }
        return nil
    }

    /// The values stored under `ids` (one id, or the entries of one composition), with the
    /// method preference applied over all of them, combined by the criterion's rule.
    private func direct(_ criterion: Criterion, _ ids: [String])
        -> (value: Double, count: Int, sources: [String], spread: CriterionValue.Spread, evidence: [CriterionValue.Evidence])? {
        var values: [(Double, String)] = []
        var evidence: [CriterionValue.Evidence] = []
        var single: CriterionValue.Spread = .fixed
        switch criterion.source {
        case .property(let p):
            var ms = ids.flatMap { (measurements[$0] ?? []).filter { $0.property == p } }
            if let require = criterion.require { ms = ms.filter { Self.matches($0.method, require) } }
            if let scale = criterion.referenceState { ms = ms.filter { $0.referenceState == scale } }
            if let prefer = criterion.prefer {
                let preferred = ms.filter { Self.matches($0.method, prefer) }
                if !preferred.isEmpty { ms = preferred }
            }
            values = ms.map { ($0.value, $0.source) }
            evidence = ms.map { .init(candidate: $0.candidate, value: $0.value, method: $0.method, source: $0.source, location: $0.location, kind: $0.kind) }
            if ms.count == 1, let m = ms.first {
                if let lo = m.rangeLow, let hi = m.rangeHigh, hi > lo { single = .uniform(low: lo, high: hi) }
                else if let u = m.uncertainty, u > 0 { single = .normal(sd: u) }
            }
        case .performance(let column):
            for candidate in ids {
                // `exclude_flagged`: leave out a record whose table and text disagree about a field
                // this column is computed from; flagged records used are marked in the evidence.
                for r in performance[candidate] ?? [] where !(criterion.excludeFlagged && !r.conflicts(affecting: column).isEmpty) {
                    // `isFlagged` means `conflicts` is not empty, and `text` is nil only for no conflicts.
                    let flag = r.isFlagged ? "; FLAGGED (table and text disagree: \(PerformanceConflict.text(r.conflicts)!))" : ""
                    let derived: DerivedPerformance? = switch column {
                    case "area_specific_resistance_ohm_cm2": r.areaSpecificResistance
                    case "cumulative_capacity_mah_cm2": r.cumulativeCapacity
                    default: nil
                    }
                    if let derived {
                        values.append((derived.value, r.reference))
                        evidence.append(.init(candidate: candidate, value: derived.value,
                                              method: "derived from the record: \(derived.inputs); \(r.cellType.rawValue) cell\(flag)",
                                              source: r.reference, location: r.table.map { "Table \($0)" } ?? r.location, kind: .derived))
                        continue
                    }
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
                            evidence.append(.init(candidate: candidate, value: v, method: "reported cell performance\(flag)", source: r.reference, location: where_, kind: .experiment))
                        }
                    } else if column == "lifespan_hours", let h = r.lifespanHours, r.lifespan?.qualifier == nil || r.lifespan?.qualifier == .approximately {
                        values.append((h.hours, r.reference))
                        // `lifespanHours` is nil whenever `lifespan` is.
                        evidence.append(.init(candidate: candidate, value: h.hours, method: (h.derived ? "lifespan \(r.lifespan!.asGiven), converted to hours" : "reported lifespan") + flag,
                                              source: r.reference, location: where_, kind: h.derived ? .derived : .experiment))
                    }
                }
            }
        }
        guard !values.isEmpty else { return nil }
        let sorted = values.map(\.0).sorted()
        let combined: Double = switch criterion.combine {
        // `values` is not empty (the guard above), so median, first and last exist.
        case .median: median(sorted)!
        case .mean: sorted.reduce(0, +) / Double(sorted.count)
        case .min: sorted.first!
        case .max: sorted.last!
        }
        var sources: [String] = [], seenSources: Set<String> = []
        for s in values.map(\.1) where seenSources.insert(s).inserted { sources.append(s) }
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
