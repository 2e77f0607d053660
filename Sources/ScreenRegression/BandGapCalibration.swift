import Foundation
import ScreenCore
import ScreenNumerics
import ScreenStore

/// Calibration of PBE band gaps against experiment: PBE underestimates gaps (NaF: 6.09 eV
/// computed, 10.5 eV measured), so a ranking on "electronic insulation" wants a gap corrected
/// towards experiment, with an honest interval.
///
/// The data: experimental gaps of compositions (`formula,target`, 0 = metal) and PBE gaps of
/// database entries. Both are pooled per reduced composition (`ChemicalFormula.reducedKey`) by the
/// **median**: an experimental composition may have several rows and a composition several
/// computed polymorphs, and the experiment does not say which polymorph it measured; the median
/// is the project's rule for combining values and is not moved by one odd polymorph.
///
/// Which compositions enter the fit: those whose pooled experimental **and** PBE gaps are both
/// above 0. An experimental 0 is a class label ("metal"), not a measured gap, and some of those
/// labels contradict clear insulators (the bundled file lists P2O5 as a metal); a gap of 0 in
/// PBE is "no gap", where a linear relation between gap sizes has nothing to act on. PBE metals are
/// handled apart: their calibrated gap is 0 with an **empirical** interval [0, q] where q is the
/// 95th percentile of the experimental gaps of the joined compositions PBE calls metallic (in the
/// bundled data most of them are metals in experiment too).
///
/// The form is chosen by seeded k-fold cross-validation on the fit set among E_exp = b·E_PBE,
/// a + b·E_PBE and a + b·E_PBE + c·E_PBE², all ordinary least squares through the project's
/// `LinearRegression` (GSL), by the one-standard-error rule (Hastie, Tibshirani and Friedman,
/// *Elements of Statistical Learning*, §7.10): the simplest form whose mean fold MSE is within one
/// standard error of the lowest. A robust fit is not offered: the largest residuals are physics (wide-gap
/// fluorides, which PBE underestimates most), not a cluster of bad rows that would pull the line, and
/// OLS gives exact prediction intervals. The residual spread grows for the widest gaps, so the
/// constant-width interval is too narrow there; the cross-validated coverage is reported.
public enum BandGapCalibration {
    /// The columns of the model's data table.
    public static let response = "exp_gap", predictor = "pbe_gap"

    // MARK: Inputs

    /// One row of the experimental file.
    public struct ExperimentalRow: Sendable, Equatable {
        public let line: Int
        public let formula: String
        public let key: String
        /// eV; 0 = metal.
        public let gap: Double
    }

    /// One PBE band gap of a database entry.
    public struct PBEValue: Sendable, Equatable {
        public let candidate: String
        public let key: String
        public let gap: Double
        public let source: String
        public init(candidate: String, key: String, gap: Double, source: String) {
            self.candidate = candidate; self.key = key; self.gap = gap; self.source = source
        }
    }

    /// One experimental band gap of a sodium compound in the database, for the out-of-sample check.
    public struct SodiumValue: Sendable, Equatable {
        public let candidate: String
        public let formula: String
        public let key: String
        public let gap: Double
        public init(candidate: String, formula: String, key: String, gap: Double) {
            self.candidate = candidate; self.formula = formula; self.key = key; self.gap = gap
        }
    }

    /// The experimental header.
    public static let experimentalHeader = ["formula", "target"]

    /// Reads `formula,target` (RFC 4180). Every problem — a formula that does not parse (with the
    /// parser's reason), a gap that is not a finite number ≥ 0, a wrong header — is collected and
    /// thrown together as `DescriptorProblems` naming file, line and field.
    public static func readExperimental(_ url: URL) throws -> [ExperimentalRow] {
        let file = displayPath(url)
        let table: CSVTable
        do { table = try CSVTable(contentsOf: url, displayName: file) } catch let e as InputError { throw DescriptorProblems(problems: [e]) }
        guard table.header == experimentalHeader else {
            throw DescriptorProblems(problems: [InputError(file: file, line: 1, "header must be '\(experimentalHeader.joined(separator: ","))', found '\(table.header.joined(separator: ","))'")])
        }
        var rows: [ExperimentalRow] = [], problems: [InputError] = []
        for r in table.records {
            let text = r.fields[0].trimmingCharacters(in: .whitespaces), cell = r.fields[1].trimmingCharacters(in: .whitespaces)
            var key: String? = nil
            do { key = try ChemicalFormula(text).reducedKey } catch let e as ChemicalFormulaError {
                problems.append(InputError(file: file, line: r.line, field: "formula", "'\(text)' is not a chemical formula: \(e.explanation) at position \(e.position)"))
            }
            guard let gap = Double(cell), gap.isFinite, gap >= 0 else {
                problems.append(InputError(file: file, line: r.line, field: "target", "'\(cell)' is not a band gap (a finite number ≥ 0 eV)"))
                continue
            }
            if let key { rows.append(ExperimentalRow(line: r.line, formula: text, key: key, gap: gap)) }
        }
        guard problems.isEmpty else { throw DescriptorProblems(problems: problems) }
        guard !rows.isEmpty else { throw DescriptorProblems(problems: [InputError(file: file, "no data rows")]) }
        return rows
    }

