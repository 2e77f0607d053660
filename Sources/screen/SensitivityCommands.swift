import ArgumentParser
import Foundation
import Screening

struct Sensitivity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How robust is the ranking to the criteria weights and to the data's uncertainty?",
        subcommands: [Sweep.self])

    struct Sweep: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One-at-a-time weight sweeps with the exact weights at which the top of the ranking changes.",
            discussion: "Each criterion's weight moves from 0 to 1 while the others keep their proportions. For additive methods (wsm, moora, spotis, promethee2) the crossings are exact; for the others they are bisected to --tolerance.")
        @OptionGroup var input: RankingInput
        @Option(help: "Ranking method (default: the profile's, or topsis).") var method: String?
        @Option(help: "Normalisation (default: the method's).") var normalization: String?
        @Option(help: "Method parameter name=value (repeatable).") var param: [String] = []
        @Option(help: "How many leading positions to follow.") var top: Int = 3
        @Option(help: "Bisection tolerance on the weight (non-additive methods).") var tolerance: Double = 1e-9
        @Option(help: "table or json.") var format: OutputFormat = .table

        func run() throws {
            try reportingInputErrors {
                let (matrix, weights, profile) = try sensitivityMatrix(input)
                let ranking = try RankingMethods.make(name: method ?? profile?.method ?? "topsis",
                                                      normalization: try normalization.map(parseNormalization) ?? profile?.normalization.map(parseNormalization),
                                                      parameters: try parseParameters(param) ?? profile?.parameters.mapValues { .number($0) } ?? [:])
                let result = try WeightSweep.run(matrix: matrix, weights: weights, method: ranking, topK: top, tolerance: tolerance)
                print(format == .json ? result.json().rendered() : result.text(), terminator: "")
            }
        }
    }
}

func parseNormalization(_ name: String) throws -> Normalization {
    guard let n = Normalization(rawValue: name) else {
        throw DecisionError.parameter("unknown normalization '\(name)'; valid: \(Normalization.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return n
}

/// The decision matrix for a sensitivity analysis, with the profile it came from (if any).
func sensitivityMatrix(_ input: RankingInput) throws -> (DecisionMatrix, [Double], Profile?) {
    let profile = try input.loadProfile()
    let (matrix, weights) = try decisionMatrix(input)
    return (matrix, weights, profile)
}
