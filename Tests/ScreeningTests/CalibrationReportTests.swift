import Foundation
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

/// The report's band-gap calibration section: only for profiles with a criterion on
/// `band_gap_corrected`, and its caption gives the fit that statsmodels gets on the same data
/// (Fixtures/band-gap-calibration/statsmodels.json, the reference of `BandGapCalibrationTests`).
@Suite("Band-gap calibration section of the report", .serialized)
struct CalibrationReportTests {
    static func profile(_ property: String) throws -> Profile {
        try ProfileLoader.load(yaml: """
            name: gap \(property)
            categories: [computed]
            method: wsm
            normalization: max
            criteria:
              - {label: gap, property: \(property), goal: max, weight: 0.5, combine: median, missing: exclude}
              - {label: cost, property: cost, goal: min, weight: 0.5, combine: median, missing: unknown}
            """, file: "\(property).yaml")
    }

    /// Numbers after "letter = " in "a = 0.656258 ± 0.0466, b = …".
    static func coefficients(_ caption: String) -> [(Double, Double)] {
        let pattern = try! NSRegularExpression(pattern: "\\b[abc] = (-?[0-9.e+-]+) ± ([0-9.e+-]+)")
        return pattern.matches(in: caption, range: NSRange(caption.startIndex..., in: caption)).map { m in
            let s = { (k: Int) in Double(caption[Range(m.range(at: k), in: caption)!])! }
            return (s(1), s(2))
        }
    }

    @Test("the section appears only for the profile on band_gap_corrected; its caption gives statsmodels' coefficients, n, R² and the sodium compounds above the band")
    func sectionAndCaption() throws {
        let ref = try BandGapCalibrationTests.reference()
        let (folder, db) = try BandGapCalibrationTests.database()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try DescriptorStore(path: db)
        _ = try store.calibrateBandGaps(experimental: BandGapCalibrationTests.experimental)

        var settings = ProfileAnalysis.Settings()
        settings.samples = 100
        settings.sobolSamples = 16
        let corrected = try ProfileAnalysis(profile: try Self.profile("band_gap_corrected"), store: store, settings: settings)
        let raw = try ProfileAnalysis(profile: try Self.profile("band_gap"), store: store, settings: settings)
        #expect(raw.calibration == nil)
        let run = try #require(corrected.calibration?.run, "\(corrected.calibration?.problem ?? "")")

        let report = try ScreeningReport(analyses: [corrected, raw])
        let headings = report.document.blocks.enumerated().compactMap { i, b -> (Int, String?)? in
            if case .heading(_, let text, let anchor) = b, text == "Band-gap calibration" { return (i, anchor) }
            return nil
        }
        #expect(headings.count == 1 && headings.first?.1 == "gap-band-gap-corrected-calibration")
        // The section lies inside the first profile's part of the document.
        let second = try #require(report.document.blocks.firstIndex { if case .heading(2, "gap band_gap", _) = $0 { true } else { false } })
        #expect(try #require(headings.first).0 < second)

        let caption = try #require(report.document.blocks.compactMap { b -> String? in
            if case .figure(_, let name, let caption) = b, name == "gap-band-gap-corrected-calibration" { return caption }
            return nil
        }.first)
        // Coefficients as the run gives them, and equal to statsmodels' to the digits shown.
        #expect(caption.contains(run.outcome.model.coefficientText))
        let fit = try #require(ref["fit"] as? [String: Any])
        let params = try #require(fit["params"] as? [Double]), bse = try #require(fit["bse"] as? [Double])
        let shown = Self.coefficients(caption)
        #expect(shown.count == params.count)
        for ((p, se), (rp, rse)) in zip(shown, zip(params, bse)) {
            #expect(abs(p - rp) <= 1e-5 * abs(rp) && abs(se - rse) <= 2e-3 * rse, "\(p) ± \(se) vs \(rp) ± \(rse)")
        }
        #expect(caption.contains("n = \(try #require(fit["nobs"] as? Int)) compositions"))
        #expect(caption.contains("R² = \(formatForDisplay(try #require(fit["rsquared"] as? Double), significant: 4))"))
        // The sodium compounds whose measured gap is above statsmodels' upper prediction limit are named as above the band.
        let sodium = try #require(ref["sodium"] as? [[String: Any]])
        let above = sodium.filter { ($0["experimental"] as! Double) > ($0["pi_high"] as! Double) }.map { $0["formula"] as! String }
        #expect(!above.isEmpty)
        #expect(caption.contains("\(above.count) above it"))
        for f in above { #expect(caption.contains("\(f): "), "\(f)") }

        // The data keeps the whole calibration for the profile on the corrected gap only.
        guard case .object(let profiles) = report.data else { Issue.record("data is not an object"); return }
        func keys(_ slug: String) -> [String] {
            guard case .object(let o)? = profiles.first(where: { $0.0 == slug })?.1 else { return [] }
            return o.map(\.0)
        }
        #expect(keys("gap-band-gap-corrected").contains("band_gap_calibration"))
        #expect(!keys("gap-band-gap").contains("band_gap_calibration"))

        // Without the experimental file, or without a recorded folder, the section is one sentence.
        let missing = CalibrationAnalysis(store: store, descriptorFolder: folder.path)
        #expect(missing.run == nil && missing.problem?.hasPrefix("The calibration fit is not shown: the experimental band gaps") == true)
        #expect(CalibrationAnalysis(store: store, descriptorFolder: nil).problem?.contains("does not record the descriptor folder") == true)
        let blocks = CalibrationSection.blocks(missing, slug: "s")
        #expect(blocks.count == 2)
        if case .paragraph(let inlines)? = blocks.last { #expect(inlines.count == 1) } else { Issue.record("no sentence") }
    }
}
