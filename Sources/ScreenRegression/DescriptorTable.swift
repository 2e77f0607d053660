import Foundation
import ScreenCore
import ScreenNumerics
import ScreenStore

/// Descriptor data from the database as a table for fitting: one row per candidate, one
/// column per property (several measurements of a property combined by `aggregate`), or one
/// row per performance record with its candidate's descriptors beside it.
public enum DescriptorTable {
    /// What a row of a database table is: a candidate (descriptors as columns) or a performance
    /// record (its numbers plus its candidate's descriptors).
    public enum Rows: String, CaseIterable, Sendable {
        /// `candidates`: one row per candidate; `performance`: one row per performance record.
        case candidates, performance
    }

    /// The table of `rows` for the candidates of `categories` (nil: all).
    public static func table(_ store: DescriptorStore, rows: Rows, categories: [CandidateCategory]?, aggregate: Aggregate) throws -> DataTable {
        switch rows {
        case .candidates: try candidates(store, categories: categories, aggregate: aggregate)
        case .performance: try performance(store, categories: categories, aggregate: aggregate)
        }
    }

    /// How several measurements of one property for one candidate become one number.
    public enum Aggregate: String, CaseIterable, Sendable {
        /// The rule by name (`--aggregate`); `first` is the first value in database order.
        case median, mean, min, max, first
        func combine(_ values: [Double]) -> Double {
            let s = values.sorted()
            switch self {
            // Both callers pass a non-empty array (they check `isEmpty` first), so `median`, `first` and `last` exist.
            case .median: return ScreenNumerics.median(s)!
            case .mean: return s.reduce(0, +) / Double(s.count)
            case .min: return s.first!
            case .max: return s.last!
            case .first: return values.first!
            }
        }
    }

    /// The names of the performance columns, usable in formulas in `performance` mode.
    public static let performanceColumns = ["current_density_ma_cm2", "capacity_mah_cm2", "coulombic_efficiency_pct",
                                            "overpotential_mv", "lifespan_hours", "area_specific_resistance_ohm_cm2",
                                            "cumulative_capacity_mah_cm2"]

    /// One row per candidate in `categories` (all when nil). Measurements given only as a
    /// bound ("< 15 mV") are left out, since a bound is not a value to fit. With
    /// `inheritFromPhases`, a candidate without a value of a property takes its phases' values
    /// (see `PhaseLink`), and the table's notes say which.
    /// Rows are the candidates in database order; a property without any value is a column of NaN.
    /// - Complexity: O(P·C·k) for P catalogue properties, C candidates and k measurements per
    ///   candidate, after reading every measurement once.
    public static func candidates(_ store: DescriptorStore, categories: [CandidateCategory]?, aggregate: Aggregate,
                                  inheritFromPhases: Bool = true) throws -> DataTable {
        let candidates = try store.candidates(in: categories)
        var table = DataTable(labels: candidates.map(\.id), origin: "the database (\(store.path))")
        let byCandidate = Dictionary(grouping: try store.measurements().filter(isValue), by: \.candidate)
        let phases = inheritFromPhases ? Dictionary(grouping: try store.phases(), by: \.candidate) : [:]
        var inherited: [String] = []
        for property in PropertyCatalogue.all.map(\.name) {
            let values = candidates.map { c -> Double in
                let own = (byCandidate[c.id] ?? []).filter { $0.property == property }.map(\.value)
                if !own.isEmpty { return aggregate.combine(own) }
                let links = phases[c.id] ?? []
                let fromPhases = links.flatMap { link in (byCandidate[link.phase] ?? []).filter { $0.property == property }.map(\.value) }
                guard !fromPhases.isEmpty else { return .nan }
                let sources = links.filter { link in (byCandidate[link.phase] ?? []).contains { $0.property == property } }
                inherited.append("\(c.id): \(property) from its phase \(sources.map { "\($0.phase) \($0.source)" }.joined(separator: " and "))")
                return aggregate.combine(fromPhases)
            }
            table.setColumn(property, values)
        }
        table.notes = inherited
        return table
    }

    /// One row per performance record whose candidate is in `categories`, with the
    /// record's numbers and the candidate's aggregated descriptors.
    /// A performance number given as a bound ("> 1000 h") is NaN (missing), like a missing one.
    /// - Complexity: `candidates(_:categories:aggregate:)` plus O(R·P) for R records.
    public static func performance(_ store: DescriptorStore, categories: [CandidateCategory]?, aggregate: Aggregate) throws -> DataTable {
        let perCandidate = try candidates(store, categories: categories, aggregate: aggregate)
        let rowOf = Dictionary(uniqueKeysWithValues: perCandidate.labels.enumerated().map { ($1, $0) })
        let records = try store.performance().filter { $0.candidate.map { rowOf[$0] != nil } ?? false }
        // `records` kept only records with a candidate in `rowOf`.
        var table = DataTable(labels: records.map { "\($0.candidate!) \($0.reference) (\($0.table.map { "Table \($0)" } ?? $0.location ?? "text"))" },
                              origin: "performance records in \(store.path)")
        func number(_ r: ReportedNumber) -> Double { r.qualifier == nil || r.qualifier == .approximately ? (r.value ?? .nan) : .nan }
        table.setColumn("current_density_ma_cm2", records.map { number($0.currentDensity) })
        table.setColumn("capacity_mah_cm2", records.map { number($0.capacity) })
        table.setColumn("coulombic_efficiency_pct", records.map { number($0.coulombicEfficiency) })
        table.setColumn("overpotential_mv", records.map { number($0.overpotential) })
        table.setColumn("lifespan_hours", records.map { r in
            guard let l = r.lifespan, l.qualifier == nil || l.qualifier == .approximately else { return .nan }
            return r.lifespanHours?.hours ?? .nan
        })
        table.setColumn("area_specific_resistance_ohm_cm2", records.map { $0.areaSpecificResistance?.value ?? .nan })
        table.setColumn("cumulative_capacity_mah_cm2", records.map { $0.cumulativeCapacity?.value ?? .nan })
        table.notes = perCandidate.notes
        for property in perCandidate.columnOrder {
            // `property` comes from `columnOrder` (the keys of `columns`); `records` kept only candidates in `rowOf`.
            let column = perCandidate.columns[property]!
            table.setColumn(property, records.map { column[rowOf[$0.candidate!]!] })
        }
        return table
    }

    static func isValue(_ m: ScreenCore.Measurement) -> Bool {
        m.qualifier == nil || m.qualifier == .approximately
    }
}
