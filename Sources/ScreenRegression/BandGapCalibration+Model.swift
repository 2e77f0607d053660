import Foundation
import ScreenCore
import ScreenNumerics
import ScreenStore

/// The calibration's model: the candidate forms, their cross-validated scores, the chosen
/// model with its prediction intervals, and the check on the sodium compounds.
extension BandGapCalibration {
    /// The candidate forms, simplest first.
    public enum Form: String, CaseIterable, Sendable {
        case proportional, affine, quadratic

        public var formula: String {
            switch self {
            case .proportional: "\(response) ~ \(predictor) - 1"
            case .affine: "\(response) ~ \(predictor)"
            case .quadratic: "\(response) ~ \(predictor) + I(\(predictor)^2)"
            }
        }

        public var equation: String {
            switch self {
            case .proportional: "E_exp = b·E_PBE"
            case .affine: "E_exp = a + b·E_PBE"
            case .quadratic: "E_exp = a + b·E_PBE + c·E_PBE²"
            }
        }

        /// The coefficient letters, in the fit's term order.
        var letters: [String] {
            switch self {
            case .proportional: ["b"]
            case .affine: ["a", "b"]
            case .quadratic: ["a", "b", "c"]
            }
        }
    }

    /// Held-out errors of one form (or of the raw PBE gap).
    public struct Score: Sendable {
        /// nil: the raw PBE gap, no fit.
        public let form: Form?
        public let mae: Double
        public let rmse: Double
        /// Mean squared error of each fold.
        public let foldMSE: [Double]
        /// Fraction of held-out experimental gaps inside their prediction interval (nil for raw).
        public let coverage: Double?

        public var meanFoldMSE: Double { foldMSE.reduce(0, +) / Double(foldMSE.count) }
        /// Standard error of the mean fold MSE.
        public var foldMSEStandardError: Double {
            let k = Double(foldMSE.count), m = meanFoldMSE
            return (foldMSE.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (k - 1)).squareRoot() / k.squareRoot()
        }
    }

    public struct CrossValidation: Sendable {
        public let folds: Int
        public let seed: UInt64
        public let raw: Score
        /// One per form, in `Form.allCases` order.
        public let forms: [Score]
        public let chosen: Form
        public var chosenScore: Score { forms.first { $0.form == chosen }! }
    }

    /// A calibrated gap.
    public struct Calibrated: Sendable, Equatable {
        public let pbe: Double
        /// Clamped at 0.
        public let value: Double
        /// The prediction interval, clamped at 0.
        public let low: Double
        public let high: Double
        /// The model's own value and lower end where clamping changed them.
        public let unclampedValue: Double?
        public let unclampedLow: Double?
        /// PBE gap 0: the empirical metal interval, not the fitted relation.
        public let pbeMetal: Bool
        /// The PBE gap is outside the range the relation was fitted on.
        public let extrapolated: Bool
    }

    /// The fitted calibration.
    public struct Model: Sendable {
        public let form: Form
        public let fit: RegressionResult
        /// Smallest and largest PBE gap of the fit set.
        public let fittedRange: ClosedRange<Double>
        /// The metal interval [0, metalUpper]: the empirical `level` quantile of the experimental
        /// gaps of the joined compositions whose PBE gap is 0.
        public let metalUpper: Double
        public let metalCompositions: Int
        /// How many of those are metals in experiment too.
        public let metalsInExperiment: Int

        /// The calibrated gap and its prediction interval for each PBE gap (eV, ≥ 0).
        public func calibrate(_ pbe: [Double]) throws -> [Calibrated] {
            let formula = try Formula(form.formula)
            let positive = pbe.filter { $0 > 0 }
            var data = DataTable(labels: positive.indices.map(String.init), origin: "PBE gaps")
            data.setColumn(predictor, positive)
            var predictions = try Prediction.predict(fit, formula: formula, data: data).makeIterator()
            return pbe.map { x in
                guard x > 0 else {
                    return Calibrated(pbe: x, value: 0, low: 0, high: metalUpper, unclampedValue: nil, unclampedLow: nil,
                                      pbeMetal: true, extrapolated: false)
                }
                // `predictions` has one entry per positive gap, and each x > 0 here takes the next one.
                let p = predictions.next()!
                return Calibrated(pbe: x, value: max(0, p.fitted), low: max(0, p.predictionLow), high: max(0, p.predictionHigh),
                                  unclampedValue: p.fitted < 0 ? p.fitted : nil, unclampedLow: p.predictionLow < 0 ? p.predictionLow : nil,
                                  pbeMetal: false, extrapolated: !fittedRange.contains(x))
            }
        }

        /// `a = 0.656 ± 0.0466, b = 1.05 ± 0.0214`.
        public var coefficientText: String {
            zip(form.letters, fit.terms).map { "\($0) = \(formatForDisplay($1.estimate)) ± \(formatForDisplay($1.standardError, significant: 3))" }
                .joined(separator: ", ")
        }
    }

    // MARK: Sodium check

    /// One sodium compound of the out-of-sample check.
    public struct SodiumCheckRow: Sendable {
        public let key: String
        public let formula: String
        public let candidates: [String]
        /// Median of its experimental values in the database.
        public let experimental: Double
        public let experimentalValues: Int
        /// Median of its PBE entries (the same pool as the fit), eV.
        public let pbe: Double
        public let pbeEntries: Int
        public let calibrated: Calibrated
        public var inside: Bool { experimental >= calibrated.low && experimental <= calibrated.high }
    }

    public struct SodiumCheck: Sendable {
        public let rows: [SodiumCheckRow]
        /// Sodium compounds with an experimental gap but no PBE gap in the pool.
        public let withoutPBE: [String]
        /// Sodium compounds that are also in the experimental file (so not out of sample), left out.
        public let inFitData: [String]

        public var rawMAE: Double? { mean(rows.map { abs($0.pbe - $0.experimental) }) }
        public var rawRMSE: Double? { mean(rows.map { ($0.pbe - $0.experimental) * ($0.pbe - $0.experimental) }).map { $0.squareRoot() } }
        public var mae: Double? { mean(rows.map { abs($0.calibrated.value - $0.experimental) }) }
        public var rmse: Double? {
            mean(rows.map { ($0.calibrated.value - $0.experimental) * ($0.calibrated.value - $0.experimental) }).map { $0.squareRoot() }
        }
        public var insideCount: Int { rows.filter(\.inside).count }

        private func mean(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count) }
    }
}
