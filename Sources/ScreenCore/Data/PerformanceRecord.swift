/// A reported cell performance (a row of the review's Table 1 or 2, or a record from
/// its text), with cells kept as printed and parsed where they are one number.
public struct PerformanceRecord: Sendable, Equatable {
    /// 1 or 2 for the review's tables, nil for a record from the text.
    public let table: Int?
    /// The candidate id the record belongs to; nil for a row no candidate represents.
    public let candidate: String?
    /// The cell as printed (`Na-Na`, `Na-Cu`).
    public let cell: String?
    /// The material as the table names it.
    public let material: String?
    /// How the layer or host was made.
    public let technique: String?
    /// The electrolyte as printed.
    public let electrolyte: String?
    /// Current density, mA/cm².
    public let currentDensity: ReportedNumber          // mA/cm2
    /// Areal capacity per half cycle, mAh/cm².
    public let capacity: ReportedNumber                // mAh/cm2
    /// Coulombic efficiency, %.
    public let coulombicEfficiency: ReportedNumber     // %
    /// Overpotential, mV.
    public let overpotential: ReportedNumber           // mV
    /// Cycling lifespan, hours or cycles as printed.
    public let lifespan: Lifespan?
    /// The review's reference number (`[62]`).
    public let reference: String
    /// Where the review reports it (`Table 1`, `Section 3.2`).
    public let location: String?
    /// A remark on the record.
    public let note: String?
    /// Where it came from: `file:line`.
    public let origin: String
    /// What kind of cell the record comes from (`cell_type`), and where the review says so
    /// (`cell_type_basis`; nil for `unknown`).
    public var cellType: CellType = .unknown
    /// The review's words that give the cell type; nil when unknown.
    public var cellTypeBasis: String? = nil
    /// Where the review's table and text disagree about this record (`conflict`); empty when
    /// they agree or only one of them reports it.
    public var conflicts: [PerformanceConflict] = []

    /// Every stored property, in declaration order (the memberwise initialiser, made public for the later stages).
    public init(table: Int?, candidate: String?, cell: String?, material: String?, technique: String?, electrolyte: String?, currentDensity: ReportedNumber, capacity: ReportedNumber, coulombicEfficiency: ReportedNumber, overpotential: ReportedNumber, lifespan: Lifespan?, reference: String, location: String?, note: String?, origin: String, cellType: CellType = .unknown, cellTypeBasis: String? = nil, conflicts: [PerformanceConflict] = []) {
        self.table = table
        self.candidate = candidate
        self.cell = cell
        self.material = material
        self.technique = technique
        self.electrolyte = electrolyte
        self.currentDensity = currentDensity
        self.capacity = capacity
        self.coulombicEfficiency = coulombicEfficiency
        self.overpotential = overpotential
        self.lifespan = lifespan
        self.reference = reference
        self.location = location
        self.note = note
        self.origin = origin
        self.cellType = cellType
        self.cellTypeBasis = cellTypeBasis
        self.conflicts = conflicts
    }

    /// Whether the record carries a table/text conflict.
    public var isFlagged: Bool { !conflicts.isEmpty }

    /// The record fields a performance column is computed from (a lifespan in cycles also needs
    /// the current density and capacity that convert it to hours).
    public func inputFields(of column: String) -> Set<String> {
        let cycles = lifespan?.unit == .cycles
        switch column {
        case "current_density_ma_cm2": return ["current_density"]
        case "capacity_mah_cm2": return ["capacity"]
        case "coulombic_efficiency_pct": return ["coulombic_efficiency"]
        case "overpotential_mv": return ["overpotential"]
        case "lifespan_hours": return cycles ? ["lifespan", "current_density", "capacity"] : ["lifespan"]
        case "area_specific_resistance_ohm_cm2": return ["overpotential", "current_density"]
        case "cumulative_capacity_mah_cm2": return cycles ? ["lifespan", "current_density", "capacity"] : ["lifespan", "current_density"]
        default: return []
        }
    }

    /// The conflicts that put a column's value in doubt: those about one of its input fields,
    /// and any about the cell (which makes every number of the record doubtful). A conflict about
    /// the technique or the electrolyte is shown but leaves the numbers alone.
    public func conflicts(affecting column: String) -> [PerformanceConflict] {
        let fields = inputFields(of: column)
        return conflicts.filter { $0.field == "cell" || fields.contains($0.field) }
    }

