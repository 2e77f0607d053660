import Foundation
import Yams
import ScreenCore
import ScreenDecision
import ScreenNumerics
import ScreenRegression
import ScreenStore
import ScreenThermodynamics

/// Reads and validates a profile YAML file. Every problem names the file, the line and
/// the key, and all problems are reported together; notices (weights normalised) do not stop
/// loading.
public enum ProfileLoader {
    /// The performance columns a criterion can name (the same as in `screen fit --rows performance`).
    public static let performanceColumns = DescriptorTable.performanceColumns
    static let performanceUnits = ["current_density_ma_cm2": "mA/cm2", "capacity_mah_cm2": "mAh/cm2",
                                   "coulombic_efficiency_pct": "%", "overpotential_mv": "mV", "lifespan_hours": "h",
                                   "area_specific_resistance_ohm_cm2": "ohm cm2", "cumulative_capacity_mah_cm2": "mAh/cm2"]
    /// The ranking methods a profile's `method:` can name.
    public static let methods = RankingMethods.names
    /// The normalisations a profile's `normalization:` can name.
    public static let normalizations = Normalization.allCases.map(\.rawValue)

    /// A profile given as a file path, or as the name of one in the descriptor folder's
    /// `profiles/` (`sei` → Descriptors/profiles/sei.yaml; `computed/sodium-compounds` →
    /// Descriptors/profiles/computed/sodium-compounds.yaml). A name found nowhere stays the
    /// bundled path (so the error names where it was looked for) unless it looks like a path.
    public static func locate(_ profile: String, descriptorFolder: URL) -> URL {
        let url = URL(fileURLWithPath: profile)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        let named = descriptorFolder.appendingPathComponent("profiles/\(profile.hasSuffix(".yaml") ? profile : profile + ".yaml")")
        return FileManager.default.fileExists(atPath: named.path) || !profile.contains("/") ? named : url
    }

    /// Reads and validates the profile at `url`.
    /// - Throws: `InputError` when the file does not exist (listing the profiles beside it) or
    ///   cannot be read; the problems of `load(yaml:file:)`.
    public static func load(_ url: URL) throws -> Profile {
        let name = displayPath(url)
        if !FileManager.default.fileExists(atPath: url.path) {
            let folder = url.deletingLastPathComponent()
            let known = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
            throw InputError(file: name, "no such profile" + (known.isEmpty ? "" : " (the profiles in \(displayPath(folder)): \(known.joined(separator: ", ")))"))
        }
        return try load(yaml: try InputFile.text(url, display: name), file: name)
    }

    /// Parses and validates a profile's YAML text; `file` names it in messages.
    /// - Throws: `InputError` for an empty profile; `DescriptorProblems` with every problem found
    ///   (YAML syntax, unknown keys, bad values), each with its line and key.
    /// - Complexity: linear in the text's length and the number of criteria.
    public static func load(yaml: String, file: String) throws -> Profile {
        let root = try DescriptorProblems.yamlRoot(yaml, file: file, what: "profile")
        var reader = Reader(file: file)
        let profile = reader.profile(root)
        guard reader.problems.isEmpty, let profile else { throw DescriptorProblems(problems: reader.problems) }
        return profile
    }

    /// Walks the YAML tree collecting problems with their lines.
    struct Reader: YAMLProblemCollector {
        let file: String
        var problems: [InputError] = []

        mutating func string(_ map: [(String, Node)], _ key: String, required: Bool = false, in context: Node) -> String? {
            guard let node = value(map, key) else {
                if required { fail(context, key, "required") }
                return nil
            }
            guard let s = node.string else { fail(node, key, "must be text"); return nil }
            return s
        }

        mutating func number(_ node: Node, _ key: String) -> Double? {
            guard let s = node.string, let v = DecimalNumber.parse(s.trimmingWhitespace()) else {
                fail(node, key, "'\(node.string ?? "…")' is not a number"); return nil
            }
            return v
        }

