import ArgumentParser
import Foundation
import Screening

struct Sensitivity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How robust is the ranking to the criteria weights and to the data's uncertainty?",
        subcommands: [Sweep.self, SMAACommand.self, SobolCommand.self])

    struct Sweep: ParsableCommand, UsageChecked {
        static let configuration = CommandConfiguration(
            abstract: "One-at-a-time weight sweeps with the exact weights at which the top of the ranking changes.",
            discussion: "Each criterion's weight moves from 0 to 1 while the others keep their proportions. For additive methods (wsm, moora, spotis, promethee2) the crossings are exact; for the others they are bisected to --tolerance.")
        @OptionGroup var ranking: RankingOptions
        @Option(parsing: .unconditional, help: "How many leading positions to follow.") var top: Int = 3
        @Option(parsing: .unconditional, help: "Bisection tolerance on the weight (non-additive methods).") var tolerance: Double = 1e-9
        @Option(help: "table or json.") var format: TableOrJSON = .table

        func check() throws {
            try ranking.input.requireOne()
            try FlagRange.check("--top", top, 1...1_000_000)
            try FlagRange.check("--tolerance", tolerance, atLeast: 1e-15, atMost: 0.1, why: "a weight tolerance; 0 would bisect for ever")
        }

        func run() throws {
            // The screening runs before the method is read (sweep's order): its notes and errors come first.
            let profile = try ranking.input.loadProfile()
            let (matrix, weights, _) = try ranking.input.decisionMatrix(profile)
            let method = try ranking.method.ranking(profile: profile)
            let result = try WeightSweep.run(matrix: matrix, weights: weights, method: method, topK: top, tolerance: tolerance)
            print(format.render(result), terminator: "")
        }
    }
}

enum WeightPrior: String, ExpressibleByArgument, CaseIterable { case uniform, dirichlet }

struct SMAACommand: ParsableCommand, UsageChecked {
    static let configuration = CommandConfiguration(
        commandName: "smaa",
        abstract: "SMAA-2: rank acceptability, central weights, confidence factors and pairwise winning indices.",
        discussion: SMAARequest.help)
    @OptionGroup var ranking: RankingOptions
    @Option(parsing: .unconditional, help: "Number of samples (default 10000, or the number of samples in the given files).") var samples: Int?
    @Option(parsing: .unconditional, help: "Random seed (same seed, same output, whatever the number of threads).") var seed: UInt64 = 1
    @Option(parsing: .unconditional, help: "Threads (default: all cores).") var threads: Int?
    @Option(help: "uniform or dirichlet.") var weightModel: WeightPrior = .uniform
    @Option(parsing: .unconditional, help: "Dirichlet concentration (α = C · weights).") var concentration: Double = 50
    @Option(help: "Weight interval criterion=low:high (repeatable).") var interval: [String] = []
    @Option(help: "Ordinal weight constraint \"a>=b\" (repeatable).") var order: [String] = []
    @Flag(help: "Profile mode: ignore the data's uncertainty.") var fixedValues = false
    @Option(help: "Weight samples made elsewhere (CSV, header: criterion names).") var weightSamples: String?
    @Option(help: "Value samples made elsewhere (CSV, header: sample,alternative,<criterion>,…).") var valueSamples: String?
    @Option(parsing: .unconditional, help: "Rank acceptabilities reported per candidate (b1…bK; default: the run's).") var ranks: Int?
    @OptionGroup var rows: TableRows
    @Option(help: "table or json (default table).") var format: TableOrJSON?
    @Option(help: ArgumentHelp("Run shard i of n of the sample blocks and print its partial result (JSON) for --merge.", valueName: "i/n"))
    var shard: String?
    @Option(parsing: .upToNextOption, help: "Merge the shards' partial results (the same options as the shards) into the run's result.")
    var merge: [String] = []

