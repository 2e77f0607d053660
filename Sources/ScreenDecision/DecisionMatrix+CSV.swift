import Foundation
import ScreenCore
import ScreenNumerics

extension DecisionMatrix {
    /// Reads a decision matrix CSV: header `id,<criterion>,…`, one alternative per row.
    /// A non-numeric or empty cell is an error naming the line and column; types come from
    /// the caller (`--types max,min,…`) and must match the number of criteria.
    ///
    /// - Throws: `InputError` naming the file, line and column (empty id, duplicate id, a cell
    ///   that is not a finite decimal number such as `nan`, `inf` or `0x1A`, a type count that does not
    ///   match), besides `CSVTable`'s own errors.
    /// - Complexity: O(m·n) for m rows and n criteria.
    public static func read(csv url: URL, types: [CriterionType]) throws -> DecisionMatrix {
        let table = try CSVTable(contentsOf: url, displayName: url.path)
        guard table.header.count >= 2 else {
            throw InputError(file: url.path, line: 1, "the header must be id,<criterion>,… with at least one criterion")
        }
        let criteria = Array(table.header.dropFirst())
        guard types.count == criteria.count else {
            throw InputError(file: url.path, line: 1, field: "--types",
                             "\(types.count) types for \(criteria.count) criteria (\(criteria.joined(separator: ", ")))")
        }
        var ids: [String] = [], values: [[Double]] = []
        // Duplicate ids through a set: O(1) per row, not a scan of the ids so far (O(n²) at 100k rows).
        var seen: [String: Int] = [:]
        ids.reserveCapacity(table.records.count)
        values.reserveCapacity(table.records.count)
        for r in table.records {
            let id = r.fields[0].trimmingWhitespace()
            guard !id.isEmpty else { throw InputError(file: url.path, line: r.line, field: table.header[0], "empty id") }
            if let first = seen.updateValue(r.line, forKey: id) {
                throw InputError(file: url.path, line: r.line, field: table.header[0], "duplicate id '\(id)' (first on line \(first))")
            }
            var row: [Double] = []
            for (j, cell) in r.fields.dropFirst().enumerated() {
                let t = cell.trimmingWhitespace()
                guard let v = DecimalNumber.parse(t) else {
                    throw InputError(file: url.path, line: r.line, field: criteria[j],
                                     t.isEmpty ? "empty cell (every alternative needs every criterion)" : "'\(t)' is not a finite number")
                }
                row.append(v)
            }
            ids.append(id)
            values.append(row)
        }
        guard !ids.isEmpty else { throw InputError(file: url.path, line: 2, "no alternatives") }
        return try DecisionMatrix(alternatives: ids, criteria: criteria, values: values, types: types)
    }
}