        mutating func profile(_ root: Node) -> Profile? {
            guard let map = mapping(root) else { fail(root, nil, "a profile is a mapping with name, criteria, …"); return nil }
            let known = ["name", "description", "categories", "method", "normalization", "parameters", "defaults", "criteria", "relations",
                         "filter", "polymorphs", "join", "min_coverage"]
            for (k, v) in map where !known.contains(k) { fail(v, k, "unknown key (known: \(known.joined(separator: ", ")))") }
            let name = string(map, "name", required: true, in: root) ?? ""
            var categories: [CandidateCategory]? = nil
            if let node = value(map, "categories") {
                if case .sequence(let seq) = node {
                    var listed: [CandidateCategory] = []
                    for item in seq {
                        if let s = item.string, let c = CandidateCategory(rawValue: s) { listed.append(c) }
                        else { fail(item, "categories", "'\(item.string ?? "…")' is not a category (\(CandidateCategory.allCases.map(\.rawValue).joined(separator: ", ")))") }
                    }
                    categories = listed
                } else { fail(node, "categories", "must be a list, e.g. [sei_inorganic, sei_hybrid]") }
            }
            let method = string(map, "method", in: root) ?? "topsis"
            if !ProfileLoader.methods.contains(method) {
                fail(value(map, "method"), "method", "'\(method)' is not a method (\(ProfileLoader.methods.joined(separator: ", ")))")
            }
            let normalization = string(map, "normalization", in: root)
            if let n = normalization, !ProfileLoader.normalizations.contains(n) {
                fail(value(map, "normalization"), "normalization", "'\(n)' is not a normalization (\(ProfileLoader.normalizations.joined(separator: ", ")))")
            }
            var parameters: [String: Double] = [:]
            if let node = value(map, "parameters") {
                if let pm = mapping(node) { for (k, v) in pm { if let x = number(v, "parameters.\(k)") { parameters[k] = x } } }
                else { fail(node, "parameters", "must be a mapping, e.g. {v: 0.5}") }
                // The method's own check (unknown parameter, value out of range), with this line.
                if ProfileLoader.methods.contains(method) {
                    do { _ = try RankingMethods.make(name: method, parameters: parameters.mapValues { .number($0) }) } catch {
                        fail(node, "parameters", "\(error)")
                    }
                }
            }
            var relations: [String] = []
            if let node = value(map, "relations") {
                if case .sequence(let items) = node {
                    for item in items {
                        guard let text = item.string else { fail(item, "relations", "each relation is a formula such as \"y ~ x\""); continue }
                        do { _ = try Formula(text); relations.append(text) } catch let e as FormulaError { fail(item, "relations", e.description) } catch {}
                    }
                } else { fail(node, "relations", "must be a list of formulas") }
            }
            let defaults = mapping(value(map, "defaults")) ?? []
            guard let criteriaNode = value(map, "criteria"), case .sequence(let items) = criteriaNode, !items.isEmpty else {
                fail(value(map, "criteria") ?? root, "criteria", "required: a list of criteria")
                return nil
            }
            var criteria: [(Criterion, Node)] = []
            for item in items { if let c = criterion(item, defaults: defaults) { criteria.append((c, item)) } }
            var seen: Set<String> = []
            for (c, node) in criteria where !seen.insert(c.label).inserted { fail(node, "label", "two criteria are labelled '\(c.label)'") }
            var notices: [String] = []
            let total = criteria.reduce(0) { $0 + $1.0.weight }
            // Only when every weight was valid: a weight already refused would be reported twice.
            if !criteria.isEmpty && total <= 0 && !problems.contains(where: { $0.field == "weight" }) {
                fail(criteriaNode, "weight", "the weights sum to 0")
            }
            var normalised = criteria.map(\.0)
            if total > 0 && abs(total - 1) > 1e-9 {
                notices.append("weights summed to \(formatForDisplay(total)); normalised to sum to 1")
                normalised = normalised.map { c in
                    Criterion(label: c.label, source: c.source, goal: c.goal, transform: c.transform, weight: c.weight / total,
                              combine: c.combine, prefer: c.prefer, minimum: c.minimum, maximum: c.maximum, missing: c.missing,
                              unit: c.unit, basis: c.basis, plausible: c.plausible, require: c.require, fallback: c.fallback, excludeFlagged: c.excludeFlagged, referenceState: c.referenceState)
                }
            }
            var minCoverage: Double? = nil
            if let node = value(map, "min_coverage") {
                if let x = number(node, "min_coverage") {
                    if x >= 0, x <= 1 { minCoverage = x } else { fail(node, "min_coverage", "must be a share of the weight between 0 and 1") }
                }
            }
            let scope = self.scope(map)
            var profile = Profile(name: name, description: string(map, "description", in: root), categories: categories,
                                  method: method, normalization: normalization, parameters: parameters, criteria: normalised,
                                  relations: relations, notices: notices, file: file, scope: scope)
            profile.minCoverage = minCoverage
            return profile
        }
    }
}

