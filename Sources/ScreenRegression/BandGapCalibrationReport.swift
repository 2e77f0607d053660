import Foundation
import ScreenCore
import ScreenNumerics
import ScreenStore

/// The summary `screen db calibrate band-gap` prints: the data and the join, the fit, the
/// cross-validation of the forms (raw PBE against calibrated), the sodium check and what was stored.
extension DescriptorStore.BandGapCalibrationRun {
    /// The terminal summary: data and join, the chosen fit (as `screen fit`), the CV table, the
    /// sodium check and what was stored.
    /// - Complexity: O(f + s) for f cross-validated forms and s sodium compounds.
    public func text() -> String {
        let o = outcome, m = o.model, cv = o.crossValidation
        let pct = formatForDisplay(o.level * 100)
        func f(_ v: Double?, _ digits: Int = 4) -> String { formatForDisplay(v, significant: digits) }
        var out = "band-gap calibration: \(m.form.equation), OLS on \(m.fit.n) compositions\n\n"
        out += "experimental: \(o.experimentalRows) rows, \(o.experimentalCompositions) compositions in \(experimentalFile)\n"
        out += "PBE: \(o.pbeValues) band gaps of computed candidates, \(o.pbeCompositions) compositions\n"
        for s in pbeSources { out += "  \(s.count)  \(s.source)\n" }
        out += "joined by reduced composition (median of a composition's rows and of its PBE entries): \(o.joined.count) compositions\n"
        out += "  fitted: \(o.count(.fit)) with both gaps > 0\n"
        out += "  PBE metals (PBE gap 0): \(o.count(.pbeMetal)), of them \(m.metalsInExperiment) metals in experiment; calibrated to 0 eV with the empirical \(pct) % interval [0, \(f(m.metalUpper))] eV\n"
        out += "  left out: \(o.count(.experimentalMetal)) with an experimental 0 (a metal label, not a measured gap) but a PBE gap\n\n"
        out += m.fit.text()
        out += "\ncross-validation: \(cv.folds) folds (seed \(cv.seed)) of the \(o.count(.fit)) fitted compositions; errors of the held-out gaps, eV\n"
        var rows = [["raw PBE gap (no calibration)", f(cv.raw.mae), f(cv.raw.rmse), f(cv.raw.meanFoldMSE), f(cv.raw.foldMSEStandardError, 3), ""]]
        for s in cv.forms {
            // `cv.forms` are the scores of the forms (only `cv.raw` has no form).
            rows.append([s.form!.equation + (s.form == cv.chosen ? "  (chosen)" : ""), f(s.mae), f(s.rmse), f(s.meanFoldMSE),
                         f(s.foldMSEStandardError, 3), f(s.coverage.map { $0 * 100 }, 3) + " %"])
        }
        out += TextTable(header: ["", "MAE", "RMSE", "mean fold MSE", "± SE", "\(pct) % PI coverage"], rows: rows, rightAligned: Set(1...5)).rendered()
        out += "chosen by \(DescriptorStore.BandGapCalibrationRun.ruleText)\n"

        let s = o.sodium
        out += "\nout-of-sample check: sodium compounds with an experimental gap in the database (median of their values), PBE by composition from the same pool\n"
        if s.rows.isEmpty {
            out += "none can be checked\n"
        } else {
            out += TextTable(header: ["compound", "experiment", "PBE", "calibrated", "\(pct) % PI", "inside", "error raw", "error calibrated"],
                             rows: s.rows.map { r in
                                 [r.formula, f(r.experimental), f(r.pbe), f(r.calibrated.value), "[\(f(r.calibrated.low)), \(f(r.calibrated.high))]",
                                  r.inside ? "yes" : "no", f(r.pbe - r.experimental), f(r.calibrated.value - r.experimental)]
                             }, rightAligned: [1, 2, 3, 6, 7]).rendered()
            out += "\(s.rows.count) compounds: MAE raw \(f(s.rawMAE)) eV, calibrated \(f(s.mae)) eV; RMSE raw \(f(s.rawRMSE)), calibrated \(f(s.rmse)); \(s.insideCount) of \(s.rows.count) inside their interval\n"
        }
        if !s.withoutPBE.isEmpty { out += "not checked (no PBE gap of a computed candidate): \(s.withoutPBE.joined(separator: ", "))\n" }
        if !s.inFitData.isEmpty { out += "not checked (also in the experimental file, so not out of sample): \(s.inFitData.joined(separator: ", "))\n" }

        out += "\n"
        if dryRun {
            out += "dry run: nothing stored (\(candidates) candidates have a PBE band gap)\n"
        } else {
            out += "stored \(stored) band_gap_corrected values for \(candidates) candidates with a PBE band gap (\(replaced) of an earlier calibration replaced): "
            out += "\(pbeMetals) PBE metals at 0 eV, \(clamped) with the value or interval clamped at 0, \(extrapolated) extrapolated beyond the fitted PBE range \(f(m.fittedRange.lowerBound))–\(f(m.fittedRange.upperBound)) eV\n"
        }
        return out
    }

