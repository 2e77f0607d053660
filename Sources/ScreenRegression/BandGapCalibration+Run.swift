import Foundation
import ScreenCore
import ScreenNumerics
import ScreenStore

/// The whole calibration: join, fit, cross-validation, metals, sodium check.
extension BandGapCalibration {
    /// Everything a calibration found, for the report and the stored values: the counts at each
    /// step of the join, so a reader can see what was left out and why.
    public struct Outcome: Sendable {
        /// Rows of the experimental file.
        public let experimentalRows: Int
        /// Distinct reduced compositions among them.
        public let experimentalCompositions: Int
        /// PBE band gaps in the pool.
        public let pbeValues: Int
        /// Distinct reduced compositions among them.
        public let pbeCompositions: Int
        /// Every composition with both gaps, in key order, with its role and fold.
        public let joined: [JoinedComposition]
        /// The cross-validation and the form it chose.
        public let crossValidation: CrossValidation
        /// The chosen form fitted on the whole fit set, with the metal interval.
        public let model: Model
        /// The out-of-sample check on the database's sodium compounds.
        public let sodium: SodiumCheck
        /// The level of the prediction intervals and of the metal quantile (e.g. 0.95).
        public let level: Double

        /// How many joined compositions have `role`.
        /// - Complexity: O(j) for j joined compositions.
        public func count(_ role: JoinedComposition.Role) -> Int { joined.filter { $0.role == role }.count }
    }

    /// Why a calibration cannot be made from the data given.
    public enum CalibrationError: Error, CustomStringConvertible {
        /// Only the given number of compositions can be fitted (both gaps > 0), fewer than
        /// max(2k, 10) for k `folds`.
        case tooFewCompositions(Int, folds: Int)
        /// Every form's cross-validated error is not a number (the data make every fold fit degenerate).
        case noFiniteScore(folds: Int)
        /// The problem in words, with what to do about it (import PBE gaps, check `--pbe-source`).
        public var description: String {
            switch self {
            case let .tooFewCompositions(n, folds):
                "only \(n) compositions have both an experimental and a PBE gap above 0: a calibration with \(folds)-fold cross-validation needs at least \(max(2 * folds, 10)) (import a computed database of PBE band gaps first, or check --pbe-source)"
            case let .noFiniteScore(folds):
                "no form of the calibration has a finite \(folds)-fold cross-validated error: the fold fits are degenerate (are the PBE gaps all equal?); nothing was stored"
            }
        }
    }

