import ArgumentParser
import Foundation
import Screening

/// Where the database is, and where it is built from on first use.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The SQLite database file (default: $SCREEN_DB or .screen/descriptors.sqlite).")
    var path: String?

    @Option(name: .customLong("from"), help: "The descriptor folder to build from (default: $SCREEN_DESCRIPTORS or Descriptors).")
    var folder: String?

    var databasePath: String {
        path ?? ProcessInfo.processInfo.environment["SCREEN_DB"] ?? ".screen/descriptors.sqlite"
    }

    var descriptorFolder: URL {
        URL(fileURLWithPath: folder ?? ProcessInfo.processInfo.environment["SCREEN_DESCRIPTORS"] ?? "Descriptors")
    }

    /// A profile given as a file path, or as the name of one in the descriptor folder's
    /// `profiles/` (`sei` → Descriptors/profiles/sei.yaml; `computed/sodium-compounds` →
    /// Descriptors/profiles/computed/sodium-compounds.yaml).
    func profileURL(_ profile: String) -> URL {
        let url = URL(fileURLWithPath: profile)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        let named = descriptorFolder.appendingPathComponent("profiles/\(profile.hasSuffix(".yaml") ? profile : profile + ".yaml")")
        return FileManager.default.fileExists(atPath: named.path) || !profile.contains("/") ? named : url
    }

    /// Opens the database, building it from the descriptor folder when it does not exist yet.
    func open() throws -> DescriptorStore {
        if !FileManager.default.fileExists(atPath: databasePath) {
            printError("note: no database at \(databasePath); building it from \(descriptorFolder.path)")
            return try DescriptorStore.build(from: descriptorFolder, to: databasePath)
        }
        return try DescriptorStore(path: databasePath)
    }
}

/// `--top N` of the ranking-like commands (rank: every format; pareto and compare: the table, their
/// JSON keeps every row).
struct TableRows: ParsableArguments {
    @Option(parsing: .unconditional, help: "Only the first N rows (default: every one; a table on a terminal shows the first 50).")
    var top: Int?

    func validate() throws { try FlagRange.check("--top", top, 1...100_000_000) }

    /// The rows of a table: --top, else 50 on a terminal (a table of thousands would scroll
    /// past), else all.
    var shown: Int? { top ?? (isatty(STDOUT_FILENO) == 1 ? 50 : nil) }
}

/// `--format` of the commands that write all three. Commands that write fewer take one of the
/// narrower types below, so the parser refuses a format they do not write instead of ignoring it.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

enum TableOrJSON: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

enum JSONOrCSV: String, ExpressibleByArgument, CaseIterable {
    case json, csv
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// The exit codes (documented in the README's Errors section).
enum ExitStatus {
    /// Bad input or data: a file, line and field, or a flag, is named.
    static let badInput: Int32 = 1
    /// A usage error found by the argument parser (an unknown option, a value out of range).
    static let usage: Int32 = 64
    /// The database is busy (another screen command holds it); trying again later may work.
    static let busy: Int32 = 75
}

/// Prints an error for the person running the tool — problems of a file one per line and a
/// count, a formula error with its caret, anything else after `error: ` — and returns its exit
/// code; nil for an error that is not user-facing (a bug, shown by the caller as it is).
func printUserFacing(_ error: Error) -> ExitCode? {
    switch error {
    case let e as DescriptorProblems:
        printError(e.description)
        printError("error: \(e.problems.count) problem\(e.problems.count == 1 ? "" : "s"); nothing was written")
        return ExitCode(ExitStatus.badInput)
    case let e as FormulaError:
        printError(e.description)
        return ExitCode(ExitStatus.badInput)
    case let e as DatabaseBusyError:
        printError("error: \(e.description)")
        return ExitCode(ExitStatus.busy)
    case let e as UserFacingError:
        printError("error: \(e.description)")
        return ExitCode(ExitStatus.badInput)
    default:
        guard let e = DescriptorStore.userFacing(error) else { return nil }
        return printUserFacing(e)
    }
}
