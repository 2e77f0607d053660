import ArgumentParser
import Foundation
import Screening

struct Rank: ParsableCommand, UsageChecked {
    static let configuration = CommandConfiguration(
        abstract: "Rank candidates with a criteria profile, or any decision matrix.",
        discussion: RankingMethods.help)

    @OptionGroup var ranking: RankingOptions
    @Option(help: "table, csv or json.") var format: OutputFormat = .table
    @OptionGroup var rows: TableRows

    func check() throws { try ranking.input.requireOne() }

    func run() throws {
        let (input, method) = (ranking.input, ranking.method)
        let parameters = try MatrixArguments.parameters(method.param)
        if let profile = try input.loadProfile() {
            let result = try ProfileScreening.run(profile, store: try input.db.open(), method: method.method, normalization: method.normalization,
                                                  parameters: parameters, categories: input.category.isEmpty ? nil : input.category,
                                                  scope: try input.scope.override(), values: .screened)
            print(try format.render(result, top: rows.top, shown: rows.shown), terminator: "")
        } else if let (matrix, weights, note) = try input.loadMatrix() {
            let run = try RankingRun(method: method.method ?? "topsis", normalization: method.normalization, parameters: parameters ?? [:],
                                     matrix: matrix, weights: weights)
            print(try format.render(MatrixRanking(matrix: matrix, run: run, weightNote: note), top: rows.top, shown: rows.shown), terminator: "")
        }
    }
}

struct ParetoCommand: ParsableCommand, UsageChecked {
    static let configuration = CommandConfiguration(
        commandName: "pareto",
        abstract: "Non-dominated sorting into Pareto fronts (weights play no part).")
    @OptionGroup var input: RankingInput
    @Option(help: "table or json.") var format: TableOrJSON = .table
    @OptionGroup var rows: TableRows

    func check() throws { try input.requireOne() }

    func run() throws {
        let report = ParetoReport(matrix: try input.decisionMatrix(try input.loadProfile()).0)
        print(format == .json ? report.json(top: rows.top).rendered() : report.text(top: rows.shown), terminator: "")
    }
}

struct Compare: ParsableCommand, UsageChecked {
    static let configuration = CommandConfiguration(
        abstract: "Rank with several methods side by side, with rank-similarity coefficients and Borda/Copeland consensus.")
    @OptionGroup var input: RankingInput
    @Option(help: "Comma-separated methods (default: all ten).") var methods: String?
    @Option(help: "table or json.") var format: TableOrJSON = .table
    @OptionGroup var rows: TableRows

    func check() throws {
        try input.requireOne()
        if format == .json && rows.top != nil {
            throw UsageError("--top shortens compare's table; its JSON keeps every alternative (each method's ranks and scores are arrays over all of them)")
        }
    }

    func run() throws {
        let (matrix, weights, _) = try input.decisionMatrix(try input.loadProfile())
        let names = methods.map { $0.split(separator: ",").map { $0.trimmingWhitespace() } } ?? RankingMethods.names
        let comparison = try MethodComparison(matrix: matrix, weights: weights, methods: names)
        print(format == .json ? comparison.json().rendered() : comparison.text(top: rows.shown), terminator: "")
    }
}
