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
        /// The 1-based line of the file, for messages.
        public let line: Int
        /// The formula as written (whitespace trimmed).
        public let formula: String
        /// Its reduced composition (`ChemicalFormula.reducedKey`), the join key.
        public let key: String
        /// eV; 0 = metal.
        public let gap: Double
    }

    /// One PBE band gap of a database entry, as the calibration reads it from the database
    /// (only this module makes one: its memberwise initialiser is internal).
    public struct PBEValue: Sendable, Equatable {
        /// The database entry (candidate id) the gap belongs to.
        public let candidate: String
        /// Its reduced composition, the join key.
        public let key: String
        /// The PBE band gap, eV (0 = metallic in PBE).
        public let gap: Double
        /// The measurement's source (the database it came from), reported per source.
        public let source: String
    }

    /// One experimental band gap of a sodium compound in the database, for the out-of-sample
    /// check (read by this module, which alone makes one: its memberwise initialiser is internal).
    public struct SodiumValue: Sendable, Equatable {
        /// The candidate id the value belongs to.
        public let candidate: String
        /// The candidate's formula as stored (its id when it has none), for the report.
        public let formula: String
        /// Its reduced composition, the join key.
        public let key: String
        /// The experimental band gap, eV.
        public let gap: Double
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
            let text = r.fields[0].trimmingWhitespace(), cell = r.fields[1].trimmingWhitespace()
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

    /// Whether a measurement method is an experiment ("exp", "experiment", "experimental", "expt"):
    /// `ValueKind`'s rule, so that the calibration's experiments are the values every export and
    /// report calls `experiment`.
    public static func isExperimental(method: String) -> Bool {
        ValueKind(method: method.trimmingWhitespace()) == .experiment
    }

    // MARK: The join

    /// One reduced composition with both an experimental and a PBE gap.
    public struct JoinedComposition: Sendable, Equatable {
        /// What the composition is used for: `fit` (both gaps > 0: in the fit set and its folds),
        /// `pbeMetal` (PBE gap 0: behind the empirical metal interval) or `experimentalMetal`
        /// (experimental 0, PBE gap > 0: a class label, left out of the fit). The raw values are the
        /// report's names.
        public enum Role: String, Sendable { case fit, pbeMetal = "pbe_metal", experimentalMetal = "experimental_metal" }
        /// The reduced composition (`ChemicalFormula.reducedKey`).
        public let key: String
        /// The experimental file's formulas for this composition, as written.
        public let formulas: [String]
        /// Median of the composition's experimental rows, eV.
        public let experimental: Double
        /// How many experimental rows the median pools.
        public let experimentalRows: Int
        /// Median of the composition's PBE entries, eV.
        public let pbe: Double
        /// How many PBE entries the median pools.
        public let pbeEntries: Int
        /// What the composition is used for (see `Role`).
        public let role: Role
        /// 1…k for the fit set's cross-validation folds.
        public let fold: Int?
    }
}

extension BandGapCalibration {
    /// How the calibration joins, fits, chooses its form and checks it, in words: what
    /// `screen db calibrate band-gap --help` says, kept beside the calibration it describes.
    public static let help = """
        Joins the experimental file (formula,target; 0 = metal) to the PBE band gaps of the computed candidates \
        by reduced composition (medians), fits on the compositions with both gaps > 0, chooses the form \
        (b·E, a + b·E, a + b·E + c·E²) by seeded k-fold cross-validation, and checks it on the sodium compounds \
        whose experimental gaps the database holds. Run it after importing the computed databases; a new run \
        replaces the values of the earlier one in one transaction. PBE metals get 0 eV with an empirical interval.
        """
}
