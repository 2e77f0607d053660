import ArgumentParser
import Foundation
import Screening

extension Database {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the database from a descriptor folder (all files in one go; the old database stays until the new one is complete).")
        @OptionGroup var db: DatabaseOptions
        @Flag(name: .customLong("discard-imports"),
              help: "Replace a database that holds imported data (candidates the folder does not have); without it such a rebuild is refused, naming the commands that re-import.")
        var discardImports = false

        func run() throws {
            var notices: [String] = []
            let store = try DescriptorStore.build(from: db.descriptorFolder, to: db.databasePath, notices: &notices,
                                                  discardingImports: discardImports)
            for notice in notices { printError("note: \(notice)") }
            print("built \(db.databasePath) from \(db.descriptorFolder.path): \(try CoverageReport(store: store).counts)")
        }
    }

    struct Import: ParsableCommand, UsageChecked {
        static let configuration = CommandConfiguration(
            abstract: "Import CSV files (candidates, measurements or performance layout, told apart by header) in one transaction, or a computed database through a mapping (--mapping).",
            discussion: DescriptorStore.importHelp)
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "CSV files in one of the Descriptors/ layouts, or with --mapping the one data file.") var files: [String] = []
        @Option(help: "A mapping YAML file: how the data file's columns or keys become candidates and measurements.") var mapping: String?
        @Option(help: "With --mapping: the folder with atomic-masses.csv and element-costs.csv (default: elements/ of the folder the database was built from).") var elements: String?

        func check() throws { try DescriptorStore.checkImport(files: files, mapping: mapping, elements: elements) }

        func run() throws {
            if let mapping {
                let run = try MappedImportRun.run(mapping: URL(fileURLWithPath: mapping), dataFile: files.first,
                                                  elementsFolder: elements.map { URL(fileURLWithPath: $0) }, openStore: db.open)
                for notice in run.summary.notices { printError("note: \(notice)") }
                for line in run.lines { print(line) }
            } else {
                let store = try db.open()
                let n = try store.importFiles(files.map { URL(fileURLWithPath: $0) })
                print("imported \(n.candidates) candidates, \(n.measurements) measurements, \(n.performance) performance records, \(n.phases) phase links into \(store.path)")
            }
        }
    }

    struct Calibrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Calibrate computed values against experiment and store the calibrated values as derived measurements.",
            subcommands: [BandGap.self])

        struct BandGap: ParsableCommand, UsageChecked {
            static let configuration = CommandConfiguration(
                commandName: "band-gap",
                abstract: "Fit experimental band gaps against the database's PBE gaps and store band_gap_corrected (with its 95 % prediction interval) for every candidate with a PBE band gap.",
                discussion: BandGapCalibration.help)
            @OptionGroup var db: DatabaseOptions
            @Option(help: "The experimental band gaps, formula,target in eV (default: experimental/experimental-band-gaps-without-sodium.csv of the descriptor folder).")
            var experimental: String?
            @Option(help: "Fit only on PBE gaps whose source contains this text (default: every PBE band gap of a computed candidate).")
            var pbeSource: String?
            @Option(parsing: .unconditional, help: "Number of cross-validation folds.") var folds: Int = 10
            @Option(parsing: .unconditional, help: "Seed of the fold assignment.") var seed: UInt64 = 1
            @Option(help: "Also write the joined data (one row per composition, with role and fold) to this CSV file.") var exportJoin: String?
            @Flag(help: "Fit and print without storing anything.") var dryRun = false
            @Option(help: "table or json.") var format: TableOrJSON = .table

            func check() throws {
                try FlagRange.check("--folds", folds, 2...1000)
            }

            func run() throws {
                let store = try db.open()
                let file = experimental.map { URL(fileURLWithPath: $0) }
                    ?? db.descriptorFolder.appendingPathComponent("experimental/experimental-band-gaps-without-sodium.csv")
                let result = try store.calibrateBandGaps(experimental: file, pbeSource: pbeSource, folds: folds, seed: seed, dryRun: dryRun)
                if let exportJoin { try emit(try result.outcome.joinedCSV(), to: exportJoin) }
                print(format.render(result), terminator: "")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the database as JSON (one object with candidates, measurements, performance) or CSV.",
            discussion: "CSV: with --what, one table to standard output (or --out FILE); without it, three files candidates.csv, measurements.csv, performance.csv in the --out folder.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "json or csv.") var format: JSONOrCSV = .json
        @Option(help: "candidates, measurements or performance.") var what: DescriptorFileKind?
        @Option(help: "Output file (JSON, CSV with --what) or folder (CSV without --what; default: export).") var out: String?

        func run() throws {
            let store = try db.open()
            switch (format, what) {
            case (.json, _): try emit(try DescriptorExport.json(store, what: what).rendered(), to: out)
            case (.csv, let what?): try emit(try DescriptorExport.csv(store, what: what), to: out)
            case (.csv, nil):
                for url in try DescriptorExport.csvFiles(store, folder: URL(fileURLWithPath: out ?? "export")) { print("wrote \(url.path)") }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every value of one candidate with unit, method and source.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "Candidate id, e.g. NaF.") var candidate: String
        @Option(help: "table or json.") var format: TableOrJSON = .table

        func run() throws {
            let sheet = try CandidateSheet(store: try db.open(), id: candidate)
            print(format.render(sheet), terminator: "")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Consistency report on a descriptor folder: unknown units and properties, duplicate ids, values outside physical bounds, dangling references, candidates with no measurements.",
            discussion: "Exits non-zero when there is any error; warnings alone exit zero.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "table or json.") var format: TableOrJSON = .table

        func run() throws {
            let store = FileManager.default.fileExists(atPath: db.databasePath) ? try? DescriptorStore(path: db.databasePath) : nil
            let check = ConsistencyCheck(folder: db.descriptorFolder, store: store)
            print(format.render(check), terminator: "")
            if !check.errors.isEmpty { throw ExitCode.failure }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Candidates per category and the coverage of each property per category.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "table, json or csv.") var format: OutputFormat = .table

        func run() throws {
            let report = try CoverageReport(store: try db.open())
            print(try format.render(report), terminator: "")
        }
    }

    struct Properties: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The property catalogue: canonical units, accepted units, meaning.")

        func run() throws { print(PropertyCatalogue.text(), terminator: "") }
    }
}

extension DescriptorFileKind: ExpressibleByArgument {}

func emit(_ text: String, to path: String?) throws {
    if let path {
        try AtomicFile.write(text, to: URL(fileURLWithPath: path))
        printError("wrote \(path)")
    } else {
        print(text, terminator: "")
    }
}
