import Foundation
import GRDB
import Testing
import Screening
@testable import SVGCharts
@testable import ScreenCore
@testable import ScreenDecision
@testable import ScreenNumerics
@testable import ScreenRegression
@testable import ScreenReport
@testable import ScreenScoring
@testable import ScreenSensitivity
@testable import ScreenStore
@testable import ScreenThermodynamics

/// `screen db calibrate band-gap`: the join, the cross-validated choice of form, the fit, its
/// prediction intervals and the sodium check against statsmodels and an independent pymatgen join
/// (Fixtures/band-gap-calibration/statsmodels_reference.py), and the stored values.
@Suite("Band-gap calibration against experiment")
struct BandGapCalibrationTests {
    static let fixtures = packageRoot.appendingPathComponent("Tests/ScreeningTests/Fixtures/band-gap-calibration")
    static let experimental = bundledDescriptors.appendingPathComponent("experimental/experimental-band-gaps-without-sodium.csv")

    static func reference() throws -> [String: Any] {
        try #require(try parseJSON(String(contentsOf: fixtures.appendingPathComponent("statsmodels.json"), encoding: .utf8)) as? [String: Any])
    }

    /// |a − b| / |b| (absolute below 1e-300).
    static func close(_ a: Double?, _ b: Any?, _ tolerance: Double = 1e-9) -> Bool {
        guard let a, let b = b as? Double else { return false }
        return abs(a - b) <= tolerance * max(abs(b), 1e-300)
    }

