import Foundation
import Yams
import ScreenCore
import ScreenNumerics

extension ImportMapping {
    /// Reads a mapping's YAML into an `ImportMapping`, collecting every problem with its line and
    /// key (`YAMLProblemCollector`) rather than stopping at the first, so that one run names them all.
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
