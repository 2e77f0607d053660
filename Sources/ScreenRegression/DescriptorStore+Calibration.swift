import Foundation
import GRDB
import ScreenCore
import ScreenNumerics
import ScreenStore

extension DescriptorStore {
    /// What `calibrateBandGaps` did.
    public struct BandGapCalibrationRun: Sendable {
        /// The join, the fitted model, the cross-validation and the sodium check.
        public let outcome: BandGapCalibration.Outcome
        /// The experimental file as named to the user.
        public let experimentalFile: String
        /// The sources of the PBE gaps the fit used, with how many values each gave, most first.
        public let pbeSources: [(source: String, count: Int)]
        /// band_gap_corrected values written (0 on a dry run) and earlier ones removed.
        public let stored: Int
        /// Values of an earlier calibration deleted first.
        public let replaced: Int
        /// Candidates with a PBE band gap, i.e. with a calibrated value.
        public let candidates: Int
        /// Values whose value or lower end was clamped at 0; PBE metals; PBE gaps outside the fitted range.
        public let clamped: Int
        /// PBE gaps of 0 eV, calibrated to 0 with the empirical interval.
        public let pbeMetals: Int
        /// PBE gaps outside the fitted PBE range.
        public let extrapolated: Int
        /// True when nothing was written (`--dry-run`).
        public let dryRun: Bool
    }

    /// The method of the stored values; a new calibration replaces every value with this method.
    /// Its "95 %" is `bandGapCalibrationLevel`: the level is fixed so that the text is always true.
    public static let bandGapCalibrationMethod = "derived: PBE band gap calibrated to experiment (fitted relation, 95 % prediction interval)"

    /// The level of the stored prediction intervals and of the metal quantile (the method text says it).
    public static let bandGapCalibrationLevel = 0.95

