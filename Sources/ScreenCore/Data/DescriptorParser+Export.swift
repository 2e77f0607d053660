extension DescriptorParser {
    /// A row of `screen db export --what measurements`: `value`, `unit`, `uncertainty` and the
    /// range are the stored canonical ones (checked and bounded as any row's), and the values as
    /// given, their unit, sign convention and `value_from_range` are restored from the export's
    /// `…_as_given` columns, so that the row is stored as it was exported.
    static func exported(_ row: Row) throws -> Measurement {
        let m = try measurement(row, stored: true)
        var convention: SignConvention? = nil
        if let c = row.text("convention_as_given") {
            guard let parsed = SignConvention(rawValue: c) else {
                throw row.error("convention_as_given", "'\(c)' is not a sign convention (binding_positive or adsorption_negative)")
            }
            convention = parsed
        }
        let fromRange: Bool
        switch row.text("value_from_range") {
        case nil, "false": fromRange = false
        case "true":
            guard m.rangeLow != nil else { throw row.error("value_from_range", "true, but the row has no range") }
            fromRange = true
        case let other?: throw row.error("value_from_range", "'\(other)' is not true or false")
        }
        return Measurement(
            candidate: m.candidate, property: m.property, value: m.value, uncertainty: m.uncertainty,
            rangeLow: m.rangeLow, rangeHigh: m.rangeHigh, qualifier: m.qualifier, valueFromRange: fromRange,
            valueAsGiven: try row.number("value_as_given"), uncertaintyAsGiven: try row.number("uncertainty_as_given"),
            rangeLowAsGiven: try row.number("range_low_as_given"), rangeHighAsGiven: try row.number("range_high_as_given"),
            unitAsGiven: try row.required("unit_as_given"), method: m.method, conditions: m.conditions,
            conventionAsGiven: convention, referenceState: m.referenceState, source: m.source,
            location: m.location, note: m.note, origin: m.origin)
    }

    /// The measurement, if its `kind` cell (when the file has one and it is not empty) is the kind
    /// its method gives (`ValueKind(method:)`); a kind is never taken from the file, only checked.
    static func checkedKind(_ m: Measurement, _ row: Row) throws -> Measurement {
        guard let text = row.text("kind") else { return m }
        guard let kind = ValueKind(rawValue: text) else {
            throw row.error("kind", "'\(text)' is not a kind (\(ValueKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard kind != .imputed else {
            throw row.error("kind", "imputed values are not measurements: `screen impute` makes them, into their own table")
        }
        guard kind == m.kind else {
            throw row.error("kind", "'\(text)' does not match the method '\(m.method)', whose values are \(m.kind.rawValue) (the kind is read from the method: leave the cell empty, or correct the method)")
        }
        return m
    }
}
