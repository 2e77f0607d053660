import ArgumentParser
import Foundation
import Screening

/// `--format` of the commands that write all three. Commands that write fewer take one of the
/// narrower types below, so the parser refuses a format they do not write instead of ignoring it.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv

    /// A ranking-like table in this format: `--top` (or 50 rows on a terminal) for the table,
    /// `--top` for JSON and CSV.
    func render(_ output: some RankedOutput, rows: TableRows) throws -> String {
        switch self {
        case .table: output.text(top: rows.shown)
        case .json: output.json(top: rows.top).rendered()
        case .csv: try output.csv(top: rows.top)
        }
    }

    func render(_ output: some TableOutput) throws -> String {
        switch self {
        case .table: output.text()
        case .json: output.json().rendered()
        case .csv: try output.csv()
        }
    }
}

enum TableOrJSON: String, ExpressibleByArgument, CaseIterable {
    case table, json

    func render(_ output: some TextAndJSONOutput) -> String {
        self == .json ? output.json().rendered() : output.text()
    }
}

enum JSONOrCSV: String, ExpressibleByArgument, CaseIterable {
    case json, csv
}
