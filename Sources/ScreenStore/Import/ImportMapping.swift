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

    struct Reader: YAMLProblemCollector {
        let file: String
        let folder: URL
        var problems: [InputError] = []

        mutating func text(_ map: [(String, Node)], _ key: String, required: String? = nil, in context: Node) -> String? {
            guard let node = value(map, key) else {
                if let required { fail(context, key, "required: \(required)") }
                return nil
            }
            guard case .scalar = node, let s = node.string?.trimmingWhitespace(), !s.isEmpty else {
                fail(node, key, "must be non-empty text"); return nil
            }
            return s
        }

        mutating func importMapping(_ root: Node) -> ImportMapping? {
            guard let map = mapping(root) else {
                fail(root, nil, "a mapping is a YAML mapping with id, formula, method, source and properties"); return nil
            }
            var lines: [String: Int] = [:]
            for (k, v) in map {
                lines[k] = v.mark?.line
                if !ImportMapping.knownKeys.contains(k) { fail(v, k, "unknown key (known: \(ImportMapping.knownKeys.joined(separator: ", ")))") }
            }
            var format: Format? = nil
            if let f = text(map, "format", in: root) {
                format = Format(rawValue: f)
                if format == nil { fail(value(map, "format"), "format", "'\(f)' is not a format (csv or json)") }
            }
            var dataFile: URL? = nil
            if let f = text(map, "file", in: root) {
                dataFile = f.hasPrefix("/") ? URL(fileURLWithPath: f) : folder.appendingPathComponent(f).standardizedFileURL
            }
            var records: [String] = []
            if let r = text(map, "records", in: root) {
                records = r.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                if records.contains(where: \.isEmpty) { fail(value(map, "records"), "records", "'\(r)' is not a key path such as data.entries") }
            }
            let id = idSource(map, in: root)
            var sha256: String? = nil
            if let h = text(map, "sha256", in: root) {
                let hex = h.lowercased()
                if hex.utf8.count == 64, hex.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) { sha256 = hex }
                else { fail(value(map, "sha256"), "sha256", "'\(h)' is not a SHA-256 (64 hexadecimal digits, as `sha256sum FILE` prints)") }
            }
            let formula = text(map, "formula", required: "the column or key of the chemical formula", in: root)
            let name = text(map, "name", in: root)
            var category = CandidateCategory.computed
            if let c = text(map, "category", in: root) {
                if let parsed = CandidateCategory(rawValue: c) { category = parsed }
                else { fail(value(map, "category"), "category", "'\(c)' is not a category (\(CandidateCategory.allCases.map(\.rawValue).joined(separator: ", ")))") }
            }
            let method = text(map, "method", required: "how the values were obtained (applies to the whole file)", in: root)
            let source = text(map, "source", required: "where the values come from (applies to the whole file)", in: root)
            var existing = Existing.merge
            if let e = text(map, "existing", in: root) {
                if let parsed = Existing(rawValue: e) { existing = parsed }
                else { fail(value(map, "existing"), "existing", "'\(e)' is not merge or error") }
            }
            let structure = text(map, "structure", in: root)
            var properties: [PropertyMapping] = []
            if let node = value(map, "properties") {
                if case .mapping(let m) = node, !m.isEmpty {
                    for (keyNode, entry) in m {
                        guard let name = keyNode.string else { fail(keyNode, "properties", "a property name must be text"); continue }
                        if let p = property(name, entry, keyNode: keyNode, method: method ?? "", source: source ?? "") { properties.append(p) }
                    }
                    var seen: [String: Int] = [:]
                    for p in properties {
                        if let first = seen[p.property.name] { fail(nil, "properties.\(p.property.name)", "mapped twice (first on line \(first))") }
                        seen[p.property.name] = p.line ?? 0
                    }
                } else { fail(node, "properties", "must be a mapping of property name → {column or path, unit}") }
            } else if structure == nil {
                fail(root, "properties", "required: at least one property (or a structure)")
            }
            if structure != nil, format == .csv { fail(value(map, "structure"), "structure", "only for JSON data (a pymatgen Structure dictionary)") }
            if !records.isEmpty, format == .csv { fail(value(map, "records"), "records", "only for JSON data (the key path of the array of records)") }
            var exclude: [String: String] = [:]
            if let node = value(map, "exclude") {
                if let entries = mapping(node) {
                    for (excluded, reason) in entries {
                        guard let r = reason.string?.trimmingWhitespace(), !r.isEmpty else {
                            fail(reason, "exclude.\(excluded)", "give the reason for leaving \(excluded) out"); continue
                        }
                        exclude[excluded] = r
                    }
                } else { fail(node, "exclude", "must be a mapping of id → reason") }
            }
            guard let id, let formula, let method, let source else { return nil }
            return ImportMapping(file: file, folder: folder, format: format, dataFile: dataFile, records: records, id: id,
                                 formula: formula, name: name, category: category, method: method, source: source,
                                 location: text(map, "location", in: root), conditions: text(map, "conditions", in: root),
                                 note: text(map, "note", in: root), existing: existing, structure: structure,
                                 properties: properties, exclude: exclude, sha256: sha256, lines: lines)
        }

        /// `id: COLUMN` or `id: {row: PREFIX, width: N}`.
        mutating func idSource(_ map: [(String, Node)], in root: Node) -> IDSource? {
            guard let node = value(map, "id") else {
                fail(root, "id", "required: the column or key of the candidate id, or {row: PREFIX} for ids made from the row number"); return nil
            }
            guard let spec = mapping(node) else {
                return text(map, "id", in: root).map { .field($0) }
            }
            var ok = true
            for (k, v) in spec where !ImportMapping.knownRowIDKeys.contains(k) {
                fail(v, "id.\(k)", "unknown key (known: \(ImportMapping.knownRowIDKeys.joined(separator: ", ")))"); ok = false
            }
            func scalar(_ key: String) -> (Node, String)? {
                guard let v = value(spec, key), case .scalar = v, let t = v.string?.trimmingWhitespace(), !t.isEmpty else { return nil }
                return (v, t)
            }
            guard let (rowNode, prefix) = scalar("row") else {
                fail(value(spec, "row") ?? node, "id.row", "required: the id prefix as text, e.g. {row: mbform} for mbform-000001, mbform-000002, …")
                return nil
            }
            if !Candidate.isValidID(prefix) {
                fail(rowNode, "id.row", "'\(prefix)' is not a plain ASCII id prefix (letters, digits and _ - . @ + only)"); ok = false
            }
            var width = IDSource.defaultWidth
            if let widthNode = value(spec, "width") {
                if let (_, w) = scalar("width"), let n = Int(w), (1...12).contains(n) { width = n }
                else { fail(widthNode, "id.width", "'\(widthNode.string ?? "")' is not a number of digits from 1 to 12"); ok = false }
            }
            return ok ? .row(prefix: prefix, width: width) : nil
        }

        mutating func property(_ name: String, _ node: Node, keyNode: Node, method: String, source: String) -> PropertyMapping? {
            let key = "properties.\(name)"
            guard let property = PropertyCatalogue.property(named: name) else {
                fail(keyNode, key, "'\(name)' is not in the property catalogue (see `screen db properties`)"); return nil
            }
            if property.hasSignConvention {
                fail(keyNode, key, "\(name) needs a sign convention and a reference state per value (reference_state: isolated_atom, bulk_sodium or not_stated); import it with a measurements CSV file"); return nil
            }
            guard let map = mapping(node) else { fail(node, key, "must be a mapping {column: …, unit: …}"); return nil }
            for (k, v) in map where !ImportMapping.knownPropertyKeys.contains(k) {
                fail(v, "\(key).\(k)", "unknown key (known: \(ImportMapping.knownPropertyKeys.joined(separator: ", ")))")
            }
            let column = text(map, "column", in: node), path = text(map, "path", in: node)
            if column != nil && path != nil { fail(node, key, "give column (CSV) or path (JSON), not both") }
            guard let field = column ?? path else { fail(node, key, "needs `column:` (CSV) or `path:` (JSON key path)"); return nil }
            let accepted = property.units.map(\.symbol).joined(separator: ", ")
            guard let unitText = text(map, "unit", required: "the unit of the values (accepted for \(name): \(accepted))", in: node) else { return nil }
            let uncertainty = text(map, "uncertainty", in: node)
            var unit = property.unit(named: unitText)
            var isLog10 = false
            if unit == nil, let inner = Self.log10Argument(unitText) {
                isLog10 = true
                unit = property.unit(named: inner)
                if unit == nil {
                    fail(value(map, "unit"), "\(key).unit", "'\(unitText)': '\(inner)' is not a unit of \(name) (accepted: \(accepted), or log10 of one of them, e.g. log10 \(property.canonicalUnit.symbol))")
                    return nil
                }
                if let b = property.bounds, b.lowerBound < 0 {
                    fail(value(map, "unit"), "\(key).unit", "'\(unitText)': a log10 unit gives only positive values, but \(name) can be negative (\(property.boundsDescription))")
                    return nil
                }
                if uncertainty != nil {
                    fail(value(map, "uncertainty"), "\(key).uncertainty", "a ± in log10 units is not a ± in \(inner) (10^(x±u) is not symmetric); give the uncertainty as a separate linear column, or leave it out")
                    return nil
                }
            }
            guard let unit else {
                fail(value(map, "unit"), "\(key).unit", "'\(unitText)' is not a unit of \(name) (accepted: \(accepted))")
                return nil
            }
            return PropertyMapping(property: property, key: field, isPath: path != nil, unit: unit, unitText: unitText, isLog10: isLog10,
                                   method: text(map, "method", in: node) ?? method, source: text(map, "source", in: node) ?? source,
                                   uncertainty: uncertainty, line: keyNode.mark?.line)
        }

        /// `UNIT` of `log10 UNIT` or `log10(UNIT)` (Matbench writes `log10(GPa)`); nil for any other text.
        static func log10Argument(_ text: String) -> String? {
            guard text.hasPrefix("log10") else { return nil }
            var rest = text.dropFirst("log10".count)
            if rest.first == "(" && rest.last == ")" {
                rest = rest.dropFirst().dropLast()
            } else {
                guard let first = rest.first, first == " " || first == "\t" else { return nil }
            }
            let inner = rest.trimmingWhitespace()
            return inner.isEmpty ? nil : inner
        }
    }
}
