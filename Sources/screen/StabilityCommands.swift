import ArgumentParser
import Foundation
import Screening

struct Stability: ParsableCommand, UsageChecked {
    static let configuration = CommandConfiguration(
        abstract: "Energy above the convex hull, decomposition, and stability against sodium metal, from the database's formation energies.",
        discussion: StabilityRequest.help)

    @OptionGroup var db: DatabaseOptions
    @Option(help: ArgumentHelp("Comma-separated formulas, e.g. NaF,Al2O3,Na2SO4.", valueName: "formulas"))
    var formula: String?
    @OptionGroup(title: "Many compositions (every composition with a formation energy that passes)") var scope: ScopeOptions
    @Option(help: "The open element (its metal is the reservoir).") var open: String = "Na"
    @Option(help: "table, csv or json (default table).") var format: OutputFormat?
    @Option(help: ArgumentHelp("Do shard i of n of the compositions and print its partial result (JSON) for `screen merge`.", valueName: "i/n"))
    var shard: String?

    func check() throws {
        if scope.polymorphs != nil || scope.join != nil {
            throw UsageError("--polymorphs and --join do not apply to stability (every composition is analysed once, by its lowest-energy entry)")
        }
        _ = try request()
        if shard != nil && format != nil { throw UsageError("--shard prints a partial result for `screen merge`; give --format to merge") }
        _ = try shard.map(Shard.init(text:))
    }

    func request() throws -> StabilityRequest { try StabilityRequest(formulas: formula, filter: try scope.override()?.filter, open: open) }

    func run() throws {
        let request = try request()
        if let shard {
            print(try request.partial(store: try db.open(), shard: try Shard(text: shard)).json(), terminator: "")
        } else {
            print(try (format ?? .table).render(try request.run(store: try db.open())), terminator: "")
        }
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the partial results of a sharded run (--shard i/n) into exactly the result of one run.",
        discussion: Shard.help)
    @Argument(help: "The partial results (JSON files written with --shard).") var files: [String]
    @Option(help: "table, csv or json.") var format: OutputFormat = .table

    func run() throws {
        let urls = files.map { URL(fileURLWithPath: $0) }
        if let first = urls.first, try PartialResultHeader(contentsOf: first).kind == SMAARequest.partialKind {
            throw UsageError("SMAA partial results are merged by the SMAA command itself, with the shards' options (its confidence pass needs the inputs): screen sensitivity smaa <the same options> --merge \(files.joined(separator: " "))")
        }
        let table = StabilityTable.merged(try PartialResult<StabilityTable>.readAll(urls, kind: StabilityTable.partialKind))
        print(try format.render(table), terminator: "")
    }
}
