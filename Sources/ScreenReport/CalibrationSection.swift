import Foundation
import SVGCharts
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenScoring
import ScreenSensitivity
import ScreenStore
import ScreenThermodynamics

/// The calibration behind `band_gap_corrected`, for the report of a profile that screens on it
/// ("the report shows the fit"). The fit is recomputed without writing
/// (`calibrateBandGaps(dryRun: true)`, default folds, seed and level, as `screen db calibrate
/// band-gap` runs by default) from the experimental file of the descriptor folder the database was
/// built from and the database's PBE gaps, so that every number shown comes from that run.
public struct CalibrationAnalysis: Sendable {
    /// The property whose criteria bring in the section.
    public static let property = "band_gap_corrected"
    /// The experimental file, relative to the descriptor folder (`store.builtFrom()`).
    public static let experimentalFile = "experimental/experimental-band-gaps-without-sodium.csv"

    /// The run, or nil when it could not be made (then `problem` says why).
    public let run: DescriptorStore.BandGapCalibrationRun?
    /// One sentence saying why there is no fit to show.
    public let problem: String?

    /// Whether the profile has a criterion on the calibrated band gap.
    public static func applies(to profile: Profile) -> Bool {
        profile.criteria.contains { $0.source.name == property }
    }

    /// Never throws: a missing file or a failed fit becomes `problem`, so the report still renders.
    public init(store: DescriptorStore) {
        self.init(store: store, descriptorFolder: try? store.builtFrom())
    }

    /// With the descriptor folder given (nil: not recorded); the tests point it elsewhere.
    init(store: DescriptorStore, descriptorFolder: String?) {
        var run: DescriptorStore.BandGapCalibrationRun? = nil, problem: String? = nil
        do {
            if let folder = descriptorFolder {
                let url = URL(fileURLWithPath: folder).appendingPathComponent(Self.experimentalFile)
                if FileManager.default.fileExists(atPath: url.path) {
                    run = try store.calibrateBandGaps(experimental: url, dryRun: true)
                } else {
                    problem = "The calibration fit is not shown: the experimental band gaps \(displayPath(url)) are not there."
                }
            } else {
                problem = "The calibration fit is not shown: the database does not record the descriptor folder it was built from, so the experimental band gaps cannot be found."
            }
        } catch {
            problem = "The calibration fit is not shown: it could not be recomputed (\(error))."
        }
        self.run = run
        self.problem = problem
    }
}

/// The section's blocks: the scatter with fit, band, y = x and the sodium check; the CV table; the
/// sodium table.
enum CalibrationSection {
    static func f(_ v: Double?, _ digits: Int = 3) -> String { formatForDisplay(v, significant: digits) }

    static func blocks(_ c: CalibrationAnalysis, slug: String) -> [ReportDocument.Block] {
        var blocks: [ReportDocument.Block] = [.heading(level: 3, text: "Band-gap calibration", anchor: "\(slug)-calibration")]
        guard let run = c.run else {
            blocks.append(.paragraph([.text(c.problem ?? "The calibration fit is not shown.")]))
            return blocks
        }
        let o = run.outcome, cv = o.crossValidation, s = o.sodium
        let pct = formatForDisplay(o.level * 100)
        if let (chart, caption) = try? chart(run) { blocks.append(.figure(chart: chart, name: "\(slug)-calibration", caption: caption)) }
        var rows = [["raw PBE gap", f(cv.raw.mae), f(cv.raw.rmse), ""]]
        for score in cv.forms {
            // `cv.forms` are the scores of the forms (only `cv.raw` has no form).
            rows.append([score.form!.equation + (score.form == cv.chosen ? " (chosen)" : ""), f(score.mae), f(score.rmse),
                         f(score.coverage.map { $0 * 100 })])
        }
        blocks.append(.table(header: ["Model", "MAE", "RMSE", "In PI (%)"], rows: rows, alignments: [.left, .right, .right, .right],
                             caption: "\(cv.folds)-fold cross-validation (seed \(cv.seed)) on the \(o.count(.fit)) fitted compositions: errors of the held-out experimental gaps in eV, and the share inside their \(pct) % prediction interval (PI)"))
        if !s.rows.isEmpty {
            // Short cells (where the measured gap lies goes with the name) keep the table within a phone's width.
            blocks.append(.table(header: ["Compound", "Exp.", "PBE", "Cal.", "\(pct) % PI"],
                                 rows: s.rows.map { r in
                                     [r.formula + (r.inside ? "" : r.experimental > r.calibrated.high ? " (above PI)" : " (below PI)"),
                                      f(r.experimental), f(r.pbe), f(r.calibrated.value), "\(f(r.calibrated.low))–\(f(r.calibrated.high))"]
                                 },
                                 alignments: [.left, .right, .right, .right, .right],
                                 caption: "Out-of-sample check on the sodium compounds with an experimental gap in the database (not in the fit): experimental, PBE and calibrated (Cal.) gaps and the prediction interval (PI) in eV; MAE raw \(f(s.rawMAE)), calibrated \(f(s.mae)); \(s.insideCount) of \(s.rows.count) inside their interval"))
        }
        return blocks
    }

