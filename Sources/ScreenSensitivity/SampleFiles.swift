import Foundation
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics

/// Weight and value samples made by another tool, so that an SMAA run can be compared with
/// it sample for sample.
public enum SampleFiles {
    /// Weight samples: header = criterion names (any order), one row per sample. Rows are
    /// returned in the criterion order given, each normalised to sum to 1.
    public static func readWeights(_ url: URL, criteria: [String]?) throws -> (criteria: [String], samples: [[Double]]) {
        let table = try CSVTable(contentsOf: url, displayName: url.path)
        let names = criteria ?? table.header
        let columns = try names.map { name -> Int in
            guard let i = table.header.firstIndex(of: name) else {
                throw InputError(file: url.path, line: 1, field: name, "no column for criterion '\(name)' (columns: \(table.header.joined(separator: ", ")))")
            }
            return i
        }
        var samples: [[Double]] = []
        for r in table.records {
            var w: [Double] = []
            for (k, c) in columns.enumerated() {
                guard let v = DecimalNumber.parse(r.fields[c].trimmingWhitespace()), v >= 0 else {
                    throw InputError(file: url.path, line: r.line, field: names[k], "'\(r.fields[c])' is not a weight (a finite number ≥ 0)")
                }
                w.append(v)
            }
            let total = w.reduce(0, +)
            guard total > 0 else { throw InputError(file: url.path, line: r.line, "every weight of this sample is zero") }
            samples.append(w.map { $0 / total })
        }
        guard !samples.isEmpty else { throw InputError(file: url.path, line: 2, "no samples") }
        return (names, samples)
    }

    /// Value samples: header `sample,alternative,<criterion>,…`, one row per sample and
    /// alternative. Every sample must list the same alternatives; the result is
    /// `[sample][alternative][criterion]` with alternatives in the order of the first sample.
    public static func readValues(_ url: URL, criteria: [String]?) throws -> (alternatives: [String], criteria: [String], samples: [[[Double]]]) {
        let table = try CSVTable(contentsOf: url, displayName: url.path)
        guard table.header.count >= 3, table.header[0] == "sample", table.header[1] == "alternative" else {
            throw InputError(file: url.path, line: 1, "the header must be sample,alternative,<criterion>,…")
        }
        let names = criteria ?? Array(table.header.dropFirst(2))
        let columns = try names.map { name -> Int in
            guard let i = table.header.firstIndex(of: name), i >= 2 else {
                throw InputError(file: url.path, line: 1, field: name, "no column for criterion '\(name)'")
            }
            return i
        }
        var order: [String] = []
        var bySample: [(key: String, rows: [String: [Double]])] = []
        for r in table.records {
            let key = r.fields[0].trimmingWhitespace(), alt = r.fields[1].trimmingWhitespace()
            var row: [Double] = []
            for (k, c) in columns.enumerated() {
                guard let v = DecimalNumber.parse(r.fields[c].trimmingWhitespace()) else {
                    throw InputError(file: url.path, line: r.line, field: names[k], "'\(r.fields[c])' is not a finite number")
                }
                row.append(v)
            }
            if bySample.last?.key != key {
                if bySample.contains(where: { $0.key == key }) {
                    throw InputError(file: url.path, line: r.line, field: "sample", "rows of sample '\(key)' must be consecutive")
                }
                bySample.append((key, [:]))
            }
            if bySample.count == 1 { order.append(alt) }
            guard bySample[bySample.count - 1].rows[alt] == nil else {
                throw InputError(file: url.path, line: r.line, field: "alternative", "'\(alt)' appears twice in sample '\(key)'")
            }
            bySample[bySample.count - 1].rows[alt] = row
        }
        guard !bySample.isEmpty else { throw InputError(file: url.path, line: 2, "no samples") }
        let samples = try bySample.map { s -> [[Double]] in
            guard Set(s.rows.keys) == Set(order) else {
                throw InputError(file: url.path, field: "alternative", "sample '\(s.key)' does not list the same alternatives as the first sample")
            }
            // The guard above: the sample's alternatives are exactly `order`.
            return order.map { s.rows[$0]! }
        }
        return (order, names, samples)
    }
}
