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
