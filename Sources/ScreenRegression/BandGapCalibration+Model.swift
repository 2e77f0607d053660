import Foundation
import ScreenCore
import ScreenNumerics
import ScreenStore

/// The calibration's model: the candidate forms, their cross-validated scores, the chosen
/// model with its prediction intervals, and the check on the sodium compounds.
extension BandGapCalibration {
    /// The candidate forms, simplest first.
    public enum Form: String, CaseIterable, Sendable {
        /// `proportional`: E_exp = b·E_PBE, a line through the origin; `affine`: E_exp = a + b·E_PBE;
        /// `quadratic`: E_exp = a + b·E_PBE + c·E_PBE² — in order of complexity, which the
        /// one-standard-error rule uses to prefer the simplest.
        case proportional, affine, quadratic

        /// The form as a model formula of the regression stage (`exp_gap ~ pbe_gap - 1`), to fit it
        /// with `LinearRegression` and predict with `Prediction`.
        public var formula: String {
            switch self {
            case .proportional: "\(response) ~ \(predictor) - 1"
            case .affine: "\(response) ~ \(predictor)"
            case .quadratic: "\(response) ~ \(predictor) + I(\(predictor)^2)"
            }
        }

        /// The form as an equation for people (`E_exp = a + b·E_PBE`), for reports and stored method texts.
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
        /// Mean absolute held-out error over every fold's predictions pooled, eV.
        public let mae: Double
        /// Root mean squared held-out error over every fold's predictions pooled, eV.
        public let rmse: Double
        /// Mean squared error of each fold.
        public let foldMSE: [Double]
        /// Fraction of held-out experimental gaps inside their prediction interval (nil for raw).
        public let coverage: Double?

        /// Mean of the fold MSEs, eV² — what the one-standard-error rule compares (NaN with no folds).
        public var meanFoldMSE: Double { foldMSE.reduce(0, +) / Double(foldMSE.count) }
        /// Standard error of the mean fold MSE.
        public var foldMSEStandardError: Double {
            let k = Double(foldMSE.count), m = meanFoldMSE
            return (foldMSE.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (k - 1)).squareRoot() / k.squareRoot()
        }
    }

    /// The k-fold cross-validation of every form, and the form it chose: why this model and not a
    /// more flexible one, with the raw PBE gap as the baseline any calibration must beat.
    public struct CrossValidation: Sendable {
        /// k, the number of folds (≥ 2).
        public let folds: Int
        /// The seed of the shuffle that dealt the compositions into folds.
        public let seed: UInt64
        /// The raw PBE gap's errors on the same held-out rows (`form` nil, `coverage` nil).
        public let raw: Score
        /// One per form, in `Form.allCases` order.
        public let forms: [Score]
        /// The simplest form whose mean fold MSE is within one standard error of the lowest.
        public let chosen: Form
        /// The chosen form's score (`forms` holds one score per form, so it always exists).
        public var chosenScore: Score { forms.first { $0.form == chosen }! }
    }

    /// A calibrated gap.
    public struct Calibrated: Sendable, Equatable {
        /// The PBE gap calibrated, eV.
        public let pbe: Double
        /// Clamped at 0.
        public let value: Double
        /// The prediction interval, clamped at 0.
        public let low: Double
        /// The prediction interval's upper end, eV, clamped at 0; for a PBE metal the metal
        /// interval's upper end `metalUpper`.
        public let high: Double
        /// The model's own value and lower end where clamping changed them.
        public let unclampedValue: Double?
        /// The prediction interval's lower end before clamping, when it was below 0 (else nil).
        public let unclampedLow: Double?
        /// PBE gap 0: the empirical metal interval, not the fitted relation.
        public let pbeMetal: Bool
        /// The PBE gap is outside the range the relation was fitted on.
        public let extrapolated: Bool
    }

    /// The fitted calibration.
    public struct Model: Sendable {
        /// The form chosen by cross-validation.
        public let form: Form
        /// The OLS fit of `form` on the whole fit set (coefficients, σ, R², at the run's level).
        public let fit: RegressionResult
        /// Smallest and largest PBE gap of the fit set.
        public let fittedRange: ClosedRange<Double>
        /// The metal interval [0, metalUpper]: the empirical `level` quantile of the experimental
        /// gaps of the joined compositions whose PBE gap is 0.
        public let metalUpper: Double
        /// How many joined compositions have a PBE gap of 0 (the sample behind `metalUpper`;
        /// with none, `metalUpper` is 0).
        public let metalCompositions: Int
        /// How many of those are metals in experiment too.
        public let metalsInExperiment: Int

        /// The calibrated gap and its prediction interval for each PBE gap (eV, ≥ 0), in order.
        /// A gap that is not > 0 (0, negative or NaN) is a PBE metal: value 0 and the empirical
        /// interval [0, `metalUpper`]. An empty array gives an empty one.
        /// - Throws: the errors of `Formula` and `Prediction.predict`.
        /// - Complexity: O(g·p²) for g gaps and p ≤ 3 coefficients.
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
        /// The reduced composition (`ChemicalFormula.reducedKey`) the values were joined on.
        public let key: String
        /// The formula of its first experimental value, as stored.
        public let formula: String
        /// The candidates with an experimental gap of this composition, sorted, each once.
        public let candidates: [String]
        /// Median of its experimental values in the database.
        public let experimental: Double
        /// How many experimental values the median pools.
        public let experimentalValues: Int
        /// Median of its PBE entries (the same pool as the fit), eV.
        public let pbe: Double
        /// How many PBE entries the median pools.
        public let pbeEntries: Int
        /// The calibrated gap of `pbe`, with its prediction interval.
        public let calibrated: Calibrated
        /// Whether the experimental gap lies in the prediction interval (ends included).
        public var inside: Bool { experimental >= calibrated.low && experimental <= calibrated.high }
    }

    /// The out-of-sample check: the database's sodium compounds with an experimental gap that were
    /// not in the fit, calibrated and compared with experiment — whether the model carries over to
    /// the compounds the screening is about.
    public struct SodiumCheck: Sendable {
        /// One row per checked composition, sorted by composition key.
        public let rows: [SodiumCheckRow]
        /// Sodium compounds with an experimental gap but no PBE gap in the pool.
        public let withoutPBE: [String]
        /// Sodium compounds that are also in the experimental file (so not out of sample), left out.
        public let inFitData: [String]

        /// Mean absolute error of the raw PBE gap against experiment, eV; nil with no rows.
        public var rawMAE: Double? { mean(rows.map { abs($0.pbe - $0.experimental) }) }
        /// Root mean squared error of the raw PBE gap against experiment, eV; nil with no rows.
        public var rawRMSE: Double? { mean(rows.map { ($0.pbe - $0.experimental) * ($0.pbe - $0.experimental) }).map { $0.squareRoot() } }
        /// Mean absolute error of the calibrated (clamped) gap against experiment, eV; nil with no rows.
        public var mae: Double? { mean(rows.map { abs($0.calibrated.value - $0.experimental) }) }
        /// Root mean squared error of the calibrated (clamped) gap against experiment, eV; nil with no rows.
        public var rmse: Double? {
            mean(rows.map { ($0.calibrated.value - $0.experimental) * ($0.calibrated.value - $0.experimental) }).map { $0.squareRoot() }
        }
        /// How many rows have their experimental gap inside the prediction interval.
        public var insideCount: Int { rows.filter(\.inside).count }

        private func mean(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count) }
    }
}