    /// Area-specific resistance η/j in Ω·cm² (mV ÷ mA·cm⁻²), from the record's own overpotential
    /// and current density, when both are single values (or "~" values), never bounds such as
    /// "< 50". It puts overpotentials measured at different current densities on one footing.
    public var areaSpecificResistance: DerivedPerformance? {
        guard let eta = Self.usable(overpotential), let j = Self.usable(currentDensity), j > 0 else { return nil }
        // `usable` gave a value, and a parsed cell with a value keeps its text (`init(cell:)`).
        return DerivedPerformance(value: eta / j, inputs: "η \(overpotential.asGiven!) mV / j \(currentDensity.asGiven!) mA/cm2",
                                  approximate: overpotential.qualifier != nil || currentDensity.qualifier != nil)
    }

    /// Cumulative capacity j·t in mAh/cm² (mA·cm⁻² × h): the charge passed over the reported
    /// lifespan (hours as given, or cycles converted with 2 × capacity / current density, so that
    /// j·t = 2 × capacity × cycles). Only from single values, never from a bound ("> 2000 h").
    public var cumulativeCapacity: DerivedPerformance? {
        guard let j = Self.usable(currentDensity), j > 0, let lifespan,
              lifespan.qualifier == nil || lifespan.qualifier == .approximately, let h = lifespanHours else { return nil }
        // `usable` gave j, and cycles convert only with a capacity value; parsed cells with a value keep their text.
        let inputs = h.derived
            ? "j \(currentDensity.asGiven!) mA/cm2 × \(formatForDisplay(h.hours)) h (\(lifespan.asGiven) × 2 × \(capacity.asGiven!) mAh/cm2 / j)"
            : "j \(currentDensity.asGiven!) mA/cm2 × \(lifespan.asGiven)"
        return DerivedPerformance(value: j * h.hours, inputs: inputs,
                                  approximate: currentDensity.qualifier != nil || lifespan.qualifier != nil || (h.derived && capacity.qualifier != nil))
    }

    /// A cell's value when it is one number or an approximate one ("~ 40"), not a bound.
    static func usable(_ n: ReportedNumber) -> Double? {
        guard let v = n.value, n.qualifier == nil || n.qualifier == .approximately else { return nil }
        return v
    }

    /// The lifespan in hours: as given, or derived from cycles when current density and
    /// capacity are single numbers (one cycle = plating + stripping = 2 × capacity / current).
    public var lifespanHours: (hours: Double, derived: Bool)? {
        guard let lifespan else { return nil }
        switch lifespan.unit {
        case .hours: return (lifespan.value, false)
        case .cycles:
            guard let j = currentDensity.value, let q = capacity.value, j > 0, q > 0 else { return nil }
            return (lifespan.value * 2 * q / j, true)
        }
    }
}

/// A quantity derived from one record's own numbers, with the inputs it came from.
public struct DerivedPerformance: Sendable, Equatable {
    /// The derived number (Ω·cm² for the area-specific resistance, mAh/cm² for the cumulative capacity).
    public let value: Double
    /// The inputs as printed, e.g. "η 25 mV / j 1 mA/cm2".
    public let inputs: String
    /// True when an input was printed as approximate ("~ 22").
    public let approximate: Bool
}

/// The kind of cell a performance record comes from. A Coulombic-efficiency test plates Na on a
/// Na-free electrode (Cu, Al, steel, the host itself): it is `asymmetric`, and its lifespan is not
/// a symmetric-cell lifespan.
public enum CellType: String, Sendable, CaseIterable {
    /// Na||Na (or host@Na||host@Na) symmetric cell.
    case symmetric
    /// Na||Cu, Na||Al, Na||steel, Na||host: Coulombic-efficiency (half-cell) tests.
    case asymmetric
    /// A full cell against a cathode (Na–S, Na–O2, Na3V2(PO4)3, Prussian blue, …).
    case full
    /// The review does not say.
    case unknown
}

/// One disagreement between the review's table and its text about a record:
/// `field: reading 1 vs reading 2` in the `conflict` column (several separated by " ; ").
public struct PerformanceConflict: Sendable, Equatable, CustomStringConvertible {
    /// The record columns a conflict can be about.
    public static let fields = ["cell", "technique", "electrolyte", "current_density", "capacity", "coulombic_efficiency",
                                "overpotential", "lifespan"]
    /// The record column in conflict (one of `fields`).
    public let field: String
    /// The readings, the table's first, as printed.
    public let readings: [String]

