import Foundation
import ScreenCore
import ScreenNumerics
import ScreenStore

/// Named numeric columns with one label per row (a candidate id, a record, a CSV line):
/// what a formula is evaluated on. A missing value is NaN here and is never used as a number.
public struct DataTable: Sendable {
    /// One label per row (candidate id, `line N`, a record's description), in row order.
    public var labels: [String]
    /// The numeric columns by name, each with one value per row; NaN marks a missing value.
    public var columns: [String: [Double]]
    /// Column names in the order they were added.
    public var columnOrder: [String]
    /// Where the data came from, for messages.
    public var origin: String
    /// How values were obtained where that is not obvious (taken from a phase, aggregated), shown with a fit.
    public var notes: [String] = []

    /// A table with these rows and no columns yet.
    public init(labels: [String], origin: String) {
        self.labels = labels
        self.columns = [:]
        self.columnOrder = []
        self.origin = origin
    }

    /// The number of rows.
    public var rowCount: Int { labels.count }

    /// The notes (`"<id>: <variable> from …"`) about the given variables for the given rows
    /// (a row label is the candidate id, or starts with it).
    /// - Complexity: O(N·(v + r)) for N notes, v variables and r rows.
    public static func notes(_ notes: [String], about variables: [String], rows: [String]) -> [String] {
        notes.filter { note in
            let id = String(note.prefix { $0 != ":" })
            return variables.contains { note.hasPrefix("\(id): \($0) from") }
                && rows.contains { $0 == id || $0.hasPrefix(id + " ") }
        }
    }

    /// Adds or replaces a column (a new name goes to the end of `columnOrder`).
    /// - Precondition: `values.count == rowCount`.
    /// - Complexity: O(r) for r rows (a copy of the values).
    public mutating func setColumn(_ name: String, _ values: [Double]) {
        precondition(values.count == labels.count, "column \(name) has \(values.count) values for \(labels.count) rows")
        if columns[name] == nil { columnOrder.append(name) }
        columns[name] = values
    }

    /// Reads a CSV file with a header row. Empty cells, `NA`, `NaN`, `nan` and `null` are missing; any other
    /// text in a column is an error naming the line, but only for columns in `needed`
    /// (so a text column such as a name does not stop a fit that does not use it).
    /// A column named `id`, `candidate`, `label` or `name` (the first present) labels the rows;
    /// otherwise they are `line N`.
    ///
    /// - Throws: `InputError` naming the line and column (text in a needed column, a needed
    ///   column that is absent or not numeric), besides `CSVTable`'s errors.
    /// - Complexity: O(r·c) for r rows and c columns.
    public static func read(csv url: URL, needed: Set<String>) throws -> DataTable {
        let table = try CSVTable(contentsOf: url, displayName: url.path)
        let labelColumn = ["id", "candidate", "label", "name"].first { table.header.contains($0) }
        // `labelColumn` was chosen among the header's names, so it has an index.
        let labels = table.records.map { r in labelColumn.map { r.fields[table.header.firstIndex(of: $0)!] } ?? "line \(r.line)" }
        var data = DataTable(labels: labels, origin: url.path)
        for (c, name) in table.header.enumerated() where name != labelColumn {
            var values: [Double] = []
            var numeric = true
            for r in table.records {
                let cell = r.fields[c].trimmingWhitespace()
                if cell.isEmpty || ["NA", "NaN", "nan", "null"].contains(cell) { values.append(.nan); continue }
                guard let v = DecimalNumber.parse(cell) else {
                    if needed.contains(name) {
                        throw InputError(file: url.path, line: r.line, field: name, "'\(cell)' is not a finite number")
                    }
                    numeric = false
                    break
                }
                values.append(v)
            }
            if numeric { data.setColumn(name, values) }
        }
        for name in needed where data.columns[name] == nil {
            throw InputError(file: url.path, line: 1, field: name,
                             "no such numeric column (columns: \(data.columnOrder.joined(separator: ", ")))")
        }
        return data
    }
}
