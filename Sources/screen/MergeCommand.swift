import ArgumentParser
import Foundation
import Screening

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