    func check() throws {
        try ranking.input.requireOne(orValueSamples: valueSamples != nil)
        try FlagRange.check("--samples", samples, 1...FlagRange.maximumSamples)
        try FlagRange.check("--threads", threads, 1...1024)
        try FlagRange.check("--ranks", ranks, 1...1_000_000)
        try FlagRange.check("--concentration", concentration, above: 0, below: 1e6, includingHigh: true, why: "the Dirichlet concentration scales the weights into its parameters")
        if shard != nil && (format != nil || rows.top != nil || !merge.isEmpty) {
            throw UsageError("--shard prints a partial result; --format, --top and --merge go with the merge")
        }
        _ = try shard.map(Shard.init(text:))
    }

    func run() throws {
        let (profile, method) = try ranking.profileAndMethod()
        let input = ranking.input
        var request: SMAARequest
        if let valueSamples {
            guard let types = input.types else { throw UsageError("--value-samples needs --types") }
            request = SMAARequest(values: .file(URL(fileURLWithPath: valueSamples), types: try MatrixArguments.types(types)))
        } else if let profile {
            request = SMAARequest(values: .screening(try input.screening(profile), fixed: fixedValues))
        } else if let (m, w, _) = try input.loadMatrix() {
            request = SMAARequest(values: .matrix(m, weights: w))
        } else { throw UsageError("nothing to analyse") }
        request.weights = weightSamples.map { .file(URL(fileURLWithPath: $0)) } ?? (weightModel == .dirichlet ? .dirichlet(concentration: concentration) : .uniform)
        request.intervals = interval
        request.orders = order
        (request.samples, request.seed, request.threads, request.top) = (samples, seed, threads, ranks)
        if let shard {
            print(try request.partial(method: method, shard: try Shard(text: shard)).json(), terminator: "")
            return
        }
        let (result, model) = merge.isEmpty ? try request.run(method: method)
            : try request.merged(method: method, parts: try PartialResult<SMAAPartialCounts>.readAll(merge.map { URL(fileURLWithPath: $0) }, kind: SMAARequest.partialKind))
        print(format == .json ? result.json(weightModel: model, top: rows.top).rendered()
                              : result.text(limit: rows.shown, weightModel: model), terminator: "")
    }
}

struct SobolCommand: ParsableCommand, UsageChecked {
    static let configuration = CommandConfiguration(
        commandName: "sobol",
        abstract: "Sobol' indices (first order and total, with bootstrap intervals) of the leading candidates' scores and ranks.",
        discussion: RankingSobol.help)
    @OptionGroup var ranking: RankingOptions
    @Option(parsing: .unconditional, help: "Relative spread s of the weight factors around the base weights.") var spread: Double = 0.5
    @Option(parsing: .unconditional, help: "Base samples N (evaluations: N·(d + 2)).") var samples: Int = 1024
    @Option(parsing: .unconditional, help: "Bootstrap resamples for the intervals.") var bootstrap: Int = 500
    @Option(parsing: .unconditional, help: "Random seed (bootstrap).") var seed: UInt64 = 1
    @Option(name: [.long, .customLong("top")], parsing: .unconditional, help: "How many leading candidates to analyse (--top N, as for the other ranking commands).") var candidates: Int = 5
    @Flag(help: "Profile mode: include the leading candidates' uncertain values as inputs.") var values = false
    @Option(help: "table or json.") var format: TableOrJSON = .table

    func check() throws {
        try ranking.input.requireOne()
        try FlagRange.check("--samples", samples, 64...1_048_576, why: "Sobol' indices need at least 64 base samples to mean anything")
        try FlagRange.check("--bootstrap", bootstrap, 0...100_000)
        try FlagRange.check("--candidates", candidates, 1...1000)
        try FlagRange.check("--spread", spread, above: 0, below: 1, why: "weight factors are drawn from [(1 − s)·w, (1 + s)·w]")
    }

    func run() throws {
        let (profile, method) = try ranking.profileAndMethod()
        var setup = RankingSobol.Setup()
        (setup.spread, setup.baseSamples, setup.bootstrap, setup.seed, setup.candidates) = (spread, samples, bootstrap, seed, candidates)
        let (matrix, weights, screening) = try ranking.input.decisionMatrix(profile)
        let result = try RankingSobol.run(matrix: matrix, weights: weights, method: method, setup: setup,
                                          valuesOf: values ? screening : nil) { printError("note: \($0)") }
        print(format.render(result), terminator: "")
    }
}
