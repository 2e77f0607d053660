import ArgumentParser
import Foundation
import Screening

struct Rank: ParsableCommand, UsageChecked {
    static let configuration = CommandConfiguration(
        abstract: "Rank candidates with a criteria profile, or any decision matrix.",
        discussion: RankingMethods.help)

    @OptionGroup var input: RankingInput
    @OptionGroup(title: "Ranking method") var method: MethodOptions
    @Option(help: "table, csv or json.") var format: OutputFormat = .table
    @OptionGroup var rows: TableRows

    func check() throws { try input.requireOne() }

    func run() throws {
        let parameters = try MatrixArguments.parameters(method.param)
        if let profile = try input.loadProfile() {
            let result = try ProfileScreening.run(profile, store: try input.db.open(), method: method.method, normalization: method.normalization,
                                                  parameters: parameters, categories: input.category.isEmpty ? nil : input.category,
                                                  scope: try input.scope.override())
            print(try format.render(result, rows: rows), terminator: "")
        } else if let (matrix, weights, note) = try input.loadMatrix() {
            let run = try RankingRun(method: method.method ?? "topsis", normalization: method.normalization, parameters: parameters ?? [:],
                                     matrix: matrix, weights: weights)
            print(try format.render(MatrixRanking(matrix: matrix, run: run, weightNote: note), rows: rows), terminator: "")
        }
    }
}
