import ArgumentParser
import Foundation
import Screening

@main
struct Screen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Rank candidate protective layers for sodium metal anodes against the review's criteria.",
        discussion: """
            The descriptor database is built from the curated CSV files in Descriptors/ \
            (see Descriptors/README.md). Every value carries its unit, method and source.
            """,
        version: "0.1.0",
        subcommands: [Database.self, Stability.self, Fit.self, Impute.self, ProfileCommand.self, Rank.self, ParetoCommand.self, Compare.self, Sensitivity.self, Report.self]
    )
}

struct Database: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Build, import into, inspect and export the descriptor database.",
        subcommands: [Build.self, Import.self, Calibrate.self, Export.self, Show.self, Check.self, Stats.self, Properties.self]
    )
}
