import ArgumentParser
import Foundation
import Screening

struct Stability: ParsableCommand, UsageChecked {
    static let configuration = CommandConfiguration(
        abstract: "Energy above the convex hull, decomposition, and stability against sodium metal, from the database's formation energies.",
        discussion: """
            Hulls are built from every formation_energy value in the database (import them first: \
            screen db import Descriptors/computed/mp-formation-energies.csv --mapping Descriptors/mappings/mp-formation-energies.yaml). \
            For each composition: energy above the hull of its chemical system and what it decomposes into; against the open \
            element's metal (--open, default Na): the phase evolution with voltage vs Na/Na+ (V = -mu_Na), the stability \
            window of a compound on the hull, the products in equilibrium with the metal, and the most negative reaction \
            energy with the metal over mixing ratios (eV per atom of the mixture).
            """)

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
