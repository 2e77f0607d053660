import ArgumentParser
import Foundation
import Screening

@main
struct Screen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Rank candidate protective layers for sodium metal anodes against the review's criteria.",
        discussion: DescriptorStore.folderHelp + "\n\n" + TextTable.widthHelp,
        version: "0.1.0",
        subcommands: [Database.self, Stability.self, Fit.self, Impute.self, ProfileCommand.self, Rank.self, ParetoCommand.self, Compare.self, Sensitivity.self, Report.self, Merge.self]
    )

    /// One error path: usage errors from the argument parser are printed as `error: …` with the
    /// command's usage line (exit 64), every user-facing error by `printUserFacing` (exit 1, or
    /// 75 for a busy database); help and --version as the parser prints them.
    static func main() {
        do {
            var arguments = Array(CommandLine.arguments.dropFirst())
            TextTable.takeWideFlag(from: &arguments)
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            if let code = printUserFacing(error) { Foundation.exit(code.rawValue) }
            let status = exitCode(for: error)
            guard status != .success else { exit(withError: error) }   // --help, --version
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst("Error: ".count) }
            printError(message)
            Foundation.exit(status == .validationFailure ? ExitStatus.usage : status.rawValue)
        }
    }
}

struct Database: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Build, import into, inspect and export the descriptor database.",
        subcommands: [Build.self, Import.self, Calibrate.self, Export.self, Show.self, Check.self, Stats.self, Properties.self]
    )
}
