import Foundation
import Yams
import ScreenCore
import ScreenNumerics

/// How the columns (CSV) or keys (JSON) of a computed database map onto candidates and
/// measurements, read from a YAML file (`Descriptors/mappings/*.yaml`):
///
/// ```yaml
/// format: csv                  # csv or json; default from the data file's extension (.gz ignored)
/// file: ../computed/x.csv      # optional; relative to the mapping's folder
/// records: data.entries        # JSON only: key path of the array of records (default: the top level)
/// id: task_id                  # column / key path of the candidate id, or
/// id: {row: mbform}            #   ids from the data row: mbform-000001, mbform-000002, … (`width:` digits, default 6)
/// sha256: 90e8…                # optional: the data file's SHA-256; any other file is refused
/// formula: composition         # column / key path of the chemical formula
/// name: pretty_formula         # optional (default: the formula)
/// category: computed           # default computed
/// method: "DFT-PBE (…)"        # required, applies to every value
/// source: "…"                  # required, applies to every value
/// location: …                  # optional
/// conditions: …                # optional
/// note: …                      # optional
/// existing: merge              # merge (default) or error
/// structure: structure         # JSON only, optional: a pymatgen Structure dict → density, volume per atom
/// exclude:                     # optional: ids left out, each with the reason (said in the summary)
///   mp-1: "why"
/// properties:
///   band_gap: {column: band_gap, unit: eV}
///   shear_modulus: {path: shear_modulus_vrh, unit: GPa, method: …, source: …, uncertainty: err_col}
///   bulk_modulus: {column: target, unit: log10 GPa}   # the file gives x, the value is 10^x GPa
/// ```
///
/// Every problem is an `InputError` naming the mapping's file, line and key.
public struct ImportMapping: Sendable {
    /// The data file's format (`format:`).
    public enum Format: String, Sendable, CaseIterable { case csv, json }
    /// What to do with a candidate already in the database (`existing:`): add the file's values to it, its
    /// composition checked first (`merge`), or refuse it (`error`).
    public enum Existing: String, Sendable, CaseIterable { case merge, error }

    /// Where a candidate's id comes from.
    public enum IDSource: Sendable, Equatable {
        /// A column (CSV) or dotted key path (JSON).
        case field(String)
        /// Made from the 1-based data row (CSV: the records after the header; JSON: the position
        /// in the array): `prefix-000042`, zero-padded to `width` digits. For files without ids,
        /// such as the Matbench extracts; the ids name the same compounds only as long as the file
        /// is unchanged, which a `sha256:` in the mapping makes sure of.
        case row(prefix: String, width: Int)

        /// The default width: six digits hold the largest bundled file (132,752 rows) and any
        /// file up to 999,999 rows; a longer file gets longer numbers, still unique. A fixed
        /// width (not the row count's) lets several files share one id scheme.
        public static let defaultWidth = 6

        /// The id of data row `row` (1-based); nil for `.field`.
        public func id(row: Int) -> String? {
            guard case let .row(prefix, width) = self else { return nil }
            let digits = String(row)
            return prefix + "-" + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
    }

    /// How one property is read (an entry of `properties:`).
    public struct PropertyMapping: Sendable {
        /// The catalogue property the values are of.
        public let property: Property
        /// Column (CSV) or dotted key path (JSON).
        public let key: String
        /// True when the mapping wrote `path:` (JSON), false for `column:` (CSV).
        public let isPath: Bool
        /// The linear unit; for a logarithmic unit (`log10 GPa`), the unit of 10^x.
        public let unit: Unit
        /// The unit as the mapping writes it, stored as each value's unit as given.
        public let unitText: String
        /// True for `log10 UNIT`: the file gives x and the value is 10^x UNIT (Matbench gives
        /// elastic moduli so).
        public let isLog10: Bool
        /// How the values were obtained: the entry's `method:`, else the mapping's.
        public let method: String
        /// Where the values come from: the entry's `source:`, else the mapping's.
        public let source: String
        /// Column (CSV) or dotted key path (JSON) of the ± uncertainty, in `unit`; nil: none (never with a
        /// log10 unit).
        public let uncertainty: String?
        /// Line of the property's entry in the mapping.
        public let line: Int?

        /// A value as given in the file, in the property's canonical unit (10^x first for a
        /// logarithmic unit).
        public func canonical(_ given: Double) -> Double {
            unit.toCanonical(isLog10 ? pow(10, given) : given)
        }
    }

