/// The forms a result takes on the command line, so that one place (the command line's `--format`)
/// chooses among them and every command honours every format it lists. Each result renders
/// itself; these protocols only say which renderings it has.

/// A result printed as a terminal table or as JSON.
public protocol TextAndJSONOutput {
    func text() -> String
    func json() -> JSONValue
}

/// A result printed as a terminal table, JSON, or one tidy CSV table (`pandas.read_csv` loads it).
public protocol TableOutput: TextAndJSONOutput {
    func csv() throws -> String
}

/// A ranking-like result in every format, of which only the first `top` rows may be wanted
/// (nil: every row).
public protocol RankedOutput {
    func text(top: Int?) -> String
    func json(top: Int?) -> JSONValue
    func csv(top: Int?) throws -> String
}
