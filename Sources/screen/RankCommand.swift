import ArgumentParser
import Foundation
import Screening

struct Rank: ParsableCommand, UsageChecked {
    static let configuration = CommandConfiguration(
        abstract: "Rank candidates with a criteria profile, or any decision matrix.",
        discussion: """
            Methods (--method) and their default normalisations (pymcdm 1.4's): wsm (sum), wpm (sum), \
            waspas (linear; --param lambda=0.5), topsis (minmax), vikor (none; --param v=0.5; score is Q, lower is better), \
            promethee2 (--param preference=usual|ushape|vshape|level|linear|gaussian, q, p, s), copras, spotis \
            (bounds from the data, or --param bounds_min=…,… bounds_max=…), edas, moora. \
            Normalisations (--normalization): minmax, max, sum, vector, log, linear, zscore, none (for wsm, wpm, waspas, topsis, vikor).
            """)

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
                                                  scope: try input.scope.override(), values: .screened)
            print(try format.render(result, rows: rows), terminator: "")
        } else if let (matrix, weights, note) = try input.loadMatrix() {
            let run = try RankingRun(method: method.method ?? "topsis", normalization: method.normalization, parameters: parameters ?? [:],
                                     matrix: matrix, weights: weights)
            print(try format.render(MatrixRanking(matrix: matrix, run: run, weightNote: note), rows: rows), terminator: "")
        }
    }
}
