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
