import ArgumentParser
import Foundation
import Screening

struct Report: ParsableCommand, UsageChecked {
    static let configuration = CommandConfiguration(
        abstract: "Write the screening report: HTML (self-contained), Markdown with SVG charts, JSON and CSV.",
        discussion: "Runs each profile with its sensitivity analysis (weight sweeps, SMAA-2, Sobol') and writes NAME.html, NAME.md (charts in NAME-charts/), NAME.json and NAME-<profile>-ranking.csv. The same inputs and seed give byte-identical files.")
    @Option(help: "Profiles (files, or names in Descriptors/profiles/); repeatable. Default: every bundled profile.")
    var profile: [String] = []
    @OptionGroup var db: DatabaseOptions
    @OptionGroup(title: "Scope (every profile)") var scope: ScopeOptions
    @Option(help: "Output path without extension.") var out: String = "Reports/screening"
    @Option(parsing: .unconditional, help: "SMAA samples per profile.") var samples: Int = 10_000
    @Option(parsing: .unconditional, help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Report title.") var title: String = "Screening of protective layers for sodium metal anodes"

    func check() throws {
        try FlagRange.check("--samples", samples, 1...FlagRange.maximumSamples)
    }

    func run() throws {
        let files = try ScreeningReport.profiles(named: profile, descriptorFolder: db.descriptorFolder)
        var settings = ProfileAnalysis.Settings()
        (settings.samples, settings.seed) = (samples, seed)
        let report = try ScreeningReport.analysing(profiles: files, store: try db.open(), settings: settings, scope: try scope.override(),
                                                   title: title, progress: printError)
        let written = try report.write(to: URL(fileURLWithPath: out))
        print("wrote \(written.count) files; open \(out).html")
    }
}

struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Work with criteria profiles (YAML files in Descriptors/profiles/).",
        subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a profile and print it as it will be used (canonical units, normalised weights).",
            discussion: "Unknown properties, units that do not fit, empty target windows and unknown methods are errors with file:line: key; weights that do not sum to 1 are normalised with a notice.")
        @Argument(help: "Profile files.") var files: [String]

        func run() throws {
            for (i, file) in files.enumerated() {
                let profile = try ProfileLoader.load(URL(fileURLWithPath: file))
                print((i > 0 ? "\n" : "") + profile.summary(), terminator: "")
            }
        }
    }
}
