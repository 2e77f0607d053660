import ArgumentParser
import Foundation
import Screening

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