    static let ruleText = "the one-standard-error rule: the simplest form whose mean fold MSE is within one standard error of the lowest (Hastie, Tibshirani and Friedman, Elements of Statistical Learning, §7.10)"

    /// The JSON document of `screen db calibrate band-gap --format json` (`model`, `data`,
    /// `cross_validation`, `sodium_check`, `stored`).
    /// - Complexity: O(f·k + s) for f forms of k folds and s sodium compounds.
    public func json() -> JSONValue {
        let o = outcome, m = o.model, cv = o.crossValidation, s = o.sodium
        func score(_ x: BandGapCalibration.Score) -> JSONValue {
            .object([("form", .string(x.form?.rawValue ?? "raw")), ("equation", .string(x.form?.equation ?? "E_exp = E_PBE (no calibration)")),
                     ("mae", .number(x.mae)), ("rmse", .number(x.rmse)), ("fold_mse", .array(x.foldMSE.map { .number($0) })),
                     ("mean_fold_mse", .number(x.meanFoldMSE)), ("fold_mse_se", .number(x.foldMSEStandardError)),
                     ("pi_coverage", .number(x.coverage))])
        }
        return .object([
            ("model", .object([("form", .string(m.form.rawValue)), ("equation", .string(m.form.equation)),
                               ("fitted_pbe_range", .array([.number(m.fittedRange.lowerBound), .number(m.fittedRange.upperBound)])),
                               ("metal_interval_high", .number(m.metalUpper)), ("metal_compositions", .integer(m.metalCompositions)),
                               ("metals_in_experiment", .integer(m.metalsInExperiment)), ("fit", m.fit.json())])),
            ("level", .number(o.level)),
            ("data", .object([("experimental_file", .string(experimentalFile)), ("experimental_rows", .integer(o.experimentalRows)),
                              ("experimental_compositions", .integer(o.experimentalCompositions)), ("pbe_values", .integer(o.pbeValues)),
                              ("pbe_compositions", .integer(o.pbeCompositions)),
                              ("pbe_sources", .array(pbeSources.map { .object([("source", .string($0.source)), ("count", .integer($0.count))]) })),
                              ("joined", .integer(o.joined.count)), ("fitted", .integer(o.count(.fit))),
                              ("pbe_metals", .integer(o.count(.pbeMetal))), ("experimental_metals_left_out", .integer(o.count(.experimentalMetal)))])),
            ("cross_validation", .object([("folds", .integer(cv.folds)), ("seed", .string(String(cv.seed))), ("raw", score(cv.raw)),
                                          ("forms", .array(cv.forms.map(score))), ("chosen", .string(cv.chosen.rawValue)),
                                          ("rule", .string(Self.ruleText))])),
            ("sodium_check", .object([
                ("rows", .array(s.rows.map { r in
                    .object([("formula", .string(r.formula)), ("candidates", .array(r.candidates.map { .string($0) })),
                             ("experimental", .number(r.experimental)), ("experimental_values", .integer(r.experimentalValues)),
                             ("pbe", .number(r.pbe)), ("pbe_entries", .integer(r.pbeEntries)), ("calibrated", .number(r.calibrated.value)),
                             ("pi_low", .number(r.calibrated.low)), ("pi_high", .number(r.calibrated.high)), ("inside", .bool(r.inside))])
                })),
                ("mae_raw", .number(s.rawMAE)), ("mae", .number(s.mae)), ("rmse_raw", .number(s.rawRMSE)), ("rmse", .number(s.rmse)),
                ("inside", .integer(s.insideCount)), ("without_pbe", .array(s.withoutPBE.map { .string($0) })),
                ("in_fit_data", .array(s.inFitData.map { .string($0) }))])),
            ("stored", .object([("dry_run", .bool(dryRun)), ("values", .integer(stored)), ("replaced", .integer(replaced)),
                                ("candidates", .integer(candidates)), ("pbe_metals", .integer(pbeMetals)), ("clamped", .integer(clamped)),
                                ("extrapolated", .integer(extrapolated)), ("method", .string(DescriptorStore.bandGapCalibrationMethod))])),
        ])
    }
}

extension BandGapCalibration.Outcome {
    /// The joined data, one row per composition, every number exact: what the fit and the
    /// cross-validation used (`role` fit, `fold` 1…k), for checking them with another tool.
    /// - Complexity: O(j) for j joined compositions.
    public func joinedCSV() throws -> String {
        try CSVOutput.render(
            header: ["key", "formulas", "experimental_gap", "experimental_rows", "pbe_gap", "pbe_entries", "role", "fold"],
            rows: joined.map { j in
                [j.key, j.formulas.joined(separator: ";"), formatNumber(j.experimental), String(j.experimentalRows),
                 formatNumber(j.pbe), String(j.pbeEntries), j.role.rawValue, j.fold.map(String.init) ?? ""]
            })
    }
}

extension DescriptorStore.BandGapCalibrationRun: TextAndJSONOutput {}