    /// A database built from the bundled descriptors with the fixture subset of the Materials
    /// Project band gaps imported as computed candidates.
    static func database() throws -> (folder: URL, db: String) {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("db.sqlite").path
        let build = try runScreen(["db", "build", "--db", db])
        #expect(build.status == 0, "\(build.stderr)")
        let imported = try runScreen(["db", "import", "--mapping", fixtures.appendingPathComponent("matbench-subset.yaml").path, "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        return (folder, db)
    }

    @Test("join, cross-validation, fit, intervals and sodium check equal statsmodels on the same data; every PBE gap gets a stored value; a rerun replaces them")
    func againstStatsmodels() throws {
        let ref = try Self.reference()
        let (folder, db) = try Self.database()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try DescriptorStore(path: db)
        let run = try store.calibrateBandGaps(experimental: Self.experimental)
        let o = run.outcome

        // The join is exactly the one exported for the reference (which the script rebuilt from the whole files).
        let joined = try String(contentsOf: Self.fixtures.appendingPathComponent("joined.csv"), encoding: .utf8)
        #expect(try o.joinedCSV() == joined)
        #expect(o.joined.count == ref["joined"] as? Int)
        #expect(o.count(.fit) == ref["fitted"] as? Int)
        #expect(o.count(.pbeMetal) == ref["pbe_metals"] as? Int)
        #expect(o.count(.experimentalMetal) == ref["experimental_metals"] as? Int)

        // Cross-validation, every form, on the same folds.
        let cv = o.crossValidation
        #expect(cv.folds == ref["folds"] as? Int)
        #expect(cv.chosen.rawValue == ref["chosen"] as? String)
        func check(_ s: BandGapCalibration.Score, _ r: [String: Any]) {
            #expect(Self.close(s.mae, r["mae"]) && Self.close(s.rmse, r["rmse"]), "\(s.form?.rawValue ?? "raw")")
            #expect(Self.close(s.meanFoldMSE, r["mean_fold_mse"]) && Self.close(s.foldMSEStandardError, r["fold_mse_se"]))
            let folds = r["fold_mse"] as? [Double] ?? []
            #expect(folds.count == s.foldMSE.count && zip(s.foldMSE, folds).allSatisfy { Self.close($0, $1) })
            // JSONSerialization may read a number one unit in the last place off, so numbers read from
            // the JSON are compared to 1e-12 where they are expected to be identical.
            #expect(s.coverage == nil ? r["pi_coverage"] is NSNull : Self.close(s.coverage, r["pi_coverage"], 1e-12))
        }
        check(cv.raw, try #require(ref["raw"] as? [String: Any]))
        let forms = try #require(ref["forms"] as? [String: [String: Any]])
        for s in cv.forms { check(s, try #require(forms[s.form!.rawValue])) }

        // The fit of the chosen form on the whole fit set.
        let fit = o.model.fit, r = try #require(ref["fit"] as? [String: Any])
        let params = try #require(r["params"] as? [Double]), bse = try #require(r["bse"] as? [Double])
        #expect(fit.terms.count == params.count)
        for (t, (p, se)) in zip(fit.terms, zip(params, bse)) {
            #expect(Self.close(t.estimate, p) && Self.close(t.standardError, se), "\(t.name): \(t.estimate) ± \(t.standardError ?? .nan) vs \(p) ± \(se)")
        }
        #expect(fit.n == r["nobs"] as? Int)
        #expect(Self.close(fit.r2, r["rsquared"]) && Self.close(fit.sigma, r["sigma"]) && Self.close(fit.rss, r["ssr"]))
        #expect(Self.close(fit.aic, r["aic"]) && Self.close(fit.bic, r["bic"]) && Self.close(fit.f, r["fvalue"]))
        let range = try #require(ref["fitted_pbe_range"] as? [Double])
        #expect(Self.close(o.model.fittedRange.lowerBound, range[0], 1e-12) && Self.close(o.model.fittedRange.upperBound, range[1], 1e-12))

        // Prediction intervals (statsmodels get_prediction, obs_ci), before clamping at 0.
        let predictions = try #require(ref["predictions"] as? [[String: Any]])
        let grid = predictions.map { $0["pbe"] as! Double }
        for (c, p) in zip(try o.model.calibrate(grid), predictions) {
            #expect(Self.close(c.unclampedValue ?? c.value, p["mean"]), "\(c.pbe)")
            #expect(Self.close(c.unclampedLow ?? c.low, p["obs_ci_lower"]) && Self.close(c.high, p["obs_ci_upper"]), "\(c.pbe)")
            #expect(c.low >= 0 && c.value >= 0 && !c.pbeMetal)
        }
        #expect(Self.close(o.model.metalUpper, ref["metal_upper"], 1e-12))
        #expect(o.model.metalsInExperiment == ref["metals_in_experiment"] as? Int)
        let metal = try o.model.calibrate([0])[0]
        #expect(metal.pbeMetal && metal.value == 0 && metal.low == 0 && metal.high == o.model.metalUpper)

        // The sodium check: the database's experimental gaps of sodium compounds, out of sample.
        let sodium = try #require(ref["sodium"] as? [[String: Any]])
        #expect(o.sodium.rows.count == sodium.count && sodium.count >= 6)
        #expect(o.sodium.inFitData.isEmpty)
        for (row, s) in zip(o.sodium.rows, sodium) {
            #expect(row.formula == s["formula"] as? String)
            #expect(Self.close(row.experimental, s["experimental"], 1e-12) && row.experimentalValues == s["experimental_values"] as? Int)
            #expect(Self.close(row.pbe, s["pbe"], 1e-12) && row.pbeEntries == s["pbe_entries"] as? Int)
            #expect(Self.close(row.calibrated.value, s["calibrated"]), "\(row.formula)")
            #expect(Self.close(row.calibrated.unclampedLow ?? row.calibrated.low, s["pi_low"]) && Self.close(row.calibrated.high, s["pi_high"]))
        }

        // Stored: one value per PBE band gap of any candidate; NaF's from its own PBE gap 6.0943 eV.
        func count(_ sql: String) throws -> Int { try store.queue.read { try Int.fetchOne($0, sql: sql) ?? -1 } }
        let pbeGaps = try store.measurements().filter { $0.property == "band_gap" && $0.qualifier == nil && BandGapCalibration.isPBE(method: $0.method) }
        #expect(pbeGaps.count > 20_000)
        #expect(run.stored == pbeGaps.count && run.replaced == 0)
        #expect(try count("SELECT COUNT(*) FROM measurements WHERE property = 'band_gap_corrected'") == pbeGaps.count)
        let naf = try #require(try store.measurements(candidate: "NaF").first { $0.property == "band_gap_corrected" })
        let at6 = try #require(predictions.first { Self.close(6.0943, $0["pbe"], 1e-12) })
        #expect(Self.close(naf.value, at6["mean"]) && Self.close(naf.rangeLow, at6["obs_ci_lower"]) && Self.close(naf.rangeHigh, at6["obs_ci_upper"]))
        #expect(naf.method == DescriptorStore.bandGapCalibrationMethod)
        #expect(naf.conditions?.hasPrefix("PBE 6.0943 eV: → ") == true, "\(naf.conditions ?? "")")
        #expect(naf.conditions?.contains("OLS") == false, "the model is in the note, not repeated in each row's conditions")
        #expect(naf.note?.hasPrefix("derived, not measured; range = 95 % prediction interval; model: E_exp = a + b·E_PBE, OLS: a = ") == true
                && naf.note?.contains("n = \(fit.n) (both gaps > 0)") == true, "\(naf.note ?? "")")
        #expect(naf.source.contains("experimental-band-gaps-without-sodium.csv") && naf.source.contains("mp-bandgaps.csv"))
        // A PBE metal: 0 with the empirical interval; a small PBE gap: the lower end clamped at 0 and said so.
        let metals = try store.measurements().filter { $0.property == "band_gap_corrected" && $0.value == 0 }
        #expect(!metals.isEmpty && metals.allSatisfy { $0.rangeLow == 0 && $0.rangeHigh == o.model.metalUpper && $0.conditions?.contains("PBE metal → 0 eV") == true })
        #expect(metals.allSatisfy { $0.note?.contains("of \(o.model.metalCompositions) joined PBE-metal compositions \(o.model.metalsInExperiment) are metals in experiment") == true })
        // Two notes for all the calibrated values: the model's and the PBE metals'.
        #expect(try count("SELECT COUNT(DISTINCT note) FROM measurements WHERE property = 'band_gap_corrected'") == 2)
        let clamped = try store.measurements().filter { $0.property == "band_gap_corrected" && $0.conditions?.contains("PI clamped at 0 (fit: -") == true }
        #expect(!clamped.isEmpty && clamped.allSatisfy { $0.rangeLow == 0 && $0.value > 0 })

        // The command: a rerun replaces every value (none added), and prints the summary as JSON.
        let again = try runScreen(["db", "calibrate", "band-gap", "--db", db, "--format", "json"])
        #expect(again.status == 0, "\(again.stderr)")
        let json = try #require(try parseJSON(again.stdout) as? [String: Any])
        let stored = try #require(json["stored"] as? [String: Any])
        #expect(stored["values"] as? Int == pbeGaps.count && stored["replaced"] as? Int == pbeGaps.count)
        #expect(try count("SELECT COUNT(*) FROM measurements WHERE property = 'band_gap_corrected'") == pbeGaps.count)
        let model = try #require(json["model"] as? [String: Any])
        #expect(model["form"] as? String == ref["chosen"] as? String)
        let check = try #require(json["sodium_check"] as? [String: Any])
        #expect((check["rows"] as? [Any])?.count == sodium.count)
        let table = try runScreen(["db", "calibrate", "band-gap", "--db", db, "--dry-run"])
        #expect(table.status == 0 && table.stdout.contains("out-of-sample check") && table.stdout.contains("(chosen)") && table.stdout.contains("dry run: nothing stored"))
    }

    @Test("a bad experimental file is refused with file:line: field for every problem, and nothing is written")
    func badExperimentalFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("db.sqlite").path
        #expect(try runScreen(["db", "build", "--db", db]).status == 0)
        let bad = folder.appendingPathComponent("gaps.csv")
        try write("formula,target\nZnO,3.4\nNaXx,1.0\nGaN,-1\nSi,abc\n", to: bad)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let r = try runScreen(["db", "calibrate", "band-gap", "--db", db, "--experimental", bad.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("gaps.csv:3: formula: 'NaXx' is not a chemical formula: unknown element \"Xx\" at position 3"), "\(r.stderr)")
        #expect(r.stderr.contains("gaps.csv:4: target: '-1' is not a band gap (a finite number ≥ 0 eV)"), "\(r.stderr)")
        #expect(r.stderr.contains("gaps.csv:5: target: 'abc' is not a band gap"), "\(r.stderr)")
        #expect(r.stderr.contains("nothing was written"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        try write("composition,gap\nZnO,3.4\n", to: bad)
        let header = try runScreen(["db", "calibrate", "band-gap", "--db", db, "--experimental", bad.path])
        #expect(header.status == 1 && header.stderr.contains("gaps.csv:1: header must be 'formula,target'"), "\(header.stderr)")
    }

    @Test("without computed PBE gaps the command says what is missing")
    func nothingToFit() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("db.sqlite").path
        #expect(try runScreen(["db", "build", "--db", db]).status == 0)
        let r = try runScreen(["db", "calibrate", "band-gap", "--db", db])
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: only 0 compositions have both an experimental and a PBE gap above 0"), "\(r.stderr)")
        #expect(r.stderr.contains("import a computed database of PBE band gaps first"))
    }

    @Test("which methods count as PBE and as experiment")
    func methods() {
        for m in ["DFT-PBE (MP)", "DFT-PBE (Materials Project, Matbench mp_gap)", "PBE+U", "PBE"] { #expect(BandGapCalibration.isPBE(method: m), "\(m)") }
        for m in ["PBE0", "HSE06", "DFT-PBEsol", "exp", "GW on PBE0"] { #expect(!BandGapCalibration.isPBE(method: m), "\(m)") }
        #expect(BandGapCalibration.isPBE(method: "PBE0 and PBE"))
        for m in ["exp", "experiment", "Experimental (optical)", "expt"] { #expect(BandGapCalibration.isExperimental(method: m)) }
        #expect(!BandGapCalibration.isExperimental(method: "DFT-PBE (MP)"))
    }

    @Test("the sodium check's candidates: an elements text naming Na as a whole symbol, anywhere in it")
    func namesSodium() {
        for elements in ["Na", "Na F", "F Na", "Al Na O", "Na Na"] { #expect(DescriptorStore.namesSodium(elements), "\(elements)") }
        for elements in ["", "N", "Nb O", "F Nb", "Ca Na2", "NaCl", "Cl NaF", " N a", "Ne Nd Ni"] {
            #expect(!DescriptorStore.namesSodium(elements), "\(elements)")
        }
    }

    @Test("quantile: linear interpolation between order statistics (type 7), by hand")
    func quantileByHand() {
        #expect(abs(quantile([4, 1, 3, 2], 0.95)! - 3.85) < 1e-15)  // position (4 − 1) · 0.95 = 2.85: 3 + 0.85 · (4 − 3)
        #expect(quantile([5], 0.95) == 5 && quantile([], 0.5) == nil)
        #expect(quantile([0, 0, 0, 10], 0.5) == 0 && quantile([1, 2], 1) == 2 && quantile([1, 2], 0) == 1)
    }
}
