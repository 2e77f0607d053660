import ArgumentParser
import Foundation
import Screening

extension Database {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the database from a descriptor folder (all files in one go; the old database stays until the new one is complete).")
        @OptionGroup var db: DatabaseOptions

        func run() throws {
            try reportingInputErrors {
                let store = try DescriptorStore.build(from: db.descriptorFolder, to: db.databasePath)
                let report = try CoverageReport(store: store)
                print("built \(db.databasePath) from \(db.descriptorFolder.path): \(report.candidateCount) candidates, \(report.measurementCount) measurements, \(report.performanceCount) performance records")
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import CSV files (candidates, measurements or performance layout, told apart by header) in one transaction.",
            discussion: "A bad row rejects the whole import with file:line: field: reason, and the database is left as it was.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "CSV files in one of the Descriptors/ layouts.") var files: [String]

        func run() throws {
            try reportingInputErrors {
                let store = try db.open()
                let n = try store.importFiles(files.map { URL(fileURLWithPath: $0) })
                print("imported \(n.candidates) candidates, \(n.measurements) measurements, \(n.performance) performance records, \(n.phases) phase links into \(store.path)")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the database as JSON (one object with candidates, measurements, performance) or CSV.",
            discussion: "CSV: with --what, one table to standard output (or --out FILE); without it, three files candidates.csv, measurements.csv, performance.csv in the --out folder.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "json or csv.") var format: OutputFormat = .json
        @Option(help: "candidates, measurements or performance.") var what: DescriptorFileKind?
        @Option(help: "Output file (JSON, CSV with --what) or folder (CSV without --what; default: export).") var out: String?

        func run() throws {
            try reportingInputErrors {
                let store = try db.open()
                switch format {
                case .json, .table:
                    let text: String
                    if let what {
                        let all = try DescriptorExport.json(store)
                        guard case .object(let members) = all, let part = members.first(where: { $0.0 == what.rawValue }) else { return }
                        text = part.1.rendered()
                    } else {
                        text = try DescriptorExport.json(store).rendered()
                    }
                    try emit(text, to: out)
                case .csv:
                    if let what {
                        try emit(try DescriptorExport.csv(store, what: what), to: out)
                    } else {
                        let folder = URL(fileURLWithPath: out ?? "export")
                        for kind in DescriptorFileKind.allCases {
                            let url = folder.appendingPathComponent("\(kind.rawValue).csv")
                            try AtomicFile.write(try DescriptorExport.csv(store, what: kind), to: url)
                            print("wrote \(url.path)")
                        }
                    }
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every value of one candidate with unit, method and source.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "Candidate id, e.g. NaF.") var candidate: String
        @Option(help: "table or json.") var format: OutputFormat = .table

        func run() throws {
            try reportingInputErrors {
                let sheet = try CandidateSheet(store: try db.open(), id: candidate)
                print(format == .json ? sheet.json().rendered() : sheet.text(), terminator: "")
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Consistency report on a descriptor folder: unknown units and properties, duplicate ids, values outside physical bounds, dangling references, candidates with no measurements.",
            discussion: "Exits non-zero when there is any error; warnings alone exit zero.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "table or json.") var format: OutputFormat = .table

        func run() throws {
            let store = FileManager.default.fileExists(atPath: db.databasePath) ? try? DescriptorStore(path: db.databasePath) : nil
            let check = ConsistencyCheck(folder: db.descriptorFolder, store: store)
            print(format == .json ? check.json().rendered() : check.text(), terminator: "")
            if !check.errors.isEmpty { throw ExitCode.failure }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Candidates per category and the coverage of each property per category.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "table, json or csv.") var format: OutputFormat = .table

        func run() throws {
            try reportingInputErrors {
                let report = try CoverageReport(store: try db.open())
                switch format {
                case .table: print(report.text(), terminator: "")
                case .json: print(report.json().rendered(), terminator: "")
                case .csv: print(try report.csv(), terminator: "")
                }
            }
        }
    }

    struct Properties: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The property catalogue: canonical units, accepted units, meaning.")

        func run() throws {
            let rows = PropertyCatalogue.all.map { p in
                [p.name, p.canonicalUnit.symbol, p.units.map(\.symbol).joined(separator: " "),
                 p.hasSignConvention ? "adsorption_negative" : "", p.meaning]
            }
            print(TextTable(header: ["property", "unit", "accepted", "stored sign", "meaning"], rows: rows).rendered(), terminator: "")
        }
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