    /// `field: reading 1 vs reading 2`.
    public var description: String { "\(field): \(readings.joined(separator: " vs "))" }

    /// Parses the `conflict` column; the message says what is wrong.
    /// - Complexity: O(L) for L characters.
    public static func parse(_ text: String) -> Result<[PerformanceConflict], ConflictSyntaxError> {
        var out: [PerformanceConflict] = []
        for part in text.components(separatedBy: " ; ") {
            let entry = part.trimmingWhitespace()
            guard let colon = entry.firstIndex(of: ":") else {
                return .failure(.init(message: "'\(entry)' is not 'field: reading 1 vs reading 2'"))
            }
            let field = entry[..<colon].trimmingWhitespace()
            guard fields.contains(field) else {
                return .failure(.init(message: "'\(field)' is not a record field (\(fields.joined(separator: ", ")))"))
            }
            let readings = entry[entry.index(after: colon)...].components(separatedBy: " vs ").map { $0.trimmingWhitespace() }
            guard readings.count >= 2, readings.allSatisfy({ !$0.isEmpty }) else {
                return .failure(.init(message: "the \(field) conflict needs two readings separated by ' vs ' (the table's and the text's)"))
            }
            out.append(PerformanceConflict(field: field, readings: readings))
        }
        return .success(out)
    }

    /// The column text of several conflicts.
    public static func text(_ conflicts: [PerformanceConflict]) -> String? {
        conflicts.isEmpty ? nil : conflicts.map(\.description).joined(separator: " ; ")
    }
}

/// A `conflict` column that cannot be read; `message` says why.
public struct ConflictSyntaxError: Error, Sendable { public let message: String }

/// A table cell as printed ("~ 99.4", "0.25/0.5/1") and its value when it is one number.
public struct ReportedNumber: Sendable, Equatable {
    /// The cell as printed; nil for an empty cell.
    public let asGiven: String?
    /// Its qualifier, when it is one number.
    public let qualifier: Qualifier?
    /// Its value, when it is one number (a bound such as "> 99" keeps its number here).
    public let value: Double?

    /// An empty cell.
    public static let none = ReportedNumber(asGiven: nil, qualifier: nil, value: nil)

    /// Parses a cell; a cell that is text but not one number (e.g. "0.25/0.5/1") keeps its
    /// text with no value, and so is never mistaken for a single condition.
    public init(cell: String) {
        let t = cell.trimmingWhitespace()
        if t.isEmpty || t == "—" || t == "-" {
            self = .none
        } else if let (q, v) = Qualifier.split(t) {
            self.init(asGiven: t, qualifier: q, value: v)
        } else {
            self.init(asGiven: t, qualifier: nil, value: nil)
        }
    }

    /// A cell from its parts.
    public init(asGiven: String?, qualifier: Qualifier?, value: Double?) {
        self.asGiven = asGiven
        self.qualifier = qualifier
        self.value = value
    }
}

/// A lifespan as reported: hours or cycles, possibly qualified ("> 2000 h", "~ 550 h").
public struct Lifespan: Sendable, Equatable {
    /// Hours (`h`) or cycles.
    public enum Unit: String, Sendable { case hours = "h", cycles }
    /// The text as printed ("> 2000 h").
    public let asGiven: String
    /// Its qualifier ("> 2000 h" is a lower bound).
    public let qualifier: Qualifier?
    /// The number, in `unit`.
    public let value: Double
    /// Hours or cycles.
    public let unit: Unit

    /// Parses "600 h", "300 cycles", "~ 2200 h"; nil for anything else.
    public init?(_ text: String) {
        let t = text.trimmingWhitespace()
        let unit: Unit
        var number: Substring
        if t.hasSuffix("cycles") { unit = .cycles; number = t.dropLast("cycles".count) }
        else if t.hasSuffix("cycle") { unit = .cycles; number = t.dropLast("cycle".count) }
        else if t.hasSuffix("h") { unit = .hours; number = t.dropLast() }
        else { return nil }
        number = Substring(number.trimmingWhitespace())
        guard let (q, v) = Qualifier.split(String(number)), v >= 0 else { return nil }
        asGiven = t
        qualifier = q
        value = v
        self.unit = unit
    }
}

import Foundation
import ScreenNumerics
