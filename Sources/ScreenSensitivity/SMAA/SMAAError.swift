import Foundation
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenStore
import ScreenThermodynamics

/// Why an SMAA run cannot go ahead as asked.
///
/// Why its own vocabulary: a user who gets an SMAA error needs to know which of the three
/// inputs — the weight model, the value model or the run's settings — to change, and the
/// message names the criterion, alternative or sample involved.
public enum SMAAError: Error, CustomStringConvertible, Equatable {
    /// A setting or an input of the wrong shape (counts, names, sample numbers).
    case invalidInput(String)
    /// Weight constraints that no weight vector on the simplex satisfies, or that only a set
    /// without volume satisfies (which rejection sampling can never hit).
    case infeasibleWeights(String)
    /// Weight constraints so narrow that rejection from the base sampler accepts fewer than
    /// `minimum` of its draws: `accepted` out of `tries`.
    case lowAcceptance(accepted: Int, tries: Int, minimum: Double)
    /// A value model that cannot be sampled as given (a distribution with invalid parameters,
    /// a value outside its physical bounds).
    case invalidValues(String)
    /// The ranking method refused a sampled problem; `sample` is the 0-based sample number.
    case method(sample: Int, message: String)

    /// The message, prefixed with what part of SMAA failed; `lowAcceptance` also says how to widen
    /// the constraints.
    public var description: String {
        switch self {
        case .invalidInput(let s): "SMAA: \(s)"
        case .infeasibleWeights(let s): "SMAA weight constraints are infeasible: \(s)"
        case .lowAcceptance(let accepted, let tries, let minimum):
            "SMAA weight constraints accept \(accepted) of \(tries) weight draws (rate \(Self.format(Double(accepted) / Double(max(tries, 1))))), below the minimum acceptance rate \(Self.format(minimum)); widen the intervals, drop an order constraint, or use a Dirichlet base centred inside the constrained region"
        case .invalidValues(let s): "SMAA values: \(s)"
        case .method(let sample, let message): "SMAA sample \(sample): \(message)"
        }
    }

    private static func format(_ x: Double) -> String {
        x == 0 ? "0" : String(format: "%.3g", x)
    }
}

/// Printed as is by the command line (see `UserFacingError`).
extension SMAAError: UserFacingError {}
