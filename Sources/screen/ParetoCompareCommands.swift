import ArgumentParser
import Foundation
import Screening

/// The decision matrix and weights a command works on — the profile's (after limits, missing
/// values, transforms and desirability; `profile` is the command's already loaded
/// `input.loadProfile()`) or a CSV's — with the profile's screening (nil in matrix mode).
func decisionMatrix(_ input: RankingInput, profile: Profile?, scope: ScopeOptions) throws -> (DecisionMatrix, [Double], ScreeningResult?) {
    if let profile {
        let result = try input.screening(profile, scope: scope)
        if !result.excluded.isEmpty { printError("note: \(result.excluded.count) candidates excluded (see `screen rank`)") }
        let (m, w) = try result.weightedMatrix()
        return (m, w, result)
    }
    guard let (m, w, _) = try input.loadMatrix() else { throw ValidationError("give either --profile or --matrix") }
    return (m, w, nil)
}

struct ParetoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pareto",
        abstract: "Non-dominated sorting into Pareto fronts (weights play no part).")
    @OptionGroup var input: RankingInput
    @OptionGroup(title: "Scope (profile mode)") var scope: ScopeOptions
    @Option(help: "table or json.") var format: TableOrJSON = .table
    @OptionGroup var rows: TableRows

    func validate() throws { try input.requireOne(scope: scope) }

    func run() throws {
        let report = ParetoReport(matrix: try decisionMatrix(input, profile: try input.loadProfile(), scope: scope).0)
        print(format == .json ? report.json().rendered() : report.text(top: rows.shown), terminator: "")
    }
}

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank with several methods side by side, with rank-similarity coefficients and Borda/Copeland consensus.")
    @OptionGroup var input: RankingInput
    @OptionGroup(title: "Scope (profile mode)") var scope: ScopeOptions
    @Option(help: "Comma-separated methods (default: all ten).") var methods: String?
    @Option(help: "table or json.") var format: TableOrJSON = .table
    @OptionGroup var rows: TableRows

    func validate() throws { try input.requireOne(scope: scope) }

    func run() throws {
        let (matrix, weights, _) = try decisionMatrix(input, profile: try input.loadProfile(), scope: scope)
        let names = methods.map { $0.split(separator: ",").map { $0.trimmingWhitespace() } } ?? RankingMethods.names
        let comparison = try MethodComparison(matrix: matrix, weights: weights, methods: names)
        print(format == .json ? comparison.json().rendered() : comparison.text(top: rows.shown), terminator: "")
    }
}