    /// Joins, cross-validates the forms, fits the chosen one on the whole fit set and checks it on
    /// the sodium compounds.
    ///
    /// - Parameters:
    ///   - folds: k of the cross-validation (compositions are shuffled with `RandomGenerator(seed:)`
    ///     in key order and dealt round-robin into folds 1…k).
    ///   - level: level of the prediction intervals and of the metal quantile.
    /// - Throws: `CalibrationError.tooFewCompositions` when fewer than max(2k, 10) compositions can be
    ///   fitted; `DesignError`/`GSLError` from the fits.
    /// - Complexity: O(k · F · n) for n fit compositions and F forms, plus sorting.
    public static func calibrate(experimental: [ExperimentalRow], pbe: [PBEValue], sodium: [SodiumValue],
                                 folds: Int = 10, seed: UInt64 = 1, level: Double = 0.95) throws -> Outcome {
        precondition(folds >= 2, "cross-validation needs at least 2 folds")
        let expByKey = Dictionary(grouping: experimental, by: \.key)
        let pbeByKey = Dictionary(grouping: pbe, by: \.key)
        // Groups made by `Dictionary(grouping:)` are never empty, so their medians exist.
        let pbeMedian = pbeByKey.mapValues { median($0.map(\.gap))! }

        // The join, in key order.
        var joined: [JoinedComposition] = []
        var fitKeys: [String] = []
        for key in expByKey.keys.sorted() {
            guard let p = pbeMedian[key] else { continue }
            // `key` comes from `expByKey.keys` and, past the guard, is in `pbeMedian` (so in `pbeByKey`); groups are never empty.
            let rows = expByKey[key]!
            let e = median(rows.map(\.gap))!
            let role: JoinedComposition.Role = p == 0 ? .pbeMetal : (e == 0 ? .experimentalMetal : .fit)
            if role == .fit { fitKeys.append(key) }
            joined.append(JoinedComposition(key: key, formulas: rows.map(\.formula), experimental: e, experimentalRows: rows.count,
                                            pbe: p, pbeEntries: pbeByKey[key]!.count, role: role, fold: nil))
        }
        guard fitKeys.count >= max(2 * folds, 10) else { throw CalibrationError.tooFewCompositions(fitKeys.count, folds: folds) }

        // Folds: a seeded Fisher–Yates shuffle of the fit set, dealt round-robin.
        let rng = RandomGenerator(seed: seed)
        var order = fitKeys
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.uniformInteger(below: i + 1)) }
        var foldOf: [String: Int] = [:]
        for (i, key) in order.enumerated() { foldOf[key] = i % folds + 1 }
        joined = joined.map { j in
            JoinedComposition(key: j.key, formulas: j.formulas, experimental: j.experimental, experimentalRows: j.experimentalRows,
                              pbe: j.pbe, pbeEntries: j.pbeEntries, role: j.role, fold: foldOf[j.key])
        }
        let fitSet = joined.filter { $0.role == .fit }

        let cv = try crossValidate(fitSet, folds: folds, seed: seed, level: level)
        let fit = try LinearRegression.fit(try design(cv.chosen, fitSet), level: level)
        let pbeMetals = joined.filter { $0.role == .pbeMetal }
        let xs = fitSet.map(\.pbe)
        // `fitSet` has at least max(2·folds, 10) compositions (the guard above), so min and max exist.
        let model = Model(form: cv.chosen, fit: fit, fittedRange: xs.min()!...xs.max()!,
                          metalUpper: quantile(pbeMetals.map(\.experimental), level) ?? 0,
                          metalCompositions: pbeMetals.count, metalsInExperiment: pbeMetals.filter { $0.experimental == 0 }.count)

        // The sodium check: the database's experimental gaps of sodium compounds, by composition.
        let sodiumByKey = Dictionary(grouping: sodium, by: \.key)
        var rows: [SodiumCheckRow] = [], withoutPBE: [String] = [], inFit: [String] = []
        for key in sodiumByKey.keys.sorted() {
            // `key` comes from `sodiumByKey.keys`; past the guard it is in `pbeMedian`, so in `pbeByKey`; groups are never empty.
            let values = sodiumByKey[key]!
            let name = values[0].formula
            if expByKey[key] != nil { inFit.append(name); continue }
            guard let p = pbeMedian[key] else { withoutPBE.append(name); continue }
            rows.append(SodiumCheckRow(key: key, formula: name, candidates: Array(Set(values.map(\.candidate))).sorted(),
                                       experimental: median(values.map(\.gap))!, experimentalValues: values.count,
                                       pbe: p, pbeEntries: pbeByKey[key]!.count, calibrated: try model.calibrate([p])[0]))
        }
        return Outcome(experimentalRows: experimental.count, experimentalCompositions: expByKey.count, pbeValues: pbe.count,
                       pbeCompositions: pbeByKey.count, joined: joined, crossValidation: cv, model: model,
                       sodium: SodiumCheck(rows: rows, withoutPBE: withoutPBE, inFitData: inFit), level: level)
    }

    static func design(_ form: Form, _ rows: [JoinedComposition]) throws -> DesignMatrix {
        var data = DataTable(labels: rows.map(\.key), origin: "joined band gaps")
        data.setColumn(response, rows.map(\.experimental))
        data.setColumn(predictor, rows.map(\.pbe))
        return try DesignMatrix(formula: try Formula(form.formula), data: data)
    }

    /// Every form fitted on k − 1 folds and scored on the held-out fold; the raw PBE gap scored on
    /// the same rows.
    static func crossValidate(_ fitSet: [JoinedComposition], folds: Int, seed: UInt64, level: Double) throws -> CrossValidation {
        func score(_ form: Form?, _ errors: [[Double]], covered: Int?) -> Score {
            let all = errors.flatMap { $0 }
            let n = Double(all.count)
            return Score(form: form, mae: all.reduce(0) { $0 + abs($1) } / n, rmse: (all.reduce(0) { $0 + $1 * $1 } / n).squareRoot(),
                         foldMSE: errors.map { e in e.reduce(0) { $0 + $1 * $1 } / Double(e.count) },
                         coverage: covered.map { Double($0) / n })
        }
        let byFold = (1...folds).map { k in fitSet.filter { $0.fold == k } }
        let raw = score(nil, byFold.map { $0.map { $0.pbe - $0.experimental } }, covered: nil)
        var scores: [Score] = []
        for form in Form.allCases {
            var errors: [[Double]] = [], covered = 0
            for k in 1...folds {
                let train = fitSet.filter { $0.fold != k }, test = byFold[k - 1]
                let fit = try LinearRegression.fit(try design(form, train), level: level)
                var data = DataTable(labels: test.map(\.key), origin: "fold \(k)")
                data.setColumn(predictor, test.map(\.pbe))
                let predictions = try Prediction.predict(fit, formula: try Formula(form.formula), data: data)
                errors.append(zip(predictions, test).map { $0.fitted - $1.experimental })
                covered += zip(predictions, test).filter { $0.predictionLow <= $1.experimental && $1.experimental <= $0.predictionHigh }.count
            }
            scores.append(score(form, errors, covered: covered))
        }
        // One score per `Form` case, each with its form. The one-standard-error rule: the simplest
        // form within one standard error of the best mean fold MSE. A score that is not a number
        // (a degenerate fold fit) is never chosen; a standard error that is not a number widens nothing.
        let finite = scores.filter { $0.meanFoldMSE.isFinite }
        guard let best = finite.min(by: { $0.meanFoldMSE < $1.meanFoldMSE }) else { throw CalibrationError.noFiniteScore(folds: folds) }
        let tolerance = best.foldMSEStandardError.isFinite ? best.foldMSEStandardError : 0
        let chosen = (finite.first { $0.meanFoldMSE <= best.meanFoldMSE + tolerance } ?? best).form!
        return CrossValidation(folds: folds, seed: seed, raw: raw, forms: scores, chosen: chosen)
    }
}

/// Printed as is by the command line (see `UserFacingError`).
extension BandGapCalibration.CalibrationError: UserFacingError {}
