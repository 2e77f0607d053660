import Foundation
import ScreenCore
import ScreenDecision
import ScreenScoring

/// One SMAA-2 analysis as the command line asks for it: where the values come from (a
/// screening, a matrix, or value samples made elsewhere), how the weights are drawn, their
/// constraints, and the sample count. Why here: the pairing rules of sample files and the text
/// that says which models were used belong to the analysis, not to argument parsing.
public struct SMAARequest: Sendable {
    /// The decision problem and its value model.
    public enum Values: Sendable {
        /// A profile's screening; its uncertain values are sampled unless `fixed`.
        case screening(ScreeningResult, fixed: Bool)
        /// A decision matrix with its base weights; values fixed.
        case matrix(DecisionMatrix, weights: [Double])
        /// Value samples from a file (`SampleFiles.readValues`) and the criteria types.
        case file(URL, types: [CriterionType])
    }

    /// How weights are drawn before constraints.
    public enum Weights: Sendable {
        /// Uniform on the weight simplex (SMAA-2's "no preference information").
        case uniform
        /// Dirichlet around the base weights.
        case dirichlet(concentration: Double)
        /// Weight samples from a file (`SampleFiles.readWeights`).
        case file(URL)
    }

    /// Where the values come from and how they vary.
    public var values: Values
    /// How weights are drawn; uniform by default.
    public var weights: Weights = .uniform
    /// `criterion=low:high` texts (the command line's --interval).
    public var intervals: [String] = []
    /// `a>=b` texts (--order).
    public var orders: [String] = []
    /// nil: 10,000, or the sample files' length.
    public var samples: Int?
    /// The seed of the run's generator; equal seeds give equal results.
    public var seed: UInt64 = 1
    /// Threads to use; nil: the active cores. Results do not depend on it.
    public var threads: Int?
    /// Ranks reported per candidate.
    public var top: Int?

    /// A request for `values` with uniform weights, no constraints, the default sample count and seed 1.
    public init(values: Values) { self.values = values }

    /// The result and the sentence saying which weight and value models were used.
    /// - Throws: `FlagError` for a malformed constraint or sample files that would have to be
    ///   recycled (files of different lengths, or --samples other than a file's length: sample k
    ///   of the weights is paired with sample k of the values); the readers' and SMAA's errors.
    /// - Complexity: that of `SMAA.run`, O(samples · (m·n + m log m)).
    public func run(method: any RankingMethod) throws -> (result: SMAAResult, model: String) {
        let p = try prepared()
        let result = try SMAA.run(alternatives: p.alternatives, criteria: p.criteria, types: p.types, values: p.values, weights: p.weights,
                                  method: method, samples: p.samples, seed: seed, threads: threads, topK: top)
        return (result, p.model)
    }

    /// The inputs of the run, resolved: names, types, the value and weight models, the sample
    /// count, and the sentence naming the models.
    struct Prepared {
        let alternatives: [String], criteria: [String], types: [CriterionType]
        let values: ValueModel, weights: WeightModel
        let samples: Int
        let model: String
    }