    /// Whether a measurement method is a PBE calculation: the token `PBE` not followed by a letter
    /// or digit ("DFT-PBE (MP)", "PBE+U" yes; the hybrid "PBE0" and "PBEsol" no).
    public static func isPBE(method: String) -> Bool {
        var rest = method[...]
        while let r = rest.range(of: "PBE") {
            let next = rest[r.upperBound...].first
            if !(next?.isLetter ?? false) && !(next?.isNumber ?? false) { return true }
            rest = rest[r.upperBound...]
        }
        return false
    }

    /// Whether a measurement method is an experiment ("exp", "experiment", "experimental", "expt").
    public static func isExperimental(method: String) -> Bool {
        method.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("exp")
    }

    // MARK: The join

    /// One reduced composition with both an experimental and a PBE gap.
    public struct JoinedComposition: Sendable, Equatable {
        public enum Role: String, Sendable { case fit, pbeMetal = "pbe_metal", experimentalMetal = "experimental_metal" }
        public let key: String
        /// The experimental file's formulas for this composition, as written.
        public let formulas: [String]
        /// Median of the composition's experimental rows, eV.
        public let experimental: Double
        public let experimentalRows: Int
        /// Median of the composition's PBE entries, eV.
        public let pbe: Double
        public let pbeEntries: Int
        public let role: Role
        /// 1…k for the fit set's cross-validation folds.
        public let fold: Int?
    }

    // MARK: Model

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

    // MARK: The whole calibration

    public struct Outcome: Sendable {
        public let experimentalRows: Int
        public let experimentalCompositions: Int
        public let pbeValues: Int
        public let pbeCompositions: Int
        public let joined: [JoinedComposition]
        public let crossValidation: CrossValidation
        public let model: Model
        public let sodium: SodiumCheck
        public let level: Double

        public func count(_ role: JoinedComposition.Role) -> Int { joined.filter { $0.role == role }.count }
    }

    public enum CalibrationError: Error, CustomStringConvertible {
        case tooFewCompositions(Int, folds: Int)
        public var description: String {
            switch self {
            case let .tooFewCompositions(n, folds):
                "only \(n) compositions have both an experimental and a PBE gap above 0: a calibration with \(folds)-fold cross-validation needs at least \(max(2 * folds, 10)) (import a computed database of PBE band gaps first, or check --pbe-source)"
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
        let pbeMedian = pbeByKey.mapValues { median($0.map(\.gap))! }

        // The join, in key order.
        var joined: [JoinedComposition] = []
        var fitKeys: [String] = []
        for key in expByKey.keys.sorted() {
            guard let p = pbeMedian[key] else { continue }
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
        let model = Model(form: cv.chosen, fit: fit, fittedRange: xs.min()!...xs.max()!,
                          metalUpper: quantile(pbeMetals.map(\.experimental), level) ?? 0,
                          metalCompositions: pbeMetals.count, metalsInExperiment: pbeMetals.filter { $0.experimental == 0 }.count)

        // The sodium check: the database's experimental gaps of sodium compounds, by composition.
        let sodiumByKey = Dictionary(grouping: sodium, by: \.key)
        var rows: [SodiumCheckRow] = [], withoutPBE: [String] = [], inFit: [String] = []
        for key in sodiumByKey.keys.sorted() {
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
        let best = scores.min { $0.meanFoldMSE < $1.meanFoldMSE }!
        let chosen = scores.first { $0.meanFoldMSE <= best.meanFoldMSE + best.foldMSEStandardError }!.form!
        return CrossValidation(folds: folds, seed: seed, raw: raw, forms: scores, chosen: chosen)
    }
}

/// Printed as is by the command line (see `UserFacingError`).
extension BandGapCalibration.CalibrationError: UserFacingError {}