    /// The scatter and its caption; the caption's figures come from the run.
    static func chart(_ run: DescriptorStore.BandGapCalibrationRun) throws -> (chart: ReportChart, caption: String) {
        let o = run.outcome, m = o.model, cv = o.crossValidation, s = o.sodium
        let fitted = o.joined.filter { $0.role == .fit }
        let formula = try Formula(m.form.formula)
        // The curve over the fitted PBE range and the sodium compounds' PBE gaps, from 0.
        let xs = fitted.map(\.pbe) + s.rows.map(\.pbe)
        let hi = xs.max() ?? 1
        let grid = (0...80).map { hi * 1.02 * Double($0) / 80 }
        var table = DataTable(labels: grid.map { "x = \($0)" }, origin: "grid")
        table.setColumn(BandGapCalibration.predictor, grid)
        let p = try Prediction.predict(m.fit, formula: formula, data: table)
        // Exact residuals (experiment − fit, unclamped), from the model at each point's PBE gap.
        var points = DataTable(labels: fitted.map(\.key) + s.rows.map(\.key), origin: "points")
        points.setColumn(BandGapCalibration.predictor, xs)
        let atPoints = try Prediction.predict(m.fit, formula: formula, data: points)
        let ys = fitted.map(\.experimental) + s.rows.map(\.experimental)

        let pct = formatForDisplay(o.level * 100)
        var panel = RegressionPanel(title: "Experimental against PBE band gap",
                                    xAxis: .linear("PBE band gap (eV)"), yAxis: .linear("Experimental band gap (eV)"),
                                    observations: fitted.map { .init(x: $0.pbe, y: $0.experimental) }
                                        + s.rows.map { .init(x: $0.pbe, y: $0.experimental, label: $0.formula, isHighlighted: true) })
        panel.curve = .init(x: grid, fit: p.map(\.fitted), prediction: (p.map(\.predictionLow), p.map(\.predictionHigh)))
        panel.residuals = zip(ys, atPoints).map { $0 - $1.fitted }
        panel.observationName = "Fitted compositions"
        panel.fitName = "Calibration (\(m.form.rawValue))"
        panel.predictionName = "\(pct) % prediction band"
        panel.highlightName = "Na compounds (not fitted)"
        panel.identityName = "y = x (raw PBE)"
        panel.annotation = ["n = \(m.fit.n), R² = \(f(m.fit.r2, 4))"]
        let chart = ReportChart.rendering { width in
            var sized = panel
            sized.width = width
            return sized.render()
        }

        let above = s.rows.filter { $0.experimental > $0.calibrated.high }
        var caption = "Band-gap calibration behind band_gap_corrected: \(m.form.equation) by ordinary least squares, \(m.coefficientText), "
            + "on n = \(m.fit.n) compositions with both gaps above 0 (experimental gaps from \(run.experimentalFile), PBE gaps of the database's computed entries, "
            + "each the median per reduced composition); R² = \(f(m.fit.r2, 4)). In \(cv.folds)-fold cross-validation the calibrated gap has "
            + "MAE \(f(cv.chosenScore.mae)) eV and RMSE \(f(cv.chosenScore.rmse)) eV against \(f(cv.raw.mae)) and \(f(cv.raw.rmse)) eV for the raw PBE gap. "
            + "The shaded band is the \(pct) % prediction interval; the dashed grey line is y = x (no correction); residuals (experiment − fit) below. "
        if s.rows.isEmpty {
            caption += "No sodium compound of the database has both an experimental and a PBE gap, so there is no out-of-sample check."
        } else {
            caption += "Green diamonds: the \(s.rows.count) sodium compounds with an experimental gap in the database, not used in the fit; "
                + "\(s.insideCount) of them lie inside the band"
            if above.isEmpty {
                caption += "."
            } else {
                caption += ", \(above.count) above it (\(above.map { "\($0.formula): \(f($0.experimental)) eV measured, upper end \(f($0.calibrated.high)) eV" }.joined(separator: "; ")))"
                    + ": the calibration underestimates \(above.count == 1 ? "this wide-gap ionic compound" : "these wide-gap ionic compounds")."
            }
        }
        caption += " Recomputed for this report with the default settings of screen db calibrate band-gap."
        return (chart, caption)
    }
}
