/// The forms a result takes on the command line, so that one place (the command line's `--format`)
/// chooses among them and every command honours every format it lists. Each result renders
/// itself; these protocols only say which renderings it has.

/// A result printed as a terminal table or as JSON.
public protocol TextAndJSONOutput {
    /// The result as text for the terminal (usually a `TextTable`).
    func text() -> String
    /// The result as a JSON document.
    func json() -> JSONValue
}

/// A result printed as a terminal table, JSON, or one tidy CSV table (`pandas.read_csv` loads it).
public protocol TableOutput: TextAndJSONOutput {
    /// The result as CSV text with a header row.
    /// - Throws: when a cell cannot be written (the conforming type says which error).
    func csv() throws -> String
}

/// A ranking-like result in every format, of which only the first `top` rows may be wanted
/// (nil: every row).
public protocol RankedOutput {
    /// The first `top` rows (nil: every row) as text for the terminal.
    func text(top: Int?) -> String
    /// The first `top` rows (nil: every row) as a JSON document.
    func json(top: Int?) -> JSONValue
    /// The first `top` rows (nil: every row) as CSV text with a header row.
    /// - Throws: when a cell cannot be written (the conforming type says which error).
    func csv(top: Int?) throws -> String
}

/// `--format` of the commands that write all three forms. Commands that write fewer take one of
/// the narrower types below, so the parser refuses a format they do not write instead of
/// ignoring it.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, csv

    /// A ranking-like result in this format: the first `shown` rows as a table (the command line
    /// passes `--top`, or 50 rows on a terminal), the first `top` rows as JSON and CSV (nil: all).
    /// - Throws: the result's CSV errors.
    public func render(_ output: some RankedOutput, top: Int?, shown: Int?) throws -> String {
        switch self {
        case .table: output.text(top: shown)
        case .json: output.json(top: top).rendered()
        case .csv: try output.csv(top: top)
        }
    }

    /// A result in this format.
    /// - Throws: the result's CSV errors.
    public func render(_ output: some TableOutput) throws -> String {
        switch self {
        case .table: output.text()
        case .json: output.json().rendered()
        case .csv: try output.csv()
        }
    }
}

/// `--format` of the commands that write a terminal table or JSON.
public enum TableOrJSON: String, CaseIterable, Sendable {
    case table, json

    /// A result in this format.
    public func render(_ output: some TextAndJSONOutput) -> String {
        self == .json ? output.json().rendered() : output.text()
    }
}

/// `--format` of `db export`: one JSON document, or CSV tables.
public enum JSONOrCSV: String, CaseIterable, Sendable {
    case json, csv
}
