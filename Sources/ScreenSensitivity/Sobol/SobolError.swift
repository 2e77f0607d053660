import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics
/// Why a Sobol' analysis cannot be run as asked.
public enum SobolError: Error, CustomStringConvertible, Equatable {
    /// The analysis was given no inputs.
    case noInputs
    /// More inputs than the design supports (`SaltelliDesign.maximumInputCount`).
    case tooManyInputs(count: Int, maximum: Int)
    /// An input whose distribution or name is not usable.
    case input(name: String, reason: String)
    /// N (base samples) not positive, or more points than GSL's Sobol' generator has.
    case baseSamples(Int)
    /// A negative number of Sobol' points to skip.
    case skip(Int)
    /// Bootstrap replicates must be at least 2 (a standard deviation needs two).
    case bootstrap(Int)
    /// The confidence level must lie strictly between 0 and 1.
    case confidence(Double)
    /// A thread count below 1.
    case threads(Int)
    /// An input's inverse CDF returned NaN or ±∞ at this Sobol' coordinate.
    case nonFiniteInput(input: String, quantile: Double, value: Double)
    /// The model returned no outputs at all.
    case noOutputs
    /// The model returned `got` outputs on this row where `expected` were expected.
    case outputCount(row: Int, expected: Int, got: Int)
    /// The model returned a non-finite value (NaN, ±∞) for output `output` on row `row`.
    case nonFiniteOutput(row: Int, output: Int, value: Double, point: [Double])
    /// Output names that do not match the model's outputs.
    case outputNames(String)
    /// Precomputed outputs that do not match the design (`SobolAnalysis.analyze`).
    case outputShape(String)
    /// Weight factors that cannot be normalised (`NormalizedWeightFactors`).
    case weights(String)

    /// The message, naming the input, output, row or setting at fault.
    public var description: String {
        switch self {
        case .noInputs:
            "Sobol' analysis: no inputs (at least one is needed)"
        case .tooManyInputs(let n, let max):
            "Sobol' analysis: \(n) inputs, but at most \(max) are supported (the Saltelli design needs a Sobol' sequence of twice as many dimensions and GSL's has at most \(2 * max))"
        case .input(let name, let reason):
            "Sobol' input '\(name)': \(reason)"
        case .baseSamples(let n):
            "Sobol' analysis: the number of base samples N must be between 1 and \(SobolSequence.maximumPointCount) (got \(n))"
        case .skip(let n):
            "Sobol' analysis: the number of skipped points must not be negative (got \(n))"
        case .bootstrap(let n):
            "Sobol' analysis: at least 2 bootstrap replicates are needed for an interval (got \(n))"
        case .confidence(let c):
            "Sobol' analysis: the confidence level must lie strictly between 0 and 1 (got \(c))"
        case .threads(let n):
            "Sobol' analysis: the number of threads must be at least 1 (got \(n))"
        case .nonFiniteInput(let name, let q, let v):
            "Sobol' input '\(name)': its inverse CDF gave \(v) at quantile \(q)"
        case .noOutputs:
            "Sobol' analysis: the model returned no outputs"
        case .outputCount(let row, let expected, let got):
            "Sobol' analysis: the model returned \(got) outputs on row \(row) but \(expected) on row 0"
        case .nonFiniteOutput(let row, let output, let value, let point):
            "Sobol' analysis: the model returned \(value) for output \(output) on row \(row) (inputs \(point))"
        case .outputNames(let s):
            "Sobol' analysis: output names: \(s)"
        case .outputShape(let s):
            "Sobol' analysis: model outputs: \(s)"
        case .weights(let s):
            "normalised weights: \(s)"
        }
    }

    /// Equal when the messages are equal (so two NaN values in the same case compare equal).
    public static func == (a: SobolError, b: SobolError) -> Bool {
        a.description == b.description
    }
}
