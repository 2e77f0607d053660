import ArgumentParser
import Foundation
import Screening

struct Rank: ParsableCommand {
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
    @OptionGroup(title: "Scope (profile mode)") var scope: ScopeOptions
    @Option(help: "Ranking method (default: the profile's, or topsis).") var method: String?
    @Option(help: "Normalisation (default: the method's).") var normalization: String?
    @Option(help: "Method parameter name=value (repeatable).") var param: [String] = []
    @Option(help: "table, csv or json.") var format: OutputFormat = .table
    @OptionGroup var rows: TableRows

    func validate() throws {
        try input.requireOne()
        try scope.requireProfile(input)
    }

    func run() throws {
        let parameters = try parseParameters(param)
        if let profile = try input.loadProfile() {
            let result = try ProfileScreening.run(profile, store: try input.db.open(), method: method, normalization: normalization,
                                                  parameters: parameters, categories: input.category.isEmpty ? nil : input.category,
                                                  scope: try scope.override())
            switch format {
            case .table: print(result.text(top: rows.shown), terminator: "")
            case .json: print(result.json(top: rows.top).rendered(), terminator: "")
            case .csv: print(try result.csv(top: rows.top), terminator: "")
            }
        } else if let (matrix, weights, note) = try input.loadMatrix() {
            let run = try RankingRun(method: method ?? "topsis", normalization: normalization, parameters: parameters ?? [:],
                                     matrix: matrix, weights: weights)
            let report = MatrixRanking(matrix: matrix, run: run, weightNote: note)
            switch format {
            case .table: print(report.text(top: rows.shown), terminator: "")
            case .json: print(report.json(top: rows.top).rendered(), terminator: "")
            case .csv: print(try report.csv(top: rows.top), terminator: "")
            }
        }
    }
}