    /// Fits the calibration of PBE band gaps against the experimental file and stores, in one
    /// transaction, a `band_gap_corrected` value for every PBE band-gap measurement of any candidate
    /// (replacing the values of an earlier calibration, never adding to them).
    ///
    /// The fit uses the `band_gap` measurements whose method is PBE (`BandGapCalibration.isPBE`),
    /// without qualifier, of candidates of category `computed` — one value per computed entry; the
    /// review's hand-picked PBE values copy single entries of the same source and would count a
    /// polymorph twice — and, with `pbeSource`, only those whose source contains that text. The
    /// sodium check uses the experimental (`isExperimental`) band gaps of the database's candidates
    /// that contain Na, joined by reduced composition to the same PBE pool.
    ///
    /// - Throws: `DescriptorProblems` for a bad experimental file (file:line: field, nothing
    ///   written); `BandGapCalibration.CalibrationError` when too few compositions join.
    /// - Complexity: one pass over the band-gap measurements, 3 × `folds` + 1 small OLS fits, and
    ///   one insert per PBE band gap (about 10 s for 190,000 in a debug build).
    public func calibrateBandGaps(experimental url: URL, pbeSource: String? = nil, folds: Int = 10, seed: UInt64 = 1,
                                  dryRun: Bool = false) throws -> BandGapCalibrationRun {
        let level = Self.bandGapCalibrationLevel
        let experimental = try BandGapCalibration.readExperimental(url)
        let line = ProgressLine("calibrate")
        defer { line.finish() }
        line.begin("reading band gaps", unit: "values")
        struct Gap { let candidate: String; let value: Double; let method: String; let source: String; let origin: String
                     let location: String?; let computed: Bool; let key: String?; let formula: String?; let sodium: Bool }
        let rows: [Gap] = try queue.read { db in
            // The rows themselves and their texts by id, each text read once (`TextCache`): the
            // `stored_measurements` view's joins decode the same few texts again on each of
            // 100,000 rows.
            var texts = TextCache(db)
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT m.candidate_id, m.value, m.method_id, m.source_id, m.origin, m.location_id, c.category, c.reduced_formula, c.formula, c.elements
                FROM measurement_rows m JOIN candidates c ON c.id = m.candidate_id
                WHERE m.property = 'band_gap' AND m.qualifier IS NULL ORDER BY m.id
                """)
            var out: [Gap] = []
            while let r = try cursor.next() {
                let elements: String? = r[9]
                let location: Int64? = r[5]
                out.append(Gap(candidate: r[0], value: r[1], method: try texts[r[2]], source: try texts[r[3]], origin: r[4],
                               location: try location.map { try texts[$0] },
                               computed: (r[6] as String) == CandidateCategory.computed.rawValue, key: r[7], formula: r[8],
                               sodium: elements.map(Self.namesSodium) ?? false))
                line.advance()
            }
            return out
        }
        // A handful of method texts recur over 100,000 rows: each is classified once.
        var isPBE: [String: Bool] = [:]
        for method in Set(rows.map(\.method)) { isPBE[method] = BandGapCalibration.isPBE(method: method) }
        let pbeRows = rows.filter { isPBE[$0.method]! }
        let pool = pbeRows.filter { $0.computed && $0.key != nil && (pbeSource.map($0.source.contains) ?? true) }
        let sodium = rows.filter { $0.sodium && $0.key != nil && BandGapCalibration.isExperimental(method: $0.method) }
        line.begin("cross-validating")
        let outcome = try BandGapCalibration.calibrate(
            experimental: experimental,
            pbe: pool.map { .init(candidate: $0.candidate, key: $0.key!, gap: $0.value, source: $0.source) },
            sodium: sodium.map { .init(candidate: $0.candidate, formula: $0.formula ?? $0.candidate, key: $0.key!, gap: $0.value) },
            folds: folds, seed: seed, level: level)

        // One derived value per PBE band gap; the model text, shared, in its note.
        let file = displayPath(url)
        let model = outcome.model, cv = outcome.crossValidation
        let pct = formatForDisplay(level * 100)
        let modelText = "\(model.form.equation), OLS: \(model.coefficientText), n = \(model.fit.n) (both gaps > 0), "
            + "R² = \(formatForDisplay(model.fit.r2, significant: 4)), σ = \(formatForDisplay(model.fit.sigma, significant: 4)) eV; "
            + "\(cv.folds)-fold CV MAE \(formatForDisplay(cv.chosenScore.mae, significant: 4)) vs raw \(formatForDisplay(cv.raw.mae, significant: 4)) eV, "
            + "RMSE \(formatForDisplay(cv.chosenScore.rmse, significant: 4)) vs \(formatForDisplay(cv.raw.rmse, significant: 4)) eV"
        let metalUpper = formatForDisplay(model.metalUpper, significant: 4)
        let metalText = "PBE metal → 0 eV, \(pct) % interval [0, \(metalUpper)] eV"
        // What every calibrated value of one kind shares goes to its note, stored once (`texts`);
        // the conditions keep the row's own inputs and results (106,000 rows repeated a 250-byte
        // model text in their conditions).
        let fittedNote = "derived, not measured; range = \(pct) % prediction interval; model: " + modelText
        let metalNote = "derived, not measured; range = \(pct) % interval of experimental gaps: of \(model.metalCompositions) joined "
            + "PBE-metal compositions \(model.metalsInExperiment) are metals in experiment, \(pct) % have ≤ \(metalUpper) eV"
        let source = "experimental gaps: \(file); PBE gap: "
        let calibrated = try model.calibrate(pbeRows.map(\.value))
        var derived: [ScreenCore.Measurement] = []
        derived.reserveCapacity(dryRun ? 0 : pbeRows.count)
        // A dry run (the report's) writes nothing, so it builds no values.
        for (row, c) in zip(pbeRows, calibrated) where !dryRun {
            var conditions = "PBE \(formatNumber(row.value)) eV: "
            if c.pbeMetal {
                conditions += metalText
            } else {
                conditions += "→ \(formatForDisplay(c.value, significant: 4)) eV, \(pct) % PI "
                    + "[\(formatForDisplay(c.low, significant: 4)), \(formatForDisplay(c.high, significant: 4))] eV"
                if let v = c.unclampedValue { conditions += "; value clamped at 0 (fit: \(formatForDisplay(v, significant: 4)))" }
                if let lo = c.unclampedLow { conditions += "; PI clamped at 0 (fit: \(formatForDisplay(lo, significant: 4)))" }
                if c.extrapolated {
                    conditions += "; extrapolated beyond the fitted PBE range \(formatForDisplay(model.fittedRange.lowerBound, significant: 4))–\(formatForDisplay(model.fittedRange.upperBound, significant: 4)) eV"
                }
            }
            derived.append(ScreenCore.Measurement(
                candidate: row.candidate, property: "band_gap_corrected", value: c.value, uncertainty: nil, rangeLow: c.low, rangeHigh: c.high,
                qualifier: nil, valueFromRange: false, valueAsGiven: c.value, uncertaintyAsGiven: nil, rangeLowAsGiven: c.low,
                rangeHighAsGiven: c.high, unitAsGiven: "eV", method: Self.bandGapCalibrationMethod, conditions: conditions,
                conventionAsGiven: nil, source: source + row.source, location: row.location,
                note: c.pbeMetal ? metalNote : fittedNote,
                origin: "\(row.origin) (derived)"))
        }

        line.begin("storing \(derived.count) calibrated gaps")
        let replaced = dryRun ? 0 : try replaceDerived(properties: ["band_gap_corrected"], method: Self.bandGapCalibrationMethod, with: derived)
        let sources = Dictionary(grouping: pool, by: \.source).map { (source: $0.key, count: $0.value.count) }
            .sorted { ($1.count, $0.source) < ($0.count, $1.source) }
        return BandGapCalibrationRun(
            outcome: outcome, experimentalFile: file, pbeSources: sources, stored: dryRun ? 0 : derived.count, replaced: replaced,
            candidates: Set(pbeRows.map(\.candidate)).count,
            clamped: calibrated.filter { $0.unclampedValue != nil || $0.unclampedLow != nil }.count,
            pbeMetals: calibrated.filter(\.pbeMetal).count, extrapolated: calibrated.filter(\.extrapolated).count, dryRun: dryRun)
    }

    /// Whether a candidate's `elements` text (its symbols joined by spaces) names sodium: one pass
    /// over its bytes, word by word. Splitting every band-gap row's text into an array of
    /// substrings was a sixth of the read, and Foundation's substring search more than that.
    /// - Complexity: O(length of the text), no allocation.
    static func namesSodium(_ elements: String) -> Bool {
        var length = 0          // bytes of the current word so far
        var spellsNa = true     // whether they are "N", "a" so far
        for byte in elements.utf8 {
            if byte == UInt8(ascii: " ") {
                if length == 2 && spellsNa { return true }
                length = 0
                spellsNa = true
                continue
            }
            if length == 0 { spellsNa = byte == UInt8(ascii: "N") } else if length == 1 { spellsNa = spellsNa && byte == UInt8(ascii: "a") }
            length += 1
        }
        return length == 2 && spellsNa
    }
}