    func prepared() throws -> Prepared {
        var fileCounts: [(file: String, count: Int)] = []
        let alternatives: [String], criteria: [String], types: [CriterionType], baseWeights: [Double]
        let valueModel: ValueModel, valueNote: String
        switch values {
        case .file(let url, let given):
            let read = try SampleFiles.readValues(url, criteria: nil)
            guard given.count == read.criteria.count else {
                throw FlagError("--types", "\(given.count) types for \(read.criteria.count) criteria (\(read.criteria.joined(separator: ", ")))")
            }
            (alternatives, criteria, types) = (read.alternatives, read.criteria, given)
            baseWeights = [Double](repeating: 1.0 / Double(criteria.count), count: criteria.count)
            valueModel = .samples(read.samples)
            fileCounts.append((url.path, read.samples.count))
            valueNote = "\(read.samples.count) value samples from \(url.path)"
        case .screening(let result, let fixed):
            let weighted = try result.weightedMatrix()
            (alternatives, criteria, types) = (weighted.matrix.alternatives, weighted.matrix.criteria, weighted.matrix.types)
            baseWeights = weighted.weights
            let model = result.weightedValueModel(samples: samples ?? 10_000, seed: seed, fixed: fixed)
            valueModel = model.model
            valueNote = model.sampled ? "data uncertainty sampled (measurement ±, ranges, several measurements, imputed intervals)" : "values fixed"
        case .matrix(let m, let w):
            (alternatives, criteria, types, baseWeights) = (m.alternatives, m.criteria, m.types, w)
            valueModel = .fixed(m.values)
            valueNote = "values fixed"
        }

        var weightModel: WeightModel, weightText: String
        switch weights {
        case .file(let url):
            let read = try SampleFiles.readWeights(url, criteria: criteria)
            weightModel = .samples(read.samples)
            fileCounts.append((url.path, read.samples.count))
            weightText = "\(read.samples.count) samples from \(url.path)"
        case .dirichlet(let concentration):
            weightModel = .dirichlet(mean: baseWeights, concentration: concentration)
            weightText = "Dirichlet around " + zip(criteria, baseWeights).map { "\($0) \(formatForDisplay($1, significant: 3))" }.joined(separator: ", ")
                + ", concentration \(formatForDisplay(concentration))"
        case .uniform:
            weightModel = .uniform
            weightText = "uniform on the simplex"
        }
        let parsedIntervals = try intervals.map(Self.interval), parsedOrders = try orders.map(Self.order)
        if !parsedIntervals.isEmpty || !parsedOrders.isEmpty {
            weightModel = weightModel.constrained(intervals: parsedIntervals, orders: parsedOrders)
            weightText += ", constrained"
        }
        if fileCounts.count == 2, fileCounts[0].count != fileCounts[1].count {
            throw FlagError("--weight-samples", "\(fileCounts[0].file) has \(fileCounts[0].count) value samples but \(fileCounts[1].file) has \(fileCounts[1].count) weight samples; SMAA pairs the k-th of each, so give files of the same length")
        }
        if let samples, let (file, count) = fileCounts.first, samples != count {
            throw FlagError("--samples", "\(samples) but \(file) holds \(count) samples; leave --samples out to use them all (samples are never recycled)")
        }
        return Prepared(alternatives: alternatives, criteria: criteria, types: types, values: valueModel, weights: weightModel,
                        samples: samples ?? fileCounts.first?.count ?? 10_000, model: weightText + "; " + valueNote)
    }

    /// `criterion=low:high`.
    static func interval(_ text: String) throws -> WeightInterval {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let range = parts.count == 2 ? parts[1].split(separator: ":").compactMap { DecimalNumber.parse($0) } : []
        guard parts.count == 2, range.count == 2 else { throw FlagError("--interval", "takes criterion=low:high, not '\(text)'") }
        return WeightInterval(criterion: parts[0], lower: range[0], upper: range[1])
    }

    /// `a>=b`.
    static func order(_ text: String) throws -> WeightOrder {
        let parts = text.components(separatedBy: ">=")
        guard parts.count == 2 else { throw FlagError("--order", "takes \"a>=b\", not '\(text)'") }
        return WeightOrder(heavier: parts[0].trimmingWhitespace(), lighter: parts[1].trimmingWhitespace())
    }
}

extension SMAARequest {
    /// The weight models, constraints, value sampling and sample files of a run, in words: what
    /// `screen sensitivity smaa --help` says, kept beside the request it describes.
    public static let help = """
        Weights are drawn uniformly on the simplex (nothing known) or from a Dirichlet centred on the \
        profile's or --weights' values (--weight-model dirichlet --concentration C; larger C = closer), \
        optionally constrained (--interval criterion=0.1:0.5, --order "a>=b"). In profile mode the data's \
        uncertainty is sampled too (a measurement's ± as a normal, a range as a uniform, several \
        measurements as an equal choice, an imputed value's standard error); --fixed-values turns that off. \
        --weight-samples W.csv (header: criterion names) and --value-samples V.csv (header \
        sample,alternative,<criterion>,…) use samples made elsewhere.
        """
}
