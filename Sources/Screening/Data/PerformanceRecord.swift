/// A reported cell performance (a row of the review's Table 1 or 2, or a record from
/// its text), with cells kept as printed and parsed where they are one number.
public struct PerformanceRecord: Sendable, Equatable {
    /// 1 or 2 for the review's tables, nil for a record from the text.
    public let table: Int?
    public let candidate: String?
    public let cell: String?
    public let material: String?
    public let technique: String?
    public let electrolyte: String?
    public let currentDensity: ReportedNumber          // mA/cm2
    public let capacity: ReportedNumber                // mAh/cm2
    public let coulombicEfficiency: ReportedNumber     // %
    public let overpotential: ReportedNumber           // mV
    public let lifespan: Lifespan?
    public let reference: String
    public let location: String?
    public let note: String?
    public let origin: String

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

/// A table cell as printed ("~ 99.4", "0.25/0.5/1") and its value when it is one number.
public struct ReportedNumber: Sendable, Equatable {
    public let asGiven: String?
    public let qualifier: Qualifier?
    public let value: Double?

    public static let none = ReportedNumber(asGiven: nil, qualifier: nil, value: nil)

    /// Parses a cell; a cell that is text but not one number (e.g. "0.25/0.5/1") keeps its
    /// text with no value, and so is never mistaken for a single condition.
    public init(cell: String) {
        let t = cell.trimmingCharacters(in: .whitespaces)
        if t.isEmpty || t == "—" || t == "-" {
            self = .none
        } else if let (q, v) = Qualifier.split(t) {
            self.init(asGiven: t, qualifier: q, value: v)
        } else {
            self.init(asGiven: t, qualifier: nil, value: nil)
        }
    }

    public init(asGiven: String?, qualifier: Qualifier?, value: Double?) {
        self.asGiven = asGiven
        self.qualifier = qualifier
        self.value = value
    }
}

/// A lifespan as reported: hours or cycles, possibly qualified ("> 2000 h", "~ 550 h").
public struct Lifespan: Sendable, Equatable {
    public enum Unit: String, Sendable { case hours = "h", cycles }
    public let asGiven: String
    public let qualifier: Qualifier?
    public let value: Double
    public let unit: Unit

    /// Parses "600 h", "300 cycles", "~ 2200 h"; nil for anything else.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let unit: Unit
        var number: Substring
        if t.hasSuffix("cycles") { unit = .cycles; number = t.dropLast("cycles".count) }
        else if t.hasSuffix("cycle") { unit = .cycles; number = t.dropLast("cycle".count) }
        else if t.hasSuffix("h") { unit = .hours; number = t.dropLast() }
        else { return nil }
        number = Substring(number.trimmingCharacters(in: .whitespaces))
        guard let (q, v) = Qualifier.split(String(number)), v >= 0 else { return nil }
        asGiven = t
        qualifier = q
        value = v
        self.unit = unit
    }
}

import Foundation
