import ArgumentParser
import Foundation
import Screening

/// Where the database is, and where it is built from on first use.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The SQLite database file (default: $SCREEN_DB or .screen/descriptors.sqlite).")
    var path: String?
    @Option(name: .customLong("from"), help: "The descriptor folder to build from (default: $SCREEN_DESCRIPTORS or Descriptors).")
    var folder: String?

    var databasePath: String { path ?? DescriptorStore.defaultPath }
    var descriptorFolder: URL { folder.map { URL(fileURLWithPath: $0) } ?? DescriptorStore.defaultDescriptorFolder }

    /// A profile file, or the name of a bundled one (see `ProfileLoader.locate`).
    func profileURL(_ profile: String) -> URL { ProfileLoader.locate(profile, descriptorFolder: descriptorFolder) }

    /// Opens the database, building it from the descriptor folder when it does not exist yet.
    func open() throws -> DescriptorStore {
        try DescriptorStore.open(path: databasePath, buildingFrom: descriptorFolder, building: printError)
    }
}

/// `--top N` of the ranking-like commands (rank and pareto: every format; compare: the table, and
/// refused with its JSON, which keeps every alternative).
struct TableRows: ParsableArguments, UsageChecked {
    @Option(parsing: .unconditional, help: "Only the first N rows (default: every one; a table on a terminal shows the first 50).")
    var top: Int?

    func check() throws { try FlagRange.check("--top", top, 1...100_000_000) }

    /// The rows of a table: --top, else 50 on a terminal (a table of thousands would scroll
    /// past), else all.
    var shown: Int? { top ?? (isatty(STDOUT_FILENO) == 1 ? 50 : nil) }
}

/// Options whose checks may call the library, which throws `UsageError`: the parser prints those
/// as its own usage errors (message, usage line, exit status 64) when `check()` runs as `validate()`.
protocol UsageChecked: ParsableArguments {
    /// The checks of the options as given, before any work.
    func check() throws
}

extension UsageChecked {
    func validate() throws {
        do { try check() } catch let error as UsageError { throw ValidationError(error.message) }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Prints an error for the person running the tool in its printed form (see `UserFacingError`) and
/// returns its exit code; nil for an error that is not user-facing (a bug, shown by the caller as it is).
func printUserFacing(_ error: Error) -> ExitCode? {
    guard let e = error as? any UserFacingError ?? DescriptorStore.userFacing(error) else { return nil }
    printError(e.printedForm)
    return ExitCode(e.exitStatus)
}

/// `--format`: the forms a command writes (`OutputFormat`, `TableOrJSON`, `JSONOrCSV`; the
/// parser refuses a format a command does not write instead of ignoring it).
extension OutputFormat: ExpressibleByArgument {}
extension TableOrJSON: ExpressibleByArgument {}
extension JSONOrCSV: ExpressibleByArgument {}