    /// The mapping's name in messages.
    public let file: String
    /// The mapping's folder; a relative `file:` resolves against it.
    public let folder: URL
    /// `format:`; nil: taken from the data file's extension (`resolvedFormat(for:)`).
    public let format: Format?
    /// `file:`, resolved against `folder` when relative; nil: the data file is given on the command line.
    public let dataFile: URL?
    /// `records:` split at dots: the key path of the JSON array of records; empty for the top level (and CSV).
    public let records: [String]
    /// Where each candidate's id comes from (`id:`).
    public let id: IDSource
    /// Column (CSV) or dotted key path (JSON) of the chemical formula (`formula:`).
    public let formula: String
    /// Column or key path of the candidate's name (`name:`); nil: the name is the formula.
    public let name: String?
    /// The category of new candidates (`category:`, default `computed`).
    public let category: CandidateCategory
    /// How the values were obtained (`method:`), for every property that does not give its own.
    public let method: String
    /// Where the values come from (`source:`), for every property that does not give its own.
    public let source: String
    /// `location:`, stored with every value; nil when not given.
    public let location: String?
    /// `conditions:`, stored with every value; nil when not given.
    public let conditions: String?
    /// `note:`, stored with every value; nil when not given.
    public let note: String?
    /// What to do with a candidate already in the database (`existing:`, default `merge`).
    public let existing: Existing
    /// Key path of each record's pymatgen Structure (JSON only), from which density and volume per atom are
    /// derived; nil: none.
    public let structure: String?
    /// How each property is read, in the mapping's order (empty only with a `structure`).
    public let properties: [PropertyMapping]
    /// Ids left out of the import, with the reason.
    public let exclude: [String: String]
    /// The data file's SHA-256 (lowercase hex), checked before anything is read; nil: not checked.
    public let sha256: String?
    /// Line of each top-level key, for messages about it.
    public let lines: [String: Int]
    /// SHA-256 of the mapping's own text: with the data file's, it identifies an import.
    public internal(set) var contentSHA256 = ""

    static let knownKeys = ["format", "file", "sha256", "records", "id", "formula", "name", "category", "method", "source",
                            "location", "conditions", "note", "existing", "structure", "properties", "exclude"]
    static let knownPropertyKeys = ["column", "path", "unit", "method", "source", "uncertainty"]
    static let knownRowIDKeys = ["row", "width"]

    /// Loads and checks a mapping file.
    public static func load(_ url: URL) throws -> ImportMapping {
        let name = displayPath(url)
        return try load(yaml: try InputFile.text(url, display: name), file: name, folder: url.deletingLastPathComponent())
    }

    /// Reads and checks a mapping's YAML text; `file` names it in messages, `folder` resolves a relative `file:`.
    /// - Throws: `DescriptorProblems` with every problem found (file, line and key of each).
    public static func load(yaml: String, file: String, folder: URL) throws -> ImportMapping {
        let root = try DescriptorProblems.yamlRoot(yaml, file: file, what: "mapping")
        var reader = Reader(file: file, folder: folder)
        let mapping = reader.importMapping(root)
        guard reader.problems.isEmpty, var mapping else { throw DescriptorProblems(problems: reader.problems) }
        mapping.contentSHA256 = SHA256.hex(of: Array(yaml.utf8))
        return mapping
    }

    /// A YAML syntax error with its line.
    /// The data format for `dataFile`: the mapping's `format:`, else the extension (`.gz` ignored).
    public func resolvedFormat(for dataFile: URL) throws -> Format {
        if let format { return format }
        var url = dataFile
        if url.pathExtension.lowercased() == "gz" { url = url.deletingPathExtension() }
        guard let f = Format(rawValue: url.pathExtension.lowercased()) else {
            throw InputError(file: file, line: lines["format"], field: "format",
                             "cannot tell the format of \(dataFile.lastPathComponent) from its extension: add `format: csv` or `format: json`")
        }
        return f
    }

    /// The data file: `given` (a path on the command line) or the mapping's `file:`.
    /// - Throws: `DescriptorProblems` when there is neither.
    public func dataFile(given: String?) throws -> URL {
        if let given { return URL(fileURLWithPath: given) }
        guard let dataFile else {
            throw DescriptorProblems(problems: [InputError(file: file, field: "file", "no data file: give FILE on the command line or `file:` in the mapping")])
        }
        return dataFile
    }

    /// Refuses a data file whose SHA-256 differs from the mapping's `sha256:` (no check without one).
    /// - Throws: `DescriptorProblems` naming the data file, both checksums and the mapping's line.
    public func verifyChecksum(of dataFile: URL) throws {
        guard let expected = sha256 else { return }
        let name = displayPath(dataFile)
        let actual: String
        do { actual = try SHA256.hex(ofFile: dataFile) } catch {
            throw DescriptorProblems(problems: [InputError(file: name, "cannot read the file to check its SHA-256: \(error.localizedDescription)")])
        }
        guard actual == expected else {
            let at = lines["sha256"].map { "\(file):\($0)" } ?? file
            throw DescriptorProblems(problems: [InputError(file: name, field: "sha256",
                "the file's SHA-256 is \(actual), but \(at) names \(expected): this is not the file the mapping was written for (a changed file would give other values, and other rows under its row-derived ids); restore the file or update the mapping after checking it")])
        }
    }

    /// Checks the keys that only make sense for one format.
    func formatProblems(_ format: Format) -> [InputError] {
        var problems: [InputError] = []
        if format == .csv {
            if !records.isEmpty { problems.append(InputError(file: file, line: lines["records"], field: "records", "only for JSON data (the key path of the array of records)")) }
            if structure != nil { problems.append(InputError(file: file, line: lines["structure"], field: "structure", "only for JSON data (a pymatgen Structure dictionary)")) }
        }
        for p in properties where p.isPath != (format == .json) {
            problems.append(InputError(file: file, line: p.line, field: "properties.\(p.property.name)",
                                       format == .json ? "JSON data is read by key path: write `path: \(p.key)`, not `column:`"
                                                       : "CSV data is read by column: write `column: \(p.key)`, not `path:`"))
        }
        return problems
    }
}
